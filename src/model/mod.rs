//! The learned scorer: document-level features per line and a forest of
//! gradient-boosted trees that turns them into the probability that the
//! line is main text.
//!
//! What separates content from residue is mostly where a line sits and how
//! dense the text around it is: inside the document's densest run of prose
//! or not, the words in its neighbourhood, its distance to the nearest
//! sentence, its relative position, how often it repeats, how long the run
//! of labels it belongs to is. What its words are used for elsewhere adds
//! to it (a [`lexicon`] learned with the forest). The features are computed in a few linear
//! passes over a document; the forest is trained by `scripts/train.py` on
//! the dev set (sites held out) and shipped as `src/model/forest.txt`.
//! A second, small forest, the [`rank`] pass, then rescores the lines
//! from their place in their document's order of scores, before the
//! [`decision`] turns scores into keep or drop.

pub mod decision;
pub mod forest;
pub mod lexicon;
mod quick;
pub mod rank;

use std::io::{self, Write};

use crate::cleaner::Inner;
use crate::decide::{LineRec, Scratch, analyse_all};
use crate::hash::KeyHashMap;
use crate::lang::Language;
use crate::reason;
use crate::rules::{Action, FAMILIES, RuleId, RuleSet};
pub use decision::Decision;
pub use forest::Forest;
use lexicon::LEXICON_SCALE;
pub use rank::{RANK_FEATURE_NAMES, RANK_FEATURES};

/// The trained forest shipped with the crate.
pub const SHIPPED_FOREST: &str = include_str!("forest.txt");

/// Names of the features computed for a line itself, in the order they
/// open a feature row. The rest of the row repeats a few of them for the
/// line's neighbours: see [`NEIGHBOUR_COLUMNS`] and [`feature_names`].
pub const LINE_FEATURE_NAMES: &[&str] = &[
    "log_chars",
    "log_words",
    "letter_ratio",
    "digit_ratio",
    "punct_ratio",
    "upper_ratio",
    "capitalised_ratio",
    "sentence_ends",
    "commas",
    "ends_sentence",
    "starts_like_label",
    "unspaced_ratio",
    "private_use",
    "log_longest_token",
    "is_prose",
    "is_text",
    "rel_pos",
    "log_from_start",
    "log_to_end",
    "log_words_w1",
    "log_words_w3",
    "log_words_w8",
    "text_frac_w3",
    "log_dist_prev_text",
    "log_dist_next_text",
    "in_main_span",
    "in_best_run",
    "log_before_best",
    "log_after_best",
    "log_repeats",
    "log_label_run",
    "blanks_before",
    "blanks_after",
    "log_doc_lines",
    "log_doc_words",
    "doc_text_frac",
    "log_prev_words",
    "log_next_words",
    "prev_is_text",
    "next_is_text",
    "ctx_menu_run",
    "ctx_tail_run",
    "ctx_rail",
    "ctx_repeat",
    "rule_drop",
    "rule_rail",
    "rule_keep",
    "fam_icons",
    "fam_player",
    "fam_consent",
    "fam_prompts",
    "fam_ads",
    "fam_social",
    "fam_legal",
    "fam_byline",
    "fam_navigation",
    "fam_rails",
    "fam_repeats",
    "fam_user",
    "word_share",
    "text_mass_pos",
    "log_glue_joins",
    "glue_per_word",
    "stop_ratio",
    "log_stopwords",
    "stop_ratio_w3",
    "doc_stop_ratio",
    "has_stoplist",
    "lex_mean",
    "lex_min",
    "lex_max",
    "lex_first",
    "lex_known",
];

/// Number of features computed for a line itself.
pub const N_LINE_FEATURES: usize = 73;

/// The line features (indices into [`LINE_FEATURE_NAMES`]) that are also
/// given for each neighbour: what a line looks like (length, letters,
/// punctuation, capitals, a sentence end, stopwords, a rule's drop).
/// Trees read a line's surroundings from them: a short line between two
/// sentences is not the same as one between two menu labels.
pub const NEIGHBOUR_COLUMNS: [usize; 13] = [4, 6, 9, 10, 14, 63, 44, 0, 5, 3, 2, 1, 68];

/// Where the neighbours are, in non-blank lines from the line scored. A
/// neighbour past the start or end of the document reads as -1 in every
/// column.
pub const NEIGHBOUR_OFFSETS: [isize; 6] = [-3, -2, -1, 1, 2, 3];

/// Lines of neighbour columns kept at a time: the seven around a line, and
/// one more so that the ring's index is a cheap mask.
const NEAR: usize = 8;

/// The line features (indices into [`LINE_FEATURE_NAMES`]) whose mean over
/// the document is given, and each line's difference from that mean: what
/// the document is like (mostly prose, or mostly labels and numbers), and
/// how the line stands out in it. `summary_columns` computes them, in
/// this order.
pub const SUMMARY_COLUMNS: [usize; 9] = [14, 1, 3, 10, 6, 9, 44, 63, 68];

/// Features that place a line in its document as a whole: for each of the
/// [`SUMMARY_COLUMNS`] the document's mean and the line's difference from
/// it, then the share of the document's lines with fewer words.
pub const N_SUMMARY_FEATURES: usize = 2 * SUMMARY_COLUMNS.len() + 1;

/// The line features (indices into [`LINE_FEATURE_NAMES`]) whose mean
/// over the non-blank lines before the line, and over those after it,
/// within each of the [`WIDE_WINDOWS`], is given: what the words and the
/// labels say of the wider stretch around a line (a comment thread after
/// an article, a menu column), beyond the three neighbours each side.
/// Lines a rule drops are left out of the means: the stretch is judged by
/// what the rules leave, so a share bar or a follow prompt next to a
/// closing sentence does not make the sentence look like residue. Their
/// values are the [`SUMMARY_COLUMNS`] at `WINDOW_SUMMARY_INDEX`.
pub const WINDOW_COLUMNS: [usize; 2] = [68, 10];
const WINDOW_SUMMARY_INDEX: [usize; 2] = [8, 3];
/// The [`SUMMARY_COLUMNS`] index of `rule_drop`.
const RULE_DROP_SUMMARY_INDEX: usize = 6;

