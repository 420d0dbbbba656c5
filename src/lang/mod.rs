//! Language awareness: which language a document is written in, and how
//! many of a line's words are stopwords of that language.
//!
//! Running text is full of function words ("the", "of", "und", "que",
//! "в"); menus, buttons and lists of links hardly have any. The share of
//! stopwords in a line is therefore a good witness of prose, as long as
//! the document's language is known.
//!
//! * The language is given ([`CleanerBuilder::language`]) or guessed per
//!   document by [`guess`], from a sample of its prose-like lines of at
//!   most [`SAMPLE_BYTES`] bytes: by its script, and where a script is
//!   shared, by which language's stopwords its words are (the `guess`
//!   module).
//! * The stopword lists ship with the crate (`src/lang/data/<code>.txt`,
//!   derived from spaCy's lists, MIT licence; see the header of each file
//!   and `scripts/make_stopwords.py`). A list is parsed the first time a
//!   document of its language is seen.
//! * In languages written with spaces a line is cut into words at white
//!   space, punctuation and apostrophes; each word is lower-cased (into a
//!   reused buffer, without allocating per word) and looked up in a hash
//!   set.
//! * Chinese, Japanese and Thai are written without spaces: there, the
//!   list's entries (function characters and words such as 的, 了, 是;
//!   の, は, を; และ, ที่) are found as substrings of the line, leftmost
//!   longest first, with one Aho-Corasick automaton per language. Each
//!   match counts as one stopword, to be set against the line's
//!   [effective word count](crate::features::LineFeatures::effective_words).
//!
//! [`CleanerBuilder::language`]: crate::CleanerBuilder::language

use std::collections::HashSet;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::str::FromStr;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::error::Error;
use crate::features::is_unspaced_script;

mod guess;

/// The most bytes of a document's text given to the language guesser.
pub const SAMPLE_BYTES: usize = 1024;

/// A language deboil knows: one the guesser can name, most with a
/// stopword list.
///
/// ```
/// use deboil::lang::Language;
/// let de: Language = "de".parse()?;
/// assert_eq!(de.code(), "de");
/// assert_eq!(de.name(), "German");
/// assert!(de.has_stopwords());
/// assert!("xx".parse::<Language>().is_err());
/// # Ok::<(), deboil::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Language(u8);

struct Entry {
    /// ISO 639-1 code.
    code: &'static str,
    /// ISO 639-3 code.
    code3: &'static str,
    /// English name.
    name: &'static str,
    /// The stopword list, when one ships.
    data: Option<&'static str>,
    /// Written without spaces between words.
    unspaced: bool,
}

macro_rules! languages {
    ($( $code:literal $code3:literal $name:literal $file:tt $unspaced:literal ),* $(,)?) => {
        &[ $( Entry {
            code: $code,
            code3: $code3,
            name: $name,
            data: languages!(@data $file),
            unspaced: $unspaced,
        } ),* ]
    };
    (@data -) => { None };
    (@data $file:literal) => { Some(include_str!(concat!("data/", $file, ".txt"))) };
}

