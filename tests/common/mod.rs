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

/// Runs `command` with `input` on standard input, reads 16 bytes of its
/// output and closes the pipe; asserts that it then exits 0 and writes
/// nothing to standard error (a closed pipe is not an error for a filter).
pub fn assert_closed_pipe_is_quiet(mut command: std::process::Command, input: Vec<u8>) {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs `command` with `args`, feeding `stdin` from another thread (so a
/// large input cannot deadlock against a full output pipe), and returns
/// its output.
pub fn run_with_stdin(
    mut command: std::process::Command,
    args: &[&str],
    stdin: &[u8],
) -> std::process::Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}
