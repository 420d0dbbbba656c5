//! Where decisions go. The cleaner pushes every line, with its decision, to
//! a [`Sink`]; writing the clean text, `--explain` output and statistics are
//! all sinks.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::reason::Reason;

/// Which part of a line an outcome carries. Lines longer than the line cap
/// are passed on in pieces as they stream through; a line glued together
/// from several texts (see [`crate::glue`]) is passed on as its units, each
/// with its own decision, then its terminator; every other line is
/// [`Piece::Whole`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece {
    /// The whole line.
    Whole,
    /// The first piece of a long line.
    First,
    /// A middle piece of a long line.
    Middle,
    /// The last piece of a long line (holds its terminator, if any).
    Last,
    /// One unit of a glued line, decided on its own, without terminator.
    Unit {
        /// The line's first unit.
        first: bool,
    },
    /// A line break that is not in the input, written (as kept) between
    /// two kept units of a glued line when
    /// [`Glue::Break`](crate::cleaner::Glue::Break) asks for it, or
    /// [`Glue::Auto`](crate::cleaner::Glue::Auto) (the default) in a
    /// document glued throughout.
    Break,
    /// The terminator of a glued line (possibly empty), kept when any of
    /// its units is.
    End,
}

impl Piece {
    /// True for the first (or only) piece of a line: the place to count it.
    pub fn starts_line(self) -> bool {
        matches!(
            self,
            Piece::Whole | Piece::First | Piece::Unit { first: true }
        )
    }

    /// True for a piece decided on its own: a whole line or a unit of a
    /// glued line.
    pub fn is_decided(self) -> bool {
        matches!(self, Piece::Whole | Piece::First | Piece::Unit { .. })
    }

    /// True for bytes that are in the input (all but [`Piece::Break`]).
    pub fn from_input(self) -> bool {
        self != Piece::Break
    }
}

/// One line (or piece of a long line) and the decision made for it.
#[derive(Clone, Copy, Debug)]
pub struct LineOutcome<'a> {
    /// 1-based number of the line in the input stream.
    pub number: u64,
    /// The line's original bytes, terminator included.
    pub bytes: &'a [u8],
    /// Whether the line is kept.
    pub kept: bool,
    /// Why.
    pub reason: &'a Reason,
    /// True when the line's document was larger than the document cap, so
    /// the decision was made within a window of the document.
    pub windowed: bool,
    /// Which part of the line `bytes` is.
    pub piece: Piece,
}

