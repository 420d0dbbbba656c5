//! Word evidence: for each word, whether it is seen more often in the main
//! text of pages or in their residue.
//!
//! Menus, share bars, shop widgets and forms reuse a small vocabulary
//! (`share`, `login`, `cart`, `reviews`, `newsletter`, `©`-lines' `rights`,
//! and their counterparts in other languages), while prose uses function
//! words and content words that residue rarely does. The rules name a few
//! hundred such phrases; a lexicon learned from the training pages names
//! tens of thousands of words, each with a graded score, in every language
//! of the training set.
//!
//! Words are lower-cased, hashed, and looked up in a table of
//! [`LEXICON_SIZE`] signed bytes: the log-odds that a site shows the word
//! in its main text rather than in its residue, times [`LEXICON_SCALE`].
//! Words that hash to the same slot share it (the table is trained in
//! slot space, so a collision only merges two words' counts); a word seen
//! on too few sites scores 0. Strings of ASCII digits are looked up by
//! their length alone (up to [`DIGIT_RUN_CAP`]): `2025` and `1999` are
//! the same word, a year.
//!
//! The table is trained by `scripts/train.py` and travels in the forest
//! file (see [`Forest`](super::Forest)), since the forest is trained on the
//! features it gives.

use crate::error::Error;
use crate::lang::{MAX_ASCII_WORD, WordSet, for_each_lower, is_separator};

/// Bits of the hash that pick a slot.
pub const LEXICON_BITS: u32 = 16;

/// Slots in a lexicon's table.
pub const LEXICON_SIZE: usize = 1 << LEXICON_BITS;

/// A slot holds the word's log-odds times this.
pub const LEXICON_SCALE: f32 = 32.0;

/// Longer runs of digits are looked up as runs of this length.
pub const DIGIT_RUN_CAP: usize = 6;

/// Words longer than this (in bytes) are not looked up: they are URLs,
/// hashes, or runs of a script written without spaces, and are counted as
/// unknown words.
pub const MAX_WORD_BYTES: usize = 40;

/// The scores of hashed words.
#[derive(Clone, Debug)]
pub struct Lexicon {
    /// [`LEXICON_SIZE`] slots, or none for a lexicon that knows no word.
    scores: Box<[i8]>,
    /// Some slot is not 0.
    knows_words: bool,
}

/// What a line's words say, summed while it is scanned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordEvidence {
    /// Words scanned (at most `u16::MAX` counted).
    pub words: u16,
    /// Words whose slot is not 0.
    pub known: u16,
    /// Sum of the words' slots.
    pub sum: i32,
    /// The lowest slot of the line's words (0 without words).
    pub min: i8,
    /// The highest slot of the line's words (0 without words).
    pub max: i8,
    /// The first word's slot.
    pub first: i8,
}

impl WordEvidence {
    fn add(&mut self, score: i8) {
        if self.words == 0 {
            (self.min, self.max, self.first) = (score, score, score);
        } else {
            self.min = self.min.min(score);
            self.max = self.max.max(score);
        }
        self.words = self.words.saturating_add(1);
        self.known = self.known.saturating_add((score != 0) as u16);
        self.sum += i32::from(score);
    }

    /// The mean score of the words, in log-odds (0 without words).
    pub fn mean(&self) -> f32 {
        if self.words == 0 {
            0.0
        } else {
            self.sum as f32 / (f32::from(self.words) * LEXICON_SCALE)
        }
    }

    /// The share of the words the lexicon knows (0 without words).
    pub fn known_share(&self) -> f32 {
        if self.words == 0 {
            0.0
        } else {
            f32::from(self.known) / f32::from(self.words)
        }
    }
}

/// The words of a document's first line, as lexicon slots. A scraped
/// page's text opens with its `<title>`, and its main heading (or the
/// breadcrumb before it) repeats the title: lines are matched against these
/// words to find that repeat, where the main text usually starts.
#[derive(Clone, Debug, Default)]
pub(crate) struct TitleWords {
    /// One bit per slot of the title's words (allocated on first use).
    bits: Vec<u64>,
    /// The title's distinct slots, in the order first seen, at most
    /// [`MAX_TITLE_WORDS`].
    slots: Vec<u32>,
}