/// Every language deboil knows, by ISO 639-1 code, with its ISO 639-3
/// code, English name, stopword list (`-` for none) and whether it is
/// written without spaces: the seventy languages common trigram detectors
/// name, 55 of them with a list.
static LANGUAGES: &[Entry] = languages![
    "af" "afr" "Afrikaans" "af" false,
    "ak" "aka" "Akan" - false,
    "am" "amh" "Amharic" "am" false,
    "ar" "ara" "Arabic" "ar" false,
    "az" "aze" "Azerbaijani" "az" false,
    "be" "bel" "Belarusian" - false,
    "bg" "bul" "Bulgarian" "bg" false,
    "bn" "ben" "Bengali" "bn" false,
    "ca" "cat" "Catalan" "ca" false,
    "cs" "ces" "Czech" "cs" false,
    "cy" "cym" "Welsh" - false,
    "da" "dan" "Danish" "da" false,
    "de" "deu" "German" "de" false,
    "el" "ell" "Greek" "el" false,
    "en" "eng" "English" "en" false,
    "eo" "epo" "Esperanto" - false,
    "es" "spa" "Spanish" "es" false,
    "et" "est" "Estonian" "et" false,
    "fa" "pes" "Persian" "fa" false,
    "fi" "fin" "Finnish" "fi" false,
    "fr" "fra" "French" "fr" false,
    "gu" "guj" "Gujarati" "gu" false,
    "he" "heb" "Hebrew" "he" false,
    "hi" "hin" "Hindi" "hi" false,
    "hr" "hrv" "Croatian" "hr" false,
    "hu" "hun" "Hungarian" "hu" false,
    "hy" "hye" "Armenian" "hy" false,
    "id" "ind" "Indonesian" "id" false,
    "it" "ita" "Italian" "it" false,
    "ja" "jpn" "Japanese" "ja" true,
    "jv" "jav" "Javanese" - false,
    "ka" "kat" "Georgian" - false,
    "km" "khm" "Khmer" - true,
    "kn" "kan" "Kannada" "kn" false,
    "ko" "kor" "Korean" "ko" false,
    "la" "lat" "Latin" "la" false,
    "lt" "lit" "Lithuanian" "lt" false,
    "lv" "lav" "Latvian" "lv" false,
    "mk" "mkd" "Macedonian" "mk" false,
    "ml" "mal" "Malayalam" "ml" false,
    "mr" "mar" "Marathi" "mr" false,
    "my" "mya" "Burmese" - true,
    "nb" "nob" "Norwegian Bokmål" "nb" false,
    "ne" "nep" "Nepali" "ne" false,
    "nl" "nld" "Dutch" "nl" false,
    "or" "ori" "Oriya" - false,
    "pa" "pan" "Punjabi" - false,
    "pl" "pol" "Polish" "pl" false,
    "pt" "por" "Portuguese" "pt" false,
    "ro" "ron" "Romanian" "ro" false,
    "ru" "rus" "Russian" "ru" false,
    "si" "sin" "Sinhala" "si" false,
    "sk" "slk" "Slovak" "sk" false,
    "sl" "slv" "Slovene" "sl" false,
    "sn" "sna" "Shona" - false,
    "sr" "srp" "Serbian" "sr" false,
    "sv" "swe" "Swedish" "sv" false,
    "ta" "tam" "Tamil" "ta" false,
    "te" "tel" "Telugu" "te" false,
    "th" "tha" "Thai" "th" true,
    "tk" "tuk" "Turkmen" - false,
    "tl" "tgl" "Tagalog" "tl" false,
    "tr" "tur" "Turkish" "tr" false,
    "uk" "ukr" "Ukrainian" "uk" false,
    "ur" "urd" "Urdu" "ur" false,
    "uz" "uzb" "Uzbek" - false,
    "vi" "vie" "Vietnamese" "vi" false,
    "yi" "yid" "Yiddish" - false,
    "zh" "cmn" "Chinese" "zh" true,
    "zu" "zul" "Zulu" - false,
];

impl Language {
    fn entry(self) -> &'static Entry {
        &LANGUAGES[self.0 as usize]
    }

    /// The language of an ISO 639-1 code (`"de"`) or an ISO 639-3 code
    /// (`"deu"`), in any case; `None` for a code deboil does not know.
    pub fn from_code(code: &str) -> Option<Language> {
        let code = code.trim();
        LANGUAGES
            .iter()
            .position(|e| e.code.eq_ignore_ascii_case(code) || e.code3.eq_ignore_ascii_case(code))
            .map(|i| Language(i as u8))
    }

    /// Every language deboil knows, in the order of their codes.
    pub fn all() -> impl Iterator<Item = Language> {
        (0..LANGUAGES.len()).map(|i| Language(i as u8))
    }

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        self.entry().code
    }

    /// The language's English name.
    pub fn name(self) -> &'static str {
        self.entry().name
    }

    /// Whether a stopword list ships for this language.
    pub fn has_stopwords(self) -> bool {
        self.entry().data.is_some()
    }

    /// Whether the language is written without spaces between words.
    pub fn is_unspaced(self) -> bool {
        self.entry().unspaced
    }

    fn stoplist(self) -> Option<&'static Stoplist> {
        static LISTS: OnceLock<Vec<OnceLock<Option<Stoplist>>>> = OnceLock::new();
        let lists = LISTS.get_or_init(|| LANGUAGES.iter().map(|_| OnceLock::new()).collect());
        lists[self.0 as usize]
            .get_or_init(|| {
                let e = self.entry();
                e.data.map(|data| Stoplist::parse(data, e.unspaced))
            })
            .as_ref()
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = Error;

    /// Parses an ISO 639-1 or 639-3 code; the error lists the known codes.
    fn from_str(s: &str) -> Result<Language, Error> {
        Language::from_code(s).ok_or_else(|| {
            let known: Vec<&str> = LANGUAGES.iter().map(|e| e.code).collect();
            Error::config(format!(
                "unknown language '{s}' (expected auto or one of: {})",
                known.join(", ")
            ))
        })
    }
}

