"""Helpers shared by the experiments on `train.py`'s cached rows
(`train.py --cache ROWS.pkl` writes them) and held-out predictions
(`--save-oof`): loading and saving the rows, the documents' spans of rows,
the commonest words, the page types, the arguments, and a document's F1
and recall."""
import os
import pickle
import sys
from collections import Counter

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import train  # noqa: E402,F401  (re-exported for the experiments)


def load(path):
    """(names, docs, X, y, w, doc_of, line_tokens, slots, scored) from a
    cache (`scored`: the rows the crate's scorer decides, see train.load)."""
    # The cache pickles train.Slots as __main__.Slots.
    sys.modules["__main__"].Slots = train.Slots
    with open(path, "rb") as fh:
        return pickle.load(fh)


def save(path, names, docs, X, y, w, doc_of, line_tokens, slots, scored):
    """Writes rows in the cache's format, for `train.py --cache`."""
    with open(path, "wb") as fh:
        pickle.dump((names, docs, X, y, w, doc_of, line_tokens, slots, scored), fh, protocol=4)


def doc_spans(doc_of):
    """Each document's rows, as (first, end) pairs in row order."""
    n = len(doc_of)
    bounds = np.flatnonzero(np.diff(doc_of)) + 1
    return list(zip(np.concatenate([[0], bounds]), np.concatenate([bounds, [n]])))


def common_words(spans, line_tokens, share):
    """The words found in more than `share` of the documents."""
    df = Counter()
    for lo, hi in spans:
        df.update({t for r in range(lo, hi) for t in line_tokens[r]})
    return {t for t, c in df.items() if c > share * len(spans)}


def kept_f1_recall(keep, lo, line_tokens, gold):
    """F1 and recall of a document whose rows from `lo` are kept where
    `keep` is true, as the shared scorer counts them."""
    kept = Counter()
    for k in np.nonzero(keep)[0]:
        kept.update(line_tokens[lo + k])
    return train.f1_recall(kept, gold)


def page_types(set_dir):
    """(dataset, id) -> the manifests' `page_type` (an article when a
    manifest names none, as the readability pages)."""
    import json

    types = {}
    for ds in sorted(os.listdir(set_dir)):
        manifest = os.path.join(set_dir, ds, "manifest.jsonl")
        if not os.path.exists(manifest):
            continue
        with open(manifest, encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                types[(ds, d["id"])] = d.get("page_type") or "article"
    return types


def parser(doc, second):
    """An argument parser taking the cached rows, then `second` (the
    output rows, or the held-out predictions)."""
    import argparse

    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rows")
    ap.add_argument(second)
    return ap


def oof_inputs(doc):
    """For the experiments on held-out predictions: parses `ROWS.pkl
    OOF.npz --set DIR` and returns the rows (as `load`), the held-out
    scores (`train.py --save-oof`) and the page types (`page_types`)."""
    ap = parser(doc, "oof")
    ap.add_argument("--set", required=True)
    a = ap.parse_args()
    return load(a.rows), np.load(a.oof)["p"], page_types(a.set)
