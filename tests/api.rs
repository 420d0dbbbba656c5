//! The library API: decisions, bad input, bounded memory paths, user rules.

mod common;

use common::Trickle;
use deboil::sink::{KeptText, Stats};
use deboil::{Cleaner, ErrorKind, LineOutcome, Piece, Sink};

const PROSE: &str = "The regional council approved the new budget on Tuesday evening, after a debate that lasted more than six hours and ended in a narrow vote.";

fn page(lines: &[&str]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// The kept text of `input`, read at most `step` bytes at a time.
fn kept_in_reads(cleaner: &Cleaner, input: &[u8], step: usize) -> (Vec<u8>, deboil::Summary) {
    let mut out = Vec::new();
    let summary = cleaner
        .run(Trickle { data: input, step }, KeptText::new(&mut out))
        .unwrap();
    (out, summary)
}

#[test]
fn cleaner_is_send_sync_and_cheap_to_clone() {
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<Cleaner>();
    let cleaner = Cleaner::new();
    let input = page(&["Advertisement", PROSE]);
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let c = cleaner.clone();
            let input = input.clone();
            std::thread::spawn(move || c.clean(&input))
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), format!("{PROSE}\n"));
    }
}

#[test]
fn every_line_gets_a_decision_with_a_stable_reason() {
    let cleaner = Cleaner::new();
    let input = page(&[
        "Skip to content",
        PROSE,
        "0:00",
        "© 2024 Example Media. All rights reserved.",
    ]);
    let d = cleaner.decisions(input.as_bytes());
    let codes: Vec<_> = d.iter().map(|d| (d.kept, d.reason.code())).collect();
    assert_eq!(
        codes,
        vec![
            (false, "navigation.skip-link"),
            (true, "content.text"),
            (false, "player.timestamp"),
            (false, "legal.copyright"),
        ]
    );
    assert_eq!(d[1].range, 16..16 + PROSE.len() + 1);
    assert_eq!(d[2].number, 3);
    assert_eq!(d[2].reason.family(), "player");
    assert_eq!(d[2].reason.name(), "timestamp");
    let total: usize = d.iter().map(|d| d.range.len()).sum();
    assert_eq!(total, input.len());
}

#[test]
fn kept_bytes_pass_through_unchanged() {
    let cleaner = Cleaner::new();
    // CRLF, invalid UTF-8, NUL bytes, odd white space and no final newline.
    let mut input = Vec::new();
    input.extend_from_slice(b"Advertisement\r\n");
    input.extend_from_slice(PROSE.as_bytes());
    input.extend_from_slice(b"  \xff\xfe\x00 \r\n");
    input.extend_from_slice(b"\r\n");
    input.extend_from_slice(PROSE.as_bytes());
    input.extend_from_slice(b"\t\x00");
    let out = cleaner.clean_bytes(&input);
    let mut expected = Vec::new();
    expected.extend_from_slice(PROSE.as_bytes());
    expected.extend_from_slice(b"  \xff\xfe\x00 \r\n\r\n");
    expected.extend_from_slice(PROSE.as_bytes());
    expected.extend_from_slice(b"\t\x00");
    assert_eq!(out, expected);
}

#[test]
fn empty_and_blank_inputs() {
    let cleaner = Cleaner::new();
    assert_eq!(cleaner.clean(""), "");
    assert_eq!(cleaner.clean("\n\n\n"), "");
    assert!(cleaner.decisions(b"").is_empty());
    assert_eq!(
        cleaner.clean("Only line without newline"),
        "Only line without newline"
    );
    // A document of a NUL byte alone is decided (either way) without panic.
    let d = cleaner.decisions(b"\0");
    assert_eq!((d.len(), d[0].range.clone()), (1, 0..1));
}

#[test]
fn decisions_are_made_on_invalid_utf8_lines() {
    let cleaner = Cleaner::new();
    let d = cleaner.decisions(b"Advertisement \xff\n");
    assert!(!d[0].kept);
    assert_eq!(d[0].reason.code(), "ads.label");
}

#[test]
fn blank_lines_separate_kept_paragraphs_only() {
    let cleaner = Cleaner::new();
    let input = page(&[
        "",
        "Advertisement",
        "",
        PROSE,
        "",
        "Advertisement",
        "",
        PROSE,
        "",
        "",
        "0:00",
        "",
    ]);
    assert_eq!(cleaner.clean(&input), page(&[PROSE, "", PROSE]));
}

