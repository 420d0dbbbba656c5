//! Finding the `prefix` and `contains` phrases of the rules in a line's key.
//!
//! Nearly every phrase starts with a word character, and such a phrase
//! counts only where a word starts (see `boundary_before` in the parent
//! module). So instead of running an automaton over every byte of every
//! line, the phrases are indexed by their first word: each word of the key
//! is hashed as its bytes are read and looked up once in a small table, and
//! only the phrases filed under it are compared with the key there.
//!
//! The few phrases that start with another character (punctuation, or a
//! script written without spaces, where a phrase may start anywhere) are
//! found by an Aho-Corasick automaton of their own, run from the first byte
//! that can start one of them: on most lines, not at all.
//!
//! Lines mostly in other scripts than Latin (Cyrillic, Arabic, Chinese,
//! ...) go instead through one automaton over all phrases, built the first
//! time such a line comes: there, decoding every character to find the
//! words costs more than the automaton's walk over the bytes
//! ([`Phrases::find_all`]).
//!
//! [`Phrases::find`] reports every occurrence that one automaton over all
//! phrases would find and the boundary tests on both sides of a phrase
//! would keep (and may report a few that the test after it rejects).
//! [`Phrases::find_in_order`] reports them in the order of that
//! automaton's overlapping search (by end, the longer first, then by
//! phrase), which the rule for long lines depends on. A unit test checks
//! both against such an automaton, on every built-in phrase in several
//! contexts and on every line of the corpus cases.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, Input, MatchKind};

use super::is_word_char;
use crate::error::Error;

/// One occurrence of a phrase in a key: byte offsets `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct PhraseMatch {
    /// Where the phrase ends (first: the order of [`Phrases::find_in_order`]).
    pub end: usize,
    /// Where the phrase starts.
    pub start: usize,
    /// The phrase's index in the list [`Phrases::new`] was given.
    pub phrase: usize,
}

/// The phrases of a rule set, indexed for [`Phrases::find_all`].
#[derive(Clone, Debug)]
pub(super) struct Phrases {
    /// Every phrase, by index.
    texts: Vec<Box<str>>,
    /// The phrases that start with a word character, by first word.
    by_first_word: WordTable,
    /// Indices of those phrases, grouped by the hash of their first word,
    /// in index order within a group.
    filed: Vec<u32>,
    /// For each of `filed`, what follows its first word ([`After`]): most
    /// phrases filed under a common word (`you`, `this`, `by`) are told
    /// apart from the key there without comparing them whole.
    filed_after: Vec<After>,
    /// The longest first word, in bytes.
    longest_first_word: usize,
    /// The other phrases: their automaton and their indices.
    others: Option<Others>,
    /// One automaton over every phrase, for lines mostly outside ASCII;
    /// built on first use (`None` inside if it cannot be built: the index
    /// then serves those lines too).
    all: std::sync::OnceLock<Option<AhoCorasick>>,
    /// Per byte value: whether it is an ASCII word character, not ASCII,
    /// or the first byte of one of the other phrases.
    classes: [u8; 256],
}

#[derive(Clone, Debug)]
struct Others {
    automaton: AhoCorasick,
    ids: Vec<u32>,
}

