//! Matching keys: the normalised form of a line that rules are matched
//! against.
//!
//! A key is built with Unicode NFKC, full lower-casing, white space collapsed
//! to single spaces, and decorative marks (bullets, arrows, separators,
//! private-use glyphs) trimmed from both ends. Keys are only ever used for
//! matching: the text deboil writes out is the original bytes, untouched.
//!
//! Only the first [`KEY_INPUT_LIMIT`] bytes of a line are looked at; residue
//! lines are short, and a longer line is never dropped for a phrase deep
//! inside it.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::{IsNormalized, is_nfkc_quick};

/// How many bytes of a line's content go into its key.
pub const KEY_INPUT_LIMIT: usize = 1024;

/// True for characters trimmed from both ends of a key: white space,
/// punctuation used as decoration, arrows, bullets and private-use glyphs.
pub fn is_decoration(c: char) -> bool {
    if c.is_whitespace() || is_private_use(c) {
        return true;
    }
    matches!(
        c,
        '•' | '·'
            | '‣'
            | '◦'
            | '▪'
            | '▫'
            | '▸'
            | '▹'
            | '►'
            | '▶'
            | '◀'
            | '◂'
            | '◃'
            | '◄'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '→'
            | '←'
            | '↑'
            | '↓'
            | '↗'
            | '⇒'
            | '|'
            | '¦'
            | '/'
            | '\\'
            | '-'
            | '–'
            | '—'
            | '*'
            | '~'
            | ':'
            | '>'
            | '<'
            | '+'
            | '#'
            | '='
            | '_'
            | '⋅'
            | '∙'
            | '●'
            | '○'
            | '■'
            | '□'
            | '★'
            | '☆'
            | '✓'
            | '✔'
            | '✕'
            | '✖'
            | '×'
            | '…'
            | '⌄'
            | '⌃'
            | '^'
            | '\u{fffd}'
            | '\u{feff}'
            | '\u{200b}'
            | '\u{200c}'
            | '\u{200d}'
            | '\u{2060}'
            | '、'
            | '：'
            | '｜'
            | '】'
            | '【'
            | '〉'
            | '〈'
    )
}

/// True for code points in the Unicode private-use areas, where icon fonts
/// keep their glyphs.
pub fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
}

/// Builds the matching key of `line` (its content, without terminator) into
/// `key`, replacing what `key` held. Invalid UTF-8 sequences become U+FFFD in
/// the key.
///
/// ```
/// let mut key = String::new();
/// deboil::normalize::key_into(" » Share on  FACEBOOK:\u{a0}".as_bytes(), &mut key);
/// assert_eq!(key, "share on facebook");
/// deboil::normalize::key_into("ＡＢＣ ﬁ".as_bytes(), &mut key);
/// assert_eq!(key, "abc fi");
/// ```
pub fn key_into(line: &[u8], key: &mut String) {
    let cut = &line[..line.len().min(KEY_INPUT_LIMIT)];
    match std::str::from_utf8(cut) {
        Ok(text) => key_of_text(text, key),
        Err(_) => {
            // Invalid bytes, or a line cut at the input limit in the
            // middle of a character.
            key.clear();
            push_unicode(
                String::from_utf8_lossy(cut).trim_end_matches('\u{fffd}'),
                key,
            );
            trim_decoration(key);
        }
    }
}

/// [`key_into`] for text already known to be UTF-8 (a line of a document
/// checked whole): the same key, without checking the bytes again.
pub(crate) fn key_of_text(text: &str, key: &mut String) {
    key.clear();
    let limit = text.len().min(KEY_INPUT_LIMIT);
    if let Some(ascii) = text.get(..limit).filter(|t| t.is_ascii()) {
        push_ascii(ascii, key);
    } else {
        // Cut at the last character boundary before the limit: what is
        // left of a character cut in half is dropped, as
        // [`key_into`] drops its replacement character.
        let mut end = limit;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        push_unicode(text[..end].trim_end_matches('\u{fffd}'), key);
    }
    trim_decoration(key);
}

/// Appends the ASCII `line` to `key`: lower-cased, ASCII white space
/// collapsed into one space between words.
fn push_ascii(line: &str, key: &mut String) {
    key.reserve(line.len());
    // Most lines have no white space but single spaces between words:
    // their key is the line lower-cased, copied whole.
    if single_spaced(line.as_bytes()) {
        push_lower_case(line, key);
        return;
    }
    push_ascii_bytes(line.as_bytes(), key);
}

