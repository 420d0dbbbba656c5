//! Corpus formats on real files: JSONL as datatrove's JsonlWriter writes it,
//! WET and WARC files written by warcio (see tests/data/make_fixtures.py),
//! compression, threads, bad input.

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use deboil::compress::{self, Compression};
use deboil::formats::{CorpusCleaner, CorpusOptions, Format, Observer, WarcReader};
use serde_json::Value;

fn deboil() -> Command {
    Command::new(env!("CARGO_BIN_EXE_deboil"))
}

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn run(args: &[&str]) -> Output {
    deboil().args(args).output().unwrap()
}

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    common::run_with_stdin(deboil(), args, stdin)
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("deboil-formats-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn records(jsonl: &str) -> Vec<Value> {
    jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

/// The raw JSON text of a top-level string field, as written in `line`.
fn raw_string_field(line: &str, key: &str) -> String {
    let v: Value = serde_json::from_str(line).unwrap();
    serde_json::to_string(v[key].as_str().unwrap()).unwrap()
}

/// Every kept line is a line of the original, in order: nothing rewritten.
fn assert_lines_kept_in_order(original: &str, clean: &str) {
    let mut rest = original.split_inclusive('\n');
    for line in clean.split_inclusive('\n') {
        assert!(
            rest.any(|l| l == line),
            "{line:?} is not a line of the original (in order)"
        );
    }
}

fn datatrove_text(n: usize) -> String {
    let line = std::fs::read_to_string(data("datatrove.jsonl")).unwrap();
    let v: Value = serde_json::from_str(line.lines().nth(n).unwrap()).unwrap();
    v["text"].as_str().unwrap().to_string()
}

#[test]
fn datatrove_jsonl_keeps_every_other_field_byte_for_byte() {
    let input = std::fs::read_to_string(data("datatrove.jsonl")).unwrap();
    let output = run(&[data("datatrove.jsonl").to_str().unwrap()]);
    // No progress line when standard error is not a terminal.
    assert!(output.stderr.is_empty());
    let out = ok(&output);
    assert_eq!(out.lines().count(), input.lines().count());
    for (i, (a, b)) in input.lines().zip(out.lines()).enumerate() {
        // Put the original text back: the line is the input, byte for byte.
        let restored = b.replacen(
            &raw_string_field(b, "text"),
            &raw_string_field(a, "text"),
            1,
        );
        assert_eq!(restored, a, "record {i}");
        let (va, vb): (Value, Value) = (
            serde_json::from_str(a).unwrap(),
            serde_json::from_str(b).unwrap(),
        );
        assert_eq!(keys(&va), keys(&vb));
        assert_lines_kept_in_order(va["text"].as_str().unwrap(), vb["text"].as_str().unwrap());
    }
    let docs = records(&out);
    assert_eq!(keys(&docs[1]), ["text", "id", "media", "metadata"]);
    let first = docs[0]["text"].as_str().unwrap();
    assert!(first.contains("The regional council approved the new budget on Tuesday evening"));
    assert!(first.contains("promised a review of the road budget in the spring."));
    for residue in [
        "Advertisement",
        "Share on Facebook",
        "0:00",
        "All rights reserved",
    ] {
        assert!(!first.contains(residue), "{residue} kept in {first:?}");
    }
    // Quotes, tabs, backslashes and emoji come through as they were.
    assert!(docs[3]["text"].as_str().unwrap().ends_with(
        "Tabs\tand \"quotes\", a backslash \\ and an emoji 🙂 stay as they are in the text."
    ));
}

#[test]
fn nested_field_path() {
    let dir = TempDir::new("nested");
    let body = "Advertisement\nThe regional council approved the new budget on Tuesday evening, after a debate that lasted more than six hours.\n0:00\n";
    let line = serde_json::json!({"id": 7, "text": "Advertisement", "metadata": {"body": body, "n": 1.50}});
    let input = dir.write("nested.jsonl", format!("{line}\n"));
    let out = ok(&run(&["--field", "metadata.body", input.to_str().unwrap()]));
    let v: Value = serde_json::from_str(out.trim_end()).unwrap();
    assert_eq!(
        v["text"], "Advertisement",
        "only the named field is cleaned"
    );
    assert_eq!(
        v["metadata"]["body"],
        "The regional council approved the new budget on Tuesday evening, after a debate that lasted more than six hours.\n"
    );
    assert!(out.contains(r#""n":1.5"#));
    assert_eq!(keys(&v["metadata"]), ["body", "n"]);

    // Statistics can go inside a nested object too.
    let out = ok(&run(&[
        "--field",
        "metadata.body",
        "--stats-field",
        "metadata.deboil",
        input.to_str().unwrap(),
    ]));
    let v: Value = serde_json::from_str(out.trim_end()).unwrap();
    assert_eq!(keys(&v["metadata"]), ["body", "n", "deboil"]);
    assert_eq!(v["metadata"]["deboil"]["lines_removed"], 2);

    // A missing field is an invalid record naming file and line.
    let out = run(&["--field", "metadata.nope", input.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err,
        format!("deboil: {}:1: no field 'metadata.nope'\n", input.display())
    );
}

#[test]
fn empty_documents_keep_drop_flag() {
    let input = data("datatrove.jsonl");
    let input = input.to_str().unwrap();
    // doc-2 is all residue.
    let kept = records(&ok(&run(&[input])));
    assert_eq!(kept.len(), 4);
    assert_eq!(kept[2]["id"], "doc-2");
    assert_eq!(kept[2]["text"], "");
    assert!(kept.iter().all(|d| d.get("deboil_empty").is_none()));

    let dropped = records(&ok(&run(&["--empty", "drop", input])));
    let ids: Vec<&str> = dropped.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["doc-0", "doc-1", "doc-3"]);

    let flagged = records(&ok(&run(&["--empty", "flag", input])));
    assert_eq!(flagged.len(), 4);
    assert_eq!(flagged[2]["deboil_empty"], true);
    assert_eq!(keys(&flagged[2]).last(), Some(&"deboil_empty"));
    assert!(
        flagged
            .iter()
            .filter(|d| d.get("deboil_empty").is_some())
            .count()
            == 1
    );

    let out = run(&["--empty", "maybe", input]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn stats_field_counts_what_was_removed() {
    let input = data("datatrove.jsonl");
    let out = ok(&run(&["--stats-field", "deboil", input.to_str().unwrap()]));
    for (i, doc) in records(&out).iter().enumerate() {
        let original = datatrove_text(i);
        let clean = doc["text"].as_str().unwrap();
        let s = &doc["deboil"];
        assert_eq!(
            keys(s),
            [
                "lines",
                "lines_removed",
                "bytes",
                "bytes_removed",
                "removed"
            ]
        );
        let lines_in = original.split_inclusive('\n').count() as u64;
        let lines_out = clean.split_inclusive('\n').count() as u64;
        assert_eq!(s["lines"], lines_in);
        assert_eq!(s["lines_removed"], lines_in - lines_out);
        assert_eq!(s["bytes"], original.len() as u64);
        assert_eq!(s["bytes_removed"], (original.len() - clean.len()) as u64);
        let per_reason: u64 = s["removed"]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_u64().unwrap())
            .sum();
        assert_eq!(per_reason, lines_in - lines_out);
        let codes: Vec<&str> = s["removed"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert!(codes.is_sorted(), "{codes:?}");
    }
    let first = &records(&out)[0]["deboil"]["removed"];
    assert_eq!(first["ads.label"], 1);
    assert_eq!(keys(&records(&out)[0]).last(), Some(&"deboil"));

    // The stats field cannot be the text field.
    let out = run(&["--stats-field", "text", input.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("overlaps"));
}

fn bad_jsonl(dir: &TempDir) -> PathBuf {
    let good = |id: u32| {
        format!(
            "{}\n",
            serde_json::json!({"id": id, "text": format!("Advertisement\nRecord {id} holds a sentence long enough to be kept as text.\n")})
        )
    };
    let mut s = String::new();
    s += &good(1);
    s += &good(2);
    s += "{\"id\": 3, \"text\": \"unterminated\n"; // line 3: malformed
    s += "\n"; // line 4: blank lines are skipped
    s += &good(5);
    s += "{\"id\": 6}\n"; // line 6: no text field
    s += "[1, 2]\n"; // line 7: not an object
    s += &good(8);
    dir.write("bad.jsonl", s)
}

#[test]
fn malformed_line_is_an_error_naming_file_and_line() {
    let dir = TempDir::new("malformed");
    let input = bad_jsonl(&dir);
    let name = input.to_str().unwrap();
    for threads in ["1", "4"] {
        let out = run(&["--threads", threads, name]);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.starts_with(&format!("deboil: {name}:3: invalid JSON: ")),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
        // Everything before the bad line was written, whole.
        let ids: Vec<u64> = records(&String::from_utf8(out.stdout).unwrap())
            .iter()
            .map(|d| d["id"].as_u64().unwrap())
            .collect();
        assert_eq!(ids, [1, 2]);
    }
    // Compressed output stays a valid stream of whole records.
    let output = dir.path("partial.jsonl.zst");
    let out = run(&["--output", output.to_str().unwrap(), name]);
    assert_eq!(out.status.code(), Some(2));
    let mut text = String::new();
    compress::reader(std::fs::File::open(&output).unwrap(), None)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    assert_eq!(records(&text).len(), 2);
}

#[test]
fn skip_invalid_counts_and_reports() {
    let dir = TempDir::new("skip");
    let input = bad_jsonl(&dir);
    let name = input.to_str().unwrap();
    let out = run(&["--skip-invalid", "--stats", "--threads", "2", name]);
    let text = ok(&out);
    let ids: Vec<u64> = records(&text)
        .iter()
        .map(|d| d["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, [1, 2, 5, 8]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!("deboil: skipped: {name}:3: invalid JSON")),
        "{err}"
    );
    assert!(
        err.contains(&format!("deboil: skipped: {name}:6: no field 'text'")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "deboil: skipped: {name}:7: invalid type: sequence, expected a JSON object"
        )),
        "{err}"
    );
    assert!(err.contains("deboil: skipped 3 invalid records\n"), "{err}");
    let json_start = err.find('{').unwrap();
    let stats: Value = serde_json::from_str(&err[json_start..]).unwrap();
    assert_eq!(stats["invalid"], 3);
    assert_eq!(stats["records"], 7);
    assert_eq!(stats["written"], 4);
    assert_eq!(stats["format"], "jsonl");
}

#[test]
fn gzip_and_zstd_round_trips() {
    let dir = TempDir::new("compress");
    let input = data("datatrove.jsonl");
    let plain = ok(&run(&[input.to_str().unwrap()]));
    for ext in ["gz", "zst"] {
        // Compressed output, by extension.
        let output = dir.path(&format!("out.jsonl.{ext}"));
        ok(&run(&[
            "--output",
            output.to_str().unwrap(),
            input.to_str().unwrap(),
        ]));
        let bytes = std::fs::read(&output).unwrap();
        let kind = if ext == "gz" {
            Compression::Gzip
        } else {
            Compression::Zstd
        };
        assert_eq!(Compression::sniff(&bytes), kind);
        let mut text = String::new();
        compress::reader(&bytes[..], Some(kind))
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, plain);
        // Compressed input, by extension, and by content on standard input.
        let again = ok(&run(&[
            "--format",
            "jsonl",
            "--output",
            "-",
            output.to_str().unwrap(),
        ]));
        let twice = ok(&run(&[dir
            .write("plain-again.jsonl", &plain)
            .to_str()
            .unwrap()]));
        assert_eq!(again, twice, "reading .{ext} is reading the plain file");
        let original = std::fs::read(&input).unwrap();
        let mut w = compress::Writer::new(Vec::new(), kind).unwrap();
        w.write_all(&original).unwrap();
        let compressed = w.finish().unwrap();
        assert_eq!(ok(&run_with_stdin(&[], &compressed)), plain);
    }
    // WET output can be compressed too.
    let output = dir.path("wet.jsonl.gz");
    ok(&run(&[
        "-o",
        output.to_str().unwrap(),
        data("sample.warc.wet.gz").to_str().unwrap(),
    ]));
    let mut text = String::new();
    compress::reader(std::fs::File::open(&output).unwrap(), None)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    assert_eq!(records(&text).len(), 4);
}

/// A JSONL shard of many records of varied length, some all residue.
fn big_jsonl(dir: &TempDir) -> PathBuf {
    let mut s = String::new();
    let texts: Vec<String> = (0..4).map(datatrove_text).collect();
    for i in 0..600 {
        let mut text = texts[i % 4].repeat(1 + i % 5);
        if i % 7 == 0 {
            text = format!("Advertisement\n{text}");
        }
        s += &serde_json::json!({"id": i, "text": text, "metadata": {"i": i}}).to_string();
        s.push('\n');
    }
    dir.write("big.jsonl", s)
}

#[test]
fn same_bytes_with_any_thread_count() {
    let dir = TempDir::new("threads");
    let input = big_jsonl(&dir);
    let name = input.to_str().unwrap();
    let one = run(&[
        "--threads",
        "1",
        "--stats-field",
        "s",
        "--empty",
        "drop",
        name,
    ]);
    let one = ok(&one);
    assert!(one.lines().count() > 400);
    for threads in ["2", "4", "7"] {
        let n = ok(&run(&[
            "--threads",
            threads,
            "--stats-field",
            "s",
            "--empty",
            "drop",
            name,
        ]));
        assert!(n == one, "--threads {threads} differs from --threads 1");
    }
    let ids: Vec<u64> = records(&one)
        .iter()
        .map(|d| d["id"].as_u64().unwrap())
        .collect();
    assert!(ids.is_sorted());
    // WET too.
    let wet = data("sample.warc.wet.gz");
    let a = ok(&run(&["--threads", "1", wet.to_str().unwrap()]));
    let b = ok(&run(&["--threads", "3", wet.to_str().unwrap()]));
    assert_eq!(a, b);
}

#[test]
fn wet_records_become_jsonl() {
    let path = data("sample.warc.wet.gz");
    // As Common Crawl ships them: one gzip member per record.
    let bytes = std::fs::read(&path).unwrap();
    let members = bytes
        .windows(3)
        .filter(|w| *w == [0x1f, 0x8b, 0x08])
        .count();
    assert!(members >= 5, "{members} gzip members");
    let out = ok(&run(&[path.to_str().unwrap()]));
    let docs = records(&out);
    assert_eq!(docs.len(), 4, "warcinfo is not a document");
    assert_eq!(keys(&docs[0]), ["url", "id", "date", "language", "text"]);
    assert_eq!(
        docs[0]["url"],
        "https://news.example.com/2021/11/council-budget"
    );
    assert_eq!(
        docs[0]["id"],
        "<urn:uuid:00000000-0000-4000-8000-000000000100>"
    );
    assert_eq!(docs[0]["date"], "2021-11-25T17:45:00Z");
    assert_eq!(docs[0]["language"], "eng");
    assert_eq!(docs[1]["language"], "deu,eng");
    assert_eq!(
        keys(&docs[2]),
        ["url", "id", "date", "text"],
        "no language header, no field"
    );
    assert_eq!(docs[2]["text"], "");
    assert_eq!(docs[3]["url"], "https://example.net/long-read?id=7&lang=fr");
    let text = docs[0]["text"].as_str().unwrap();
    assert!(
        text.starts_with("Council approves new budget after six-hour debate\n"),
        "{text}"
    );
    assert!(!text.contains("Advertisement"));
    assert_lines_kept_in_order(&datatrove_text(0), text);

    // The same text cleaned as JSONL gives the same result.
    let jsonl = records(&ok(&run(&[data("datatrove.jsonl").to_str().unwrap()])));
    for (w, j) in docs.iter().zip(&jsonl) {
        assert_eq!(w["text"], j["text"]);
    }

    // Dropping empty documents and per-document statistics work as for JSONL.
    let out = ok(&run(&[
        "--empty",
        "drop",
        "--stats-field",
        "deboil",
        path.to_str().unwrap(),
    ]));
    let docs = records(&out);
    assert_eq!(docs.len(), 3);
    assert_eq!(
        keys(&docs[0]),
        ["url", "id", "date", "language", "text", "deboil"]
    );
}

#[test]
fn warc_text_records_only() {
    let path = data("sample.warc");
    let out = run(&["--stats=json", path.to_str().unwrap()]);
    let docs = records(&ok(&out));
    let urls: Vec<&str> = docs.iter().map(|d| d["url"].as_str().unwrap()).collect();
    assert_eq!(
        urls,
        [
            "http://example.com/page.txt",
            "http://example.com/notes.txt"
        ]
    );
    assert_eq!(
        docs[0]["id"],
        "<urn:uuid:00000000-0000-4000-8000-000000000004>"
    );
    assert!(
        docs[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Council approves new budget")
    );
    let stats: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(
        (stats["records"].as_u64(), stats["skipped"].as_u64()),
        (Some(6), Some(4))
    );
    assert_eq!(stats["format"], "wet");

    // The library reader sees every record, with its headers.
    let file = std::io::BufReader::new(std::fs::File::open(&path).unwrap());
    let all: Vec<_> = WarcReader::new(file, "sample.warc")
        .map(Result::unwrap)
        .collect();
    let types: Vec<&str> = all.iter().map(|r| r.warc_type().unwrap()).collect();
    assert_eq!(
        types,
        [
            "warcinfo", "request", "response", "response", "resource", "metadata"
        ]
    );
    let with_text: Vec<u64> = all
        .iter()
        .filter(|r| r.text.is_some())
        .map(|r| r.number)
        .collect();
    assert_eq!(with_text, [4, 5]);
    assert_eq!(all[3].version, "WARC/1.1");
    assert_eq!(
        all[3].text.as_deref(),
        Some(datatrove_text(0).as_bytes()),
        "the HTTP payload only"
    );
}

#[test]
fn malformed_warc_record_names_file_and_record() {
    let dir = TempDir::new("warc");
    let original = std::fs::read_to_string(data("sample.warc")).unwrap();
    // Record 4 (the text/plain response) loses its Content-Length.
    let start = original.match_indices("WARC/1.1").nth(3).unwrap().0;
    let at = start + original[start..].find("Content-Length:").unwrap();
    let end = at + original[at..].find('\n').unwrap() + 1;
    let broken = format!("{}{}", &original[..at], &original[end..]);
    let input = dir.write("broken.warc", broken);
    let name = input.to_str().unwrap();
    let out = run(&[name]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err,
        format!("deboil: {name}: record 4: no Content-Length header\n")
    );
    assert!(out.stdout.is_empty());

    // Skipping: the reader finds the next record and goes on.
    let out = run(&["--skip-invalid", name]);
    let docs = records(&ok(&out));
    let urls: Vec<&str> = docs.iter().map(|d| d["url"].as_str().unwrap()).collect();
    assert_eq!(urls, ["http://example.com/notes.txt"]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!(
            "deboil: skipped: {name}: record 4: no Content-Length header"
        )),
        "{err}"
    );
    assert!(err.contains("skipped 1 invalid records"), "{err}");

    // Truncated files: cut inside the last record's block, or its headers.
    for (cut, what) in [(10, "18-byte block"), (100, "headers")] {
        let input = dir.write("cut.warc", &original[..original.len() - cut]);
        let out = run(&[input.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.starts_with(&format!(
                "deboil: {}: record 6: the input ends inside the record",
                input.display()
            )),
            "{err}"
        );
        assert!(err.contains(what), "{err}");
    }
}

#[test]
fn format_is_told_from_name_or_content() {
    let jsonl = std::fs::read(data("datatrove.jsonl")).unwrap();
    let expected = ok(&run(&[data("datatrove.jsonl").to_str().unwrap()]));
    // Standard input: by content.
    assert_eq!(ok(&run_with_stdin(&[], &jsonl)), expected);
    let wet = std::fs::read(data("sample.warc.wet.gz")).unwrap();
    assert_eq!(records(&ok(&run_with_stdin(&[], &wet))).len(), 4);
    // A name without a known extension: by content.
    let dir = TempDir::new("detect");
    let shard = dir.write("shard-0001", &jsonl);
    assert_eq!(ok(&run(&[shard.to_str().unwrap()])), expected);
    // --format overrides: a JSONL file cleaned as text is one document.
    let out = ok(&run(&[
        "--format",
        "text",
        data("datatrove.jsonl").to_str().unwrap(),
    ]));
    assert!(out.starts_with("{\"text\""));
    // Text in, text out, with compression.
    let page = "Advertisement\nThe regional council approved the new budget on Tuesday evening, after a long debate.\n0:00\n";
    let mut w = compress::Writer::new(Vec::new(), Compression::Gzip).unwrap();
    w.write_all(page.as_bytes()).unwrap();
    let gz = dir.write("page.txt.gz", w.finish().unwrap());
    let out = dir.path("clean.txt.zst");
    ok(&run(&["-o", out.to_str().unwrap(), gz.to_str().unwrap()]));
    let mut text = String::new();
    compress::reader(std::fs::File::open(&out).unwrap(), None)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    assert_eq!(
        text,
        "The regional council approved the new budget on Tuesday evening, after a long debate.\n"
    );
    // One kind of output per run.
    let txt = dir.write("page.txt", page);
    let out = run(&[
        data("datatrove.jsonl").to_str().unwrap(),
        txt.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("one run writes one kind of output"));
    // --explain is for text.
    let out = run(&["--explain", data("datatrove.jsonl").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn several_inputs_one_output() {
    let jsonl = data("datatrove.jsonl");
    let wet = data("sample.warc.wet.gz");
    let out = run(&["--stats", jsonl.to_str().unwrap(), wet.to_str().unwrap()]);
    let docs = records(&ok(&out));
    assert_eq!(docs.len(), 8);
    assert_eq!(docs[0]["id"], "doc-0");
    assert_eq!(
        docs[4]["url"],
        "https://news.example.com/2021/11/council-budget"
    );
    let stats: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(stats["files"], 2);
    assert_eq!(stats["format"], "jsonl,wet");
    assert_eq!(stats["documents"], 8);
    assert_eq!(stats["records"], 9);
}

#[test]
fn output_cannot_overwrite_an_input() {
    let dir = TempDir::new("clobber");
    let input = dir.write("in.jsonl", std::fs::read(data("datatrove.jsonl")).unwrap());
    let out = run(&["-o", input.to_str().unwrap(), input.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read(&input).unwrap(),
        std::fs::read(data("datatrove.jsonl")).unwrap()
    );
    // No output file is made when the input cannot be read.
    let output = dir.path("out.jsonl");
    let missing = dir.path("missing.jsonl");
    let out = run(&["-o", output.to_str().unwrap(), missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!output.exists());
}

#[test]
fn text_stats_as_json() {
    let page = "Advertisement\nThe regional council approved the new budget on Tuesday evening, after a long debate.\n";
    let out = run_with_stdin(&["--stats=json"], page.as_bytes());
    ok(&out);
    let stats: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(stats["format"], "text");
    assert_eq!(stats["lines"], 2);
    assert_eq!(stats["lines_removed"], 1);
    assert_eq!(stats["removed"]["ads.label"]["lines"], 1);
    // The plain --stats keeps its table for text.
    let out = run_with_stdin(&["--stats"], page.as_bytes());
    assert!(String::from_utf8_lossy(&out.stderr).contains("documents: 1"));
}

#[test]
fn closed_pipe_exits_zero_quietly_for_jsonl() {
    let line = serde_json::json!({"text": "The regional council approved the new budget on Tuesday evening.\n".repeat(20)});
    let input = format!("{line}\n").repeat(20_000);
    let mut command = deboil();
    command.args(["--format", "jsonl", "--threads", "2"]);
    common::assert_closed_pipe_is_quiet(command, input.into_bytes());
}

#[test]
fn library_corpus_cleaner_reports_invalid_records() {
    #[derive(Default)]
    struct Seen {
        invalid: Vec<String>,
        progress: u64,
    }
    impl Observer for Seen {
        fn progress(&mut self, summary: &deboil::formats::CorpusSummary) {
            self.progress = summary.records;
        }
        fn invalid(&mut self, error: &deboil::Error) {
            self.invalid.push(error.to_string());
        }
    }
    let cleaner = deboil::Cleaner::builder()
        .document_separator(None)
        .build()
        .unwrap();
    let options = CorpusOptions {
        skip_invalid: true,
        threads: 3,
        ..CorpusOptions::default()
    };
    let corpus = CorpusCleaner::new(cleaner, options).unwrap();
    let input = "{\"text\":\"A sentence of text that stays.\"}\nnot json\n{\"text\":\"\\f\\nStill one document.\"}\n";
    let mut out = Vec::new();
    let mut seen = Seen::default();
    let summary = corpus
        .run(Format::Jsonl, "mem", input.as_bytes(), &mut out, &mut seen)
        .unwrap();
    assert_eq!(seen.invalid.len(), 1);
    assert!(
        seen.invalid[0].starts_with("mem:2: invalid JSON: "),
        "{:?}",
        seen.invalid
    );
    assert_eq!(seen.progress, 3);
    assert_eq!(
        (summary.records, summary.documents, summary.invalid),
        (3, 2, 1)
    );
    let out = String::from_utf8(out).unwrap();
    assert_eq!(out.lines().count(), 2);
}