/// Distinct words of a title that are matched; later words are ignored.
pub(crate) const MAX_TITLE_WORDS: usize = 64;

impl TitleWords {
    /// Forgets the title.
    pub(crate) fn clear(&mut self) {
        for &s in &self.slots {
            self.bits[s as usize / 64] = 0;
        }
        self.slots.clear();
    }

    /// Takes the words of `text` as the title (after [`TitleWords::clear`]).
    pub(crate) fn set(&mut self, text: &str) {
        self.clear();
        self.bits.resize(LEXICON_SIZE / 64, 0);
        for_each_slot(text, |slot| {
            let Some(s) = slot else { return };
            let bit = 1u64 << (s % 64);
            if self.slots.len() < MAX_TITLE_WORDS && self.bits[s / 64] & bit == 0 {
                self.bits[s / 64] |= bit;
                self.slots.push(s as u32);
            }
        });
    }

    /// Distinct words of the title (0 before one is set).
    pub(crate) fn len(&self) -> usize {
        self.slots.len()
    }

    /// Counts a word of a line (its slot) in `overlap`.
    #[inline]
    fn add(&self, slot: Option<usize>, overlap: &mut TitleMatch) {
        let Some(s) = slot else { return };
        if self.slots.is_empty() || self.bits[s / 64] & (1u64 << (s % 64)) == 0 {
            return;
        }
        // A word of the title: its place among the title's words.
        if let Some(k) = self.slots.iter().position(|&t| t as usize == s) {
            overlap.words = overlap.words.saturating_add(1);
            overlap.seen |= 1u64 << k;
        }
    }
}

/// How much of a line repeats its document's title, counted while its
/// words are scanned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct TitleMatch {
    /// The line's words that are words of the title.
    pub words: u16,
    /// The title's words seen in the line, one bit each (by their order in
    /// [`TitleWords`]).
    seen: u64,
}

impl TitleMatch {
    /// What the line says of the title, given the title's distinct words.
    pub(crate) fn overlap(self, title_words: usize) -> TitleOverlap {
        TitleOverlap {
            words: self.words,
            covered: self.seen.count_ones() as u8,
            title_words: title_words.min(MAX_TITLE_WORDS) as u8,
        }
    }
}

/// How much of a line repeats its document's title: the numbers the
/// scorer's title features are made of.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct TitleOverlap {
    /// The line's words that are words of the title.
    pub words: u16,
    /// The title's distinct words the line holds.
    pub covered: u8,
    /// The title's distinct words (at most 64); 0 when the document has no
    /// title yet: for the title itself and the lines before it.
    pub title_words: u8,
}

/// Per byte: an ASCII letter lower-cased or a digit as it is, 0 for any
/// other byte (a separator, or a byte of a character outside ASCII).
static WORD_BYTE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// A word's hash, built byte by byte over its lower-cased UTF-8.
#[derive(Clone, Copy)]
struct WordHash {
    hash: u64,
    bytes: usize,
    digits_only: bool,
}

impl WordHash {
    const EMPTY: WordHash = WordHash {
        hash: FNV_OFFSET,
        bytes: 0,
        digits_only: true,
    };

    fn push(&mut self, b: u8) {
        self.hash = (self.hash ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        self.bytes += 1;
        self.digits_only &= b.is_ascii_digit();
    }

    /// The hash of a lower-cased word.
    fn of(word: &[u8]) -> WordHash {
        let mut h = WordHash::EMPTY;
        for &b in word {
            h.push(b);
        }
        h
    }

    /// The word's slot, or `None` for a word too long to look up.
    fn slot(self) -> Option<usize> {
        let hash = if self.digits_only {
            WordHash::of(&[b'0'; DIGIT_RUN_CAP][..self.bytes.min(DIGIT_RUN_CAP)]).hash
        } else if self.bytes > MAX_WORD_BYTES {
            return None;
        } else {
            self.hash
        };
        // FNV's low bits mix better than its high bits; a multiply by an
        // odd constant carries them up.
        Some((hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - LEXICON_BITS)) as usize)
    }
}

