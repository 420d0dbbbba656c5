//! Compressed input and output: gzip (`.gz`) and zstd (`.zst`), chosen by
//! file extension, read and written as streams.
//!
//! Gzip input may hold many members one after the other (Common Crawl
//! ships WET files with one member per record); they are read as one
//! stream. Zstd input may likewise hold many frames.
//!
//! ```
//! use std::io::{Read, Write};
//! use deboil::compress::{self, Compression};
//!
//! let mut out = compress::Writer::new(Vec::new(), Compression::Zstd)?;
//! out.write_all(b"{\"text\":\"Hello\"}\n")?;
//! let bytes = out.finish()?;
//!
//! // Without a file name the compression is told from the magic bytes.
//! let mut text = String::new();
//! compress::reader(&bytes[..], None)?.read_to_string(&mut text)?;
//! assert_eq!(text, "{\"text\":\"Hello\"}\n");
//! # Ok::<(), std::io::Error>(())
//! ```

use std::io::{self, BufRead, BufReader, Cursor, Read, Write};
use std::path::Path;

/// Size of the buffers between the raw stream and the decoder.
const BUFFER: usize = 256 * 1024;

/// A compression format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Compression {
    /// Not compressed.
    #[default]
    None,
    /// gzip (RFC 1952), one or more members.
    Gzip,
    /// Zstandard, one or more frames.
    Zstd,
}

impl Compression {
    /// The compression a file name's extension says: `.gz` (also `.gzip`)
    /// and `.zst` (also `.zstd`); `None` for any other name.
    ///
    /// ```
    /// use deboil::compress::Compression;
    /// assert_eq!(Compression::from_path("a.warc.wet.gz".as_ref()), Compression::Gzip);
    /// assert_eq!(Compression::from_path("a.jsonl.zst".as_ref()), Compression::Zstd);
    /// assert_eq!(Compression::from_path("a.jsonl".as_ref()), Compression::None);
    /// ```
    pub fn from_path(path: &Path) -> Compression {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("gz") || e.eq_ignore_ascii_case("gzip") => {
                Compression::Gzip
            }
            Some(e) if e.eq_ignore_ascii_case("zst") || e.eq_ignore_ascii_case("zstd") => {
                Compression::Zstd
            }
            _ => Compression::None,
        }
    }

    /// The compression the first bytes of a stream show (their magic
    /// number), `None` when they show neither gzip nor zstd.
    pub fn sniff(prefix: &[u8]) -> Compression {
        if prefix.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if prefix.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }
}

/// The extension that names the data format, behind any compression
/// extension: `jsonl` for `a.jsonl.gz`, `wet` for `a.warc.wet.gz`, `txt`
/// for `a.txt`.
pub fn data_extension(path: &Path) -> Option<&str> {
    let name = match Compression::from_path(path) {
        Compression::None => path.file_name()?,
        _ => path.file_stem()?,
    };
    Path::new(name).extension()?.to_str()
}

