//! A parser for the common subset of the pattern syntax, building the HIR
//! without an AST.
//!
//! It handles literal characters, groups (`(…)`, `(?:…)`), alternation and
//! repetition (`?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`, each maybe lazy), the
//! pieces of a pattern the rule files are mostly made of. Every other atom
//! (an escape, a class, `.`, `^`, `$`) means the same wherever it is when no
//! flag is set, so it is parsed alone by `regex_syntax` (once per distinct
//! atom) and its HIR put in place. The HIR is put together by the same
//! constructors the parser's translator calls, in the same order, so it is
//! the HIR the parser builds (a unit test compares both for every built-in
//! pattern). Anything else, such as flags, named groups, nested classes,
//! class set operations, empty groups or alternatives, a repeated
//! repetition, or groups nested deep enough to near the parser's nesting
//! limit, makes [`parse`] return `None`, and the caller parses the whole
//! pattern with `regex_syntax`.

use std::collections::HashMap;

use regex_automata::util::syntax;
use regex_syntax::hir::{Capture, Hir, HirKind, Repetition};

/// Groups nested deeper than this are left to `regex_syntax`, so that its
/// nesting limit (250 by default) is never reached in a pattern parsed here.
/// The parser counts a level for each group, alternation, concatenation,
/// repetition and class: at most 4 per group (`(?:x|y(?:…)+)`), 2 at the
/// top and 3 for the innermost atom (a repeated class, without set
/// operations, which are left to the parser), so at most 4 × 60 + 5 = 245.
const MAX_DEPTH: usize = 60;

/// The HIR of the atoms parsed alone, by their text.
pub(super) type Atoms<'p> = HashMap<&'p str, Hir>;

/// The HIR of `pattern`, if it is in the subset this parser handles;
/// `atoms` keeps the HIR of the atoms parsed alone, for the next patterns.
pub(super) fn parse<'p>(pattern: &'p str, atoms: &mut Atoms<'p>) -> Option<Hir> {
    let mut parser = Parser {
        pattern,
        bytes: pattern.as_bytes(),
        at: 0,
        captures: 0,
        depth: 0,
        atoms,
    };
    let hir = parser.alternation()?;
    (parser.at == parser.bytes.len()).then_some(hir)
}

struct Parser<'p, 'a> {
    pattern: &'p str,
    bytes: &'p [u8],
    at: usize,
    captures: u32,
    depth: usize,
    atoms: &'a mut Atoms<'p>,
}