/// The lexicon slot of a lower-cased word, `None` when it is too long to
/// be looked up: the slot [`Lexicon::evidence`] scores the word by.
pub(crate) fn word_slot(word: &[u8]) -> Option<usize> {
    WordHash::of(word).slot()
}

/// Calls `f` with the slot of every word of `text`, in order, and `None`
/// for a word too long to look up. Words are runs of characters between
/// [separators](is_separator), lower-cased.
pub fn for_each_slot(text: &str, mut f: impl FnMut(Option<usize>)) {
    let mut word = WordHash::EMPTY;
    if text.is_ascii() {
        for &b in text.as_bytes() {
            if b.is_ascii_alphanumeric() {
                word.push(b.to_ascii_lowercase());
            } else if word.bytes > 0 {
                f(word.slot());
                word = WordHash::EMPTY;
            }
        }
    } else {
        let mut utf8 = [0u8; 4];
        for c in text.chars() {
            if is_separator(c) {
                if word.bytes > 0 {
                    f(word.slot());
                    word = WordHash::EMPTY;
                }
            } else if c.is_ascii() {
                word.push((c as u8).to_ascii_lowercase());
            } else {
                for_each_lower(c, |lower| {
                    for &b in lower.encode_utf8(&mut utf8).as_bytes() {
                        word.push(b);
                    }
                });
            }
        }
    }
    if word.bytes > 0 {
        f(word.slot());
    }
}

impl Lexicon {
    /// A lexicon that knows no word: every word scores 0.
    pub fn empty() -> Lexicon {
        Lexicon {
            scores: Box::new([]),
            knows_words: false,
        }
    }

    /// A lexicon from its table of [`LEXICON_SIZE`] slots.
    ///
    /// # Errors
    ///
    /// A table of another size.
    pub fn from_scores(scores: Vec<i8>) -> Result<Lexicon, String> {
        if scores.len() != LEXICON_SIZE {
            return Err(format!(
                "a lexicon has {LEXICON_SIZE} slots, not {}",
                scores.len()
            ));
        }
        Ok(Lexicon::new(scores))
    }

    fn new(scores: Vec<i8>) -> Lexicon {
        Lexicon {
            knows_words: scores.iter().any(|&s| s != 0),
            scores: scores.into_boxed_slice(),
        }
    }

    /// True when no word is known.
    pub fn is_empty(&self) -> bool {
        !self.knows_words
    }

    fn score(&self, slot: Option<usize>) -> i8 {
        slot.and_then(|s| self.scores.get(s)).copied().unwrap_or(0)
    }

    /// What the words of `text` say.
    ///
    /// ```
    /// use deboil::model::lexicon::Lexicon;
    /// let lexicon = Lexicon::empty();
    /// let e = lexicon.evidence("Share this article");
    /// assert_eq!((e.words, e.known, e.sum), (3, 0, 0));
    /// ```
    pub fn evidence(&self, text: &str) -> WordEvidence {
        let mut e = WordEvidence::default();
        for_each_slot(text, |slot| e.add(self.score(slot)));
        e
    }

