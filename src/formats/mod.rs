//! Corpus formats: JSON Lines shards and WET/WARC files, cleaned record by
//! record, in parallel, in input order.
//!
//! * [`Format::Jsonl`]: one JSON object per line. One string field (default
//!   `text`, or a dotted path such as `metadata.body`) is cleaned; every
//!   other field keeps its place and its bytes (see [`jsonl`]).
//! * [`Format::Wet`]: WARC files. The text of `conversion` records (WET) and
//!   of text records of WARC files (see [`warc`]) is cleaned and written as
//!   JSON Lines: `url`, `id` (the record id), `date`, `language` (from
//!   `WARC-Identified-Content-Language`) where present, then `text`.
//!
//! Each record is one document: build the [`Cleaner`] with
//! `document_separator(None)` so a form feed inside a record's text does
//! not split it ([`CorpusCleaner::new`] does not change the cleaner).
//!
//! ```
//! use deboil::formats::{CorpusCleaner, CorpusOptions, EmptyPolicy, Format};
//!
//! let cleaner = deboil::Cleaner::builder().document_separator(None).build()?;
//! let options = CorpusOptions {
//!     stats_field: Some("deboil".parse()?),
//!     empty: EmptyPolicy::Drop,
//!     threads: 2,
//!     ..CorpusOptions::default()
//! };
//! let corpus = CorpusCleaner::new(cleaner, options)?;
//! let input = concat!(
//!     r#"{"id":1,"text":"Advertisement\nThe council met on Tuesday."}"#, "\n",
//!     r#"{"id":2,"text":"Advertisement"}"#, "\n",
//! );
//! let mut out = Vec::new();
//! let summary = corpus.run(Format::Jsonl, "shard.jsonl", input.as_bytes(), &mut out, &mut ())?;
//! assert_eq!(
//!     String::from_utf8(out)?,
//!     concat!(
//!         r#"{"id":1,"text":"The council met on Tuesday.","deboil":{"lines":2,"lines_removed":1,"#,
//!         r#""bytes":41,"bytes_removed":14,"removed":{"ads.label":1}}}"#, "\n",
//!     )
//! );
//! assert_eq!((summary.documents, summary.written, summary.dropped), (2, 1, 1));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod document;
pub mod jsonl;
pub mod warc;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::Path;

use crate::Cleaner;
use crate::error::{Error, ErrorKind, Location};
use crate::parallel::Ordered;

pub use document::{CleanDocument, DocStats, clean_document};
pub use jsonl::FieldPath;
pub use warc::{WarcReader, WarcRecord};

/// The field set to `true` on documents that end up empty, with
/// [`EmptyPolicy::Flag`].
pub const EMPTY_FLAG_FIELD: &str = "deboil_empty";

/// An input format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text, documents separated by separator lines: cleaned as a
    /// stream by [`Cleaner::run`], not by this module.
    Text,
    /// JSON Lines: one JSON object per line.
    Jsonl,
    /// WARC files: WET `conversion` records, and the text records of WARC
    /// files. Written out as JSON Lines.
    Wet,
}

impl std::str::FromStr for Format {
    type Err = Error;

    fn from_str(s: &str) -> Result<Format, Error> {
        match s {
            "text" | "txt" => Ok(Format::Text),
            "jsonl" | "ndjson" => Ok(Format::Jsonl),
            "wet" | "warc" => Ok(Format::Wet),
            other => Err(Error::config(format!(
                "unknown format '{other}' (expected text, jsonl or wet)"
            ))),
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Format::Text => "text",
            Format::Jsonl => "jsonl",
            Format::Wet => "wet",
        })
    }
}

impl Format {
    /// The format a file name says, behind any `.gz` or `.zst`: `.jsonl`,
    /// `.ndjson` and `.json` are JSON Lines; `.wet` and `.warc` are WARC;
    /// `.txt` is text. `None` for other names.
    ///
    /// ```
    /// use deboil::formats::Format;
    /// let f = |name: &str| Format::from_path(name.as_ref());
    /// assert_eq!(f("CC-MAIN-20240101-00000.warc.wet.gz"), Some(Format::Wet));
    /// assert_eq!(f("shard_00001.jsonl.zst"), Some(Format::Jsonl));
    /// assert_eq!(f("page.txt"), Some(Format::Text));
    /// assert_eq!(f("page"), None);
    /// ```
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = crate::compress::data_extension(path)?.to_ascii_lowercase();
        match ext.as_str() {
            "jsonl" | "ndjson" | "json" => Some(Format::Jsonl),
            "wet" | "warc" => Some(Format::Wet),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }

    /// The format the first bytes of a (decompressed) stream show: WARC
    /// when it starts with `WARC/`; JSON Lines when its first line is a
    /// JSON object (or, when the first line is longer than `head`, starts
    /// with `{"`); text otherwise. Leading white space and a byte-order mark
    /// are skipped.
    ///
    /// ```
    /// use deboil::formats::Format;
    /// assert_eq!(Format::sniff(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n"), Format::Wet);
    /// assert_eq!(Format::sniff(b"{\"text\": \"a\"}\n{\"te"), Format::Jsonl);
    /// assert_eq!(Format::sniff(b"{braces} are not JSON\n"), Format::Text);
    /// assert_eq!(Format::sniff(b"Plain text.\n"), Format::Text);
    /// ```
    pub fn sniff(head: &[u8]) -> Format {
        let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
        let start = head
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(head.len());
        let head = &head[start..];
        if head.starts_with(b"WARC/") {
            return Format::Wet;
        }
        if !head.starts_with(b"{") {
            return Format::Text;
        }
        match memchr::memchr(b'\n', head) {
            Some(end) => match std::str::from_utf8(&head[..end]) {
                Ok(line) if jsonl::RawObject::parse(line.trim_end()).is_ok() => Format::Jsonl,
                _ => Format::Text,
            },
            None => {
                let rest = &head[1..];
                let next = rest.iter().find(|b| !b.is_ascii_whitespace());
                if next == Some(&b'"') {
                    Format::Jsonl
                } else {
                    Format::Text
                }
            }
        }
    }

    /// True for the formats written out as JSON Lines (JSONL and WET).
    pub fn is_corpus(self) -> bool {
        self != Format::Text
    }
}

/// What becomes of a document whose text is empty (nothing but white
/// space) after cleaning.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EmptyPolicy {
    /// Written, with an empty text (the default).
    #[default]
    Keep,
    /// Not written.
    Drop,
    /// Written, with [`EMPTY_FLAG_FIELD`] (`deboil_empty`) set to `true`.
    Flag,
}

impl std::str::FromStr for EmptyPolicy {
    type Err = Error;

    fn from_str(s: &str) -> Result<EmptyPolicy, Error> {
        match s {
            "keep" => Ok(EmptyPolicy::Keep),
            "drop" => Ok(EmptyPolicy::Drop),
            "flag" => Ok(EmptyPolicy::Flag),
            other => Err(Error::config(format!(
                "unknown empty-document policy '{other}' (expected keep, drop or flag)"
            ))),
        }
    }
}

/// How a corpus is cleaned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorpusOptions {
    /// The JSONL field to clean (default `text`). WET output always uses
    /// `text`.
    pub field: FieldPath,
    /// Where to add each document's statistics (see
    /// [`DocStats::to_json`]); none by default.
    pub stats_field: Option<FieldPath>,
    /// What becomes of documents that end up empty.
    pub empty: EmptyPolicy,
    /// Skip invalid records (counting them and telling the
    /// [`Observer`]) instead of stopping at the first.
    pub skip_invalid: bool,
    /// Worker threads; 0 (the default) means one per core.
    pub threads: usize,
    /// The longest record (JSON line, WARC text block) read, in bytes
    /// (default 64 MiB); a longer one is invalid.
    pub max_record: usize,
}

impl Default for CorpusOptions {
    fn default() -> CorpusOptions {
        CorpusOptions {
            field: "text".parse().expect("a valid path"),
            stats_field: None,
            empty: EmptyPolicy::Keep,
            skip_invalid: false,
            threads: 0,
            max_record: warc::DEFAULT_MAX_RECORD,
        }
    }
}

/// Lines and bytes removed for one reason.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Removed {
    /// Lines.
    pub lines: u64,
    /// Bytes, terminators included.
    pub bytes: u64,
}

/// What a corpus run saw and did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CorpusSummary {
    /// Records read: non-blank JSON lines; WARC records of every type.
    pub records: u64,
    /// Documents cleaned (valid JSON records; WARC records with text).
    pub documents: u64,
    /// Documents written.
    pub written: u64,
    /// Documents whose text was empty after cleaning (kept, dropped or
    /// flagged).
    pub empty: u64,
    /// Empty documents not written ([`EmptyPolicy::Drop`]).
    pub dropped: u64,
    /// WARC records without text (`warcinfo`, `request`, HTML responses…).
    pub skipped: u64,
    /// Invalid records skipped ([`CorpusOptions::skip_invalid`]).
    pub invalid: u64,
    /// Lines of text cleaned.
    pub lines: u64,
    /// Lines removed.
    pub lines_removed: u64,
    /// Bytes of text cleaned.
    pub bytes: u64,
    /// Bytes removed.
    pub bytes_removed: u64,
    /// Lines and bytes removed per reason code.
    pub removed: BTreeMap<String, Removed>,
}