impl Phrases {
    /// Indexes `phrases` (matching keys, none empty).
    pub(super) fn new(phrases: &[String]) -> Result<Phrases, Error> {
        let mut groups: HashMap<u64, Vec<u32>> = HashMap::new();
        let mut longest_first_word = 0;
        let mut other_texts = Vec::new();
        let mut other_ids = Vec::new();
        let mut classes = byte_classes();
        for (i, p) in phrases.iter().enumerate() {
            match first_word(p) {
                Some(word) => {
                    groups.entry(word_hash(word)).or_default().push(i as u32);
                    longest_first_word = longest_first_word.max(word.len());
                }
                None => {
                    other_texts.push(p.as_str());
                    other_ids.push(i as u32);
                    if let Some(&b) = p.as_bytes().first() {
                        classes[usize::from(b)] |= STARTS_OTHER;
                    }
                }
            }
        }
        let mut hashes: Vec<u64> = groups.keys().copied().collect();
        hashes.sort_unstable();
        let mut filed = Vec::with_capacity(phrases.len() - other_ids.len());
        let mut spans = Vec::with_capacity(hashes.len());
        for h in hashes {
            let lo = filed.len() as u32;
            filed.extend_from_slice(&groups[&h]);
            spans.push((h, lo, filed.len() as u32));
        }
        let filed_after = filed
            .iter()
            .map(|&i| {
                let phrase = &phrases[i as usize];
                let word = first_word(phrase).map_or(0, str::len);
                After::of(&phrase.as_bytes()[word..])
            })
            .collect();
        let others = if other_texts.is_empty() {
            None
        } else {
            let automaton = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&other_texts)
                .map_err(|e| Error::config(format!("phrase automaton: {e}")))?;
            Some(Others {
                automaton,
                ids: other_ids,
            })
        };
        Ok(Phrases {
            texts: phrases.iter().map(|p| p.as_str().into()).collect(),
            by_first_word: WordTable::new(&spans),
            filed,
            filed_after,
            longest_first_word,
            others,
            all: std::sync::OnceLock::new(),
            classes,
        })
    }

    /// Calls `found` for every occurrence in `key` that passes the boundary
    /// tests on both sides of a phrase (and perhaps a few that fail them),
    /// in the order of an automaton's overlapping search when `in_order`,
    /// otherwise in any order. A key whose bytes are more than a quarter
    /// outside ASCII is searched with one automaton over all phrases, any
    /// other with the index ([`Phrases::find`]). `buf` is scratch space.
    pub(super) fn find_all(
        &self,
        key: &str,
        in_order: bool,
        buf: &mut Vec<PhraseMatch>,
        mut found: impl FnMut(PhraseMatch),
    ) {
        // Most keys are ASCII, which a check a word at a time tells
        // before any byte is counted.
        let non_ascii = if key.is_ascii() {
            0
        } else {
            key.bytes().filter(|&b| b >= 0x80).count()
        };
        if non_ascii * 4 > key.len() {
            let all = self.all.get_or_init(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(self.texts.iter().map(|t| t.as_bytes()))
                    .ok()
            });
            if let Some(all) = all {
                for m in all.find_overlapping_iter(key) {
                    found(PhraseMatch {
                        end: m.end(),
                        start: m.start(),
                        phrase: m.pattern().as_usize(),
                    });
                }
                return;
            }
        }
        if in_order {
            self.find_in_order(key, buf, found);
        } else {
            self.find(key, found);
        }
    }

    /// Calls `found` for each occurrence in `key` of a phrase that starts
    /// with a word character at a word start, and of every other phrase
    /// anywhere, in no particular order. Every occurrence that passes the
    /// boundary tests on both sides of the phrase is reported (and a few
    /// that fail them may be).
    fn find(&self, key: &str, mut found: impl FnMut(PhraseMatch)) {
        let other = for_each_word(key, &self.classes, |start, end| {
            if end - start > self.longest_first_word {
                return;
            }
            let Some((lo, hi)) = self.by_first_word.get(word_hash(&key[start..end])) else {
                return;
            };
            let rest = &key.as_bytes()[start..];
            // A phrase filed here starts with this word (unless two words
            // share a hash, which the whole comparison catches), so what
            // follows the word must follow its first word.
            let after = After::of(&key.as_bytes()[end..]).bytes;
            let (lo, hi) = (lo as usize, hi as usize);
            for (&phrase, ahead) in self.filed[lo..hi].iter().zip(&self.filed_after[lo..hi]) {
                if !ahead.may_follow(after) {
                    continue;
                }
                let text = self.texts[phrase as usize].as_bytes();
                if rest.starts_with(text) {
                    found(PhraseMatch {
                        end: start + text.len(),
                        start,
                        phrase: phrase as usize,
                    });
                }
            }
        });
        // None of the other phrases starts before the first byte that can
        // start one.
        let (Some(others), Some(from)) = (&self.others, other) else {
            return;
        };
        let input = Input::new(key).range(from..);
        for m in others.automaton.find_overlapping_iter(input) {
            found(PhraseMatch {
                end: m.end(),
                start: m.start(),
                phrase: others.ids[m.pattern().as_usize()] as usize,
            });
        }
    }

    /// [`Phrases::find`], in the order of an automaton's overlapping
    /// search over all phrases: by end, then by start (the longer phrase
    /// first), then by index. `buf` is scratch space.
    fn find_in_order(
        &self,
        key: &str,
        buf: &mut Vec<PhraseMatch>,
        mut found: impl FnMut(PhraseMatch),
    ) {
        buf.clear();
        self.find(key, |m| buf.push(m));
        buf.sort_unstable();
        for &m in buf.iter() {
            found(m);
        }
    }
}