    /// For an ASCII line, in one pass: the number of its words in
    /// `stopwords` (a language's list), what its words say, and which of
    /// them are words of the `title`. The same results as
    /// [`count_stopwords`](crate::lang::count_stopwords) (0 without a
    /// list), [`Lexicon::evidence`] and a look-up of each word's slot in
    /// the title, one after the other.
    pub(crate) fn scan_ascii(
        &self,
        text: &str,
        stopwords: Option<&WordSet>,
        title: &TitleWords,
    ) -> (u32, WordEvidence, TitleMatch) {
        debug_assert!(text.is_ascii());
        // A word is lower-cased into `word` (for the stopwords) and hashed
        // (for the lexicon) as its bytes are read: one pass, no second
        // walk over each word.
        let mut word = [0u8; MAX_ASCII_WORD];
        let mut hash = WordHash::EMPTY;
        let (mut len, mut digits_only) = (0usize, true);
        let mut stops = 0u32;
        let mut e = WordEvidence::default();
        let mut matched = TitleMatch::default();
        let mut end_word = |word: &[u8], hash: WordHash, len: usize, digits_only: bool| {
            // Only a word's first bytes are hashed: enough to tell it, or
            // to tell a run of digits.
            let slot = if len > MAX_WORD_BYTES && !digits_only {
                None
            } else {
                hash.slot()
            };
            if let Some(set) = stopwords.filter(|_| len <= MAX_ASCII_WORD) {
                // A word this short was hashed whole: `slot` is its slot.
                stops += set.contains_slotted(&word[..len], slot) as u32;
            }
            e.add(self.score(slot));
            title.add(slot, &mut matched);
        };
        for &b in text.as_bytes() {
            let lower = WORD_BYTE[usize::from(b)];
            if lower != 0 {
                if let Some(at) = word.get_mut(len) {
                    *at = lower;
                }
                if len < MAX_WORD_BYTES {
                    hash.push(lower);
                }
                len += 1;
                digits_only &= lower.is_ascii_digit();
            } else if len > 0 {
                end_word(&word, hash, len, digits_only);
                (hash, len, digits_only) = (WordHash::EMPTY, 0, true);
            }
        }
        if len > 0 {
            end_word(&word, hash, len, digits_only);
        }
        (stops, e, matched)
    }

