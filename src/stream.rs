//! The streaming engine: reads input in chunks into one document buffer,
//! splits lines with memchr, hands whole documents (or windows of an
//! over-large one) to the decision stage, and emits the outcomes in order.
//!
//! # Memory
//!
//! The buffer holds at most one document window:
//! [`CleanerBuilder::document_cap`](crate::CleanerBuilder::document_cap)
//! bytes (8 MiB by default) or
//! [`CleanerBuilder::window_lines`](crate::CleanerBuilder::window_lines)
//! lines, plus one partial line of at most
//! [`CleanerBuilder::line_cap`](crate::CleanerBuilder::line_cap) bytes
//! (1 MiB) and one read chunk. The last [`WINDOW_OVERLAP`] lines of a full
//! window are carried into the next one, so that every line is decided
//! with context on both sides (a window never ends between the units of
//! a glued line, see [`crate::glue`]). A longer line is not buffered: it
//! is kept (`content.long-line`) and streamed through in pieces, never
//! split at glue joins. Blank lines
//! waiting for their neighbours are held in a queue of at most
//! [`QUEUE_BYTES`]. Peak memory is therefore bounded by the configuration,
//! whatever the input size.

use std::io::{self, Read};
use std::ops::Range;

use crate::cleaner::{Config, Glue, Inner};
use crate::decide::{self, LineRec, Scratch};
use crate::error::Error;
use crate::reason::{self, ReasonId};
use crate::sink::{LineOutcome, Piece, Sink};

/// Bytes read from the input at a time.
pub(crate) const CHUNK: usize = 64 * 1024;

/// Most bytes of lines the emitter holds while it waits to learn whether a
/// run of blank lines sits between two kept lines. Past this, the blank
/// lines are dropped and the queue is flushed.
pub const QUEUE_BYTES: usize = 64 * 1024;

/// Lines at the end of a full window that are carried over, undecided, to
/// the start of the next one.
pub const WINDOW_OVERLAP: usize = 64;

/// What a run of [`Cleaner::run`](crate::Cleaner::run) saw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Documents (separated by separator lines) that held at least one
    /// line.
    pub documents: u64,
    /// Documents larger than the document cap, decided in windows.
    pub windowed_documents: u64,
    /// Lines read (separator lines included).
    pub lines: u64,
    /// Lines kept (separator lines included).
    pub lines_kept: u64,
    /// Bytes read.
    pub bytes_in: u64,
    /// Bytes kept.
    pub bytes_kept: u64,
}

impl Summary {
    /// Adds another run's counts to these (a part of the input cleaned
    /// apart, as on several threads).
    pub fn merge(&mut self, other: &Summary) {
        self.documents += other.documents;
        self.windowed_documents += other.windowed_documents;
        self.lines += other.lines;
        self.lines_kept += other.lines_kept;
        self.bytes_in += other.bytes_in;
        self.bytes_kept += other.bytes_kept;
    }
}

/// True when `line` (with its terminator, if any) is the document
/// separator `separator`: the one test of a separator line, shared with
/// the cutting of the input for several threads.
pub(crate) fn is_separator_line(line: &[u8], separator: &[u8]) -> bool {
    crate::lines::without_terminator(line) == separator
}

/// The streaming state of one run.
pub(crate) struct Engine<'c> {
    inner: &'c Inner,
    buf: Vec<u8>,
    /// `buf[..consumed]` is decided and written: it is dropped when the
    /// buffer is next filled ([`Engine::compact`]), in one move of the
    /// bytes after it, rather than at the end of each document (documents
    /// are often smaller than a read, and each end moved the rest of the
    /// read).
    consumed: usize,
    lines: Vec<LineRec>,
    scratch: Scratch,
    emitter: Emitter,
    summary: Summary,
    /// The current document has been split into windows.
    windowed: bool,
    /// The current document has at least one line.
    doc_open: bool,
}

