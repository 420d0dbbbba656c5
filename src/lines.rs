//! Line splitting on `\n` with [`memchr`], and the small pure functions around
//! line terminators.
//!
//! A *line* here always means the bytes up to and including its terminator
//! (`\n`, or `\r\n`); the last line of an input may have no terminator. Nothing
//! in this module allocates.

/// Splits a line into its content and its terminator (`"\n"`, `"\r\n"` or
/// `""`).
///
/// ```
/// use deboil::lines::split_terminator;
/// assert_eq!(split_terminator(b"abc\r\n"), (&b"abc"[..], &b"\r\n"[..]));
/// assert_eq!(split_terminator(b"abc\n"), (&b"abc"[..], &b"\n"[..]));
/// assert_eq!(split_terminator(b"abc"), (&b"abc"[..], &b""[..]));
/// ```
pub fn split_terminator(line: &[u8]) -> (&[u8], &[u8]) {
    let n = line.len();
    if n >= 2 && line[n - 2] == b'\r' && line[n - 1] == b'\n' {
        line.split_at(n - 2)
    } else if n >= 1 && line[n - 1] == b'\n' {
        line.split_at(n - 1)
    } else {
        (line, &[])
    }
}

/// Returns `line` without its terminator.
pub fn without_terminator(line: &[u8]) -> &[u8] {
    split_terminator(line).0
}

/// The ASCII white space of `char::is_whitespace`: tab, line feed,
/// vertical tab, form feed, carriage return and space.
fn is_white_byte(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

/// True when the line holds nothing but ASCII or Unicode white space (a blank
/// line separates paragraphs; it carries no text of its own).
pub fn is_blank(line: &[u8]) -> bool {
    let content = without_terminator(line);
    // Character by character, stopping at the first that is not white
    // space: most lines are decided by their first byte.
    let mut at = 0;
    while at < content.len() {
        let width = match content[at] {
            b if is_white_byte(b) => {
                at += 1;
                continue;
            }
            0x00..=0x7f => return false,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        };
        let Some(bytes) = content.get(at..at + width) else {
            return false;
        };
        match std::str::from_utf8(bytes)
            .ok()
            .and_then(|s| s.chars().next())
        {
            Some(c) if c.is_whitespace() => at += width,
            // Text, or invalid UTF-8: not blank.
            _ => return false,
        }
    }
    true
}

/// `text` without the white space around it: the same as [`str::trim`]
/// (Unicode's white space), with ASCII white space skipped a byte at a time
/// and characters decoded only where a non-ASCII byte begins or ends the
/// text.
///
/// ```
/// use deboil::lines::trim;
/// assert_eq!(trim("  \tNews\u{a0}\r"), "News");
/// ```
pub fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    let start = bytes
        .iter()
        .position(|&b| !is_white_byte(b))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|&b| !is_white_byte(b))
        .map_or(start, |i| i + 1);
    let inner = &text[start..end.max(start)];
    match (inner.as_bytes().first(), inner.as_bytes().last()) {
        (Some(f), Some(l)) if *f >= 0x80 || *l >= 0x80 => inner.trim(),
        _ => inner,
    }
}

/// Every line of the files under `corpus/` and `tests/data/` (the corpus
/// cases and the test inputs), without terminators: real lines for tests
/// that compare two ways of computing the same thing.
#[cfg(test)]
pub(crate) fn sample_lines() -> Vec<Vec<u8>> {
    let mut lines = Vec::new();
    for dir in ["corpus", "tests/data"] {
        let mut stack = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let path = e.path();
                if path.is_dir() {
                    stack.push(path);
                } else if let Ok(bytes) = std::fs::read(&path) {
                    lines.extend(Lines::new(&bytes).map(|l| without_terminator(l).to_vec()));
                }
            }
        }
    }
    lines
}

/// Iterator over the lines of a byte slice, terminators included.
///
/// ```
/// use deboil::lines::Lines;
/// let lines: Vec<&[u8]> = Lines::new(b"a\nb\r\nc").collect();
/// assert_eq!(lines, vec![&b"a\n"[..], &b"b\r\n"[..], &b"c"[..]]);
/// ```
#[derive(Clone, Debug)]
pub struct Lines<'a> {
    rest: &'a [u8],
}

impl<'a> Lines<'a> {
    /// Iterates over the lines of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Lines<'a> {
        Lines { rest: bytes }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        if self.rest.is_empty() {
            return None;
        }
        let end = match memchr::memchr(b'\n', self.rest) {
            Some(i) => i + 1,
            None => self.rest.len(),
        };
        let (line, rest) = self.rest.split_at(end);
        self.rest = rest;
        Some(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_is_str_trim() {
        let spaces = [
            "", " ", "\t", "\r\n", "\u{b}", "\u{c}", "\u{a0}", "\u{2003}", "\u{3000}", "\u{1c}",
            "\u{85}",
        ];
        let middles = [
            "",
            "a",
            "News",
            "é",
            "a b",
            "\u{a0}x\u{a0}",
            "中文",
            "\u{fffd}",
        ];
        for a in spaces {
            for b in spaces {
                for m in middles {
                    for c in spaces {
                        let text = format!("{a}{b}{m}{c}{a}");
                        assert_eq!(trim(&text), text.trim(), "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn terminators() {
        assert_eq!(split_terminator(b""), (&b""[..], &b""[..]));
        assert_eq!(split_terminator(b"\n"), (&b""[..], &b"\n"[..]));
        assert_eq!(split_terminator(b"\r\n"), (&b""[..], &b"\r\n"[..]));
        assert_eq!(split_terminator(b"\r"), (&b"\r"[..], &b""[..]));
        assert_eq!(split_terminator(b"a\rb\n"), (&b"a\rb"[..], &b"\n"[..]));
    }

    #[test]
    fn lines_keep_every_byte() {
        let input: &[u8] = b"one\n\ntwo\r\n\xff\x00three";
        let joined: Vec<u8> = Lines::new(input).flatten().copied().collect();
        assert_eq!(joined, input);
        assert_eq!(Lines::new(input).count(), 4);
        assert_eq!(Lines::new(b"").count(), 0);
        assert_eq!(Lines::new(b"\n").count(), 1);
    }

    #[test]
    fn blank_lines() {
        assert!(is_blank(b"\n"));
        assert!(is_blank(b"  \t\r\n"));
        assert!(is_blank("\u{a0}\u{3000}\n".as_bytes()));
        assert!(!is_blank(b" x \n"));
        assert!(!is_blank(b"\xff\n"));
        assert!(is_blank(b""));
        assert!(is_blank(b"\x0b\x0c \r\n"));
        assert!(is_blank("\u{2028}\u{85}\u{a0}".as_bytes()));
        assert!(!is_blank("\u{a0}é".as_bytes()));
        assert!(!is_blank(b" \xe3\x80"));
        assert!(!is_blank(b"\xa0\n"));
        assert!(!is_blank("\u{3000}\u{200b}".as_bytes()));
        // Every ASCII byte, alone and after white space, as the standard
        // library classifies it.
        for b in 0u8..0x80 {
            let space = char::from(b).is_whitespace();
            assert_eq!(is_blank(&[b]), space, "byte {b:#04x}");
            assert_eq!(is_blank(&[b' ', b, b'\t']), space, "byte {b:#04x}");
        }
    }
}