/// Guesses the language of `sample` (a few sentences are enough; only the
/// first [`SAMPLE_BYTES`] bytes are looked at). `None` when the text is too
/// short or too mixed for a guess the detector trusts.
///
/// ```
/// use deboil::lang::guess;
/// let fr = guess("Le conseil municipal a voté le budget mardi soir, après un long débat.");
/// assert_eq!(fr.map(|l| l.code()), Some("fr"));
/// assert_eq!(guess("12 34 56"), None);
/// ```
pub fn guess(sample: &str) -> Option<Language> {
    guess::guess(truncate(sample, SAMPLE_BYTES))
}

/// The longest prefix of `s` of at most `max` bytes that ends on a
/// character boundary.
fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Collects a document's sample for [`guess`]: lines are offered in order,
/// and taken while the sample has room.
#[derive(Debug, Default)]
pub(crate) struct Sampler {
    text: String,
}

impl Sampler {
    pub(crate) fn clear(&mut self) {
        self.text.clear();
    }

    /// The sample's length in bytes.
    pub(crate) fn len(&self) -> usize {
        self.text.len()
    }

    /// Whether the sample is full.
    pub(crate) fn is_full(&self) -> bool {
        self.text.len() >= SAMPLE_BYTES
    }

    /// Adds `line` (cut to the room left).
    pub(crate) fn push(&mut self, line: &str) {
        let room = SAMPLE_BYTES.saturating_sub(self.text.len());
        if room == 0 {
            return;
        }
        self.text.push_str(truncate(line, room));
        self.text.push('\n');
    }

    pub(crate) fn guess(&self) -> Option<Language> {
        guess(&self.text)
    }
}

/// Counts the stopwords of `language` in `text`; `buf` is scratch space
/// for lower-casing, reused between calls. Zero for a language without a
/// list.
///
/// ```
/// use deboil::lang::{Language, count_stopwords};
/// let en = Language::from_code("en").unwrap();
/// let mut buf = String::new();
/// assert_eq!(count_stopwords(en, "The cat sat on the mat", &mut buf), 3);
/// assert_eq!(count_stopwords(en, "Home News Sport", &mut buf), 0);
/// ```
pub fn count_stopwords(language: Language, text: &str, buf: &mut String) -> u32 {
    match language.stoplist() {
        None => 0,
        Some(Stoplist::Words(set)) if text.is_ascii() => count_ascii(set, text.as_bytes()),
        Some(Stoplist::Words(set)) => text
            .split(is_separator)
            .filter(|w| !w.is_empty())
            .map(|word| set.contains(lower_word(word, buf)) as u32)
            .sum(),
        Some(Stoplist::Unspaced(ac)) => ac.find_iter(text).count() as u32,
    }
}

/// The stopwords of `language` when they are a list of words (not the
/// phrases of a script written without spaces): what the one-pass scan of
/// an ASCII line looks its words up in (see
/// [`Lexicon::scan_ascii`](crate::model::lexicon::Lexicon::scan_ascii)).
pub(crate) fn word_list(language: Language) -> Option<&'static WordSet> {
    match language.stoplist() {
        Some(Stoplist::Words(set)) => Some(set),
        _ => None,
    }
}

/// The lower-case bytes of `word`: the word itself when it has no
/// upper-case letter (ASCII lower case, the commonest), or else its lower
/// case written into `buf`.
pub(crate) fn lower_word<'w>(word: &'w str, buf: &'w mut String) -> &'w [u8] {
    if word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.as_bytes();
    }
    buf.clear();
    for c in word.chars() {
        for_each_lower(c, |l| buf.push(l));
    }
    buf.as_bytes()
}