/// Up to eight bytes that follow a phrase's first word, as a
/// little-endian number, and a mask of those bytes.
#[derive(Clone, Copy, Debug, Default)]
struct After {
    bytes: u64,
    mask: u64,
}

impl After {
    /// The first bytes of `tail` (fewer than eight when it is shorter,
    /// the rest zero).
    fn of(tail: &[u8]) -> After {
        let n = tail.len().min(8);
        let mut padded = [0u8; 8];
        padded[..n].copy_from_slice(&tail[..n]);
        After {
            bytes: u64::from_le_bytes(padded),
            mask: if n == 8 {
                u64::MAX
            } else {
                (1u64 << (8 * n)) - 1
            },
        }
    }

    /// False when a key whose bytes after a word are `key` (from
    /// [`After::of`]) cannot go on as the phrase does; true when it may.
    fn may_follow(self, key: u64) -> bool {
        key & self.mask == self.bytes
    }
}

/// Spans of [`Phrases::filed`] by first-word hash: open addressing over a
/// power-of-two table, at most half full.
#[derive(Clone, Debug)]
struct WordTable {
    /// `(hash, lo, hi)`; `lo == hi` marks an empty slot.
    slots: Vec<(u64, u32, u32)>,
    shift: u32,
    /// One bit per value of a hash's low [`FILTER_BITS`] bits, set for
    /// the hashes in the table: most words of a line start no phrase,
    /// and this small array (1 KiB) tells most of them without reading
    /// the slots (32 KiB for the built-in rules, as large as the
    /// processor's first-level data cache).
    filter: Box<[u64; FILTER_WORDS]>,
}

/// Bits of a hash that pick its bit in [`WordTable::filter`].
const FILTER_BITS: u32 = 13;
const FILTER_WORDS: usize = (1 << FILTER_BITS) / 64;

impl WordTable {
    fn new(spans: &[(u64, u32, u32)]) -> WordTable {
        let bits = (spans.len() * 2)
            .max(16)
            .next_power_of_two()
            .trailing_zeros();
        let mut table = WordTable {
            slots: vec![(0, 0, 0); 1 << bits],
            shift: 64 - bits,
            filter: Box::new([0; FILTER_WORDS]),
        };
        for &(hash, lo, hi) in spans {
            let (word, bit) = WordTable::filter_bit(hash);
            table.filter[word] |= bit;
            let mut i = table.home(hash);
            while table.slots[i].1 != table.slots[i].2 {
                i = (i + 1) & (table.slots.len() - 1);
            }
            table.slots[i] = (hash, lo, hi);
        }
        table
    }

    fn home(&self, hash: u64) -> usize {
        (hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// Where `hash`'s bit is in [`WordTable::filter`]: its low bits (the
    /// slots are picked by its high bits, after a multiply).
    fn filter_bit(hash: u64) -> (usize, u64) {
        let at = (hash as usize) & ((1 << FILTER_BITS) - 1);
        (at / 64, 1 << (at % 64))
    }

    fn get(&self, hash: u64) -> Option<(u32, u32)> {
        let (word, bit) = WordTable::filter_bit(hash);
        if self.filter[word] & bit == 0 {
            return None;
        }
        let mut i = self.home(hash);
        loop {
            let (h, lo, hi) = self.slots[i];
            if lo == hi {
                return None;
            }
            if h == hash {
                return Some((lo, hi));
            }
            i = (i + 1) & (self.slots.len() - 1);
        }
    }
}

/// The phrase's first word (its leading run of word characters), or
/// `None` when it starts with another character.
fn first_word(phrase: &str) -> Option<&str> {
    let end = phrase
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(phrase.len(), |(i, _)| i);
    (end > 0).then(|| &phrase[..end])
}

/// The hash a first word is filed under: taken once a word's end is
/// known, and only for words no longer than the longest first word.
fn word_hash(word: &str) -> u64 {
    crate::hash::bytes_hash(word.as_bytes())
}

/// What [`for_each_word`] needs to know of a byte.
const WORD: u8 = 1;
const NON_ASCII: u8 = 2;
/// A byte some phrase without a first word starts with.
const STARTS_OTHER: u8 = 4;

/// The classes of the bytes, before [`STARTS_OTHER`] is added.
const fn byte_classes() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            NON_ASCII
        } else if c.is_ascii_alphanumeric() {
            WORD
        } else {
            0
        };
        b += 1;
    }
    t
}

