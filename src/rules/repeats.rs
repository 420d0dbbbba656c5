//! Repeats: a line (typically the title) that occurs again verbatim.
//!
//! Matching is on whole documents, so this family works in the decision
//! stage (see [`repeated_line`]); its data holds only the generic
//! "back to top" style lines that repeat on every page.

use super::Family;

/// The `repeats` family.
pub const FAMILY: Family = Family {
    name: "repeats",
    data: include_str!("data/repeats.rules"),
    shapes: &[],
};

#[cfg(test)]
mod tests {
    use crate::rules::testutil::*;

    #[test]
    fn matches_residue() {
        assert_family("repeats", &["Back to top"]);
    }

    #[test]
    fn keeps_prose_with_trigger_words() {
        assert_no_drop(&[]);
    }
}
