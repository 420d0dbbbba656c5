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
import argparse
import json
import os
import pickle
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import train  # noqa: E402

TYPES = ["article", "service", "forum", "product", "listing", "collection", "documentation"]

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("rows")
ap.add_argument("out")
ap.add_argument("--set", required=True)
a = ap.parse_args()
sys.modules["__main__"].Slots = train.Slots
with open(a.rows, "rb") as fh:
    names, docs, X, y, w, doc_of, line_tokens, slots = pickle.load(fh)
page_type = {}
for ds in os.listdir(a.set):
    manifest = os.path.join(a.set, ds, "manifest.jsonl")
    if os.path.exists(manifest):
        with open(manifest, encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                page_type[(ds, d["id"])] = d.get("page_type") or "article"
onehot = np.zeros((len(docs), len(TYPES)), np.float32)
for k, (ds, _, i, *_) in enumerate(docs):
    onehot[k, TYPES.index(page_type.get((ds, i), "article"))] = 1
X = np.hstack([X, onehot[doc_of]])
names = names + [f"page_type_{t}" for t in TYPES]
with open(a.out, "wb") as fh:
    pickle.dump((names, docs, X, y, w, doc_of, line_tokens, slots), fh, protocol=4)