impl CorpusSummary {
    /// Adds another run's counts to these.
    pub fn merge(&mut self, other: &CorpusSummary) {
        self.records += other.records;
        self.documents += other.documents;
        self.written += other.written;
        self.empty += other.empty;
        self.dropped += other.dropped;
        self.skipped += other.skipped;
        self.invalid += other.invalid;
        self.lines += other.lines;
        self.lines_removed += other.lines_removed;
        self.bytes += other.bytes;
        self.bytes_removed += other.bytes_removed;
        for (code, r) in &other.removed {
            let e = self.removed.entry(code.clone()).or_default();
            e.lines += r.lines;
            e.bytes += r.bytes;
        }
    }

    fn add(&mut self, cleaner: &Cleaner, stats: &DocStats) {
        self.documents += 1;
        self.lines += stats.lines;
        self.lines_removed += stats.lines_removed;
        self.bytes += stats.bytes;
        self.bytes_removed += stats.bytes_removed;
        for &(id, lines, bytes) in stats.removed_ids() {
            let code = cleaner.reasons()[id as usize].code();
            let e = match self.removed.get_mut(code) {
                Some(e) => e,
                None => self.removed.entry(code.to_string()).or_default(),
            };
            e.lines += lines;
            e.bytes += bytes;
        }
    }

    /// The counts as a JSON object, fields in the order of this struct;
    /// `removed` maps each reason code to `{"lines": …, "bytes": …}`.
    pub fn to_json(&self) -> serde_json::Value {
        let removed: serde_json::Map<String, serde_json::Value> = self
            .removed
            .iter()
            .map(|(code, r)| {
                (
                    code.clone(),
                    serde_json::json!({"lines": r.lines, "bytes": r.bytes}),
                )
            })
            .collect();
        serde_json::json!({
            "records": self.records,
            "documents": self.documents,
            "written": self.written,
            "empty": self.empty,
            "dropped": self.dropped,
            "skipped": self.skipped,
            "invalid": self.invalid,
            "lines": self.lines,
            "lines_removed": self.lines_removed,
            "bytes": self.bytes,
            "bytes_removed": self.bytes_removed,
            "removed": removed,
        })
    }
}

/// Told about a run as it goes, on the calling thread. Both methods do
/// nothing by default; `()` is the observer that does nothing.
pub trait Observer {
    /// After every record, with the counts so far.
    fn progress(&mut self, _summary: &CorpusSummary) {}

    /// For every invalid record skipped (with
    /// [`CorpusOptions::skip_invalid`]).
    fn invalid(&mut self, _error: &Error) {}
}

impl Observer for () {}

/// Cleans corpus files: a [`Cleaner`] and [`CorpusOptions`].
#[derive(Clone, Debug)]
pub struct CorpusCleaner {
    cleaner: Cleaner,
    options: CorpusOptions,
}

/// A record on its way from the reader to a worker.
enum Item {
    Line(u64, Vec<u8>),
    Warc(Box<WarcRecord>),
    Invalid(Error),
    Fatal(Error),
}

/// A record on its way from a worker to the output.
enum Outcome {
    Written(Vec<u8>, DocStats, bool),
    Dropped(DocStats),
    Skipped,
    Invalid(Error),
    Fatal(Error),
}

impl CorpusCleaner {
    /// Checks the options.
    ///
    /// # Errors
    ///
    /// The stats field overlaps the cleaned field (one is the other or lies
    /// inside it).
    pub fn new(cleaner: Cleaner, options: CorpusOptions) -> Result<CorpusCleaner, Error> {
        let text: FieldPath = "text".parse().expect("a valid path");
        for field in [&options.field, &text] {
            if let Some(stats) = &options.stats_field {
                if stats.overlaps(field) {
                    return Err(Error::config(format!(
                        "the stats field '{stats}' overlaps the text field '{field}'"
                    )));
                }
            }
            if options.empty == EmptyPolicy::Flag && field.parts()[0] == EMPTY_FLAG_FIELD {
                return Err(Error::config(format!(
                    "the text field cannot be '{EMPTY_FLAG_FIELD}'"
                )));
            }
        }
        if let Some(stats) = &options.stats_field {
            if options.empty == EmptyPolicy::Flag && stats.parts()[0] == EMPTY_FLAG_FIELD {
                return Err(Error::config(format!(
                    "the stats field cannot be '{EMPTY_FLAG_FIELD}'"
                )));
            }
        }
        Ok(CorpusCleaner { cleaner, options })
    }

