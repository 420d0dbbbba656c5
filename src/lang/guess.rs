//! Guessing a document's language from a sample of its text.
//!
//! Two steps, both cheap:
//!
//! 1. **Script.** The sample's letters are counted per writing system.
//!    Most scripts name their language outright (Greek, Armenian,
//!    Georgian, Hangul, Thai, Tamil, …); kana among Chinese characters
//!    means Japanese, Chinese characters alone Chinese.
//! 2. **Stopwords.** Where a script is shared (Latin, Cyrillic, Arabic,
//!    Devanagari, Hebrew, Bengali), the sample's words vote: each word
//!    splits one vote among the languages of the script whose stopword
//!    lists hold it, and the language with the most votes wins. Function
//!    words are the commonest words of running text and differ between
//!    languages, so a few sentences decide; the lists are the ones the
//!    features use (`src/lang/data`), so the language chosen is the one
//!    whose stopwords the text is densest in.
//!
//! A guess needs [`MIN_LETTERS`] letters in the main script and, where
//! words vote, [`MIN_HITS`] stopwords of the winner making at least
//! [`MIN_HIT_SHARE`] of the words; otherwise there is no guess, and the
//! document is scored without stopword features, as in a language without
//! a list.
//!
//! The cost is one pass over the sample and one hash look-up per word; a
//! script's table of words (every list of that script, word to languages)
//! is built the first time a document in that script is guessed.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use super::{Fnv, LANGUAGES, Language, is_separator, lower_word, stopwords};

/// The fewest letters of the main script for a guess.
pub const MIN_LETTERS: usize = 20;

/// The fewest of the sample's words that must be stopwords of the winning
/// language of a shared script.
pub const MIN_HITS: u32 = 2;

/// The smallest share of the sample's words that must be stopwords of the
/// winning language of a shared script.
pub const MIN_HIT_SHARE: f32 = 0.1;

/// Writing systems the guesser tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    Armenian,
    Hebrew,
    Arabic,
    Devanagari,
    Bengali,
    Gurmukhi,
    Gujarati,
    Oriya,
    Tamil,
    Telugu,
    Kannada,
    Malayalam,
    Sinhala,
    Thai,
    Myanmar,
    Georgian,
    Ethiopic,
    Khmer,
    Hangul,
    Kana,
    Han,
}

const SCRIPTS: usize = Script::Han as usize + 1;

// A script's table holds the languages of a word as bits of a `u128`.
const _: () = assert!(LANGUAGES.len() <= 128);

/// The script of a letter; `None` for anything else (digits, punctuation,
/// symbols, marks of no script listed here).
fn script_of(c: char) -> Option<Script> {
    use Script::*;
    let u = c as u32;
    Some(match u {
        0x41..=0x5A | 0x61..=0x7A => Latin,
        0..=0x7F => return None,
        0xC0..=0x24F if u != 0xD7 && u != 0xF7 => Latin,
        0x1E00..=0x1EFF => Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Greek,
        0x400..=0x52F => Cyrillic,
        0x531..=0x58F => Armenian,
        0x591..=0x5FF => Hebrew,
        0x600..=0x6FF | 0x750..=0x77F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Arabic,
        0x900..=0x97F => Devanagari,
        0x980..=0x9FF => Bengali,
        0xA00..=0xA7F => Gurmukhi,
        0xA80..=0xAFF => Gujarati,
        0xB00..=0xB7F => Oriya,
        0xB80..=0xBFF => Tamil,
        0xC00..=0xC7F => Telugu,
        0xC80..=0xCFF => Kannada,
        0xD00..=0xD7F => Malayalam,
        0xD80..=0xDFF => Sinhala,
        0xE00..=0xE7F => Thai,
        0x1000..=0x109F => Myanmar,
        0x10A0..=0x10FF => Georgian,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Hangul,
        0x1200..=0x139F => Ethiopic,
        0x1780..=0x17FF => Khmer,
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Kana,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F => Han,
        _ => return None,
    })
}

/// The language a script names on its own, for the scripts one language
/// (of those deboil knows) is written in.
fn sole_language(script: Script) -> Option<&'static str> {
    use Script::*;
    Some(match script {
        Greek => "el",
        Armenian => "hy",
        Gurmukhi => "pa",
        Gujarati => "gu",
        Oriya => "or",
        Tamil => "ta",
        Telugu => "te",
        Kannada => "kn",
        Malayalam => "ml",
        Sinhala => "si",
        Thai => "th",
        Myanmar => "my",
        Georgian => "ka",
        Ethiopic => "am",
        Khmer => "km",
        Hangul => "ko",
        Kana => "ja",
        Han => "zh",
        Latin | Cyrillic | Hebrew | Arabic | Devanagari | Bengali => return None,
    })
}

