//! Cleaning one document held in memory, with its statistics.

use crate::Cleaner;
use crate::sink::{LineOutcome, Piece, Sink};

/// What cleaning one document removed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocStats {
    /// Lines in the document.
    pub lines: u64,
    /// Lines dropped.
    pub lines_removed: u64,
    /// Bytes of the document (UTF-8), line terminators included.
    pub bytes: u64,
    /// Bytes dropped.
    pub bytes_removed: u64,
    /// Per reason (an index into [`Cleaner::reasons`]): lines and bytes
    /// dropped, in the order the reasons first occurred.
    removed: Vec<(u16, u64, u64)>,
}

impl DocStats {
    /// Lines and bytes dropped per reason code, sorted by code.
    pub fn removed<'c>(&self, cleaner: &'c Cleaner) -> Vec<(&'c str, u64, u64)> {
        let mut v: Vec<_> = self
            .removed
            .iter()
            .map(|&(id, lines, bytes)| (cleaner.reasons()[id as usize].code(), lines, bytes))
            .collect();
        v.sort_unstable();
        v
    }

    /// The statistics as a JSON object: `lines`, `lines_removed`, `bytes`,
    /// `bytes_removed`, and `removed`, lines dropped per reason code.
    ///
    /// ```
    /// let cleaner = deboil::Cleaner::new();
    /// let doc = deboil::formats::clean_document(&cleaner, "Advertisement\nText.\n");
    /// assert_eq!(
    ///     doc.stats.to_json(&cleaner),
    ///     r#"{"lines":2,"lines_removed":1,"bytes":20,"bytes_removed":14,"removed":{"ads.label":1}}"#
    /// );
    /// ```
    pub fn to_json(&self, cleaner: &Cleaner) -> String {
        use std::fmt::Write;
        let mut s = String::with_capacity(96);
        let _ = write!(
            s,
            "{{\"lines\":{},\"lines_removed\":{},\"bytes\":{},\"bytes_removed\":{},\"removed\":{{",
            self.lines, self.lines_removed, self.bytes, self.bytes_removed
        );
        for (i, (code, lines, _)) in self.removed(cleaner).into_iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            s.push_str(&serde_json::to_string(code).expect("a string serialises"));
            let _ = write!(s, ":{lines}");
        }
        s.push_str("}}");
        s
    }

    pub(crate) fn removed_ids(&self) -> &[(u16, u64, u64)] {
        &self.removed
    }
}

/// A document after cleaning.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CleanDocument {
    /// The kept lines.
    pub text: String,
    /// What was removed.
    pub stats: DocStats,
}

impl CleanDocument {
    /// True when nothing but white space was kept.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}

struct DocSink<'a> {
    out: &'a mut Vec<u8>,
    stats: DocStats,
}

impl Sink for DocSink<'_> {
    fn line(&mut self, line: &LineOutcome<'_>) -> std::io::Result<()> {
        let starts = line.piece.starts_line() as u64;
        let len = line.bytes.len() as u64 * line.piece.from_input() as u64;
        self.stats.lines += starts;
        self.stats.bytes += len;
        if line.kept {
            self.out.extend_from_slice(line.bytes);
        } else {
            // A glued line is removed when all its units are: its
            // terminator is dropped too.
            let line_ends = matches!(line.piece, Piece::Whole | Piece::First | Piece::End);
            self.stats.lines_removed += line_ends as u64;
            // Per reason, each unit of a glued line counts.
            let starts = line.piece.is_decided() as u64;
            self.stats.bytes_removed += len;
            let id = line.reason.id().0;
            match self.stats.removed.iter_mut().find(|r| r.0 == id) {
                Some(r) => {
                    r.1 += starts;
                    r.2 += len;
                }
                None => self.stats.removed.push((id, starts, len)),
            }
        }
        Ok(())
    }
}

/// Cleans one document held in memory and counts what was removed.
///
/// The cleaner's document separator still applies inside `text`; build
/// it with `document_separator(None)` to make `text` exactly one document
/// (the corpus formats do).
pub fn clean_document(cleaner: &Cleaner, text: &str) -> CleanDocument {
    let mut out = Vec::with_capacity(text.len());
    let mut sink = DocSink {
        out: &mut out,
        stats: DocStats::default(),
    };
    cleaner
        .run(text.as_bytes(), &mut sink)
        .expect("reading a slice and writing a Vec cannot fail");
    let stats = sink.stats;
    let text = match String::from_utf8(out) {
        Ok(s) => s,
        // Kept lines are whole lines of the input, so this is unreachable;
        // stay total all the same.
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    CleanDocument { text, stats }
}
