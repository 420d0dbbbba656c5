//! The `deboil` command: a stdin→stdout filter that strips scraper residue,
//! and a corpus step for JSONL and WET/WARC shards.

mod progress;

use std::fs::File;
use std::io::{self, BufRead, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use deboil::compress::{self, Compression};
use deboil::formats::{
    CorpusCleaner, CorpusOptions, CorpusSummary, EmptyPolicy, FieldPath, Format, Observer,
};
use deboil::sink::{Explain, KeptText, LineOutcome, Stats, Tee};
use deboil::{Cleaner, Error, ErrorKind, Sink};
use progress::{Counting, Progress};

/// Strip scraper residue (menus, share bars, cookie banners, ads, bylines,
/// player and icon labels, footers) from web-page text; keep the main text.
#[derive(Parser, Debug)]
#[command(
    name = "deboil",
    version,
    about = "Strip scraper residue from web-page text; keep the main text byte for byte.",
    after_help = "Reads FILES or standard input (.gz, .zst: decompressed), writes the kept text to standard\n\
                  output. JSONL and WET/WARC inputs are cleaned record by record, written as JSONL.\n\
                  Exit status: 0 on success (also when every line is dropped), 2 on error."
)]
struct Args {
    /// Input files ('-' or none: standard input)
    files: Vec<PathBuf>,

    /// Print every line with its decision (+ kept, - dropped) and reason
    #[arg(long)]
    explain: bool,

    /// Print statistics to standard error: table or json (jsonl, wet: json)
    #[arg(long, value_name = "FMT", num_args = 0..=1, require_equals = true,
          default_missing_value = "auto", value_parser = ["auto", "table", "json"],
          hide_possible_values = true)]
    stats: Option<String>,

    /// Add rules from FILE, tried before the built-in ones (repeatable)
    #[arg(long, value_name = "FILE")]
    rules: Vec<PathBuf>,

    /// Use only the rules given with --rules
    #[arg(long)]
    no_builtin_rules: bool,

    /// Line separating documents ('none': one per file)
    #[arg(long, value_name = "TEXT", default_value = "\\f")]
    doc_separator: String,

    /// Largest document decided whole (default 8M); larger: in windows
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    doc_cap: Option<usize>,

    /// balanced (default), conservative (keep more) or aggressive
    #[arg(long, value_name = "MODE", default_value = "balanced", value_parser = parse_mode,
          hide_default_value = true)]
    mode: deboil::Mode,

    /// Glued texts (`NewsThe…`): auto (default), units, break, lines
    #[arg(long, value_name = "HOW", default_value = "auto", value_parser = parse_glue,
          hide_default_value = true)]
    glue: deboil::Glue,
    /// Language: auto (default: guessed per document) or a code: en, de, zh
    #[arg(long, value_name = "CODE", default_value = "auto", value_parser = parse_lang,
          hide_default_value = true)]
    lang: String,

    /// For experts: drop lines scoring under this threshold (0 to 1)
    #[arg(long, value_name = "X", conflicts_with = "beta")]
    threshold: Option<f32>,

    /// For experts: per document, keep the lines of best expected F-beta
    #[arg(long, value_name = "B")]
    beta: Option<f32>,

    /// For experts: a scorer forest of your own (see scripts/train.py)
    #[arg(long, value_name = "FILE")]
    forest: Option<PathBuf>,

    /// List every reason code with its meaning, then exit
    #[arg(long)]
    list_reasons: bool,

    /// text, jsonl or wet (WARC too); default: from file name or content
    #[arg(long, value_name = "FMT", value_parser = parse_format)]
    format: Option<Format>,

    /// JSONL field to clean, dotted for nested fields [default: text]
    #[arg(long, value_name = "PATH", value_parser = parse_path)]
    field: Option<FieldPath>,

    /// Add each document's statistics to it, under field NAME
    #[arg(long, value_name = "NAME", value_parser = parse_path)]
    stats_field: Option<FieldPath>,

    /// Documents left empty: keep (default), drop, or flag (deboil_empty)
    #[arg(long, value_name = "WHAT", default_value = "keep", value_parser = parse_empty,
          hide_default_value = true)]
    empty: EmptyPolicy,

    /// Skip invalid JSON lines and WARC records; count and report them
    #[arg(long)]
    skip_invalid: bool,

    /// Worker threads, 0: one per core (default: 1 for text, 0 for jsonl/wet)
    #[arg(long, value_name = "N")]
    threads: Option<usize>,

    /// Write to FILE (.gz, .zst: compressed) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

