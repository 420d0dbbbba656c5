//! A streaming reader of WARC files (ISO 28500, WARC/1.0 and 1.1), and so
//! of WET files, Common Crawl's plain-text extractions, which are WARC
//! files of `conversion` records.
//!
//! A record is a version line (`WARC/1.0`), header lines up to a blank
//! line, a block of exactly `Content-Length` bytes, and two line ends. The
//! reader holds one record's headers and, for records whose block is text,
//! the text; other blocks are read through and not kept. Blank lines
//! between records are skipped, so line ends written as LF alone are
//! read too.
//!
//! Which records hold text:
//!
//! * `conversion` (WET): the block is the text.
//! * `resource` whose `Content-Type` is `text/plain`: the block.
//! * `response` whose `Content-Type` is `application/http`: the HTTP
//!   payload, when the HTTP status is 2xx, the HTTP `Content-Type` is
//!   `text/plain`, and no `Content-Encoding` or chunked `Transfer-Encoding`
//!   applies. HTML and every other payload are skipped: deboil cleans text
//!   extracted from pages, not markup.
//! * Every other type (`warcinfo`, `request`, `metadata`, `revisit`, …) is
//!   skipped.
//!
//! Text is taken to be UTF-8 (WET files are); the corpus formats replace
//! invalid sequences with U+FFFD.
//!
//! ```
//! use deboil::formats::warc::WarcReader;
//!
//! let wet = "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: http://example.com/\r\n\
//!            Content-Length: 11\r\n\r\nHello text.\r\n\r\n";
//! let mut reader = WarcReader::new(wet.as_bytes(), "example.wet");
//! let record = reader.next().unwrap()?;
//! assert_eq!(record.warc_type(), Some("conversion"));
//! assert_eq!(record.header("warc-target-uri"), Some("http://example.com/"));
//! assert_eq!(record.text.as_deref(), Some(&b"Hello text."[..]));
//! assert!(reader.next().is_none());
//! # Ok::<(), deboil::Error>(())
//! ```

use std::io::{self, BufRead, Read};

use crate::error::{Error, Location};

/// Longest header line, and most bytes of headers in one record.
const MAX_HEADERS: usize = 1 << 20;

/// Default [`WarcReader::max_record`]: 64 MiB.
pub const DEFAULT_MAX_RECORD: usize = 64 << 20;

/// One WARC record: its headers and, if its block holds text, the text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WarcRecord {
    /// 1-based number of the record in its input (every record counts).
    pub number: u64,
    /// The WARC version line, such as `WARC/1.0`.
    pub version: String,
    /// The WARC headers, in order, names as written.
    pub headers: Vec<(String, String)>,
    /// The text, for records that hold text (see the [module](self) docs).
    pub text: Option<Vec<u8>>,
}

impl WarcRecord {
    /// The value of the first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// The `WARC-Type` header.
    pub fn warc_type(&self) -> Option<&str> {
        self.header("WARC-Type")
    }

    /// `WARC-Target-URI`, without the angle brackets some WARC/1.0 writers
    /// put around it.
    pub fn target_uri(&self) -> Option<&str> {
        self.header("WARC-Target-URI").map(|u| {
            u.strip_prefix('<')
                .and_then(|u| u.strip_suffix('>'))
                .unwrap_or(u)
        })
    }
}

fn find_header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The media type of a `Content-Type` value, lower case, without
/// parameters.
fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Reads WARC records one at a time from a buffered stream.
///
/// Iterating gives each record, or an error: an [`Error`] of kind
/// [`Record`](crate::ErrorKind::Record) naming the input and the record
/// number for a record that is not valid WARC, or an I/O error. After an
/// invalid record the reader stops, unless [`resync`](Self::resync) is on:
/// then it skips to the next line that starts a record, and goes on.
#[derive(Debug)]
pub struct WarcReader<R> {
    input: R,
    name: String,
    records: u64,
    max_record: usize,
    resync: bool,
    done: bool,
    /// A version line already read (while resynchronising).
    pending: Option<Vec<u8>>,
    line: Vec<u8>,
}

enum Fetched {
    Eof,
    Line,
    TooLong,
}

/// Reads one line (terminator included) into `buf`, at most `max` bytes of
/// it; a longer line is read through and reported as too long.
pub(crate) fn read_line_bounded<R: BufRead + ?Sized>(
    input: &mut R,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<Option<bool>> {
    buf.clear();
    let mut too_long = false;
    loop {
        let available = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(if buf.is_empty() && !too_long {
                None
            } else {
                Some(too_long)
            });
        }
        let (take, end) = match memchr::memchr(b'\n', available) {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        if !too_long {
            if buf.len() + take > max {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&available[..take]);
            }
        }
        input.consume(take);
        if end {
            return Ok(Some(too_long));
        }
    }
}

