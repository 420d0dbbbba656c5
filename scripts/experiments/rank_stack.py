#!/usr/bin/env python3
"""Experiment (measured in corpus/eval-history.md, then shipped as the
rank pass: src/model/rank.rs, `train.py --rank-trees`): a second pass
that sees where each line falls in its document's order of first-pass
scores.

  python3 scripts/train.py --set ../shared/eval/dev --trees 150 --cache ROWS.pkl --save-oof OOF.npz
  python3 scripts/experiments/rank_stack.py ROWS.pkl OOF.npz [--with-rows]

The best cut along the first pass's order is worth far more than the
order itself (`cut_oracle.py`), so the second pass is given the line's
place in that order rather than its neighbours' scores (`train.py
--stack`, which no longer gains): its held-out score, the share of the
document's tokens scored above it, its rank, that share less the
document's expected content share, the score less the expected-F cut
(beta 1) and over the document's highest, and the document's line count,
tokens, median and 90th-percentile score, expected content share and
cut. Second-pass folds are grouped by site, like the first. With
--with-rows the second pass also gets every first-pass column (150
trees instead of 100).

The crate scores only the lines no rule decided, so a Rust second pass
would compute these over those lines. By default this replay uses every
row; with --open-only the columns are computed over the rows no rule
and no context rule decided (no `rule_keep`, `rule_drop` or `ctx_*`
flag), the second pass is trained and applied on those, and the other
rows keep their first-pass score: what a second pass in the crate would
see.
"""
import os
import sys
import time

import numpy as np
from sklearn.model_selection import GroupKFold

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rows import load, parser, train  # noqa: E402

ap = parser(__doc__, "oof")
ap.add_argument("--with-rows", action="store_true")
ap.add_argument("--open-only", action="store_true")
ap.add_argument("--trees", type=int, default=0, help="second-pass trees (default 100, 150 --with-rows)")
ap.add_argument("--leaves", type=int, default=train.PARAMS["num_leaves"], help="leaves per second-pass tree")
ap.add_argument("--learning-rate", type=float, default=train.PARAMS["learning_rate"])
a = ap.parse_args()
train.PARAMS.update(num_leaves=a.leaves, learning_rate=a.learning_rate)
trees = a.trees or (150 if a.with_rows else 100)
names, docs, X, y, w, doc_of, line_tokens, slots, scored = load(a.rows)
oof = np.load(a.oof)
# The first forest's scores (`p_first` when the file was written with the
# rank pass on).
p = (oof["p_first"] if "p_first" in oof else oof["p"]).astype(np.float64)
tokens = np.array([max(len(t), 1) for t in line_tokens], dtype=np.float64)
decided = np.zeros(len(y), dtype=bool)
if a.open_only:
    for name in ("rule_keep", "rule_drop", "ctx_menu_run", "ctx_tail_run", "ctx_rail", "ctx_repeat"):
        decided |= X[:, names.index(name)] > 0.5
# The rank pass's columns (train.rank_columns, as the crate computes
# them), weighted by the scorer's tokens rather than the crate's words.
F = train.rank_columns(p, tokens, doc_of, ~decided)
Z = np.hstack([X, F]) if a.with_rows else F
groups = np.array([docs[d][3] for d in doc_of])
second = np.zeros(len(y))
start = time.time()
second[decided] = p[decided]
for k, (tr, te) in enumerate(GroupKFold(n_splits=5).split(Z, y, groups)):
    tr, te = tr[~decided[tr]], te[~decided[te]]
    model = train.fit(Z[tr], y[tr], w[tr], trees)
    second[te] = model.predict_proba(Z[te])[:, 1]
    print(f"second-pass fold {k + 1}/5 done ({time.time() - start:.0f} s)", file=sys.stderr)
for beta in (1.0, 1.2, 1.35, 1.6):
    keep = train.expected_f_keep(second, doc_of, line_tokens, beta)
    table = train.replay(docs, doc_of, line_tokens, keep.astype(np.float64), 0.5, None)
    print(f"beta {beta:<5}" + "  ".join(f"{ds}/{st} {f:.4f} ({lost})" for (ds, st), (f, lost, _) in sorted(table.items())))
