#!/usr/bin/env python3
"""Experiment: how much of the text around a line speaks of the page's
title, on train.py's cached rows.

  python3 scripts/experiments/title_window_rows.py ROWS.pkl OUT.pkl
  python3 scripts/train.py --set ../shared/eval/dev --trees 150 --cache OUT.pkl --betas 1.0,1.35

A product page can hold a longer block of prose than its description (a
privacy policy in a hidden dialog, a returns policy); an article page a
long comment thread. The description and the article speak of what the
title names; the policy does not. The title is the document's first line
with words; its words of three or more letters that are not among the
commonest words of the rows (in more than a fifth of the documents) are
looked for in the words of the lines within 10 and within 30 lines of
each line. Columns: the share of those windows' words that are title
words, and ln(1 + their number) within 30 lines.
"""
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rows import common_words, doc_spans, load, parser, save  # noqa: E402

ap = parser(__doc__, "out")
ap.add_argument("--common", type=float, default=0.2)
a = ap.parse_args()
names, docs, X, y, w, doc_of, line_tokens, slots, scored = load(a.rows)
n = len(y)
spans = doc_spans(doc_of)
common = common_words(spans, line_tokens, a.common)


def words(toks):
    return [t for t in toks if len(t) >= 3 and not t.isdigit() and t not in common]


cols = np.zeros((n, 3), np.float32)
for lo, hi in spans:
    ws = [words(line_tokens[r]) for r in range(lo, hi)]
    title = next((set(x) for x in ws if x), set())
    hits = np.array([sum(t in title for t in x) for x in ws], np.float64)
    tot = np.array([len(x) for x in ws], np.float64)
    ch, ct = np.concatenate([[0], np.cumsum(hits)]), np.concatenate([[0], np.cumsum(tot)])
    m = hi - lo
    for k in range(m):
        for j, r in enumerate((10, 30)):
            a0, b0 = max(0, k - r), min(m, k + r + 1)
            t = ct[b0] - ct[a0]
            cols[lo + k, j] = (ch[b0] - ch[a0]) / t if t > 0 else -1.0
        a0, b0 = max(0, k - 30), min(m, k + 31)
        cols[lo + k, 2] = math.log1p(ch[b0] - ch[a0])
X = np.hstack([X, cols])
names = names + ["title_w10", "title_w30", "title_hits_w30"]
save(a.out, names, docs, X, y, w, doc_of, line_tokens, slots, scored)