/// Calls `f` with the lower case of `c`, as `char::to_lowercase` gives it,
/// without its table search for ASCII, the basic Cyrillic alphabet and
/// scripts without case (Hebrew, Arabic, Indic, Thai, kana, CJK, Hangul);
/// a test compares both for every character.
#[inline]
pub(crate) fn for_each_lower(c: char, mut f: impl FnMut(char)) {
    let u = c as u32;
    match u {
        0..=0x7F => f(c.to_ascii_lowercase()),
        // А–Я to а–я.
        0x0410..=0x042F => f(char::from_u32(u + 0x20).unwrap_or(c)),
        0x0430..=0x045F | 0x0590..=0x0E7F | 0x3040..=0x9FFF | 0xAC00..=0xD7AF => f(c),
        _ => c.to_lowercase().for_each(f),
    }
}

/// The longest word the ASCII path looks up; longer ones are no
/// stopwords (the longest in any list is shorter).
pub(crate) const MAX_ASCII_WORD: usize = 24;

/// [`count_stopwords`] for ASCII text: words are lower-cased into a buffer
/// on the stack as they are scanned, in one pass over the bytes.
fn count_ascii(set: &WordSet, text: &[u8]) -> u32 {
    let mut word = [0u8; MAX_ASCII_WORD];
    let (mut len, mut long, mut n) = (0usize, false, 0u32);
    for &b in text.iter().chain(std::iter::once(&b' ')) {
        if b.is_ascii_alphanumeric() {
            match word.get_mut(len) {
                Some(slot) => {
                    *slot = b.to_ascii_lowercase();
                    len += 1;
                }
                None => long = true,
            }
        } else {
            if len > 0 && !long {
                n += set.contains(&word[..len]) as u32;
            }
            len = 0;
            long = false;
        }
    }
    n
}

/// True for the characters that separate words: white space, punctuation
/// and symbols (apostrophes included), but not letters, digits or the
/// combining marks of Indic and other scripts.
pub fn is_separator(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_alphanumeric();
    }
    // Letters and digits of most scripts without the Unicode table search.
    if crate::features::is_alphanumeric(c) {
        return false;
    }
    c.is_whitespace()
        || matches!(c as u32,
            0x00A0..=0x00BF     // Latin-1 punctuation and symbols
            | 0x00D7 | 0x00F7   // × ÷
            | 0x055A..=0x055F   // Armenian punctuation
            | 0x0589 | 0x05BE | 0x05C0 | 0x05C3 | 0x05F3 | 0x05F4
            | 0x060C | 0x061B | 0x061F | 0x066A..=0x066D | 0x06D4
            | 0x0964 | 0x0965   // Devanagari danda
            | 0x0E2F | 0x0E5A | 0x0E5B // Thai paiyannoi, angkhankhu
            | 0x2000..=0x2BFF   // general punctuation, symbols, arrows, ...
            | 0x3000..=0x303F   // CJK punctuation
            | 0xE000..=0xF8FF   // private use (icon fonts)
            | 0xFE10..=0xFE1F | 0xFE30..=0xFE4F
            | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65
            | 0x1F000..=0x1FAFF // emoji and pictographs
        )
}

/// A stopword list, keyed by the words' UTF-8 bytes so that a word
/// lower-cased into a byte buffer is looked up without decoding it again.
///
/// Beside the set, one bit per slot of the word lexicon
/// ([`crate::model::lexicon`]) says whether a stopword hashes to that slot,
/// and a small open-addressing table finds the stopwords by slot. The
/// lexicon scan has each word's slot already; most words of a line are
/// not stopwords, and their bit is clear; the others are found in the
/// table without hashing the word again.
pub(crate) struct WordSet {
    words: HashSet<&'static [u8], BuildHasherDefault<Fnv>>,
    slots: Vec<u64>,
    /// `(slot, word)` pairs at `slot & (len - 1)` or after it (a power of
    /// two at least twice the words; `u32::MAX` marks an empty entry).
    by_slot: Vec<(u32, &'static [u8])>,
}

impl WordSet {
    fn new(words: impl Iterator<Item = &'static str>) -> WordSet {
        let mut set = WordSet {
            words: HashSet::default(),
            slots: vec![0; crate::model::lexicon::LEXICON_SIZE / 64],
            by_slot: Vec::new(),
        };
        let mut slotted = Vec::new();
        for word in words {
            if let Some(slot) = crate::model::lexicon::word_slot(word.as_bytes()) {
                set.slots[slot / 64] |= 1 << (slot % 64);
                slotted.push((slot as u32, word.as_bytes()));
            }
            set.words.insert(word.as_bytes());
        }
        set.by_slot = vec![(u32::MAX, &b""[..]); (slotted.len() * 2).max(16).next_power_of_two()];
        let mask = set.by_slot.len() - 1;
        for (slot, word) in slotted {
            let mut i = slot as usize & mask;
            while set.by_slot[i].0 != u32::MAX {
                i = (i + 1) & mask;
            }
            set.by_slot[i] = (slot, word);
        }
        set
    }