fn parse_size(s: &str) -> Result<usize, String> {
    let (digits, mult) = match s.as_bytes().last() {
        Some(b'K' | b'k') => (&s[..s.len() - 1], 1 << 10),
        Some(b'M' | b'm') => (&s[..s.len() - 1], 1 << 20),
        Some(b'G' | b'g') => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    let n: usize = digits
        .parse()
        .map_err(|_| format!("'{s}' is not a size (e.g. 65536, 64K, 8M)"))?;
    n.checked_mul(mult)
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("'{s}' is out of range"))
}

fn parse_mode(s: &str) -> Result<deboil::Mode, String> {
    s.parse().map_err(|e: Error| e.to_string())
}

fn parse_glue(s: &str) -> Result<deboil::Glue, String> {
    s.parse().map_err(|e: Error| e.to_string())
}

fn parse_lang(s: &str) -> Result<String, String> {
    if s != "auto" {
        s.parse::<deboil::lang::Language>()
            .map_err(|e: Error| e.to_string())?;
    }
    Ok(s.to_string())
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse().map_err(|e: Error| e.to_string())
}

fn parse_empty(s: &str) -> Result<EmptyPolicy, String> {
    s.parse().map_err(|e: Error| e.to_string())
}

fn parse_path(s: &str) -> Result<FieldPath, String> {
    s.parse()
}

fn unescape(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            let mut b = [0; 4];
            out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
            continue;
        }
        match chars.next() {
            Some('f') => out.push(0x0c),
            Some('t') => out.push(b'\t'),
            Some('0') => out.push(0),
            Some('\\') | None => out.push(b'\\'),
            Some(other) => {
                out.push(b'\\');
                let mut b = [0; 4];
                out.extend_from_slice(other.encode_utf8(&mut b).as_bytes());
            }
        }
    }
    out
}

/// An error on the way out: what failed, and for which input.
struct Failure {
    what: String,
    error: Error,
}

impl Failure {
    fn bare(error: impl Into<Error>) -> Failure {
        Failure {
            what: String::new(),
            error: error.into(),
        }
    }

    fn at(name: &str, error: impl Into<Error>) -> Failure {
        let error = error.into();
        // Record errors name their input themselves.
        let what = match error.kind() {
            ErrorKind::Record { .. } => String::new(),
            _ => format!("{name}: "),
        };
        Failure { what, error }
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) if f.error.is_broken_pipe() => ExitCode::SUCCESS,
        Err(f) => {
            let _ = writeln!(io::stderr(), "deboil: {}{}", f.what, f.error);
            ExitCode::from(2)
        }
    }
}

fn build(args: &Args, format: Format) -> Result<Cleaner, Error> {
    let mut builder = Cleaner::builder();
    for path in &args.rules {
        builder.rules_file(path);
    }
    builder.builtin_rules(!args.no_builtin_rules);
    if args.doc_separator == "none" || format.is_corpus() {
        // A record is one document.
        builder.document_separator(None);
    } else {
        builder.document_separator(Some(&unescape(&args.doc_separator)));
    }
    builder.mode(args.mode);
    builder.glue(args.glue);
    builder.language(&args.lang);
    if let Some(t) = args.threshold {
        builder.threshold(t);
    }
    if let Some(b) = args.beta {
        builder.beta(b);
    }
    if let Some(path) = &args.forest {
        builder.forest_file(path);
    }
    if let Some(cap) = args.doc_cap {
        builder.document_cap(cap);
    }
    builder.build()
}

/// Where the output goes: standard output or `--output FILE`, compressed
/// by the file's extension. Remembers whether writing failed, to name the
/// output in the error.
struct Output {
    name: String,
    writer: compress::Writer<Box<dyn Write>>,
    failed: bool,
}

