//! Lines glued together from several texts: decided unit by unit, written
//! back byte for byte, with a line break between two kept units where the
//! settings (or, by default, a document glued throughout) ask for one.

mod common;

use common::Trickle;
use deboil::sink::KeptText;
use deboil::{Cleaner, Glue, LineOutcome, Piece, Sink};

const PROSE: &str = "The regional council approved the new budget on Tuesday evening, after a debate that lasted more than six hours and ended in a narrow vote.";
const MORE: &str = "The mayor said the vote showed that the city was ready to invest in its bridges, schools and parks for years to come.";

fn cleaner(glue: Glue) -> Cleaner {
    let mut builder = Cleaner::builder();
    builder.glue(glue);
    builder.build().unwrap()
}

#[test]
fn a_glued_menu_prefix_is_removed_from_a_prose_line() {
    let input = format!("Skip to contentAdvertisement{PROSE}\n{MORE}\n");
    let expected = format!("{PROSE}\n{MORE}\n");
    assert_eq!(Cleaner::new().clean(&input), expected);
    // Decided whole, the line is text and stays as it is.
    assert_eq!(cleaner(Glue::Lines).clean(&input), input);
}

#[test]
fn units_are_decided_one_by_one() {
    let input = format!("Skip to contentAdvertisement{PROSE}\n{MORE}\n");
    let c = Cleaner::new();
    let d = c.decisions(input.as_bytes());
    let got: Vec<_> = d
        .iter()
        .map(|d| (d.number, &input[d.range.clone()], d.kept, d.reason.code()))
        .collect();
    let prose_line = format!("{PROSE}\n");
    let more_line = format!("{MORE}\n");
    assert_eq!(
        got,
        vec![
            (1, "Skip to content", false, "navigation.skip-link"),
            (1, "Advertisement", false, "ads.label"),
            (1, prose_line.as_str(), true, "content.text"),
            (2, more_line.as_str(), true, "content.text"),
        ]
    );
}

#[test]
fn a_glued_rail_after_the_last_sentence_is_removed() {
    let input = format!("{MORE}\n{PROSE}Related storiesThe best bridges of the year\n");
    assert_eq!(Cleaner::new().clean(&input), format!("{MORE}\n{PROSE}\n"));
}

#[test]
fn kept_units_are_written_verbatim_and_nothing_is_inserted() {
    let input = format!(
        "Skip to contentAdvertisement{PROSE}\r\n{MORE}Related storiesThe best bridges\r\n{MORE}"
    );
    let out = cleaner(Glue::Units).clean_bytes(input.as_bytes());
    // The output is the kept units' bytes, in order, and the terminators of
    // lines with a kept unit.
    let c = Cleaner::new();
    let d = c.decisions(input.as_bytes());
    let mut expected = Vec::new();
    for (k, dec) in d.iter().enumerate() {
        let bytes = &input.as_bytes()[dec.range.clone()];
        let last_of_line = d.get(k + 1).is_none_or(|n| n.number != dec.number);
        let line_kept = d
            .iter()
            .any(|other| other.number == dec.number && other.kept);
        let (content, terminator) = deboil::lines::split_terminator(bytes);
        if dec.kept {
            expected.extend_from_slice(content);
        }
        if last_of_line && line_kept {
            expected.extend_from_slice(terminator);
        }
    }
    assert_eq!(out, expected);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        format!("{PROSE}\r\n{MORE}\r\n{MORE}")
    );
}

#[test]
fn break_writes_a_line_break_between_kept_units() {
    let input = format!("{MORE}\n{PROSE}Then one more sentence follows here.\n{MORE}");
    assert_eq!(
        cleaner(Glue::Break).clean(&input),
        format!("{MORE}\n{PROSE}\nThen one more sentence follows here.\n{MORE}")
    );
    // Without it, the same units are written as they were glued.
    assert_eq!(cleaner(Glue::Units).clean(&input), input);
    // The break takes the line's own terminator.
    let crlf = format!("{MORE}\r\n{PROSE}Then one more sentence follows here.\r\n");
    assert_eq!(
        cleaner(Glue::Break).clean(&crlf),
        format!("{MORE}\r\n{PROSE}\r\nThen one more sentence follows here.\r\n")
    );
}

#[test]
fn auto_breaks_only_in_documents_glued_throughout() {
    // A page whose texts were glued together by the scraper: a menu and a
    // heading run into each other and into the article.
    let glued = format!(
        "HomeNewsSportWeather\nCouncil votesBudget passed{PROSE}Then one more sentence follows here.\n{MORE}\n"
    );
    let auto = cleaner(Glue::Auto).clean(&glued);
    assert_eq!(auto, cleaner(Glue::Break).clean(&glued));
    assert_ne!(auto, cleaner(Glue::Units).clean(&glued));
    assert!(
        auto.contains(&format!("{PROSE}\nThen one more sentence follows here.\n")),
        "{auto}"
    );
    // A page scraped one text per line, whose only joins are two names in
    // one line of running text: written byte for byte.
    let names = format!(
        "{PROSE}\n{MORE}\n{PROSE}\nThe fix for the SyntaxError in the WordPress plugin shipped on Monday, the developers said.\n{MORE}\n"
    );
    assert_eq!(cleaner(Glue::Auto).clean(&names), names);
    assert_ne!(cleaner(Glue::Break).clean(&names), names);
    // Each document of a stream is judged on its own.
    let stream = format!("{glued}\x0c\n{names}");
    assert_eq!(
        cleaner(Glue::Auto).clean(&stream),
        format!("{auto}\x0c\n{names}")
    );
}

