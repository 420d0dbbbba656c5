//! Decisions for the lines of one document (or one window of a document too
//! large to hold): per-line analysis, rule matching, then context.
//!
//! Data flows one way: bytes → text and key → features → rule hit → context
//! passes → a keep/drop decision with a reason per line. Blank lines are not
//! decided here; the emitter resolves them once it knows their neighbours.

use std::borrow::Cow;

use crate::features::LineFeatures;
use crate::hash::{KeyHashMap, bytes_hash};
use crate::lang::{self, Language, Sampler};
use crate::lines::{self, without_terminator};
use crate::model::lexicon::{Lexicon, TitleOverlap, TitleWords, WordEvidence};
use crate::model::{Decision, DocFeatures, Forest};
use crate::normalize::key_of_text;
use crate::reason::{self, ReasonId};
use crate::rules::{Action, LineView, RuleSet};
use crate::same_lines::SameLines;

/// One line of the current document window.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LineRec {
    /// Byte range of the line in the window buffer, terminator included.
    pub start: usize,
    pub end: usize,
    pub blank: bool,
    pub features: LineFeatures,
    /// The first matching rule and its action.
    pub hit: Option<(u32, Action)>,
    /// A hash of the matching key (0 for an empty key).
    pub key_hash: u64,
    /// The text starts with an upper-case or caseless letter or a digit,
    /// and does not end with a comma.
    pub starts_like_label: bool,
    /// The context heuristics' verdict (`TEXT` when they have none).
    pub context: ReasonId,
    /// Stopwords of the document's language in the line.
    pub stopwords: u32,
    /// What the scorer's lexicon says of the line's words.
    pub evidence: WordEvidence,
    /// How much of the line repeats the document's first line (its title).
    pub title: TitleOverlap,
    pub keep: bool,
    pub reason: ReasonId,
    /// This unit starts at a glue join: it continues a line whose earlier
    /// text is the unit before it.
    pub joined_prev: bool,
    /// Another unit of the same line follows (this unit holds no
    /// terminator).
    pub joined_next: bool,
}

impl LineRec {
    pub(crate) fn new(start: usize, end: usize) -> LineRec {
        LineRec {
            start,
            end,
            blank: false,
            features: LineFeatures::default(),
            hit: None,
            key_hash: 0,
            starts_like_label: false,
            context: reason::TEXT,
            stopwords: 0,
            evidence: WordEvidence::default(),
            title: TitleOverlap::default(),
            keep: true,
            reason: reason::TEXT,
            joined_prev: false,
            joined_next: false,
        }
    }

    /// Takes what [`analyse`] finds from `first`, a line with the same
    /// bytes: the rest of `self` (its place, its glue joins, the passes
    /// after the analysis) stays its own.
    fn take_analysis(&mut self, first: &LineRec) {
        self.blank = first.blank;
        self.features = first.features;
        self.starts_like_label = first.starts_like_label;
        self.key_hash = first.key_hash;
        self.hit = first.hit;
    }

    /// The same unit, undecided again.
    pub(crate) fn reset(&self, shift: usize) -> LineRec {
        LineRec {
            joined_prev: self.joined_prev,
            joined_next: self.joined_next,
            ..LineRec::new(self.start - shift, self.end - shift)
        }
    }

    /// True for a line that reads as text rather than a label: prose, or a
    /// complete sentence of several words.
    pub(crate) fn is_text(&self) -> bool {
        let f = &self.features;
        f.is_prose() || (f.effective_words() >= 7 && f.ends_sentence)
    }

    /// True when the scorer decides this line: no verdict of a rule, a
    /// context rule or the title stands. With `rules_advise`, a rule's or
    /// a context rule's drop is one of the scorer's features instead of a
    /// verdict; keep rules and the title still stand.
    pub(crate) fn is_scored(&self, rules_advise: bool) -> bool {
        let stands = match self.hit {
            Some((_, Action::Keep)) => true,
            Some((_, Action::Drop)) => !rules_advise,
            Some((_, Action::Rail)) | None => self.context != reason::TEXT && !rules_advise,
        };
        !stands && self.reason != reason::TITLE
    }

    fn drop_hit(&self) -> bool {
        matches!(self.hit, Some((_, Action::Drop)))
    }

    fn keep_hit(&self) -> bool {
        matches!(self.hit, Some((_, Action::Keep)))
    }

    /// A short line shaped like a menu label: a few words, starting with a
    /// capital letter (or a letter of a script without case, or a digit),
    /// not ending like a sentence or a clause. Lines that start in lower
    /// case or with punctuation are fragments of running text split by
    /// inline markup, and never labels.
    pub(crate) fn is_label(&self) -> bool {
        let f = &self.features;
        let w = f.effective_words();
        (1..=SHORT_WORDS).contains(&w)
            && f.letters >= 2
            && !f.ends_sentence
            && self.starts_like_label
    }
}

