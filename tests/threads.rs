//! Cleaning on several threads writes the same bytes as one thread, in
//! order, whatever the documents' sizes and the input's shape, and stops
//! cleanly on errors.

mod common;

use std::io::{self, Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{Trickle, corpus_cases};
use deboil::Cleaner;
use deboil::sink::{Explain, KeptText, Stats, Tee};

/// Every corpus page, each followed by a separator line, in an order
/// that mixes languages and sizes, `rounds` times.
fn pages(rounds: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let cases = corpus_cases();
    for round in 0..rounds {
        for k in 0..cases.len() {
            let (input, _) = &cases[(k * 7 + round) % cases.len()];
            out.extend_from_slice(&std::fs::read(input).unwrap());
            out.extend_from_slice(b"\x0c\n");
        }
    }
    out
}

fn one_thread(cleaner: &Cleaner, input: &[u8]) -> (Vec<u8>, deboil::Summary) {
    let mut out = Vec::new();
    let summary = cleaner.clean_stream(input, &mut out).unwrap();
    (out, summary)
}

fn threads(cleaner: &Cleaner, input: &[u8], n: usize, step: usize) -> (Vec<u8>, deboil::Summary) {
    let mut out = Vec::new();
    let reader = Trickle { data: input, step };
    let summary = cleaner.clean_stream_threads(reader, &mut out, n).unwrap();
    (out, summary)
}

#[test]
fn the_same_bytes_as_one_thread() {
    let cleaner = Cleaner::new();
    let input = pages(2);
    let (expected, summary) = one_thread(&cleaner, &input);
    assert!(summary.documents as usize > corpus_cases().len());
    for (n, step) in [(2, 1 << 16), (3, 977), (8, 1 << 20)] {
        let (out, got) = threads(&cleaner, &input, n, step);
        assert!(out == expected, "{n} threads, reads of {step}");
        assert_eq!(got, summary, "{n} threads");
    }
}

#[test]
fn large_documents_are_cleaned_in_order_between_small_ones() {
    // A document cap of 4 KiB: the larger pages go through the calling
    // thread (decided in windows, as on one thread), the others through
    // the workers, and their outputs interleave in input order.
    let cleaner = Cleaner::builder()
        .document_cap(4096)
        .window_lines(64)
        .build()
        .unwrap();
    let mut input = pages(2);
    // Two large documents in a row, then one at the very end without a
    // separator or a final newline.
    let big = pages(1).replace_separators();
    input.extend_from_slice(&big);
    input.extend_from_slice(b"\x0c\n");
    input.extend_from_slice(&big);
    input.extend_from_slice(b"\x0c\n");
    input.extend_from_slice(&big[..big.len() - 1]);
    let (expected, summary) = one_thread(&cleaner, &input);
    assert!(summary.windowed_documents >= 3, "{summary:?}");
    for (n, step) in [(2, 1 << 16), (3, 1000)] {
        let (out, got) = threads(&cleaner, &input, n, step);
        assert!(out == expected, "{n} threads, reads of {step}");
        assert_eq!(got, summary);
    }
}

trait ReplaceSeparators {
    fn replace_separators(self) -> Vec<u8>;
}

impl ReplaceSeparators for Vec<u8> {
    /// The pages as one long document: separator lines made blank.
    fn replace_separators(self) -> Vec<u8> {
        self.split(|&b| b == b'\n')
            .map(|l| if l == b"\x0c" { &b""[..] } else { l })
            .collect::<Vec<_>>()
            .join(&b'\n')
    }
}

#[test]
fn odd_inputs_give_the_same_bytes() {
    let cleaner = Cleaner::new();
    let page = std::fs::read(&corpus_cases()[0].0).unwrap();
    let mut crlf_separated = page.clone();
    crlf_separated.extend_from_slice(b"\x0c\r\n");
    crlf_separated.extend_from_slice(&page);
    let mut invalid = page.clone();
    invalid.extend_from_slice(b"\xff\xfe broken \x00 bytes\n\x0c\n");
    invalid.extend_from_slice(&page);
    let cases: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"\x0c\n".to_vec(),
        b"\x0c\n\x0c\n\x0c\n".to_vec(),
        b"\x0c".to_vec(),
        b"Text without a newline".to_vec(),
        [&b"\x0c\n"[..], &page, b"\x0c\n\x0c\n", &page, b"\x0c"].concat(),
        crlf_separated,
        invalid,
        // A separator look-alike: a form feed with more on its line.
        [&page[..], b"\x0c \n", &page].concat(),
    ];
    for input in &cases {
        let (expected, summary) = one_thread(&cleaner, input);
        for step in [1, 3, 1 << 16] {
            let (out, got) = threads(&cleaner, input, 2, step);
            assert_eq!(out, expected, "{:?}", String::from_utf8_lossy(input));
            assert_eq!(got, summary);
        }
    }
}

