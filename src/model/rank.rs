//! The rank pass: a second, small forest that rescores each scored line
//! from its place in its document's order of first-pass scores.
//!
//! The first forest orders a document's lines well; where it goes wrong
//! is mostly the cut, how far down that order to keep (on held-out dev
//! pages, the best prefix of the order scores far above the shipped
//! decision: `scripts/experiments/cut_oracle.py`). A line's own score
//! does not say whether its document is an article whose residue scores
//! 0.3, or a product page whose content does. The rank pass sees both:
//! for every line the scorer decides, its score, the share of the
//! document's words scored above it, its rank, and the shape of the
//! document's scores (median, 90th percentile, the expected content
//! share, the expected-F cut). Its margins replace the first forest's
//! before the [decision](super::decision) is taken.
//!
//! The columns are computed over the scored lines only, with each line
//! weighing its words (at least 1), exactly as `scripts/train.py`
//! computes them from the first forest's held-out scores to train the
//! second.

use super::forest::Forest;

/// Names of the rank pass's features, in the order of its rows.
pub const RANK_FEATURE_NAMES: [&str; RANK_FEATURES] = [
    "score",
    "words_above",
    "rank",
    "words_above_vs_expected",
    "expected_share",
    "score_vs_cut",
    "score_vs_max",
    "log_scored_lines",
    "log_scored_words",
    "median_score",
    "p90_score",
    "cut",
];

/// Number of features of the rank pass.
pub const RANK_FEATURES: usize = 12;

/// The rank pass's columns that hold one value per document (the
/// expected share, the line and word counts, the percentiles, the cut):
/// tested once per document ([`Forest::margins_sharing`]).
const DOCUMENT_COLUMNS: [usize; 6] = [4, 7, 8, 9, 10, 11];

/// Rows of the rank pass scored together (a bounded buffer, whatever the
/// number of lines).
const BATCH: usize = 512;

/// Reused buffers of the rank pass: one sort key per ranked line, and a
/// batch of rows. A window of 32,768 lines needs half a megabyte.
#[derive(Debug, Default)]
pub(crate) struct RankScratch {
    /// One per ranked line, sorted: the score's bits inverted (the
    /// scores are not negative, so their bits order them), then the
    /// line, so that equal scores keep their line order.
    keys: Vec<u128>,
    /// The current batch: rows, their lines, and their margins.
    rows: Vec<f32>,
    lines: Vec<u32>,
    out: Vec<f32>,
}

/// The score of a sort key.
fn key_score(key: u128) -> f64 {
    f64::from_bits(!((key >> 32) as u64))
}

/// The line of a sort key.
fn key_line(key: u128) -> usize {
    key as u32 as usize
}

/// What the rank pass needs of a document's ranked lines as a whole.
struct Totals {
    /// Their words.
    words: f64,
    /// Their expected content words: the sum of score times words.
    expected: f64,
}

impl RankScratch {
    /// Replaces the first pass's `margins` (one per scored line, with
    /// the line's words in `weights`) by the rank pass's, for the lines
    /// `k` where `ranked(k)` is true; the others keep theirs and are left out of
    /// the ranks. (Conservative mode scores lines a rule would drop; the
    /// rank pass, trained on the lines the default mode scores, ranks
    /// only those.)
    pub(crate) fn rescore(
        &mut self,
        rank: &Forest,
        margins: &mut [f32],
        weights: &[u32],
        ranked: impl Fn(usize) -> bool,
    ) {
        debug_assert_eq!(rank.features(), RANK_FEATURES);
        let totals = self.sort(margins, weights, ranked);
        let RankScratch {
            keys,
            rows,
            lines,
            out,
        } = self;
        let mut flush = |rows: &mut Vec<f32>, lines: &mut Vec<u32>| {
            rank.margins_sharing(rows, &DOCUMENT_COLUMNS, out);
            for (&i, &m) in lines.iter().zip(out.iter()) {
                margins[i as usize] = m;
            }
            rows.clear();
            lines.clear();
        };
        rows.clear();
        lines.clear();
        for_each_row(keys, weights, &totals, |line, row| {
            rows.extend(row);
            lines.push(line as u32);
            if lines.len() == BATCH {
                flush(rows, lines);
            }
        });
        if !lines.is_empty() {
            flush(rows, lines);
        }
    }

    /// Sorts the ranked lines by decreasing first-pass score (`keys`),
    /// and adds up their words and expected content words, in line order.
    fn sort(&mut self, margins: &[f32], weights: &[u32], ranked: impl Fn(usize) -> bool) -> Totals {
        assert_eq!(margins.len(), weights.len(), "one weight per margin");
        let mut totals = Totals {
            words: 0.0,
            expected: 0.0,
        };
        self.keys.clear();
        for (i, (&m, &w)) in margins.iter().zip(weights).enumerate() {
            if !ranked(i) {
                continue;
            }
            let q = 1.0 / (1.0 + (-f64::from(m)).exp());
            let w = f64::from(w.max(1));
            totals.words += w;
            totals.expected += q * w;
            self.keys.push((u128::from(!q.to_bits()) << 32) | i as u128);
        }
        self.keys.sort_unstable();
        totals
    }
}