/// Non-blank lines on each side averaged by the [`WINDOW_COLUMNS`], one
/// window per width: the stretch around a line, and the part of the page it
/// sits in. A line with none on a side (or only lines a rule drops) reads
/// -1 for that side.
pub const WIDE_WINDOWS: [usize; 2] = [10, 30];

/// Features that place a line against the document's title (its first
/// line with words: a scraped page's `<title>`). Like every document-level
/// feature, they are taken per window in a document decided in windows
/// (past the buffer cap): each window's first line with words is its
/// title. In this order:
pub const TITLE_FEATURE_NAMES: [&str; 4] = [
    // The share of the line's words that are words of the title (-1 for
    // the title itself, lines before it, and lines without words).
    "title_share",
    // The share of the title's distinct words the line holds (-1 likewise).
    "title_cover",
    // ±ln(1 + lines) from the title's first repeat (the first line after
    // the title made mostly of the title's words and holding a good part
    // of them: the main heading, or the breadcrumb before it), negative
    // before it; 0 without a repeat.
    "from_title_repeat",
    // 1 when the document has such a repeat.
    "has_title_repeat",
];

/// A line repeats the title when at least this share of its words are the
/// title's...
const REPEAT_SHARE: f32 = 0.7;
/// ...and it holds at least this share of the title's distinct words.
const REPEAT_COVER: f32 = 0.4;

/// Number of features per line: its own, then its neighbours' (one block
/// of [`NEIGHBOUR_COLUMNS`] per offset of [`NEIGHBOUR_OFFSETS`]), then the
/// document summaries (see [`N_SUMMARY_FEATURES`]), then the wide windows
/// (before and after, per [`WINDOW_COLUMNS`], per width of
/// [`WIDE_WINDOWS`]), then the [`TITLE_FEATURE_NAMES`].
pub const N_FEATURES: usize = N_LINE_FEATURES
    + NEIGHBOUR_COLUMNS.len() * NEIGHBOUR_OFFSETS.len()
    + N_SUMMARY_FEATURES
    + N_WINDOW_FEATURES
    + TITLE_FEATURE_NAMES.len();

/// Features of the wide windows.
const N_WINDOW_FEATURES: usize = 2 * WINDOW_COLUMNS.len() * WIDE_WINDOWS.len();

/// Where the title features start in a row.
const TITLE_BASE: usize = N_FEATURES - TITLE_FEATURE_NAMES.len();

/// Where the wide windows start in a row.
const WINDOW_BASE: usize = TITLE_BASE - N_WINDOW_FEATURES;

/// Where the document summaries start in a row.
const SUMMARY_BASE: usize = WINDOW_BASE - N_SUMMARY_FEATURES;

/// The columns of a row that hold the document's own features (its size,
/// text share, stopword share, summaries, whether a line repeats its
/// title): the same in every row of a document, so the forest tests them
/// once per batch of a document's rows ([`Forest::margins_sharing`]).
fn document_columns() -> &'static [usize] {
    static COLUMNS: std::sync::LazyLock<Vec<usize>> = std::sync::LazyLock::new(|| {
        let own = [
            "log_doc_lines",
            "log_doc_words",
            "doc_text_frac",
            "doc_stop_ratio",
            "has_stoplist",
            "has_title_repeat",
        ];
        feature_names()
            .iter()
            .enumerate()
            .filter(|(_, n)| own.contains(&n.as_str()) || n.starts_with("doc_mean_"))
            .map(|(i, _)| i)
            .collect()
    });
    &COLUMNS
}

/// Names of all the features, in the order of a feature row: the
/// [`LINE_FEATURE_NAMES`], then `NAME@OFFSET` for each neighbour column
/// (`punct_ratio@-1` is the punctuation ratio of the line before).
pub fn feature_names() -> Vec<String> {
    let mut names: Vec<String> = LINE_FEATURE_NAMES.iter().map(|n| n.to_string()).collect();
    for offset in NEIGHBOUR_OFFSETS {
        for c in NEIGHBOUR_COLUMNS {
            names.push(format!("{}@{offset:+}", LINE_FEATURE_NAMES[c]));
        }
    }
    for c in SUMMARY_COLUMNS {
        names.push(format!("doc_mean_{}", LINE_FEATURE_NAMES[c]));
        names.push(format!("vs_doc_{}", LINE_FEATURE_NAMES[c]));
    }
    names.push("fewer_words_share".to_string());
    for width in WIDE_WINDOWS {
        for c in WINDOW_COLUMNS {
            for side in ["before", "after"] {
                names.push(format!("{}_{side}{width}", LINE_FEATURE_NAMES[c]));
            }
        }
    }
    names.extend(TITLE_FEATURE_NAMES.iter().map(|n| n.to_string()));
    names
}

const FAMILY_BASE: usize = 47;

/// Per-document arrays the features are read from, reused between
/// documents.
#[derive(Debug, Default)]
pub(crate) struct DocFeatures {
    /// Indices (into the line slice) of the non-blank lines.
    nb: Vec<u32>,
    /// The columns that depend on the line alone (see `line_columns`) of
    /// the non-blank lines around the line being scored: line `k` is at
    /// `near[k % NEAR]`, for the last `NEAR` lines computed (`NEAR` slots,
    /// allocated by the first `prepare`). Rows are asked for in order, so each line's
    /// columns are computed once, and memory stays the same whatever the
    /// document's length.
    near: Vec<[f32; N_LINE_FEATURES]>,
    /// Lines `near_from..near_next` have been computed since the ring last
    /// started again.
    near_from: usize,
    near_next: usize,
    /// Prefix sums over non-blank lines of words and of text lines.
    words: Vec<u32>,
    texts: Vec<u32>,
    /// Prefix sums over non-blank lines of stopwords.
    stops: Vec<u32>,
    has_stoplist: bool,
    blanks_before: Vec<u8>,
    dist_prev_text: Vec<u32>,
    dist_next_text: Vec<u32>,
    label_run: Vec<u32>,
    key_counts: KeyHashMap<u32>,
    /// Means over the non-blank lines of the [`SUMMARY_COLUMNS`].
    summary_means: [f32; SUMMARY_COLUMNS.len()],
    /// Prefix sums over non-blank lines of the [`WINDOW_COLUMNS`] of the
    /// lines no rule drops, then the number of those lines.
    window_sums: Vec<[f64; WINDOW_COLUMNS.len() + 1]>,
    /// Every non-blank line's word count, sorted.
    sorted_words: Vec<u32>,
    /// The non-blank line that first repeats the title, if one does.
    title_repeat: Option<usize>,
    best: (usize, usize),
    /// Reused buffers for scoring.
    scoring: Scoring,
    span: Option<(usize, usize)>,
}