#[test]
fn a_separator_line_split_across_reads_still_ends_a_large_document() {
    // The large document's separator line reaches the calling thread a
    // byte at a time; the document after it goes back to the workers.
    let cleaner = Cleaner::builder().document_cap(2048).build().unwrap();
    let mut big = pages(1).replace_separators();
    // Larger than the cap, small enough to be read a byte at a time.
    big.truncate(4_000);
    big.push(b'\n');
    let mut small = std::fs::read(&corpus_cases()[1].0).unwrap();
    small.truncate(1_500);
    small.push(b'\n');
    for separator in [&b"\x0c\n"[..], b"\x0c\r\n"] {
        let input = [&big[..], separator, &small, separator, &small].concat();
        let (expected, _) = one_thread(&cleaner, &input);
        for step in [1, 2, 5, 4096] {
            let (out, _) = threads(&cleaner, &input, 2, step);
            assert!(out == expected, "reads of {step}");
        }
    }
}

#[test]
fn explanations_and_statistics_match_one_thread() {
    // With the default cap every page goes to a worker; with a small cap
    // the larger ones (and the pages joined into one document) are
    // listed from the calling thread, in windows.
    let small_cap = Cleaner::builder().document_cap(4096).build().unwrap();
    let mut input = pages(1);
    input.extend_from_slice(&pages(1).replace_separators());
    for cleaner in [Cleaner::new(), small_cap] {
        let mut explained = Vec::new();
        let mut stats = Stats::default();
        cleaner
            .run(&input[..], Tee(Explain::new(&mut explained), &mut stats))
            .unwrap();
        let mut got_explained = Vec::new();
        let mut got_stats = Stats::default();
        cleaner
            .run_threads(
                &input[..],
                2,
                || Tee(Explain::new(Vec::new()), Stats::default()),
                |Tee(explain, part)| {
                    got_explained.extend_from_slice(explain.get_ref());
                    got_stats.absorb(part);
                    Ok(())
                },
            )
            .unwrap();
        assert!(got_explained == explained);
        assert_eq!(got_stats, stats);
    }
}

#[test]
fn a_failing_output_stops_the_run() {
    // Fails at the first write after some output; the run must stop (not
    // hang), with a large document waiting in the queue as well.
    let cleaner = Cleaner::builder().document_cap(4096).build().unwrap();
    let big = pages(1).replace_separators();
    let input = [&pages(1)[..], &big, b"\x0c\n", &pages(1)].concat();
    for fail_after in [0, 3, 40] {
        let calls = AtomicUsize::new(0);
        let result = cleaner.run_threads(
            &input[..],
            2,
            || KeptText::new(Vec::new()),
            |_| {
                if calls.fetch_add(1, Ordering::Relaxed) >= fail_after {
                    Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"))
                } else {
                    Ok(())
                }
            },
        );
        let error = result.unwrap_err();
        assert!(error.is_broken_pipe(), "{error}");
    }
}

