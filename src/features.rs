//! Per-line measurements, computed in one pass over the line's characters.
//!
//! These are the cheap facts every later stage works from: how long a line
//! is in words and characters, how much of it is letters, digits or
//! punctuation, whether it ends like a sentence, how many of its words are
//! capitalised. Text in scripts written without spaces (Chinese, Japanese,
//! Thai, ...) is counted in characters and converted to an equivalent word
//! count, so that a Chinese paragraph weighs as much as an English one.

use crate::normalize::is_private_use;

/// Facts about one line, computed by [`LineFeatures::measure`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LineFeatures {
    /// Bytes of content (terminator excluded).
    pub bytes: u32,
    /// Characters of content (invalid UTF-8 sequences count one each).
    pub chars: u32,
    /// White-space separated tokens that hold at least one letter or digit.
    pub words: u32,
    /// Alphabetic characters.
    pub letters: u32,
    /// Upper-case letters.
    pub upper: u32,
    /// Decimal digits.
    pub digits: u32,
    /// Punctuation and symbol characters.
    pub punct: u32,
    /// Characters of scripts written without spaces between words (Han,
    /// Hiragana, Katakana, Thai, Lao, Khmer, Myanmar).
    pub unspaced: u32,
    /// Tokens holding at least one character of an unspaced script.
    pub unspaced_tokens: u32,
    /// Sentence-ending marks (`.`, `!`, `?` and their CJK forms) followed by
    /// space or the end of the line.
    pub sentence_ends: u32,
    /// Words whose first letter is upper-case.
    pub capitalised_words: u32,
    /// Characters from the private-use areas (icon fonts).
    pub private_use: u32,
    /// Commas and their CJK forms (prose has them, menus do not).
    pub commas: u32,
    /// Places where a lower-case letter is followed directly by an
    /// upper-case one (`ContentsTopicsWhat`): texts glued together by a
    /// scraper that joined elements without a space.
    pub glue_joins: u32,
    /// Length in characters of the longest token.
    pub longest_token: u32,
    /// The content ends with a sentence-ending mark (closing quotes and
    /// brackets aside).
    pub ends_sentence: bool,
    /// The content holds invalid UTF-8.
    pub invalid_utf8: bool,
}

impl LineFeatures {
    /// Measures `text`, the decoded content of a line.
    ///
    /// ```
    /// use deboil::features::LineFeatures;
    /// let f = LineFeatures::measure("Poland wants NATO to move troops.", false);
    /// assert_eq!(f.words, 6);
    /// assert!(f.ends_sentence);
    /// let zh = LineFeatures::measure("波兰希望北约向俄罗斯附近增派更多部队。", false);
    /// assert!(zh.effective_words() >= 8);
    /// ```
    pub fn measure(text: &str, invalid_utf8: bool) -> LineFeatures {
        Self::measure_with::<true>(text, invalid_utf8)
    }

