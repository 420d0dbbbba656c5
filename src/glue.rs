//! Where a naive scraper glued neighbouring texts together.
//!
//! `soup.get_text()` joins the texts of neighbouring elements without a
//! space: a menu becomes `HomeNewsSportWeather`, a heading runs into its
//! paragraph (`Here to StayProtein continues…`), an article's last sentence
//! runs into the rail after it (`…on Tuesday.Related stories`). Each such
//! join is a place where one unit of text ends and the next begins; the
//! cleaner decides the units on either side separately.
//!
//! A join is found where a capitalised word (an upper-case ASCII letter
//! followed by a lower-case one) starts directly after
//!
//! * a lower-case letter that ends a word of at least two letters
//!   (`newsSport`, `sign inSubscribe`), unless the pair is a name written
//!   in camel case (`YouTube`, `JavaScript`, `LinkedIn`) or the word before
//!   is a two-letter capitalised prefix (`McDonald`, `DeSantis`): one
//!   lower-case letter before a capital (`iPhone`, `eBay`) never joins;
//! * a sentence mark (`.`, `!`, `?`, then any closing quotes or brackets)
//!   after at least two letters or digits (`Tuesday.Related`, `said.”The`),
//!   so that initials and abbreviations (`U.S.The`) do not join;
//! * a number of at least two digits (`29, 2025Tanja Ivanova`), when the
//!   capitalised word has at least three letters.
//!
//! The scan works on bytes and looks at ASCII only, so it needs no valid
//! UTF-8 and costs one pass over the line; it allocates nothing.
//!
//! A scraper of minified HTML can give a whole page as one line, its texts
//! separated only by the page's own runs of spaces (`Home    Services
//! Call Center Services    …`). [`gaps`] finds where a text starts after
//! such a run ([`WIDE_GAP`] spaces or more, or a tab); the cleaner splits
//! a line there when it has many of them (see `push_units` in the
//! decision module), not in code or tables, whose lines have a few.

/// A document is glued throughout (see [`crate::cleaner::Glue::Auto`])
/// when it has at least this many joins per thousand words. On the dev
/// set, 44% of the wcxb pages as `get_text()` scrapes them reach it (the
/// median is 14), and 3.5% of the same pages scraped one text per line,
/// whose joins are names the join rules cannot tell from glue
/// (`SyntaxError`, `MacBook`; nine in ten of these pages have at most 8).
pub const GLUED_JOINS_PER_THOUSAND_WORDS: u64 = 20;

/// Byte offsets in `content` (a line without its terminator) where glued
/// texts join: each offset is the start of a new unit. Offsets are strictly
/// increasing and lie strictly inside `content`.
///
/// ```
/// use deboil::glue::joins;
/// let at: Vec<usize> = joins(b"HomeNewsSport").collect();
/// assert_eq!(at, vec![4, 8]);
/// assert_eq!(joins(b"Buy an iPhone on YouTube.").count(), 0);
/// ```
pub fn joins(content: &[u8]) -> Joins<'_> {
    Joins {
        bytes: content,
        at: 1,
    }
}

/// Iterator over the joins of a line; see [`joins`].
#[derive(Clone, Debug)]
pub struct Joins<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Iterator for Joins<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let b = self.bytes;
        while self.at + 1 < b.len() {
            // Eight bytes without an ASCII capital hold no join start: most
            // of running text is skipped a word at a time, and the rest up
            // to the first capital of the eight.
            if let Some(chunk) = b.get(self.at..self.at + 8) {
                let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
                let capitals = crate::swar::upper_bits(word);
                if capitals == 0 {
                    self.at += 8;
                    continue;
                }
                let skip = (capitals.trailing_zeros() / 8) as usize;
                if skip > 0 {
                    // Test the loop's bound again from the capital.
                    self.at += skip;
                    continue;
                }
            }
            let i = self.at;
            self.at += 1;
            // A capitalised word starts at `i`.
            if !(b[i].is_ascii_uppercase() && b[i + 1].is_ascii_lowercase()) {
                continue;
            }
            if is_join(b, i) {
                return Some(i);
            }
        }
        None
    }
}