/// A reader that fails after `ok` bytes.
struct FailingAfter<'a> {
    data: &'a [u8],
    ok: usize,
}

impl Read for FailingAfter<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.ok == 0 {
            return Err(io::Error::other("disk on fire"));
        }
        let n = buf.len().min(self.ok).min(self.data.len()).min(1000);
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        self.ok -= n;
        Ok(n)
    }
}

#[test]
fn a_read_error_is_reported_after_whole_documents() {
    for cap in [8 << 20, 4096] {
        let cleaner = Cleaner::builder().document_cap(cap).build().unwrap();
        let input = [
            &pages(1)[..],
            &pages(1).replace_separators(),
            b"\x0c\n",
            &pages(1),
        ]
        .concat();
        let (all, _) = one_thread(&cleaner, &input);
        for ok in [0, 5000, input.len() / 2, input.len() - 10] {
            let mut out = Vec::new();
            let reader = FailingAfter { data: &input, ok };
            let error = cleaner
                .clean_stream_threads(reader, &mut out, 2)
                .unwrap_err();
            assert!(error.to_string().contains("disk on fire"), "{error}");
            // What was written is the output of whole documents read before
            // the error: a prefix of the one-thread output.
            assert!(all.starts_with(&out), "cap {cap}, {ok} bytes");
        }
    }
}

#[test]
fn one_thread_and_no_separator_take_the_plain_path() {
    let input = pages(1);
    let plain = Cleaner::new();
    let (expected, _) = one_thread(&plain, &input);
    assert_eq!(threads(&plain, &input, 1, 1 << 16).0, expected);
    let whole = Cleaner::builder().document_separator(None).build().unwrap();
    let (expected, summary) = one_thread(&whole, &input);
    assert_eq!(summary.documents, 1);
    assert_eq!(threads(&whole, &input, 4, 1 << 16).0, expected);
}

#[test]
fn output_goes_out_in_parts_of_bounded_size() {
    // A large document's output is handed over in parts, each about
    // PART_BYTES at most (one line more), never whole.
    let cleaner = Cleaner::builder().document_cap(1 << 16).build().unwrap();
    let line = b"The council approved the budget on Tuesday, after a long and heated debate.\n";
    let big: Vec<u8> = line.repeat(60_000);
    let mut parts = Vec::new();
    let mut sink = io::sink();
    cleaner
        .run_threads(
            &big[..],
            2,
            || KeptText::new(Vec::new()),
            |part| {
                parts.push(part.get_ref().len());
                sink.write_all(part.get_ref())
            },
        )
        .unwrap();
    assert_eq!(parts.iter().sum::<usize>(), big.len());
    assert!(parts.len() >= big.len() / deboil::threaded::PART_BYTES);
    assert!(
        parts
            .iter()
            .all(|&p| p <= deboil::threaded::PART_BYTES + line.len()),
        "{parts:?}"
    );
}

#[test]
fn a_panic_in_take_ends_the_run_with_that_panic() {
    // Also while a large document holds the input on the calling thread
    // (its output is the one part over 10 kB): the reader thread, waiting
    // for the input back, must be let go (no hang).
    let cleaner = Cleaner::builder().document_cap(4096).build().unwrap();
    let big = pages(1).replace_separators();
    let input = [&pages(1)[..], &big, b"\x0c\n", &pages(1)].concat();
    for on_large in [false, true] {
        let mut calls = 0;
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            cleaner.run_threads(
                &input[..],
                2,
                || KeptText::new(Vec::new()),
                |part| {
                    calls += 1;
                    let large = part.get_ref().len() > 10_000;
                    assert!(if on_large { !large } else { calls < 2 }, "take failed");
                    Ok(())
                },
            )
        }));
        assert!(outcome.is_err(), "on a large document: {on_large}");
        assert!(
            !on_large || calls > 2,
            "the large document comes after others"
        );
    }
}