impl<'p> Parser<'p, '_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Alternatives up to the end of the pattern or a `)`, which is left.
    fn alternation(&mut self) -> Option<Hir> {
        let mut alternatives = vec![self.concat()?];
        while self.peek() == Some(b'|') {
            self.at += 1;
            alternatives.push(self.concat()?);
        }
        Some(if alternatives.len() == 1 {
            alternatives.pop()?
        } else {
            Hir::alternation(alternatives)
        })
    }

    /// One alternative: up to the end of the pattern, a `|` or a `)`.
    fn concat(&mut self) -> Option<Hir> {
        let mut items: Vec<Hir> = Vec::new();
        // Literal characters not yet in `items`, and where the last starts.
        let mut literal: Vec<u8> = Vec::new();
        let mut last_char = 0;
        // Whether the last thing parsed can take a repetition.
        let mut repeatable = false;
        while let Some(b) = self.peek() {
            match b {
                b'|' | b')' => break,
                b'(' => {
                    flush(&mut literal, &mut items);
                    items.push(self.group()?);
                    repeatable = true;
                }
                b'?' | b'*' | b'+' | b'{' => {
                    if !repeatable {
                        return None;
                    }
                    let sub = if literal.is_empty() {
                        items.pop()?
                    } else {
                        let sub = Hir::literal(&literal[last_char..]);
                        literal.truncate(last_char);
                        flush(&mut literal, &mut items);
                        sub
                    };
                    let (min, max) = self.counts()?;
                    let greedy = self.peek() != Some(b'?');
                    if !greedy {
                        self.at += 1;
                    }
                    items.push(Hir::repetition(Repetition {
                        min,
                        max,
                        greedy,
                        sub: Box::new(sub),
                    }));
                    repeatable = false;
                }
                b'\\' | b'[' | b'.' | b'^' | b'$' => {
                    flush(&mut literal, &mut items);
                    let (hir, anchor) = self.atom()?;
                    items.push(hir);
                    repeatable = !anchor;
                }
                b']' | b'}' => return None,
                _ => {
                    let len = utf8_len(b);
                    let end = self.at + len;
                    if end > self.bytes.len() {
                        return None;
                    }
                    last_char = literal.len();
                    literal.extend_from_slice(&self.bytes[self.at..end]);
                    self.at = end;
                    repeatable = true;
                }
            }
        }
        flush(&mut literal, &mut items);
        if items.is_empty() {
            return None;
        }
        if items.len() == 1 {
            // What `Hir::concat` would return, without the copies.
            return items.pop();
        }
        // The translator leaves empty expressions out of a concatenation.
        items.retain(|item| !matches!(item.kind(), HirKind::Empty));
        Some(Hir::concat(items))
    }

    /// A group, from its `(` to its `)`.
    fn group(&mut self) -> Option<Hir> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let index = if self.bytes.get(self.at + 1) == Some(&b'?') {
            if self.bytes.get(self.at + 2) != Some(&b':') {
                return None;
            }
            self.at += 3;
            None
        } else {
            self.at += 1;
            self.captures += 1;
            Some(self.captures)
        };
        let sub = self.alternation()?;
        if self.peek() != Some(b')') {
            return None;
        }
        self.at += 1;
        self.depth -= 1;
        Some(match index {
            None => sub,
            Some(index) => Hir::capture(Capture {
                index,
                name: None,
                sub: Box::new(sub),
            }),
        })
    }

    /// The counts of the repetition operator here.
    fn counts(&mut self) -> Option<(u32, Option<u32>)> {
        let op = self.peek()?;
        self.at += 1;
        Some(match op {
            b'?' => (0, Some(1)),
            b'*' => (0, None),
            b'+' => (1, None),
            _ => {
                let min = self.number()?;
                let max = match self.peek()? {
                    b'}' => Some(min),
                    b',' => {
                        self.at += 1;
                        if self.peek()? == b'}' {
                            None
                        } else {
                            let max = self.number()?;
                            if max < min {
                                return None;
                            }
                            Some(max)
                        }
                    }
                    _ => return None,
                };
                if self.peek()? != b'}' {
                    return None;
                }
                self.at += 1;
                (min, max)
            }
        })
    }

    /// A count of at most four digits.
    fn number(&mut self) -> Option<u32> {
        let start = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        if self.at == start || self.at - start > 4 {
            return None;
        }
        self.pattern[start..self.at].parse().ok()
    }

    /// An escape, a class, `.`, `^` or `$`, parsed alone; and whether it is
    /// an anchor.
    fn atom(&mut self) -> Option<(Hir, bool)> {
        let start = self.at;
        let end = match self.bytes[start] {
            b'[' => {
                // Nested classes and set operations (`&&`, `--`, `~~`),
                // which nest in the parser, are left to it.
                let end = class_end(self.bytes, start)?;
                let mut i = start + 1;
                while i < end {
                    match self.bytes[i] {
                        b'\\' => i += 2,
                        b'[' => return None,
                        b @ (b'&' | b'-' | b'~') if self.bytes[i + 1] == b => return None,
                        _ => i += 1,
                    }
                }
                end
            }
            b'\\' => {
                let next = *self.bytes.get(start + 1)?;
                match next {
                    b'p' | b'P' if self.bytes.get(start + 2) == Some(&b'{') => {
                        start + 3 + self.bytes[start + 3..].iter().position(|&b| b == b'}')? + 1
                    }
                    b'p' | b'P' => start + 3,
                    b'x' | b'u' | b'U' | b'0'..=b'9' => return None,
                    _ if next.is_ascii() => start + 2,
                    _ => return None,
                }
            }
            _ => start + 1,
        };
        let text = self.pattern.get(start..end)?;
        self.at = end;
        let hir = match self.atoms.get(text) {
            Some(hir) => hir.clone(),
            None => {
                let hir = syntax::parse_with(text, &syntax::Config::new()).ok()?;
                self.atoms.insert(text, hir.clone());
                hir
            }
        };
        let anchor = matches!(hir.kind(), HirKind::Look(_));
        Some((hir, anchor))
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

/// Moves the pending literal characters into `items`.
fn flush(literal: &mut Vec<u8>, items: &mut Vec<Hir>) {
    if !literal.is_empty() {
        items.push(Hir::literal(std::mem::take(literal)));
    }
}

/// The length of the UTF-8 character starting with `b`.
fn utf8_len(b: u8) -> usize {
    match b {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(pattern: &str) -> Option<Hir> {
        syntax::parse_with(pattern, &syntax::Config::new()).ok()
    }

    fn direct(pattern: &str) -> Option<Hir> {
        parse(pattern, &mut Atoms::new())
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
            r"^(?:abc){2}x{3,}y{0,1}?z*?w+?$",
            r"^hours?|hrs?|h$",
            r"^jan(?:uary)?|feb(?:ruary)?|sep(?:t(?:ember)?)?$",
            r"^(?:a|(?:bc|bd))$",
            r"^(?:x(?:bc|bd)|x(?:bc|be))$",
            r"^(?:x(?:bc|bd)|x(?:bc|bd))$",
            r"^(?:(?:published|updated) on|date|day|time) [0-9٠-٩]+$",
            r"^(?:a|b|c[de]|f|g)$",
            r"^(?:é|ü|日本|русский|ß)$",
            r"^é+ü?日本{2}$",
            r"^\(?(?:photo|image) (?:by|von) .+$",
            r"^[(?:ab|cd)](?:ef|gh)$",
            r"^[]a(?:x|y)](?:ef|gh)$",
            r"^[^]a](?:ef|gh)$",
            r"^[\]a-](?:ef|gh)$",
            r#"^[^>›»/|\[\]{}()$=;<"%, ]+$"#,
            r"^\[(?:ef|gh)\]$",
            r"^(x)(?:ef|gh)(y)(?:ij|kl)(z)$",
            r"^((?:ef|gh))$",
            r"^(ef|gh|ij)(k)$",
            r"^(?:e-mail|e mail|a,b|c'd|x/y|&|~|-|<|>|=|!|@|%|;|`|#)$",
            r"\b(?:cookie|cookies)\b",
            r"^(?:ab|cd)\b(?:ef|gh)\B$",
            r"^\p{Lu}\p{Ll}+ \pL\PL \P{Han}$",
            r"^\s+\S*\d\D\w\W\.\-\|\(\)\{\}\[\]\^\$\*\+\?\\$",
            r"^\t\n\A\z$",
            r"^.+.*?.$",
            r"^a{0}b{0,0}c{1,1}(?:x){0}$",
        ];
        for pattern in patterns {
            let ours = direct(pattern);
            assert!(ours.is_some(), "not parsed directly: {pattern}");
            assert_eq!(ours, whole(pattern), "{pattern}");
        }
    }

    #[test]
    fn other_patterns_are_left_to_the_parser() {
        for pattern in [
            r"(?i)^(?:share|teilen)$",
            r"^(?i:share|teilen)$",
            r"^(?x)(?:share|te ilen)$",
            r"^(?P<n>ab)(?:share|teilen)$",
            r"^(?<n>ab)(?:share|teilen)$",
            r"^(?:ab|)$",
            r"^(?:|ab)$",
            r"^()$",
            r"^a**$",
            r"^a+?+$",
            r"^^*$",
            r"^\b+$",
            r"^[a[b]]$",
            r"^[a&&b]$",
            r"^[a--b]$",
            r"^[a~~b]$",
            r"^[[:alpha:]]$",
            r"^\x41\u0041$",
            r"^\1$",
            r"^a{2,1}$",
            r"^a{99999}$",
            r"^a{,2}$",
            r"^a{2$",
            r"^a{ 2}$",
            r"^a}$",
            r"^a]$",
            "(",
            ")",
            "*a",
            "^(?:ab|cd",
            "^(?:ab|cd))",
            "^(?:ab|cd)[",
            "^(?:ab|cd)\\",
        ] {
            assert!(direct(pattern).is_none(), "{pattern}");
        }
    }

    #[test]
    fn atoms_are_parsed_once() {
        let mut atoms = Atoms::new();
        let pattern = r"^[0-9]+ (?:[0-9]+|\s) [0-9]+\s$";
        assert_eq!(parse(pattern, &mut atoms), whole(pattern));
        assert_eq!(atoms.len(), 4);
    }
}
