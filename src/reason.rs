//! Why a line was kept or dropped: stable reason codes.
//!
//! Every decision carries a [`Reason`]. Rules give their own (`family.rule`,
//! such as `consent.cookie-banner`); decisions made from a line's context
//! have the fixed codes listed in [`CONTEXT_REASONS`].

use std::fmt;

/// Why a line was kept or dropped.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Reason {
    id: u16,
    family: String,
    name: String,
    code: String,
}

impl Reason {
    pub(crate) fn new(id: usize, family: &str, name: &str) -> Reason {
        Reason {
            id: id as u16,
            family: family.to_string(),
            name: name.to_string(),
            code: format!("{family}.{name}"),
        }
    }

    /// The family: a rule family such as `consent`, or one of `content`,
    /// `blank`, `document`, `context`.
    pub fn family(&self) -> &str {
        &self.family
    }

    /// The name within the family, such as `cookie-banner`.
    pub fn name(&self) -> &str {
        &self.name
    }

    pub(crate) fn id(&self) -> ReasonId {
        ReasonId(self.id)
    }

    /// The stable code, `family.name`.
    pub fn code(&self) -> &str {
        &self.code
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)
    }
}

/// Index of a reason in a cleaner's reason table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct ReasonId(pub(crate) u16);

macro_rules! context_reasons {
    ($($id:ident = $n:expr, $family:expr, $name:expr, $doc:expr;)*) => {
        $(#[doc = $doc] pub(crate) const $id: ReasonId = ReasonId($n);)*
        /// The reasons that are not rules: `(family, name, meaning)`.
        pub const CONTEXT_REASONS: &[(&str, &str, &str)] = &[$(($family, $name, $doc)),*];
    };
}

context_reasons! {
    TEXT = 0, "content", "text", "kept: no rule matched and its context is main text";
    BLANK_KEPT = 1, "blank", "separator", "kept: blank line between two kept lines";
    BLANK_DROPPED = 2, "blank", "edge", "dropped: blank line next to dropped lines or at an end";
    SEPARATOR = 3, "document", "separator", "kept: the line that separates documents";
    LONG_LINE = 4, "content", "long-line", "kept: longer than the line cap, streamed through";
    MENU_RUN = 5, "navigation", "menu-run", "dropped: in a run of short labels before the main text";
    TAIL_RUN = 6, "context", "after-main", "dropped: in a run of short lines after the main text";
    RAIL = 7, "rails", "after-header", "dropped: in a rail started by a header after the main text";
    REPEAT = 8, "repeats", "verbatim", "dropped: repeats an earlier line of the document";
    LOW_SCORE = 9, "context", "low-score", "dropped: the scorer rates it as residue from its context";
    TITLE = 10, "content", "title", "kept: the heading right before the main text";
}

/// Number of context reasons; rule reasons follow them in the table.
pub(crate) const FIRST_RULE: u16 = CONTEXT_REASONS.len() as u16;