#[test]
fn separator_lines_split_documents_and_pass_through() {
    let cleaner = Cleaner::new();
    let title = "Poland wants NATO to move more troops";
    let input = page(&[title, PROSE, "\x0c", title, PROSE]);
    // The repeated title is in another document: not a repeat.
    let d = cleaner.decisions(input.as_bytes());
    assert_ne!(d[3].reason.code(), "repeats.verbatim");
    assert_eq!(d[2].reason.code(), "document.separator");
    assert!(d[1].kept && d[2].kept && d[4].kept);
    let mut stats = Stats::default();
    let summary = cleaner.run(input.as_bytes(), &mut stats).unwrap();
    assert_eq!(summary.documents, 2);
    assert_eq!(stats.documents, 2);
    assert_eq!(stats.by_reason["document.separator"].lines, 1);
    // Within one document, it is.
    let one = Cleaner::builder().document_separator(None).build().unwrap();
    let d = one.decisions(input.as_bytes());
    assert_eq!(d[3].reason.code(), "repeats.verbatim");
}

#[test]
fn documents_in_one_stream_are_cleaned_as_each_alone() {
    // Small documents, many to a read; a document longer than the cap
    // and than a read (decided in windows, some of them across reads); a
    // line longer than the line cap; a last document without a newline.
    // The bytes of documents already written stay in the buffer until it
    // is next filled, so every read size puts the boundaries somewhere
    // else.
    let cleaner = Cleaner::builder()
        .document_cap(4096)
        .line_cap(2048)
        .build()
        .unwrap();
    // Each document ends with a newline, so that the separator line
    // after it is a line of its own.
    let seed = format!(
        "{}\n",
        include_str!("../corpus/seed/rt-article.txt").trim_end()
    );
    let windowed: String = (0..500)
        .map(|i| format!("In the {i}th session, {PROSE}\nShare\n"))
        .collect();
    let long_line = format!("Menu\n{}\n{PROSE}\n", "y".repeat(5000));
    let mut docs: Vec<String> = Vec::new();
    for i in 0..40 {
        docs.push(page(&[
            "Home",
            "News",
            &format!("Story {i}"),
            PROSE,
            "Reply",
            "Share",
        ]));
        if i % 9 == 0 {
            docs.push(seed.clone());
        }
        if i % 13 == 0 {
            docs.push(windowed.clone());
            docs.push(long_line.clone());
        }
    }
    docs.push("Share\nThe end of the stream, without a newline.".to_string());
    let mut expected = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        expected.extend(kept_in_reads(&cleaner, doc.as_bytes(), usize::MAX).0);
        if i + 1 < docs.len() {
            expected.extend_from_slice(b"\x0c\n");
        }
    }
    let input = docs.join("\x0c\n");
    for step in [1, 7, 100, 4096, 65_536, 1 << 20] {
        let (out, summary) = kept_in_reads(&cleaner, input.as_bytes(), step);
        assert_eq!(summary.documents, docs.len() as u64, "step {step}");
        assert!(out == expected, "step {step}");
    }
}

#[test]
fn a_line_longer_than_the_line_cap_is_streamed_and_kept() {
    let cleaner = Cleaner::builder().line_cap(1024).build().unwrap();
    let long = "x".repeat(100_000);
    let input = format!("Advertisement\n{long}\n{PROSE}\nAdvertisement\n{long}");
    let expected = format!("{long}\n{PROSE}\n{long}");
    assert_eq!(cleaner.clean(&input), expected);
    for step in [1000, 4096, 70_000] {
        let (out, _) = kept_in_reads(&cleaner, input.as_bytes(), step);
        assert_eq!(out, expected.as_bytes(), "step {step}");
    }
    let d = cleaner.decisions(input.as_bytes());
    assert_eq!(d[1].reason.code(), "content.long-line");
    assert_eq!(d[1].range.len(), long.len() + 1);
    assert_eq!(d.len(), 5);
}

