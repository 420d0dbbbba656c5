//! Parsing patterns with long alternations of plain words.
//!
//! `regex_syntax` builds an AST node for every character of a pattern
//! before it translates the pattern to its HIR, which for the long
//! alternations of the rule files (month and day names in many languages,
//! several kilobytes per pattern) costs more than compiling the automaton.
//! [`parse`] parses the pattern with each long run of plain alternatives
//! replaced by a short placeholder group, and puts the run's HIR, built
//! directly from its words, where the placeholder is. The HIR's
//! constructors simplify the same children the same way, so the result is
//! the HIR the parser builds from the whole pattern (a unit test compares
//! both for every built-in pattern), and always one that matches the same
//! strings.
//!
//! A run is a sequence of consecutive alternatives of one group (or of the
//! whole pattern), each a non-empty string of characters with no meaning in
//! the syntax: no escapes, classes, groups, repetitions, anchors or `.`.
//! Patterns with flag groups (`(?i)`, `(?x:…)`) or named groups are parsed
//! whole, since flags change what a literal means, and so is any pattern
//! whose placeholders are not found back as written.

use std::fmt::Write as _;

use regex_automata::util::syntax;
use regex_syntax::hir::{Capture, Hir, HirKind, Repetition};

/// The name of the placeholder groups, followed by their number.
const PLACEHOLDER: &str = "deboil_literal_group_";

/// The placeholder group's content: not empty, so that a repetition of the
/// placeholder is kept as the repetition of the group would be.
const PLACEHOLDER_BODY: &str = "a";

/// Parses `pattern` with the same syntax options as
/// [`thompson::Compiler::build_many`](regex_automata::nfa::thompson::Compiler::build_many);
/// `None` if it is not valid.
pub(super) fn parse(pattern: &str) -> Option<Hir> {
    parse_runs(pattern, MIN_RUN_BYTES)
}

/// [`parse`], building the runs of plain alternatives of at least
/// `min_run` bytes directly.
fn parse_runs(pattern: &str, min_run: usize) -> Option<Hir> {
    let config = syntax::Config::new();
    if let Some((skeleton, groups)) = split(pattern, min_run) {
        if let Ok(hir) = syntax::parse_with(&skeleton, &config) {
            if let Some(hir) = fill(hir, &groups) {
                return Some(hir);
            }
        }
    }
    syntax::parse_with(pattern, &config).ok()
}

/// `pattern` with each long run of plain literal alternatives replaced by a
/// numbered placeholder group, and those runs' alternatives; `None` if there
/// is no such run or the pattern has a group with flags or a name.
fn split(pattern: &str, min_run: usize) -> Option<(String, Vec<Vec<&str>>)> {
    if pattern.contains(PLACEHOLDER) {
        return None;
    }
    let bytes = pattern.as_bytes();
    // The runs found, as byte ranges; the open alternations, innermost last.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut open = vec![Alternation::new(0)];
    let mut i = 0;
    // Only ASCII bytes are compared, and the pattern is only cut next to an
    // ASCII `(`, `|` or `)`, so every cut is at a character boundary.
    while i < bytes.len() {
        let current = open.last_mut()?;
        match bytes[i] {
            b'\\' => {
                current.plain = false;
                i += 2;
            }
            b'[' => {
                current.plain = false;
                i = class_end(bytes, i)?;
            }
            b'(' => {
                current.plain = false;
                let start = match (bytes.get(i + 1), bytes.get(i + 2)) {
                    (Some(b'?'), Some(b':')) => i + 3,
                    (Some(b'?'), _) => return None,
                    _ => i + 1,
                };
                open.push(Alternation::new(start));
                i = start;
            }
            b'|' => {
                current.next_alternative(pattern, i, min_run, &mut runs);
                i += 1;
            }
            b')' => {
                current.next_alternative(pattern, i, min_run, &mut runs);
                current.end_run(true, min_run, &mut runs);
                open.pop();
                i += 1;
            }
            b'.' | b'+' | b'*' | b'?' | b']' | b'{' | b'}' | b'^' | b'$' | b'#' => {
                current.plain = false;
                i += 1;
            }
            _ => i += 1,
        }
    }
    let mut top = open.pop()?;
    if !open.is_empty() {
        return None;
    }
    top.next_alternative(pattern, bytes.len(), min_run, &mut runs);
    top.end_run(true, min_run, &mut runs);
    if runs.is_empty() {
        return None;
    }
    runs.sort_unstable();
    let mut skeleton = String::with_capacity(pattern.len());
    let mut groups = Vec::with_capacity(runs.len());
    let mut copied = 0;
    for (start, end) in runs {
        skeleton.push_str(&pattern[copied..start]);
        let _ = write!(
            skeleton,
            "(?P<{PLACEHOLDER}{}>{PLACEHOLDER_BODY})",
            groups.len()
        );
        groups.push(pattern[start..end].split('|').collect());
        copied = end;
    }
    skeleton.push_str(&pattern[copied..]);
    Some((skeleton, groups))
}

