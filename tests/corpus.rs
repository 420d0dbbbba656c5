//! Every corpus case, through every code path: whole slice, and readers
//! that cut the input at every possible chunk boundary.

mod common;

use common::{Trickle, corpus_cases};
use deboil::Cleaner;
use deboil::sink::KeptText;

fn through_reader(cleaner: &Cleaner, input: &[u8], step: usize) -> Vec<u8> {
    let mut out = Vec::new();
    cleaner
        .run(Trickle { data: input, step }, KeptText::new(&mut out))
        .unwrap();
    out
}

#[test]
fn corpus_cases_clean_to_their_expected_output() {
    let cleaner = Cleaner::new();
    let cases = corpus_cases();
    assert!(cases.len() >= 34, "corpus has only {} cases", cases.len());
    let mut failures = Vec::new();
    for (input, expected) in &cases {
        let input_bytes = std::fs::read(input).unwrap();
        let expected_bytes = std::fs::read(expected).unwrap();
        let got = cleaner.clean_bytes(&input_bytes);
        if got != expected_bytes {
            failures.push(format!(
                "{}:\n--- expected\n{}\n--- got\n{}",
                input.display(),
                String::from_utf8_lossy(&expected_bytes),
                String::from_utf8_lossy(&got)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn corpus_cases_agree_across_chunk_boundaries() {
    let cleaner = Cleaner::new();
    for (input, _) in corpus_cases() {
        let bytes = std::fs::read(&input).unwrap();
        let whole = cleaner.clean_bytes(&bytes);
        for step in [1, 2, 3, 7, 64, 4096] {
            assert_eq!(
                through_reader(&cleaner, &bytes, step),
                whole,
                "{} with {step}-byte reads",
                input.display()
            );
        }
    }
}

#[test]
fn seed_article_is_cleaned_exactly() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seed");
    let input = std::fs::read_to_string(dir.join("rt-article.txt")).unwrap();
    let expected = std::fs::read_to_string(dir.join("rt-article.expected.txt")).unwrap();
    assert_eq!(Cleaner::new().clean(&input), expected);
}

#[test]
fn corpus_is_multilingual() {
    // At least a third of the cases are not in English: judged by the
    // share of ASCII letters among all letters of the input.
    let cases = corpus_cases();
    let non_english = cases
        .iter()
        .filter(|(input, _)| {
            let text = std::fs::read_to_string(input).unwrap();
            let letters = text.chars().filter(|c| c.is_alphabetic()).count();
            let ascii = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
            let lower = text.to_lowercase();
            let english = [" the ", " and ", " of ", " to "]
                .iter()
                .filter(|w| lower.matches(*w).count() >= 3)
                .count();
            ascii * 10 < letters * 9 || english < 3
        })
        .count();
    assert!(
        non_english * 3 >= cases.len(),
        "{non_english} of {} cases are not English",
        cases.len()
    );
}

/// Text that is already clean stays clean: cleaning a case's expected
/// output keeps all of it (the scorer must not take the end of a short
/// article for a footer because nothing follows it).
#[test]
fn clean_text_stays_clean() {
    let cleaner = Cleaner::new();
    let mut failures = Vec::new();
    for (_, expected) in corpus_cases() {
        let clean = std::fs::read(&expected).unwrap();
        let again = cleaner.clean_bytes(&clean);
        if again != clean {
            failures.push(format!(
                "{}:\n--- got\n{}",
                expected.display(),
                String::from_utf8_lossy(&again)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
