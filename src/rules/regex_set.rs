//! A set of regular expressions matched together, searched forward only.
//!
//! The `regex` crate's `RegexSet` also compiles a reverse automaton and
//! other engines it needs to report where matches start, which deboil never
//! asks for; that doubles the work at start-up. This set compiles one
//! forward NFA, searches it with a lazy DFA, and falls back to the PikeVM
//! in the rare case the lazy DFA gives up. Patterns use the same syntax and
//! defaults as the `regex` crate.

mod direct;

use std::panic::{RefUnwindSafe, UnwindSafe};

use regex_automata::hybrid::dfa::{self, DFA};
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::nfa::thompson::{self, NFA, WhichCaptures};
use regex_automata::util::pool::Pool;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, MatchKind, PatternSet};

/// The per-search state of both engines.
#[derive(Clone, Debug)]
struct Caches {
    dfa: dfa::Cache,
    pikevm: pikevm::Cache,
}

type MakeCaches = Box<dyn Fn() -> Caches + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// Compiled patterns; see the module documentation.
pub(crate) struct RegexSet {
    len: usize,
    /// Every pattern starts with `^`, so searches are anchored.
    anchored: bool,
    dfa: DFA,
    pikevm: PikeVM,
    caches: Pool<Caches, MakeCaches>,
}

impl RegexSet {
    /// Compiles `patterns`; `cache_bytes` bounds the lazy DFA's memory.
    pub(crate) fn new(patterns: &[String], cache_bytes: usize) -> Result<RegexSet, String> {
        let mut compiler = thompson::Compiler::new();
        compiler.configure(thompson::Config::new().which_captures(WhichCaptures::None));
        // Most patterns are parsed by `direct`, the others by the parser
        // the compiler would use (same options); both give the same HIR.
        let mut atoms = direct::Atoms::new();
        let config = syntax::Config::new();
        let hirs: Option<Vec<_>> = patterns
            .iter()
            .map(|p| direct::parse(p, &mut atoms).or_else(|| syntax::parse_with(p, &config).ok()))
            .collect();
        let nfa = match hirs {
            Some(hirs) => compiler.build_many_from_hir(&hirs),
            // The compiler parses again, to report the error as it would.
            None => compiler.build_many(patterns),
        }
        .map_err(|e| e.to_string())?;
        RegexSet::from_nfa(nfa, patterns.len(), cache_bytes)
    }

    fn from_nfa(nfa: NFA, len: usize, cache_bytes: usize) -> Result<RegexSet, String> {
        let anchored = len > 0 && nfa.is_always_start_anchored();
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .cache_capacity(cache_bytes)
                    .skip_cache_capacity_check(true)
                    .unicode_word_boundary(true),
            )
            .build_from_nfa(nfa.clone())
            .map_err(|e| e.to_string())?;
        let pikevm = PikeVM::builder()
            .configure(PikeVM::config().match_kind(MatchKind::All))
            .build_from_nfa(nfa)
            .map_err(|e| e.to_string())?;
        Ok(RegexSet {
            len,
            anchored,
            caches: cache_pool(&dfa, &pikevm),
            dfa,
            pikevm,
        })
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn input<'h>(&self, text: &'h str) -> Input<'h> {
        let anchored = if self.anchored {
            Anchored::Yes
        } else {
            Anchored::No
        };
        Input::new(text).anchored(anchored)
    }

    /// True if any pattern matches somewhere in `text`.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        if self.is_empty() {
            return false;
        }
        let input = self.input(text).earliest(true);
        let mut caches = self.caches.get();
        match self.dfa.try_search_fwd(&mut caches.dfa, &input) {
            Ok(found) => found.is_some(),
            Err(_) => self.pikevm.is_match(&mut caches.pikevm, input),
        }
    }

    /// The indices of the patterns that match somewhere in `text`, in
    /// increasing order.
    pub(crate) fn matches(&self, text: &str) -> PatternSet {
        let mut found = PatternSet::new(self.len);
        if self.is_empty() {
            return found;
        }
        let input = self.input(text);
        let mut caches = self.caches.get();
        if self
            .dfa
            .try_which_overlapping_matches(&mut caches.dfa, &input, &mut found)
            .is_err()
        {
            found.clear();
            self.pikevm
                .which_overlapping_matches(&mut caches.pikevm, &input, &mut found);
        }
        found
    }
}

impl Clone for RegexSet {
    fn clone(&self) -> RegexSet {
        RegexSet {
            len: self.len,
            anchored: self.anchored,
            dfa: self.dfa.clone(),
            pikevm: self.pikevm.clone(),
            caches: cache_pool(&self.dfa, &self.pikevm),
        }
    }
}