    /// [`LineFeatures::measure`]; with `LOWER_RUNS`, a run of ASCII
    /// lower-case letters (most of the bytes of running text in Latin
    /// script) is counted at once rather than a character at a time. The
    /// counts are the same either way (a unit test compares them).
    fn measure_with<const LOWER_RUNS: bool>(text: &str, invalid_utf8: bool) -> LineFeatures {
        // Counters live in locals (registers) until the end.
        let (mut chars, mut words, mut letters, mut upper_count) = (0u32, 0u32, 0u32, 0u32);
        let (mut digits, mut punct, mut unspaced, mut unspaced_tokens) = (0u32, 0u32, 0u32, 0u32);
        let (mut sentence_ends, mut capitalised_words) = (0u32, 0u32);
        let (mut private_use, mut commas, mut glue_joins, mut longest_token) =
            (0u32, 0u32, 0u32, 0u32);
        let mut in_token = false;
        let mut token_has_alnum = false;
        let mut token_len = 0u32;
        let mut token_first_letter_checked = false;
        let mut token_unspaced = false;
        let mut prev_sentence_mark = false;
        // Whether the last character that is not a closing quote or
        // bracket ends a sentence.
        let mut last_ends = false;
        let mut prev_lower = false;
        let ascii = ascii_classes();
        let two_byte = two_byte_classes();
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            if LOWER_RUNS && bytes[at].is_ascii_lowercase() {
                // What the general path below does for each letter of the
                // run (class ALPHA | LOWER): a lower-case letter after a
                // lower-case one is no glued join, and it neither closes
                // nor ends a sentence.
                let start = at;
                at += 1 + crate::swar::lower_run(&bytes[at + 1..]);
                let run = (at - start) as u32;
                chars += run;
                letters += run;
                token_len += run;
                in_token = true;
                token_has_alnum = true;
                token_first_letter_checked = true;
                prev_sentence_mark = false;
                prev_lower = true;
                last_ends = false;
                continue;
            }
            // ASCII from a table; other characters decoded and classified.
            let class = match bytes[at] {
                b @ 0..=0x7f => {
                    at += 1;
                    ascii[usize::from(b)]
                }
                _ => {
                    let c = text[at..].chars().next().unwrap_or('\u{fffd}');
                    at += c.len_utf8();
                    match c as u32 {
                        code @ 0x80..=0x7ff => two_byte[code as usize - 0x80],
                        code @ SYMBOLS_START..=SYMBOLS_END => {
                            symbol_classes()[(code - SYMBOLS_START) as usize]
                        }
                        CJK_UNIFIED_START..=CJK_UNIFIED_END => ALPHA | UNSPACED,
                        HANGUL_START..=HANGUL_END => ALPHA,
                        _ => classify(c),
                    }
                }
            };
            let upper = class & UPPER != 0;
            glue_joins += (prev_lower && upper) as u32;
            prev_lower = class & LOWER != 0;
            chars += 1;
            if class & SPACE != 0 {
                sentence_ends += prev_sentence_mark as u32;
                prev_sentence_mark = false;
                if in_token {
                    words += token_has_alnum as u32;
                    unspaced_tokens += token_unspaced as u32;
                    longest_token = longest_token.max(token_len);
                }
                in_token = false;
                token_unspaced = false;
                token_has_alnum = false;
                token_len = 0;
                token_first_letter_checked = false;
                continue;
            }
            in_token = true;
            token_len += 1;
            prev_sentence_mark = false;
            if class & ALPHA != 0 {
                letters += 1;
                token_has_alnum = true;
                upper_count += upper as u32;
                if !token_first_letter_checked {
                    token_first_letter_checked = true;
                    capitalised_words += upper as u32;
                }
                if class & UNSPACED != 0 {
                    unspaced += 1;
                    token_unspaced = true;
                }
            } else if class & NUMERIC != 0 {
                digits += 1;
                token_has_alnum = true;
            } else if class & PRIVATE != 0 {
                private_use += 1;
            } else {
                punct += 1;
                prev_sentence_mark = class & SENTENCE_MARK != 0;
                sentence_ends += (class & CJK_SENTENCE_MARK != 0) as u32;
                commas += (class & COMMA != 0) as u32;
            }
            if class & CLOSING == 0 {
                last_ends = class & ENDS_SENTENCE != 0;
            }
        }
        if in_token {
            words += token_has_alnum as u32;
            unspaced_tokens += token_unspaced as u32;
            longest_token = longest_token.max(token_len);
        }
        sentence_ends += prev_sentence_mark as u32;
        LineFeatures {
            bytes: text.len() as u32,
            chars,
            words,
            letters,
            upper: upper_count,
            digits,
            punct,
            unspaced,
            unspaced_tokens,
            sentence_ends,
            capitalised_words,
            private_use,
            commas,
            glue_joins,
            longest_token,
            ends_sentence: last_ends,
            invalid_utf8,
        }
    }

    /// Words, with text in unspaced scripts converted at two characters a
    /// word.
    pub fn effective_words(&self) -> u32 {
        // A run of Han characters is one white-space token; count its
        // characters instead of the token.
        self.words - self.unspaced_tokens.min(self.words) + self.unspaced.div_ceil(2)
    }

    /// Share of characters that are letters, 0.0 to 1.0.
    pub fn letter_ratio(&self) -> f32 {
        ratio(self.letters, self.chars)
    }

    /// True for a line that reads as running prose: enough words, mostly
    /// letters, and at least one sentence mark or comma.
    pub fn is_prose(&self) -> bool {
        let w = self.effective_words();
        w >= 12 && self.letter_ratio() >= 0.6 && (self.sentence_ends + self.commas >= 1 || w >= 25)
    }
}

