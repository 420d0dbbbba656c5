//! Writes the scorer's feature rows for training (see `scripts/train.py`).
//!
//! Usage: `cargo run --release --example dump_features -- FILE...`, or
//! `-- --names` for the feature names, one per line.
//!
//! For every FILE (one document each), writes tab-separated rows to standard
//! output: the file path, the line index, the feature values, the rules'
//! reason code, the line's text, the lexicon slots of its words
//! (comma-separated; -1 for a word too long to look up), from which
//! `scripts/train.py` learns the lexicon, and whether the default mode's
//! scorer decides the line (`1`) or a rule's, a context rule's or the
//! title's verdict stands (`0`).

use std::io::{self, BufWriter, Write};

fn main() -> io::Result<()> {
    let cleaner = deboil::Cleaner::new();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut row = Vec::new();
    if std::env::args().nth(1).as_deref() == Some("--names") {
        for name in deboil::model::feature_names() {
            writeln!(out, "{name}")?;
        }
        return out.flush();
    }
    for path in std::env::args().skip(1) {
        let input = std::fs::read(&path)?;
        row.clear();
        cleaner.write_feature_rows(&input, &mut row)?;
        for line in row.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            out.write_all(path.as_bytes())?;
            out.write_all(b"\t")?;
            out.write_all(line)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()
}