/// The lines of a document being scored: feature rows of the current
/// batch, and for every line scored so far its index, weight (words) and
/// margin.
#[derive(Debug, Default)]
pub(crate) struct Scoring {
    /// Room for a batch of rows; the batch is its first `batched` rows.
    /// Rows are written in place ([`Scoring::next_row`]), and the buffer
    /// only grows, to one batch.
    rows: Vec<f32>,
    batched: usize,
    pub open: Vec<u32>,
    pub weights: Vec<u32>,
    pub margins: Vec<f32>,
    batch: Vec<f32>,
    /// Buffers of the rank pass.
    pub rank: rank::RankScratch,
}

impl Scoring {
    fn clear(&mut self) {
        self.batched = 0;
        self.open.clear();
        self.weights.clear();
        self.margins.clear();
    }

    /// The next row of the current batch, for [`DocFeatures::row`] to
    /// fill: every column is written there, so the values a reused buffer
    /// holds do not matter.
    pub(crate) fn next_row(&mut self) -> &mut [f32; N_FEATURES] {
        let at = self.batched * N_FEATURES;
        if self.rows.len() < at + N_FEATURES {
            self.rows.resize(at + N_FEATURES, 0.0);
        }
        self.batched += 1;
        (&mut self.rows[at..at + N_FEATURES])
            .try_into()
            .expect("a slice of a row's length")
    }

    /// Rows in the current batch.
    pub(crate) fn batched(&self) -> usize {
        self.batched
    }

    /// Scores the rows of the current batch and empties it.
    pub(crate) fn score_batch(&mut self, forest: &Forest) {
        if self.batched == 0 {
            return;
        }
        let rows = &self.rows[..self.batched * N_FEATURES];
        forest.margins_sharing(rows, document_columns(), &mut self.batch);
        self.margins.extend_from_slice(&self.batch);
        self.batched = 0;
    }
}

/// `ln(1 + x)`, the scale of every count feature. Counts are mostly
/// small, so those come from a table (the same values, computed once).
fn ln1p(x: u32) -> f32 {
    const TABLE_LEN: usize = 4096;
    static TABLE: std::sync::LazyLock<Box<[f32]>> =
        std::sync::LazyLock::new(|| (0..TABLE_LEN).map(|i| (i as f32).ln_1p()).collect());
    match TABLE.get(x as usize) {
        Some(&v) => v,
        None => (x as f32).ln_1p(),
    }
}

fn ratio(a: u32, b: u32) -> f32 {
    if b == 0 { 0.0 } else { a as f32 / b as f32 }
}

impl DocFeatures {
    /// Prepares the per-document arrays for `lines`.
    pub(crate) fn prepare(&mut self, lines: &[LineRec], language: Option<Language>) {
        self.has_stoplist = language.is_some_and(Language::has_stopwords);
        self.nb.clear();
        self.words.clear();
        self.texts.clear();
        self.stops.clear();
        self.stops.push(0);
        self.blanks_before.clear();
        self.key_counts.clear();
        self.words.push(0);
        self.texts.push(0);
        self.sorted_words.clear();
        // Exactly as many as needed: a window just over a power of two of
        // lines would otherwise double the array (memory is bounded by the
        // window, and tight).
        self.sorted_words.reserve_exact(lines.len());
        self.window_sums.clear();
        self.window_sums.push([0.0; WINDOW_COLUMNS.len() + 1]);
        let mut sums = [0f64; SUMMARY_COLUMNS.len()];
        let mut blanks = 0u8;
        for (i, l) in lines.iter().enumerate() {
            if l.blank {
                blanks = blanks.saturating_add(1);
                continue;
            }
            let columns = summary_columns(l);
            for (sum, v) in sums.iter_mut().zip(columns) {
                *sum += f64::from(v);
            }
            let mut window = self.window_sums[self.window_sums.len() - 1];
            if columns[RULE_DROP_SUMMARY_INDEX] == 0.0 {
                for (sum, &i) in window.iter_mut().zip(&WINDOW_SUMMARY_INDEX) {
                    *sum += f64::from(columns[i]);
                }
                window[WINDOW_COLUMNS.len()] += 1.0;
            }
            self.window_sums.push(window);
            self.sorted_words.push(l.features.effective_words());
            self.nb.push(i as u32);
            self.blanks_before.push(blanks.min(5));
            blanks = 0;
            let w = l.features.effective_words();
            self.words.push(self.words.last().unwrap() + w);
            self.texts
                .push(self.texts.last().unwrap() + l.is_text() as u32);
            self.stops.push(self.stops.last().unwrap() + l.stopwords);
            if l.key_hash != 0 {
                *self.key_counts.entry(l.key_hash).or_insert(0) += 1;
            }
        }
        let n = self.nb.len();
        for (mean, sum) in self.summary_means.iter_mut().zip(sums) {
            *mean = if n == 0 { 0.0 } else { (sum / n as f64) as f32 };
        }
        self.sorted_words.sort_unstable();
        self.near.resize(NEAR, [0.0; N_LINE_FEATURES]);
        (self.near_from, self.near_next) = (0, 0);
        // Distances to the nearest text line before and after.
        self.dist_prev_text.clear();
        self.dist_next_text.clear();
        self.dist_prev_text.resize(n, 1000);
        self.dist_next_text.resize(n, 1000);
        let mut last: Option<usize> = None;
        for j in 0..n {
            if let Some(t) = last {
                self.dist_prev_text[j] = (j - t) as u32;
            }
            if lines[self.nb[j] as usize].is_text() {
                last = Some(j);
            }
        }
        last = None;
        for j in (0..n).rev() {
            if let Some(t) = last {
                self.dist_next_text[j] = (t - j) as u32;
            }
            if lines[self.nb[j] as usize].is_text() {
                last = Some(j);
            }
        }
        // Runs of label-shaped lines.
        self.label_run.clear();
        self.label_run.resize(n, 0);
        let mut j = 0;
        while j < n {
            if !lines[self.nb[j] as usize].is_label() {
                j += 1;
                continue;
            }
            let start = j;
            while j < n && lines[self.nb[j] as usize].is_label() {
                j += 1;
            }
            for k in start..j {
                self.label_run[k] = (j - start) as u32;
            }
        }
        // The densest run: the stretch of lines with the largest sum of
        // (words - 8), so long lines add and short ones subtract.
        let (mut best, mut best_sum) = ((0, 0), i64::MIN);
        let (mut cur_start, mut cur_sum) = (0usize, 0i64);
        for j in 0..n {
            let w = (self.words[j + 1] - self.words[j]) as i64 - 8;
            if cur_sum <= 0 {
                cur_start = j;
                cur_sum = 0;
            }
            cur_sum += w;
            if cur_sum > best_sum {
                best_sum = cur_sum;
                best = (cur_start, j);
            }
        }
        self.best = best;
        self.title_repeat = (0..n).find(|&j| {
            let (share, cover) = title_shares(&lines[self.nb[j] as usize]);
            share >= REPEAT_SHARE && cover >= REPEAT_COVER
        });
        let first = (0..n).find(|&j| lines[self.nb[j] as usize].is_text());
        let last = (0..n).rev().find(|&j| lines[self.nb[j] as usize].is_text());
        self.span = first.zip(last);
    }