/// White space this wide inside a line separates two texts: a scraper
/// that kept the page's own spacing between elements (`Home    Services
/// Call Center Services`) rather than a line break.
pub const WIDE_GAP: usize = 3;

/// Byte offsets in `content` where a text starts after a run of at least
/// [`WIDE_GAP`] spaces or tabs (or any tab) that follows text on the same
/// line. Strictly increasing, strictly inside `content`.
///
/// ```
/// use deboil::glue::gaps;
/// let at: Vec<usize> = gaps(b"Home    News\tSport  Weather").collect();
/// assert_eq!(at, vec![8, 13]);
/// ```
pub fn gaps(content: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let mut at = 0;
    let mut seen_text = false;
    std::iter::from_fn(move || {
        while at < content.len() {
            let b = content[at];
            if b != b' ' && b != b'\t' {
                seen_text = true;
                at += 1;
                continue;
            }
            let start = at;
            let mut tab = false;
            while at < content.len() && (content[at] == b' ' || content[at] == b'\t') {
                tab |= content[at] == b'\t';
                at += 1;
            }
            if seen_text && at < content.len() && (tab || at - start >= WIDE_GAP) {
                return Some(at);
            }
        }
        None
    })
}

/// False when `content` surely has no [`gaps`]: no tab and no two spaces
/// in a row at an even offset between its first and last text bytes
/// (a run of three spaces always holds such a pair). Eight bytes at a
/// time, so that most lines are passed over at a small cost per byte.
pub fn may_have_gaps(content: &[u8]) -> bool {
    const ONES: u64 = u64::MAX / 255;
    const PAIRS: u64 = u64::MAX / 0xffff;
    let body = content.trim_ascii();
    let test = |word: u64| {
        let tabs = word ^ (ONES * u64::from(b'\t'));
        let any_tab = tabs.wrapping_sub(ONES) & !tabs & (ONES * 0x80);
        let spaces = word ^ (PAIRS * 0x2020);
        let any_pair = spaces.wrapping_sub(PAIRS) & !spaces & (PAIRS * 0x8000);
        any_tab | any_pair != 0
    };
    let mut chunks = body.chunks_exact(8);
    for chunk in &mut chunks {
        if test(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]))) {
            return true;
        }
    }
    test(crate::swar::load(chunks.remainder()))
}

/// Whether the capitalised word at `i` (with `i >= 1`) is glued to the
/// text before it.
fn is_join(b: &[u8], i: usize) -> bool {
    let prev = b[i - 1];
    if prev.is_ascii_lowercase() {
        return lower_join(b, i);
    }
    if prev.is_ascii_digit() {
        let digits = b[..i]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let lowers = b[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_lowercase())
            .count();
        return digits >= 2 && lowers >= 2;
    }
    // Closing quotes and brackets (ASCII, or the UTF-8 bytes of `”`, `’`
    // and `»`) between the sentence mark and the capital.
    let mut j = i;
    while j > 0 && is_closing(b, j) {
        j -= closing_len(b, j);
    }
    if j == 0 || !matches!(b[j - 1], b'.' | b'!' | b'?') {
        return false;
    }
    let before = b[..j - 1]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    before >= 2
}

/// A lower-case letter directly before the capital at `i`.
fn lower_join(b: &[u8], i: usize) -> bool {
    // The word before: back to the previous capital or non-letter.
    let mut s = i;
    while s > 0 && b[s - 1].is_ascii_lowercase() {
        s -= 1;
    }
    let word_starts_capital = s > 0 && b[s - 1].is_ascii_uppercase();
    if word_starts_capital {
        s -= 1;
    }
    let left = i - s;
    if left < 2 {
        return false;
    }
    // `McDonald`, `DeSantis`, `LeBron`: a two-letter capitalised prefix
    // that starts its token.
    let token_start = s == 0 || !b[s - 1].is_ascii_alphabetic();
    if left == 2 && word_starts_capital && token_start {
        return false;
    }
    let mut e = i + 1;
    while e < b.len() && b[e].is_ascii_lowercase() {
        e += 1;
    }
    !is_camel_name(&b[s..i], &b[i..e])
}