/// Records the line `buf[start..end]` as one unit, or, with `split`, as
/// one unit per glued text (see [`crate::glue`]). The last unit holds the
/// terminator.
pub(crate) fn push_units(
    buf: &[u8],
    start: usize,
    end: usize,
    split: bool,
    lines: &mut Vec<LineRec>,
) {
    let content = without_terminator(&buf[start..end]);
    if content.is_empty() {
        lines.push(LineRec::new(start, end));
        return;
    }
    let glued = split && worth_splitting(content);
    // Most lines have no run of three spaces and no tab, which a quick
    // test tells before the gaps are counted.
    let gapped = split
        && crate::glue::may_have_gaps(content)
        && crate::glue::gaps(content).nth(MIN_GAPS - 1).is_some();
    if glued || gapped {
        let mut from = start;
        let joins = glued.then(|| crate::glue::joins(content));
        let gaps = gapped.then(|| crate::glue::gaps(content));
        let (joins, gaps) = (joins.into_iter().flatten(), gaps.into_iter().flatten());
        for at in merge_sorted(joins, gaps) {
            let mut unit = LineRec::new(from, start + at);
            unit.joined_prev = from != start;
            unit.joined_next = true;
            lines.push(unit);
            from = start + at;
        }
        let mut unit = LineRec::new(from, end);
        unit.joined_prev = from != start;
        lines.push(unit);
    } else {
        lines.push(LineRec::new(start, end));
    }
}

/// True when the texts of these lines (one document, or one window of
/// it) are glued together throughout, as `get_text()` glues them: at least
/// [`crate::glue::GLUED_JOINS_PER_THOUSAND_WORDS`] joins (units that start
/// inside a line) per thousand words.
pub(crate) fn glued_throughout(lines: &[LineRec]) -> bool {
    let (mut joins, mut words) = (0u64, 0u64);
    for l in lines {
        joins += l.joined_prev as u64;
        words += u64::from(l.features.words);
    }
    joins > 0 && joins * 1000 >= crate::glue::GLUED_JOINS_PER_THOUSAND_WORDS * words
}

/// A line is split at its wide gaps when it has at least this many: the
/// whole page on one line, as a scraper of minified HTML gives it. Code
/// and tables have a few gaps per line and stay whole.
const MIN_GAPS: usize = 8;

/// The union of two strictly increasing sequences, strictly increasing.
fn merge_sorted(
    a: impl Iterator<Item = usize>,
    b: impl Iterator<Item = usize>,
) -> impl Iterator<Item = usize> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    std::iter::from_fn(move || match (a.peek().copied(), b.peek().copied()) {
        (Some(x), Some(y)) if x == y => {
            b.next();
            a.next()
        }
        (Some(x), Some(y)) if y < x => b.next(),
        (Some(_), _) => a.next(),
        (None, _) => b.next(),
    })
}

/// A line is split when it has two joins or more, or one join after a
/// sentence mark or a number. A single case change inside a word is as
/// often a name (`sugarcane-based SweetFoam midsole`) as a join, and the
/// line is split there only when the text before it is a heading or a
/// label (no lower-case word of four letters or more: `Here to
/// StayProtein continues…`), the shape glued headings have.
fn worth_splitting(content: &[u8]) -> bool {
    let mut joins = crate::glue::joins(content);
    match (joins.next(), joins.next()) {
        (None, _) => false,
        (Some(_), Some(_)) => true,
        (Some(at), None) => !content[at - 1].is_ascii_lowercase() || heading_like(&content[..at]),
    }
}

/// No white-space separated word starts with four lower-case letters.
fn heading_like(text: &[u8]) -> bool {
    text.split(|b| b.is_ascii_whitespace())
        .all(|w| !(w.len() >= 4 && w[..4].iter().all(u8::is_ascii_lowercase)))
}

/// Lines of at most this many words count as short labels.
const SHORT_WORDS: u32 = 4;
/// A run of short lines this long, outside the main text, is a menu or rail.
const MIN_RUN: usize = 3;

/// Reusable buffers for deciding documents.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    key: String,
    seen: KeyHashMap<usize>,
    pub(crate) doc: DocFeatures,
    sampler: Sampler,
    /// The words of the document's title, its first line with words.
    title: TitleWords,
    /// The language of the document being decided, given or guessed.
    pub(crate) language: Option<Language>,
    /// The short lines of the document, by their bytes.
    same: SameLines,
    /// Per line, the earlier line with the same bytes whose analysis it
    /// took ([`NOT_SEEN`] for none).
    earlier: Vec<u32>,
}

/// In [`Scratch::earlier`]: the line's bytes were not seen before.
const NOT_SEEN: u32 = u32::MAX;

/// How lines are finally decided.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Decider<'a> {
    /// Rules and context rules only.
    Rules,
    /// The learned scorer, its scores turned into decisions by `decision`.
    /// With `rules_advise`, the lines a rule or a context rule would drop
    /// are scored too (the verdicts are among the scorer's features)
    /// instead of dropped outright; keep rules and the title still stand.
    Model {
        forest: &'a Forest,
        decision: Decision,
        rules_advise: bool,
    },
}