    /// Takes the scoring buffers out, empty, to be handed back with
    /// [`DocFeatures::return_scoring_buffers`] so their memory is reused.
    pub(crate) fn scoring_buffers(&mut self) -> Scoring {
        let mut s = std::mem::take(&mut self.scoring);
        s.clear();
        s
    }

    pub(crate) fn return_scoring_buffers(&mut self, scoring: Scoring) {
        self.scoring = scoring;
    }

    /// Number of non-blank lines.
    pub(crate) fn len(&self) -> usize {
        self.nb.len()
    }

    /// Index into the line slice of the `j`-th non-blank line.
    pub(crate) fn line_index(&self, j: usize) -> usize {
        self.nb[j] as usize
    }

    fn window_words(&self, j: usize, r: usize) -> u32 {
        let lo = j.saturating_sub(r);
        let hi = (j + r + 1).min(self.nb.len());
        self.words[hi] - self.words[lo]
    }

    /// The line-alone columns of the `k`-th non-blank line, from the ring
    /// (computed when not there yet).
    fn near(&mut self, lines: &[LineRec], k: usize) -> &[f32; N_LINE_FEATURES] {
        let valid_from = self.near_from.max(self.near_next.saturating_sub(NEAR));
        if k < valid_from {
            // Asked for out of order: start again at `k`.
            (self.near_from, self.near_next) = (k, k);
        } else if k >= self.near_next + NEAR {
            // Far ahead (lines skipped): only the last NEAR lines matter.
            (self.near_from, self.near_next) = (k + 1 - NEAR, k + 1 - NEAR);
        }
        while self.near_next <= k {
            let line = &lines[self.nb[self.near_next] as usize];
            line_columns(line, &mut self.near[self.near_next % NEAR]);
            self.near_next += 1;
        }
        &self.near[k % NEAR]
    }