/// Calls `emit` with the rank pass's row of every ranked line (its
/// index and its columns), in the order of `keys` (sorted, see
/// [`RankScratch::sort`]).
fn for_each_row(
    keys: &[u128],
    weights: &[u32],
    totals: &Totals,
    mut emit: impl FnMut(usize, [f32; RANK_FEATURES]),
) {
    let n = keys.len();
    if n == 0 {
        return;
    }
    let weight = |key: u128| f64::from(weights[key_line(key)].max(1));
    let share = totals.expected / totals.words;
    // The expected-F1 cut over the exact prefixes of the order (as
    // `scripts/train.py`'s `expected_f_cut`, beta 1).
    let (mut kept, mut hits, mut best) = (0f64, 0f64, 0f64);
    for &k in keys {
        kept += weight(k);
        hits += key_score(k) * weight(k);
        best = best.max(2.0 * hits / (kept + totals.expected));
    }
    let cut = best / 2.0;
    let max = key_score(keys[0]).max(1e-6);
    // The scores in increasing order are the keys backwards.
    let increasing = |j: usize| key_score(keys[n - 1 - j]);
    let median = percentile(n, 50.0, increasing);
    let p90 = percentile(n, 90.0, increasing);
    let log_lines = (n as f64).ln_1p();
    let log_words = totals.words.ln_1p();
    let last_rank = (n - 1).max(1) as f64;
    let mut above = 0f64;
    for (r, &k) in keys.iter().enumerate() {
        let q = key_score(k);
        let words_above = above / totals.words;
        above += weight(k);
        let row = [
            q,
            words_above,
            r as f64 / last_rank,
            words_above - share,
            share,
            q - cut,
            q / max,
            log_lines,
            log_words,
            median,
            p90,
            cut,
        ];
        emit(key_line(k), row.map(|v| v as f32));
    }
}