/// Analyses and decides every line of `lines`, whose ranges index `buf`.
pub(crate) fn decide(
    rules: &RuleSet,
    decider: Decider<'_>,
    language: Option<Language>,
    buf: &[u8],
    lines: &mut [LineRec],
    scratch: &mut Scratch,
) {
    // Only the scorer reads the language, the stopwords and the words'
    // evidence.
    let (language, lexicon) = match decider {
        Decider::Rules => (LanguageSource::Off, None),
        Decider::Model { forest, .. } => (LanguageSource::from(language), Some(forest.lexicon())),
    };
    analyse_all(rules, language, lexicon, buf, lines, scratch);
    match decider {
        Decider::Rules => {}
        Decider::Model {
            forest,
            decision,
            rules_advise,
        } => {
            let language = scratch.language;
            apply_model(
                rules,
                forest,
                decision,
                rules_advise,
                language,
                lines,
                &mut scratch.doc,
            );
            drop_menu_tails(lines);
            fill_gaps(lines);
            keep_closing_sentences(lines);
        }
    }
}

/// The last items of a menu the scorer otherwise removed are dropped: label-shaped
/// lines the scorer kept right after at least as many label-shaped lines
/// it dropped, with a dropped line after them. Headings inside kept text
/// have kept neighbours and are not touched.
fn drop_menu_tails(lines: &mut [LineRec]) {
    let scored_label = |l: &LineRec, keep: bool, why: ReasonId| {
        !l.blank && l.keep == keep && l.reason == why && l.is_label()
    };
    // Labels the scorer dropped, consecutive, right before `i`.
    let mut dropped = 0usize;
    let mut i = 0;
    while i < lines.len() {
        if lines[i].blank {
            i += 1;
            continue;
        }
        if dropped == 0 || !scored_label(&lines[i], true, reason::TEXT) {
            dropped = if scored_label(&lines[i], false, reason::LOW_SCORE) {
                dropped + 1
            } else {
                0
            };
            i += 1;
            continue;
        }
        // A kept run of labels after `dropped` dropped ones: how many, and
        // the first non-blank line after it.
        let mut kept = 1;
        let mut next = i + 1;
        loop {
            while next < lines.len() && lines[next].blank {
                next += 1;
            }
            if next < lines.len() && scored_label(&lines[next], true, reason::TEXT) {
                kept += 1;
                next += 1;
            } else {
                break;
            }
        }
        if next < lines.len() && !lines[next].keep && kept <= dropped {
            for l in lines[i..next].iter_mut().filter(|l| !l.blank) {
                l.keep = false;
                l.reason = reason::LOW_SCORE;
            }
            // The menu goes on: labels dropped after these count with
            // the ones before (`World` dropped, `Politics` kept, then
            // dropped here, `Business` dropped, `Science` kept...).
            dropped += kept;
        } else {
            dropped = 0;
        }
        i = next;
    }
}

/// A single line the scorer dropped between two kept lines (blank lines
/// aside) is kept: one item of a list, one short paragraph, in the middle
/// of text the scorer keeps. Lines a rule or a context rule dropped are
/// not touched; they have evidence of residue.
fn fill_gaps(lines: &mut [LineRec]) {
    let mut prev_kept = false;
    let mut gap: Option<usize> = None;
    for i in 0..lines.len() {
        let l = &lines[i];
        if l.blank {
            continue;
        }
        if l.keep {
            if let Some(g) = gap.take() {
                lines[g].keep = true;
                lines[g].reason = reason::TEXT;
            }
            prev_kept = true;
            continue;
        }
        // After a kept line no gap is pending: it was just filled or none.
        gap = (prev_kept && l.reason == reason::LOW_SCORE).then_some(i);
        prev_kept = false;
    }
}

/// A sentence the scorer dropped right after a kept line (rule-dropped
/// lines in between aside) continues the text, and is kept: the scorer's
/// position features undervalue the short last paragraph of an article.
fn keep_closing_sentences(lines: &mut [LineRec]) {
    let mut after_text = false;
    for l in lines.iter_mut() {
        if l.blank || l.drop_hit() {
            continue;
        }
        if l.reason == reason::LOW_SCORE
            && after_text
            && l.features.ends_sentence
            && l.features.effective_words() >= 4
            && l.starts_like_label
        {
            l.keep = true;
            l.reason = reason::TEXT;
        }
        after_text = l.keep;
    }
}

/// Where a document's language comes from.
#[derive(Clone, Copy, Debug)]
pub(crate) enum LanguageSource {
    /// Guessed from the document's text.
    Guess,
    /// Given by the user.
    Given(Language),
    /// Not needed: no language, no stopwords counted.
    Off,
}

impl From<Option<Language>> for LanguageSource {
    fn from(language: Option<Language>) -> LanguageSource {
        language.map_or(LanguageSource::Guess, LanguageSource::Given)
    }
}

/// Everything but the final decision: analysis, rules, the document's
/// language and stopwords, context heuristics.
pub(crate) fn analyse_all(
    rules: &RuleSet,
    language: LanguageSource,
    lexicon: Option<&Lexicon>,
    buf: &[u8],
    lines: &mut [LineRec],
    scratch: &mut Scratch,
) {
    let doc = DocBytes::new(buf, lines);
    analyse_lines(rules, doc, lines, scratch);
    release_date_tables(rules, doc, lines);
    scratch.language = match language {
        LanguageSource::Guess => guess_language(doc, lines, &mut scratch.sampler),
        LanguageSource::Given(language) => Some(language),
        LanguageSource::Off => None,
    };
    let stoplist = scratch.language.filter(|l| l.has_stopwords());
    count_words(doc, lines, lexicon, stoplist, scratch);
    apply_rules(lines);
    // Where the main text starts and ends, taken once: the passes below
    // drop only lines after its first sentence or lines that are not
    // sentences, so its start does not move.
    let span = main_span(lines);
    if let Some(span) = span {
        apply_context(lines, span);
    }
    apply_repeats(lines, &mut scratch.seen, span.map_or(0, |(first, _)| first));
    if let Some((first, _)) = span {
        mark_title(lines, first);
    }
}

