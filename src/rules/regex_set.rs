//! A set of regular expressions matched together, searched forward only.
//!
//! The `regex` crate's `RegexSet` also compiles a reverse automaton and
//! other engines it needs to report where matches start, which deboil never
//! asks for; that doubles the work at start-up. This set compiles one
//! forward NFA, searches it with a lazy DFA, and falls back to the PikeVM
//! in the rare case the lazy DFA gives up. Patterns use the same syntax and
//! defaults as the `regex` crate.

use std::panic::{RefUnwindSafe, UnwindSafe};

use regex_automata::hybrid::dfa::{self, DFA};
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::nfa::thompson::{self, NFA, WhichCaptures};
use regex_automata::util::pool::Pool;
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
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().which_captures(WhichCaptures::None))
            .build_many(patterns)
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
    }
}