/// Runs of plain alternatives shorter than this many bytes are parsed as
/// they are: the placeholder group is about as long.
const MIN_RUN_BYTES: usize = 32;

/// The alternatives of a group (or of the whole pattern) being scanned.
struct Alternation {
    /// Where the first alternative starts.
    first: usize,
    /// Where the current alternative starts.
    start: usize,
    /// Whether the current alternative is plain characters so far.
    plain: bool,
    /// The run of plain alternatives just before the current one.
    run: Option<Run>,
}

/// Consecutive plain alternatives.
#[derive(Clone, Copy)]
struct Run {
    start: usize,
    end: usize,
    alternatives: usize,
    /// The length of the longest alternative, in characters.
    longest_chars: usize,
}

impl Alternation {
    fn new(start: usize) -> Alternation {
        Alternation {
            first: start,
            start,
            plain: true,
            run: None,
        }
    }

    /// Ends the current alternative at `end` (a `|` or `)`, or the end of
    /// the pattern) in `pattern`.
    fn next_alternative(
        &mut self,
        pattern: &str,
        end: usize,
        min_run: usize,
        runs: &mut Vec<(usize, usize)>,
    ) {
        if self.plain && end > self.start {
            let run = self.run.get_or_insert(Run {
                start: self.start,
                end,
                alternatives: 0,
                longest_chars: 0,
            });
            run.end = end;
            run.alternatives += 1;
            run.longest_chars = run
                .longest_chars
                .max(pattern[self.start..end].chars().count());
        } else {
            self.end_run(false, min_run, runs);
        }
        self.start = end + 1;
        self.plain = true;
    }

    /// Keeps the run before the current alternative if it is at least
    /// `min_run` bytes long. `last`: the group ends after it.
    ///
    /// The HIR of several alternatives of one character each is a class,
    /// which would not be flattened into the group's other alternatives the
    /// way the parser does: such a run is kept only if it is the whole
    /// group.
    fn end_run(&mut self, last: bool, min_run: usize, runs: &mut Vec<(usize, usize)>) {
        let Some(run) = self.run.take() else {
            return;
        };
        let whole = last && run.start == self.first;
        let flattens = run.alternatives == 1 || run.longest_chars > 1;
        if run.end - run.start >= min_run && (whole || flattens) {
            runs.push((run.start, run.end));
        }
    }
}

/// The index just past the character class opening at `open`, nested
/// classes included; `None` if it is not closed.
fn class_end(bytes: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    'open: loop {
        // At a `[` opening a class: a `^` and then a `]` right after it are
        // part of the class.
        depth += 1;
        i += 1;
        if bytes.get(i) == Some(&b'^') {
            i += 1;
        }
        if bytes.get(i) == Some(&b']') {
            i += 1;
        }
        loop {
            match *bytes.get(i)? {
                b'\\' => i += 2,
                b'[' => continue 'open,
                b']' => {
                    i += 1;
                    depth -= 1;
                    if depth == 0 {
                        return Some(i);
                    }
                }
                _ => i += 1,
            }
        }
    }
}