    /// Writes the feature row of the `j`-th non-blank line into `x`.
    /// Rows are cheapest asked for in order of `j`.
    pub(crate) fn row(
        &mut self,
        lines: &[LineRec],
        rules: &RuleSet,
        j: usize,
        x: &mut [f32; N_FEATURES],
    ) {
        let n = self.nb.len();
        let l = &lines[self.nb[j] as usize];
        let w = l.features.effective_words();
        let total_words = self.words[n];
        // The line's own columns, computed once for the ring (the furthest
        // neighbour ahead first, so that the ring holds all seven lines);
        // the columns that are not the line's alone are written below.
        self.near(lines, (j + 3).min(n - 1));
        x[..N_LINE_FEATURES].copy_from_slice(self.near(lines, j));
        x[16] = if n > 1 {
            j as f32 / (n - 1) as f32
        } else {
            0.0
        };
        x[17] = ln1p(j as u32);
        x[18] = ln1p((n - 1 - j) as u32);
        x[19] = ln1p(self.window_words(j, 1));
        x[20] = ln1p(self.window_words(j, 3));
        x[21] = ln1p(self.window_words(j, 8));
        let (lo, hi) = (j.saturating_sub(3), (j + 4).min(n));
        x[22] = ratio(self.texts[hi] - self.texts[lo], (hi - lo) as u32);
        x[23] = ln1p(self.dist_prev_text[j]);
        x[24] = ln1p(self.dist_next_text[j]);
        x[25] = self.span.is_some_and(|(a, b)| a <= j && j <= b) as u8 as f32;
        let (bs, be) = self.best;
        x[26] = (bs <= j && j <= be) as u8 as f32;
        x[27] = if j < bs { ln1p((bs - j) as u32) } else { 0.0 };
        x[28] = if j > be { ln1p((j - be) as u32) } else { 0.0 };
        x[29] = ln1p(self.key_counts.get(&l.key_hash).map_or(0, |c| c - 1));
        x[30] = ln1p(self.label_run[j]);
        x[31] = self.blanks_before[j] as f32;
        x[32] = if j + 1 < n {
            self.blanks_before[j + 1] as f32
        } else {
            5.0
        };
        x[33] = ln1p(n as u32);
        x[34] = ln1p(total_words);
        x[35] = ratio(self.texts[n], n as u32);
        x[36] = if j > 0 {
            ln1p(self.words[j] - self.words[j - 1])
        } else {
            0.0
        };
        x[37] = if j + 1 < n {
            ln1p(self.words[j + 2] - self.words[j + 1])
        } else {
            0.0
        };
        x[38] = (j > 0 && lines[self.nb[j - 1] as usize].is_text()) as u8 as f32;
        x[39] = (j + 1 < n && lines[self.nb[j + 1] as usize].is_text()) as u8 as f32;
        x[40] = (l.context == reason::MENU_RUN) as u8 as f32;
        x[41] = (l.context == reason::TAIL_RUN) as u8 as f32;
        x[42] = (l.context == reason::RAIL) as u8 as f32;
        x[43] = (l.context == reason::REPEAT) as u8 as f32;
        for v in &mut x[FAMILY_BASE..FAMILY_BASE + FAMILIES.len() + 1] {
            *v = 0.0;
        }
        if let Some((rule, _)) = l.hit {
            x[FAMILY_BASE + rules.family_index(RuleId(rule))] = 1.0;
        }
        x[59] = ratio(w, total_words);
        x[60] = ratio(self.words[j], total_words);
        // Stopwords in the neighbourhood and in the document.
        let (lo, hi) = (j.saturating_sub(3), (j + 4).min(n));
        x[65] = ratio(
            self.stops[hi] - self.stops[lo],
            self.words[hi] - self.words[lo],
        )
        .min(1.0);
        x[66] = ratio(self.stops[n], total_words).min(1.0);
        x[67] = self.has_stoplist as u8 as f32;
        // The line against its document.
        for (i, &c) in SUMMARY_COLUMNS.iter().enumerate() {
            x[SUMMARY_BASE + 2 * i] = self.summary_means[i];
            x[SUMMARY_BASE + 2 * i + 1] = x[c] - self.summary_means[i];
        }
        let fewer = self.sorted_words.partition_point(|&v| v < w);
        x[WINDOW_BASE - 1] = if n > 1 {
            fewer as f32 / (n - 1) as f32
        } else {
            0.0
        };
        // The wider stretch before and after the line, without the lines
        // a rule drops.
        let sums = &self.window_sums;
        let count = WINDOW_COLUMNS.len();
        // Column `i`'s mean over the counted lines of lines `a..b`.
        let mean = |a: usize, b: usize, i: usize| {
            let lines = sums[b][count] - sums[a][count];
            if lines > 0.0 {
                ((sums[b][i] - sums[a][i]) / lines) as f32
            } else {
                -1.0
            }
        };
        for (k, width) in WIDE_WINDOWS.into_iter().enumerate() {
            let (lo, hi) = (j.saturating_sub(width), (j + 1 + width).min(n));
            let out = &mut x[WINDOW_BASE + 2 * count * k..][..2 * count];
            for i in 0..count {
                out[2 * i] = mean(lo, j, i);
                out[2 * i + 1] = mean(j + 1, hi, i);
            }
        }
        // The line against the title.
        (x[TITLE_BASE], x[TITLE_BASE + 1]) = title_shares(l);
        (x[TITLE_BASE + 2], x[TITLE_BASE + 3]) = match self.title_repeat {
            Some(r) if j < r => (-ln1p((r - j) as u32), 1.0),
            Some(r) => (ln1p((j - r) as u32), 1.0),
            None => (0.0, 0.0),
        };
        // The neighbours' own columns.
        let width = NEIGHBOUR_COLUMNS.len();
        for (b, offset) in NEIGHBOUR_OFFSETS.iter().enumerate() {
            let out = &mut x[N_LINE_FEATURES + b * width..][..width];
            match j.checked_add_signed(*offset).filter(|&k| k < n) {
                Some(k) => {
                    let near = self.near(lines, k);
                    for (v, &c) in out.iter_mut().zip(&NEIGHBOUR_COLUMNS) {
                        *v = near[c];
                    }
                }
                None => out.fill(-1.0),
            }
        }
    }
}

/// The columns of a row that depend on the line alone: its measurements,
/// the rules' verdict on it and its stopwords.
fn line_columns(l: &LineRec, x: &mut [f32; N_LINE_FEATURES]) {
    let f = &l.features;
    for (&c, v) in SUMMARY_COLUMNS.iter().zip(summary_columns(l)) {
        x[c] = v;
    }
    x[0] = ln1p(f.chars);
    x[2] = ratio(f.letters, f.chars);
    x[4] = ratio(f.punct, f.chars);
    x[5] = ratio(f.upper, f.letters);
    x[7] = f.sentence_ends.min(10) as f32;
    x[8] = f.commas.min(10) as f32;
    x[11] = ratio(f.unspaced, f.chars);
    x[12] = (f.private_use > 0) as u8 as f32;
    x[13] = ln1p(f.longest_token);
    x[15] = l.is_text() as u8 as f32;
    let action = l.hit.map(|(_, a)| a);
    x[45] = (action == Some(Action::Rail)) as u8 as f32;
    x[46] = (action == Some(Action::Keep)) as u8 as f32;
    x[61] = ln1p(f.glue_joins);
    x[62] = ratio(f.glue_joins, f.words);
    x[64] = ln1p(l.stopwords);
    let e = &l.evidence;
    x[69] = f32::from(e.min) / LEXICON_SCALE;
    x[70] = f32::from(e.max) / LEXICON_SCALE;
    x[71] = f32::from(e.first) / LEXICON_SCALE;
    x[72] = e.known_share();
}

/// The share of the line's words that are the title's, and the share of
/// the title's words the line holds; -1 for both when there is no title
/// to match (the title itself, the lines before it) or the line has no
/// words.
fn title_shares(l: &LineRec) -> (f32, f32) {
    let t = &l.title;
    if t.title_words == 0 || l.evidence.words == 0 {
        return (-1.0, -1.0);
    }
    (
        f32::from(t.words) / f32::from(l.evidence.words),
        f32::from(t.covered) / f32::from(t.title_words),
    )
}