/// Counts each non-blank line's stopwords (of `stoplist`, the document's
/// language) and, with a lexicon, what its words say and how much of the
/// title it repeats; the title is the first line with words. A line whose
/// bytes repeat an earlier line's (`scratch.earlier`, from
/// [`analyse_lines`]) takes that line's counts when they were made against
/// the same title.
fn count_words(
    doc: DocBytes<'_>,
    lines: &mut [LineRec],
    lexicon: Option<&Lexicon>,
    stoplist: Option<Language>,
    scratch: &mut Scratch,
) {
    scratch.title.clear();
    if stoplist.is_none() && lexicon.is_none() {
        return;
    }
    // With a lexicon and a list of words (or no list), a line's words
    // are split and lower-cased once for both, and matched against the
    // title's.
    let word_list = stoplist.and_then(lang::word_list);
    // Stopwords the scan does not count: without a lexicon, or phrases
    // of a script written without spaces.
    let counted_apart = stoplist.filter(|_| lexicon.is_none() || word_list.is_none());
    // The line that gave the title: lines up to it were matched
    // against no title.
    let mut title_line = None;
    for i in 0..lines.len() {
        if lines[i].blank {
            continue;
        }
        // A repeat takes its words' counts from its first occurrence
        // when that was matched against the same title.
        let same = scratch
            .earlier
            .get(i)
            .filter(|&&e| e != NOT_SEEN)
            .map(|&e| e as usize);
        let same_title = same.filter(|&e| title_line.is_none_or(|t| e > t));
        // The line's text, taken once for the counts it is not given.
        let needs_text = (lexicon.is_some() && same_title.is_none())
            || (counted_apart.is_some() && same.is_none());
        let text = if needs_text {
            doc.line_text(&lines[i])
        } else {
            Cow::Borrowed("")
        };
        if let Some(lexicon) = lexicon {
            let (stopwords, evidence, title) = match same_title {
                Some(e) => (lines[e].stopwords, lines[e].evidence, lines[e].title),
                None => {
                    let (stopwords, evidence, matched) =
                        lexicon.scan(&text, word_list, &scratch.title, &mut scratch.key);
                    (stopwords, evidence, matched.overlap(scratch.title.len()))
                }
            };
            let line = &mut lines[i];
            (line.stopwords, line.evidence, line.title) = (stopwords, evidence, title);
            // The first line with words is the title; the lines after
            // it are matched against it.
            // (A repeat cannot be it: its first occurrence, with the same
            // words, would have been.)
            if title_line.is_none() && evidence.words > 0 {
                debug_assert!(needs_text);
                scratch.title.set(&text);
                title_line = Some(i);
            }
        }
        if let Some(language) = counted_apart {
            lines[i].stopwords = match same {
                Some(e) => lines[e].stopwords,
                None => lang::count_stopwords(language, &text, &mut scratch.key),
            };
        }
    }
}

/// The title of the main text: the nearest line before the first sentence
/// of the main text, looking past lines that rules or the repeat check
/// dropped (bylines, share bars, a player, the title's own repeat), that
/// is heading-shaped: three to 25 words, not ending like a sentence. It is
/// kept whatever its context says.
fn mark_title(lines: &mut [LineRec], first: usize) {
    let mut skipped = 0;
    for i in (0..first).rev() {
        let l = &lines[i];
        if l.blank {
            continue;
        }
        if l.drop_hit() || l.context == reason::REPEAT {
            skipped += 1;
            if skipped > MAX_TITLE_GAP {
                return;
            }
            continue;
        }
        let w = l.features.effective_words();
        if l.hit.is_none()
            && l.context == reason::TEXT
            && (3..=25).contains(&w)
            && !l.features.ends_sentence
        {
            let l = &mut lines[i];
            l.keep = true;
            l.reason = reason::TITLE;
        }
        return;
    }
}

/// The most residue lines between a title and its text.
const MAX_TITLE_GAP: usize = 40;