    /// The cleaner.
    pub fn cleaner(&self) -> &Cleaner {
        &self.cleaner
    }

    /// The options.
    pub fn options(&self) -> &CorpusOptions {
        &self.options
    }

    /// Cleans every record of `input` (in `format`; `name` names it in
    /// errors) and writes them to `output` as JSON Lines, in input order.
    /// Records are parsed and cleaned on [`CorpusOptions::threads`] worker
    /// threads, read on another, and written on the calling thread, with a
    /// bounded number of records in flight.
    ///
    /// # Errors
    ///
    /// Errors reading or writing, and the first invalid record (an error
    /// of kind [`Record`](ErrorKind::Record) naming `name` and the line or
    /// record number) unless invalid records are skipped. Output written
    /// before an error is whole records, every record before the failing
    /// one.
    pub fn run<R, W>(
        &self,
        format: Format,
        name: &str,
        input: R,
        output: &mut W,
        observer: &mut dyn Observer,
    ) -> Result<CorpusSummary, Error>
    where
        R: BufRead + Send,
        W: Write + ?Sized,
    {
        let pool = Ordered::new(self.options.threads).batch(64, 512 * 1024);
        let mut summary = CorpusSummary::default();
        let skip_invalid = self.options.skip_invalid;
        let mut sink = |outcome: Outcome| -> Result<(), Error> {
            summary.records += 1;
            match outcome {
                Outcome::Written(bytes, stats, empty) => {
                    output.write_all(&bytes)?;
                    summary.add(&self.cleaner, &stats);
                    summary.written += 1;
                    summary.empty += empty as u64;
                }
                Outcome::Dropped(stats) => {
                    summary.add(&self.cleaner, &stats);
                    summary.empty += 1;
                    summary.dropped += 1;
                }
                Outcome::Skipped => summary.skipped += 1,
                Outcome::Invalid(error) if skip_invalid => {
                    summary.invalid += 1;
                    observer.invalid(&error);
                }
                Outcome::Invalid(error) | Outcome::Fatal(error) => {
                    summary.records -= 1;
                    return Err(error);
                }
            }
            observer.progress(&summary);
            Ok(())
        };
        let worker = || {
            let cleaner = self.cleaner.clone();
            move |item: Item| self.process(&cleaner, name, item)
        };
        match format {
            Format::Text => {
                return Err(Error::config(
                    "the text format is cleaned as a stream (Cleaner::run), not record by record",
                ));
            }
            Format::Jsonl => pool.run(self.jsonl_source(input, name), worker, &mut sink)?,
            Format::Wet => pool.run(self.warc_source(input, name), worker, &mut sink)?,
        }
        Ok(summary)
    }

