//! From the scorer's probabilities to keep-or-drop decisions.
//!
//! The evaluation that matters is per document: token precision and recall
//! of what is kept against the main text. A single probability threshold
//! for every document is not the best rule for that. In a document whose
//! lines the scorer is sure about, a line at 0.3 is likely residue; in a
//! product page where nothing looks like prose, a line at 0.3 may be half
//! of the content. [`Decision::ExpectedF`] takes this into account: it
//! treats the probabilities of a document's lines as calibrated, estimates
//! the F-score each cut would reach, and keeps the lines above the best
//! cut.
//!
//! With `p` a line's probability and `w` its words, keeping a set `S`
//! has expected true positives `T = Σ_S p·w`, kept words `K = Σ_S w`,
//! and expected content words `G = Σ_all p·w`; the plug-in F-beta is
//! `(1 + β²) T / (K + β² G)`. Adding a line raises it exactly when the
//! line's `p` exceeds the current F-beta divided by `1 + β²`, so the best
//! set is always "every line above some probability", found in one pass
//! over a histogram of the document's probabilities. `β` above 1 weighs
//! recall more (keep more), below 1 precision more.

/// How the scorer's probabilities become decisions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Decision {
    /// Keep a line whose probability is at least this (0 to 1), in every
    /// document alike.
    Threshold(f32),
    /// Per document: keep the lines that maximise the expected F-beta of
    /// the document (see the [module documentation](self)).
    ExpectedF {
        /// How much more recall counts than precision (above 0).
        beta: f32,
    },
}

impl Decision {
    /// Checks the value: a threshold between 0 and 1, a finite beta above
    /// zero.
    pub fn validate(&self) -> Result<(), String> {
        match *self {
            Decision::Threshold(t) if !(0.0..=1.0).contains(&t) => {
                Err(format!("the threshold must be between 0 and 1 (got {t})"))
            }
            Decision::ExpectedF { beta } if !(beta.is_finite() && beta > 0.0) => {
                Err(format!("beta must be a finite number above 0 (got {beta})"))
            }
            _ => Ok(()),
        }
    }

    /// The log-odds under which a line of this document is dropped, given
    /// the log-odds of its scored lines and their weights (words).
    pub(crate) fn document_margin(&self, margins: &[f32], weights: &[u32]) -> f32 {
        match *self {
            Decision::Threshold(t) => logit(t),
            Decision::ExpectedF { beta } => logit(expected_f_cut(margins, weights, beta)),
        }
    }
}

/// Probability bins of the histogram the best cut is searched on.
const BINS: usize = 512;

/// The probability above which the lines of a document are kept for the
/// best expected F-beta.
fn expected_f_cut(margins: &[f32], weights: &[u32], beta: f32) -> f32 {
    debug_assert_eq!(margins.len(), weights.len());
    let mut words = [0f64; BINS];
    let mut expected = [0f64; BINS];
    let mut content = 0f64;
    for (&m, &w) in margins.iter().zip(weights) {
        let p = sigmoid(m) as f64;
        let w = w.max(1) as f64;
        let bin = ((p * BINS as f64) as usize).min(BINS - 1);
        words[bin] += w;
        expected[bin] += p * w;
        content += p * w;
    }
    let b2 = (beta as f64) * (beta as f64);
    let (mut kept, mut hits, mut best) = (0f64, 0f64, 0f64);
    for bin in (0..BINS).rev() {
        kept += words[bin];
        hits += expected[bin];
        let denominator = kept + b2 * content;
        if denominator > 0.0 {
            best = best.max((1.0 + b2) * hits / denominator);
        }
    }
    (best / (1.0 + b2)) as f32
}

fn sigmoid(m: f32) -> f32 {
    1.0 / (1.0 + (-m).exp())
}