/// Receives every line of the input, in order, with its decision.
pub trait Sink {
    /// Called once per line (or per piece of an over-long line).
    ///
    /// # Errors
    ///
    /// An I/O error stops the cleaner, which returns it.
    fn line(&mut self, line: &LineOutcome<'_>) -> io::Result<()>;

    /// Called at the end of every document.
    ///
    /// # Errors
    ///
    /// An I/O error stops the cleaner, which returns it.
    fn end_document(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<S: Sink + ?Sized> Sink for &mut S {
    fn line(&mut self, line: &LineOutcome<'_>) -> io::Result<()> {
        (**self).line(line)
    }
    fn end_document(&mut self) -> io::Result<()> {
        (**self).end_document()
    }
}

/// A sink that may be absent: `None` receives nothing, at no cost.
impl<S: Sink> Sink for Option<S> {
    fn line(&mut self, line: &LineOutcome<'_>) -> io::Result<()> {
        match self {
            Some(sink) => sink.line(line),
            None => Ok(()),
        }
    }
    fn end_document(&mut self) -> io::Result<()> {
        match self {
            Some(sink) => sink.end_document(),
            None => Ok(()),
        }
    }
}

/// Writes the kept lines' bytes: the clean text.
#[derive(Debug)]
pub struct KeptText<W> {
    out: W,
}

impl<W: Write> KeptText<W> {
    /// Writes kept lines to `out`.
    pub fn new(out: W) -> KeptText<W> {
        KeptText { out }
    }

    /// The writer.
    pub fn get_ref(&self) -> &W {
        &self.out
    }

    /// The writer back.
    pub fn into_inner(self) -> W {
        self.out
    }

    /// Flushes the writer.
    ///
    /// # Errors
    ///
    /// Errors from the writer.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

impl<W: Write> Sink for KeptText<W> {
    fn line(&mut self, line: &LineOutcome<'_>) -> io::Result<()> {
        if line.kept {
            self.out.write_all(line.bytes)?;
        }
        Ok(())
    }
}

/// Writes every line with its decision: `+` or `-`, the reason code, and
/// the line's text.
///
/// ```text
/// - icons.glued-labels        | icon bookmark-bicon bookmarkicon …
/// + content.text              | Poland wants NATO to move more troops…
/// ```
///
/// Lines decided within a window of an over-large document are marked
/// with `~` after the sign. Each unit of a glued line gets its own row;
/// the rows of a line's second and later units start with `^` after the
/// bar.
#[derive(Debug)]
pub struct Explain<W> {
    out: W,
}

impl<W: Write> Explain<W> {
    /// Writes the explanation to `out`.
    pub fn new(out: W) -> Explain<W> {
        Explain { out }
    }

    /// The writer.
    pub fn get_ref(&self) -> &W {
        &self.out
    }

    /// The writer back.
    pub fn into_inner(self) -> W {
        self.out
    }

    /// Flushes the writer.
    ///
    /// # Errors
    ///
    /// Errors from the writer.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

impl<W: Write> Sink for Explain<W> {
    fn line(&mut self, line: &LineOutcome<'_>) -> io::Result<()> {
        if matches!(line.piece, Piece::Break | Piece::End) {
            return Ok(());
        }
        if line.piece.is_decided() {
            let sign = if line.kept { '+' } else { '-' };
            let window = if line.windowed { '~' } else { ' ' };
            let joined = if line.piece == (Piece::Unit { first: false }) {
                '^'
            } else {
                ' '
            };
            write!(
                self.out,
                "{sign}{window}{:<27} |{joined}",
                line.reason.code()
            )?;
        }
        let (content, terminator) = crate::lines::split_terminator(line.bytes);
        self.out.write_all(content)?;
        if !terminator.is_empty()
            || matches!(line.piece, Piece::Whole | Piece::Last | Piece::Unit { .. })
        {
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// Lines and bytes counted per reason.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Per reason code: `(kept, lines, bytes)`.
    pub by_reason: BTreeMap<String, ReasonCount>,
    /// Documents seen.
    pub documents: u64,
}

/// How often one reason was given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReasonCount {
    /// Whether lines with this reason were kept.
    pub kept: bool,
    /// Lines.
    pub lines: u64,
    /// Bytes, terminators included.
    pub bytes: u64,
}

impl Stats {
    /// Totals: `(lines kept, bytes kept, lines dropped, bytes dropped)`.
    pub fn totals(&self) -> (u64, u64, u64, u64) {
        let mut t = (0, 0, 0, 0);
        for c in self.by_reason.values() {
            if c.kept {
                t.0 += c.lines;
                t.1 += c.bytes;
            } else {
                t.2 += c.lines;
                t.3 += c.bytes;
            }
        }
        t
    }

    /// Writes a table of the counts, most frequent reason first.
    ///
    /// # Errors
    ///
    /// Errors from `out`.
    pub fn write_table<W: Write>(&self, mut out: W) -> io::Result<()> {
        let mut rows: Vec<_> = self.by_reason.iter().collect();
        rows.sort_by(|a, b| b.1.lines.cmp(&a.1.lines).then(a.0.cmp(b.0)));
        writeln!(out, "{:<6} {:>10} {:>12}  reason", "", "lines", "bytes")?;
        for (code, c) in rows {
            let what = if c.kept { "kept" } else { "drop" };
            writeln!(out, "{what:<6} {:>10} {:>12}  {code}", c.lines, c.bytes)?;
        }
        let (kl, kb, dl, db) = self.totals();
        writeln!(out, "{:<6} {kl:>10} {kb:>12}  (all kept)", "total")?;
        writeln!(out, "{:<6} {dl:>10} {db:>12}  (all dropped)", "total")?;
        writeln!(out, "documents: {}", self.documents)
    }

    /// Adds the counts of `other` (statistics of another part of the
    /// input) to these.
    pub fn absorb(&mut self, other: Stats) {
        for (code, count) in other.by_reason {
            let entry = self.by_reason.entry(code).or_default();
            entry.kept = count.kept;
            entry.lines += count.lines;
            entry.bytes += count.bytes;
        }
        self.documents += other.documents;
    }
}

impl Sink for Stats {
    fn line(&mut self, line: &LineOutcome<'_>) -> io::Result<()> {
        let entry = match self.by_reason.get_mut(line.reason.code()) {
            Some(e) => e,
            None => self
                .by_reason
                .entry(line.reason.code().to_string())
                .or_default(),
        };
        entry.kept = line.kept;
        // Units of a glued line count as lines of their own.
        if line.piece.is_decided() {
            entry.lines += 1;
        }
        entry.bytes += line.bytes.len() as u64;
        Ok(())
    }

    fn end_document(&mut self) -> io::Result<()> {
        self.documents += 1;
        Ok(())
    }
}

/// Sends every line to two sinks.
#[derive(Debug)]
pub struct Tee<A, B>(pub A, pub B);

impl<A: Sink, B: Sink> Sink for Tee<A, B> {
    fn line(&mut self, line: &LineOutcome<'_>) -> io::Result<()> {
        self.0.line(line)?;
        self.1.line(line)
    }
    fn end_document(&mut self) -> io::Result<()> {
        self.0.end_document()?;
        self.1.end_document()
    }
}