// What `measure` needs to know of a character, as bits.
const SPACE: u16 = 1;
const ALPHA: u16 = 2;
const UPPER: u16 = 4;
const LOWER: u16 = 8;
const NUMERIC: u16 = 16;
const PRIVATE: u16 = 32;
const UNSPACED: u16 = 64;
/// Ends a sentence when followed by space or the end of the line.
const SENTENCE_MARK: u16 = 128;
/// Ends a sentence wherever it is (CJK full stops).
const CJK_SENTENCE_MARK: u16 = 256;
const COMMA: u16 = 512;
/// Closing quotes and brackets, skipped when looking for the last mark.
const CLOSING: u16 = 1024;
/// A line whose last mark is one of these ends like a sentence.
const ENDS_SENTENCE: u16 = 2048;

/// The character's class bits, from Unicode's properties and the marks
/// listed above.
fn classify(c: char) -> u16 {
    let mut class = 0;
    match c {
        '.' | '!' | '?' | '؟' | '।' => class |= SENTENCE_MARK,
        '。' | '！' | '？' => class |= CJK_SENTENCE_MARK,
        ',' | '，' | '、' | '،' | ';' => class |= COMMA,
        _ => {}
    }
    if matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '«' | ')' | ']' | '」' | '』' | '）'
    ) {
        class |= CLOSING;
    }
    if matches!(
        c,
        '.' | '!' | '?' | '。' | '！' | '？' | '؟' | '।' | ':' | ';'
    ) {
        class |= ENDS_SENTENCE;
    }
    if c.is_whitespace() {
        class |= SPACE;
    }
    if c.is_alphabetic() {
        class |= ALPHA;
    }
    if c.is_uppercase() {
        class |= UPPER;
    }
    if c.is_lowercase() {
        class |= LOWER;
    }
    if c.is_ascii_digit() || c.is_numeric() {
        class |= NUMERIC;
    }
    if is_private_use(c) {
        class |= PRIVATE;
    }
    if is_unspaced_script(c) {
        class |= UNSPACED;
    }
    class
}

/// [`classify`] for the ASCII range, computed once.
fn ascii_classes() -> &'static [u16; 128] {
    static TABLE: std::sync::OnceLock<[u16; 128]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| std::array::from_fn(|b| classify(char::from(b as u8))))
}

/// `c.is_alphanumeric()`, with the characters below U+0800 (most
/// alphabets), general punctuation (U+2000 to U+206F, none alphanumeric)
/// and the blocks of kana, CJK ideographs and Hangul syllables (all
/// letters) answered without the Unicode property search.
pub(crate) fn is_alphanumeric(c: char) -> bool {
    match c as u32 {
        0..=0x7f => c.is_ascii_alphanumeric(),
        code @ 0x80..=0x7ff => two_byte_classes()[code as usize - 0x80] & (ALPHA | NUMERIC) != 0,
        0x2000..=0x206f => false,
        0x3041..=0x3096
        | 0x30A1..=0x30FA
        | CJK_UNIFIED_START..=CJK_UNIFIED_END
        | HANGUL_START..=HANGUL_END => true,
        _ => c.is_alphanumeric(),
    }
}

/// [`classify`] for U+0080 to U+07FF (Latin, Greek, Cyrillic, Armenian,
/// Hebrew, Arabic, ...: the characters UTF-8 writes in two bytes), computed
/// once.
fn two_byte_classes() -> &'static [u16; 0x780] {
    static TABLE: std::sync::OnceLock<[u16; 0x780]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|i| classify(char::from_u32(0x80 + i as u32).unwrap_or(' ')))
    })
}

/// The characters from U+2000 to U+30FF: general punctuation (curly
/// quotes, dashes, the ellipsis), symbols, arrows, box drawing, CJK
/// punctuation, kana. Most lines outside ASCII in a Latin script hold one
/// of them, and [`classify`] spends hundreds of instructions on each (the
/// Unicode tables are searched).
const SYMBOLS_START: u32 = 0x2000;
const SYMBOLS_END: u32 = 0x30FF;

/// [`classify`] for U+2000 to U+30FF, computed the first time such a
/// character comes.
fn symbol_classes() -> &'static [u16; (SYMBOLS_END - SYMBOLS_START + 1) as usize] {
    static TABLE: std::sync::OnceLock<[u16; (SYMBOLS_END - SYMBOLS_START + 1) as usize]> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|i| char::from_u32(SYMBOLS_START + i as u32).map_or(0, classify))
    })
}

// Blocks whose characters all have one class (a unit test checks each).
const CJK_UNIFIED_START: u32 = 0x4E00;
const CJK_UNIFIED_END: u32 = 0x9FFF;
const HANGUL_START: u32 = 0xAC00;
const HANGUL_END: u32 = 0xD7A3;