fn apply_model(
    rules: &RuleSet,
    forest: &Forest,
    decision: Decision,
    rules_advise: bool,
    language: Option<Language>,
    lines: &mut [LineRec],
    doc: &mut DocFeatures,
) {
    doc.prepare(lines, language);
    // A rule's verdict stands, and so do the context rules' (each needs
    // evidence of residue) and the title's; the scorer decides the rest.
    // When the rules only advise, the lines a rule or a context rule would
    // drop are among the rest: only keep rules and the title stand.
    // Only the rest is scored, a batch of rows at a time (bounded, so a
    // window of 32,768 lines does not hold all its rows at once). The
    // margins of the whole document are kept: the rank pass, when the
    // forest has one, rescores them from their order, and the decision
    // may depend on all of them.
    let mut s = doc.scoring_buffers();
    for j in 0..doc.len() {
        let l = &lines[doc.line_index(j)];
        if !l.is_scored(rules_advise) {
            continue;
        }
        doc.row(lines, rules, j, s.next_row());
        s.open.push(doc.line_index(j) as u32);
        s.weights.push(l.features.effective_words());
        if s.batched() == SCORE_BATCH {
            s.score_batch(forest);
        }
    }
    s.score_batch(forest);
    if let Some(rank) = forest.rank_pass() {
        // The rank pass ranks the lines the default mode scores (in
        // conservative mode, not those a rule would drop).
        let open = &s.open;
        let ranked = |k: usize| !rules_advise || lines[open[k] as usize].is_scored(false);
        s.rank.rescore(rank, &mut s.margins, &s.weights, ranked);
    }
    let cut = decision.document_margin(&s.margins, &s.weights);
    for (&i, &m) in s.open.iter().zip(&s.margins) {
        let l = &mut lines[i as usize];
        if m >= cut {
            l.keep = true;
            l.reason = reason::TEXT;
        } else {
            l.keep = false;
            l.reason = reason::LOW_SCORE;
        }
    }
    doc.return_scoring_buffers(s);
}

/// Rows scored together: many blocks of rows, few enough (about 0.7 MB
/// of features) to stay in a core's second-level cache. A quarter of it
/// scores at the same speed (`benches/PROFILE.md`).
const SCORE_BATCH: usize = 1024;

/// Guesses the language of a document from its text lines, then (when
/// they are too few for a sample) its other lines of a few words.
fn guess_language(doc: DocBytes<'_>, lines: &[LineRec], sampler: &mut Sampler) -> Option<Language> {
    sampler.clear();
    let passes: [fn(&LineRec) -> bool; 2] = [LineRec::is_text, |l: &LineRec| {
        !l.is_text() && l.features.effective_words() >= 4
    }];
    for (pass, wanted) in passes.iter().enumerate() {
        if pass == 1 && sampler.len() >= MIN_SAMPLE {
            break;
        }
        for line in lines.iter().filter(|l| !l.blank && wanted(l)) {
            if sampler.is_full() {
                break;
            }
            sampler.push(&doc.line_text(line));
        }
    }
    sampler.guess()
}

/// A sample shorter than this is topped up with lines that are not text.
const MIN_SAMPLE: usize = 512;

/// A document's bytes, with the text they decode to when they are all
/// valid UTF-8 (nearly always): each line's text is then sliced from it,
/// where checking every line again would cost a pass over the bytes each
/// time a line is read.
#[derive(Clone, Copy)]
struct DocBytes<'b> {
    buf: &'b [u8],
    /// The text of `buf[base..]` up to the last line's end, and `base`.
    text: Option<(usize, &'b str)>,
}

impl<'b> DocBytes<'b> {
    /// Checks the bytes of `lines` (in order, as the document holds them)
    /// once.
    fn new(buf: &'b [u8], lines: &[LineRec]) -> DocBytes<'b> {
        let text = match (lines.first(), lines.last()) {
            (Some(first), Some(last)) if first.start <= last.end => {
                std::str::from_utf8(&buf[first.start..last.end])
                    .ok()
                    .map(|t| (first.start, t))
            }
            _ => None,
        };
        DocBytes { buf, text }
    }

    /// A line's bytes without its terminator.
    fn raw(&self, line: &LineRec) -> &'b [u8] {
        without_terminator(&self.buf[line.start..line.end])
    }

    /// A line's content without its terminator: its text, or its bytes
    /// when they are not valid UTF-8.
    fn content(&self, line: &LineRec) -> Result<&'b str, &'b [u8]> {
        let content = self.raw(line);
        let sliced = self.text.and_then(|(base, text)| {
            let at = line.start.checked_sub(base)?;
            text.get(at..at + content.len())
        });
        match sliced {
            Some(text) => Ok(text),
            None => std::str::from_utf8(content).map_err(|_| content),
        }
    }

    /// The decoded, trimmed content of a line; invalid UTF-8 is decoded
    /// lossily.
    fn line_text(&self, line: &LineRec) -> Cow<'b, str> {
        match self.content(line) {
            Ok(s) => Cow::Borrowed(lines::trim(s)),
            Err(bytes) => Cow::Owned(lines::trim(&String::from_utf8_lossy(bytes)).to_string()),
        }
    }
}

/// Analyses every line ([`analyse`]); a short line that repeats an
/// earlier one takes that line's analysis ([`SameLines`]), and
/// `scratch.earlier` says which.
fn analyse_lines(rules: &RuleSet, doc: DocBytes<'_>, lines: &mut [LineRec], scratch: &mut Scratch) {
    scratch.same.clear();
    scratch.earlier.clear();
    for i in 0..lines.len() {
        let bytes = doc.raw(&lines[i]);
        if bytes.is_empty() {
            // What `analyse` finds of an empty line, told at once.
            lines[i].blank = true;
            scratch.earlier.push(NOT_SEEN);
            continue;
        }
        let same = scratch.same.earlier(bytes, i, |j| doc.raw(&lines[j]));
        match same {
            Some(e) => {
                let (before, rest) = lines.split_at_mut(i);
                rest[0].take_analysis(&before[e]);
            }
            None => analyse(rules, doc, &mut lines[i], &mut scratch.key),
        }
        scratch.earlier.push(same.map_or(NOT_SEEN, |e| e as u32));
    }
}

