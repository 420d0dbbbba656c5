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

/// Reused buffers of the rank pass.
#[derive(Debug, Default)]
pub(crate) struct RankScratch {
    /// The first pass's probabilities of the scored lines.
    scores: Vec<f64>,
    /// Line indices, by decreasing score (ties in line order), and the
    /// keys they are sorted by.
    order: Vec<u32>,
    keys: Vec<u128>,
    /// The scores in increasing order, for the percentiles.
    sorted: Vec<f64>,
    rows: Vec<f32>,
    /// The lines ranked, and their first-pass margins and words.
    picked: Vec<u32>,
    first: Vec<f32>,
    words: Vec<u32>,
}

impl RankScratch {
    /// Replaces the first pass's `margins` (one per scored line, with
    /// the line's words in `weights`) by the rank pass's, for the lines
    /// where `ranked` is true; the others keep theirs and are left out of
    /// the ranks. (Conservative mode scores lines a rule would drop; the
    /// rank pass, trained on the lines the default mode scores, ranks
    /// only those.)
    pub(crate) fn rescore(
        &mut self,
        rank: &Forest,
        margins: &mut [f32],
        weights: &[u32],
        ranked: &[bool],
    ) {
        debug_assert_eq!(rank.features(), RANK_FEATURES);
        assert!(margins.len() == weights.len() && margins.len() == ranked.len());
        self.picked.clear();
        self.picked
            .extend((0..margins.len() as u32).filter(|&i| ranked[i as usize]));
        if self.picked.is_empty() {
            return;
        }
        let mut first = std::mem::take(&mut self.first);
        let mut words = std::mem::take(&mut self.words);
        first.clear();
        words.clear();
        first.extend(self.picked.iter().map(|&i| margins[i as usize]));
        words.extend(self.picked.iter().map(|&i| weights[i as usize]));
        rank_rows(&first, &words, self);
        rank.margins_sharing(&self.rows, &DOCUMENT_COLUMNS, &mut first);
        for (&i, &m) in self.picked.iter().zip(&first) {
            margins[i as usize] = m;
        }
        self.first = first;
        self.words = words;
    }
}

/// The rank pass's rows of a document's scored lines (margins of the
/// first pass and words), one after the other, into `scratch.rows`.
fn rank_rows(margins: &[f32], weights: &[u32], scratch: &mut RankScratch) {
    assert_eq!(margins.len(), weights.len(), "one weight per margin");
    let n = margins.len();
    let RankScratch {
        scores,
        order,
        keys,
        sorted,
        rows,
        ..
    } = scratch;
    rows.clear();
    if n == 0 {
        return;
    }
    let weight = |i: usize| f64::from(weights[i].max(1));
    scores.clear();
    scores.extend(margins.iter().map(|&m| 1.0 / (1.0 + (-f64::from(m)).exp())));
    // Sorted as one integer per line: the score's bits inverted (the
    // scores are not negative, so their bits order them), then the line,
    // so that equal scores keep their line order.
    keys.clear();
    keys.extend(
        scores
            .iter()
            .enumerate()
            .map(|(i, q)| (u128::from(!q.to_bits()) << 32) | i as u128),
    );
    keys.sort_unstable();
    order.clear();
    order.extend(keys.iter().map(|&k| k as u32));
    sorted.clear();
    sorted.extend(order.iter().rev().map(|&i| scores[i as usize]));

    let total: f64 = (0..n).map(weight).sum();
    let expected: f64 = (0..n).map(|i| scores[i] * weight(i)).sum();
    let share = expected / total;
    // The expected-F1 cut over the exact prefixes of the order (as
    // `scripts/train.py`'s `expected_f_cut`, beta 1).
    let (mut kept, mut hits, mut best) = (0f64, 0f64, 0f64);
    for &i in order.iter() {
        let i = i as usize;
        kept += weight(i);
        hits += scores[i] * weight(i);
        best = best.max(2.0 * hits / (kept + expected));
    }
    let cut = best / 2.0;
    let max = sorted[n - 1].max(1e-6);
    let median = percentile(sorted, 50.0);
    let p90 = percentile(sorted, 90.0);
    let log_lines = (n as f64).ln_1p();
    let log_words = total.ln_1p();

    rows.resize(n * RANK_FEATURES, 0.0);
    let last_rank = (n - 1).max(1) as f64;
    let mut above = 0f64;
    for (r, &i) in order.iter().enumerate() {
        let i = i as usize;
        let q = scores[i];
        let words_above = above / total;
        above += weight(i);
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
        for (slot, v) in rows[i * RANK_FEATURES..][..RANK_FEATURES]
            .iter_mut()
            .zip(row)
        {
            *slot = v as f32;
        }
    }
}

/// The `p`th percentile of increasing `sorted` values, interpolated
/// linearly between the two nearest ranks (numpy's default).
fn percentile(sorted: &[f64], p: f64) -> f64 {
    let at = (sorted.len() - 1) as f64 * p / 100.0;
    let lo = at.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    let t = at - lo as f64;
    sorted[lo] + (sorted[hi] - sorted[lo]) * t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logit(p: f64) -> f32 {
        (p / (1.0 - p)).ln() as f32
    }

    fn rows_of(ps: &[f64], ws: &[u32]) -> Vec<Vec<f32>> {
        let margins: Vec<f32> = ps.iter().map(|&p| logit(p)).collect();
        let mut scratch = RankScratch::default();
        rank_rows(&margins, ws, &mut scratch);
        scratch
            .rows
            .chunks(RANK_FEATURES)
            .map(<[f32]>::to_vec)
            .collect()
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
        assert_eq!(percentile(&[1.0, 2.0, 3.0, 4.0], 50.0), 2.5);
        assert!((percentile(&[0.0, 10.0, 20.0, 30.0, 40.0], 90.0) - 36.0).abs() < 1e-12);
        assert_eq!(percentile(&[7.0], 90.0), 7.0);
        let rows = rows_of(&[0.1, 0.2, 0.3, 0.4, 0.5], &[1; 5]);
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
        scratch.rescore(
            &rank,
            &mut margins,
            &weights,
            &[true, false, true, true, true],
        );
        assert_eq!(margins, [3.0, 9.0, 3.0, -3.0, -3.0]);
        let mut none = vec![1.0, 2.0];
        scratch.rescore(&rank, &mut none, &[1, 1], &[false, false]);
        assert_eq!(none, [1.0, 2.0]);
    }

    #[test]
    fn one_line_and_no_lines() {
        let rows = rows_of(&[0.7], &[3]);
        assert_eq!(rows.len(), 1);
        assert!(close(rows[0][2], 0.0));
        assert!(close(rows[0][1], 0.0));
        let mut scratch = RankScratch::default();
        rank_rows(&[0.5, 0.5], &[1, 1], &mut scratch);
        rank_rows(&[], &[], &mut scratch);
        assert!(scratch.rows.is_empty());
    }
}