/// The `p`th percentile of `n` increasing values (`value(j)` is the
/// `j`th), interpolated linearly between the two nearest ranks (numpy's
/// default).
fn percentile(n: usize, p: f64, value: impl Fn(usize) -> f64) -> f64 {
    let at = (n - 1) as f64 * p / 100.0;
    let lo = at.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    let t = at - lo as f64;
    value(lo) + (value(hi) - value(lo)) * t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logit(p: f64) -> f32 {
        (p / (1.0 - p)).ln() as f32
    }

    /// The rows of every line, ranked where `ranked` says (all lines
    /// when it is empty), by line; empty for a line not ranked.
    fn rows_ranked(ps: &[f64], ws: &[u32], ranked: &[bool]) -> Vec<Vec<f32>> {
        let margins: Vec<f32> = ps.iter().map(|&p| logit(p)).collect();
        let all = vec![true; ps.len()];
        let ranked = if ranked.is_empty() { &all } else { ranked };
        let mut scratch = RankScratch::default();
        let totals = scratch.sort(&margins, ws, |k| ranked[k]);
        let mut rows = vec![Vec::new(); ps.len()];
        for_each_row(&scratch.keys, ws, &totals, |line, row| {
            assert!(rows[line].is_empty(), "line {line} twice");
            rows[line] = row.to_vec();
        });
        rows
    }

    fn rows_of(ps: &[f64], ws: &[u32]) -> Vec<Vec<f32>> {
        rows_ranked(ps, ws, &[])
    }

    fn close(a: f32, b: f64) -> bool {
        (f64::from(a) - b).abs() < 1e-5
    }

    #[test]
    fn names_match_the_row_length() {
        assert_eq!(RANK_FEATURE_NAMES.len(), RANK_FEATURES);
    }

    #[test]
    fn each_line_sees_the_words_scored_above_it_and_its_rank() {
        let ps = [0.2, 0.9, 0.5, 0.9];
        let ws = [10, 20, 0, 30];
        let rows = rows_of(&ps, &ws);
        // Order: line 1 (0.9, first of the tie), line 3, line 2, line 0;
        // words 20, 30, 1 (at least one), 10: 61 in all.
        let total = 61.0;
        for (line, above, rank) in [
            (1, 0.0, 0.0),
            (3, 20.0, 1.0),
            (2, 50.0, 2.0),
            (0, 51.0, 3.0),
        ] {
            assert!(close(rows[line][0], ps[line]), "score of {line}");
            assert!(close(rows[line][1], above / total), "words above {line}");
            assert!(close(rows[line][2], rank / 3.0), "rank of {line}");
        }
        let expected = (0.2 * 10.0 + 0.9 * 20.0 + 0.5 + 0.9 * 30.0) / total;
        for row in &rows {
            assert!(close(row[4], expected));
            assert!(close(row[3], f64::from(row[1]) - expected));
            assert!(close(row[6], f64::from(row[0]) / 0.9));
            assert!(close(row[7], 5f64.ln()));
            assert!(close(row[8], 62f64.ln()));
        }
    }

    #[test]
    fn the_cut_is_the_best_expected_f1_over_the_prefixes() {
        let ps = [0.95, 0.1, 0.6, 0.3, 0.8];
        let ws = [5, 40, 10, 20, 8];
        let rows = rows_of(&ps, &ws);
        // Brute force over every threshold.
        let expected: f64 = ps.iter().zip(&ws).map(|(&p, &w)| p * f64::from(w)).sum();
        let best = ps
            .iter()
            .map(|&t| {
                let kept: f64 = ps
                    .iter()
                    .zip(&ws)
                    .filter(|(p, _)| **p >= t)
                    .map(|(_, &w)| f64::from(w))
                    .sum();
                let hits: f64 = ps
                    .iter()
                    .zip(&ws)
                    .filter(|(p, _)| **p >= t)
                    .map(|(&p, &w)| p * f64::from(w))
                    .sum();
                2.0 * hits / (kept + expected)
            })
            .fold(0.0, f64::max);
        for (row, &p) in rows.iter().zip(&ps) {
            assert!(close(row[11], best / 2.0));
            assert!(close(row[5], p - best / 2.0));
        }
    }

    #[test]
    fn percentiles_interpolate_between_ranks() {
        let of = |v: &[f64], p: f64| percentile(v.len(), p, |j| v[j]);
        assert_eq!(of(&[1.0, 2.0, 3.0, 4.0], 50.0), 2.5);
        assert!((of(&[0.0, 10.0, 20.0, 30.0, 40.0], 90.0) - 36.0).abs() < 1e-12);
        assert_eq!(of(&[7.0], 90.0), 7.0);
        // The rows' median and 90th percentile, from lines given out of
        // order.
        let rows = rows_of(&[0.3, 0.5, 0.1, 0.4, 0.2], &[1; 5]);
        assert!(close(rows[0][9], 0.3));
        assert!(close(rows[0][10], 0.46));
    }

    #[test]
    fn only_the_ranked_lines_are_rescored_and_ranked() {
        // The rank pass: +3 in the first half of the order, -3 after.
        let rank = Forest::parse(
            "rank",
            "deboil-forest 1\nfeatures 12\nbase 0\ntree 1 2\n2 0.5 -1 -2\n3 -3\n",
        )
        .unwrap();
        let mut scratch = RankScratch::default();
        let mut margins = vec![2.0, 9.0, 1.0, 0.0, -1.0];
        let weights = [5, 5, 5, 5, 5];
        // Line 1 is not ranked: it keeps its margin, and the others'
        // ranks are 0, 1/3, 2/3, 1 without it.
        scratch.rescore(&rank, &mut margins, &weights, |k| k != 1);
        assert_eq!(margins, [3.0, 9.0, 3.0, -3.0, -3.0]);
        let mut none = vec![1.0, 2.0];
        scratch.rescore(&rank, &mut none, &[1, 1], |_| false);
        assert_eq!(none, [1.0, 2.0]);
    }

    #[test]
    fn one_line_and_no_lines() {
        let rows = rows_of(&[0.7], &[3]);
        assert_eq!(rows.len(), 1);
        assert!(close(rows[0][2], 0.0));
        assert!(close(rows[0][1], 0.0));
        let none = rows_ranked(&[0.7, 0.2], &[3, 4], &[false, false]);
        assert!(none.iter().all(Vec::is_empty));
    }

    #[test]
    fn lines_left_out_do_not_count() {
        let with = rows_ranked(
            &[0.9, 0.5, 0.2, 0.7],
            &[4, 9, 3, 2],
            &[true, false, true, true],
        );
        let without = rows_of(&[0.9, 0.2, 0.7], &[4, 3, 2]);
        assert!(with[1].is_empty());
        assert_eq!(with[0], without[0]);
        assert_eq!(with[2], without[1]);
        assert_eq!(with[3], without[2]);
    }

    #[test]
    fn many_lines_are_rescored_in_batches_like_one() {
        // More lines than a batch, scores with ties: rescoring gives each
        // line the rank forest's margin of its own row.
        let rank = Forest::parse(
            "rank",
            "deboil-forest 1\nfeatures 12\nbase 0\ntree 2 3\n1 0.25 -1 1\n0 0.6 -2 -3\n1 -1 2\n",
        )
        .unwrap();
        let n = 3 * BATCH + 17;
        let ps: Vec<f64> = (0..n)
            .map(|i| ((i * 37) % 101) as f64 / 101.0 * 0.98 + 0.01)
            .collect();
        let ws: Vec<u32> = (0..n).map(|i| (i % 13) as u32).collect();
        let rows = rows_of(&ps, &ws);
        let mut margins: Vec<f32> = ps.iter().map(|&p| logit(p)).collect();
        RankScratch::default().rescore(&rank, &mut margins, &ws, |_| true);
        for (i, row) in rows.iter().enumerate() {
            assert_eq!(margins[i], rank.walk_margin(row), "line {i}");
        }
    }
}