/// Wraps `raw` in a decoder. With `Some(compression)` that compression is
/// used; with `None` it is told from the stream's first bytes (see
/// [`Compression::sniff`]).
///
/// # Errors
///
/// Reading the first bytes failed, or the zstd decoder could not be set up.
pub fn reader<'a, R: Read + Send + 'a>(
    mut raw: R,
    compression: Option<Compression>,
) -> io::Result<Box<dyn BufRead + Send + 'a>> {
    // Read the first bytes for sniffing, and put them back in front.
    let mut head = [0u8; 4];
    let mut got = 0;
    if compression.is_none() {
        while got < head.len() {
            match raw.read(&mut head[got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
    let kind = compression.unwrap_or_else(|| Compression::sniff(&head[..got]));
    let stream = BufReader::with_capacity(BUFFER, Cursor::new(head).take(got as u64).chain(raw));
    Ok(match kind {
        Compression::None => Box::new(stream),
        Compression::Gzip => Box::new(BufReader::with_capacity(
            BUFFER,
            flate2::bufread::MultiGzDecoder::new(stream),
        )),
        Compression::Zstd => Box::new(BufReader::with_capacity(
            BUFFER,
            zstd::stream::read::Decoder::with_buffer(stream)?,
        )),
    })
}

/// A writer that compresses what it is given. Call [`finish`](Self::finish)
/// at the end: it writes the compressed stream's trailer, without which the
/// output is incomplete.
pub struct Writer<W: Write> {
    inner: Inner<W>,
}

enum Inner<W: Write> {
    Plain(W),
    Gzip(flate2::write::GzEncoder<W>),
    Zstd(zstd::stream::write::Encoder<'static, W>),
}

impl<W: Write> std::fmt::Debug for Writer<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.inner {
            Inner::Plain(_) => Compression::None,
            Inner::Gzip(_) => Compression::Gzip,
            Inner::Zstd(_) => Compression::Zstd,
        };
        f.debug_struct("Writer")
            .field("compression", &kind)
            .finish()
    }
}

impl<W: Write> Writer<W> {
    /// Compresses into `out`: gzip at level 6, zstd at level 3 (each
    /// format's default).
    ///
    /// # Errors
    ///
    /// The zstd encoder could not be set up.
    pub fn new(out: W, compression: Compression) -> io::Result<Writer<W>> {
        let inner = match compression {
            Compression::None => Inner::Plain(out),
            Compression::Gzip => Inner::Gzip(flate2::write::GzEncoder::new(
                out,
                flate2::Compression::default(),
            )),
            Compression::Zstd => Inner::Zstd(zstd::stream::write::Encoder::new(out, 3)?),
        };
        Ok(Writer { inner })
    }

    /// Ends the compressed stream (whole up to what was written) and
    /// returns the inner writer, flushed.
    ///
    /// # Errors
    ///
    /// Errors writing to the inner writer.
    pub fn finish(self) -> io::Result<W> {
        let mut out = match self.inner {
            Inner::Plain(w) => w,
            Inner::Gzip(e) => e.finish()?,
            Inner::Zstd(e) => e.finish()?,
        };
        out.flush()?;
        Ok(out)
    }
}

impl<W: Write> Write for Writer<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.inner {
            Inner::Plain(w) => w.write(buf),
            Inner::Gzip(w) => w.write(buf),
            Inner::Zstd(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match &mut self.inner {
            Inner::Plain(w) => w.write_all(buf),
            Inner::Gzip(w) => w.write_all(buf),
            Inner::Zstd(w) => w.write_all(buf),
        }
    }

    /// Flushes what is buffered to the inner writer. For compressed output
    /// this ends a compressed block; the stream still needs
    /// [`finish`](Writer::finish).
    fn flush(&mut self) -> io::Result<()> {
        match &mut self.inner {
            Inner::Plain(w) => w.flush(),
            Inner::Gzip(w) => w.flush(),
            Inner::Zstd(w) => w.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(kind: Compression) {
        let text = "line one\nline two\n".repeat(10_000);
        let mut w = Writer::new(Vec::new(), kind).unwrap();
        w.write_all(text.as_bytes()).unwrap();
        let bytes = w.finish().unwrap();
        assert_eq!(Compression::sniff(&bytes), kind);
        for hint in [None, Some(kind)] {
            let mut back = String::new();
            reader(&bytes[..], hint)
                .unwrap()
                .read_to_string(&mut back)
                .unwrap();
            assert_eq!(back, text);
        }
    }

    #[test]
    fn round_trips() {
        round_trip(Compression::None);
        round_trip(Compression::Gzip);
        round_trip(Compression::Zstd);
    }

    #[test]
    fn multi_member_gzip_reads_as_one_stream() {
        let mut all = Vec::new();
        for part in ["first\n", "second\n", "third\n"] {
            let mut w = Writer::new(Vec::new(), Compression::Gzip).unwrap();
            w.write_all(part.as_bytes()).unwrap();
            all.extend(w.finish().unwrap());
        }
        let mut back = String::new();
        reader(&all[..], None)
            .unwrap()
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, "first\nsecond\nthird\n");
    }

    #[test]
    fn short_and_empty_plain_input() {
        for input in ["", "a", "ab\n", "abcd", "abcde\n"] {
            let mut back = String::new();
            reader(input.as_bytes(), None)
                .unwrap()
                .read_to_string(&mut back)
                .unwrap();
            assert_eq!(back, input);
        }
    }

    #[test]
    fn extensions() {
        assert_eq!(data_extension(Path::new("a.jsonl.gz")), Some("jsonl"));
        assert_eq!(data_extension(Path::new("d/x.warc.wet.zst")), Some("wet"));
        assert_eq!(data_extension(Path::new("d/a.txt")), Some("txt"));
        assert_eq!(data_extension(Path::new("d/a.gz")), None);
        assert_eq!(data_extension(Path::new("-")), None);
    }
}
