#!/usr/bin/env python3
"""Experiment: columns the rank pass (src/model/rank.rs, `train.py
--rank-trees`) does not have, added to its 12, Python replay.

  python3 scripts/train.py --set ../shared/eval/dev --cache ROWS.pkl --save-oof OOF.npz
  python3 scripts/experiments/rank_extra.py ROWS.pkl OOF.npz [--extra words,position,neighbours,document]

OOF.npz must hold the first forest's held-out scores (`p_first`, written
when the rank pass is on). The rank pass is trained as `train.py` trains
it (the same folds, weights, rows and parameters) on its 12 columns plus
the chosen extra ones, all computed over each document's scored rows in
line order:

  words       the line's words (ln(1 + words), the first forest's
              `log_words`): the rank pass otherwise sees no line's size
  position    the line's place among the scored lines (0 to 1)
  neighbours  the first-pass scores of the scored lines before and after
              it, and the mean over the two on each side and itself
  document    the first forest's document columns (its size, text and
              stopword shares, and the means of its nine summaries over
              the document's lines: what kind of page it is)
"""
import os
import sys
import time

import numpy as np
from sklearn.model_selection import GroupKFold

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rows import doc_spans, load, parser, train  # noqa: E402

ap = parser(__doc__, "oof")
ap.add_argument("--extra", default="", help="comma-separated: words, position, neighbours, document")
a = ap.parse_args()
extra = [e for e in a.extra.split(",") if e]
for e in extra:
    if e not in ("words", "position", "neighbours", "document"):
        raise SystemExit(f"unknown extra column set {e!r}")
names, docs, X, y, w, doc_of, line_tokens, slots, scored = load(a.rows)
p = np.load(a.oof)["p_first"].astype(np.float64)
# The weights train.py gives the forests (--doc-weight 1).
w = train.training_weights(w, doc_of, 1.0)
R = train.rank_columns(p, train.crate_words(X, names), doc_of, scored)
cols = [R]
log_words = X[:, names.index("log_words")]
E = np.zeros((len(y), 5), dtype=np.float32)
for first, end in doc_spans(doc_of):
    rows = first + np.flatnonzero(scored[first:end])
    n = len(rows)
    if n == 0:
        continue
    q = p[rows]
    E[rows, 0] = log_words[rows]
    E[rows, 1] = np.arange(n) / max(n - 1, 1)
    E[rows, 2] = np.concatenate([[-1.0], q[:-1]])
    E[rows, 3] = np.concatenate([q[1:], [-1.0]])
    padded = np.concatenate([[q[0]] * 2, q, [q[-1]] * 2])
    E[rows, 4] = np.convolve(padded, np.ones(5) / 5, mode="valid")
if "words" in extra:
    cols.append(E[:, [0]])
if "position" in extra:
    cols.append(E[:, [1]])
if "neighbours" in extra:
    cols.append(E[:, 2:5])
if "document" in extra:
    own = ["log_doc_lines", "log_doc_words", "doc_text_frac", "doc_stop_ratio"]
    doc_cols = [i for i, n in enumerate(names) if n in own or n.startswith("doc_mean_")]
    cols.append(X[:, doc_cols])
Z = np.hstack(cols)
groups = np.array([docs[d][3] for d in doc_of])
out = p.copy()
start = time.time()
for k, (tr, te) in enumerate(GroupKFold(n_splits=5).split(Z, y, groups)):
    tr, te = tr[scored[tr]], te[scored[te]]
    model = train.fit(Z[tr], y[tr], w[tr], 40, train.RANK_PARAMS)
    out[te] = model.predict_proba(Z[te])[:, 1]
    print(f"fold {k + 1}/5 done ({time.time() - start:.0f} s)", file=sys.stderr)
print(f"extra columns: {extra or 'none'}")
for beta in (1.0, 1.2, 1.35, 1.5):
    keep = train.expected_f_keep(out, doc_of, line_tokens, beta)
    table = train.replay(docs, doc_of, line_tokens, keep.astype(np.float64), 0.5, None)
    print(f"beta {beta:<5}" + "  ".join(f"{ds}/{st} {f:.4f} ({lost})" for (ds, st), (f, lost, _) in sorted(table.items())))
