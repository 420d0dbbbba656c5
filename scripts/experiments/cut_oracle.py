#!/usr/bin/env python3
"""Experiment (an upper bound, and one decision that did not ship): where
the per-document cut falls, on held-out predictions.

  python3 scripts/train.py --set ../shared/eval/dev --trees 150 --cache ROWS.pkl --save-oof OOF.npz
  python3 scripts/experiments/cut_oracle.py ROWS.pkl OOF.npz --set ../shared/eval/dev

1. Per wcxb page type (lines style): the macro F1 of the shipped decision
   (per-document expected F-beta, beta 1.35) against the best cut along
   the scorer's own order (the lines sorted by held-out score, the prefix
   with the best F1 kept; it knows the gold text, so it is a bound). The
   gap is what a better cut alone could gain, with the same scorer.
2. A one-block prior: the span of lines maximising sum((p - tau) * tokens)
   (the document's main block), in which lines scoring at least `in` are
   kept and outside which lines scoring under `out` are dropped, on top of
   the expected F-beta decision; all four dataset/style rows.
"""
import os
import sys
from collections import Counter, defaultdict

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rows import doc_spans, kept_f1_recall, oof_inputs, train  # noqa: E402

(names, docs, X, y, w, doc_of, line_tokens, slots, _scored), oof, page_type = oof_inputs(__doc__)
scored = []
for lo, hi in doc_spans(doc_of):
    ds, style, i, _, gold = docs[doc_of[lo]]
    if style in train.SCORED:
        scored.append((ds, style, i, lo, hi, oof[lo:hi].astype(np.float64), gold))


def expected_f(q, lo, hi, beta):
    return train.expected_f_keep(q, np.zeros(hi - lo, dtype=int), line_tokens[lo:hi], beta)


def best_cut_f1(q, lo, gold):
    ng = sum(gold.values())
    kept, tp, best = Counter(), 0, 0.0
    for k in np.argsort(-q, kind="stable"):
        for tok, c in Counter(line_tokens[lo + k]).items():
            tp += min(c, max(0, gold[tok] - kept[tok]))
            kept[tok] += c
        ns = sum(kept.values())
        if ns and ng and tp:
            p, r = tp / ns, tp / ng
            best = max(best, 2 * p * r / (p + r))
    return best


by_type = defaultdict(list)
for ds, style, i, lo, hi, q, gold in scored:
    if ds == "wcxb-dev" and style == "lines":
        f1, _ = kept_f1_recall(expected_f(q, lo, hi, 1.35), lo, line_tokens, gold)
        by_type[page_type[(ds, i)]].append((f1, best_cut_f1(q, lo, gold)))
print("wcxb-dev lines: page type, documents, decision (beta 1.35), best cut along the scores")
for t, v in sorted(by_type.items()):
    v = np.array(v)
    print(f"  {t:<14} {len(v):4d}  {v[:, 0].mean():.3f}  {v[:, 1].mean():.3f}")
v = np.array([x for vs in by_type.values() for x in vs])
print(f"  {'all':<14} {len(v):4d}  {v[:, 0].mean():.3f}  {v[:, 1].mean():.3f}")


def main_block(v):
    """(first, last) of the span with the largest sum of `v`."""
    best, cur, start, span = -np.inf, 0.0, 0, (0, -1)
    for k, x in enumerate(v):
        cur, start = (x, k) if cur <= 0 else (cur + x, start)
        if cur > best:
            best, span = cur, (start, k)
    return span


def report(label, decide):
    out = defaultdict(list)
    for ds, style, i, lo, hi, q, gold in scored:
        out[f"{ds}/{style}"].append(kept_f1_recall(decide(q, lo, hi), lo, line_tokens, gold))
    print(f"{label:<32}" + "  ".join(
        f"{k} {np.mean([f for f, _ in v]):.4f} ({sum(r < 0.9 for _, r in v)})" for k, v in sorted(out.items())))


for beta in (1.0, 1.2, 1.35):
    report(f"expected F, beta {beta}", lambda q, lo, hi, b=beta: expected_f(q, lo, hi, b))
for beta, tau, t_in, t_out in [(1.0, 0.5, 0.3, 0.0), (1.0, 0.5, 0.2, 0.0), (1.35, 0.5, 0.3, 0.0),
                               (1.0, 0.5, 1.1, 0.6), (1.0, 0.4, 0.3, 0.7)]:
    def decide(q, lo, hi, beta=beta, tau=tau, t_in=t_in, t_out=t_out):
        keep = expected_f(q, lo, hi, beta).copy()
        s, e = main_block((q - tau) * np.array([max(len(t), 1) for t in line_tokens[lo:hi]]))
        inside = np.zeros(hi - lo, dtype=bool)
        inside[s:e + 1] = True
        keep[inside & (q >= t_in)] = True
        keep[~inside & (q < t_out)] = False
        return keep
    report(f"block b{beta} tau{tau} in{t_in} out{t_out}", decide)