    /// [`Lexicon::scan_ascii`] for any text: words split at separators,
    /// each lower-cased into `buf` and hashed as it is built, in one pass;
    /// ASCII bytes (most of a line in a Latin script with a curly quote
    /// or an accent) are taken as bytes, other characters decoded.
    pub(crate) fn scan(
        &self,
        text: &str,
        stopwords: Option<&WordSet>,
        title: &TitleWords,
        buf: &mut String,
    ) -> (u32, WordEvidence, TitleMatch) {
        if text.is_ascii() {
            return self.scan_ascii(text, stopwords, title);
        }
        let mut stops = 0u32;
        let mut e = WordEvidence::default();
        let mut matched = TitleMatch::default();
        // The hash covers the word's first bytes (all a slot needs); the
        // word itself is kept whole in `buf` for the stopwords.
        let mut hash = WordHash::EMPTY;
        let mut digits_only = true;
        let mut end_word = |buf: &mut String, hash: WordHash, digits_only: bool| {
            let slot = if buf.len() > MAX_WORD_BYTES && !digits_only {
                None
            } else {
                hash.slot()
            };
            if let Some(set) = stopwords {
                stops += set.contains_slotted(buf.as_bytes(), slot) as u32;
            }
            e.add(self.score(slot));
            title.add(slot, &mut matched);
            buf.clear();
        };
        buf.clear();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() {
                i += 1;
                let lower = WORD_BYTE[usize::from(b)];
                if lower != 0 {
                    if hash.bytes < MAX_WORD_BYTES {
                        hash.push(lower);
                    }
                    buf.push(char::from(lower));
                    digits_only &= lower.is_ascii_digit();
                } else if !buf.is_empty() {
                    end_word(buf, hash, digits_only);
                    (hash, digits_only) = (WordHash::EMPTY, true);
                }
                continue;
            }
            // `i` is a character boundary: after an ASCII byte or a whole
            // character.
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            i += c.len_utf8();
            if is_separator(c) {
                if !buf.is_empty() {
                    end_word(buf, hash, digits_only);
                    (hash, digits_only) = (WordHash::EMPTY, true);
                }
                continue;
            }
            digits_only = false;
            for_each_lower(c, |l| {
                let at = buf.len();
                buf.push(l);
                for &b in &buf.as_bytes()[at..] {
                    if hash.bytes < MAX_WORD_BYTES {
                        hash.push(b);
                    }
                }
            });
        }
        if !buf.is_empty() {
            end_word(buf, hash, digits_only);
        }
        (stops, e, matched)
    }

    /// Parses the hexadecimal rows of a forest file's `lexicon` section
    /// (two digits per slot, as many slots per row as the writer chose),
    /// from `rows`, which yields (line number, row); stops after
    /// [`LEXICON_SIZE`] slots.
    pub(super) fn parse_hex<'a>(
        name: &str,
        header_line: usize,
        rows: &mut impl Iterator<Item = (usize, &'a str)>,
    ) -> Result<Lexicon, Error> {
        let mut scores = Vec::with_capacity(LEXICON_SIZE);
        while scores.len() < LEXICON_SIZE {
            let (l, row) = rows.next().ok_or_else(|| {
                Error::rules(name, header_line, "the lexicon ends early".to_string())
            })?;
            let bytes = row.as_bytes();
            if bytes.len() % 2 != 0 || scores.len() + bytes.len() / 2 > LEXICON_SIZE {
                return Err(Error::rules(
                    name,
                    l,
                    "a lexicon row holds two hex digits per slot, and the rows hold \
                     one slot per possible hash"
                        .to_string(),
                ));
            }
            for pair in bytes.chunks_exact(2) {
                let digit = |b: u8| (b as char).to_digit(16);
                match (digit(pair[0]), digit(pair[1])) {
                    (Some(hi), Some(lo)) => scores.push((hi * 16 + lo) as u8 as i8),
                    _ => {
                        return Err(Error::rules(
                            name,
                            l,
                            "a lexicon row holds hex digits only".to_string(),
                        ));
                    }
                }
            }
        }
        Ok(Lexicon::new(scores))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slots(text: &str) -> Vec<Option<usize>> {
        let mut v = Vec::new();
        for_each_slot(text, |s| v.push(s));
        v
    }

    #[test]
    fn words_are_lower_cased_and_split_at_separators() {
        assert_eq!(slots("Share this"), slots("share  THIS!"));
        assert_eq!(slots("Ünïcode Straße"), slots("ünïcode straße"));
        assert_eq!(slots("l’homme").len(), 2);
        assert_eq!(slots("").len(), 0);
        assert_eq!(slots(" -- ").len(), 0);
        assert_ne!(slots("share"), slots("shore"));
        // The ASCII and the general path agree.
        assert_eq!(slots("Login now")[..], slots("Login now é")[..2]);
    }

    #[test]
    fn digit_runs_are_looked_up_by_length() {
        assert_eq!(slots("2025"), slots("1999"));
        assert_ne!(slots("2025"), slots("25"));
        assert_eq!(slots("12345678"), slots("99999999"));
        assert_eq!(slots("12345678"), slots("000000"));
        assert_ne!(slots("2025"), slots("a2025"));
    }

    #[test]
    fn long_words_are_unknown() {
        let long = "x".repeat(MAX_WORD_BYTES + 1);
        assert_eq!(slots(&long), vec![None]);
        assert!(slots(&"x".repeat(MAX_WORD_BYTES))[0].is_some());
    }

    #[test]
    fn evidence_sums_the_slots() {
        let mut scores = vec![0i8; LEXICON_SIZE];
        let share = slots("share")[0].unwrap();
        let the = slots("the")[0].unwrap();
        scores[share] = -64;
        scores[the] = 32;
        let lexicon = Lexicon::from_scores(scores).unwrap();
        let e = lexicon.evidence("Share the share, unknownword");
        assert_eq!(e.words, 4);
        assert_eq!(e.known, 3);
        assert_eq!(e.sum, -64 + 32 - 64);
        assert_eq!((e.min, e.max, e.first), (-64, 32, -64));
        assert_eq!(e.mean(), -96.0 / (4.0 * LEXICON_SCALE));
        assert_eq!(e.known_share(), 0.75);
        let none = lexicon.evidence("— · —");
        assert_eq!(none, WordEvidence::default());
        assert_eq!((none.mean(), none.known_share()), (0.0, 0.0));
        assert!(Lexicon::empty().is_empty());
        assert!(!lexicon.is_empty());
        assert!(Lexicon::from_scores(vec![0; 3]).is_err());
    }

    /// The title overlap of `line`, counted the slow way: every word's
    /// slot looked up among the title's distinct slots.
    fn brute_overlap(title: &str, line: &str) -> TitleOverlap {
        let mut distinct: Vec<usize> = Vec::new();
        for s in slots(title).into_iter().flatten() {
            if !distinct.contains(&s) && distinct.len() < MAX_TITLE_WORDS {
                distinct.push(s);
            }
        }
        let line_slots: Vec<usize> = slots(line).into_iter().flatten().collect();
        let words = line_slots.iter().filter(|s| distinct.contains(s)).count();
        let covered = distinct.iter().filter(|s| line_slots.contains(s)).count();
        TitleOverlap {
            words: words as u16,
            covered: covered as u8,
            title_words: distinct.len() as u8,
        }
    }

    #[test]
    fn lines_are_matched_against_the_title() {
        let lexicon = Lexicon::empty();
        let mut title = TitleWords::default();
        let mut buf = String::new();
        let title_text = "Event Management: 7 Steps To Planning An Event | Accruent";
        title.set(title_text);
        // Distinct words: `event` twice counts once.
        assert_eq!(title.len(), 8);
        let lines = [
            "Event Management: 7 Steps To Planning An Event",
            "Planning an event? Read on.",
            "Contact us",
            "",
            "ÉVÉNEMENT event EVENT — Straße steps",
            "2025 steps", // a run of digits matches one of the same length only
        ];
        for line in lines {
            let (_, _, m) = lexicon.scan(line, None, &title, &mut buf);
            let got = m.overlap(title.len());
            assert_eq!(got, brute_overlap(title_text, line), "{line:?}");
        }
        let (_, _, m) = lexicon.scan(lines[0], None, &title, &mut buf);
        assert_eq!(m.overlap(title.len()).covered, 7, "all but `accruent`");
        assert_eq!(m.overlap(title.len()).words, 8, "`event` twice");
        let (_, _, m) = lexicon.scan("Contact us", None, &title, &mut buf);
        assert_eq!(m, TitleMatch::default());
        // A new title replaces the old one entirely.
        title.set("Contact");
        assert_eq!(title.len(), 1);
        let (_, _, m) = lexicon.scan(lines[0], None, &title, &mut buf);
        assert_eq!(m.overlap(1).words, 0);
        let (_, _, m) = lexicon.scan("contact CONTACT", None, &title, &mut buf);
        assert_eq!(
            m.overlap(1),
            TitleOverlap {
                words: 2,
                covered: 1,
                title_words: 1
            }
        );
        title.clear();
        assert_eq!(title.len(), 0);
        let (_, _, m) = lexicon.scan("contact", None, &title, &mut buf);
        assert_eq!(m, TitleMatch::default());
        // Only the first MAX_TITLE_WORDS distinct words are a title's.
        let long: Vec<String> = (0..100).map(|i| format!("w{i}")).collect();
        title.set(&long.join(" "));
        assert_eq!(title.len(), MAX_TITLE_WORDS);
        let (_, _, m) = lexicon.scan(&long.join(" "), None, &title, &mut buf);
        assert_eq!(m.overlap(title.len()).covered as usize, MAX_TITLE_WORDS);
        assert_eq!(m.overlap(title.len()).words as usize, MAX_TITLE_WORDS);
        // A long run of digits glued to a letter that is not ASCII is a
        // word too long to look up, not a run of digits.
        title.set("Top 123456 deals");
        for line in [
            "Σ 123456789012345678901234567890123456789012345é",
            "Σ 1234567890",
        ] {
            let (_, _, m) = lexicon.scan(line, None, &title, &mut buf);
            assert_eq!(
                m.overlap(title.len()),
                brute_overlap("Top 123456 deals", line),
                "{line}"
            );
        }
    }

    #[test]
    fn one_pass_scan_agrees_with_the_two_passes() {
        use crate::lang::{Language, count_stopwords, word_list};
        // A lexicon that knows every other slot, with varied scores.
        let scores: Vec<i8> = (0..LEXICON_SIZE)
            .map(|i| if i % 2 == 0 { (i % 251) as i8 } else { 0 })
            .collect();
        let lexicon = Lexicon::from_scores(scores).unwrap();
        let en = Language::from_code("en").unwrap();
        let list = word_list(en);
        assert!(list.is_some());
        let mut buf = String::new();
        let none = TitleWords::default();
        let first_two = |(a, b, m): (u32, WordEvidence, TitleMatch)| {
            assert_eq!(m, TitleMatch::default(), "no title, no match");
            (a, b)
        };
        let mut texts: Vec<String> = [
            "",
            "The cat sat on the mat, and THE dog barked at 12:30 in 2025.",
            "Share | Tweet | Email",
            "a",
            "x1 007 0000000000 abcdefghijklmnopqrstuvwxyz0123456789abcdefghij",
            "  -- ** ",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Pseudo-random ASCII lines, words of every length around the caps.
        let mut rng = crate::test_rng::Lcg(7);
        for _ in 0..300 {
            let mut line = String::new();
            for _ in 0..(rng.0 % 12) {
                let seed = rng.next();
                let len = (seed >> 33) as usize % 50;
                for k in 0..len {
                    let c = b"aAzZeE019 theTHEand.,-'"[(seed >> (k % 40)) as usize % 23];
                    line.push(c as char);
                }
                line.push(' ');
            }
            texts.push(line);
        }
        for text in &texts {
            let two = (count_stopwords(en, text, &mut buf), lexicon.evidence(text));
            assert_eq!(
                first_two(lexicon.scan_ascii(text, list, &none)),
                two,
                "{text:?}"
            );
            assert_eq!(
                first_two(lexicon.scan_ascii(text, None, &none)),
                (0, two.1),
                "{text:?}"
            );
        }
        // Any text, in languages with a list of words.
        let mut scratch = String::new();
        for (code, text) in [
            (
                "de",
                "Der Fluss fließt ÜBER die Straße, und 2025 kam er zurück.",
            ),
            ("ru", "ОН БЫЛ В ГОРОДЕ, когда пришло письмо № 12345678."),
            ("fr", "l’homme qu'il a vu — À LA UNE · Partager"),
            ("tr", "İSTANBUL'da bir gün; Kelvin: 300 K"),
            ("en", "Naïve café façade: the ＦＵＬＬＷＩＤＴＨ word"),
            ("el", "Η ΑΘΗΝΑ και ο Πειραιάς"),
            // Words about the hashing cap (40 bytes), a character across
            // it, digit runs beside letters that are not ASCII.
            (
                "en",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaé the ééééééééééééééééééééé \
                 123456789012345678901234567890123456789012345 é1 1é ΣΣ \
                 123456789012345678901234567890123456789012345é",
            ),
        ] {
            let language = Language::from_code(code).unwrap();
            let list = word_list(language);
            let two = (
                count_stopwords(language, text, &mut buf),
                lexicon.evidence(text),
            );
            assert_eq!(
                first_two(lexicon.scan(text, list, &none, &mut scratch)),
                two,
                "{text}"
            );
        }
        // The same lines made non-ASCII: a curly quote after them, accented
        // letters and separators inside their words.
        let mixed = texts.iter().flat_map(|t| {
            [
                format!("{t}’"),
                t.replace('e', "é").replace('Z', "Ж"),
                t.replace('-', "—").replace('a', "中"),
            ]
        });
        for text in texts.clone().into_iter().chain(mixed) {
            let text = text.as_str();
            let two = (count_stopwords(en, text, &mut buf), lexicon.evidence(text));
            assert_eq!(
                first_two(lexicon.scan(text, list, &none, &mut scratch)),
                two,
                "{text:?}"
            );
        }
    }

    #[test]
    fn parses_hex_rows() {
        let mut text = String::new();
        for i in 0..LEXICON_SIZE {
            text.push_str(&format!("{:02x}", (i % 7) as u8 as i8 as u8));
            if i % 64 == 63 {
                text.push('\n');
            }
        }
        let mut rows = text.lines().enumerate();
        let lexicon = Lexicon::parse_hex("t", 1, &mut rows).unwrap();
        assert_eq!(lexicon.scores[8], 1);
        assert!(rows.next().is_none());
        let bad = |t: &str| Lexicon::parse_hex("t", 1, &mut t.lines().enumerate()).is_err();
        assert!(bad("0g"));
        assert!(bad("0"));
        assert!(bad("00ff"));
        let negative = format!("ff{}", "00".repeat(LEXICON_SIZE - 1));
        let l = Lexicon::parse_hex("t", 1, &mut negative.lines().enumerate()).unwrap();
        assert_eq!(l.scores[0], -1);
    }
}