    /// True when `word` (lower-cased) is in the list.
    pub(crate) fn contains(&self, word: &[u8]) -> bool {
        self.words.contains(word)
    }

    /// [`WordSet::contains`] for a word whose lexicon slot is known:
    /// `slot` must be [`word_slot`](crate::model::lexicon::word_slot) of
    /// `word`.
    pub(crate) fn contains_slotted(&self, word: &[u8], slot: Option<usize>) -> bool {
        let Some(slot) = slot else {
            return self.words.contains(word);
        };
        // A stopword that has a slot sets its bit and sits in the table;
        // a stopword without one (too long) cannot be a word that has one.
        if self.slots[slot / 64] & (1 << (slot % 64)) == 0 {
            return false;
        }
        let mask = self.by_slot.len() - 1;
        let mut i = slot & mask;
        loop {
            match self.by_slot[i] {
                (s, _) if s == u32::MAX => return false,
                (s, w) if s as usize == slot && w == word => return true,
                _ => i = (i + 1) & mask,
            }
        }
    }
}

/// The words of a stopword list file: one per line, after `#` comments.
fn stopwords(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.split('\n')
        .map(str::trim_ascii)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A parsed stopword list.
enum Stoplist {
    Words(WordSet),
    Unspaced(AhoCorasick),
}

impl Stoplist {
    fn parse(data: &'static str, unspaced: bool) -> Stoplist {
        let words = stopwords(data);
        if unspaced {
            // Only entries written in the unspaced script: a Latin "a" in
            // the Chinese list would match inside every English word.
            let words: Vec<&str> = words
                .filter(|w| w.chars().all(|c| is_unspaced_script(c) || c == 'ー'))
                .collect();
            let ac = AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&words)
                .ok();
            match ac {
                Some(ac) => Stoplist::Unspaced(ac),
                None => Stoplist::Words(WordSet::new(std::iter::empty())),
            }
        } else {
            Stoplist::Words(WordSet::new(words))
        }
    }
}

/// The 64-bit FNV-1a hash: short keys, no need for flooding resistance
/// (the keys are the crate's own lists).
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(code: &str) -> Language {
        Language::from_code(code).unwrap()
    }

