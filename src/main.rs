//! The `deboil` command: a stdin→stdout filter that strips scraper residue.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use deboil::sink::{Explain, KeptText, Stats, Tee};
use deboil::{Cleaner, Error, Sink};

/// Strip scraper residue (menus, share bars, cookie banners, ads, bylines,
/// player and icon labels, footers) from web-page text; keep the main text.
#[derive(Parser, Debug)]
#[command(
    name = "deboil",
    version,
    about = "Strip scraper residue from web-page text; keep the main text byte for byte.",
    after_help = "Reads FILES or standard input, writes the kept lines to standard output.\nExit status: 0 on success (also when every line is dropped), 2 on error."
)]
struct Args {
    /// Input files ('-' or none: standard input)
    files: Vec<PathBuf>,

    /// Print every line with its decision (+ kept, - dropped) and reason
    #[arg(long)]
    explain: bool,

    /// Print lines and bytes per reason to standard error
    #[arg(long)]
    stats: bool,

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
    #[arg(long, value_name = "MODE", default_value = "balanced", value_parser = parse_mode)]
    mode: deboil::Mode,

    /// For experts: drop lines scoring under this threshold (0 to 1)
    #[arg(long, value_name = "X")]
    threshold: Option<f32>,

    /// List every reason code with its meaning, then exit
    #[arg(long)]
    list_reasons: bool,
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

fn build(args: &Args) -> Result<Cleaner, Error> {
    let mut builder = Cleaner::builder();
    for path in &args.rules {
        builder.rules_file(path);
    }
    builder.builtin_rules(!args.no_builtin_rules);
    if args.doc_separator == "none" {
        builder.document_separator(None);
    } else {
        builder.document_separator(Some(&unescape(&args.doc_separator)));
    }
    builder.mode(args.mode);
    if let Some(t) = args.threshold {
        builder.threshold(t);
    }
    if let Some(cap) = args.doc_cap {
        builder.document_cap(cap);
    }
    builder.build()
}

fn run(args: &Args) -> Result<(), Failure> {
    let cleaner = build(args).map_err(|error| Failure {
        what: String::new(),
        error,
    })?;
    if args.list_reasons {
        return list_reasons(&cleaner).map_err(|e| Failure {
            what: String::new(),
            error: e.into(),
        });
    }
    let stdout = io::stdout();
    let out: Box<dyn Write> = if stdout.is_terminal() {
        Box::new(io::LineWriter::new(stdout.lock()))
    } else {
        Box::new(BufWriter::with_capacity(128 * 1024, stdout.lock()))
    };
    let mut stats = Stats::default();
    let result = if args.explain {
        clean_all(args, &cleaner, Tee(Explain::new(out), &mut stats))
    } else {
        clean_all(args, &cleaner, Tee(KeptText::new(out), &mut stats))
    };
    if args.stats {
        let _ = stats.write_table(io::stderr().lock());
    }
    result
}

trait Flush {
    fn flush_out(&mut self) -> io::Result<()>;
}

impl<W: Write, B> Flush for Tee<KeptText<W>, B> {
    fn flush_out(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl<W: Write, B> Flush for Tee<Explain<W>, B> {
    fn flush_out(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

fn clean_all<S: Sink + Flush>(args: &Args, cleaner: &Cleaner, mut sink: S) -> Result<(), Failure> {
    let stdin_only = [PathBuf::from("-")];
    let files = if args.files.is_empty() {
        &stdin_only[..]
    } else {
        &args.files[..]
    };
    for path in files {
        let name = if path.as_os_str() == "-" {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        };
        let fail = |error: Error| Failure {
            what: if error.is_broken_pipe() {
                String::new()
            } else {
                format!("{name}: ")
            },
            error,
        };
        let input: Box<dyn Read> = if path.as_os_str() == "-" {
            Box::new(io::stdin().lock())
        } else {
            Box::new(File::open(path).map_err(|e| fail(e.into()))?)
        };
        cleaner.run(input, &mut sink).map_err(fail)?;
    }
    sink.flush_out().map_err(|e| Failure {
        what: String::new(),
        error: e.into(),
    })
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
