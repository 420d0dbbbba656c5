//! The `deboil` command: a well-behaved Unix filter.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn deboil() -> Command {
    Command::new(env!("CARGO_BIN_EXE_deboil"))
}

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    common::run_with_stdin(deboil(), args, stdin)
}

fn seed() -> (PathBuf, String) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/seed");
    let expected = std::fs::read_to_string(dir.join("rt-article.expected.txt")).unwrap();
    (dir.join("rt-article.txt"), expected)
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("deboil-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn seed_from_stdin_and_from_a_file() {
    let (input, expected) = seed();
    let out = run_with_stdin(&[], &std::fs::read(&input).unwrap());
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
    assert!(out.stderr.is_empty());
    let out = deboil().arg(&input).output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
}

#[test]
fn explain_prints_every_line_with_its_reason() {
    let (input, _) = seed();
    let out = deboil().arg("--explain").arg(&input).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let input_lines = std::fs::read_to_string(&input).unwrap().lines().count();
    assert_eq!(lines.len(), input_lines);
    assert!(lines[0].starts_with("- icons.glued-labels"), "{}", lines[0]);
    assert!(lines[3].starts_with("+ content.title"), "{}", lines[3]);
    assert!(lines[3].ends_with("| Poland wants NATO to move more troops closer to Russia"));
    assert!(lines.iter().any(|l| l.starts_with("- player.timestamp")));
}

#[test]
fn stats_go_to_stderr() {
    let (input, expected) = seed();
    let out = deboil().arg("--stats").arg(&input).output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("player.timestamp"), "{err}");
    assert!(err.contains("documents: 1"), "{err}");
}

#[test]
fn exit_zero_when_everything_is_dropped() {
    let out = run_with_stdin(&[], b"Advertisement\n0:00\n");
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
}