/// Appends the ASCII `text` to `key`, lower-cased, as it is otherwise.
fn push_lower_case(text: &str, key: &mut String) {
    let at = key.len();
    key.push_str(text);
    key[at..].make_ascii_lowercase();
}

/// [`push_ascii`] a byte at a time. White space here is
/// `u8::is_ascii_whitespace`'s, which leaves out the vertical tab (a key
/// of an ASCII line keeps it, as it always has); in a line that is not
/// all ASCII, [`push_ascii_byte`] follows `char::is_whitespace`, which
/// counts it.
fn push_ascii_bytes(line: &[u8], key: &mut String) {
    let mut pending_space = false;
    for b in line {
        if b.is_ascii_whitespace() {
            pending_space = !key.is_empty();
        } else {
            if pending_space {
                key.push(' ');
                pending_space = false;
            }
            key.push(char::from(b.to_ascii_lowercase()));
        }
    }
}

/// True when the only white space of the ASCII `line` is single spaces
/// between words (none first or last, no two together, no tab or line
/// break): what [`push_ascii`] would collapse is absent.
fn single_spaced(line: &[u8]) -> bool {
    if line.first() == Some(&b' ') || line.last() == Some(&b' ') {
        return false;
    }
    // Both tests look at every byte, with no exit at the first failure,
    // so that the compiler tests many bytes at a step: a key is mostly a
    // short line, and a branch per byte cost more than the bytes after a
    // failure do.
    let other_space = line.iter().fold(false, |found, &b| {
        found | (b == b'\t') | (b == b'\n') | (b == 0x0c) | (b == b'\r')
    });
    let next = line.get(1..).unwrap_or_default();
    let double_space = line
        .iter()
        .zip(next)
        .fold(false, |found, (&a, &b)| found | ((a == b' ') & (b == b' ')));
    !(other_space | double_space)
}

/// Appends `c` to `key`, lower-cased, white space collapsed into one space
/// between words.
#[inline(always)]
fn push_char(c: char, key: &mut String, pending_space: &mut bool) {
    let known = known_char(c);
    let space = match known {
        Some(k) => k.space,
        None => c.is_whitespace(),
    };
    if space {
        *pending_space = !key.is_empty();
    } else {
        if *pending_space {
            key.push(' ');
            *pending_space = false;
        }
        match known {
            Some(KnownChar {
                lower: Some(lower), ..
            }) => key.push(lower),
            _ => key.extend(c.to_lowercase()),
        }
    }
}

fn push_unicode(text: &str, key: &mut String) {
    let mut pending_space = false;
    key.reserve(text.len());
    // Text made only of characters NFKC leaves alone, with no combining
    // marks among them, is in NFKC already (what the quick check would
    // find, without its per-character look-ups); with starters that NFKC
    // turns into ASCII (a no-break space, an ellipsis) among them too, its
    // NFKC is each character's own, one after the other.
    if is_simple(text) || is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        push_text(text, key, &mut pending_space);
    } else {
        for c in text.nfkc() {
            push_char(c, key, &mut pending_space);
        }
    }
}

/// True when every character of `text` is ASCII, known to be left alone by
/// NFKC ([`KnownChar::inert`]) or known to become ASCII under it
/// ([`KnownChar::ascii`]). Such text has no combining marks and nothing
/// that composes with what precedes it, so its NFKC is the NFKC of each
/// character in turn. ASCII bytes, most of nearly any line that reaches
/// here, are stepped over without decoding.
fn is_simple(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii() {
            i += crate::swar::ascii_run(&bytes[i..]);
            continue;
        }
        // `i` is a character boundary: the start, after an ASCII byte, or
        // after a whole character.
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            return false;
        };
        if !known_char(c).is_some_and(|k| k.inert || k.ascii.is_some()) {
            return false;
        }
        i += c.len_utf8();
    }
    true
}