/// The line's [`SUMMARY_COLUMNS`], in that order: the part of
/// `line_columns` whose document means `DocFeatures::prepare` takes, so
/// that it need not compute the rest.
fn summary_columns(l: &LineRec) -> [f32; SUMMARY_COLUMNS.len()] {
    let f = &l.features;
    let w = f.effective_words();
    [
        f.is_prose() as u8 as f32,
        ln1p(w),
        ratio(f.digits, f.chars),
        l.starts_like_label as u8 as f32,
        ratio(f.capitalised_words, f.words),
        f.ends_sentence as u8 as f32,
        matches!(l.hit, Some((_, Action::Drop))) as u8 as f32,
        // A share of the line's words (at most 1: a Chinese line of
        // function characters can match more often than its words count).
        ratio(l.stopwords, w).min(1.0),
        l.evidence.mean(),
    ]
}

/// See [`Cleaner::write_feature_rows`](crate::Cleaner::write_feature_rows).
pub(crate) fn write_rows(inner: &Inner, input: &[u8], out: &mut dyn Write) -> io::Result<()> {
    let (lines, mut doc) = analysed(inner, input);
    let mut x = [0f32; N_FEATURES];
    for j in 0..doc.len() {
        doc.row(&lines, &inner.rules, j, &mut x);
        let l = &lines[doc.line_index(j)];
        write!(out, "{}", doc.line_index(j))?;
        for v in x {
            write!(out, "\t{v}")?;
        }
        let text =
            String::from_utf8_lossy(crate::lines::without_terminator(&input[l.start..l.end]));
        let text = text.replace(['\t', '\r'], " ");
        write!(out, "\t{}\t{}\t", inner.reason(l.reason).code(), text)?;
        // The slots of the line's words, for training the lexicon.
        let mut sep = "";
        lexicon::for_each_slot(&text, |slot| {
            // A word too long to look up reads as slot -1.
            let _ = write!(out, "{sep}{}", slot.map_or(-1, |s| s as i64));
            sep = ",";
        });
        // Whether the default mode's scorer decides the line (no verdict
        // of a rule, a context rule or the title stands), for training the
        // rank pass on the lines the crate scores.
        writeln!(out, "\t{}", l.is_scored(false) as u8)?;
    }
    Ok(())
}