impl<'c> Engine<'c> {
    pub(crate) fn new(inner: &'c Inner) -> Engine<'c> {
        Engine {
            inner,
            buf: Vec::new(),
            consumed: 0,
            lines: Vec::new(),
            scratch: Scratch::default(),
            emitter: Emitter::default(),
            summary: Summary::default(),
            windowed: false,
            doc_open: false,
        }
    }

    fn config(&self) -> &Config {
        &self.inner.config
    }

    pub(crate) fn run<R: Read, S: Sink>(
        &mut self,
        mut reader: R,
        sink: &mut S,
    ) -> Result<Summary, Error> {
        // An engine may run again (one document after another): each run
        // counts its own.
        self.summary = Summary::default();
        self.compact();
        // `buf[consumed..scan]` holds complete lines, recorded in
        // `self.lines`.
        let mut scan = 0usize;
        loop {
            while let Some(i) = memchr::memchr(b'\n', &self.buf[scan..]) {
                let end = scan + i + 1;
                if self.is_separator(&self.buf[scan..end]) {
                    self.flush(sink, scan, true)?;
                    self.emit_separator(sink, scan..end)?;
                    self.consumed = end;
                    scan = end;
                    continue;
                }
                self.record(scan, end);
                scan = end;
                if scan - self.consumed >= self.config().document_cap
                    || self.lines.len() >= self.config().window_lines
                {
                    self.windowed = true;
                    scan = self.flush_window(sink, scan)?;
                }
            }
            if self.buf.len() - scan > self.config().line_cap {
                self.windowed = true;
                self.flush(sink, scan, false)?;
                // The long line starts the buffer.
                self.compact();
                self.stream_long_line(&mut reader, sink)?;
                scan = 0;
                continue;
            }
            scan -= self.compact();
            if self.fill(&mut reader)? == 0 {
                let len = self.buf.len();
                if len > scan {
                    self.record(scan, len);
                }
                self.flush(sink, len, true)?;
                self.compact();
                return Ok(self.summary);
            }
        }
    }

    /// Drops the consumed bytes from the buffer; the recorded lines (of
    /// the document not yet decided) move with the rest. Returns how far
    /// everything moved.
    fn compact(&mut self) -> usize {
        let shift = self.consumed;
        if shift > 0 {
            self.buf.drain(..shift);
            for line in &mut self.lines {
                line.start -= shift;
                line.end -= shift;
            }
            self.consumed = 0;
        }
        shift
    }

    fn is_separator(&self, line: &[u8]) -> bool {
        self.config()
            .separator
            .as_deref()
            .is_some_and(|sep| is_separator_line(line, sep))
    }

    fn record(&mut self, start: usize, end: usize) {
        let split = self.inner.config.glue != Glue::Lines;
        decide::push_units(&self.buf, start, end, split, &mut self.lines);
        self.doc_open = true;
    }

    /// Reads one chunk; returns the number of bytes read.
    fn fill<R: Read>(&mut self, reader: &mut R) -> Result<usize, Error> {
        let len = self.buf.len();
        if self.buf.capacity() - len < CHUNK {
            // Grow by doubling, but never past the configured bound.
            let bound = self.config().buffer_bound();
            let want = (self.buf.capacity() * 2).clamp(CHUNK, bound.max(len + CHUNK));
            self.buf.reserve_exact(want - len);
        }
        self.buf.resize(len + CHUNK, 0);
        let n = loop {
            match reader.read(&mut self.buf[len..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.buf.truncate(len);
                    return Err(e.into());
                }
            }
        };
        self.buf.truncate(len + n);
        self.summary.bytes_in += n as u64;
        Ok(n)
    }

    /// Decides and emits the recorded lines, which end at `upto`, and marks
    /// their bytes consumed. With `end_of_document`, also closes the
    /// document.
    fn flush<S: Sink>(
        &mut self,
        sink: &mut S,
        upto: usize,
        end_of_document: bool,
    ) -> Result<(), Error> {
        self.decide_and_emit(sink, self.lines.len())?;
        self.lines.clear();
        self.consumed = upto;
        if end_of_document {
            let mut out = Out {
                inner: self.inner,
                summary: &mut self.summary,
                sink,
            };
            self.emitter.end(&mut out)?;
            if self.doc_open {
                self.summary.documents += 1;
                self.summary.windowed_documents += self.windowed as u64;
                sink.end_document()?;
            }
            self.doc_open = false;
            self.windowed = false;
        }
        Ok(())
    }

    /// Decides the recorded lines of a full window, emits all but the last
    /// [`WINDOW_OVERLAP`] of them, and keeps those to be decided again at
    /// the start of the next window, so that no line is decided without
    /// context on both sides. Returns the new end of the recorded lines.
    fn flush_window<S: Sink>(&mut self, sink: &mut S, upto: usize) -> Result<usize, Error> {
        let carry = WINDOW_OVERLAP.min(self.lines.len() / 2);
        let mut emit = self.lines.len() - carry;
        // Windows end between lines, never between the units of one line.
        while emit > 0 && self.lines[emit].joined_prev {
            emit -= 1;
        }
        if emit == 0 {
            emit = self.lines.len() - carry;
            while emit < self.lines.len() && self.lines[emit].joined_prev {
                emit += 1;
            }
        }
        self.decide_and_emit(sink, emit)?;
        let cut = self.lines.get(emit).map_or(upto, |l| l.start);
        self.lines.drain(..emit);
        for line in &mut self.lines {
            *line = line.reset(cut);
        }
        self.buf.drain(..cut);
        self.consumed = 0;
        Ok(upto - cut)
    }

    /// Decides every recorded line and emits the first `count`.
    fn decide_and_emit<S: Sink>(&mut self, sink: &mut S, count: usize) -> Result<(), Error> {
        decide::decide(
            &self.inner.rules,
            self.inner.decider(),
            self.inner.config.language,
            &self.buf,
            &mut self.lines,
            &mut self.scratch,
        );
        let mut out = Out {
            inner: self.inner,
            summary: &mut self.summary,
            sink,
        };
        let breaks = match self.inner.config.glue {
            Glue::Break => true,
            Glue::Auto => decide::glued_throughout(&self.lines),
            Glue::Units | Glue::Lines => false,
        };
        let mut i = 0;
        while i < count {
            let line = &self.lines[i];
            out.summary.lines += 1;
            if line.joined_next {
                let mut j = i + 1;
                while j < count && self.lines[j].joined_next {
                    j += 1;
                }
                let units = &self.lines[i..(j + 1).min(count)];
                self.emitter
                    .push_glued(&mut out, &self.buf, units, self.windowed, breaks)?;
                i = j + 1;
                continue;
            }
            let event = Event {
                blank: line.blank,
                keep: line.keep,
                reason: line.reason,
                windowed: self.windowed,
            };
            self.emitter
                .push(&mut out, &self.buf[line.start..line.end], event)?;
            i += 1;
        }
        Ok(())
    }

    fn emit_separator<S: Sink>(&mut self, sink: &mut S, range: Range<usize>) -> Result<(), Error> {
        self.summary.lines += 1;
        let mut out = Out {
            inner: self.inner,
            summary: &mut self.summary,
            sink,
        };
        let number = out.summary.lines;
        out.emit(number, &self.buf[range], true, reason::SEPARATOR, false)
    }

    /// Passes a line longer than the line cap through in pieces, keeping
    /// it; on return the buffer holds whatever followed the line.
    fn stream_long_line<R: Read, S: Sink>(
        &mut self,
        reader: &mut R,
        sink: &mut S,
    ) -> Result<(), Error> {
        self.doc_open = true;
        self.summary.lines += 1;
        let number = self.summary.lines;
        let mut out = Out {
            inner: self.inner,
            summary: &mut self.summary,
            sink: &mut *sink,
        };
        self.emitter.flush_queue(&mut out, Resolve::Keep)?;
        self.emitter.seen_kept = true;
        let mut piece = Piece::First;
        loop {
            let (bytes, done) = match memchr::memchr(b'\n', &self.buf) {
                Some(i) => (i + 1, true),
                None => (self.buf.len(), false),
            };
            if done && piece == Piece::First {
                piece = Piece::Whole;
            } else if done {
                piece = Piece::Last;
            }
            let mut out = Out {
                inner: self.inner,
                summary: &mut self.summary,
                sink: &mut *sink,
            };
            if bytes > 0 || done || piece == Piece::First {
                out.send(
                    number,
                    &self.buf[..bytes],
                    true,
                    reason::LONG_LINE,
                    true,
                    piece,
                )?;
                piece = Piece::Middle;
            }
            self.buf.drain(..bytes);
            if done {
                return Ok(());
            }
            if self.fill(reader)? == 0 {
                let mut out = Out {
                    inner: self.inner,
                    summary: &mut self.summary,
                    sink: &mut *sink,
                };
                return out.send(number, &[], true, reason::LONG_LINE, true, Piece::Last);
            }
        }
    }
}

/// A decided line on its way to the emitter.
#[derive(Clone, Copy, Debug)]
struct Event {
    blank: bool,
    keep: bool,
    reason: ReasonId,
    windowed: bool,
}

/// What becomes of the blank lines in the queue when it is flushed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Resolve {
    Keep,
    Drop,
}