fn ratio(a: u32, b: u32) -> f32 {
    if b == 0 { 0.0 } else { a as f32 / b as f32 }
}

/// True for letters of scripts that do not put spaces between words.
pub fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF   // Hiragana, Katakana
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0x20000..=0x2FA1F
        | 0x0E00..=0x0E7F // Thai
        | 0x0E80..=0x0EFF // Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0xFF66..=0xFF9D // half-width Katakana
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_latin() {
        let f = LineFeatures::measure("Hello, World! 42 times.", false);
        assert_eq!(f.words, 4);
        assert_eq!(f.digits, 2);
        assert_eq!(f.capitalised_words, 2);
        assert_eq!(f.sentence_ends, 2);
        assert_eq!(f.commas, 1);
        assert!(f.ends_sentence);
        assert!(!f.is_prose());
        assert_eq!(f.glue_joins, 0);
    }

    #[test]
    fn counts_glued_texts() {
        assert_eq!(
            LineFeatures::measure("ContentsTopicsWhat we do", false).glue_joins,
            2
        );
        assert_eq!(
            LineFeatures::measure("Sign inSign upHome", false).glue_joins,
            2
        );
        assert_eq!(
            LineFeatures::measure("NATO and the USA", false).glue_joins,
            0
        );
    }

    #[test]
    fn lower_case_runs_count_as_single_characters_do() {
        let mut lines: Vec<String> = [
            "",
            "a",
            "aB",
            "Ba",
            "word.",
            "«quoted» text, then (more).",
            "NewsThe glued join",
            "x1y2 z",
            "ünïcode mixed with ascii",
            "中文abc。def",
            "\u{e000}icon",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        lines.extend(
            crate::lines::sample_lines()
                .iter()
                .map(|l| String::from_utf8_lossy(l).into_owned()),
        );
        assert!(lines.len() > 1000, "{} lines", lines.len());
        for line in &lines {
            assert_eq!(
                LineFeatures::measure_with::<true>(line, false),
                LineFeatures::measure_with::<false>(line, false),
                "{line:?}"
            );
        }
    }

    #[test]
    fn punctuation_only_tokens_are_not_words() {
        let f = LineFeatures::measure("Home › News › World", false);
        assert_eq!(f.words, 3);
        assert!(!f.ends_sentence);
    }

    #[test]
    fn prose_in_several_scripts() {
        let en = "Speaking with the organisation's Secretary General on Thursday, Duda cited the alleged recent relocation of forces.";
        assert!(LineFeatures::measure(en, false).is_prose());
        let ru = "Президент Польши предложил НАТО расширить присутствие в Восточной Европе, чтобы защитить дружественные государства вне блока.";
        assert!(LineFeatures::measure(ru, false).is_prose());
        let ja = "ポーランドの大統領は、北大西洋条約機構が東欧での存在感を高めるべきだと述べた。";
        assert!(LineFeatures::measure(ja, false).is_prose());
        let th = "ประธานาธิบดีโปแลนด์เสนอให้นาโตขยายการประจำการในยุโรปตะวันออก";
        assert!(LineFeatures::measure(th, false).effective_words() >= 12);
        assert!(!LineFeatures::measure("Home", false).is_prose());
    }

    #[test]
    fn alphanumeric_shortcut_agrees_with_the_standard_library() {
        for code in 0..0x11_0000u32 {
            if let Some(c) = char::from_u32(code) {
                assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            }
        }
    }

    #[test]
    fn class_shortcuts_agree_with_unicode_properties() {
        for (b, &class) in ascii_classes().iter().enumerate() {
            assert_eq!(class, classify(char::from(b as u8)));
        }
        for (i, &class) in two_byte_classes().iter().enumerate() {
            let c = char::from_u32(0x80 + i as u32).unwrap();
            assert_eq!(class, classify(c), "{c:?}");
        }
        for code in CJK_UNIFIED_START..=CJK_UNIFIED_END {
            let c = char::from_u32(code).unwrap();
            assert_eq!(classify(c), ALPHA | UNSPACED, "{c:?}");
        }
        for code in HANGUL_START..=HANGUL_END {
            let c = char::from_u32(code).unwrap();
            assert_eq!(classify(c), ALPHA, "{c:?}");
        }
    }

    #[test]
    fn private_use_glyphs_are_counted() {
        let f = LineFeatures::measure("\u{e001} \u{f101}", false);
        assert_eq!(f.private_use, 2);
        assert_eq!(f.words, 0);
    }
}