impl<R: BufRead> WarcReader<R> {
    /// Reads records from `input`; `name` names it in errors.
    pub fn new(input: R, name: &str) -> WarcReader<R> {
        WarcReader {
            input,
            name: name.to_string(),
            records: 0,
            max_record: DEFAULT_MAX_RECORD,
            resync: false,
            done: false,
            pending: None,
            line: Vec::new(),
        }
    }

    /// The largest text block kept (default 64 MiB); a text record with a
    /// larger block is read through and reported as invalid.
    pub fn max_record(mut self, bytes: usize) -> WarcReader<R> {
        self.max_record = bytes;
        self
    }

    /// After an invalid record, skip to the next line that starts with
    /// `WARC/` and go on (default: stop).
    pub fn resync(mut self, yes: bool) -> WarcReader<R> {
        self.resync = yes;
        self
    }

    /// The number of records read so far.
    pub fn records(&self) -> u64 {
        self.records
    }

    fn invalid(&mut self, framing_lost: bool, message: impl Into<String>) -> Error {
        if framing_lost && !self.resync {
            self.done = true;
        }
        Error::record(&self.name, Location::Record(self.records), message)
    }

    fn read_line(&mut self, max: usize) -> io::Result<Fetched> {
        Ok(
            match read_line_bounded(&mut self.input, &mut self.line, max)? {
                None => Fetched::Eof,
                Some(false) => Fetched::Line,
                Some(true) => Fetched::TooLong,
            },
        )
    }

    /// Skips to the next line that starts a record, and keeps it.
    fn skip_to_next_record(&mut self) -> io::Result<()> {
        loop {
            match self.read_line(MAX_HEADERS)? {
                Fetched::Eof => {
                    self.done = true;
                    return Ok(());
                }
                Fetched::Line if self.line.starts_with(b"WARC/") => {
                    self.pending = Some(std::mem::take(&mut self.line));
                    return Ok(());
                }
                _ => {}
            }
        }
    }

    /// Reads `len` bytes of the block and throws them away; false if the
    /// input ended first.
    fn skip_block(&mut self, len: u64) -> io::Result<bool> {
        let copied = io::copy(&mut (&mut self.input).take(len), &mut io::sink())?;
        Ok(copied == len)
    }