/// `”` (E2 80 9D), `’` (E2 80 99), `»` (C2 BB) and ASCII closers ending
/// just before `j`.
fn is_closing(b: &[u8], j: usize) -> bool {
    closing_len(b, j) > 0
}

fn closing_len(b: &[u8], j: usize) -> usize {
    if j >= 1 && matches!(b[j - 1], b'"' | b'\'' | b')' | b']') {
        return 1;
    }
    if j >= 3 && b[j - 3] == 0xE2 && b[j - 2] == 0x80 && matches!(b[j - 1], 0x9D | 0x99) {
        return 3;
    }
    if j >= 2 && b[j - 2] == 0xC2 && b[j - 1] == 0xBB {
        return 2;
    }
    0
}

/// Names written in camel case, as (left, right) halves in lower case:
/// the capitalised second half is part of the name, not a new text.
const CAMEL_NAMES: &[&str] = &[
    "airbnb",
    "airdrop",
    "airpods",
    "blackberry",
    "bitcoin",
    "chatgpt",
    "deepmind",
    "dreamworks",
    "dropbox",
    "duckduckgo",
    "facetime",
    "fedex",
    "gamestop",
    "github",
    "gitlab",
    "gopro",
    "harpercollins",
    "homepod",
    "hubspot",
    "javascript",
    "linkedin",
    "macarthur",
    "macbook",
    "macdonald",
    "mastercard",
    "myspace",
    "oneplus",
    "openai",
    "paypal",
    "playstation",
    "powerpoint",
    "quickbooks",
    "sharepoint",
    "smartthings",
    "soundcloud",
    "spongebob",
    "starcraft",
    "tiktok",
    "typescript",
    "whatsapp",
    "wordpress",
    "youtube",
];

