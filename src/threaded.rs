//! Plain text cleaned on several threads, a document at a time, with the
//! output in input order and the same bytes as on one thread.
//!
//! ```text
//! reader ──documents──▶ worker 1 ─┐
//! (thread)              worker N ─┼──▶ in order ──▶ take (calling thread)
//!    │                            │
//!    └── a large document: the reader is lent to the calling thread,
//!        which cleans that document as one thread would, then lends it back
//! ```
//!
//! A document's decisions depend on its own lines only: the separator line
//! that ends it closes everything the stream engine keeps (see
//! [`stream`](crate::stream)). So the input is cut at separator lines, each
//! document is cleaned on its own by a worker's engine, and the results are
//! handed back in order ([`Ordered`]): the same bytes as one engine over the
//! whole stream.
//!
//! # Memory
//!
//! A document is handed to a worker whole only when it is at most
//! [`DOCUMENT_BYTES`] (or the document cap, when smaller). A larger one,
//! which one thread would decide in windows, is not held: when the reader
//! finds it, it lends the input to the calling thread, which cleans that
//! document with one engine, streaming, exactly as on one thread, and lends
//! the input back after its separator line. A worker hands back a
//! document's output whole (no larger than the document, or a few times
//! larger for a listing of every line); a large document's output is
//! handed to the caller in parts of about [`PART_BYTES`] (a part can
//! exceed it by one line). With `N` threads,
//! at most `4 N` batches of documents (each up to 512 KiB, plus the
//! document that fills it) are in flight, so memory is bounded by the
//! thread count and these sizes, whatever the input.

use std::io::{self, Read};
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};

use crate::cleaner::Inner;
use crate::error::Error;
use crate::parallel::Ordered;
use crate::sink::{Explain, KeptText, Sink, Stats, Tee};
use crate::stream::{CHUNK, Engine, Summary, is_separator_line};

/// The largest document handed to a worker whole; a larger one is
/// cleaned on the calling thread, streaming.
pub const DOCUMENT_BYTES: usize = 1 << 20;

/// A collecting sink is handed back once it holds this many bytes of
/// output, and at the end of each document.
pub const PART_BYTES: usize = 1 << 20;

/// Weight (in bytes) of a batch of documents, after which it is handed to
/// a worker.
const BATCH_BYTES: usize = 512 * 1024;

/// Documents in a batch at most.
const BATCH_DOCUMENTS: usize = 64;

/// A sink that keeps what it is given in memory, so that what a worker
/// thread wrote can be handed to the calling thread, in order (see
/// [`Cleaner::run_threads`](crate::Cleaner::run_threads)).
pub trait Collect: Sink + Send {
    /// Bytes of output held: a large document's output is handed back in
    /// parts once a sink holds [`PART_BYTES`].
    fn held_bytes(&self) -> usize;
}

impl Collect for KeptText<Vec<u8>> {
    fn held_bytes(&self) -> usize {
        self.get_ref().len()
    }
}

impl Collect for Explain<Vec<u8>> {
    fn held_bytes(&self) -> usize {
        self.get_ref().len()
    }
}

impl Collect for Stats {
    fn held_bytes(&self) -> usize {
        0
    }
}

impl<S: Collect> Collect for Option<S> {
    fn held_bytes(&self) -> usize {
        self.as_ref().map_or(0, Collect::held_bytes)
    }
}

impl<A: Collect, B: Collect> Collect for Tee<A, B> {
    fn held_bytes(&self) -> usize {
        self.0.held_bytes() + self.1.held_bytes()
    }
}

/// What the reader thread hands on.
enum Item {
    /// A whole document, its separator line included (the last document
    /// of the input may have none).
    Document(Vec<u8>),
    /// A document too large to hand on: the input has been lent to the
    /// calling thread, which cleans it.
    Large,
    /// Reading failed.
    Failed(io::Error),
}

/// What a worker hands back.
enum Done<C> {
    Document(C, Summary),
    Large,
    Failed(Error),
}

/// The input and the bytes read from it but not yet cleaned, lent between
/// the reader thread and the calling thread.
type Lent<R> = (R, Vec<u8>);

/// Cuts the input into documents at separator lines.
struct Splitter<R> {
    reader: Option<R>,
    separator: Vec<u8>,
    limit: usize,
    /// Bytes read: `buf[start..]` is the current document so far, and
    /// `buf[start..scan]` its complete lines, none a separator.
    buf: Vec<u8>,
    start: usize,
    scan: usize,
    eof: bool,
    lend: crossbeam_channel::Sender<Lent<R>>,
    back: crossbeam_channel::Receiver<Lent<R>>,
}