/// [`push_char`] for every character of the NFKC of `text`, which must be
/// in NFKC already but for characters that become ASCII under it (see
/// [`is_simple`]): ASCII bytes are handled as bytes (the same result:
/// ASCII white space is `char::is_whitespace`'s, tab to carriage return
/// and space, vertical tab included, and lower-casing is ASCII's), and a
/// character that becomes ASCII as the bytes it becomes.
fn push_text(text: &str, key: &mut String, pending_space: &mut bool) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii() {
            // The run ends at the end or before a character's first byte:
            // a character boundary.
            let run = crate::swar::ascii_run(&bytes[i..]);
            push_ascii_run(&text[i..i + run], key, pending_space);
            i += run;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            return;
        };
        match known_char(c).and_then(|k| k.ascii) {
            Some(form) => {
                for &b in form.bytes() {
                    push_ascii_byte(b, key, pending_space);
                }
            }
            None => push_char(c, key, pending_space),
        }
        i += c.len_utf8();
    }
}

/// [`push_ascii_byte`] for each byte of `text` (ASCII): a run whose only
/// white space is single spaces between its words (most runs between two
/// curly quotes or accented letters) is copied whole and lower-cased.
fn push_ascii_run(text: &str, key: &mut String, pending_space: &mut bool) {
    let run = text.as_bytes();
    let is_space = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
    let Some(first) = run.iter().position(|b| !is_space(b)) else {
        // White space only.
        if !run.is_empty() {
            *pending_space = !key.is_empty();
        }
        return;
    };
    let last = run.iter().rposition(|b| !is_space(b)).unwrap_or(first);
    let body = &text[first..=last];
    // Here the vertical tab is white space too: a body holding one goes
    // byte by byte.
    if !single_spaced(body.as_bytes()) || body.contains('\u{b}') {
        for &b in run {
            push_ascii_byte(b, key, pending_space);
        }
        return;
    }
    if first > 0 {
        *pending_space = !key.is_empty();
    }
    if *pending_space {
        key.push(' ');
    }
    push_lower_case(body, key);
    // White space after the body is pending for what comes next.
    *pending_space = last + 1 < run.len();
}

/// [`push_char`] for an ASCII byte.
#[inline(always)]
fn push_ascii_byte(b: u8, key: &mut String, pending_space: &mut bool) {
    if matches!(b, b'\t'..=b'\r' | b' ') {
        *pending_space = !key.is_empty();
    } else {
        if *pending_space {
            key.push(' ');
            *pending_space = false;
        }
        key.push(char::from(b.to_ascii_lowercase()));
    }
}

/// The ASCII text a character becomes under NFKC (at most four bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct AsciiForm {
    bytes: [u8; 4],
    len: u8,
}

impl AsciiForm {
    fn bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }
}

/// What building a key needs to know about a character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct KnownChar {
    /// NFKC keeps the character as it is and it is a starter (canonical
    /// combining class 0).
    inert: bool,
    space: bool,
    /// The lower-case form, when it is a single character.
    lower: Option<char>,
    /// For a starter that NFKC changes into ASCII (a no-break space, an
    /// ellipsis, a trade mark sign), that ASCII.
    ascii: Option<AsciiForm>,
}

impl KnownChar {
    fn of(c: char) -> KnownChar {
        let mut lower = c.to_lowercase();
        let single = match (lower.next(), lower.next()) {
            (Some(l), None) => Some(l),
            _ => None,
        };
        let starter = unicode_normalization::char::canonical_combining_class(c) == 0;
        let inert = starter && is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes;
        let ascii = if starter && !inert {
            let form: String = std::iter::once(c).nfkc().collect();
            let mut bytes = [0u8; 4];
            match bytes.get_mut(..form.len()) {
                Some(slot) if form.is_ascii() && !form.is_empty() => {
                    slot.copy_from_slice(form.as_bytes());
                    Some(AsciiForm {
                        bytes,
                        len: form.len() as u8,
                    })
                }
                _ => None,
            }
        } else {
            None
        };
        KnownChar {
            inert,
            space: c.is_whitespace(),
            lower: single,
            ascii,
        }
    }
}

/// Blocks whose characters are looked up in tables built once: most
/// alphabets (U+0000 to U+07FF), general punctuation and the symbols after
/// it (curly quotes, dashes, the ellipsis, currency signs: U+2000 to
/// U+20FF, the non-ASCII characters seen most in Latin-script text), and
/// the kana and CJK punctuation block.
const TABLE_BLOCKS: [(u32, u32); 3] = [(0, 0x800), (0x2000, 0x2100), (0x3000, 0x3100)];
// Blocks of letters that NFKC and lower-casing leave alone (a unit test
// checks every character).
const CJK_UNIFIED: (u32, u32) = (0x4E00, 0xA000);
const HANGUL: (u32, u32) = (0xAC00, 0xD7A4);