impl Output {
    fn open(path: Option<&Path>, inputs: &[PathBuf]) -> Result<Output, Failure> {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
            let stdout = io::stdout();
            let out: Box<dyn Write> = if stdout.is_terminal() {
                Box::new(io::LineWriter::new(stdout.lock()))
            } else {
                Box::new(BufWriter::with_capacity(128 * 1024, stdout.lock()))
            };
            return Ok(Output {
                name: String::new(),
                writer: compress::Writer::new(out, Compression::None).map_err(Failure::bare)?,
                failed: false,
            });
        };
        let name = path.display().to_string();
        if let Ok(target) = path.canonicalize() {
            if inputs
                .iter()
                .any(|i| i.canonicalize().is_ok_and(|i| i == target))
            {
                return Err(Failure::at(
                    &name,
                    Error::from(io::Error::other("is also an input")),
                ));
            }
        }
        let file = File::create(path).map_err(|e| Failure::at(&name, e))?;
        let out: Box<dyn Write> = Box::new(BufWriter::with_capacity(256 * 1024, file));
        let writer = compress::Writer::new(out, Compression::from_path(path))
            .map_err(|e| Failure::at(&name, e))?;
        Ok(Output {
            name,
            writer,
            failed: false,
        })
    }

    /// Ends the output (the compressed stream's trailer) and flushes it.
    fn finish(self) -> Result<(), Failure> {
        let name = self.name;
        self.writer
            .finish()
            .map(drop)
            .map_err(|e| Failure::at(&name, e).stdout_bare())
    }

    /// A failure while writing or reading: names the output if writing
    /// failed, else the input.
    fn failure(&self, input: &str, error: Error) -> Failure {
        if self.failed {
            Failure::at(&self.name, error).stdout_bare()
        } else {
            Failure::at(input, error)
        }
    }
}

impl Failure {
    /// Standard output has no name: no prefix.
    fn stdout_bare(mut self) -> Failure {
        if self.what == ": " {
            self.what.clear();
        }
        self
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.write(buf).inspect_err(|_| self.failed = true)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.writer
            .write_all(buf)
            .inspect_err(|_| self.failed = true)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush().inspect_err(|_| self.failed = true)
    }
}

/// One opened input: its name, format, and decompressed stream.
struct Input {
    name: String,
    format: Format,
    reader: Box<dyn BufRead + Send>,
}

