#!/usr/bin/env python3
"""Experiment (measured in corpus/eval-history.md, not shipped): smoothing
each document's final held-out scores with a two-state hidden Markov
chain (content / residue) before the per-document expected F-beta rule.

  python3 scripts/train.py --set ../shared/eval/dev --cache ROWS.pkl --save-oof OOF.npz
  python3 scripts/experiments/hmm_smooth.py ROWS.pkl OOF.npz

Each line's emission odds are its score's odds over the document's mean
score (a score is a posterior, the mean its prior), raised to a
temperature; the chain stays in its state with probability `stay`. The
forward-backward posterior of "content" replaces the score, fully or
mixed half and half with it, and the replay prints macro F1 and lost
documents per dataset and style at beta 1.0 and 1.35, beside the scores
unsmoothed.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rows import doc_spans, load, parser, train  # noqa: E402

SETTINGS = [(0.6, 1.0), (0.75, 1.0), (0.9, 1.0), (0.75, 0.7)]


def smooth(p, spans, stay, temperature):
    """The forward-backward posterior of content, per document."""
    out = np.empty_like(p)
    move = np.array([[stay, 1 - stay], [1 - stay, stay]])
    for lo, hi in spans:
        q = np.clip(p[lo:hi], 1e-6, 1 - 1e-6)
        prior = q.mean()
        emit = np.stack([((1 - q) / (1 - prior)) ** temperature, (q / prior) ** temperature], axis=1)
        n = hi - lo
        forward = np.empty((n, 2))
        state = np.array([1 - prior, prior])
        for i in range(n):
            v = (state @ move if i else state) * emit[i]
            state = v / v.sum()
            forward[i] = state
        backward = np.empty((n, 2))
        after = np.ones(2)
        for i in range(n - 1, -1, -1):
            backward[i] = after
            v = move @ (emit[i] * after)
            after = v / v.sum()
        post = forward * backward
        out[lo:hi] = post[:, 1] / post.sum(axis=1)
    return out


def main():
    a = parser(__doc__, "oof").parse_args()
    names, docs, X, y, w, doc_of, line_tokens, slots, scored = load(a.rows)
    p = np.load(a.oof)["p"].astype(np.float64)
    if len(p) != len(y):
        sys.exit("the held-out scores do not match the rows")
    spans = doc_spans(doc_of)

    def show(tag, scores):
        for beta in (1.0, 1.35):
            keep = train.expected_f_keep(scores, doc_of, line_tokens, beta)
            table = train.replay(docs, doc_of, line_tokens, keep.astype(np.float64), 0.5, None)
            cells = "  ".join(f"{ds}/{st} {f:.4f} ({lost})" for (ds, st), (f, lost, _) in sorted(table.items()))
            print(f"{tag:<24} beta {beta:<5} {cells}", flush=True)

    show("unsmoothed", p)
    for stay, temperature in SETTINGS:
        smoothed = smooth(p, spans, stay, temperature)
        show(f"stay {stay} t {temperature}", smoothed)
        show(f"half, stay {stay} t {temperature}", 0.5 * p + 0.5 * smoothed)


if __name__ == "__main__":
    main()