#[test]
fn an_oversized_document_is_decided_in_windows() {
    struct Windowed(u64, u64);
    impl Sink for Windowed {
        fn line(&mut self, line: &LineOutcome<'_>) -> std::io::Result<()> {
            assert_eq!(line.piece, Piece::Whole);
            self.0 += line.windowed as u64;
            self.1 += 1;
            Ok(())
        }
    }
    let cleaner = Cleaner::builder().document_cap(4096).build().unwrap();
    let paragraphs: Vec<String> = (0..200)
        .map(|i| format!("In the {i}th session, {PROSE}\nAdvertisement\n"))
        .collect();
    let input = paragraphs.concat();
    let mut w = Windowed(0, 0);
    let summary = cleaner.run(input.as_bytes(), &mut w).unwrap();
    assert_eq!(w.1, 400);
    assert_eq!(w.0, 400);
    assert_eq!(summary.windowed_documents, 1);
    let expected: String = paragraphs
        .iter()
        .map(|p| p.replace("Advertisement\n", ""))
        .collect();
    assert_eq!(cleaner.clean(&input), expected);
}

#[test]
fn prose_with_trigger_words_is_kept() {
    let cleaner = Cleaner::new();
    let input = page(&[
        "How cookies took over the web",
        "Every website now greets visitors with a banner: we use cookies, it says, and asks to accept all of them before reading on.",
        "The menu of choices is designed to tire people out, and most simply click accept all cookies to get to the article.",
        "A video player that starts with the sound muted, the researchers found, is paused within seconds by most viewers.",
        "Sign in, share, subscribe: the words on these buttons were tested on millions of users before they were chosen.",
        "Copyright law, the court said, protects the words of the article but not the facts, and all rights reserved by the author stay with her.",
    ]);
    assert_eq!(cleaner.clean(&input), input);
}

#[test]
fn headings_and_list_items_inside_the_main_text_survive() {
    let cleaner = Cleaner::new();
    let input = page(&[
        "How to plant tomatoes",
        PROSE,
        "What you need",
        "Seeds",
        "Compost",
        "A sunny spot",
        PROSE,
        "Watering",
        PROSE,
    ]);
    assert_eq!(cleaner.clean(&input), input);
}

#[test]
fn user_rules_are_tried_first_and_errors_name_file_and_line() {
    let dir = std::env::temp_dir().join(format!("deboil-api-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.rules");
    std::fs::write(&good, "[house/keep-ads]\naction: keep\nline: Advertisement\n\n[house/promo]\nprefix: today only\n").unwrap();
    let cleaner = Cleaner::builder().rules_file(&good).build().unwrap();
    let input = page(&["Advertisement", "Today only: half price", PROSE]);
    assert_eq!(cleaner.clean(&input), page(&["Advertisement", PROSE]));
    let d = cleaner.decisions(input.as_bytes());
    assert_eq!(d[0].reason.code(), "house.keep-ads");
    assert_eq!(d[1].reason.code(), "house.promo");

    let bad = dir.join("bad.rules");
    std::fs::write(&bad, "[house/x]\nline: a\nregex: (\n").unwrap();
    let err = Cleaner::builder().rules_file(&bad).build().unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::Rules { line: 3, .. }),
        "{err}"
    );
    assert!(
        err.to_string()
            .starts_with(&format!("{}:3: invalid regex", bad.display())),
        "{err}"
    );

    let missing = Cleaner::builder()
        .rules_file(dir.join("nope.rules"))
        .build()
        .unwrap_err();
    assert!(missing.to_string().contains("nope.rules"), "{missing}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn invalid_configuration_is_an_error() {
    assert!(Cleaner::builder().document_cap(0).build().is_err());
    assert!(
        Cleaner::builder()
            .document_separator(Some(b"a\nb"))
            .build()
            .is_err()
    );
}

#[test]
fn language_is_auto_or_a_known_code() {
    assert!(Cleaner::builder().language("auto").build().is_ok());
    assert!(Cleaner::builder().language("de").build().is_ok());
    assert!(Cleaner::builder().language("zho").build().is_err());
    let err = Cleaner::builder().language("xx").build().unwrap_err();
    assert!(err.to_string().contains("unknown language 'xx'"), "{err}");
}