fn open_input(path: &Path, forced: Option<Format>, progress: &Progress) -> Result<Input, Failure> {
    let stdin = path.as_os_str() == "-";
    let name = if stdin {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let raw: Box<dyn io::Read + Send> = if stdin {
        Box::new(io::stdin())
    } else {
        Box::new(File::open(path).map_err(|e| Failure::at(&name, e))?)
    };
    let counted = Counting {
        inner: raw,
        count: progress.bytes.clone(),
    };
    let hint = match Compression::from_path(path) {
        Compression::None => None,
        known => Some(known),
    };
    let mut reader = compress::reader(counted, hint).map_err(|e| Failure::at(&name, e))?;
    let format = match forced.or_else(|| Format::from_path(path)) {
        Some(f) => f,
        None => Format::sniff(reader.fill_buf().map_err(|e| Failure::at(&name, e))?),
    };
    Ok(Input {
        name,
        format,
        reader,
    })
}

fn run(args: &Args) -> Result<(), Failure> {
    if args.list_reasons {
        let cleaner = build(args, Format::Text).map_err(Failure::bare)?;
        return list_reasons(&cleaner).map_err(Failure::bare);
    }
    let stdin_only = [PathBuf::from("-")];
    let files = if args.files.is_empty() {
        &stdin_only[..]
    } else {
        &args.files[..]
    };
    let start = Instant::now();
    // Input sizes, for the progress bar's percentage and time left.
    let total = files
        .iter()
        .map(|f| {
            if f.as_os_str() == "-" {
                None
            } else {
                std::fs::metadata(f).ok().map(|m| m.len())
            }
        })
        .sum::<Option<u64>>();
    let to_stdout = args.output.as_ref().is_none_or(|p| p.as_os_str() == "-");
    let output_is_terminal = to_stdout && io::stdout().is_terminal();
    let show = io::stderr().is_terminal() && !output_is_terminal && !args.explain;
    let mut progress = Progress::new(show, total);

    // The first input tells the format; the output is made only once it
    // could be opened.
    let first = open_input(&files[0], args.format, &progress)?;
    let format = first.format;
    let mut output = Output::open(args.output.as_deref(), files)?;
    let cleaner = build(args, format).map_err(Failure::bare)?;
    let result = if format.is_corpus() {
        if args.explain {
            return Err(Failure::bare(Error::from(io::Error::other(
                "--explain works with the text format only",
            ))));
        }
        run_corpus(
            args,
            cleaner,
            files,
            first,
            &mut output,
            &mut progress,
            start,
        )
    } else {
        let result = run_text(args, &cleaner, files, first, &mut output, &mut progress);
        // The process ends here: freeing the rules' automata and the forest
        // one allocation at a time would cost about a millisecond of every
        // run (2.4 M instructions), for memory the system takes back anyway.
        std::mem::forget(cleaner);
        result
    };
    progress.clear();
    match result {
        Ok(()) => output.finish(),
        Err(failure) => {
            // Whole records were written: end the stream so it stays
            // readable (a compressed file gets its trailer).
            if !failure.error.is_broken_pipe() {
                let _ = output.finish();
            }
            Err(failure)
        }
    }
}

/// The inputs after the first, opened one at a time, all of the same kind
/// of output (text, or JSONL).
fn next_input(
    args: &Args,
    path: &Path,
    corpus: bool,
    progress: &Progress,
) -> Result<Input, Failure> {
    let input = open_input(path, args.format, progress)?;
    if input.format.is_corpus() != corpus {
        let message = format!(
            "is {}, but the first input is {}: one run writes one kind of output (use --format)",
            input.format,
            if corpus { "jsonl or wet" } else { "text" }
        );
        return Err(Failure::at(
            &input.name,
            Error::from(io::Error::other(message)),
        ));
    }
    Ok(input)
}

/// Counts lines and documents for the progress line of the text format.
struct Ticking<'p, S> {
    inner: S,
    progress: &'p mut Progress,
    lines: u64,
    documents: u64,
}

impl<'p, S> Ticking<'p, S> {
    fn new(inner: S, progress: &'p mut Progress, documents: u64) -> Ticking<'p, S> {
        Ticking {
            inner,
            progress,
            lines: 0,
            documents,
        }
    }
}

impl<S: Sink> Sink for Ticking<'_, S> {
    fn line(&mut self, line: &LineOutcome<'_>) -> io::Result<()> {
        self.lines += 1;
        if self.lines % 4096 == 0 {
            self.progress.tick(self.documents);
        }
        self.inner.line(line)
    }
    fn end_document(&mut self) -> io::Result<()> {
        self.documents += 1;
        self.progress.tick(self.documents);
        self.inner.end_document()
    }
}