#[derive(Clone, Debug)]
struct Queued {
    number: u64,
    bytes: Range<usize>,
    /// `None` for a blank line whose fate waits on the next kept line.
    decided: Option<(bool, ReasonId)>,
    windowed: bool,
    piece: Piece,
}

/// Resolves blank lines and keeps outcomes in input order.
///
/// Blank lines directly after a kept line wait. If the next content line is
/// kept, they are kept with it; if it is dropped, they keep waiting, and
/// blank lines after the dropped line are dropped. Blank lines before the
/// first kept line of a document, and those still waiting at its end, are
/// dropped. So paragraphs stay separated as they were, and residue leaves
/// no holes behind.
#[derive(Debug, Default)]
struct Emitter {
    seen_kept: bool,
    closed: bool,
    queue: Vec<Queued>,
    bytes: Vec<u8>,
}

impl Emitter {
    fn push<S: Sink>(
        &mut self,
        out: &mut Out<'_, S>,
        bytes: &[u8],
        event: Event,
    ) -> Result<(), Error> {
        let number = out.summary.lines;
        let windowed = event.windowed;
        if event.blank {
            if !self.seen_kept {
                return out.emit(number, bytes, false, reason::BLANK_DROPPED, windowed);
            }
            let decided = self.closed.then_some((false, reason::BLANK_DROPPED));
            return self.enqueue_piece(out, number, bytes, decided, windowed, Piece::Whole);
        }
        if event.keep {
            self.flush_queue(out, Resolve::Keep)?;
            self.seen_kept = true;
            return out.emit(number, bytes, true, event.reason, windowed);
        }
        if !self.queue.is_empty() {
            self.closed = true;
        }
        self.drop_piece(out, number, bytes, event.reason, windowed, Piece::Whole)
    }