/// Kana making up at least this share of the kana and Chinese characters
/// marks Japanese (Japanese prose is mostly kana; Chinese has none).
const KANA_SHARE: f32 = 0.1;

/// Guesses the language of `sample`; see the [module](self) documentation.
pub(super) fn guess(sample: &str) -> Option<Language> {
    let mut letters = [0usize; SCRIPTS];
    if sample.is_ascii() {
        letters[Script::Latin as usize] = sample.bytes().filter(u8::is_ascii_alphabetic).count();
    } else {
        for c in sample.chars() {
            if let Some(s) = script_of(c) {
                letters[s as usize] += 1;
            }
        }
    }
    // Japanese is written in kana and Chinese characters together.
    let (kana, han) = (
        letters[Script::Kana as usize],
        letters[Script::Han as usize],
    );
    if kana as f32 >= KANA_SHARE * (kana + han) as f32 {
        letters[Script::Kana as usize] += han;
        letters[Script::Han as usize] = 0;
    }
    let (main, &count) = letters
        .iter()
        .enumerate()
        .max_by_key(|&(i, n)| (n, usize::MAX - i))?;
    if count < MIN_LETTERS {
        return None;
    }
    let script = ALL_SCRIPTS[main];
    match sole_language(script) {
        Some(code) => Language::from_code(code),
        None => vote(script, sample),
    }
}

const ALL_SCRIPTS: [Script; SCRIPTS] = {
    use Script::*;
    [
        Latin, Cyrillic, Greek, Armenian, Hebrew, Arabic, Devanagari, Bengali, Gurmukhi, Gujarati,
        Oriya, Tamil, Telugu, Kannada, Malayalam, Sinhala, Thai, Myanmar, Georgian, Ethiopic,
        Khmer, Hangul, Kana, Han,
    ]
};

/// The stopword lists of one script: each word, lower-cased, to the
/// languages (bits of [`Language`]'s index) whose list holds it.
type ScriptWords = HashMap<&'static [u8], u128, BuildHasherDefault<Fnv>>;

/// The languages whose stopword list is written in `script` (most of its
/// letters are), with their words.
fn script_words(script: Script) -> &'static ScriptWords {
    static TABLES: [OnceLock<ScriptWords>; SCRIPTS] = [const { OnceLock::new() }; SCRIPTS];
    TABLES[script as usize].get_or_init(|| {
        let lists: Vec<(usize, &'static str)> = LANGUAGES
            .iter()
            .enumerate()
            .filter_map(|(index, entry)| Some((index, entry.data?)))
            .filter(|&(_, data)| main_script(data) == Some(script))
            .collect();
        let mut words = ScriptWords::with_capacity_and_hasher(
            lists.iter().map(|(_, data)| data.len() / 4).sum(),
            BuildHasherDefault::default(),
        );
        for (index, data) in lists {
            for word in stopwords(data) {
                *words.entry(word.as_bytes()).or_default() |= 1u128 << index;
            }
        }
        words
    })
}

/// The letters a list's script is told from: its first words.
const SCRIPT_PROBE: usize = 64;

/// The script most of the letters of a list's first words are written in.
fn main_script(data: &'static str) -> Option<Script> {
    let mut letters = [0usize; SCRIPTS];
    for c in stopwords(data).take(SCRIPT_PROBE).flat_map(str::chars) {
        if let Some(s) = script_of(c) {
            letters[s as usize] += 1;
        }
    }
    let (main, &n) = letters.iter().enumerate().max_by_key(|&(_, n)| n)?;
    (n > 0).then_some(ALL_SCRIPTS[main])
}

/// Languages by how much of the web is written in them, most first (the
/// order of Common Crawl's published language statistics, roughly): the
/// tie-break between languages whose stopwords a short sample hits
/// equally (Russian and Macedonian share `и`, `во`, `до`).
const BY_PREVALENCE: &[&str] = &[
    "en", "ru", "de", "zh", "ja", "es", "fr", "it", "pt", "pl", "nl", "tr", "vi", "id", "cs", "fa",
    "ko", "uk", "hu", "sv", "ro", "el", "ar", "da", "fi", "sk", "th", "bg", "nb", "hr", "lt", "sr",
    "he", "sl", "et", "lv", "ca", "hi", "bn", "ta", "az", "ur", "mk",
];