#[test]
fn documents_in_unknown_or_mixed_languages_are_cleaned() {
    let cleaner = Cleaner::new();
    // Nothing a guesser can name: digits, symbols, a made-up script mix.
    let odd = "12:30 — 4.5 / 10 %\n\u{e001} ★★★\nxq zvk prrt wqq\n";
    assert_eq!(cleaner.decisions(odd.as_bytes()).len(), 3);
    let mixed = page(&[
        "Advertisement",
        "The new library opens on Monday with a reading room, a café and a small garden for children.",
        "Die neue Bibliothek öffnet am Montag mit einem Lesesaal, einem Café und einem kleinen Garten.",
        "新しい図書館は月曜日に開館し、閲覧室とカフェと子ども向けの小さな庭があります。",
    ]);
    let kept = cleaner.clean(&mixed);
    assert!(!kept.contains("Advertisement"));
    assert!(kept.contains("The new library"));
}

#[test]
fn stats_count_every_line_once() {
    let cleaner = Cleaner::new();
    let input = page(&["Advertisement", PROSE, "", PROSE, "0:00"]);
    let mut stats = Stats::default();
    let summary = cleaner.run(input.as_bytes(), &mut stats).unwrap();
    let (kl, kb, dl, db) = stats.totals();
    assert_eq!(kl + dl, 5);
    assert_eq!(kb + db, input.len() as u64);
    assert_eq!(summary.lines, 5);
    assert_eq!(summary.lines_kept, kl);
    assert_eq!(summary.bytes_kept, kb);
    assert_eq!(stats.by_reason["ads.label"].lines, 1);
}

