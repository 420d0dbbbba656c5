#!/usr/bin/env python3
"""Experiment (measured, not shipped; corpus/eval-history.md): a beta per
document instead of one per mode, on held-out predictions.

  python3 scripts/train.py --set ../shared/eval/dev --trees 150 --cache ROWS.pkl --save-oof OOF.npz
  python3 scripts/experiments/doc_beta.py ROWS.pkl OOF.npz

For every scraped document, the per-document expected F-beta decision
(train.expected_f_keep) at each beta of a grid, scored as the shared scorer
does. Prints the fixed betas, the oracle (each document at its best beta:
how much a perfect choice could gain), and a learned choice: LightGBM
regressors (group 5-fold by site) predict each beta's F1 and lost flag from
document summaries (the held-out scores' mean, spread, quantiles and
content mass; the document means of the features; the style), and the beta
maximising predicted F1 - lambda * predicted lost is taken.
"""
import os
import sys
from collections import defaultdict

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rows import kept_f1_recall, load, parser, train  # noqa: E402

BETAS = [0.7, 0.85, 1.0, 1.2, 1.35, 1.6, 2.0, 2.5, 3.5]

ap = parser(__doc__, "oof")
a = ap.parse_args()
names, docs, X, y, w, doc_of, line_tokens, slots, _scored = load(a.rows)
oof = np.load(a.oof)["p"]
weight = np.array([max(len(t), 1) for t in line_tokens], dtype=np.float64)
bounds = np.flatnonzero(np.diff(doc_of)) + 1
starts, ends = np.concatenate([[0], bounds]), np.concatenate([bounds, [len(oof)]])
scored = [k for k, s in enumerate(starts) if docs[doc_of[s]][1] in train.SCORED]
F = np.zeros((len(scored), len(BETAS)))
R = np.zeros_like(F)
summary_cols = [names.index(n) for n in names if n.startswith("doc_mean_")]
feats, keys, groups = [], [], []
for j, k in enumerate(scored):
    lo, hi = starts[k], ends[k]
    ds, style, _, group, gold = docs[doc_of[lo]]
    q, m = oof[lo:hi].astype(np.float64), weight[lo:hi]
    for b, beta in enumerate(BETAS):
        keep = train.expected_f_keep(q, np.zeros(hi - lo, dtype=int), line_tokens[lo:hi], beta)
        f1, r = kept_f1_recall(keep, lo, line_tokens, gold)
        F[j, b], R[j, b] = f1, r
    feats.append([np.log1p(hi - lo), np.log1p(m.sum()), (q * m).sum() / m.sum(), q.mean(), q.std(),
                  (q > 0.5).mean(), ((q > 0.5) * m).sum() / m.sum(), np.percentile(q, 90),
                  np.percentile(q, 50), float(style == "raw")] + list(X[lo, summary_cols]))
    keys.append(f"{ds}/{style}")
    groups.append(group)
feats, groups = np.array(feats), np.array(groups)


def report(choice, label):
    out = defaultdict(list)
    for j, c in enumerate(choice):
        out[keys[j]].append((F[j, c], R[j, c]))
    print(f"{label:<16}" + "  ".join(f"{k} {np.mean([f for f, _ in v]):.3f} ({sum(r < 0.9 for _, r in v)})"
                                      for k, v in sorted(out.items())))


for b, beta in enumerate(BETAS):
    report([b] * len(F), f"beta {beta}")
report(F.argmax(1), "oracle")

import lightgbm as lgb  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402

lost = (R < 0.9).astype(float)
PF, PL = np.zeros_like(F), np.zeros_like(F)
params = dict(n_estimators=200, learning_rate=0.05, num_leaves=15, min_child_samples=20, subsample=0.8,
              subsample_freq=1, colsample_bytree=0.8, verbose=-1)
for tr, te in GroupKFold(5).split(feats, groups=groups):
    for b in range(len(BETAS)):
        PF[te, b] = lgb.LGBMRegressor(**params).fit(feats[tr], F[tr, b]).predict(feats[te])
        PL[te, b] = lgb.LGBMRegressor(**params).fit(feats[tr], lost[tr, b]).predict(feats[te])
for lam in [0.0, 0.1, 0.2, 0.3, 0.5, 0.8]:
    report((PF - lam * PL).argmax(1), f"learned λ={lam}")
