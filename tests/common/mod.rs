//! Shared helpers for the integration tests.
#![allow(dead_code)]

use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// A reader that hands out at most `step` bytes per read, to put chunk
/// boundaries everywhere.
pub struct Trickle<'a> {
    pub data: &'a [u8],
    pub step: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

/// Every `(input, expected)` pair under `corpus/`.
pub fn corpus_cases() -> Vec<(PathBuf, PathBuf)> {
    let mut cases = Vec::new();
    collect(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
        &mut cases,
    );
    cases.sort();
    cases
}

fn collect(dir: &Path, cases: &mut Vec<(PathBuf, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, cases);
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if let Some(stem) = name.strip_suffix(".txt") {
            if stem.ends_with(".expected") {
                continue;
            }
            let expected = path.with_file_name(format!("{stem}.expected.txt"));
            if expected.exists() {
                cases.push((path, expected));
            }
        }
    }
}
