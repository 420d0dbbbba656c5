#!/usr/bin/env python3
"""Experiment (an upper bound, not shippable): a beta per page type
instead of one per mode, on held-out predictions.

  python3 scripts/train.py --set ../shared/eval/dev --trees 150 --cache ROWS.pkl --save-oof OOF.npz
  python3 scripts/experiments/page_type_beta.py ROWS.pkl OOF.npz --set ../shared/eval/dev

For every wcxb-dev document (the pages with a `page_type` in the
manifest), the per-document expected F-beta decision
(train.expected_f_keep) at each beta of a grid, scored as the shared
scorer does. Prints each page type's macro F1 and lost documents per
beta, then, per style, one beta for every document against the best
beta per true page type (chosen on the same documents, so flattering),
for a sweep of prices per lost document: how much a page-type
classifier could gain through the decision alone.
"""
import os
import sys
from collections import defaultdict

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rows import doc_spans, kept_f1_recall, oof_inputs, train  # noqa: E402

BETAS = [0.5, 0.6, 0.7, 0.85, 1.0, 1.2, 1.35, 1.6, 2.0, 2.5]
PRICES = [0.00002, 0.00005, 0.0001, 0.00015, 0.0002, 0.0003, 0.0005]

(names, docs, X, y, w, doc_of, line_tokens, slots, scored), oof, page_type = oof_inputs(__doc__)

# (style, type) -> beta -> [(F1, recall)]
res = defaultdict(lambda: defaultdict(list))
for lo, hi in doc_spans(doc_of):
    ds, style, i, _, gold = docs[doc_of[lo]]
    if ds != "wcxb-dev" or style not in train.SCORED:
        continue
    q = oof[lo:hi].astype(np.float64)
    for beta in BETAS:
        keep = train.expected_f_keep(q, np.zeros(hi - lo, dtype=int), line_tokens[lo:hi], beta)
        f1, r = kept_f1_recall(keep, lo, line_tokens, gold)
        res[(style, page_type[(ds, i)])][beta].append((f1, r))

for style in ("lines", "raw"):
    types = sorted(t for s, t in res if s == style)
    docs_n = sum(len(res[(style, t)][BETAS[0]]) for t in types)

    def stats(t, beta):
        v = res[(style, t)][beta]
        return sum(f for f, _ in v), sum(r < 0.9 for _, r in v)

    print(f"wcxb-dev {style}: macro F1 (lost) per page type and beta")
    for t in types:
        print(f"  {t:<14}" + " ".join(
            f"{b}:{stats(t, b)[0] / len(res[(style, t)][b]):.3f}({stats(t, b)[1]})" for b in BETAS))
    for beta in BETAS:
        f = sum(stats(t, beta)[0] for t in types) / docs_n
        print(f"  one beta {beta:<5} {f:.4f} ({sum(stats(t, beta)[1] for t in types)})")
    for price in PRICES:
        choice = {t: max(BETAS, key=lambda b: stats(t, b)[0] / docs_n - price * stats(t, b)[1]) for t in types}
        f = sum(stats(t, b)[0] for t, b in choice.items()) / docs_n
        lost = sum(stats(t, b)[1] for t, b in choice.items())
        print(f"  per type, price {price:<8} {f:.4f} ({lost})  " + " ".join(f"{t}:{b}" for t, b in choice.items()))