    fn code_of(text: &str) -> Option<&'static str> {
        guess(text).map(Language::code)
    }

    #[test]
    fn guesses_short_samples() {
        let cases = [
            (
                "en",
                "The town council met on Tuesday evening and agreed to repair the old bridge before winter.",
            ),
            (
                "de",
                "Der Gemeinderat hat am Dienstagabend beschlossen, die alte Brücke vor dem Winter zu reparieren.",
            ),
            (
                "fr",
                "Le conseil municipal s'est réuni mardi soir et a décidé de réparer le vieux pont avant l'hiver.",
            ),
            (
                "es",
                "El ayuntamiento se reunió el martes por la noche y decidió reparar el viejo puente antes del invierno.",
            ),
            (
                "it",
                "Il consiglio comunale si è riunito martedì sera e ha deciso di riparare il vecchio ponte prima dell'inverno.",
            ),
            (
                "pt",
                "A câmara municipal reuniu-se na terça-feira à noite e decidiu reparar a ponte velha antes do inverno.",
            ),
            (
                "nl",
                "De gemeenteraad kwam dinsdagavond bijeen en besloot de oude brug voor de winter te herstellen.",
            ),
            (
                "pl",
                "Rada miejska zebrała się we wtorek wieczorem i postanowiła naprawić stary most przed zimą.",
            ),
            (
                "ru",
                "Городской совет собрался во вторник вечером и решил отремонтировать старый мост до зимы.",
            ),
            (
                "ja",
                "市議会は火曜日の夜に集まり、冬が来る前に古い橋を修理することを決めました。",
            ),
            (
                "zh",
                "市议会星期二晚上开会，决定在冬天到来之前修好那座旧桥。",
            ),
            (
                "ar",
                "اجتمع مجلس المدينة مساء الثلاثاء وقرر إصلاح الجسر القديم قبل حلول الشتاء.",
            ),
            (
                "th",
                "สภาเมืองประชุมกันเมื่อคืนวันอังคารและตัดสินใจซ่อมสะพานเก่าก่อนฤดูหนาว",
            ),
            (
                "uk",
                "Міська рада зібралася у вівторок увечері і вирішила відремонтувати старий міст до зими, бо він дуже потрібен.",
            ),
            (
                "hi",
                "नगर परिषद की बैठक मंगलवार शाम को हुई और यह तय किया गया कि सर्दी से पहले पुराने पुल की मरम्मत की जाएगी।",
            ),
            (
                "el",
                "Το δημοτικό συμβούλιο συνεδρίασε την Τρίτη το βράδυ και αποφάσισε να επισκευάσει την παλιά γέφυρα.",
            ),
            (
                "ko",
                "시의회는 화요일 저녁에 모여 겨울이 오기 전에 오래된 다리를 고치기로 결정했습니다.",
            ),
        ];
        for (code, text) in cases {
            assert_eq!(code_of(text), Some(code), "{text}");
        }
    }

    #[test]
    fn no_guess_without_text() {
        assert_eq!(guess(""), None);
        assert_eq!(guess("12:30 — 4.5 / 10 %"), None);
    }

    #[test]
    fn the_sample_is_bounded_and_cut_on_a_boundary() {
        let mut s = Sampler::default();
        for _ in 0..1000 {
            s.push("Über die Brücke gehen wir morgen früh, sagte sie.");
        }
        assert!(s.is_full());
        assert!(s.text.len() <= SAMPLE_BYTES + 1);
        assert_eq!(s.guess(), Some(lang("de")));
        assert_eq!(truncate("aé", 2), "a");
    }

    #[test]
    fn lower_casing_shortcuts_agree_with_the_standard_library() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut ours = Vec::new();
            for_each_lower(c, |l| ours.push(l));
            assert!(ours.iter().copied().eq(c.to_lowercase()), "{c:?}");
        }
    }

    #[test]
    fn counts_stopwords_in_spaced_languages() {
        let mut buf = String::new();
        let en = lang("en");
        // the, of, and, her, it, was, in.
        let text = "The Mayor of Springfield and her deputy said it was in order.";
        assert_eq!(count_stopwords(en, text, &mut buf), 7);
        assert_eq!(
            count_stopwords(en, "Home | News | Sport | Weather", &mut buf),
            0
        );
        let de = lang("de");
        assert_eq!(
            count_stopwords(
                de,
                "Die Brücke über den Fluss wird im Winter gesperrt.",
                &mut buf
            ),
            5
        );
        // Cyrillic upper case is lowered before the look-up.
        let ru = lang("ru");
        assert_eq!(count_stopwords(ru, "ОН БЫЛ В ГОРОДЕ", &mut buf), 3);
        // French elisions are cut at the apostrophe.
        let fr = lang("fr");
        assert!(count_stopwords(fr, "l’homme qu'il a vu", &mut buf) >= 3);
    }

    #[test]
    fn counts_function_characters_in_unspaced_languages() {
        let mut buf = String::new();
        let zh = lang("zh");
        assert!(count_stopwords(zh, "我们的城市是一个美丽的地方。", &mut buf) >= 3);
        assert_eq!(count_stopwords(zh, "首页 新闻 体育", &mut buf), 0);
        let ja = lang("ja");
        // の, は, を, に, ...
        assert!(count_stopwords(ja, "私は駅の前で友達に本を渡した。", &mut buf) >= 4);
        assert_eq!(count_stopwords(ja, "ホーム ニュース", &mut buf), 0);
        let th = lang("th");
        assert!(count_stopwords(th, "เขาไปที่ตลาดและซื้อผลไม้", &mut buf) >= 2);
        // Latin words in a Chinese document are not matched by stray
        // entries of the list.
        assert_eq!(count_stopwords(zh, "a cat", &mut buf), 0);
    }

    #[test]
    fn the_ascii_path_agrees_with_the_general_one() {
        let texts = [
            "The Mayor of Springfield and her deputy said it was in order.",
            "IT WAS THE BEST OF TIMES; it was the worst of times...",
            "don't stop--they're here (and so are WE) 42 of 7",
            "antidisestablishmentarianismandthensome the",
            "",
            "   ",
        ];
        for code in ["en", "de", "fr", "nl"] {
            let l = lang(code);
            let Some(Stoplist::Words(set)) = l.stoplist() else {
                panic!("{code} has a word list");
            };
            for t in texts {
                let mut general = 0;
                let mut buf = String::new();
                for w in t.split(is_separator).filter(|w| !w.is_empty()) {
                    buf.clear();
                    buf.extend(w.chars().flat_map(char::to_lowercase));
                    general += set.contains(buf.as_bytes()) as u32;
                }
                assert_eq!(count_ascii(set, t.as_bytes()), general, "{code}: {t}");
            }
        }
    }

    #[test]
    fn languages_without_a_list_count_nothing() {
        let cy = lang("cy");
        assert!(!cy.has_stopwords());
        assert_eq!(
            count_stopwords(cy, "Mae'r cyngor wedi cwrdd", &mut String::new()),
            0
        );
    }

    #[test]
    fn codes() {
        assert_eq!(Language::from_code("DEU"), Some(lang("de")));
        assert_eq!(Language::from_code("zho"), None);
        assert_eq!(Language::from_code("cmn"), Some(lang("zh")));
        let err = "klingon".parse::<Language>().unwrap_err().to_string();
        assert!(err.contains("unknown language 'klingon'"), "{err}");
        assert!(err.contains("en, eo"), "{err}");
        for l in Language::all() {
            assert_eq!(Language::from_code(l.code()), Some(l));
            assert_eq!(
                l.is_unspaced(),
                matches!(l.code(), "ja" | "zh" | "th" | "km" | "my")
            );
        }
        assert!(Language::all().filter(|l| l.has_stopwords()).count() >= 50);
    }

    #[test]
    fn the_slot_filter_never_hides_a_stopword() {
        // Every list's own words, each list's words as seen from the other
        // lists, and words around them (a letter more or less, digits,
        // long words): the filtered look-up must agree with the set.
        use crate::model::lexicon::word_slot;
        let lists: Vec<&WordSet> = Language::all().filter_map(word_list).collect();
        assert!(lists.len() >= 40);
        let mut probes: Vec<Vec<u8>> = vec![b"7".to_vec(), b"2024".to_vec(), vec![b'x'; 60]];
        for l in Language::all().filter(|l| l.has_stopwords()) {
            let data = l.entry().data.unwrap();
            for w in data
                .lines()
                .filter(|w| !w.starts_with('#') && !w.trim().is_empty())
            {
                let w = w.trim().as_bytes();
                probes.push(w.to_vec());
                probes.push([w, b"s"].concat());
                probes.push(w[..w.len() - 1].to_vec());
            }
        }
        let mut hits = 0;
        for set in &lists {
            for p in &probes {
                let expected = set.contains(p);
                assert_eq!(set.contains_slotted(p, word_slot(p)), expected, "{p:?}");
                hits += expected as usize;
            }
        }
        assert!(hits > 5_000, "{hits}");
    }

    #[test]
    fn every_list_parses_and_is_lower_case() {
        for l in Language::all().filter(|l| l.has_stopwords()) {
            let data = l.entry().data.unwrap();
            assert!(data.starts_with("# deboil stopwords"), "{l}");
            assert!(data.contains("Licence: MIT"), "{l}");
            for w in data.lines().filter(|w| !w.starts_with('#')) {
                assert_eq!(w.to_lowercase(), w, "{l}: {w}");
                assert!(!w.chars().any(is_separator), "{l}: {w}");
                assert!(!w.is_ascii() || w.len() <= MAX_ASCII_WORD, "{l}: {w}");
            }
            assert!(l.stoplist().is_some());
        }
    }
}