/// The place of a language (an index into `LANGUAGES`) in
/// [`BY_PREVALENCE`]; languages not in it come after, in table order.
fn prevalence_rank(index: usize) -> usize {
    let code = LANGUAGES[index].code;
    BY_PREVALENCE
        .iter()
        .position(|&c| c == code)
        .unwrap_or(BY_PREVALENCE.len() + index)
}

/// The language of `script` whose stopwords the sample's words hit most.
///
/// A word in the lists of `k` languages gives each of them `1 / k` of a
/// vote: `the` is a strong witness of English, `a` (in sixteen lists) a
/// weak one of any of them. Equal votes are decided by the plain count of
/// hits, then by how common the language is.
///
/// The winner must then have at least [`MIN_HITS`] of the words in its
/// list, and [`MIN_HIT_SHARE`] of them. Prose has a fifth to a half of
/// its words in its language's list; a sample made mostly of headings and
/// product names (a shop, a forum's index) has fewer, and still deserves
/// its language. The price of that low bar: a language with no list of
/// its own that shares a script and a few short words with one that has
/// (Welsh with Romanian, Swahili with Turkish) can be taken for it, and
/// its stopwords then count those short words only. Samples with less
/// in common with any list (Esperanto, Uzbek, Javanese) get no guess.
fn vote(script: Script, sample: &str) -> Option<Language> {
    let table = script_words(script);
    let mut votes = [0f32; 128];
    let mut hits = [0u32; 128];
    let mut words = 0u32;
    let mut buf = String::new();
    for word in sample.split(is_separator).filter(|w| !w.is_empty()) {
        words += 1;
        let Some(&langs) = table.get(lower_word(word, &mut buf)) else {
            continue;
        };
        let share = 1.0 / langs.count_ones() as f32;
        let mut bits = langs;
        while bits != 0 {
            let i = bits.trailing_zeros() as usize;
            votes[i] += share;
            hits[i] += 1;
            bits &= bits - 1;
        }
    }
    // The most votes, then the most hits, then the language more common
    // on the web.
    let mut best = 0;
    for i in 1..LANGUAGES.len() {
        let order = (votes[i], hits[i])
            .partial_cmp(&(votes[best], hits[best]))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| prevalence_rank(best).cmp(&prevalence_rank(i)));
        if order.is_gt() {
            best = i;
        }
    }
    let enough = hits[best] >= MIN_HITS && hits[best] as f32 >= MIN_HIT_SHARE * words as f32;
    enough.then_some(Language(best as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(sample: &str) -> Option<&'static str> {
        guess(sample).map(Language::code)
    }

    #[test]
    fn too_little_text_gives_no_guess() {
        assert_eq!(code(""), None);
        assert_eq!(code("12 34 56 — 78"), None);
        assert_eq!(code("Home News"), None);
        // Enough letters, but no function words: a list of names.
        assert_eq!(
            code("Marketing Analytics Dashboard Pricing Customers Careers Investors"),
            None
        );
    }

    #[test]
    fn languages_without_a_list_get_no_guess() {
        // Esperanto, Uzbek and Javanese share the Latin script and a few
        // short words with listed languages, too few for a guess.
        for text in [
            "La urba konsilio voĉdonis pri la buĝeto mardon vespere, post longa debato pri la nova lernejo kiu estas tre bezonata en la urbo.",
            "Shahar kengashi seshanba kuni kechqurun byudjet uchun ovoz berdi, yangi maktab haqida uzoq munozaradan keyin, bu juda zarur edi.",
            "Dewan kutha milih anggaran ing dina Selasa bengi, sawise debat dawa babagan sekolah anyar sing dibutuhake banget.",
        ] {
            assert_eq!(code(text), None, "{text}");
        }
    }

    #[test]
    fn ties_go_to_the_commoner_language() {
        // `и`, `во` and `до` are Russian and Macedonian stopwords alike.
        let text = "Городской совет собрался во вторник вечером и решил отремонтировать старый мост до зимы.";
        assert_eq!(code(text), Some("ru"));
    }

    #[test]
    fn every_list_belongs_to_one_script_table() {
        // Each language with a list in a shared script is a candidate in
        // that script's table, so its own stopwords can make it win.
        for (index, entry) in LANGUAGES.iter().enumerate() {
            let Some(data) = entry.data else { continue };
            let script = main_script(data).expect(entry.code);
            if sole_language(script).is_some() {
                continue;
            }
            let table = script_words(script);
            assert!(
                table.values().any(|&m| m & (1u128 << index) != 0),
                "{} has no words in its script's table",
                entry.code
            );
        }
    }
}