/// [`KnownChar`] for the characters of [`TABLE_BLOCKS`] and the uniform
/// blocks; `None` for the others, which are looked up one by one.
fn known_char(c: char) -> Option<KnownChar> {
    static TABLES: std::sync::OnceLock<[Vec<KnownChar>; 3]> = std::sync::OnceLock::new();
    let code = c as u32;
    if c.is_ascii() {
        return Some(KnownChar {
            inert: true,
            space: c.is_whitespace(),
            lower: Some(c.to_ascii_lowercase()),
            ascii: None,
        });
    }
    if (CJK_UNIFIED.0..CJK_UNIFIED.1).contains(&code) || (HANGUL.0..HANGUL.1).contains(&code) {
        return Some(KnownChar {
            inert: true,
            space: false,
            lower: Some(c),
            ascii: None,
        });
    }
    let in_block = |(start, end): (u32, u32)| (start..end).contains(&code);
    let block = TABLE_BLOCKS.iter().position(|&b| in_block(b))?;
    let tables = TABLES.get_or_init(|| {
        TABLE_BLOCKS.map(|(start, end)| {
            (start..end)
                .map(|code| KnownChar::of(char::from_u32(code).unwrap_or('\u{fffd}')))
                .collect()
        })
    });
    Some(tables[block][(code - TABLE_BLOCKS[block].0) as usize])
}