/// The HIR of `skeleton` with each placeholder replaced by its group's HIR;
/// `None` unless every placeholder is found exactly once, as written.
fn fill(skeleton: Hir, groups: &[Vec<&str>]) -> Option<Hir> {
    let mut found = Found {
        groups,
        capture_indices: vec![None; groups.len()],
        seen: 0,
    };
    found.collect(&skeleton)?;
    if found.seen != groups.len() {
        return None;
    }
    let hir = found.replace(skeleton);
    Some(hir)
}

struct Found<'a, 'p> {
    groups: &'a [Vec<&'p str>],
    /// Per placeholder, its capture index.
    capture_indices: Vec<Option<u32>>,
    seen: usize,
}

impl Found<'_, '_> {
    /// The placeholder number of a capture group, if it is one.
    fn placeholder(&self, capture: &Capture) -> Option<usize> {
        let name = capture.name.as_deref()?;
        let n: usize = name.strip_prefix(PLACEHOLDER)?.parse().ok()?;
        (n < self.groups.len()).then_some(n)
    }

    /// Records where the placeholders are; `None` if one is there twice or
    /// not as written.
    fn collect(&mut self, hir: &Hir) -> Option<()> {
        if hir.properties().explicit_captures_len() == 0 {
            return Some(());
        }
        match hir.kind() {
            HirKind::Capture(capture) => match self.placeholder(capture) {
                Some(n) => {
                    let body = Hir::literal(PLACEHOLDER_BODY.as_bytes());
                    if self.capture_indices[n].is_some() || *capture.sub != body {
                        return None;
                    }
                    self.capture_indices[n] = Some(capture.index);
                    self.seen += 1;
                }
                None => self.collect(&capture.sub)?,
            },
            HirKind::Concat(subs) | HirKind::Alternation(subs) => {
                for sub in subs {
                    self.collect(sub)?;
                }
            }
            HirKind::Repetition(rep) => self.collect(&rep.sub)?,
            _ => {}
        }
        Some(())
    }