fn run_text(
    args: &Args,
    cleaner: &Cleaner,
    files: &[PathBuf],
    first: Input,
    output: &mut Output,
    progress: &mut Progress,
) -> Result<(), Failure> {
    let mut stats = Stats::default();
    // Statistics cost a map look-up per line: gathered only when asked for.
    let want_stats = args.stats.is_some();
    let mut documents = 0;
    let mut result = Ok(());
    let mut input = Some(first);
    // Text is cleaned on one thread unless told otherwise: more threads
    // hold more documents at once (see `deboil::threaded`).
    let text_threads = args.threads.unwrap_or(1);
    for path in files {
        let current = match input.take() {
            Some(current) => current,
            None => match next_input(args, path, false, progress) {
                Ok(current) => current,
                Err(f) => {
                    result = Err(f);
                    break;
                }
            },
        };
        let run = if text_threads != 1 {
            let mut on_threads = OnThreads {
                explain: args.explain,
                output: &mut *output,
                stats: want_stats.then_some(&mut stats),
                progress: &mut *progress,
                documents: &mut documents,
            };
            on_threads.run(cleaner, current.reader, text_threads)
        } else if args.explain {
            let mut sink = Ticking::new(
                Tee(Explain::new(&mut *output), want_stats.then_some(&mut stats)),
                progress,
                documents,
            );
            let r = cleaner.run(current.reader, &mut sink);
            documents = sink.documents;
            r
        } else {
            let mut sink = Ticking::new(
                Tee(
                    KeptText::new(&mut *output),
                    want_stats.then_some(&mut stats),
                ),
                progress,
                documents,
            );
            let r = cleaner.run(current.reader, &mut sink);
            documents = sink.documents;
            r
        };
        if let Err(error) = run {
            result = Err(output.failure(&current.name, error));
            break;
        }
    }
    if result.is_ok() {
        if let Err(e) = output.flush() {
            result = Err(output.failure("", e.into()));
        }
    }
    progress.clear();
    match args.stats.as_deref() {
        Some("json") => {
            let _ = writeln!(io::stderr().lock(), "{}", text_stats_json(&stats));
        }
        Some(_) => {
            let _ = stats.write_table(io::stderr().lock());
        }
        None => {}
    }
    result
}

/// What a worker thread keeps of a document for the text format: the
/// clean text or the listing, the statistics when asked for, and the
/// number of documents.
struct TextPart {
    out: TextOut,
    stats: Option<Stats>,
    documents: u64,
}

enum TextOut {
    Kept(KeptText<Vec<u8>>),
    Explained(Explain<Vec<u8>>),
}

impl TextOut {
    fn bytes(&self) -> &[u8] {
        match self {
            TextOut::Kept(k) => k.get_ref(),
            TextOut::Explained(e) => e.get_ref(),
        }
    }
}

impl Sink for TextPart {
    fn line(&mut self, line: &LineOutcome<'_>) -> io::Result<()> {
        match &mut self.out {
            TextOut::Kept(k) => k.line(line)?,
            TextOut::Explained(e) => e.line(line)?,
        }
        self.stats.line(line)
    }
    fn end_document(&mut self) -> io::Result<()> {
        self.documents += 1;
        self.stats.end_document()
    }
}

impl deboil::threaded::Collect for TextPart {
    fn held_bytes(&self) -> usize {
        self.out.bytes().len()
    }
}

/// The text format on several threads: the same output, statistics and
/// progress as on one.
struct OnThreads<'a> {
    explain: bool,
    output: &'a mut Output,
    stats: Option<&'a mut Stats>,
    progress: &'a mut Progress,
    documents: &'a mut u64,
}

impl OnThreads<'_> {
    fn run(
        &mut self,
        cleaner: &Cleaner,
        reader: impl io::Read + Send,
        threads: usize,
    ) -> Result<deboil::Summary, Error> {
        let (explain, want_stats) = (self.explain, self.stats.is_some());
        let make = || TextPart {
            out: if explain {
                TextOut::Explained(Explain::new(Vec::new()))
            } else {
                TextOut::Kept(KeptText::new(Vec::new()))
            },
            stats: want_stats.then(Stats::default),
            documents: 0,
        };
        cleaner.run_threads(reader, threads, make, |part| {
            self.output.write_all(part.out.bytes())?;
            if let (Some(all), Some(stats)) = (self.stats.as_deref_mut(), part.stats) {
                all.absorb(stats);
            }
            *self.documents += part.documents;
            self.progress.tick(*self.documents);
            Ok(())
        })
    }
}

fn text_stats_json(stats: &Stats) -> String {
    let (kl, kb, dl, db) = stats.totals();
    let mut removed = serde_json::Map::new();
    let mut kept = serde_json::Map::new();
    for (code, c) in &stats.by_reason {
        let v = serde_json::json!({"lines": c.lines, "bytes": c.bytes});
        if c.kept {
            kept.insert(code.clone(), v);
        } else {
            removed.insert(code.clone(), v);
        }
    }
    let v = serde_json::json!({
        "format": "text",
        "documents": stats.documents,
        "lines": kl + dl,
        "lines_removed": dl,
        "bytes": kb + db,
        "bytes_removed": db,
        "removed": removed,
        "kept": kept,
    });
    serde_json::to_string_pretty(&v).expect("a value serialises")
}