fn analyse(rules: &RuleSet, doc: DocBytes<'_>, line: &mut LineRec, key: &mut String) {
    let (text, invalid) = match doc.content(line) {
        Ok(s) => (Cow::Borrowed(s), false),
        Err(bytes) => (String::from_utf8_lossy(bytes), true),
    };
    // Trimmed as `is_blank` tests (`char::is_whitespace`): a line that
    // trims to nothing is blank. Invalid bytes decode to U+FFFD, which is
    // text.
    let text = lines::trim(&text);
    if text.is_empty() {
        line.blank = true;
        return;
    }
    line.features = LineFeatures::measure(text, invalid);
    line.starts_like_label = starts_like_label(text);
    key_of_text(text, key);
    line.key_hash = if key.is_empty() {
        0
    } else {
        // Never 0, which marks an empty key.
        bytes_hash(key.as_bytes()) | 1
    };
    let view = LineView {
        text,
        key,
        features: &line.features,
    };
    line.hit = rules
        .first_match(&view)
        .map(|id| (id.0, rules.rule(id).action()));
}

fn starts_like_label(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let capital = first.is_uppercase() || (first.is_alphabetic() && !first.is_lowercase());
    (capital || first.is_ascii_digit()) && !text.ends_with([',', '，', '、'])
}

/// Rows of a date and a number (a table, a time series) in a document
/// that holds at least this many are data, not bylines.
const DATE_TABLE_ROWS: usize = 6;

/// A byline is one or two dates per document; many dates each followed by
/// a number (`1/1/2013` then `+13.1%`) are the rows of a table, and
/// several dates each followed by text are the heads of the posts of a
/// thread (a forum's posts show their author and date, which are part of
/// the thread). Then the byline date rule's hits on those dates are
/// withdrawn, and the context rules and the scorer decide the lines.
fn release_date_tables(rules: &RuleSet, doc: DocBytes<'_>, lines: &mut [LineRec]) {
    let Some(date) = rules.byline_date() else {
        return;
    };
    let numeric = |l: &LineRec| {
        let text = doc.line_text(l);
        text.chars().any(|c| c.is_ascii_digit()) && !text.chars().any(char::is_alphabetic)
    };
    // Date lines whose next non-blank line is a number.
    let mut open = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.blank)
        .peekable();
    let mut found = Vec::new();
    while let Some((i, l)) = open.next() {
        let is_date = l.hit.is_some_and(|(rule, _)| rule == date);
        if is_date && open.peek().is_some_and(|(_, next)| numeric(next)) {
            found.push(i);
        }
    }
    if found.len() >= DATE_TABLE_ROWS {
        for i in found {
            lines[i].hit = None;
        }
    }
    // Date lines followed, within three non-blank lines, by text: the
    // heads of the posts of a thread.
    let heads = (0..lines.len())
        .filter(|&i| heads_post(lines, i, date))
        .count();
    if heads >= THREAD_POSTS {
        for i in 0..lines.len() {
            if heads_post(lines, i, date) {
                lines[i].hit = None;
            }
        }
    }
}

/// Dated posts in a document that make it a thread.
const THREAD_POSTS: usize = 3;

/// Line `i` is a date (a hit of the byline rule `date`) with text among
/// the three non-blank lines after it.
fn heads_post(lines: &[LineRec], i: usize, date: u32) -> bool {
    lines[i].hit.is_some_and(|(rule, _)| rule == date)
        && lines[i + 1..]
            .iter()
            .filter(|l| !l.blank)
            .take(3)
            .any(LineRec::is_text)
}

fn apply_rules(lines: &mut [LineRec]) {
    for line in lines.iter_mut().filter(|l| !l.blank) {
        if let Some((rule, Action::Drop | Action::Keep)) = line.hit {
            line.keep = !line.drop_hit();
            line.reason = ReasonId(reason::FIRST_RULE + rule as u16);
        }
    }
}

/// Where the main text is: the first and last line that reads as text.
fn main_span(lines: &[LineRec]) -> Option<(usize, usize)> {
    let mut prose = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.blank && l.keep && l.is_text())
        .map(|(i, _)| i);
    let first = prose.next()?;
    let last = prose.next_back().unwrap_or(first);
    Some((first, last))
}

fn apply_context(lines: &mut [LineRec], (first, last): (usize, usize)) {
    // Before the main text: runs of short labels are menus.
    drop_short_runs(&mut lines[..first], reason::MENU_RUN);
    // Once the main text has ended (most of its words lie before it), a
    // rail header starts residue: the header and the list under it, up to
    // the next sentence; and when nearly all of the text lies before the
    // header, everything to the end of the document (comments included).
    if let Some((h, to_end)) = rail_start(lines, first) {
        for line in lines[h..].iter_mut().filter(|l| !l.blank && !l.keep_hit()) {
            if !to_end && line.keep && line.is_text() {
                break;
            }
            if line.keep {
                line.keep = false;
                line.reason = reason::RAIL;
                line.context = reason::RAIL;
            }
        }
    }
    // After the main text: runs of short lines are rails and footers.
    let tail = &mut lines[last + 1..];
    drop_short_runs(tail, reason::TAIL_RUN);
    limit_context_drops(lines);
}