    /// `hir` with the placeholders replaced, rebuilt by the constructors
    /// the parser uses, and the other capture groups numbered as if the
    /// placeholders were not there.
    fn replace(&self, hir: Hir) -> Hir {
        if hir.properties().explicit_captures_len() == 0 {
            return hir;
        }
        if !matches!(
            hir.kind(),
            HirKind::Capture(_)
                | HirKind::Concat(_)
                | HirKind::Alternation(_)
                | HirKind::Repetition(_)
        ) {
            return hir;
        }
        match hir.into_kind() {
            HirKind::Capture(capture) => match self.placeholder(&capture) {
                Some(n) => Hir::alternation(
                    self.groups[n]
                        .iter()
                        .map(|alternative| Hir::literal(alternative.as_bytes()))
                        .collect(),
                ),
                None => {
                    let before = self
                        .capture_indices
                        .iter()
                        .filter(|&&i| i.is_some_and(|i| i < capture.index))
                        .count() as u32;
                    Hir::capture(Capture {
                        index: capture.index - before,
                        name: capture.name,
                        sub: Box::new(self.replace(*capture.sub)),
                    })
                }
            },
            HirKind::Concat(subs) => {
                Hir::concat(subs.into_iter().map(|sub| self.replace(sub)).collect())
            }
            HirKind::Alternation(subs) => {
                Hir::alternation(subs.into_iter().map(|sub| self.replace(sub)).collect())
            }
            HirKind::Repetition(rep) => Hir::repetition(Repetition {
                sub: Box::new(self.replace(*rep.sub)),
                ..rep
            }),
            // Not reached: the kinds were checked above.
            _ => Hir::fail(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(pattern: &str) -> Hir {
        syntax::parse_with(pattern, &syntax::Config::new()).unwrap()
    }

    fn runs_taken(pattern: &str) -> usize {
        split(pattern, 1).map_or(0, |(_, groups)| groups.len())
    }

    #[test]
    fn the_hir_is_the_parsers() {
        let patterns = [
            r"^(?:share|teilen|partager)$",
            r"share|teilen|partager",
            r"^(?:share|teilen) (?:on|auf) (?:facebook|x)$",
            r"^a(?:bc|bd)e",
            r"^a(?:bc)e",
            r"^(?:a|b|c)(?:d|e)$",
            r"^(?:ab|ac)+$",
            r"^(?:ab|ac)*x(?:y|zz){2,3}$",
            r"^(?:ab|ac){0}x$",
            r"^(?:ab|ac){1}x$",
            r"^(?:abc){2}x$",
            r"^(?:a|(?:bc|bd))$",
            r"^(?:x(?:bc|bd)|x(?:bc|be))$",
            r"^(?:x(?:bc|bd)|x(?:bc|bd))$",
            r"^(?:(?:published|updated) on|date|day|time) [0-9٠-٩]+$",
            r"^(?:jan(?:uary)?|feb|march|apr(?:il)?|may|june?|july|aug)\.? [0-9]{4}$",
            r"^(?:a|b|c[de]|f|g)$",
            r"^(?:é|ü|日本|русский|ß)$",
            r"^\(?(?:photo|image) (?:by|von) .+$",
            r"^[(?:ab|cd)](?:ef|gh)$",
            r"^[]a(?:x|y)](?:ef|gh)$",
            r"^[^]a](?:ef|gh)$",
            r"^[[:alpha:](?:x|y)](?:ef|gh)$",
            r"^[a[b(?:c|d)]](?:ef|gh)$",
            r"^[a&&[^b]|c](?:ef|gh)$",
            r"^\[(?:ef|gh)\]$",
            r"^(x)(?:ef|gh)(y)(?:ij|kl)(z)$",
            r"^((?:ef|gh))$",
            r"^(ef|gh|ij)(k)$",
            r"^(?:e-mail|e mail|a,b|c'd|x/y|&|~|-|<|>|=|!|@|%|;|`)$",
            r"^(?:ab||cd|ef)$",
            r"^(?:ab|)$",
            r"^(?:|ab)$",
            r"^(?:ab)$",
            r"^(?:ab|cd)?$",
            r"\b(?:cookie|cookies)\b",
            r"^(?:ab|cd)\b(?:ef|gh)$",
        ];
        for pattern in patterns {
            let expected = whole(pattern);
            assert_eq!(parse_runs(pattern, 1).unwrap(), expected, "{pattern}");
            assert_eq!(parse(pattern).unwrap(), expected, "{pattern}");
        }
        assert_eq!(runs_taken(r"^(?:ab|cd)(?:e|f)$"), 2);
        assert_eq!(runs_taken(r"^(?:ab|c.|d|e|f[g]|h)$"), 2);
        assert_eq!(runs_taken(r"^(?:ab|c.|dd|e|f[g]|h)$"), 3);
        assert_eq!(runs_taken(r"^[(?:ab|cd)]$"), 0);
        assert_eq!(runs_taken(r"^\(?(?:ab|cd)$"), 1);
        assert_eq!(runs_taken(r"^\(?:ab|cd)$"), 0);
        assert_eq!(runs_taken(r"^(?:ab|cd"), 0);
        assert_eq!(runs_taken(r"^(?:a|bc|d)e|f$"), 1);
        let short = r"^(?:ab|cd)$";
        assert!(split(short, MIN_RUN_BYTES).is_none());
    }

    #[test]
    fn flags_and_named_groups_are_parsed_whole() {
        for pattern in [
            r"(?i)^(?:share|teilen)$",
            r"^(?i:share|teilen)$",
            r"^(?x)(?:share|te ilen)$",
            r"^(?P<n>ab)(?:share|teilen)$",
            r"^(?<n>ab)(?:share|teilen)$",
            r"^(?:share|deboil_literal_group_0)$",
        ] {
            assert_eq!(runs_taken(pattern), 0, "{pattern}");
            assert_eq!(parse_runs(pattern, 1).unwrap(), whole(pattern), "{pattern}");
        }
    }

    #[test]
    fn invalid_patterns_are_errors() {
        for pattern in [
            "(",
            ")",
            "^(?:ab|cd",
            "^(?:ab|cd))",
            "^(?:ab|cd)[",
            "^(?:ab|cd)\\",
            "(?:ab|cd){2,1}",
            "*(?:ab|cd)",
        ] {
            assert!(parse_runs(pattern, 1).is_none(), "{pattern}");
        }
    }
}