#[test]
fn conservative_mode_scores_only_at_a_threshold_named_for_it() {
    let dir = std::env::temp_dir().join(format!("deboil-api-modes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // One tree, one leaf: every scored line gets a very low score.
    let forest = |modes: &str| {
        format!(
            "deboil-forest 1\nfeatures {}\nbase 0\n{modes}tree 0 1\n-10\n",
            deboil::model::N_FEATURES
        )
    };
    let with = dir.join("with.txt");
    let without = dir.join("without.txt");
    std::fs::write(&with, forest("mode balanced 0.5\nmode conservative 0.2\n")).unwrap();
    std::fs::write(&without, forest("mode balanced 0.5\n")).unwrap();
    let text = page(&[
        "Residents were asked to boil their water until further notice.",
        "The utility said tests would take two days.",
    ]);
    let clean = |path: &std::path::Path, mode: deboil::Mode| {
        Cleaner::builder()
            .forest_file(path)
            .mode(mode)
            .build()
            .unwrap()
            .clean(&text)
    };
    // The forest names a conservative threshold: the scorer runs.
    assert_eq!(clean(&with, deboil::Mode::Conservative), "");
    // It names none: no scorer in conservative mode, but in balanced.
    assert_eq!(clean(&without, deboil::Mode::Conservative), text);
    assert_eq!(clean(&without, deboil::Mode::Balanced), "");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Writes a forest for the crate's feature rows, `body` holding its modes
/// and trees, into a new temporary directory named after `test`; returns
/// the directory (for the test to remove) and the file.
fn forest_file(test: &str, body: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("deboil-api-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("forest.txt");
    let header = format!(
        "deboil-forest 1\nfeatures {}\nbase 0\n",
        deboil::model::N_FEATURES
    );
    std::fs::write(&path, header + body).unwrap();
    (dir, path)
}

#[test]
fn expected_f_decisions_depend_on_the_document() {
    // One split on log_words (feature 1): lines of up to three words score
    // 0.05, longer lines 0.95.
    let (dir, path) = forest_file("beta", "tree 1 2\n1 1.5 -1 -2\n-2.944 2.944\n");
    let clean = |text: &str, configure: &dyn Fn(&mut deboil::CleanerBuilder)| {
        let mut builder = Cleaner::builder();
        builder.forest_file(&path);
        configure(&mut builder);
        builder.build().unwrap().clean(text)
    };
    let short = "Red apples.\nGreen pears.\n";
    let mixed = "Red apples.\nResidents were asked to boil their water until further notice.\n";
    // A fixed threshold drops the short lines everywhere, and so loses all
    // of the first document.
    let fixed = |b: &mut deboil::CleanerBuilder| {
        b.threshold(0.5);
    };
    assert_eq!(clean(short, &fixed), "");
    assert_eq!(
        clean(mixed, &fixed),
        "Residents were asked to boil their water until further notice.\n"
    );
    // The expected F-score keeps them where nothing scores better, and
    // drops them beside a line the scorer is sure of.
    let beta = |b: &mut deboil::CleanerBuilder| {
        b.beta(1.0);
    };
    assert_eq!(clean(short, &beta), short);
    assert_eq!(
        clean(mixed, &beta),
        "Residents were asked to boil their water until further notice.\n"
    );
    // Beta is checked.
    let bad = Cleaner::builder().forest_file(&path).beta(0.0).build();
    assert!(bad.unwrap_err().to_string().contains("beta"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_rank_pass_rescores_lines_from_their_order() {
    // The first forest scores every line alike (0.5), so their order is
    // their line order; the rank pass keeps the first third of it.
    let rank = format!(
        "rank-pass\ndeboil-forest 1\nfeatures {}\nbase 0\ntree 1 2\n2 0.3 -1 -2\n5 -5\n",
        deboil::model::RANK_FEATURES
    );
    let (dir, flat) = forest_file("rank-flat", "tree 0 1\n0\n");
    let with_rank = dir.join("ranked.txt");
    let text = std::fs::read_to_string(&flat).unwrap() + &rank;
    std::fs::write(&with_rank, text).unwrap();
    // Lines of several words, not sentences: the passes after the
    // decision would keep a sentence that follows kept text.
    let items = [
        "Red apples and green pears from the valley",
        "Fresh bread baked every morning in the village",
        "Local cheese made by three families on the hill",
        "Wine from the old cellar under the town hall",
        "Honey and jam sold at the Saturday market stalls",
        "Flowers grown in the gardens along the river bank",
    ];
    let text = page(&items);
    let clean = |path: &std::path::Path| {
        Cleaner::builder()
            .forest_file(path)
            .threshold(0.5)
            .build()
            .unwrap()
            .clean(&text)
    };
    assert_eq!(clean(&flat), text);
    // Ranks 0 and 0.2 are kept, 0.4 to 1 dropped.
    assert_eq!(clean(&with_rank), page(&items[..2]));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A forest of one split on log_chars (feature 0): lines of up to five
/// characters score 0.05, longer lines 0.95.
const SHORT_LINES_SCORE_LOW: &str = "tree 1 2\n0 1.8 -1 -2\n-2.944 2.944\n";

#[test]
fn one_scored_out_line_between_kept_lines_is_kept() {
    let (dir, path) = forest_file("gap", SHORT_LINES_SCORE_LOW);
    let cleaner = Cleaner::builder()
        .forest_file(&path)
        .threshold(0.5)
        .build()
        .unwrap();
    // One short line between two sentences is kept; two are not.
    let one = page(&[PROSE, "Figs", PROSE]);
    assert_eq!(cleaner.clean(&one), one);
    let two = page(&[PROSE, "Figs", "Plum", PROSE]);
    assert_eq!(cleaner.clean(&two), page(&[PROSE, PROSE]));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_lone_kept_label_after_scored_out_labels_is_dropped() {
    let (dir, path) = forest_file("lone", SHORT_LINES_SCORE_LOW);
    let cleaner = Cleaner::builder()
        .forest_file(&path)
        .threshold(0.5)
        .build()
        .unwrap();
    // "Oranges" scores high, but sits between menu labels the scorer
    // dropped: it goes with them.
    let menu = page(&[PROSE, "Figs", "Plum", "Oranges", "Kiwi", PROSE]);
    assert_eq!(cleaner.clean(&menu), page(&[PROSE, PROSE]));
    // A sentence there stays: only label-shaped lines are dropped (and
    // "Kiwi", one line between kept lines, is kept with it).
    let sentence = "Oranges are in season.";
    let text = page(&[PROSE, "Figs", "Plum", sentence, "Kiwi", PROSE]);
    assert_eq!(
        cleaner.clean(&text),
        page(&[PROSE, sentence, "Kiwi", PROSE])
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The reason code of every line of `input`, with the default cleaner.
fn reasons(input: &str) -> Vec<String> {
    Cleaner::new()
        .decisions(input.as_bytes())
        .iter()
        .map(|d| d.reason.code().to_string())
        .collect()
}

#[test]
fn a_table_of_dates_and_numbers_is_not_a_byline() {
    // One date under the title: a byline.
    let byline = page(&["Rents keep rising", "1/5/2024", PROSE, PROSE]);
    assert_eq!(reasons(&byline)[1], "byline.date");
    // Six rows of a date and a number: a table, decided as text.
    let mut lines = vec!["Rents keep rising", PROSE];
    let rows = [
        "1/1/2023", "+13.1%", "2/1/2023", "+12.9%", "3/1/2023", "+11.9%", "4/1/2023", "+12.5%",
        "5/1/2023", "+9.7%", "6/1/2023", "+8.6%",
    ];
    lines.extend(rows);
    lines.push(PROSE);
    let got = reasons(&page(&lines));
    assert!(got[2..14].iter().all(|r| r != "byline.date"), "{got:?}");
    // Five rows are not enough.
    let mut lines = vec!["Rents keep rising", PROSE];
    lines.extend(&rows[..10]);
    lines.push(PROSE);
    let got = reasons(&page(&lines));
    assert_eq!(got[2], "byline.date", "{got:?}");
}

#[test]
fn the_dates_of_a_threads_posts_are_not_bylines() {
    let post =
        "I replaced the power supply and the board boots again, thanks for the help everyone.";
    // Three posts, each a name, a date and its text: the dates head the
    // posts, and are left to the scorer.
    let mut lines = vec!["Board will not boot after update"];
    for (name, date) in [
        ("alice", "Sun Dec 17, 2023 11:18 am"),
        ("bob", "Mon Dec 18, 2023 9:02 am"),
        ("carol", "Tue Dec 19, 2023 4:40 pm"),
    ] {
        lines.extend([name, date, post]);
    }
    let got = reasons(&page(&lines));
    assert!(got.iter().all(|r| r != "byline.date"), "{got:?}");
    // Two dated posts are not yet a thread.
    let got = reasons(&page(&lines[..7]));
    assert_eq!(got[2], "byline.date", "{got:?}");
    // One date under a title is a byline.
    let byline = page(&[
        "Rents keep rising",
        "Sun Dec 17, 2023 11:18 am",
        PROSE,
        PROSE,
    ]);
    assert_eq!(reasons(&byline)[1], "byline.date");
}

#[test]
fn in_conservative_mode_keep_rules_still_stand() {
    // Every scored line gets a very low score, under a fixed cut.
    let (dir, path) = forest_file("keep-stands", "mode conservative beta 2\ntree 0 1\n-5\n");
    let text = page(&[PROSE, "Advertisement", "Terms of sale apply"]);
    let kept = Cleaner::builder()
        .forest_file(&path)
        .mode(deboil::Mode::Conservative)
        .threshold(0.5)
        .rules_text(
            "house.rules",
            "[house/keep-ads]\naction: keep\nline: Advertisement\n",
        )
        .build()
        .unwrap()
        .clean(&text);
    // The keep rule's line stays; the scorer drops what it decides.
    assert!(kept.contains("Advertisement\n"), "{kept:?}");
    assert!(!kept.contains("Terms of sale"), "{kept:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn in_conservative_mode_rules_and_context_rules_advise_the_scorer() {
    // Every scored line gets a very high score.
    let (dir, path) = forest_file(
        "advise",
        "mode balanced beta 1\nmode conservative beta 2\ntree 0 1\n5\n",
    );
    let text = page(&[
        "Rents keep rising in the city",
        PROSE,
        "Share on Facebook",
        "Rents keep rising in the city",
        PROSE,
        "Related stories",
        "City hall to vote on new housing plan",
    ]);
    let clean = |mode: deboil::Mode| {
        Cleaner::builder()
            .forest_file(&path)
            .mode(mode)
            .build()
            .unwrap()
            .clean(&text)
    };
    // Balanced: the share prompt is dropped by its rule, the repeat and
    // the rail by the context rules.
    assert_eq!(
        clean(deboil::Mode::Balanced),
        page(&["Rents keep rising in the city", PROSE, PROSE])
    );
    // Conservative: the scorer, sure of every line, keeps them.
    assert_eq!(clean(deboil::Mode::Conservative), text);
    std::fs::remove_dir_all(&dir).unwrap();
}