fn is_camel_name(left: &[u8], right: &[u8]) -> bool {
    let n = left.len() + right.len();
    CAMEL_NAMES.iter().any(|name| {
        let name = name.as_bytes();
        name.len() == n
            && name[..left.len()].eq_ignore_ascii_case(left)
            && name[left.len()..].eq_ignore_ascii_case(right)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capital_anywhere_in_the_last_eight_bytes_ends_the_scan_cleanly() {
        // The skip to a capital lands on the line's last byte: no join
        // there, and no reading past the end.
        for n in 1..=17 {
            let mut line = vec![b'a'; n];
            line[n - 1] = b'H';
            assert_eq!(joins(&line).count(), 0, "{n}");
            line.push(b'i');
            assert_eq!(
                joins(&line).collect::<Vec<_>>(),
                if n >= 3 { vec![n - 1] } else { vec![] },
                "{n}"
            );
        }
    }

    #[test]
    fn joins_are_the_capitals_a_byte_loop_finds_joined() {
        let alphabet: &[&[u8]] = &[
            b"a",
            b"b",
            b"Q",
            b"Hi",
            b"W",
            b" ",
            b".",
            b"7",
            b"\xc3\xa9",
            b"Z",
        ];
        let mut rng = crate::test_rng::Lcg(3);
        for _ in 0..5000 {
            let seed = rng.next();
            let line: Vec<u8> = (0..(seed >> 59))
                .flat_map(|k| alphabet[((seed >> (2 * k)) % alphabet.len() as u64) as usize])
                .copied()
                .collect();
            let by_bytes: Vec<usize> = (1..line.len().saturating_sub(1))
                .filter(|&i| {
                    line[i].is_ascii_uppercase()
                        && line[i + 1].is_ascii_lowercase()
                        && is_join(&line, i)
                })
                .collect();
            assert_eq!(joins(&line).collect::<Vec<_>>(), by_bytes, "{line:?}");
        }
    }

    fn units(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut prev = 0;
        for at in joins(s.as_bytes()) {
            out.push(&s[prev..at]);
            prev = at;
        }
        out.push(&s[prev..]);
        out
    }

    #[test]
    fn splits_glued_menus() {
        assert_eq!(
            units("HomeNewsSportsWeather"),
            ["Home", "News", "Sports", "Weather"]
        );
        assert_eq!(
            units("Sign inSubscribeSearch"),
            ["Sign in", "Subscribe", "Search"]
        );
        assert_eq!(
            units("ContentsTopicsWhat we do"),
            ["Contents", "Topics", "What we do"]
        );
    }

    #[test]
    fn splits_a_menu_from_prose() {
        assert_eq!(
            units("HomeWorldThe mayor said on Tuesday that the bridge will reopen."),
            [
                "Home",
                "World",
                "The mayor said on Tuesday that the bridge will reopen."
            ]
        );
        assert_eq!(
            units("ShareTweetEmailThe council met."),
            ["Share", "Tweet", "Email", "The council met."]
        );
    }

    #[test]
    fn splits_after_sentence_marks() {
        assert_eq!(
            units("Article body text.Related storiesSomething else"),
            ["Article body text.", "Related stories", "Something else"]
        );
        assert_eq!(units("Is it?Yes!No"), ["Is it?", "Yes!", "No"]);
        assert_eq!(
            units("he said.”Biohacking is"),
            ["he said.”", "Biohacking is"]
        );
        assert_eq!(units("“Go.”) Then"), ["“Go.”) Then"]);
    }

    #[test]
    fn splits_after_a_number() {
        assert_eq!(
            units("Published: Jan 29, 2025Tanja Ivanova"),
            ["Published: Jan 29, 2025", "Tanja Ivanova"]
        );
        assert_eq!(units("Route 1Gut"), ["Route 1Gut"]);
        assert_eq!(units("Model 42Xy"), ["Model 42Xy"]);
    }

    #[test]
    fn leaves_names_and_abbreviations_alone() {
        for s in [
            "iPhone",
            "eBay",
            "McDonald",
            "DeSantis",
            "JavaScript",
            "YouTube",
            "PowerPoint",
            "LinkedIn",
            "WordPress",
            "ChatGPT",
            "U.S.The",
            "e.g.The",
            "NATO and the USA",
            "Node.js",
            "a.Bc",
            "3D",
            "plain text without joins.",
            "",
            "A",
        ] {
            assert_eq!(units(s), [s], "{s}");
        }
    }

    #[test]
    fn never_splits_inside_multibyte_characters() {
        for s in ["CaféNews", "éÉéÉ", "naïveWord", "日本Tokyo", "x\u{201d}Ab"] {
            for at in joins(s.as_bytes()) {
                assert!(s.is_char_boundary(at), "{s} at {at}");
            }
        }
        // Invalid UTF-8 is scanned like any bytes.
        assert_eq!(joins(b"\xffHomeNews\xfe").collect::<Vec<_>>(), vec![5]);
    }

    #[test]
    fn gaps_start_texts_after_wide_runs_of_space() {
        let line = b"Home    Services\tCall Center  Services     Data";
        let at: Vec<usize> = gaps(line).collect();
        assert_eq!(at, vec![8, 17, 43]);
        // Indentation and trailing space are not gaps; two spaces are not
        // a gap, a lone tab is.
        assert_eq!(gaps(b"     indented text   ").count(), 0);
        assert_eq!(gaps(b"one.  Two").count(), 0);
        assert_eq!(gaps(b"a\tb").collect::<Vec<_>>(), vec![2]);
        assert_eq!(gaps(b"").count(), 0);
        // Bytes of other characters are text.
        assert_eq!(gaps("é   ü".as_bytes()).collect::<Vec<_>>(), vec![5]);
    }

    #[test]
    fn the_quick_gap_test_never_misses_a_gap() {
        // Every string of up to 12 bytes over space, tab and a letter.
        let alphabet = [b' ', b'\t', b'a'];
        let mut checked = 0;
        for len in 0..=12u32 {
            for mut n in 0..3usize.pow(len) {
                let mut s = Vec::with_capacity(len as usize);
                for _ in 0..len {
                    s.push(alphabet[n % 3]);
                    n /= 3;
                }
                if gaps(&s).next().is_some() {
                    assert!(may_have_gaps(&s), "{:?}", String::from_utf8_lossy(&s));
                    checked += 1;
                }
            }
        }
        assert!(checked > 100_000, "{checked}");
        // Prose without double spaces passes quickly.
        assert!(!may_have_gaps(
            b"The council approved the new budget on Tuesday evening."
        ));
        assert!(!may_have_gaps(b"\t\tindented, then trailing spaces   "));
    }
}