/// Reports invalid records and draws progress for a corpus run.
struct CorpusObserver<'p> {
    progress: &'p mut Progress,
    /// Documents of the inputs before this one.
    base: u64,
    reported: u64,
}

/// Invalid records reported one by one; past this, only counted.
const REPORT_INVALID: u64 = 20;

impl Observer for CorpusObserver<'_> {
    fn progress(&mut self, summary: &CorpusSummary) {
        self.progress.tick(self.base + summary.records);
    }

    fn invalid(&mut self, error: &Error) {
        self.reported += 1;
        if self.reported <= REPORT_INVALID {
            self.progress.message(&format!("deboil: skipped: {error}"));
        } else if self.reported == REPORT_INVALID + 1 {
            self.progress
                .message("deboil: skipped: (further invalid records are counted, not shown)");
        }
    }
}

fn run_corpus(
    args: &Args,
    cleaner: Cleaner,
    files: &[PathBuf],
    first: Input,
    output: &mut Output,
    progress: &mut Progress,
    start: Instant,
) -> Result<(), Failure> {
    let options = CorpusOptions {
        field: args
            .field
            .clone()
            .unwrap_or_else(|| "text".parse().expect("a valid path")),
        stats_field: args.stats_field.clone(),
        empty: args.empty,
        skip_invalid: args.skip_invalid,
        threads: args.threads.unwrap_or(0),
        ..CorpusOptions::default()
    };
    let corpus = CorpusCleaner::new(cleaner, options).map_err(Failure::bare)?;
    let threads = deboil::parallel::Ordered::new(corpus.options().threads).threads();
    let mut total = CorpusSummary::default();
    let mut formats: Vec<String> = Vec::new();
    let mut observer = CorpusObserver {
        progress,
        base: 0,
        reported: 0,
    };
    let mut result = Ok(());
    let mut input = Some(first);
    for path in files {
        let current = match input.take() {
            Some(current) => current,
            None => match next_input(args, path, true, observer.progress) {
                Ok(current) => current,
                Err(f) => {
                    result = Err(f);
                    break;
                }
            },
        };
        if !formats.contains(&current.format.to_string()) {
            formats.push(current.format.to_string());
        }
        match corpus.run(
            current.format,
            &current.name,
            current.reader,
            output,
            &mut observer,
        ) {
            Ok(summary) => {
                total.merge(&summary);
                observer.base += summary.records;
            }
            Err(error) => {
                result = Err(output.failure(&current.name, error));
                break;
            }
        }
    }
    if result.is_ok() {
        if let Err(e) = output.flush() {
            result = Err(output.failure("", e.into()));
        }
    }
    observer.progress.clear();
    if total.invalid > 0 {
        let _ = writeln!(
            io::stderr().lock(),
            "deboil: skipped {} invalid records",
            total.invalid
        );
    }
    if args.stats.is_some() {
        let mut v = serde_json::json!({
            "format": formats.join(","),
            "files": files.len(),
            "threads": threads,
            "seconds": (start.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
            "input_bytes": observer.progress.bytes.load(std::sync::atomic::Ordering::Relaxed),
        });
        if let (Some(map), serde_json::Value::Object(rest)) = (v.as_object_mut(), total.to_json()) {
            map.extend(rest);
        }
        let _ = writeln!(
            io::stderr().lock(),
            "{}",
            serde_json::to_string_pretty(&v).expect("a value serialises")
        );
    }
    result
}

fn list_reasons(cleaner: &Cleaner) -> io::Result<()> {
    let mut out = io::stdout().lock();
    for (family, name, meaning) in deboil::reason::CONTEXT_REASONS {
        writeln!(out, "{family}.{name:<24} {meaning}")?;
    }
    let n = deboil::reason::CONTEXT_REASONS.len();
    for r in &cleaner.reasons()[n..] {
        writeln!(out, "{:<32} rule", r.code())?;
    }
    Ok(())
}