/// The lines of `input` (one document), analysed as the scorer sees them,
/// and their document features.
fn analysed(inner: &Inner, input: &[u8]) -> (Vec<LineRec>, DocFeatures) {
    let mut lines: Vec<LineRec> = Vec::new();
    let mut at = 0;
    let split = inner.config.glue != crate::cleaner::Glue::Lines;
    for line in crate::lines::Lines::new(input) {
        crate::decide::push_units(input, at, at + line.len(), split, &mut lines);
        at += line.len();
    }
    let mut scratch = Scratch::default();
    analyse_all(
        &inner.rules,
        inner.config.language.into(),
        inner.model.as_ref().map(|(forest, _)| forest.lexicon()),
        input,
        &mut lines,
        &mut scratch,
    );
    let mut doc = DocFeatures::default();
    doc.prepare(&lines, scratch.language);
    (lines, doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_scale_matches_the_formula_in_and_past_the_table() {
        for x in [0u32, 1, 2, 7, 100, 4095, 4096, 4097, 1 << 20, u32::MAX] {
            assert_eq!(ln1p(x).to_bits(), (x as f32).ln_1p().to_bits(), "{x}");
        }
    }

    #[test]
    fn names_match_the_row_length() {
        assert_eq!(LINE_FEATURE_NAMES.len(), N_LINE_FEATURES);
        assert_eq!(feature_names().len(), N_FEATURES);
        assert_eq!(LINE_FEATURE_NAMES[FAMILY_BASE], "fam_icons");
        for (i, f) in FAMILIES.iter().enumerate() {
            assert_eq!(
                LINE_FEATURE_NAMES[FAMILY_BASE + i],
                format!("fam_{}", f.name)
            );
        }
        assert_eq!(LINE_FEATURE_NAMES[FAMILY_BASE + FAMILIES.len()], "fam_user");
        let names = feature_names();
        assert_eq!(names[N_LINE_FEATURES], "punct_ratio@-3");
        assert_eq!(names[SUMMARY_BASE - 1], "lex_mean@+3");
        assert_eq!(names[SUMMARY_BASE], "doc_mean_is_prose");
        assert_eq!(names[SUMMARY_BASE + 1], "vs_doc_is_prose");
        assert_eq!(names[WINDOW_BASE - 1], "fewer_words_share");
        assert_eq!(names[WINDOW_BASE], "lex_mean_before10");
        assert_eq!(names[WINDOW_BASE + 3], "starts_like_label_after10");
        assert_eq!(names[WINDOW_BASE + 4], "lex_mean_before30");
        assert_eq!(names[TITLE_BASE - 1], "starts_like_label_after30");
        assert_eq!(names[TITLE_BASE], "title_share");
        assert_eq!(names[N_FEATURES - 1], "has_title_repeat");
        for (&c, &i) in WINDOW_COLUMNS.iter().zip(&WINDOW_SUMMARY_INDEX) {
            assert_eq!(SUMMARY_COLUMNS[i], c);
        }
        assert_eq!(
            LINE_FEATURE_NAMES[SUMMARY_COLUMNS[RULE_DROP_SUMMARY_INDEX]],
            "rule_drop"
        );
    }

    /// The stopword features of the first line of `text`, for a cleaner
    /// set to `language`: (stop_ratio, doc_stop_ratio, has_stoplist).
    fn stop_features(language: &str, text: &str) -> (f32, f32, f32) {
        let cleaner = crate::Cleaner::builder()
            .language(language)
            .build()
            .unwrap();
        let mut out = Vec::new();
        cleaner
            .write_feature_rows(text.as_bytes(), &mut out)
            .unwrap();
        let out = String::from_utf8(out).unwrap();
        let row: Vec<f32> = out
            .lines()
            .next()
            .unwrap()
            .split('\t')
            .skip(1)
            .take(N_FEATURES)
            .map(|v| v.parse().unwrap())
            .collect();
        let names = feature_names();
        let at = |name: &str| row[names.iter().position(|n| n == name).unwrap()];
        (at("stop_ratio"), at("doc_stop_ratio"), at("has_stoplist"))
    }

    /// The feature rows of `text`, one per non-blank line.
    fn rows(text: &str) -> Vec<Vec<f32>> {
        let mut out = Vec::new();
        crate::Cleaner::new()
            .write_feature_rows(text.as_bytes(), &mut out)
            .unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| {
                l.split('\t')
                    .skip(1)
                    .take(N_FEATURES)
                    .map(|v| v.parse().unwrap())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn neighbour_columns_repeat_the_neighbours_own_columns() {
        let text = "Home\nNews\n\nThe council met on Tuesday, and it agreed to repair the bridge.\nShare\n12 comments\n";
        let rows = rows(text);
        assert_eq!(rows.len(), 5, "blank lines have no row");
        let width = NEIGHBOUR_COLUMNS.len();
        for (j, row) in rows.iter().enumerate() {
            for (b, offset) in NEIGHBOUR_OFFSETS.iter().enumerate() {
                let block = &row[N_LINE_FEATURES + b * width..][..width];
                match j.checked_add_signed(*offset).filter(|&k| k < rows.len()) {
                    Some(k) => {
                        let own: Vec<f32> = NEIGHBOUR_COLUMNS.iter().map(|&c| rows[k][c]).collect();
                        assert_eq!(block, &own[..], "line {j}, offset {offset}");
                    }
                    None => assert!(
                        block.iter().all(|&v| v == -1.0),
                        "line {j}, offset {offset}"
                    ),
                }
            }
        }
        // The sentence's neighbours differ from the menu's: a sentence
        // end one line before the share button, none before "News".
        let ends = NEIGHBOUR_COLUMNS.iter().position(|&c| c == 9).unwrap();
        let before = NEIGHBOUR_OFFSETS.iter().position(|&o| o == -1).unwrap();
        assert_eq!(rows[3][N_LINE_FEATURES + before * width + ends], 1.0);
        assert_eq!(rows[1][N_LINE_FEATURES + before * width + ends], 0.0);
    }

    #[test]
    fn document_columns_hold_one_value_per_document() {
        let columns = document_columns();
        let names = feature_names();
        assert_eq!(columns.len(), 6 + SUMMARY_COLUMNS.len());
        assert!(columns.iter().any(|&c| names[c] == "has_title_repeat"));
        for text in [
            "Home\nNews\n\nThe council met on Tuesday, and it agreed to repair the bridge.\nShare\n12 comments\n",
            include_str!("../../corpus/seed/rt-article.txt"),
        ] {
            let rows = rows(text);
            assert!(rows.len() > 4);
            for &c in columns {
                assert!(
                    rows.iter().all(|r| r[c].to_bits() == rows[0][c].to_bits()),
                    "{} varies within a document",
                    names[c]
                );
            }
        }
        // A line's own columns do vary.
        let rows =
            rows("Home\n\nThe council met on Tuesday, and it agreed to repair the bridge.\n");
        assert_ne!(rows[0][1], rows[1][1], "{}", names[1]);
    }

    #[test]
    fn summaries_place_each_line_in_its_document() {
        let text = "Home\nNews\n\nThe council met on Tuesday, and it agreed to repair the bridge.\nShare\n12 comments\n";
        let rows = rows(text);
        let n = rows.len() as f32;
        for (i, &c) in SUMMARY_COLUMNS.iter().enumerate() {
            let mean = rows.iter().map(|r| r[c]).sum::<f32>() / n;
            for (j, row) in rows.iter().enumerate() {
                assert!(
                    (row[SUMMARY_BASE + 2 * i] - mean).abs() < 1e-5,
                    "column {c}, line {j}"
                );
                let diff = row[SUMMARY_BASE + 2 * i + 1];
                assert!(
                    (diff - (row[c] - mean)).abs() < 1e-5,
                    "column {c}, line {j}"
                );
            }
        }
        // One-word labels have fewer words than no line; the sentence has
        // more than the four others; "12 comments" more than three.
        let share: Vec<f32> = rows.iter().map(|r| r[WINDOW_BASE - 1]).collect();
        assert_eq!(share, vec![0.0, 0.0, 1.0, 0.0, 0.75]);
        // Prose is one line in five here.
        let prose = SUMMARY_COLUMNS.iter().position(|&c| c == 14).unwrap();
        assert!((rows[0][SUMMARY_BASE + 2 * prose] - 0.2).abs() < 1e-6);
        assert!(rows[2][SUMMARY_BASE + 2 * prose + 1] > 0.0);
    }

    #[test]
    fn wide_windows_average_the_lines_no_rule_drops_on_each_side() {
        // Twelve label lines, then twelve sentences (starting in lower
        // case, so not label-shaped) with a share bar after the sixth: a
        // label's window after it reaches into the prose, the window is
        // cut at the document's ends, and the share bar counts for neither
        // side of any line.
        let mut text = String::new();
        for i in 0..12 {
            text.push_str(&format!("Menu item {i}\n"));
        }
        for i in 0..12 {
            text.push_str(&format!(
                "and then the council met on day {i} and agreed, after a long debate, to repair the bridge.\n"
            ));
            if i == 5 {
                text.push_str("Share on Facebook\nShare on X\n");
            }
        }
        let rows = rows(&text);
        assert_eq!(rows.len(), 26);
        let rule_drop_column = SUMMARY_COLUMNS[RULE_DROP_SUMMARY_INDEX];
        let rule_drop = |j: usize| rows[j][rule_drop_column] > 0.0;
        assert!(rule_drop(18) && rule_drop(19));
        assert_eq!((0..rows.len()).filter(|&j| rule_drop(j)).count(), 2);
        // The label-shape windows: the second of the window columns.
        let label = WINDOW_BASE + 2;
        let column = |j: usize| rows[j][WINDOW_COLUMNS[1]];
        // Computed from the line columns themselves, for each width.
        for (k, width) in WIDE_WINDOWS.into_iter().enumerate() {
            let label = label + 2 * WINDOW_COLUMNS.len() * k;
            for (j, row) in rows.iter().enumerate() {
                let lo = j.saturating_sub(width);
                let hi = (j + 1 + width).min(26);
                let mean = |r: std::ops::Range<usize>| {
                    let kept: Vec<f32> = r.filter(|&k| !rule_drop(k)).map(column).collect();
                    if kept.is_empty() {
                        -1.0
                    } else {
                        kept.iter().sum::<f32>() / kept.len() as f32
                    }
                };
                assert!((row[label] - mean(lo..j)).abs() < 1e-6, "line {j}");
                assert!((row[label + 1] - mean(j + 1..hi)).abs() < 1e-6, "line {j}");
            }
        }
        assert_eq!(rows[0][label], -1.0);
        assert_eq!(rows[25][label + 1], -1.0);
        // Labels above, sentences below: the last label looks both ways.
        assert!(rows[11][label] > 0.5 && rows[11][label + 1] < 0.5);
        // The share bar's labels are left out: the sentences around it see
        // only sentences within ten lines after them.
        assert_eq!(rows[17][label + 1], 0.0);
    }

    #[test]
    fn lines_are_placed_against_the_titles_repeat() {
        let text = "\u{2630}\n\
                    Bridge Repairs Begin Next Week | The Town Crier\n\
                    Home\n\
                    News\n\
                    Bridge repairs begin next week\n\
                    The council agreed on Monday to repair the old bridge.\n\
                    Work on the bridge starts next week, the mayor said.\n";
        let page = rows(text);
        assert_eq!(page.len(), 7);
        let share = |j: usize| page[j][TITLE_BASE];
        let cover = |j: usize| page[j][TITLE_BASE + 1];
        let from = |j: usize| page[j][TITLE_BASE + 2];
        // The first line has no words; the second is the title: neither
        // is matched.
        assert_eq!((share(0), cover(0)), (-1.0, -1.0));
        assert_eq!((share(1), cover(1)), (-1.0, -1.0));
        assert_eq!((share(2), cover(2)), (0.0, 0.0));
        // The heading: every word the title's, five of its eight words.
        assert_eq!((share(4), cover(4)), (1.0, 5.0 / 8.0));
        // Three of ten words (`the` twice, `bridge`), two of the title's.
        assert_eq!((share(5), cover(5)), (3.0 / 10.0, 2.0 / 8.0));
        // Lines are counted from the heading, the first repeat.
        assert_eq!(from(4), 0.0);
        assert_eq!(from(2), -(2f32.ln_1p()));
        assert_eq!(from(6), 2f32.ln_1p());
        assert!(page.iter().all(|r| r[TITLE_BASE + 3] == 1.0));
        // Without a repeat: no distance, and the flag is 0.
        let unrepeated = rows("Bridge Repairs | Crier\nHome\nThe council met.\n");
        assert!(
            unrepeated
                .iter()
                .all(|r| r[TITLE_BASE + 2] == 0.0 && r[TITLE_BASE + 3] == 0.0)
        );
    }

    #[test]
    fn rows_do_not_depend_on_the_order_they_are_asked_for() {
        let cleaner = crate::Cleaner::new();
        let inner = &cleaner.inner;
        let text: String = (0..40)
            .map(|i| match i % 5 {
                0 => "Home\n".to_string(),
                1 => format!("The council met on day {i} and agreed to repair the bridge.\n"),
                2 => "\n".to_string(),
                3 => format!("{i} comments\n"),
                _ => "Share this story\n".to_string(),
            })
            .collect();
        let (lines, mut doc) = analysed(inner, text.as_bytes());
        let mut x = [0f32; N_FEATURES];
        let mut row = |doc: &mut DocFeatures, j: usize| {
            doc.row(&lines, &inner.rules, j, &mut x);
            x.to_vec()
        };
        let n = doc.len();
        let in_order: Vec<Vec<f32>> = (0..n).map(|j| row(&mut doc, j)).collect();
        // Backwards, then skipping ahead by more than the ring holds.
        for j in (0..n).rev() {
            assert_eq!(row(&mut doc, j), in_order[j], "line {j} backwards");
        }
        for j in (0..n).step_by(11).chain((1..n).step_by(3)) {
            assert_eq!(row(&mut doc, j), in_order[j], "line {j} skipping");
        }
    }

    /// The batch buffer is reused without being cleared
    /// ([`Scoring::next_row`]): a row must not depend on what its slot
    /// held before.
    #[test]
    fn rows_write_every_column() {
        let cleaner = crate::Cleaner::new();
        let inner = &cleaner.inner;
        let text = "Home\nNews\n\nThe council met on Tuesday, and it agreed to repair \
                    the bridge.\nShare\n12 comments\nDie Brücke wird im Mai gesperrt.\n";
        let (lines, mut doc) = analysed(inner, text.as_bytes());
        for j in 0..doc.len() {
            let mut rows = [
                [0f32; N_FEATURES],
                [f32::NAN; N_FEATURES],
                [-7.5; N_FEATURES],
            ];
            for x in &mut rows {
                doc.row(&lines, &inner.rules, j, x);
            }
            for c in 0..N_FEATURES {
                let [a, b, d] = rows.map(|x| x[c].to_bits());
                assert!(a == b && a == d, "line {j}, column {c} not written");
            }
        }
    }

    #[test]
    fn stopword_features_follow_the_language() {
        let text = "The council met on Tuesday and it agreed to repair the bridge before the winter comes.\nHome\n";
        // the, on, and, it, to, the, before, the: 8 of 16 words.
        let (line, doc, has) = stop_features("auto", text);
        assert_eq!((line, has), (0.5, 1.0));
        assert_eq!(doc, 8.0 / 17.0);
        assert_eq!(stop_features("en", text), (line, doc, has));
        let (line, _, has) = stop_features("de", text);
        assert!(line < 0.1 && has == 1.0, "{line}");
        // Welsh is known but has no list: the features are zero.
        assert_eq!(stop_features("cy", text), (0.0, 0.0, 0.0));
        // Nothing to guess from: no language, zero features.
        assert_eq!(stop_features("auto", "12 34\n"), (0.0, 0.0, 0.0));
    }

    #[test]
    fn shipped_forest_parses_and_fits_the_features() {
        let forest = Forest::parse("forest.txt", SHIPPED_FOREST).unwrap();
        assert_eq!(forest.features(), N_FEATURES);
    }
}