/// The first rail header after `first` with more of the text's words
/// before it than after it, and whether the text after it is small enough
/// (under a fifth of the text before it) for the rail to run to the end.
fn rail_start(lines: &[LineRec], first: usize) -> Option<(usize, bool)> {
    let text_words = |l: &LineRec| {
        if l.keep && l.is_text() {
            l.features.effective_words()
        } else {
            0
        }
    };
    let total: u32 = lines[first..].iter().map(text_words).sum();
    let mut before = 0;
    for (i, l) in lines.iter().enumerate().skip(first) {
        let after = total - before;
        if matches!(l.hit, Some((_, Action::Rail))) && before > after {
            return Some((i, after * 5 < before));
        }
        before += text_words(l);
    }
    None
}

/// Context decisions are guesses: when they would take away more than
/// [`MAX_CONTEXT_SHARE`] of a document's words, the page is not shaped as
/// they assume (a list page, a page whose text is short lines), and they
/// are undone.
fn limit_context_drops(lines: &mut [LineRec]) {
    // Counted in words and in lines: a line of Chinese or Japanese is few
    // tokens to a bag-of-words reader however many characters it has.
    let (mut kept, mut by_context) = ((0u32, 0u32), (0u32, 0u32));
    for l in lines.iter().filter(|l| !l.blank) {
        let w = l.features.effective_words();
        if l.keep {
            kept = (kept.0 + w, kept.1 + 1);
        } else if is_context(l.reason) {
            by_context = (by_context.0 + w, by_context.1 + 1);
        }
    }
    let too_much = |part: u32, rest: u32| part as f32 > MAX_CONTEXT_SHARE * (part + rest) as f32;
    if too_much(by_context.0, kept.0) || too_much(by_context.1, kept.1) {
        for l in lines.iter_mut().filter(|l| is_context(l.reason)) {
            l.keep = true;
            l.reason = reason::TEXT;
            l.context = reason::TEXT;
        }
    }
}

/// The most of a document's words context decisions may drop.
const MAX_CONTEXT_SHARE: f32 = 0.25;

/// The label-run decisions the safety valve may undo (a rail has a
/// header phrase for evidence, and stays).
fn is_context(r: ReasonId) -> bool {
    matches!(r, reason::MENU_RUN | reason::TAIL_RUN)
}

/// Drops runs of at least [`MIN_RUN`] label lines that hold evidence of
/// residue: a line inside the run (blank lines and rule-dropped lines do
/// not break a run) that a rule dropped. A run of short lines without such
/// evidence may be a list of the main text, and is kept.
fn drop_short_runs(lines: &mut [LineRec], why: ReasonId) {
    let mut run: Vec<usize> = Vec::new();
    let mut evidence = false;
    let flush = |run: &mut Vec<usize>, evidence: &mut bool, lines: &mut [LineRec]| {
        if run.len() >= MIN_RUN && *evidence {
            for &i in run.iter() {
                lines[i].keep = false;
                lines[i].reason = why;
                lines[i].context = why;
            }
        }
        run.clear();
        *evidence = false;
    };
    for i in 0..lines.len() {
        let l = &lines[i];
        if l.blank {
            continue;
        }
        if l.drop_hit() || matches!(l.hit, Some((_, Action::Rail))) {
            evidence = true;
            continue;
        }
        if l.keep && l.hit.is_none() && l.is_label() {
            run.push(i);
        } else {
            flush(&mut run, &mut evidence, lines);
        }
    }
    flush(&mut run, &mut evidence, lines);
}

/// Drops a title-like line (three words or more, not prose) repeated
/// verbatim before the main text starts, or within a few lines of its
/// first occurrence. Repeats further into the text are left alone: lists
/// and tables repeat lines legitimately.
fn apply_repeats(lines: &mut [LineRec], seen: &mut KeyHashMap<usize>, head_end: usize) {
    seen.clear();
    let mut nonblank = 0usize;
    for (i, line) in lines.iter_mut().enumerate() {
        if line.blank {
            continue;
        }
        nonblank += 1;
        let f = &line.features;
        if line.key_hash == 0 || f.effective_words() < 3 || f.is_prose() {
            continue;
        }
        match seen.get(&line.key_hash) {
            Some(&at)
                if (i < head_end || nonblank - at <= REPEAT_DISTANCE)
                    && line.keep
                    && !line.keep_hit() =>
            {
                line.keep = false;
                line.reason = reason::REPEAT;
                line.context = reason::REPEAT;
            }
            Some(_) => {}
            None if seen.len() < MAX_REMEMBERED => {
                seen.insert(line.key_hash, nonblank);
            }
            None => {}
        }
    }
}

/// A repeat within this many non-blank lines of the first occurrence is
/// dropped wherever it is.
const REPEAT_DISTANCE: usize = 3;

/// How many distinct lines a document remembers for repeat detection.
const MAX_REMEMBERED: usize = 1 << 16;

#[cfg(test)]
mod tests {
    use super::*;

    /// A line as the scorer left it: `(text, kept)`; a line of one to
    /// four words not ending like a sentence is label-shaped.
    fn scored(lines: &[(&str, bool)]) -> Vec<LineRec> {
        lines
            .iter()
            .map(|&(text, keep)| {
                let mut l = LineRec::new(0, text.len());
                l.features = LineFeatures::measure(text, false);
                l.starts_like_label = true;
                l.keep = keep;
                l.reason = if keep {
                    reason::TEXT
                } else {
                    reason::LOW_SCORE
                };
                l
            })
            .collect()
    }

