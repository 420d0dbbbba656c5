#!/usr/bin/env python3
"""Experiment (measured, not shipped; corpus/eval-history.md): verbatim
copies of a line within a document, on train.py's cached rows.

  python3 scripts/train.py --set ../shared/eval/dev --cache ROWS.pkl ...   # writes the cache
  python3 scripts/experiments/copy_rows.py ROWS.pkl OUT.pkl --set ../shared/eval/dev [--features] [--labels]
  python3 scripts/train.py --set ../shared/eval/dev --trees 150 --cache OUT.pkl --betas 1.0,1.2,1.35,1.6

--features adds two columns: ln(1 + k) for the k-th later copy of a line
(same tokens) in its document, and ln(1 + lines) back to the copy before.
--labels makes the labels count-aware: the scorer counts a gold token as
often as the gold text holds it, so the k-th copy of a content line stays
content only when the gold text holds its trigrams (its bigram or word, for
shorter lines) more than k times.
"""
import math
import os
import sys
from collections import Counter, defaultdict

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rows import doc_spans, load, parser, save, train  # noqa: E402

ap = parser(__doc__, "out")
ap.add_argument("--set", required=True)
ap.add_argument("--features", action="store_true")
ap.add_argument("--labels", action="store_true")
a = ap.parse_args()
# The cache pickles train.Slots as __main__.Slots.
names, docs, X, y, w, doc_of, line_tokens, slots, scored = load(a.rows)
n = len(y)
copy_index = np.zeros(n, np.float32)
copy_gap = np.zeros(n, np.float32)
y2 = y.copy()
for lo, hi in doc_spans(doc_of):
    ds, style, i = docs[doc_of[lo]][:3]
    seen = defaultdict(list)
    gold = None
    for r in range(lo, hi):
        t = tuple(line_tokens[r])
        if not t:
            continue
        before = seen[t]
        k = len(before)
        copy_index[r] = math.log1p(k)
        copy_gap[r] = math.log1p(r - before[-1]) if before else 0.0
        before.append(r)
        if not (a.labels and k >= 1 and y[r] == 1 and style in train.SCORED):
            continue
        if gold is None:
            with open(os.path.join(a.set, ds, "gold", i + ".txt"), encoding="utf-8", errors="replace") as fh:
                g = train.toks(fh.read())
            gold = (Counter(g), Counter(zip(g, g[1:])), Counter(zip(g, g[1:], g[2:])))
        uni, bi, tri = gold
        if len(t) >= 3:
            grams = list(zip(t, t[1:], t[2:]))
            ok = sum(tri[x] > k for x in grams) * 2 >= len(grams)
        elif len(t) == 2:
            ok = bi[t] > k
        else:
            ok = uni[t[0]] > k
        if not ok:
            y2[r] = 0
print(f"labels changed: {int((y2 != y).sum())} of {int(y.sum())} content lines", file=sys.stderr)
if a.features:
    X = np.hstack([X, copy_index[:, None], copy_gap[:, None]])
    names = names + ["copy_index", "copy_gap"]
save(a.out, names, docs, X, y2, w, doc_of, line_tokens, slots, scored)