#[test]
fn names_in_prose_are_not_split() {
    let input = format!(
        "{MORE}\nShe watched the debate on YouTube with her iPhone, then wrote about it in JavaScript on LinkedIn.\n"
    );
    let c = Cleaner::new();
    let d = c.decisions(input.as_bytes());
    assert_eq!(d.len(), 2);
    assert_eq!(Cleaner::new().clean(&input), input);
    // One case change inside a word of running text is taken for a name,
    // not a join; after a heading, it is a join.
    let prose = "Our proprietary sugarcane-based SweetFoam midsole is both sturdy and soft.\n";
    assert_eq!(c.decisions(prose.as_bytes()).len(), 1);
    let heading = format!("Here to Stay{PROSE}\n");
    assert_eq!(c.decisions(heading.as_bytes()).len(), 2);
}

#[test]
fn glued_lines_do_not_depend_on_read_chunks_or_windows() {
    let mut input = String::new();
    for i in 0..60 {
        input.push_str(&format!("HomeNewsSport{i}\n{PROSE}Related storiesMore\n"));
        input.push_str(&format!("ShareTweetEmail{MORE}\n\n"));
    }
    for glue in [Glue::Units, Glue::Break, Glue::Auto] {
        let c = cleaner(glue);
        let whole = c.clean(&input);
        for step in [1, 7, 100, 4096] {
            let mut out = Vec::new();
            c.run(
                Trickle {
                    data: input.as_bytes(),
                    step,
                },
                KeptText::new(&mut out),
            )
            .unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), whole, "step {step}");
        }
        // Small windows never cut a line between its units.
        let mut builder = Cleaner::builder();
        builder.glue(glue).window_lines(5);
        let windowed = builder.build().unwrap();
        struct Pieces(Vec<(u64, Piece)>);
        impl Sink for Pieces {
            fn line(&mut self, line: &LineOutcome<'_>) -> std::io::Result<()> {
                self.0.push((line.number, line.piece));
                Ok(())
            }
        }
        let mut pieces = Pieces(Vec::new());
        windowed.run(input.as_bytes(), &mut pieces).unwrap();
        for w in pieces.0.windows(2) {
            if let ((n, Piece::Unit { .. } | Piece::Break), (m, _)) = (w[0], w[1]) {
                assert_eq!(n, m, "a line's units stay together");
            }
        }
        let out = windowed.clean(&input);
        assert!(out.contains(PROSE) && out.contains(MORE));
    }
}

/// A page scraped from minified HTML: one line, its texts separated only
/// by the page's runs of spaces.
fn minified_page() -> String {
    let menu = [
        "Home",
        "Services",
        "Call Center Services",
        "Engineering Services",
        "Software Development",
        "About Us",
        "Careers",
        "Contact",
    ];
    let footer = ["Privacy Policy", "Terms of Use", "Sitemap", "Contact Us"];
    format!(
        "{}    {PROSE}    {MORE}     {}\n",
        menu.join("    "),
        footer.join("    ")
    )
}

#[test]
fn a_minified_page_is_decided_text_by_text() {
    let input = minified_page();
    let c = Cleaner::new();
    let d = c.decisions(input.as_bytes());
    // One unit per text, all of line 1.
    assert_eq!(d.len(), 14, "{d:?}");
    assert!(d.iter().all(|d| d.number == 1));
    let units: Vec<&str> = d.iter().map(|d| input[d.range.clone()].trim()).collect();
    assert_eq!(units[0], "Home");
    assert_eq!(units[8], PROSE);
    assert_eq!(units[9], MORE);
    // The article is kept, word for word; the menu and the footer go.
    let out = c.clean(&input);
    assert!(out.contains(PROSE) && out.contains(MORE), "{out}");
    assert!(!out.contains("Privacy Policy"), "{out}");
    assert!(!out.contains("Engineering Services"), "{out}");
    // Decided whole, the line is kept as it is.
    assert_eq!(cleaner(Glue::Lines).clean(&input), input);
}

#[test]
fn code_and_tables_with_a_few_gaps_stay_whole() {
    let input = format!(
        "{PROSE}\nwal_level = replica                     # Enable streaming replication\n\
         extra/libpng            1.6.19-1     1.6.20-1       0.00 MiB\n{MORE}\n"
    );
    let c = Cleaner::new();
    let d = c.decisions(input.as_bytes());
    let lines: Vec<u64> = d.iter().map(|d| d.number).collect();
    assert_eq!(lines, vec![1, 2, 3, 4]);
}