    fn jsonl_source<'s, R: BufRead + Send + 's>(
        &self,
        mut input: R,
        name: &'s str,
    ) -> impl FnMut() -> Option<(Item, usize)> + Send + 's {
        let max = self.options.max_record;
        let mut number = 0u64;
        let mut done = false;
        move || {
            while !done {
                number += 1;
                let mut line = Vec::new();
                let item = match warc::read_line_bounded(&mut input, &mut line, max) {
                    Ok(None) => return None,
                    Ok(Some(false)) if line.iter().all(u8::is_ascii_whitespace) => continue,
                    Ok(Some(false)) => Item::Line(number, line),
                    Ok(Some(true)) => Item::Invalid(Error::record(
                        name,
                        Location::Line(number),
                        format!("a line longer than the {max}-byte limit"),
                    )),
                    Err(e) => {
                        done = true;
                        Item::Fatal(e.into())
                    }
                };
                let weight = line_weight(&item);
                return Some((item, weight));
            }
            None
        }
    }

    fn warc_source<'s, R: BufRead + Send + 's>(
        &self,
        input: R,
        name: &'s str,
    ) -> impl FnMut() -> Option<(Item, usize)> + Send + 's {
        let mut reader = WarcReader::new(input, name)
            .max_record(self.options.max_record)
            .resync(self.options.skip_invalid);
        move || {
            let item = match reader.next()? {
                Ok(record) => Item::Warc(Box::new(record)),
                Err(e) if matches!(e.kind(), ErrorKind::Record { .. }) => Item::Invalid(e),
                Err(e) => Item::Fatal(e),
            };
            let weight = match &item {
                Item::Warc(r) => r.text.as_ref().map_or(0, Vec::len) + 512,
                _ => 512,
            };
            Some((item, weight))
        }
    }

    fn process(&self, cleaner: &Cleaner, name: &str, item: Item) -> Outcome {
        match item {
            Item::Line(number, bytes) => match self.jsonl_record(cleaner, &bytes) {
                Ok(outcome) => outcome,
                Err(message) => {
                    Outcome::Invalid(Error::record(name, Location::Line(number), message))
                }
            },
            Item::Warc(record) => self.warc_record(cleaner, name, &record),
            Item::Invalid(e) => Outcome::Invalid(e),
            Item::Fatal(e) => Outcome::Fatal(e),
        }
    }

    fn jsonl_record(&self, cleaner: &Cleaner, line: &[u8]) -> Result<Outcome, String> {
        let line = std::str::from_utf8(line)
            .map_err(|e| format!("not UTF-8 (byte {} of the line)", e.valid_up_to() + 1))?;
        let line = line.strip_prefix('\u{feff}').unwrap_or(line);
        let object = jsonl::RawObject::parse(line.trim_end())?;
        let text = jsonl::string_at(&object, &self.options.field)?;
        let doc = clean_document(cleaner, &text);
        drop(text);
        self.write(cleaner, &object, &self.options.field, doc)
    }

    fn warc_record(&self, cleaner: &Cleaner, name: &str, record: &WarcRecord) -> Outcome {
        let Some(payload) = &record.text else {
            return Outcome::Skipped;
        };
        let text = String::from_utf8_lossy(payload);
        let doc = clean_document(cleaner, &text);
        drop(text);
        let mut object = jsonl::RawObject::default();
        let headers = [
            ("url", record.target_uri()),
            ("id", record.header("WARC-Record-ID")),
            ("date", record.header("WARC-Date")),
            (
                "language",
                record.header("WARC-Identified-Content-Language"),
            ),
        ];
        for (key, value) in headers {
            if let Some(value) = value {
                let json = serde_json::to_string(value).expect("a string serialises");
                object.fields.push((Cow::Borrowed(key), Cow::Owned(json)));
            }
        }
        object
            .fields
            .push((Cow::Borrowed("text"), Cow::Borrowed("\"\"")));
        let path: FieldPath = "text".parse().expect("a valid path");
        match self.write(cleaner, &object, &path, doc) {
            Ok(outcome) => outcome,
            Err(message) => Outcome::Invalid(Error::record(
                name,
                Location::Record(record.number),
                message,
            )),
        }
    }

    /// Writes `object` with the text at `path` replaced by the clean text,
    /// the statistics and the empty flag added as asked.
    fn write(
        &self,
        cleaner: &Cleaner,
        object: &jsonl::RawObject<'_>,
        path: &FieldPath,
        doc: CleanDocument,
    ) -> Result<Outcome, String> {
        let empty = doc.is_empty();
        if empty && self.options.empty == EmptyPolicy::Drop {
            return Ok(Outcome::Dropped(doc.stats));
        }
        let text = serde_json::to_string(&doc.text).expect("a string serialises");
        let stats = self
            .options
            .stats_field
            .as_ref()
            .map(|_| doc.stats.to_json(cleaner));
        let flag = [EMPTY_FLAG_FIELD.to_string()];
        let mut edits = vec![jsonl::Edit {
            path: path.parts(),
            value: &text,
        }];
        if let (Some(field), Some(stats)) = (&self.options.stats_field, &stats) {
            edits.push(jsonl::Edit {
                path: field.parts(),
                value: stats,
            });
        }
        if empty && self.options.empty == EmptyPolicy::Flag {
            edits.push(jsonl::Edit {
                path: &flag,
                value: "true",
            });
        }
        let mut out = Vec::with_capacity(text.len() + 256);
        jsonl::write_object(object, &edits, &mut out, &[])?;
        out.push(b'\n');
        Ok(Outcome::Written(out, doc.stats, empty))
    }
}

fn line_weight(item: &Item) -> usize {
    match item {
        Item::Line(_, bytes) => bytes.len() + 64,
        _ => 64,
    }
}