    fn kept(lines: &[LineRec]) -> Vec<bool> {
        lines.iter().map(|l| l.keep).collect()
    }

    /// The lines of `text`, split as a document's are.
    fn units(text: &[u8]) -> Vec<LineRec> {
        let mut lines = Vec::new();
        let mut at = 0;
        for line in lines::Lines::new(text) {
            push_units(text, at, at + line.len(), true, &mut lines);
            at += line.len();
        }
        lines
    }

    /// What the analysis and the word counts give each line: the same
    /// whether a repeat takes them from its first occurrence or not.
    fn analysed(line: &LineRec) -> impl PartialEq + std::fmt::Debug {
        (
            (line.blank, line.features, line.starts_like_label),
            (line.key_hash, line.hit, line.stopwords),
            (line.evidence, line.title),
        )
    }

    #[test]
    fn a_repeated_line_is_analysed_as_if_it_were_new() {
        let rules = crate::rules::testutil::builtin();
        let forest = Forest::parse("forest.txt", crate::model::SHIPPED_FOREST).unwrap();
        // Repeats before the title (a line with words), of the title,
        // after it, blank and white-space lines, CRLF and LF endings of
        // the same text, invalid UTF-8, glued units, a long line.
        let long = "a long line of many words that repeats. ".repeat(8);
        let mut made = format!(
            "|\n,\n\n  \n|\nWeather in Oslo\r\nWeather in Oslo\nShare\n,\n\n  \n\
             Reply\nThe weather in Oslo was cold, the council said.\nReply\nShare\n\
             Weather in Oslo\n{long}\n{long}\nNewsThe council met.\nNewsThe council met.\n"
        )
        .into_bytes();
        made.extend_from_slice(b"\xff bad\nok\n\xff bad\n");
        let pages = [&made[..], include_bytes!("../corpus/seed/rt-article.txt")];
        for page in pages {
            for (language, lexicon) in [
                (
                    Some(lang::Language::from_code("en").unwrap()),
                    Some(forest.lexicon()),
                ),
                (Some(lang::Language::from_code("en").unwrap()), None),
                (
                    Some(lang::Language::from_code("ja").unwrap()),
                    Some(forest.lexicon()),
                ),
                (None, Some(forest.lexicon())),
            ] {
                let mut lines = units(page);
                let doc = DocBytes::new(page, &lines);
                let mut scratch = Scratch::default();
                analyse_lines(rules, doc, &mut lines, &mut scratch);
                assert!(scratch.earlier.iter().any(|&e| e != NOT_SEEN));
                count_words(doc, &mut lines, lexicon, language, &mut scratch);
                // Each line analysed on its own, counted with no repeat.
                let mut alone = units(page);
                for line in alone.iter_mut() {
                    analyse(rules, doc, line, &mut scratch.key);
                }
                scratch.earlier.clear();
                count_words(doc, &mut alone, lexicon, language, &mut scratch);
                for (i, (a, b)) in lines.iter().zip(&alone).enumerate() {
                    assert_eq!(analysed(a), analysed(b), "line {i} of {language:?}");
                }
            }
        }
    }

    #[test]
    fn a_menus_kept_tail_is_dropped() {
        let mut lines = scored(&[
            ("World", false),
            ("Politics", false),
            ("Science", true),
            ("Culture", true),
            ("Sign in", false),
            (
                "The council met on Monday and agreed to repair the bridge.",
                true,
            ),
        ]);
        drop_menu_tails(&mut lines);
        assert_eq!(kept(&lines), [false, false, false, false, false, true]);
        assert!(lines[2..4].iter().all(|l| l.reason == reason::LOW_SCORE));
    }

    #[test]
    fn a_menu_counts_on_past_the_tails_it_dropped() {
        // Dropped, kept, dropped, then two kept: the first kept item is
        // one after one dropped; the last two come after three dropped
        // items of the same menu, the first kept one among them.
        let mut lines = scored(&[
            ("World", false),
            ("Politics", true),
            ("Business", false),
            ("Science", true),
            ("Culture", true),
            ("Home > Science", false),
            ("Beavers are back in the park, rangers say.", true),
        ]);
        drop_menu_tails(&mut lines);
        assert_eq!(
            kept(&lines),
            [false, false, false, false, false, false, true]
        );
    }

    #[test]
    fn headings_in_kept_text_and_longer_kept_runs_stay() {
        // More labels kept than dropped before them: a list of the text.
        let mut lines = scored(&[
            ("World", false),
            ("Apples", true),
            ("Pears", true),
            ("Plums", false),
        ]);
        drop_menu_tails(&mut lines);
        assert_eq!(kept(&lines), [false, true, true, false]);
        // A kept label with a kept line after it is a heading of the
        // text, not a menu's tail.
        let mut lines = scored(&[
            ("World", false),
            ("Politics", false),
            ("Early days", true),
            ("The first twelve beavers struggled to find food.", true),
        ]);
        drop_menu_tails(&mut lines);
        assert_eq!(kept(&lines), [false, false, true, true]);
    }
}