    /// Pushes the units of one glued line (decided one by one). The line
    /// counts as kept when any unit is: the kept units' bytes are written,
    /// then the line's terminator; with `breaks`, a line break goes
    /// between two kept units.
    fn push_glued<S: Sink>(
        &mut self,
        out: &mut Out<'_, S>,
        buf: &[u8],
        units: &[LineRec],
        windowed: bool,
        breaks: bool,
    ) -> Result<(), Error> {
        let number = out.summary.lines;
        let Some(last) = units.last() else {
            return Ok(());
        };
        let (_, terminator) = crate::lines::split_terminator(&buf[last.start..last.end]);
        let content_end = last.end - terminator.len();
        let kept = units.iter().rev().find(|u| u.keep);
        let end_reason = kept.map_or(last.reason, |u| u.reason);
        let content = |k: usize| {
            let u = &units[k];
            &buf[u.start..if k + 1 == units.len() {
                content_end
            } else {
                u.end
            }]
        };
        if kept.is_some() {
            self.flush_queue(out, Resolve::Keep)?;
            self.seen_kept = true;
            let mut any = false;
            for (k, u) in units.iter().enumerate() {
                if breaks && any && u.keep {
                    let bytes: &[u8] = if terminator.is_empty() {
                        b"\n"
                    } else {
                        terminator
                    };
                    out.send(number, bytes, true, u.reason, windowed, Piece::Break)?;
                }
                let piece = Piece::Unit { first: k == 0 };
                out.send(number, content(k), u.keep, u.reason, windowed, piece)?;
                any |= u.keep;
            }
            return out.send(number, terminator, true, end_reason, windowed, Piece::End);
        }
        if !self.queue.is_empty() {
            self.closed = true;
        }
        for (k, u) in units.iter().enumerate() {
            let piece = Piece::Unit { first: k == 0 };
            self.drop_piece(out, number, content(k), u.reason, windowed, piece)?;
        }
        self.drop_piece(out, number, terminator, end_reason, windowed, Piece::End)
    }

