#!/usr/bin/env python3
"""Experiment (an upper bound, not shippable): the page's true type as
features, on train.py's cached rows.

  python3 scripts/experiments/page_type_rows.py ROWS.pkl OUT.pkl --set ../shared/eval/dev
  python3 scripts/train.py --set ../shared/eval/dev --trees 150 --cache OUT.pkl --betas 1.0,1.35

Appends one column per page type of the dev manifests (`page_type`; the
readability pages, which have none, count as articles) to every row of a
document: what a perfect page-type classifier could give the line scorer.
If the scorer gains little from the true type, a predicted one is not
worth building.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rows import load, page_types, parser, save  # noqa: E402

TYPES = ["article", "service", "forum", "product", "listing", "collection", "documentation"]

ap = parser(__doc__, "out")
ap.add_argument("--set", required=True)
a = ap.parse_args()
names, docs, X, y, w, doc_of, line_tokens, slots, scored = load(a.rows)
page_type = page_types(a.set)
onehot = np.zeros((len(docs), len(TYPES)), np.float32)
for k, (ds, _, i, *_) in enumerate(docs):
    onehot[k, TYPES.index(page_type.get((ds, i), "article"))] = 1
X = np.hstack([X, onehot[doc_of]])
names = names + [f"page_type_{t}" for t in TYPES]
save(a.out, names, docs, X, y, w, doc_of, line_tokens, slots, scored)