impl<R: Read> Splitter<R> {
    fn next_item(&mut self) -> Option<Item> {
        if self.reader.is_none() {
            // Lent out for a large document: wait until it comes back (or
            // the calling thread stopped, and dropped its end).
            let (reader, rest) = self.back.recv().ok()?;
            self.reader = Some(reader);
            (self.buf, self.start, self.scan) = (rest, 0, 0);
        }
        loop {
            while let Some(i) = memchr::memchr(b'\n', &self.buf[self.scan..]) {
                let end = self.scan + i + 1;
                let line = &self.buf[self.scan..end];
                self.scan = end;
                if is_separator_line(line, &self.separator) {
                    let document = self.buf[self.start..end].to_vec();
                    self.start = end;
                    return Some(Item::Document(document));
                }
            }
            if self.buf.len() - self.start > self.limit {
                let reader = self.reader.take()?;
                let rest = self.buf.split_off(self.start);
                (self.start, self.scan) = (0, 0);
                self.buf.clear();
                // The calling thread takes the input when it reaches
                // `Large`. Never blocks: one document at most is lent at a
                // time, and the receiving end lives as long as the run.
                return match self.lend.send((reader, rest)) {
                    Ok(()) => Some(Item::Large),
                    Err(_) => None,
                };
            }
            if self.eof {
                if self.start == self.buf.len() {
                    return None;
                }
                let document = self.buf[self.start..].to_vec();
                self.start = self.buf.len();
                return Some(Item::Document(document));
            }
            if self.start > 0 {
                self.buf.drain(..self.start);
                self.scan -= self.start;
                self.start = 0;
            }
            let len = self.buf.len();
            self.buf.resize(len + CHUNK, 0);
            let reader = self.reader.as_mut()?;
            let read = loop {
                match reader.read(&mut self.buf[len..]) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    other => break other,
                }
            };
            match read {
                Ok(n) => {
                    self.buf.truncate(len + n);
                    self.eof = n == 0;
                }
                Err(e) => {
                    // Nothing more is read or handed on after an error
                    // (the calling thread stops at it).
                    self.buf.clear();
                    (self.start, self.scan, self.eof) = (0, 0, true);
                    return Some(Item::Failed(e));
                }
            }
        }
    }
}

/// Reads the input up to the end of the first separator line (its
/// terminator included), or to the end of the input: one document, with
/// the bytes read past it kept for the reader thread.
struct OneDocument<R> {
    reader: R,
    /// Bytes read and not yet given: `buf[pos..]`.
    buf: Vec<u8>,
    pos: usize,
    watch: SeparatorWatch,
    /// The separator line has been given whole, or the input ended.
    done: bool,
}

/// Follows the lines of bytes given one piece after another, to find
/// where the first separator line ends.
struct SeparatorWatch {
    separator: Vec<u8>,
    /// The start of the current line, when it could still be the
    /// separator: its bytes so far (at most the separator and a CRLF).
    line: Vec<u8>,
    /// The current line is longer than a separator line can be.
    too_long: bool,
}

impl SeparatorWatch {
    /// How many of `bytes` (the next ones given) to give: up to the end
    /// of the separator line if it ends among them, all otherwise.
    fn through_separator(&mut self, bytes: &[u8]) -> (usize, bool) {
        let room = self.separator.len() + 2;
        let mut from = 0;
        for i in memchr::memchr_iter(b'\n', bytes) {
            let segment = &bytes[from..=i];
            let is_separator = !self.too_long && self.line.len() + segment.len() <= room && {
                self.line.extend_from_slice(segment);
                is_separator_line(&self.line, &self.separator)
            };
            self.line.clear();
            self.too_long = false;
            from = i + 1;
            if is_separator {
                return (from, true);
            }
        }
        let tail = &bytes[from..];
        if !self.too_long {
            if self.line.len() + tail.len() <= room {
                self.line.extend_from_slice(tail);
            } else {
                self.line.clear();
                self.too_long = true;
            }
        }
        (bytes.len(), false)
    }
}

impl<R: Read> OneDocument<R> {
    fn new(reader: R, head: Vec<u8>, separator: Vec<u8>) -> OneDocument<R> {
        OneDocument {
            reader,
            buf: head,
            pos: 0,
            watch: SeparatorWatch {
                separator,
                line: Vec::new(),
                too_long: false,
            },
            done: false,
        }
    }

    /// The input, and what was read past the document.
    fn into_rest(mut self) -> Lent<R> {
        self.buf.drain(..self.pos);
        (self.reader, self.buf)
    }
}

impl<R: Read> Read for OneDocument<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.done || out.is_empty() {
            return Ok(0);
        }
        if self.pos == self.buf.len() {
            self.buf.clear();
            self.pos = 0;
            self.buf.resize(CHUNK, 0);
            let n = loop {
                match self.reader.read(&mut self.buf) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        self.buf.clear();
                        return Err(e);
                    }
                    Ok(n) => break n,
                }
            };
            self.buf.truncate(n);
            if n == 0 {
                self.done = true;
                return Ok(0);
            }
        }
        let available = (self.buf.len() - self.pos).min(out.len());
        let (n, ended) = self
            .watch
            .through_separator(&self.buf[self.pos..self.pos + available]);
        self.done = ended;
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Hands the collected output to `take` whenever it holds [`PART_BYTES`],
/// so that a large document's output is not held whole.
struct Parts<'a, C, M, T> {
    current: C,
    make: &'a M,
    take: &'a mut T,
}