    /// A dropped piece of a line: sent at once, or queued behind blank
    /// lines still waiting.
    fn drop_piece<S: Sink>(
        &mut self,
        out: &mut Out<'_, S>,
        number: u64,
        bytes: &[u8],
        why: ReasonId,
        windowed: bool,
        piece: Piece,
    ) -> Result<(), Error> {
        if self.queue.is_empty() {
            return out.send(number, bytes, false, why, windowed, piece);
        }
        self.enqueue_piece(out, number, bytes, Some((false, why)), windowed, piece)
    }

    fn enqueue_piece<S: Sink>(
        &mut self,
        out: &mut Out<'_, S>,
        number: u64,
        bytes: &[u8],
        decided: Option<(bool, ReasonId)>,
        windowed: bool,
        piece: Piece,
    ) -> Result<(), Error> {
        if self.bytes.len() + bytes.len() > QUEUE_BYTES {
            self.flush_queue(out, Resolve::Drop)?;
            let why = decided.map_or(reason::BLANK_DROPPED, |d| d.1);
            return out.send(number, bytes, false, why, windowed, piece);
        }
        let start = self.bytes.len();
        self.bytes.extend_from_slice(bytes);
        self.queue.push(Queued {
            number,
            bytes: start..self.bytes.len(),
            decided,
            windowed,
            piece,
        });
        Ok(())
    }

    fn flush_queue<S: Sink>(
        &mut self,
        out: &mut Out<'_, S>,
        resolve: Resolve,
    ) -> Result<(), Error> {
        for q in &self.queue {
            let (keep, why) = q.decided.unwrap_or(match resolve {
                Resolve::Keep => (true, reason::BLANK_KEPT),
                Resolve::Drop => (false, reason::BLANK_DROPPED),
            });
            out.send(
                q.number,
                &self.bytes[q.bytes.clone()],
                keep,
                why,
                q.windowed,
                q.piece,
            )?;
        }
        self.queue.clear();
        self.bytes.clear();
        self.closed = false;
        Ok(())
    }

    fn end<S: Sink>(&mut self, out: &mut Out<'_, S>) -> Result<(), Error> {
        self.flush_queue(out, Resolve::Drop)?;
        self.seen_kept = false;
        Ok(())
    }
}

/// Where outcomes go: the sink, with the run's totals kept up to date.
struct Out<'a, S> {
    inner: &'a Inner,
    summary: &'a mut Summary,
    sink: &'a mut S,
}

impl<S: Sink> Out<'_, S> {
    /// Sends one outcome (a piece of a line, or all of it) to the sink.
    fn send(
        &mut self,
        number: u64,
        bytes: &[u8],
        kept: bool,
        why: ReasonId,
        windowed: bool,
        piece: Piece,
    ) -> Result<(), Error> {
        if kept {
            let counts = matches!(piece, Piece::Whole | Piece::First | Piece::End);
            self.summary.lines_kept += counts as u64;
            self.summary.bytes_kept += bytes.len() as u64;
        }
        self.sink.line(&LineOutcome {
            number,
            bytes,
            kept,
            reason: self.inner.reason(why),
            windowed,
            piece,
        })?;
        Ok(())
    }

    /// Sends a whole line.
    fn emit(
        &mut self,
        number: u64,
        bytes: &[u8],
        kept: bool,
        why: ReasonId,
        windowed: bool,
    ) -> Result<(), Error> {
        self.send(number, bytes, kept, why, windowed, Piece::Whole)
    }
}