/// A pool of search caches for `dfa` and `pikevm`, one per thread at a time.
fn cache_pool(dfa: &DFA, pikevm: &PikeVM) -> Pool<Caches, MakeCaches> {
    let (dfa, pikevm) = (dfa.clone(), pikevm.clone());
    Pool::new(Box::new(move || Caches {
        dfa: dfa.create_cache(),
        pikevm: pikevm.create_cache(),
    }))
}

impl std::fmt::Debug for RegexSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegexSet")
            .field("len", &self.len)
            .field("anchored", &self.anchored)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(patterns: &[&str]) -> RegexSet {
        let patterns: Vec<String> = patterns.iter().map(|p| p.to_string()).collect();
        RegexSet::new(&patterns, 1 << 20).unwrap()
    }

    fn agrees_with_the_regex_crate(patterns: &[&str], texts: &[&str]) {
        let ours = set(patterns);
        let theirs = regex::RegexSet::new(patterns).unwrap();
        for text in texts {
            assert_eq!(ours.is_match(text), theirs.is_match(text), "{text:?}");
            let a: Vec<usize> = ours.matches(text).iter().map(|p| p.as_usize()).collect();
            let b: Vec<usize> = theirs.matches(text).iter().collect();
            assert_eq!(a, b, "{text:?}");
        }
    }

    #[test]
    fn anchored_sets_match_like_the_regex_crate() {
        let patterns = [
            r"^(?:share|teilen)$",
            r"^[0-9]{1,2}:[0-9]{2}$",
            r"^(?:by|von) \p{Lu}\p{Ll}+$",
            r"^share",
        ];
        assert!(set(&patterns).anchored);
        let texts = [
            "share",
            "share this",
            "12:30",
            "x 12:30",
            "by Anna",
            "von Émile",
            "",
            "teilen",
        ];
        agrees_with_the_regex_crate(&patterns, &texts);
    }

    #[test]
    fn unanchored_and_word_boundary_patterns_match_like_the_regex_crate() {
        let patterns = [r"\bcookie\b", r"^menu$", r"(?i)newsletter"];
        assert!(!set(&patterns).anchored);
        let texts = [
            "we use cookies",
            "a cookie here",
            "un cookie ici été",
            "наш cookie тут",
            "menu",
            "Our NEWSLETTER",
            "",
        ];
        agrees_with_the_regex_crate(&patterns, &texts);
    }

    #[test]
    fn an_empty_set_matches_nothing() {
        let empty = set(&[]);
        assert!(empty.is_empty());
        assert!(!empty.is_match("anything"));
        assert_eq!(empty.matches("anything").len(), 0);
    }

    #[test]
    fn invalid_patterns_are_errors() {
        assert!(RegexSet::new(&["(".to_string()], 1 << 20).is_err());
        assert!(
            RegexSet::new(
                &["^(?:abc|def|ghi|jkl|mno|pqr|stu|vwx)(".to_string()],
                1 << 20
            )
            .is_err()
        );
    }

    /// Every built-in regex, by kind (key regexes first, then cased ones).
    fn builtin_patterns() -> (Vec<String>, Vec<String>) {
        let (mut key, mut cased) = (Vec::new(), Vec::new());
        for family in crate::rules::FAMILIES {
            for spec in crate::rules::format::parse(family.name, family.data).unwrap() {
                for p in spec.patterns {
                    match p.kind {
                        crate::rules::PatternKind::Regex => key.push(p.text),
                        crate::rules::PatternKind::CasedRegex => cased.push(p.text),
                        _ => {}
                    }
                }
            }
        }
        (key, cased)
    }

    #[test]
    fn builtin_patterns_parse_to_the_parsers_hir() {
        let (key, cased) = builtin_patterns();
        let config = syntax::Config::new();
        let mut atoms = direct::Atoms::new();
        for pattern in key.iter().chain(&cased) {
            let whole = syntax::parse_with(pattern, &config).unwrap();
            let ours = direct::parse(pattern, &mut atoms);
            assert!(ours.is_some(), "not parsed directly: {pattern}");
            assert!(ours.unwrap() == whole, "{pattern}");
        }
    }

    /// Lines of the corpus and lines written for the largest patterns (dates,
    /// times, read times, languages), in several cases.
    fn sample_lines() -> Vec<String> {
        let mut lines: Vec<String> = [
            "Published on 12 January 2024",
            "published on 12 january 2024, 10:30 am",
            "PUBLISHED ON 12 JANUARY 2024",
            "Updated: March 3, 2023 at 9:15",
            "Aktualisiert am 3. März 2023 um 14:05 Uhr",
            "Mis à jour le 3 févr. 2023 à 14h05",
            "Publicado el 3 de enero de 2024",
            "Pubblicato il 3 settembre 2023 alle 14:05",
            "opublikowano 3 października 2023",
            "Опубликовано 12 января 2024 г.",
            "Оновлено 12 січня 2024 року",
            "12 Ocak 2024 Cuma",
            "نشر في 12 يناير 2024",
            "١٢ يناير ٢٠٢٤",
            "2024年1月12日 10:30",
            "2024-01-12T10:30:00+01:00",
            "12.01.2024 um 10:30",
            "3 hours ago",
            "vor 3 Stunden",
            "il y a 2 jours",
            "hace 5 minutos",
            "3 小时前",
            "منذ 3 ساعات",
            "5 min read",
            "Lesezeit: 4 Minuten",
            "Temps de lecture : 4 min",
            "阅读时间 5 分钟",
            "By Anna Müller",
            "Von Émile Zola",
            "Written by John Smith",
            "Автор: Иван Петров",
            "Sign in",
            "Anmelden",
            "English Deutsch Français",
            "Previous Next",
            "Share on Facebook",
            "12 comments",
            "1.2k shares",
            "Photo: Reuters",
            "Current time 0:00",
            "Icon Facebook",
            "Powered by WordPress",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        for family in std::fs::read_dir(corpus).unwrap() {
            let family = family.unwrap().path();
            if !family.is_dir() {
                continue;
            }
            for file in std::fs::read_dir(family).unwrap() {
                let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
                lines.extend(text.lines().map(|l| l.trim().to_string()));
            }
        }
        let mut all = Vec::new();
        for line in lines {
            let mut key = String::new();
            crate::normalize::key_into(line.as_bytes(), &mut key);
            all.push(line.to_uppercase());
            all.push(line.to_lowercase());
            all.push(key);
            all.push(line);
        }
        all.sort();
        all.dedup();
        all
    }

    #[test]
    fn builtin_sets_match_like_sets_parsed_whole() {
        let (key, cased) = builtin_patterns();
        let lines = sample_lines();
        assert!(lines.len() > 1000, "{}", lines.len());
        // Each set matches some of the lines (the key set more: it is
        // meant for keys, the cased one for the original text).
        for (patterns, minimum) in [(key, 80), (cased, 10)] {
            let ours = RegexSet::new(&patterns, 1 << 20).unwrap();
            let nfa = thompson::Compiler::new()
                .configure(thompson::Config::new().which_captures(WhichCaptures::None))
                .build_many(&patterns)
                .unwrap();
            let whole = RegexSet::from_nfa(nfa, patterns.len(), 1 << 20).unwrap();
            let mut matched = 0;
            for line in &lines {
                let a: Vec<usize> = ours.matches(line).iter().map(|p| p.as_usize()).collect();
                let b: Vec<usize> = whole.matches(line).iter().map(|p| p.as_usize()).collect();
                assert_eq!(a, b, "{line:?}");
                assert_eq!(ours.is_match(line), whole.is_match(line), "{line:?}");
                matched += usize::from(!a.is_empty());
            }
            assert!(matched >= minimum, "{matched}");
        }
    }

    /// A small deterministic generator (splitmix64), enough for test data.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[self.below(items.len())]
        }
    }

    /// Pieces of patterns, rich in the syntax's edge cases: what `direct`
    /// parses, what it leaves to the parser, and what the parser rejects.
    const TOKENS: &[&str] = &[
        "a",
        "b",
        "z",
        "A",
        "Z",
        "é",
        "ß",
        "İ",
        "К",
        "日",
        "ع",
        "K",
        "0",
        "1",
        "9",
        " ",
        "|",
        "|",
        "(",
        "(",
        ")",
        ")",
        "(?:",
        "(?:",
        "(?i)",
        "(?i:",
        "(?x)",
        "(?s)",
        "(?m)",
        "(?U)",
        "(?-u)",
        "(?P<n>",
        "(?<m>",
        "?",
        "*",
        "+",
        "{",
        "}",
        "{2}",
        "{1,}",
        "{1,3}",
        "{3,1}",
        "{0}",
        "{0,0}",
        "{01}",
        "{,2}",
        "{ 2}",
        "{99999}",
        ",",
        "??",
        "*?",
        "+?",
        "\\",
        "\\d",
        "\\D",
        "\\b",
        "\\B",
        "\\s",
        "\\w",
        "\\.",
        "\\-",
        "\\ ",
        "\\#",
        "\\n",
        "\\A",
        "\\z",
        "\\<",
        "\\>",
        "\\b{start}",
        "\\x41",
        "\\x{e9}",
        "\\u00e9",
        "\\1",
        "\\0",
        "\\é",
        "\\y",
        "\\p{L}",
        "\\pL",
        "\\p{Lu}",
        "\\P{Greek}",
        "\\p{Foo}",
        "\\p",
        "\\p{",
        "[a-z]",
        "[^0-9]",
        "[[:alpha:]]",
        "[[:foo:]]",
        "[a&&b]",
        "[a--b]",
        "[a~~b]",
        "[]a]",
        "[^]a]",
        "[é-ü]",
        "[z-a]",
        "[\\]]",
        "[\\d-]",
        "[]",
        "[^]",
        "[",
        "]",
        ".",
        "^",
        "$",
        "#",
        "-",
        "&",
        "~",
        ":",
        "<",
        ">",
        "P",
    ];

    /// Characters inserted into built-in patterns by mutations.
    const CHARS: &[&str] = &[
        "a", "e", "é", "日", "0", "2", " ", "|", "(", ")", "?", ":", "*", "+", "{", "}", ",", "[",
        "]", "^", "-", "\\", ".", "$", "#", "&", "<", ">", "P", "p", "d", "b", "i", "x",
    ];

    /// A random sequence of tokens.
    fn random_pattern(rng: &mut Rng) -> String {
        let len = 1 + rng.below(12);
        (0..len).map(|_| rng.pick(TOKENS)).collect()
    }

    /// Atoms for `structured`: literals, escapes, classes and anchors.
    const ATOMS: &[&str] = &[
        "a",
        "b",
        "ab",
        "é",
        "ß",
        "İ",
        "К",
        "日本",
        "ع",
        "K",
        "0",
        " ",
        ",",
        "-",
        "#",
        ":",
        "\\d",
        "\\b",
        "\\B",
        "\\s",
        "\\w",
        "\\.",
        "\\|",
        "\\(",
        "\\n",
        "\\A",
        "\\z",
        "\\p{L}",
        "\\pL",
        "\\P{Greek}",
        "[a-z]",
        "[^0-9]",
        "[]a]",
        "[^]a]",
        "[é-ü]",
        "[\\]a-]",
        ".",
        "^",
        "$",
    ];

    /// Repetition operators for `structured`.
    const REPETITIONS: &[&str] = &[
        "?", "*", "+", "??", "*?", "+?", "{2}", "{0}", "{1}", "{0,0}", "{1,}", "{1,3}", "{2}?",
        "{0,1}?", "{01}",
    ];

    /// A pattern built from the grammar `direct` handles, with now and then
    /// a random token in it.
    fn structured(rng: &mut Rng, depth: usize) -> String {
        let mut pattern = String::new();
        for alternative in 0..1 + rng.below(3) {
            if alternative > 0 {
                pattern.push('|');
            }
            for _ in 0..1 + rng.below(3) {
                if rng.below(30) == 0 {
                    pattern.push_str(rng.pick(TOKENS));
                }
                let atom = if depth < 3 && rng.below(4) == 0 {
                    let open = rng.pick(&["(", "(?:", "(?:"]);
                    format!("{open}{})", structured(rng, depth + 1))
                } else {
                    rng.pick(ATOMS).to_string()
                };
                // Anchors can be repeated, but not in `direct`.
                let anchor = ["^", "$", "\\b", "\\B", "\\A", "\\z"].contains(&atom.as_str());
                pattern.push_str(&atom);
                if rng.below(if anchor { 20 } else { 3 }) == 0 {
                    pattern.push_str(rng.pick(REPETITIONS));
                }
            }
        }
        pattern
    }

    /// `pattern` with one to three random edits: a character deleted, or a
    /// character or token inserted or put in place of a character.
    fn mutated(rng: &mut Rng, pattern: &str) -> String {
        let mut chars: Vec<String> = pattern.chars().map(String::from).collect();
        for _ in 0..1 + rng.below(3) {
            let at = rng.below(chars.len() + 1);
            let new = if rng.below(3) == 0 {
                rng.pick(TOKENS)
            } else {
                rng.pick(CHARS)
            };
            match rng.below(3) {
                0 if at < chars.len() => {
                    chars.remove(at);
                }
                1 if at < chars.len() => chars[at] = new.to_string(),
                _ => chars.insert(at, new.to_string()),
            }
        }
        chars.concat()
    }

    /// Groups nested `depth` deep, each level adding a group, an
    /// alternation, a concatenation and a repetition to the parser's
    /// nesting depth.
    fn nested(depth: usize, capturing: bool, inner: &str) -> String {
        let open = if capturing { "x|y(" } else { "x|y(?:" };
        format!("{}{inner}{}", open.repeat(depth), ")+".repeat(depth))
    }

    /// The outcome of parsing `pattern` both ways, counted in `counts`
    /// (parsed directly, left to the parser, rejected by the parser); panics
    /// if `direct` gives an HIR that differs from the parser's, or one for
    /// a pattern the parser rejects.
    fn differential<'p>(pattern: &'p str, atoms: &mut direct::Atoms<'p>, counts: &mut [usize; 3]) {
        let whole = syntax::parse_with(pattern, &syntax::Config::new());
        // A fresh map of atoms too, in case a reused atom hides a difference.
        let fresh = direct::parse(pattern, &mut direct::Atoms::new());
        let ours = direct::parse(pattern, atoms);
        assert!(ours == fresh, "{pattern:?}");
        // The HIR of deep patterns is long: the start of it is enough.
        let short =
            |hir: &regex_syntax::hir::Hir| format!("{hir:?}").chars().take(400).collect::<String>();
        match (ours, whole) {
            (Some(ours), Ok(whole)) => {
                assert!(
                    ours == whole,
                    "{pattern:?}:\n{}\n{}",
                    short(&ours),
                    short(&whole)
                );
                counts[0] += 1;
            }
            (Some(ours), Err(e)) => {
                panic!(
                    "{pattern:?} parsed directly to {}, the parser rejects it: {e}",
                    short(&ours)
                )
            }
            (None, Ok(_)) => counts[1] += 1,
            (None, Err(_)) => counts[2] += 1,
        }
    }

    /// Patterns the parser rejects, past its nesting limit, that `direct`
    /// once parsed.
    #[test]
    fn direct_regressions() {
        let mut patterns = vec![
            nested(63, false, "a"),
            nested(63, true, "a"),
            nested(64, false, "[a]"),
        ];
        // Class set operations nest, past the limit in place only.
        patterns.extend((240..250).map(|n| format!("x|y(?:x|y[a{}])+", "&&a".repeat(n))));
        let mut atoms = direct::Atoms::new();
        let mut counts = [0; 3];
        for pattern in &patterns {
            differential(pattern, &mut atoms, &mut counts);
        }
        assert_eq!(counts[0], 0, "{counts:?}");
    }

    #[test]
    fn random_patterns_parse_directly_to_the_parsers_hir() {
        let (key, cased) = builtin_patterns();
        let builtin: Vec<&str> = key.iter().chain(&cased).map(String::as_str).collect();
        let mut rng = Rng(0x5EED_D1FF);
        let random: Vec<String> = (0..10_000).map(|_| random_pattern(&mut rng)).collect();
        let structured: Vec<String> = (0..12_000).map(|_| structured(&mut rng, 0)).collect();
        let mutated: Vec<String> = (0..3_000)
            .map(|_| {
                let base = builtin[rng.below(builtin.len())];
                mutated(&mut rng, base)
            })
            .collect();
        let nested: Vec<String> = (55..70)
            .flat_map(|depth| {
                ["a", "[a]", "\\d", "(?:ab|cd)"].map(|inner| nested(depth, depth % 2 == 0, inner))
            })
            .collect();
        // Parsed directly, left to the parser, rejected, for each kind.
        let mut atoms = direct::Atoms::new();
        let mut counts = [[0; 3]; 4];
        for (kind, patterns) in [&random, &structured, &mutated, &nested].iter().enumerate() {
            for pattern in patterns.iter() {
                differential(pattern, &mut atoms, &mut counts[kind]);
            }
        }
        // Each kind of pattern takes each path, most of the structured and
        // mutated ones the direct one, so the test cannot pass by testing
        // nothing.
        eprintln!("parsed directly, left to the parser, rejected: {counts:?}");
        for (kind, minimum) in [
            (0, [500, 500, 5000]),
            (1, [6000, 500, 500]),
            (2, [1000, 200, 500]),
            (3, [20, 5, 20]),
        ] {
            for path in 0..3 {
                assert!(counts[kind][path] >= minimum[path], "{counts:?}");
            }
        }
        let total: usize = counts.iter().flatten().sum();
        let direct: usize = counts.iter().map(|c| c[0]).sum();
        assert_eq!(
            total,
            random.len() + structured.len() + mutated.len() + nested.len()
        );
        assert!(direct >= 10_000, "{counts:?}");
    }
}