/// The log-odds of a probability; 0 and 1 map to the infinities, so that
/// a cut at 0 keeps every line.
fn logit(p: f32) -> f32 {
    if p <= 0.0 {
        f32::NEG_INFINITY
    } else if p >= 1.0 {
        f32::INFINITY
    } else {
        (p / (1.0 - p)).ln()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn margin(p: f32) -> f32 {
        logit(p)
    }

    /// The best cut by brute force: every prefix of the lines sorted by
    /// probability, scored with the plug-in F-beta.
    fn brute_force_best(ps: &[f32], ws: &[u32], beta: f64) -> f64 {
        let mut order: Vec<usize> = (0..ps.len()).collect();
        order.sort_by(|&a, &b| ps[b].total_cmp(&ps[a]));
        let content: f64 = ps.iter().zip(ws).map(|(&p, &w)| p as f64 * w as f64).sum();
        let b2 = beta * beta;
        let (mut kept, mut hits, mut best) = (0.0, 0.0, 0.0f64);
        for i in order {
            kept += ws[i] as f64;
            hits += ps[i] as f64 * ws[i] as f64;
            best = best.max((1.0 + b2) * hits / (kept + b2 * content));
        }
        best
    }

    #[test]
    fn a_fixed_threshold_ignores_the_document() {
        let d = Decision::Threshold(0.5);
        assert_eq!(d.document_margin(&[3.0, -3.0], &[10, 10]), 0.0);
        assert_eq!(d.document_margin(&[], &[]), 0.0);
    }

    #[test]
    fn the_cut_is_the_best_expected_f_over_one_plus_beta_squared() {
        let ps = [0.95, 0.9, 0.6, 0.4, 0.35, 0.2, 0.05, 0.01];
        let ws = [30, 12, 8, 3, 20, 2, 5, 1];
        let ms: Vec<f32> = ps.iter().map(|&p| margin(p)).collect();
        for beta in [0.5f32, 1.0, 2.0] {
            let cut = expected_f_cut(&ms, &ws, beta);
            let best = brute_force_best(&ps, &ws, beta as f64);
            let expect = best / (1.0 + (beta as f64).powi(2));
            assert!(
                (cut as f64 - expect).abs() < 1e-3,
                "beta {beta}: {cut} vs {expect}"
            );
        }
    }

    #[test]
    fn weighing_recall_more_keeps_more() {
        let ps = [0.9, 0.7, 0.5, 0.3, 0.2, 0.1];
        let ws = [20, 10, 10, 10, 10, 10];
        let ms: Vec<f32> = ps.iter().map(|&p| margin(p)).collect();
        let kept = |beta: f32| {
            let cut = Decision::ExpectedF { beta }.document_margin(&ms, &ws);
            ms.iter().filter(|&&m| m >= cut).count()
        };
        assert!(kept(0.5) <= kept(1.0));
        assert!(kept(1.0) <= kept(3.0));
        assert!(kept(0.5) < kept(3.0));
    }

    #[test]
    fn an_uncertain_document_keeps_more_than_a_confident_one() {
        // A line at 0.3 is dropped among sure content lines, and kept
        // where nothing looks like content.
        let beta = Decision::ExpectedF { beta: 1.0 };
        let confident: Vec<f32> = [0.99, 0.98, 0.97, 0.3].iter().map(|&p| margin(p)).collect();
        let unsure: Vec<f32> = [0.35, 0.3, 0.1, 0.05].iter().map(|&p| margin(p)).collect();
        let ws = [10, 10, 10, 10];
        assert!(margin(0.3) < beta.document_margin(&confident, &ws));
        assert!(margin(0.3) >= beta.document_margin(&unsure, &ws));
    }

    #[test]
    fn no_lines_or_zero_probabilities_keep_everything() {
        let d = Decision::ExpectedF { beta: 1.0 };
        assert_eq!(d.document_margin(&[], &[]), f32::NEG_INFINITY);
        assert_eq!(
            d.document_margin(&[-200.0, -200.0], &[3, 0]),
            f32::NEG_INFINITY
        );
    }

    #[test]
    fn validates_its_value() {
        assert!(Decision::Threshold(0.3).validate().is_ok());
        assert!(Decision::Threshold(1.5).validate().is_err());
        assert!(Decision::Threshold(f32::NAN).validate().is_err());
        assert!(Decision::ExpectedF { beta: 2.0 }.validate().is_ok());
        assert!(Decision::ExpectedF { beta: 0.0 }.validate().is_err());
        assert!(
            Decision::ExpectedF {
                beta: f32::INFINITY
            }
            .validate()
            .is_err()
        );
    }
}