fn trim_decoration(key: &mut String) {
    let end = key.trim_end_matches(is_decoration).len();
    key.truncate(end);
    let start = key.len() - key.trim_start_matches(is_decoration).len();
    if start > 0 {
        key.drain(..start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::Lcg;

    /// A line's key as it was built from the bytes of the line's first
    /// [`KEY_INPUT_LIMIT`] bytes, each time checked as UTF-8.
    fn key_from_cut_bytes(line: &[u8]) -> String {
        let mut key = String::new();
        let line = &line[..line.len().min(KEY_INPUT_LIMIT)];
        if line.is_ascii() {
            push_ascii_bytes(line, &mut key);
        } else {
            let text = String::from_utf8_lossy(line);
            push_unicode(text.trim_end_matches('\u{fffd}'), &mut key);
        }
        trim_decoration(&mut key);
        key
    }

    #[test]
    fn text_known_to_be_utf8_is_keyed_as_its_bytes_are() {
        // Lines around the input limit, cut there at every offset into a
        // character of one to four bytes, after ASCII with a vertical tab,
        // after a replacement character, or all ASCII.
        let mut key = String::new();
        for fill in ["a\u{b} b ", "x\u{fffd}", "Share  on "] {
            for c in ['é', '€', '😀', '\u{fffd}', 'z'] {
                for pad in 0..8 {
                    let head = fill.repeat(KEY_INPUT_LIMIT / fill.len() + 1);
                    let mut line: String = head.chars().take(KEY_INPUT_LIMIT - 4 + pad).collect();
                    line.push(c);
                    line.push_str(" Tail");
                    key_of_text(&line, &mut key);
                    assert_eq!(
                        key,
                        key_from_cut_bytes(line.as_bytes()),
                        "{fill:?} {c:?} {pad}"
                    );
                    key_into(line.as_bytes(), &mut key);
                    assert_eq!(
                        key,
                        key_from_cut_bytes(line.as_bytes()),
                        "{fill:?} {c:?} {pad}"
                    );
                }
            }
        }
        for line in [
            "",
            " » Share on  FACEBOOK:\u{a0}",
            "ＡＢＣ ﬁ",
            "a\u{b}b",
            "Café  au lait",
        ] {
            key_of_text(line, &mut key);
            assert_eq!(key, key_from_cut_bytes(line.as_bytes()), "{line:?}");
        }
    }

    #[test]
    fn single_spaced_lines_are_keyed_whole_as_byte_by_byte() {
        let mut rng = Lcg(11);
        for _ in 0..2000 {
            let mut line = Vec::new();
            let seed = rng.next();
            let bytes = b"aB z\t\x0b\r 9 Q.  \x0c";
            for k in 0..(seed >> 59) {
                line.push(bytes[((seed >> (k * 3 % 56)) % bytes.len() as u64) as usize]);
            }
            let (mut whole, mut bytes) = (String::from("x"), String::from("x"));
            push_ascii(std::str::from_utf8(&line).unwrap(), &mut whole);
            push_ascii_bytes(&line, &mut bytes);
            assert_eq!(whole, bytes, "{line:?}");
        }
        assert!(single_spaced(b"Share on Facebook"));
        assert!(!single_spaced(b"Share  on"));
        assert!(!single_spaced(b" Share"));
        assert!(!single_spaced(b"Share\ton"));
    }

    #[test]
    fn ascii_bytes_in_a_unicode_line_are_keyed_as_characters() {
        // `push_text` and `is_inert` step over ASCII as bytes; they must
        // agree with keying every character as a character.
        let mut ascii: String = (0u8..128).map(char::from).collect();
        ascii.push_str(" Ünïcödé — “quoted” 中文 ｶﾀｶﾅ ﬁ ½\u{b}x\u{1c}y\u{85}z\u{a0}w");
        for text in [ascii.as_str(), "a\u{b}b", "\u{1f}é", "é \t\r\n É", "ǅ Σς"] {
            let mut fast = String::new();
            let mut pending = false;
            push_text(text, &mut fast, &mut pending);
            let mut slow = String::new();
            let mut pending = false;
            for c in text.chars() {
                push_char(c, &mut slow, &mut pending);
            }
            assert_eq!(fast, slow, "{text:?}");
            let simple = text.chars().all(|c| {
                c.is_ascii() || known_char(c).is_some_and(|k| k.inert || k.ascii.is_some())
            });
            assert_eq!(is_simple(text), simple, "{text:?}");
        }
        // ASCII runs of every shape between other characters, after a key
        // that is empty or not, with a space pending or not.
        let pieces = [
            "a", "Bc", " ", "  ", "\t", "\u{b}", "\r\n", "é", "“", "—", "x y", " \u{a0} ", "中",
            "12.",
        ];
        let mut rng = Lcg(5);
        for _ in 0..3000 {
            let seed = rng.next();
            let text = joined(&pieces, seed, (seed >> 60) as usize);
            for (start, pending) in [("", false), ("k", false), ("k", true)] {
                let (mut fast, mut fast_pending) = (String::from(start), pending);
                push_text(&text, &mut fast, &mut fast_pending);
                let (mut slow, mut slow_pending) = (String::from(start), pending);
                for c in text.chars() {
                    push_char(c, &mut slow, &mut slow_pending);
                }
                assert_eq!((fast, fast_pending), (slow, slow_pending), "{text:?}");
            }
        }
    }

    /// `n` (at most 16) of `pieces`, picked by successive four-bit fields
    /// of `bits`.
    fn joined(pieces: &[&str], bits: u64, n: usize) -> String {
        (0..n)
            .map(|k| pieces[((bits >> (4 * k)) % pieces.len() as u64) as usize])
            .collect()
    }

    /// The key as the full NFKC would give it.
    fn key_by_nfkc(text: &str) -> String {
        let (mut key, mut pending) = (String::new(), false);
        for c in text.nfkc() {
            push_char(c, &mut key, &mut pending);
        }
        key
    }

    #[test]
    fn characters_that_become_ascii_compose_with_nothing_around_them() {
        // Every character of the tables that NFKC turns into ASCII, beside
        // every character the fast path accepts, on either side: the
        // NFKC of the pair is the NFKC of each.
        let table: Vec<char> = TABLE_BLOCKS
            .iter()
            .flat_map(|&(start, end)| (start..end).filter_map(char::from_u32))
            .collect();
        let simple: Vec<char> = table
            .iter()
            .copied()
            .filter(|&c| known_char(c).is_some_and(|k| k.inert || k.ascii.is_some()))
            .collect();
        let expanding: Vec<char> = table
            .iter()
            .copied()
            .filter(|&c| known_char(c).is_some_and(|k| k.ascii.is_some()))
            .collect();
        assert!(expanding.contains(&'\u{a0}') && expanding.contains(&'…'));
        for &e in &expanding {
            let form = known_char(e).and_then(|k| k.ascii).unwrap();
            assert_eq!(
                std::iter::once(e).nfkc().collect::<String>().as_bytes(),
                form.bytes()
            );
            for &o in &simple {
                for pair in [[e, o], [o, e]] {
                    let text: String = pair.iter().collect();
                    let each: String = pair
                        .iter()
                        .flat_map(|&c| std::iter::once(c).nfkc())
                        .collect();
                    assert_eq!(text.nfkc().collect::<String>(), each, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn keys_with_characters_that_become_ascii_match_the_full_nfkc() {
        let pieces = [
            "a",
            "Q",
            " ",
            "\u{a0}",
            "…",
            "™",
            "²",
            "é",
            "e\u{301}",
            "\u{301}",
            "中",
            "ｶ",
            "ﬁ",
            "\u{2002}",
            "—",
            "Σ",
            "\t",
            "½",
            "\u{1100}\u{1161}",
            "ǅ",
        ];
        let mut rng = Lcg(3);
        for _ in 0..3000 {
            let seed = rng.next();
            let text = joined(&pieces, seed, (seed >> 60) as usize + 1);
            let mut key = String::new();
            push_unicode(&text, &mut key);
            assert_eq!(key, key_by_nfkc(&text), "{text:?}");
        }
    }

    fn key(s: &str) -> String {
        let mut k = String::new();
        key_into(s.as_bytes(), &mut k);
        k
    }

    #[test]
    fn folds_case_width_and_space() {
        assert_eq!(key("  Hello\t\tWorld  "), "hello world");
        assert_eq!(key("ÄÖÜ Straße"), "äöü straße");
        assert_eq!(key("ＲＥＫＬＡＭＡ"), "reklama");
        assert_eq!(key("РЕКЛАМА"), "реклама");
        assert_eq!(key("广告"), "广告");
        // A non-ASCII line collapses Unicode's white space (the vertical
        // tab too); an ASCII line only ASCII white space.
        assert_eq!(key(" Ünter  THE\tSea\r\n"), "ünter the sea");
        assert_eq!(key("“Quoted”  Words\u{0b}Here"), "“quoted” words here");
        assert_eq!(key("ASCII\u{0b}Only"), "ascii\u{0b}only");
    }

    #[test]
    fn trims_decoration_only_at_the_ends() {
        assert_eq!(key("» Home › News › World «"), "home › news › world");
        assert_eq!(key("\u{e001} Menu"), "menu");
        assert_eq!(key("Advertisement:"), "advertisement");
        assert_eq!(key("0:00 / 3:21"), "0:00 / 3:21");
        assert_eq!(key("© 2024 Example"), "© 2024 example");
        assert_eq!(key("•••"), "");
    }

    #[test]
    fn invalid_utf8_and_long_lines_are_safe() {
        assert_eq!(key_bytes(b"Caf\xe9 menu"), "caf\u{fffd} menu");
        let long = "é".repeat(KEY_INPUT_LIMIT);
        let k = key(&long);
        assert!(k.chars().all(|c| c == 'é'));
        assert_eq!(k.chars().count(), KEY_INPUT_LIMIT / 2);
    }

    #[test]
    fn character_tables_agree_with_unicode_properties() {
        for &(start, end) in TABLE_BLOCKS.iter().chain(&[CJK_UNIFIED, HANGUL]) {
            for code in start..end {
                let Some(c) = char::from_u32(code) else {
                    continue;
                };
                assert_eq!(known_char(c), Some(KnownChar::of(c)), "{c:?}");
            }
        }
        assert_eq!(known_char('\u{1F600}'), None);
    }

    #[test]
    fn keys_of_mixed_scripts() {
        assert_eq!(key("Ǆemal İstanbul ΣΟΦΊΑ"), "džemal i̇stanbul σοφία");
        assert_eq!(key("カタカナ　ひらがな"), "カタカナ ひらがな");
        assert_eq!(key("ｶﾀｶﾅ 한국어 漢字"), "カタカナ 한국어 漢字");
        assert_eq!(key("e\u{301}te\u{301}"), "été");
    }

    fn key_bytes(b: &[u8]) -> String {
        let mut k = String::new();
        key_into(b, &mut k);
        k
    }
}