/// The character whose UTF-8 encoding starts at `bytes[at]` (a lead byte
/// of valid UTF-8), and its length; decoded from the bytes directly,
/// without the checks of slicing a `str` there.
fn decode(bytes: &[u8], at: usize) -> (char, usize) {
    let lead = bytes[at];
    let (len, bits) = match lead {
        0xc0..=0xdf => (2, lead & 0x1f),
        0xe0..=0xef => (3, lead & 0x0f),
        _ => (4, lead & 0x07),
    };
    let rest = bytes.get(at + 1..at + len).unwrap_or_default();
    let code = rest.iter().fold(u32::from(bits), |code, &b| {
        (code << 6) | u32::from(b & 0x3f)
    });
    (char::from_u32(code).unwrap_or(' '), len)
}

/// Calls `word` with the byte span of each maximal run of word characters
/// in `key`, in one pass over its bytes, and returns the first position of
/// a byte `classes` marks [`STARTS_OTHER`].
fn for_each_word(
    key: &str,
    classes: &[u8; 256],
    mut word: impl FnMut(usize, usize),
) -> Option<usize> {
    let bytes = key.as_bytes();
    let mut other = None;
    // The character at `at` (its class is `class`): whether it is a word
    // character, and its length in bytes.
    let char_at = |at: usize, class: u8| -> (bool, usize) {
        if class & NON_ASCII == 0 {
            (class & WORD != 0, 1)
        } else {
            let (c, len) = decode(bytes, at);
            (is_word_char(c), len)
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let class = classes[usize::from(bytes[i])];
        if class == 0 {
            i += 1;
            continue;
        }
        if class & STARTS_OTHER != 0 && other.is_none() {
            other = Some(i);
        }
        let (is_word, len) = char_at(i, class);
        if !is_word {
            i += len;
            continue;
        }
        // A word starts here: read it to its end.
        let start = i;
        let mut len = len;
        loop {
            i += len;
            // The ASCII letters and digits that make most of a word.
            while i < bytes.len() && classes[usize::from(bytes[i])] == WORD {
                i += 1;
            }
            if i == bytes.len() {
                break;
            }
            let class = classes[usize::from(bytes[i])];
            if class & STARTS_OTHER != 0 && other.is_none() {
                other = Some(i);
            }
            let (is_word, next) = char_at(i, class);
            if !is_word {
                break;
            }
            len = next;
        }
        word(start, i);
    }
    other
}

#[cfg(test)]
mod tests {
    use super::super::{boundary_after, boundary_before, testutil::builtin};
    use super::*;

    /// Whether an occurrence passes the boundary tests `first_match` makes
    /// on both sides of a phrase.
    fn bounded(phrases: &[String], key: &str, m: &PhraseMatch) -> bool {
        let p = &phrases[m.phrase];
        let word = |c: Option<char>| c.is_some_and(is_word_char);
        (!word(p.chars().next()) || boundary_before(key, m.start))
            && (!word(p.chars().next_back()) || boundary_after(key, m.end))
    }

    /// Every occurrence the automaton over all phrases finds and the
    /// boundary tests keep, in the automaton's order.
    fn reference(automaton: &AhoCorasick, phrases: &[String], key: &str) -> Vec<PhraseMatch> {
        automaton
            .find_overlapping_iter(key)
            .map(|m| PhraseMatch {
                end: m.end(),
                start: m.start(),
                phrase: m.pattern().as_usize(),
            })
            .filter(|m| bounded(phrases, key, m))
            .collect()
    }

    fn keys_to_try(phrases: &[String]) -> Vec<String> {
        let mut keys = Vec::new();
        let n = phrases.len();
        for (i, p) in phrases.iter().enumerate() {
            let q = &phrases[(i * 7 + 3) % n];
            let r = &phrases[(i * 13 + 5) % n];
            keys.push(p.clone());
            keys.push(format!("x {p} y"));
            keys.push(format!("{p}s and {q}"));
            keys.push(format!("a{p}"));
            keys.push(format!("{q}{p}{r}"));
            keys.push(format!("{p} {p}, {q}: {r}"));
            keys.push(format!("中文{p}。{q}"));
        }
        for line in crate::lines::sample_lines() {
            let mut key = String::new();
            crate::normalize::key_into(&line, &mut key);
            keys.push(key);
        }
        keys
    }

    #[test]
    fn finds_what_one_automaton_over_all_phrases_finds_in_its_order() {
        let phrases: Vec<String> = builtin()
            .phrases
            .texts
            .iter()
            .map(|t| t.to_string())
            .collect();
        assert!(phrases.len() > 1000, "{} phrases", phrases.len());
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&phrases)
            .unwrap();
        let index = Phrases::new(&phrases).unwrap();
        assert!(
            index.others.is_some(),
            "some built-in phrases start with no word"
        );
        let mut buf = Vec::new();
        let mut compared = 0;
        for key in keys_to_try(&phrases) {
            let want = reference(&automaton, &phrases, &key);
            let mut got = Vec::new();
            index.find_in_order(&key, &mut buf, |m| {
                if bounded(&phrases, &key, &m) {
                    got.push(m)
                }
            });
            assert_eq!(got, want, "key {key:?}");
            let mut got = Vec::new();
            index.find_all(&key, true, &mut buf, |m| {
                if bounded(&phrases, &key, &m) {
                    got.push(m)
                }
            });
            assert_eq!(got, want, "find_all, key {key:?}");
            compared += want.len();
        }
        assert!(compared > 10_000, "only {compared} occurrences compared");
    }

    #[test]
    fn decodes_every_character_as_str_does() {
        for code in 0x80..0x11_0000u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let s = format!("a{c}b");
            assert_eq!(decode(s.as_bytes(), 1), (c, c.len_utf8()), "{c:?}");
        }
    }

    #[test]
    fn words_are_runs_of_word_characters() {
        let mut words = Vec::new();
        let key = "sign-in, 2fa résumé 中文 ok";
        let classes = byte_classes();
        for_each_word(key, &classes, |s, e| words.push(&key[s..e]));
        assert_eq!(words, ["sign", "in", "2fa", "résumé", "ok"]);
        assert_eq!(first_word("cookies: accept"), Some("cookies"));
        assert_eq!(first_word("« back"), None);
        assert_eq!(first_word("广告"), None);
    }

    #[test]
    fn what_follows_a_word_rules_phrases_out_but_never_wrongly() {
        let key = |s: &str| After::of(s.as_bytes()).bytes;
        // What follows "you" in the phrase, against what follows it in keys.
        let short = After::of(b" may");
        assert!(short.may_follow(key(" may also like")));
        assert!(short.may_follow(key(" may")));
        assert!(!short.may_follow(key(" might")));
        assert!(!short.may_follow(key(" ma")), "the key ends first");
        let long = After::of(b" are here to stay");
        assert!(long.may_follow(key(" are here to stay")));
        assert!(long.may_follow(key(" are here, to")), "eight bytes only");
        let whole = After::of(b"");
        assert!(whole.may_follow(key("")) && whole.may_follow(key("anything")));
        // Every suffix of every phrase that a key goes on with passes.
        for phrase in ["subscribe to our newsletter", "by", "read more »", "de la"] {
            for cut in 0..=phrase.len() {
                let after = After::of(&phrase.as_bytes()[cut..]);
                let key = [&phrase.as_bytes()[cut..], b" and more"].concat();
                assert!(after.may_follow(After::of(&key).bytes), "{phrase} {cut}");
            }
        }
    }

    #[test]
    fn a_phrase_counts_only_where_a_word_starts() {
        let phrases: Vec<String> = ["menu", "share this", "广告", "» more"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let index = Phrases::new(&phrases).unwrap();
        let found = |key: &str| {
            let mut v = Vec::new();
            index.find(key, |m| v.push((m.phrase, m.start)));
            v.sort_unstable();
            v
        };
        assert_eq!(found("open the menu"), [(0, 9)]);
        assert_eq!(found("submenu"), []);
        assert_eq!(found("menus"), [], "not a word of the key");
        assert_eq!(found("share this, share that"), [(1, 0)]);
        assert_eq!(found("这是广告内容"), [(2, 6)]);
        assert_eq!(found("read » more"), [(3, 5)]);
    }
}