    /// Reads the HTTP status line and headers at the start of a response
    /// block; returns the bytes read and whether the payload is plain text
    /// to take (see the [module](self) docs).
    fn http_head(&mut self, length: u64) -> io::Result<(u64, bool)> {
        let mut block = (&mut self.input).take(length);
        let mut line = Vec::new();
        let (mut status_ok, mut plain, mut encoded) = (false, false, false);
        let mut first = true;
        loop {
            match read_line_bounded(&mut block, &mut line, MAX_HEADERS)? {
                Some(false) => {}
                // The block ends inside the head, or a line is absurd.
                None | Some(true) => return Ok((length - block.limit(), false)),
            }
            if length - block.limit() > MAX_HEADERS as u64 {
                return Ok((length - block.limit(), false));
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if std::mem::take(&mut first) {
                let code = text.split_whitespace().nth(1).unwrap_or("");
                status_ok = text.starts_with("HTTP/") && code.len() == 3 && code.starts_with('2');
                continue;
            }
            if text.is_empty() {
                break;
            }
            if let Some((name, value)) = text.split_once(':') {
                let value = value.trim();
                match name.trim().to_ascii_lowercase().as_str() {
                    "content-type" => plain = media_type(value) == "text/plain",
                    "content-encoding" => encoded |= !value.eq_ignore_ascii_case("identity"),
                    "transfer-encoding" => {
                        encoded |= value.to_ascii_lowercase().contains("chunked")
                    }
                    _ => {}
                }
            }
        }
        Ok((length - block.limit(), status_ok && plain && !encoded))
    }

    fn next_record(&mut self) -> Result<Option<WarcRecord>, Error> {
        // The version line, after any blank lines.
        let version = loop {
            if let Some(line) = self.pending.take() {
                break line;
            }
            match self.read_line(MAX_HEADERS)? {
                Fetched::Eof => return Ok(None),
                Fetched::Line if self.line.iter().all(u8::is_ascii_whitespace) => continue,
                Fetched::Line => break std::mem::take(&mut self.line),
                Fetched::TooLong => break Vec::new(),
            }
        };
        self.records += 1;
        let version = String::from_utf8_lossy(&version).trim_end().to_string();
        if !version.starts_with("WARC/") {
            let shown: String = version.chars().take(40).collect();
            let error = self.invalid(
                true,
                format!("expected a WARC version line, found '{shown}'"),
            );
            if self.resync {
                self.skip_to_next_record()?;
            }
            return Err(error);
        }
        // Headers, up to a blank line.
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut size = 0usize;
        loop {
            let line = self.read_line(MAX_HEADERS)?;
            if matches!(line, Fetched::Eof)
                || (matches!(line, Fetched::Line) && !self.line.ends_with(b"\n"))
            {
                self.done = true;
                return Err(self.invalid(true, "the input ends inside the record's headers"));
            }
            size += self.line.len();
            if matches!(line, Fetched::TooLong) || size > MAX_HEADERS {
                let error = self.invalid(true, "the record's headers are longer than 1 MiB");
                if self.resync {
                    self.skip_to_next_record()?;
                }
                return Err(error);
            }
            let text = String::from_utf8_lossy(&self.line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                break;
            }
            if text.starts_with([' ', '\t']) {
                if let Some(last) = headers.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(text.trim());
                    continue;
                }
            }
            match text.split_once(':') {
                Some((name, value)) if !name.trim().is_empty() => {
                    headers.push((name.trim().to_string(), value.trim().to_string()));
                }
                _ => {
                    let shown: String = text.chars().take(40).collect();
                    let error =
                        self.invalid(true, format!("a header line without a name: '{shown}'"));
                    if self.resync {
                        self.skip_to_next_record()?;
                    }
                    return Err(error);
                }
            }
        }
        let length = match find_header(&headers, "Content-Length").map(|v| v.parse::<u64>()) {
            Some(Ok(n)) => n,
            other => {
                let message = match other {
                    None => "no Content-Length header".to_string(),
                    _ => format!(
                        "Content-Length '{}' is not a number",
                        find_header(&headers, "Content-Length").unwrap_or("")
                    ),
                };
                let error = self.invalid(true, message);
                if self.resync {
                    self.skip_to_next_record()?;
                }
                return Err(error);
            }
        };
        let mut record = WarcRecord {
            number: self.records,
            version,
            headers,
            text: None,
        };
        let warc_type = record.warc_type().unwrap_or("").to_ascii_lowercase();
        let content_type = media_type(record.header("Content-Type").unwrap_or(""));
        let (consumed, is_text) = match warc_type.as_str() {
            "conversion" => (0, true),
            "resource" => (0, content_type == "text/plain"),
            "response" if content_type == "application/http" => self.http_head(length)?,
            _ => (0, false),
        };
        let rest = length - consumed;
        if !is_text || rest > self.max_record as u64 {
            // Read the rest of the block through.
            if !self.skip_block(rest)? {
                self.done = true;
                return Err(self.invalid(
                    true,
                    format!("the input ends inside the record's {length}-byte block"),
                ));
            }
            if is_text {
                return Err(self.invalid(
                    false,
                    format!(
                        "a {rest}-byte text block, larger than the {}-byte limit",
                        self.max_record
                    ),
                ));
            }
            return Ok(Some(record));
        }
        let text_length = rest;
        let mut text = Vec::with_capacity(text_length as usize);
        (&mut self.input).take(text_length).read_to_end(&mut text)?;
        if (text.len() as u64) < text_length {
            self.done = true;
            return Err(self.invalid(
                true,
                format!("the input ends inside the record's {length}-byte block"),
            ));
        }
        record.text = Some(text);
        Ok(Some(record))
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<WarcRecord, Error>;

    fn next(&mut self) -> Option<Result<WarcRecord, Error>> {
        if self.done {
            return None;
        }
        match self.next_record() {
            Ok(Some(record)) => Some(Ok(record)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                if !matches!(e.kind(), crate::ErrorKind::Record { .. }) {
                    self.done = true;
                }
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, extra: &str, block: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\n{extra}Content-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )
    }

    fn read(input: &str, resync: bool, max: usize) -> Vec<Result<WarcRecord, String>> {
        WarcReader::new(input.as_bytes(), "t.warc")
            .resync(resync)
            .max_record(max)
            .map(|r| r.map_err(|e| e.to_string()))
            .collect()
    }

    fn text(r: &Result<WarcRecord, String>) -> Option<&str> {
        r.as_ref()
            .unwrap()
            .text
            .as_deref()
            .map(|t| std::str::from_utf8(t).unwrap())
    }

    #[test]
    fn lf_line_ends_and_folded_headers() {
        let input = "WARC/1.0\nWARC-Type: conversion\nWARC-Target-URI: <http://a.example/>\nX-Long: one\n  two\nContent-Length: 5\n\nHello\n\n";
        let got = read(input, false, 100);
        assert_eq!(got.len(), 1);
        let r = got[0].as_ref().unwrap();
        assert_eq!(r.header("x-long"), Some("one two"));
        assert_eq!(r.target_uri(), Some("http://a.example/"));
        assert_eq!(text(&got[0]), Some("Hello"));
    }

    #[test]
    fn which_records_hold_text() {
        let http = |status: &str, headers: &str, body: &str| {
            format!("HTTP/1.1 {status}\r\n{headers}\r\n{body}")
        };
        let http_type = "Content-Type: application/http; msgtype=response\r\n";
        let input = [
            record("warcinfo", "", "software: x\r\n"),
            record(
                "resource",
                "Content-Type: text/plain; charset=utf-8\r\n",
                "plain",
            ),
            record("resource", "Content-Type: text/html\r\n", "<p>html</p>"),
            record(
                "response",
                http_type,
                &http("200 OK", "Content-Type: text/plain\r\n", "body"),
            ),
            record(
                "response",
                http_type,
                &http("404 Not Found", "Content-Type: text/plain\r\n", "gone"),
            ),
            record(
                "response",
                http_type,
                &http(
                    "200 OK",
                    "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n",
                    "4\r\nbody\r\n0\r\n\r\n",
                ),
            ),
            record(
                "response",
                http_type,
                &http(
                    "200 OK",
                    "Content-Type: text/plain\r\nContent-Encoding: gzip\r\n",
                    "\x1f\u{8b}",
                ),
            ),
            record("revisit", "", ""),
            record("conversion", "", "last"),
        ]
        .concat();
        let got = read(&input, false, 100);
        let texts: Vec<Option<&str>> = got.iter().map(text).collect();
        assert_eq!(
            texts,
            [
                None,
                Some("plain"),
                None,
                Some("body"),
                None,
                None,
                None,
                None,
                Some("last")
            ]
        );
        let numbers: Vec<u64> = got.iter().map(|r| r.as_ref().unwrap().number).collect();
        assert_eq!(numbers, (1..=9).collect::<Vec<_>>());
    }

    #[test]
    fn too_large_text_is_invalid_and_reading_goes_on() {
        let input = [
            record("conversion", "", &"x".repeat(50)),
            record("conversion", "", "small"),
        ]
        .concat();
        let got = read(&input, false, 10);
        assert_eq!(
            got[0].as_ref().unwrap_err(),
            "t.warc: record 1: a 50-byte text block, larger than the 10-byte limit"
        );
        assert_eq!(text(&got[1]), Some("small"));
    }

    #[test]
    fn resync_after_garbage() {
        let input = [
            record("conversion", "", "one"),
            "garbage line\r\nmore garbage\r\n".to_string(),
            record("conversion", "", "two"),
            "WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: x\r\n\r\nthree\r\n\r\n"
                .to_string(),
            record("conversion", "", "four"),
        ]
        .concat();
        // Without resync: stop at the first framing error.
        let got = read(&input, false, 100);
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[1].as_ref().unwrap_err(),
            "t.warc: record 2: expected a WARC version line, found 'garbage line'"
        );
        // With resync: skip to the next record each time.
        let got = read(&input, true, 100);
        let texts: Vec<Result<Option<&str>, &str>> = got
            .iter()
            .map(|r| match r {
                Ok(_) => Ok(text(r)),
                Err(e) => Err(e.as_str()),
            })
            .collect();
        assert_eq!(
            texts,
            [
                Ok(Some("one")),
                Err("t.warc: record 2: expected a WARC version line, found 'garbage line'"),
                Ok(Some("two")),
                Err("t.warc: record 4: Content-Length 'x' is not a number"),
                Ok(Some("four")),
            ]
        );
    }

    #[test]
    fn bounded_line_reading() {
        let mut input = &b"short\nthis line is too long\nend"[..];
        let mut buf = Vec::new();
        assert_eq!(
            read_line_bounded(&mut input, &mut buf, 8).unwrap(),
            Some(false)
        );
        assert_eq!(buf, b"short\n");
        assert_eq!(
            read_line_bounded(&mut input, &mut buf, 8).unwrap(),
            Some(true)
        );
        assert!(buf.is_empty());
        assert_eq!(
            read_line_bounded(&mut input, &mut buf, 8).unwrap(),
            Some(false)
        );
        assert_eq!(buf, b"end");
        assert_eq!(read_line_bounded(&mut input, &mut buf, 8).unwrap(), None);
    }
}