#[test]
fn missing_file_exits_2_naming_it() {
    let out = deboil().arg("no/such/file.txt").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("deboil: no/such/file.txt: "), "{err}");
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn bad_rules_file_exits_2_naming_file_and_line() {
    let dir = temp_dir("rules");
    let rules = dir.join("bad.rules");
    std::fs::write(&rules, "[ads/x]\nline: a\nfoo: bar\n").unwrap();
    let out = run_with_stdin(&["--rules", rules.to_str().unwrap()], b"x\n");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with(&format!(
            "deboil: {}:3: unknown setting 'foo'",
            rules.display()
        )),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn user_rules_apply() {
    let dir = temp_dir("user");
    let rules = dir.join("mine.rules");
    std::fs::write(&rules, "[house/promo]\nline: Buy one get one free\n").unwrap();
    let out = run_with_stdin(
        &["--rules", rules.to_str().unwrap()],
        b"Buy one get one free\nText.\n",
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "Text.\n");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn closed_pipe_exits_zero_quietly() {
    let line =
        "The regional council approved the new budget on Tuesday evening, after a long debate.\n";
    common::assert_closed_pipe_is_quiet(deboil(), line.repeat(200_000).into_bytes());
}

#[test]
fn help_fits_a_screen_and_version_prints() {
    let out = deboil().arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(
        help.lines().count() <= 40,
        "help has {} lines",
        help.lines().count()
    );
    assert!(help.lines().all(|l| l.chars().count() <= 100));
    assert!(help.contains("--explain"));
    let out = deboil().arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        format!("deboil {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let out = deboil().arg("--no-such-flag").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!out.stderr.is_empty());
}

#[test]
fn lang_flag_takes_a_known_code_or_auto() {
    let (input, expected) = seed();
    let input = std::fs::read(&input).unwrap();
    for args in [
        &["--lang", "en"][..],
        &["--lang", "auto"],
        &["--lang=EN"],
        &["--lang", "eng"],
    ] {
        let out = run_with_stdin(args, &input);
        assert!(out.status.success(), "{args:?}");
        assert_eq!(String::from_utf8(out.stdout).unwrap(), expected, "{args:?}");
    }
    // A wrong language changes features, never the command's health.
    let out = run_with_stdin(&["--lang", "ja"], &input);
    assert!(out.status.success());
    assert!(!out.stdout.is_empty());
}

#[test]
fn unknown_lang_is_a_usage_error_that_lists_the_codes() {
    let out = run_with_stdin(&["--lang", "xx"], b"Text.\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("unknown language 'xx'"), "{err}");
    assert!(err.contains("de, el, en"), "{err}");
}

#[test]
fn separator_lines_pass_through() {
    let input = b"Advertisement\nFirst text.\n\x0c\nAdvertisement\nSecond text.\n";
    let out = run_with_stdin(&[], input);
    assert_eq!(out.stdout, b"First text.\n\x0c\nSecond text.\n");
    let out = run_with_stdin(&["--doc-separator", "@@@"], b"A text.\n@@@\nB text.\n");
    assert_eq!(out.stdout, b"A text.\n@@@\nB text.\n");
}

#[test]
fn several_files_are_cleaned_in_order() {
    let dir = temp_dir("files");
    let a = dir.join("a.txt");
    let b = dir.join("b.txt");
    std::fs::write(&a, "Advertisement\nAlpha text.\n").unwrap();
    std::fs::write(&b, "Beta text.\n0:00\n").unwrap();
    let out = deboil().arg(&a).arg(&b).output().unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Alpha text.\nBeta text.\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn beta_is_checked_and_excludes_a_threshold() {
    let run = |args: &[&str]| deboil().args(args).stdin(Stdio::null()).output().unwrap();
    for bad in ["0", "-1", "nan", "inf"] {
        let out = run(&[&format!("--beta={bad}")]);
        assert_eq!(out.status.code(), Some(2), "--beta {bad}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("beta"),
            "--beta {bad}"
        );
    }
    let out = run(&["--beta", "1", "--threshold", "0.3"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be used with"));
    // A recall-minded beta keeps at least what the default keeps.
    let (input, _) = seed();
    let keep = |args: &[&str]| {
        let out = deboil().args(args).arg(&input).output().unwrap();
        assert!(out.status.success());
        out.stdout.len()
    };
    assert!(keep(&["--beta", "3"]) >= keep(&[]));
    assert!(keep(&[]) >= keep(&["--beta", "0.5"]));
}

#[test]
fn text_on_threads_writes_what_one_thread_writes() {
    // Documents separated by form-feed lines, cleaned on three threads:
    // the same text, listing and statistics, in order, from stdin and
    // from several files.
    let mut input = Vec::new();
    for (page, _) in common::corpus_cases() {
        input.extend_from_slice(&std::fs::read(page).unwrap());
        input.extend_from_slice(b"\x0c\n");
    }
    for args in [
        &[][..],
        &["--explain"],
        &["--stats=json"],
        &["--mode", "conservative"],
    ] {
        let one = run_with_stdin(args, &input);
        let three = run_with_stdin(&[args, &["--threads", "3"]].concat(), &input);
        assert!(one.status.success() && three.status.success());
        assert!(!one.stdout.is_empty());
        assert!(one.stdout == three.stdout, "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&one.stderr),
            String::from_utf8_lossy(&three.stderr)
        );
    }
    let dir = temp_dir("threads");
    let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
    std::fs::write(&a, &input).unwrap();
    std::fs::write(&b, &input[..input.len() / 3]).unwrap();
    let one = deboil().arg(&a).arg(&b).output().unwrap();
    let two = deboil()
        .args(["--threads", "2"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert!(one.stdout == two.stdout);
    std::fs::remove_dir_all(dir).unwrap();
}

/// A forest file without trees (the shipped file's header alone) turns the
/// scorer off: the rules decide alone, so no line is dropped for its score,
/// and what the rules drop is still dropped. (`benches/throughput.py
/// --decompose` times deboil this way.)
#[test]
fn a_forest_without_trees_leaves_the_rules_alone() {
    let shipped = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/model/forest.txt"),
    )
    .unwrap();
    let header: String = shipped
        .split_inclusive('\n')
        .take_while(|l| !l.starts_with("tree "))
        .collect();
    assert!(header.len() < shipped.len(), "the shipped forest has trees");
    let dir = temp_dir("no-trees");
    let forest = dir.join("forest.txt");
    std::fs::write(&forest, &header).unwrap();
    // A page title with the site's name, which the shipped scorer drops,
    // before an article; a share prompt, which a rule drops, after it.
    let input = "How Tides Work | The Ocean Guide\nPage Contents\nTopics\nHow Tides Work\n\
        Tides are the regular rise and fall of the sea, caused mostly by the pull of the moon on the oceans of the earth.\n\
        Twice a day the water climbs the shore and twice a day it falls back, and the hours shift a little from one day to the next.\n\
        The sun pulls on the oceans too, and when sun and moon line up the tides are larger than usual, which sailors call spring tides.\n\
        When the two pull at right angles the tides are smaller, and these are called neap tides by those who work on the water.\n\
        Coasts differ a great deal: some bays see a few centimetres of change, while others see more than ten metres between low and high water.\n\
        Share this article\n";
    let reasons = |args: &[&str]| -> Vec<String> {
        let out = run_with_stdin(&[args, &["--explain"]].concat(), input.as_bytes());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| l.split(" | ").next().unwrap_or("").trim_end().to_string())
            .collect()
    };
    let with_scorer = reasons(&[]);
    let rules_alone = reasons(&["--forest", forest.to_str().unwrap()]);
    assert!(
        with_scorer.iter().any(|r| r == "- context.low-score"),
        "the shipped scorer should drop the page title: {with_scorer:?}"
    );
    assert!(
        !rules_alone.iter().any(|r| r.ends_with("low-score")),
        "{rules_alone:?}"
    );
    assert_eq!(
        rules_alone.last().map(String::as_str),
        Some("- social.share")
    );
    assert_eq!(rules_alone.len(), input.lines().count());
    std::fs::remove_dir_all(dir).unwrap();
}