impl<C: Collect, M: Fn() -> C, T: FnMut(C) -> io::Result<()>> Parts<'_, C, M, T> {
    fn finish(self) -> io::Result<()> {
        (self.take)(self.current)
    }
}

impl<C: Collect, M: Fn() -> C, T: FnMut(C) -> io::Result<()>> Sink for Parts<'_, C, M, T> {
    fn line(&mut self, line: &crate::sink::LineOutcome<'_>) -> io::Result<()> {
        self.current.line(line)?;
        if self.current.held_bytes() >= PART_BYTES {
            let full = std::mem::replace(&mut self.current, (self.make)());
            (self.take)(full)?;
        }
        Ok(())
    }

    fn end_document(&mut self) -> io::Result<()> {
        self.current.end_document()
    }
}

/// Cleans `input` on one thread, handing the output to `take` in parts.
fn one_thread<R, C, M, T>(inner: &Inner, input: R, make: &M, take: &mut T) -> Result<Summary, Error>
where
    R: Read,
    C: Collect,
    M: Fn() -> C,
    T: FnMut(C) -> io::Result<()>,
{
    let mut parts = Parts {
        current: make(),
        make,
        take,
    };
    let summary = Engine::new(inner).run(input, &mut parts)?;
    parts.finish()?;
    Ok(summary)
}

/// See [`Cleaner::run_threads`](crate::Cleaner::run_threads).
pub(crate) fn run<R, C, M, T>(
    inner: &Inner,
    input: R,
    threads: usize,
    make: M,
    mut take: T,
) -> Result<Summary, Error>
where
    R: Read + Send,
    C: Collect,
    M: Fn() -> C + Sync,
    T: FnMut(C) -> io::Result<()>,
{
    let pool = Ordered::new(threads)
        .batch(BATCH_DOCUMENTS, BATCH_BYTES)
        .in_flight(4 * threads.max(1));
    let Some(separator) = inner.config.separator.clone() else {
        // One document per input: nothing to cut.
        return one_thread(inner, input, &make, &mut take);
    };
    if pool.threads() <= 1 {
        return one_thread(inner, input, &make, &mut take);
    }
    let (lend, lent) = crossbeam_channel::bounded::<Lent<R>>(1);
    let (give_back, back) = crossbeam_channel::bounded::<Lent<R>>(1);
    let mut splitter = Splitter {
        reader: Some(input),
        separator: separator.clone(),
        limit: DOCUMENT_BYTES.min(inner.config.document_cap),
        buf: Vec::new(),
        start: 0,
        scan: 0,
        eof: false,
        lend,
        back,
    };
    let source = move || {
        splitter.next_item().map(|item| {
            let weight = match &item {
                Item::Document(bytes) => bytes.len(),
                // Ends its batch at once: the reader waits for the input
                // to come back before it reads on.
                Item::Large | Item::Failed(_) => BATCH_BYTES,
            };
            (item, weight)
        })
    };
    let make_worker = || {
        let mut engine = Engine::new(inner);
        let make = &make;
        move |item: Item| match item {
            Item::Document(bytes) => {
                let mut sink = make();
                match engine.run(&bytes[..], &mut sink) {
                    Ok(summary) => Done::Document(sink, summary),
                    Err(e) => {
                        // Start afresh after an error.
                        engine = Engine::new(inner);
                        Done::Failed(e)
                    }
                }
            }
            Item::Large => Done::Large,
            Item::Failed(e) => Done::Failed(e.into()),
        }
    };
    let mut total = Summary::default();
    // Dropped as soon as the calling thread stops, so that a reader thread
    // waiting for the input to come back stops too.
    let mut give_back = Some(give_back);
    pool.run(source, make_worker, |done: Done<C>| {
        let result = catch_unwind(AssertUnwindSafe(|| -> Result<(), Error> {
            match done {
                Done::Document(sink, summary) => {
                    total.merge(&summary);
                    take(sink)?;
                }
                Done::Large => {
                    let (reader, head) = lent
                        .recv()
                        .map_err(|_| io::Error::other("the reader thread stopped"))?;
                    let mut document = OneDocument::new(reader, head, separator.clone());
                    let summary = one_thread(inner, &mut document, &make, &mut take)?;
                    total.merge(&summary);
                    if let Some(back) = &give_back {
                        // The reader thread waits for it, unless it stopped.
                        let _ = back.send(document.into_rest());
                    }
                }
                Done::Failed(e) => return Err(e),
            }
            Ok(())
        }));
        match result {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => {
                give_back = None;
                Err(e)
            }
            Err(panic) => {
                // Let the reader thread go before the panic ends the run.
                give_back = None;
                resume_unwind(panic)
            }
        }
    })?;
    Ok(total)
}
