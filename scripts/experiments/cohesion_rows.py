#!/usr/bin/env python3
"""Experiment: lexical cohesion with the document's prose, on train.py's
cached rows.

  python3 scripts/train.py --set ../shared/eval/dev --cache ROWS.pkl ...   # writes the cache
  python3 scripts/experiments/cohesion_rows.py ROWS.pkl OUT.pkl [--core best_run|prose]
  python3 scripts/train.py --set ../shared/eval/dev --trees 150 --cache OUT.pkl --betas 1.0,1.35

A product page's heading, its bullet list and its specification lines
share words with the description paragraph; its size picker, delivery
notes and menus do not. For every line, the words of three or more
letters that are not among the commonest words of the rows (those in
more than a fifth of the documents) are looked up in the document's
core: the lines of the densest prose run (`in_best_run`, or every prose
line with --core prose), the line's own words taken out. Columns:
the share of the line's words found in the core (-1 without such words),
ln(1 + their number), and the token-weighted share over the line and its
three neighbours on each side.
"""
import math
import os
import sys
from collections import Counter

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rows import common_words, doc_spans, load, parser, save  # noqa: E402

ap = parser(__doc__, "out")
ap.add_argument("--core", choices=["best_run", "prose"], default="best_run")
ap.add_argument("--common", type=float, default=0.2, help="document share above which a word is common")
a = ap.parse_args()
names, docs, X, y, w, doc_of, line_tokens, slots, scored = load(a.rows)
n = len(y)
core_col = names.index("in_best_run" if a.core == "best_run" else "is_prose")
spans = doc_spans(doc_of)
common = common_words(spans, line_tokens, a.common)
print(f"{len(common)} common words", file=sys.stderr)


def words(toks):
    return [t for t in toks if len(t) >= 3 and not t.isdigit() and t not in common]


share = np.full(n, -1.0, np.float32)
count = np.zeros(n, np.float32)
share_w3 = np.full(n, -1.0, np.float32)
for lo, hi in spans:
    ws = [words(line_tokens[r]) for r in range(lo, hi)]
    core = Counter()
    in_core = X[lo:hi, core_col] > 0.5
    for k, wk in enumerate(ws):
        if in_core[k]:
            core.update(set(wk))
    hits = np.zeros(hi - lo)
    tot = np.zeros(hi - lo)
    for k, wk in enumerate(ws):
        if not wk:
            continue
        own = 1 if in_core[k] else 0
        h = sum(1 for t in wk if core[t] - (own if t in wk else 0) > 0)
        hits[k], tot[k] = h, len(wk)
        share[lo + k] = h / len(wk)
        count[lo + k] = math.log1p(h)
    ch, ct = np.cumsum(np.concatenate([[0], hits])), np.cumsum(np.concatenate([[0], tot]))
    for k in range(hi - lo):
        a0, b0 = max(0, k - 3), min(hi - lo, k + 4)
        t = ct[b0] - ct[a0]
        if t > 0:
            share_w3[lo + k] = (ch[b0] - ch[a0]) / t
X = np.hstack([X, share[:, None], count[:, None], share_w3[:, None]])
names = names + ["coh_share", "coh_log", "coh_share_w3"]
save(a.out, names, docs, X, y, w, doc_of, line_tokens, slots, scored)
