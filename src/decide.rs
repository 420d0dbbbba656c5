//! Decisions for the lines of one document (or one window of a document too
//! large to hold): per-line analysis, rule matching, then context.
//!
//! Data flows one way: bytes → text and key → features → rule hit → context
//! passes → a keep/drop decision with a reason per line. Blank lines are not
//! decided here; the emitter resolves them once it knows their neighbours.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::features::LineFeatures;
use crate::lines::{is_blank, without_terminator};
use crate::normalize::key_into;
use crate::reason::{self, ReasonId};
use crate::rules::{Action, LineView, RuleSet};

/// One line of the current document window.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LineRec {
    /// Byte range of the line in the window buffer, terminator included.
    pub start: usize,
    pub end: usize,
    pub blank: bool,
    pub features: LineFeatures,
    /// The first matching rule and its action.
    pub hit: Option<(u32, Action)>,
    /// A hash of the matching key (0 for an empty key).
    pub key_hash: u64,
    pub keep: bool,
    pub reason: ReasonId,
}

impl LineRec {
    pub(crate) fn new(start: usize, end: usize) -> LineRec {
        LineRec {
            start,
            end,
            blank: false,
            features: LineFeatures::default(),
            hit: None,
            key_hash: 0,
            keep: true,
            reason: reason::TEXT,
        }
    }

    fn drop_hit(&self) -> bool {
        matches!(self.hit, Some((_, Action::Drop)))
    }

    fn keep_hit(&self) -> bool {
        matches!(self.hit, Some((_, Action::Keep)))
    }

    /// A short line without sentence shape: a label, a menu item, a heading.
    fn is_short(&self) -> bool {
        let f = &self.features;
        f.effective_words() <= SHORT_WORDS && !f.ends_sentence
    }
}

/// Lines of at most this many words count as short labels.
const SHORT_WORDS: u32 = 4;
/// A run of short lines this long, outside the main text, is a menu or rail.
const MIN_RUN: usize = 3;

/// Reusable buffers for deciding documents.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    key: String,
    seen: HashSet<u64>,
}

/// Analyses and decides every line of `lines`, whose ranges index `buf`.
pub(crate) fn decide(rules: &RuleSet, buf: &[u8], lines: &mut [LineRec], scratch: &mut Scratch) {
    for line in lines.iter_mut() {
        analyse(rules, buf, line, &mut scratch.key);
    }
    apply_rules(lines);
    apply_context(lines);
    apply_repeats(lines, &mut scratch.seen);
}

fn analyse(rules: &RuleSet, buf: &[u8], line: &mut LineRec, key: &mut String) {
    let content = without_terminator(&buf[line.start..line.end]);
    if is_blank(content) {
        line.blank = true;
        return;
    }
    let (text, invalid) = match std::str::from_utf8(content) {
        Ok(s) => (Cow::Borrowed(s), false),
        Err(_) => (String::from_utf8_lossy(content), true),
    };
    let text = text.trim();
    line.features = LineFeatures::measure(text, invalid);
    key_into(text.as_bytes(), key);
    line.key_hash = if key.is_empty() { 0 } else { fnv1a(key.as_bytes()) };
    let view = LineView {
        text,
        key,
        features: &line.features,
    };
    line.hit = rules
        .first_match(&view)
        .map(|id| (id.0, rules.rule(id).action()));
}

fn apply_rules(lines: &mut [LineRec]) {
    for line in lines.iter_mut().filter(|l| !l.blank) {
        if let Some((rule, Action::Drop | Action::Keep)) = line.hit {
            line.keep = !line.drop_hit();
            line.reason = ReasonId(reason::FIRST_RULE + rule as u16);
        }
    }
}

/// Where the main text is: the first and last line that reads as prose.
fn main_span(lines: &[LineRec]) -> Option<(usize, usize)> {
    let mut prose = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.blank && l.keep && l.features.is_prose())
        .map(|(i, _)| i);
    let first = prose.next()?;
    let last = prose.last().unwrap_or(first);
    Some((first, last))
}

fn apply_context(lines: &mut [LineRec]) {
    let Some((first, last)) = main_span(lines) else {
        return;
    };
    // Before the main text: runs of short labels are menus.
    drop_short_runs(&mut lines[..first], reason::MENU_RUN);
    // After the main text: a rail header starts residue; runs of short
    // lines are rails and footers.
    let tail = &mut lines[last + 1..];
    if let Some(h) = tail
        .iter()
        .position(|l| matches!(l.hit, Some((_, Action::Rail))))
    {
        for line in tail[h..].iter_mut().filter(|l| !l.blank && !l.keep_hit()) {
            if line.keep {
                line.keep = false;
                line.reason = reason::RAIL;
            }
        }
    }
    drop_short_runs(tail, reason::TAIL_RUN);
}

/// Drops runs of at least [`MIN_RUN`] short, undecided lines (blank lines
/// do not break a run).
fn drop_short_runs(lines: &mut [LineRec], why: ReasonId) {
    let mut run: Vec<usize> = Vec::new();
    let flush = |run: &mut Vec<usize>, lines: &mut [LineRec]| {
        if run.len() >= MIN_RUN {
            for &i in run.iter() {
                lines[i].keep = false;
                lines[i].reason = why;
            }
        }
        run.clear();
    };
    for i in 0..lines.len() {
        let l = &lines[i];
        if l.blank {
            continue;
        }
        if l.hit.is_some() && !l.keep {
            // Residue found by a rule belongs to the run without counting.
            continue;
        }
        if l.keep && l.hit.is_none() && l.is_short() {
            run.push(i);
        } else {
            flush(&mut run, lines);
        }
    }
    flush(&mut run, lines);
}

/// Drops later verbatim repeats of a line of at least three words.
fn apply_repeats(lines: &mut [LineRec], seen: &mut HashSet<u64>) {
    seen.clear();
    for line in lines.iter_mut() {
        if line.blank || line.key_hash == 0 || line.features.effective_words() < 3 {
            continue;
        }
        if seen.contains(&line.key_hash) {
            if line.keep && !line.keep_hit() {
                line.keep = false;
                line.reason = reason::REPEAT;
            }
        } else if seen.len() < MAX_REMEMBERED {
            seen.insert(line.key_hash);
        }
    }
}

/// How many distinct lines a document remembers for repeat detection.
const MAX_REMEMBERED: usize = 1 << 16;

/// FNV-1a: a small, fast hash for line keys.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h | 1
}
