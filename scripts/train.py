#!/usr/bin/env python3
"""Train deboil's line scorer on the dev set, validate it with sites held out,
and write the forest the crate ships (src/model/forest.txt).

  pip install numpy scikit-learn lightgbm
  cargo build --release --examples
  python3 scripts/train.py --set ../shared/eval/dev [--write]

Steps:
 1. Feature rows for every non-blank line of every dev document (both styles),
    from `target/release/examples/dump_features` (the crate's own features).
 2. Labels from the gold text: a line of three or more tokens is content when
    at least half of its token trigrams occur in the gold text; a shorter line
    when its token sequence occurs in the gold text. With --labels align
    (measured, not shipped: see corpus/eval-history.md) the labels also
    follow the gold text's order: each longer content line is placed in the
    gold text (the median of its trigrams' first positions), the longest
    chain of lines in the gold's order stays content, and the rest (a table
    of contents before its headings, a title repeated, a teaser of a
    paragraph) is residue, since the scorer counts a gold token once; a
    shorter line stays content only when its tokens occur in the gold text
    between the chain lines around it (`Home`, `About`, `More` occur in
    almost every gold text: a menu of them is not content). Every gold
    text is also added as an input document of its own (its lines are then
    content), so that text that is already clean stays clean: the dev pages
    always end in residue, and without these documents the scorer learns
    that the last lines of any document are residue. Weights: the line's
    token count, since the scorer counts tokens, divided by its document's tokens
    (--doc-weight 1, the default), since the scorer averages F1 over
    documents: a long page counts no more than a short one.
 3. A word lexicon (src/model/lexicon.rs): every hashed word slot scored with
    the log-odds that a site shows it in main text rather than in residue
    (counted once per site and class, slots seen on fewer than three sites
    score 0). The lexicon columns of a training row always come from a
    lexicon learned on other sites (cross-fitting, group k-fold inside the
    training rows); the forest file carries the lexicon of all its training
    rows.
 4. Group k-fold by registrable domain (5 folds): every prediction used for
    the figures comes from a model that never saw that site. The per-document
    scoring of the shared scorer (bag-of-words P/R/F1, R<0.9 = lost) is
    replayed on the held-out predictions, per dataset/style, for a grid of
    decisions (per-document expected F-beta for a grid of betas, see
    src/model/decision.rs); the modes are chosen on these held-out figures.
 5. The rank pass (src/model/rank.rs; --rank-trees, 0 for none): a second
    forest over each scored line's place in its document's order of the
    first forest's held-out scores (the rows the crate scores: no rule's,
    context rule's or title's verdict stands), with the same folds.
 6. With --write, a final model trained on all of dev is written with the
    chosen thresholds and the lexicon of all of dev, then the rank pass
    trained on all the held-out scores.
"""
from __future__ import annotations

import argparse
import bisect
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict

import numpy as np

TOKEN = re.compile(r"\w+")
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# Where the example binaries are (set by --bin-dir).
EXAMPLES = os.path.join(ROOT, "target/release/examples")


def toks(s: str) -> list[str]:
    return TOKEN.findall(s.lower())


def dump(files: list[str]) -> list[list[str]]:
    exe = os.path.join(EXAMPLES, "dump_features")
    rows = []
    for k in range(0, len(files), 200):
        out = subprocess.run([exe, *files[k:k + 200]], capture_output=True, check=True).stdout
        for line in out.decode("utf-8", "replace").split("\n"):
            if line:
                rows.append(line.split("\t"))
    return rows


def feature_names() -> list[str]:
    out = subprocess.run([os.path.join(EXAMPLES, "dump_features"), "--names"],
                         capture_output=True, check=True).stdout
    return out.decode().split()


# Input styles read for training: the two naive-scraper styles, and the
# gold texts themselves (clean input must stay clean). Only the first two
# are scored.
STYLES = ("raw", "lines", "gold")
SCORED = ("raw", "lines")


def load(set_dir: str):
    names = feature_names()
    nf = len(names)
    docs = []  # (dataset, style, id, group, gold_tokens Counter)
    X, y, w, doc_of, line_tokens, line_slots, scored = [], [], [], [], [], [], []
    for ds in sorted(os.listdir(set_dir)):
        gold_dir = os.path.join(set_dir, ds, "gold")
        if not os.path.isdir(gold_dir):
            continue
        groups = {}
        with open(os.path.join(set_dir, ds, "manifest.jsonl"), encoding="utf-8") as fh:
            for line in fh:
                m = json.loads(line)
                groups[m["id"]] = m.get("domain") or f"{ds}:{m['id']}"
        ids = sorted(f[:-4] for f in os.listdir(gold_dir))
        for style in STYLES:
            files = [os.path.join(set_dir, ds, style, i + ".txt") for i in ids]
            rows = dump(files)
            by_file = defaultdict(list)
            for r in rows:
                by_file[r[0]].append(r)
            for i, path in zip(ids, files):
                gold_text = open(os.path.join(gold_dir, i + ".txt"), encoding="utf-8", errors="replace").read()
                gt = toks(gold_text)
                uni, bi, tri = set(gt), set(zip(gt, gt[1:])), set(zip(gt, gt[1:], gt[2:]))
                d = len(docs)
                docs.append((ds, style, i, groups.get(i, f"{ds}:{i}"), Counter(gt)))
                for r in by_file.get(path, []):
                    feats = [float(v) for v in r[2:2 + nf]]
                    text = r[3 + nf] if len(r) > 3 + nf else ""
                    line_slots.append([int(v) for v in r[4 + nf].split(",")] if len(r) > 4 + nf and r[4 + nf] else [])
                    scored.append(len(r) > 5 + nf and r[5 + nf] == "1")
                    t = toks(text)
                    k = len(t)
                    if k >= 3:
                        tg = list(zip(t, t[1:], t[2:]))
                        label = sum(g in tri for g in tg) * 2 >= len(tg)
                    elif k == 2:
                        label = (t[0], t[1]) in bi
                    elif k == 1:
                        label = t[0] in uni
                    else:
                        label = False
                    X.append(feats)
                    y.append(1 if label else 0)
                    w.append(max(k, 1))
                    doc_of.append(d)
                    line_tokens.append(t)
    return (names, docs, np.array(X, dtype=np.float32), np.array(y), np.array(w, dtype=np.float32), np.array(doc_of),
            line_tokens, Slots(line_slots), np.array(scored, dtype=bool))


def increasing_chain(values):
    """Indices of a longest strictly increasing subsequence of `values`."""
    tails, tail_at, prev = [], [], [-1] * len(values)
    for k, v in enumerate(values):
        j = bisect.bisect_left(tails, v)
        if j == len(tails):
            tails.append(v)
            tail_at.append(k)
        else:
            tails[j] = v
            tail_at[j] = k
        prev[k] = tail_at[j - 1] if j > 0 else -1
    chain, k = [], tail_at[-1] if tail_at else -1
    while k >= 0:
        chain.append(k)
        k = prev[k]
    return chain[::-1]


# A short line's tokens count as content when they occur in the gold text
# from this many tokens before the chain line above it...
SHORT_BEFORE = 5
# ...to this many after the chain line below it (a line is placed by the
# median of its trigrams, not its end).
SHORT_AFTER = 50
# Short lines before the first chain line or after the last count only
# within this many lines of it.
SHORT_EDGE = 3


def align_labels(set_dir, docs, y, doc_of, line_tokens):
    """The labels of `load`, made to follow the gold text's order (see the
    module's docstring, step 2). The gold texts read as documents keep
    theirs."""
    y = y.copy()
    bounds = np.flatnonzero(np.diff(doc_of)) + 1
    for a, b in zip(np.concatenate([[0], bounds]), np.concatenate([bounds, [len(y)]])):
        ds, style, i = docs[doc_of[a]][:3]
        if style not in SCORED:
            continue
        with open(os.path.join(set_dir, ds, "gold", i + ".txt"), encoding="utf-8", errors="replace") as fh:
            g = toks(fh.read())
        first_at = {}
        grams = defaultdict(list)
        for p, gram in enumerate(zip(g, g[1:], g[2:])):
            first_at.setdefault(gram, p)
        for p, word in enumerate(g):
            grams[(word,)].append(p)
        for p, pair in enumerate(zip(g, g[1:])):
            grams[pair].append(p)
        placed, rows = [], []
        for r in range(a, b):
            t = line_tokens[r]
            if len(t) >= 3 and y[r] == 1:
                at = [first_at[x] for x in zip(t, t[1:], t[2:]) if x in first_at]
                if at:
                    placed.append(float(np.median(at)))
                    rows.append(r)
        if not rows:
            continue
        chain = increasing_chain(placed)
        chain_at = [placed[k] for k in chain]
        chain_rows = [rows[k] for k in chain]
        y[np.setdiff1d(rows, chain_rows)] = 0
        for r in range(a, b):
            t = line_tokens[r]
            if len(t) > 2 or y[r] != 1:
                continue
            k = bisect.bisect_left(chain_rows, r)
            if (k == 0 and r < chain_rows[0] - SHORT_EDGE) or (k == len(chain_rows) and r > chain_rows[-1] + SHORT_EDGE):
                y[r] = 0
                continue
            lo = chain_at[k - 1] - SHORT_BEFORE if k > 0 else -1.0
            hi = chain_at[k] + SHORT_AFTER if k < len(chain_rows) else float(len(g))
            occurs = grams.get(tuple(t), [])
            j = bisect.bisect_left(occurs, lo)
            if not (j < len(occurs) and occurs[j] <= hi):
                y[r] = 0
    return y


def expected_f_keep(p, doc_of, line_tokens, beta):
    """The lines kept by the per-document expected F-beta rule (the same
    rule as src/model/decision.rs, on exact sorted prefixes)."""
    w = np.array([max(len(t), 1) for t in line_tokens], dtype=np.float64)
    keep = np.zeros(len(p), dtype=bool)
    bounds = np.flatnonzero(np.diff(doc_of)) + 1
    for a, b in zip(np.concatenate([[0], bounds]), np.concatenate([bounds, [len(p)]])):
        q = p[a:b].astype(np.float64)
        keep[a:b] = q >= expected_f_cut(q, w[a:b], beta)
    return keep


def expected_f_cut(q, m, beta):
    """The score from which one document's lines (scores `q`, token
    weights `m`) are kept by the expected F-beta rule: the best expected
    F-beta over the prefixes of the lines sorted by score, over 1 + beta^2."""
    b2 = beta * beta
    order = np.argsort(-q, kind="stable")
    f = (1 + b2) * np.cumsum(q[order] * m[order]) / (np.cumsum(m[order]) + b2 * (q * m).sum())
    return f.max() / (1 + b2)


def f1_recall(sys_bag, gold_bag):
    """A document's F1 and recall from its bags of tokens, with the shared
    scorer's conventions (both empty: 1; one empty: 0)."""
    ns, ng = sum(sys_bag.values()), sum(gold_bag.values())
    if ns == 0 or ng == 0:
        return (1.0, 1.0) if ns == ng else (0.0, 0.0)
    tp = sum((sys_bag & gold_bag).values())
    p, r = tp / ns, tp / ng
    return (2 * p * r / (p + r) if p + r else 0.0), r


def replay(docs, doc_of, line_tokens, p, thr, which):
    """Macro F1 and lost docs per (dataset, style), as the shared scorer
    counts, keeping the lines with p >= thr."""
    out = {}
    kept = defaultdict(Counter)
    for idx in np.nonzero(p >= thr)[0]:
        kept[doc_of[idx]].update(line_tokens[idx])
    per = defaultdict(list)
    for d, (ds, style, i, g, gold) in enumerate(docs):
        if style not in SCORED or (which is not None and d not in which):
            continue
        per[(ds, style)].append(f1_recall(kept.get(d, Counter()), gold))
    for key, v in per.items():
        out[key] = (sum(f for f, _ in v) / len(v), sum(1 for _, r in v if r < 0.9), len(v))
    return out


# The decisions the modes are chosen from: per-document expected F-beta
# (src/model/decision.rs), from precision-minded to recall-minded.
BETAS = [0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.6, 1.8, 2.0, 2.2, 2.5, 3.0]

PARAMS = dict(objective="binary", learning_rate=0.05, num_leaves=31, min_child_samples=40,
              colsample_bytree=0.8, subsample=0.8, subsample_freq=1, reg_lambda=1.0, verbose=-1)


STACK_NAMES = ["p_self", "p_prev", "p_next", "p_mean2", "p_mean5", "p_max_prev3",
               "p_max_next3", "p_doc_mean", "p_mass_before"]


def stack_features(p, doc_of, X, names):
    """Second-pass features from first-pass scores of a line's neighbours in
    its document. An experiment of the held-out replay only (measured, not
    shipped: corpus/eval-history.md); the crate has no second pass."""
    words = np.expm1(X[:, names.index("log_words")])
    out = np.zeros((len(p), len(STACK_NAMES)), dtype=np.float32)
    bounds = np.flatnonzero(np.diff(doc_of)) + 1
    starts = np.concatenate([[0], bounds])
    ends = np.concatenate([bounds, [len(p)]])
    for a, b in zip(starts, ends):
        q = p[a:b].astype(np.float64)
        n = b - a
        c = np.concatenate([[0.0], np.cumsum(q)])
        idx = np.arange(n)

        def mean_excl(r):
            lo = np.maximum(idx - r, 0)
            hi = np.minimum(idx + r + 1, n)
            cnt = hi - lo - 1
            s = c[hi] - c[lo] - q
            return np.where(cnt > 0, s / np.maximum(cnt, 1), 0.0)

        prev = np.concatenate([[0.0], q[:-1]])
        nxt = np.concatenate([q[1:], [0.0]])
        mp = np.zeros(n)
        mn = np.zeros(n)
        for k in range(1, 4):
            mp[k:] = np.maximum(mp[k:], q[:-k]) if n > k else mp[k:]
            mn[:-k] = np.maximum(mn[:-k], q[k:]) if n > k else mn[:-k]
        wq = words[a:b] * (q >= 0.5)
        cw = np.cumsum(wq) - wq
        tot = wq.sum()
        out[a:b, 0] = q
        out[a:b, 1] = prev
        out[a:b, 2] = nxt
        out[a:b, 3] = mean_excl(2)
        out[a:b, 4] = mean_excl(5)
        out[a:b, 5] = mp
        out[a:b, 6] = mn
        out[a:b, 7] = q.mean()
        out[a:b, 8] = cw / tot if tot > 0 else 0.0
    return out


# The word lexicon (src/model/lexicon.rs): slots of hashed words, each
# scored with the log-odds that a site shows the word in its main text rather
# than in its residue, counted once per site and class.
LEX_SIZE = 1 << 16
LEX_SCALE = np.float32(32.0)
LEX_ALPHA = 1.0      # add-alpha smoothing of the per-class site counts
LEX_MIN_SITES = 3    # a slot seen on fewer sites scores 0
LEX_CLIP = 127       # scores are signed bytes
# The feature columns the lexicon gives (src/model/mod.rs): the line's own,
# its neighbours' mean, the means over the wide windows before and after
# it, and the document mean and the line's difference.
LEX_LINE = ["lex_mean", "lex_min", "lex_max", "lex_first", "lex_known"]
NEIGHBOUR_OFFSETS = [-3, -2, -1, 1, 2, 3]
# Non-blank lines on each side of the wide windows, one window per width
# (WIDE_WINDOWS in src/model/mod.rs); `lex_mean` is one of their columns.
WIDE_WINDOWS = [10, 30]


def window_means(values, d, width, counted):
    """Means of `values` over the `width` rows before and after each row
    of the same document (`d`: each row's document; rows of a document
    are contiguous), taken over the rows where `counted` is true (the
    lines no rule drops), -1 where there are none; as the Rust side
    computes them (sums in double precision, then single)."""
    m = len(values)
    counted = counted.astype(np.float64)
    c = np.concatenate([[0.0], np.cumsum(values.astype(np.float64) * counted)])
    n = np.concatenate([[0.0], np.cumsum(counted)])
    idx = np.arange(m)
    b = np.flatnonzero(np.diff(d)) + 1
    s = np.concatenate([[0], b])
    e = np.concatenate([b, [m]])
    starts, ends = np.repeat(s, e - s), np.repeat(e, e - s)
    lo, hi = np.maximum(idx - width, starts), np.minimum(idx + 1 + width, ends)
    nxt = np.minimum(idx + 1, m)
    nb, na = n[idx] - n[lo], n[hi] - n[nxt]
    before = np.where(nb > 0, (c[idx] - c[lo]) / np.maximum(nb, 1), -1.0)
    after = np.where(na > 0, (c[hi] - c[nxt]) / np.maximum(na, 1), -1.0)
    return before.astype(np.float32), after.astype(np.float32)


class Slots:
    """Every line's word slots (as dump_features writes them; -1 for a word
    too long to look up), flattened: line i's are flat[ptr[i]:ptr[i + 1]]."""

    def __init__(self, per_line):
        lens = np.array([len(v) for v in per_line], dtype=np.int64)
        self.ptr = np.concatenate([[0], np.cumsum(lens)])
        self.flat = np.fromiter((s for v in per_line for s in v), dtype=np.int64, count=int(lens.sum()))
        self.line = np.repeat(np.arange(len(per_line)), lens)


def lexicon_table(slots, rows, y, site, counted):
    """The lexicon learned from the lines `rows` (labels y, sites site) of
    the scraped pages (`counted`: the gold texts added as documents of their
    own would only add every content word once more)."""
    sel = np.zeros(len(y), dtype=bool)
    sel[rows] = True
    sel &= counted
    counts = []
    for cls in (1, 0):
        tok = sel[slots.line] & (y[slots.line] == cls) & (slots.flat >= 0)
        pairs = np.unique(site[slots.line[tok]] * LEX_SIZE + slots.flat[tok])
        counts.append(np.bincount(pairs % LEX_SIZE, minlength=LEX_SIZE).astype(np.float64))
    n1, n0 = counts
    score = np.log((n1 + LEX_ALPHA) / (n0 + LEX_ALPHA))
    q = np.clip(np.rint(score * float(LEX_SCALE)), -LEX_CLIP, LEX_CLIP)
    q[n1 + n0 < LEX_MIN_SITES] = 0
    return q.astype(np.int8)


def set_lexicon_columns(M, names, rows, table, slots, doc_of):
    """Writes into M (one row per entry of `rows`: whole documents, in
    order) the lexicon's columns, as the Rust side computes them with
    `table`."""
    rows = np.asarray(rows)
    n = len(rows)
    lens = slots.ptr[rows + 1] - slots.ptr[rows]
    idx = np.concatenate([np.arange(slots.ptr[r], slots.ptr[r + 1]) for r in rows]) if n else np.zeros(0, int)
    flat = slots.flat[idx]
    sc = np.where(flat >= 0, table[np.maximum(flat, 0)], 0).astype(np.int32)
    starts = np.concatenate([[0], np.cumsum(lens)[:-1]]).astype(np.int64)
    has = lens > 0
    total, known, lo, hi, first = (np.zeros(n, np.int32) for _ in range(5))
    if len(sc):
        st = starts[has]
        total[has] = np.add.reduceat(sc, st)
        known[has] = np.add.reduceat((sc != 0).astype(np.int32), st)
        lo[has] = np.minimum.reduceat(sc, st)
        hi[has] = np.maximum.reduceat(sc, st)
        first[has] = sc[st]
    words = np.maximum(np.minimum(lens, 65535), 1).astype(np.float32)
    mean = np.where(has, total.astype(np.float32) / (words * LEX_SCALE), np.float32(0)).astype(np.float32)
    share = np.where(has, known.astype(np.float32) / words, np.float32(0)).astype(np.float32)
    col = {c: names.index(c) for c in LEX_LINE}
    M[:, col["lex_mean"]] = mean
    M[:, col["lex_min"]] = lo.astype(np.float32) / LEX_SCALE
    M[:, col["lex_max"]] = hi.astype(np.float32) / LEX_SCALE
    M[:, col["lex_first"]] = first.astype(np.float32) / LEX_SCALE
    M[:, col["lex_known"]] = share
    d = doc_of[rows]
    for o in NEIGHBOUR_OFFSETS:
        v = np.full(n, -1.0, dtype=np.float32)
        j = np.arange(n) + o
        ok = (j >= 0) & (j < n)
        at = np.flatnonzero(ok)
        at = at[d[at + o] == d[at]]
        v[at] = mean[at + o]
        M[:, names.index(f"lex_mean@{o:+d}")] = v
    counted = M[:, names.index("rule_drop")] == 0
    for width in WIDE_WINDOWS:
        before, after = window_means(mean, d, width, counted)
        M[:, names.index(f"lex_mean_before{width}")] = before
        M[:, names.index(f"lex_mean_after{width}")] = after
    _, inv = np.unique(d, return_inverse=True)
    dm = (np.bincount(inv, weights=mean.astype(np.float64)) / np.bincount(inv)).astype(np.float32)[inv]
    M[:, names.index("doc_mean_lex_mean")] = dm
    M[:, names.index("vs_doc_lex_mean")] = mean - dm


def with_lexicon(X, names, rows, table, slots, doc_of):
    """X's rows `rows`, with lexicon columns from `table`."""
    M = X[rows]
    set_lexicon_columns(M, names, rows, table, slots, doc_of)
    return M


def parse_param(text):
    """A LightGBM parameter's value from the command line: a number when it
    reads as one, true/false as booleans, otherwise the text."""
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def cross_fitted(X, names, rows, y, site, counted, groups, slots, doc_of, folds):
    """X's rows `rows` with lexicon columns from lexicons that never saw the
    row's site (group k-fold inside `rows`), and the lexicon of all `rows`.
    Training rows must not score their own words, or the forest would trust
    the lexicon more than it deserves on unseen sites."""
    from sklearn.model_selection import GroupKFold
    Xr = X[rows]
    for itr, ite in GroupKFold(n_splits=folds).split(rows, groups=groups[rows]):
        Xr[ite] = with_lexicon(X, names, rows[ite], lexicon_table(slots, rows[itr], y, site, counted), slots, doc_of)
    return Xr, lexicon_table(slots, rows, y, site, counted)


def training_weights(w, doc_of, doc_weight):
    """The rows' weights for the forests: their tokens `w` divided by
    their document's tokens to the power `doc_weight` (--doc-weight),
    scaled to a mean of 1."""
    doc_tokens = np.bincount(doc_of, weights=w)
    w = w / np.power(np.maximum(doc_tokens[doc_of], 1.0), doc_weight)
    return (w * (len(w) / w.sum())).astype(np.float32)


def fit(X, y, w, n_trees, params=None):
    import lightgbm as lgb
    m = lgb.LGBMClassifier(n_estimators=n_trees, **(params or PARAMS))
    m.fit(X, y, sample_weight=w)
    return m


# The rank pass (src/model/rank.rs): a second forest over each scored
# line's place in its document's order of first-pass scores. Its size and
# learning rate (--rank-trees, --rank-leaves, --rank-learning-rate).
RANK_FEATURES = 12
RANK_PARAMS = dict(PARAMS, num_leaves=15, learning_rate=0.15)


def crate_words(X, names):
    """Each row's words as the crate weighs a line (at least 1), from its
    `log_words` column (ln(1 + words))."""
    return np.maximum(np.rint(np.expm1(X[:, names.index("log_words")].astype(np.float64))), 1.0)


def rank_columns(p, words, doc_of, scored):
    """The rank pass's rows (zeros for the rows where `scored` is false),
    computed per document over its scored rows from their first-pass
    scores `p` and weights `words` (`crate_words`), as src/model/rank.rs
    computes them: the order is by decreasing score with ties in line
    order, percentiles interpolate linearly."""
    R = np.zeros((len(p), RANK_FEATURES), dtype=np.float32)
    bounds = np.flatnonzero(np.diff(doc_of)) + 1
    for a, b in zip(np.concatenate([[0], bounds]), np.concatenate([bounds, [len(p)]])):
        rows = a + np.flatnonzero(scored[a:b])
        n = len(rows)
        if n == 0:
            continue
        q, m = p[rows].astype(np.float64), words[rows]
        order = np.argsort(-q, kind="stable")
        mass = np.cumsum(m[order])
        total = mass[-1]
        above, rank = np.empty(n), np.empty(n)
        above[order] = (mass - m[order]) / total
        rank[order] = np.arange(n) / max(n - 1, 1)
        share = (q * m).sum() / total
        cut = expected_f_cut(q, m, 1.0)
        R[rows] = np.column_stack([
            q, above, rank, above - share, np.full(n, share), q - cut, q / max(q.max(), 1e-6),
            np.full(n, np.log1p(n)), np.full(n, np.log1p(total)), np.full(n, np.percentile(q, 50)),
            np.full(n, np.percentile(q, 90)), np.full(n, cut)])
    return R


def tree_lines(model):
    """A LightGBM model's trees in the forest file's format."""
    lines = []
    for t in model.booster_.dump_model()["tree_info"]:
        nodes, leaves = [], []

        def walk(n):
            if "leaf_index" in n or "leaf_value" in n and "split_index" not in n:
                leaves.append(n["leaf_value"])
                return -len(leaves)
            idx = len(nodes)
            nodes.append(None)
            if n.get("decision_type", "<=") != "<=":
                raise SystemExit("unsupported decision type")
            left = walk(n["left_child"])
            right = walk(n["right_child"])
            nodes[idx] = (n["split_feature"], n["threshold"], left, right)
            return idx

        root = t["tree_structure"]
        walk(root)
        lines.append(f"tree {len(nodes)} {len(leaves)}")
        for f, thr, l, r in nodes:
            lines.append(f"{f} {thr:.9g} {l} {r}")
        lines.append(" ".join(f"{v:.9g}" for v in leaves))
    return lines


def export(model, names, modes, path, table, rank=None):
    """Writes the forest file: the first forest (its modes, the lexicon,
    its trees), then the rank pass's trees when there is one."""
    lines = ["deboil-forest 1", f"features {len(names)}", "base 0"]
    lines.insert(1, "# written by scripts/train.py; trees from LightGBM, trained on the dev set")
    for name, beta in modes.items():
        lines.append(f"mode {name} beta {beta:.4f}")
    lines.append("# Word lexicon: one signed byte per slot of a hashed word (src/model/lexicon.rs),")
    lines.append("# learned from the dev set's scraped pages and their gold text.")
    lines.append("lexicon")
    raw = table.astype(np.int8).view(np.uint8)
    for k in range(0, LEX_SIZE, 64):
        lines.append(raw[k:k + 64].tobytes().hex())
    lines += tree_lines(model)
    if rank is not None:
        lines.append("# The rank pass (src/model/rank.rs): trained on the first forest's held-out scores.")
        lines += ["rank-pass", "deboil-forest 1", f"features {RANK_FEATURES}", "base 0"]
        lines += tree_lines(rank)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")


def choose_modes(table, grid, keys, cat):
    """Mode decisions (betas) from a table of (macro F1, lost, docs) per
    beta and dataset/style: aggressive is the best mean F1 whatever it loses;
    balanced the best that loses text on at most 20% of the documents of
    every row; conservative the best wcxb F1 that loses text on at most 1.5x
    as many documents as doing nothing (wcxb) and, on the small readability
    set (82 pages, where `cat` loses 0 or 1), on at most 2x as many or 5% of
    its documents, whichever is more; no threshold at all when none does."""
    def mean_f1(t):
        return sum(table[t][k][0] for k in keys) / len(keys)

    aggressive = max(grid, key=mean_f1)
    ok = [t for t in grid if all(table[t][k][1] <= 0.2 * table[t][k][2] for k in keys)]
    fewest_lost = min(grid, key=lambda t: sum(table[t][k][1] for k in keys))
    balanced = max(ok, key=mean_f1) if ok else fewest_lost
    wcxb = [k for k in keys if k[0] == "wcxb-dev"]
    def budget(k):
        return 1.5 * cat[k][1] if k in wcxb else max(2 * cat[k][1], 0.05 * cat[k][2])

    ok = [t for t in grid if all(table[t][k][1] <= budget(k) for k in keys)]
    modes = {"balanced": balanced, "aggressive": aggressive}
    # Without a decision that keeps within the loss budget, conservative
    # mode goes without the scorer (the forest names no threshold for it).
    if ok:
        modes["conservative"] = max(ok, key=lambda t: sum(table[t][k][0] for k in wcxb))
    return modes


def write_report(path, title, modes, table, keys, cat):
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(f"\n### {title}\n\n")
        fh.write("| mode | beta | " + " | ".join(f"{ds} {st}" for ds, st in keys) + " |\n")
        fh.write("|---|---|" + "---|" * len(keys) + "\n")
        fh.write("| cat | - | " + " | ".join(f"{cat[k][0]:.3f} ({cat[k][1]})" for k in keys) + " |\n")
        for name, t in modes.items():
            fh.write(f"| {name} | {t} | " + " | ".join(f"{table[t][k][0]:.3f} ({table[t][k][1]})" for k in keys) + " |\n")


def rust_heldout(a, names, docs, fold_models, keys, cat):
    """Held-out figures of the whole Rust pipeline: each fold's forest cleans
    the documents of the sites it never saw; the outputs are scored with the
    shared scorer, for a grid of betas."""
    import shutil
    import tempfile
    sys.path.insert(0, os.path.join(a.set, ".."))
    import score
    exe = os.path.join(EXAMPLES, "clean_files")
    work = tempfile.mkdtemp(prefix="deboil-heldout-")
    forests = []
    for k, (m, held, table, rank) in enumerate(fold_models):
        path = os.path.join(work, f"fold{k}.txt")
        export(m, names, {}, path, table, rank)
        forests.append((path, held))
    def run(mode, t):
        out_root = os.path.join(work, f"{mode}-{t}")
        for path, held in forests:
            groups = defaultdict(list)
            for d in held:
                ds, style, i, _, _ = docs[d]
                if style not in SCORED:
                    continue
                groups[(ds, style)].append(os.path.join(a.set, ds, style, i + ".txt"))
            for (ds, style), files in groups.items():
                subprocess.run([exe, "--forest", path, "--mode", mode, "--beta", str(t), "--glue", a.heldout_glue,
                                "--out", os.path.join(out_root, ds, style), *files], check=True)
        row = {}
        for ds, style in keys:
            r = score.score_dirs(os.path.join(out_root, ds, style), os.path.join(a.set, ds, "gold"))
            row[(ds, style)] = (r["macro_f1"], r["lost"], r["docs"])
        return row

    grid = BETAS
    table = {}
    for t in grid:
        table[t] = run(a.clean_mode, t)
        print(f"rust held-out {t:<5} " + "  ".join(f"{table[t][k][0]:.3f} ({table[t][k][1]})" for k in keys), flush=True)
    for extra in a.heldout_also:
        mode, t = extra.split(":")
        row = run(mode, float(t))
        print(f"rust held-out {mode} {t} " + "  ".join(f"{row[k][0]:.3f} ({row[k][1]})" for k in keys), flush=True)
    shutil.rmtree(work)
    # The loss budgets compare with doing nothing as the shared scorer
    # counts it on the input files (the line replay's `cat` counts glued
    # raw-style tokens differently).
    cat = {}
    for ds, style in keys:
        r = score.score_dirs(os.path.join(a.set, ds, style), os.path.join(a.set, ds, "gold"))
        cat[(ds, style)] = (r["macro_f1"], r["lost"], r["docs"])
    print("rust held-out cat   " + "  ".join(f"{cat[k][0]:.3f} ({cat[k][1]})" for k in keys), flush=True)
    modes = choose_modes(table, grid, keys, cat)
    print(f"modes (rust held-out): {modes}")
    if a.report:
        write_report(a.report, f"Whole pipeline, held out (group {a.folds}-fold by domain, forest per fold), {a.trees} trees of {a.leaves} leaves",
                     modes, table, keys, cat)
    return modes


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", required=True)
    ap.add_argument("--trees", type=int, default=150)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--leaves", type=int, default=PARAMS["num_leaves"],
                    help="leaves per tree (fewer and fewer trees: a faster scorer)")
    ap.add_argument("--learning-rate", type=float, default=PARAMS["learning_rate"])
    ap.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                    help="any other LightGBM parameter, e.g. min_child_samples=200 (repeatable)")
    ap.add_argument("--clean-mode", default="balanced",
                    help="the mode the whole-pipeline held-out runs in (conservative: context rules advise the scorer)")
    ap.add_argument("--betas", default="", help="comma-separated betas to try instead of the default grid")
    ap.add_argument("--labels", choices=["tokens", "align"], default="tokens",
                    help="tokens: a line's tokens anywhere in the gold text (default); align: also in the gold text's order (measured, not shipped: corpus/eval-history.md)")
    ap.add_argument("--doc-weight", type=float, default=1.0,
                    help="divide line weights by their document's tokens to this power (0: long pages weigh more)")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--rust-heldout", action="store_true",
                    help="score the whole system (rules, context, scorer) per fold in Rust, and pick the mode thresholds from that")
    ap.add_argument("--bin-dir", default="", help="where dump_features and clean_files are built (default: target/release/examples)")
    ap.add_argument("--cache", default="", help="keep the loaded rows in this pickle (rebuild: delete it)")
    ap.add_argument("--heldout-also", action="append", default=[], metavar="MODE:BETA",
                    help="with --rust-heldout, also report the whole pipeline in this mode at this beta (repeatable)")
    ap.add_argument("--heldout-glue", default="auto", choices=["units", "break", "lines", "auto"],
                    help="with --rust-heldout, how the pipeline writes glued texts (deboil --glue; auto is the default)")
    ap.add_argument("--stack", action="store_true",
                    help="experiment: add a second pass over neighbours' first-pass scores to the held-out replay (the crate has none)")
    ap.add_argument("--rank-trees", type=int, default=40,
                    help="trees of the rank pass (src/model/rank.rs), trained on the first forest's held-out scores; 0: none")
    ap.add_argument("--rank-leaves", type=int, default=RANK_PARAMS["num_leaves"])
    ap.add_argument("--rank-learning-rate", type=float, default=RANK_PARAMS["learning_rate"])
    ap.add_argument("--report", default="", help="append the held-out figures (markdown) to this file")
    ap.add_argument("--save-oof", default="", metavar="FILE",
                    help="save the held-out predictions (with each row's document and label) to FILE (.npz), for error analysis")
    a = ap.parse_args()
    if a.stack and a.rank_trees:
        raise SystemExit("--stack and the rank pass are two different second passes: add --rank-trees 0")
    if a.stack and (a.write or a.rust_heldout):
        raise SystemExit("--stack is a replay experiment: the crate has no second pass to write or run")
    PARAMS.update(num_leaves=a.leaves, learning_rate=a.learning_rate)
    for kv in a.param:
        key, sep, value = kv.partition("=")
        if not sep or not key:
            raise SystemExit(f"--param wants KEY=VALUE, got {kv!r}")
        PARAMS[key] = parse_param(value)
    RANK_PARAMS.update({k: v for k, v in PARAMS.items() if k not in ("num_leaves", "learning_rate")},
                       num_leaves=a.rank_leaves, learning_rate=a.rank_learning_rate)
    if a.betas:
        BETAS[:] = [float(b) for b in a.betas.split(",")]
    global EXAMPLES
    EXAMPLES = a.bin_dir or EXAMPLES
    from sklearn.model_selection import GroupKFold

    if a.cache and os.path.exists(a.cache):
        import pickle
        with open(a.cache, "rb") as fh:
            names, docs, X, y, w, doc_of, line_tokens, slots, scored = pickle.load(fh)
    else:
        names, docs, X, y, w, doc_of, line_tokens, slots, scored = load(a.set)
        if a.cache:
            import pickle
            with open(a.cache, "wb") as fh:
                pickle.dump((names, docs, X, y, w, doc_of, line_tokens, slots, scored), fh)
    if a.labels == "align":
        y = align_labels(a.set, docs, y, doc_of, line_tokens)
    print(f"{len(docs)} documents, {len(y)} lines, {y.mean():.3f} content", file=sys.stderr)
    print(f"{a.trees} trees, LightGBM parameters {PARAMS}", file=sys.stderr)
    w = training_weights(w, doc_of, a.doc_weight)
    groups = np.array([docs[d][3] for d in doc_of])
    site = np.unique(groups, return_inverse=True)[1].astype(np.int64)
    counted = np.array([docs[d][1] in SCORED for d in range(len(docs))])[doc_of]
    everything = np.arange(len(y))
    oof = np.zeros(len(y), dtype=np.float32)
    fold_models = []
    for k, (tr, te) in enumerate(GroupKFold(n_splits=a.folds).split(X, y, groups)):
        # The lexicon is learned from the training sites only; their own
        # rows get it cross-fitted (see `cross_fitted`).
        Xtr, fold_lexicon = cross_fitted(X, names, tr, y, site, counted, groups, slots, doc_of, a.folds)
        m = fit(Xtr, y[tr], w[tr], a.trees)
        del Xtr
        oof[te] = m.predict_proba(with_lexicon(X, names, te, fold_lexicon, slots, doc_of))[:, 1]
        fold_models.append((m, set(doc_of[te].tolist()), fold_lexicon, None))
        print(f"fold {k + 1}/{a.folds} done", file=sys.stderr)
    folds = list(GroupKFold(n_splits=a.folds).split(X, y, groups))
    # The rank pass learns from the first forest's held-out scores (the
    # scores it will see on unseen sites), on the rows the crate scores,
    # with the same folds: the rows of a fold's sites are rescored by a
    # rank pass that never saw them. (Its training rows' scores come from
    # first forests that saw the held-out sites, as in any stacking over
    # out-of-fold scores; no row's own label reaches its own score.)
    rank_rows = None
    if a.rank_trees:
        rank_rows = rank_columns(oof, crate_words(X, names), doc_of, scored)
        first_pass = oof.copy()
        for k, (tr, te) in enumerate(folds):
            tr, te = tr[scored[tr]], te[scored[te]]
            r = fit(rank_rows[tr], y[tr], w[tr], a.rank_trees, RANK_PARAMS)
            oof[te] = r.predict_proba(rank_rows[te])[:, 1]
            fold_models[k] = fold_models[k][:3] + (r,)
            print(f"rank pass fold {k + 1}/{a.folds} done", file=sys.stderr)
    # Every row with a lexicon that never saw its site: what the final
    # forest is trained on.
    X, lexicon = cross_fitted(X, names, everything, y, site, counted, groups, slots, doc_of, a.folds)
    if a.stack:
        X2 = np.hstack([X, stack_features(oof, doc_of, X, names)])
        oof = np.zeros(len(y), dtype=np.float32)
        for k, (tr, te) in enumerate(folds):
            m = fit(X2[tr], y[tr], w[tr], a.trees)
            oof[te] = m.predict_proba(X2[te])[:, 1]
            print(f"stacked fold {k + 1}/{a.folds} done", file=sys.stderr)
    if a.save_oof:
        extra = {"p_first": first_pass} if a.rank_trees else {}
        np.savez_compressed(a.save_oof, p=oof, y=y, doc_of=doc_of, **extra,
                            docs=np.array([f"{ds}/{st}/{i}" for ds, st, i, _, _ in docs]))
    cat = replay(docs, doc_of, line_tokens, np.ones(len(y)), 0.5, None)
    grid = BETAS
    table = {b: replay(docs, doc_of, line_tokens, expected_f_keep(oof, doc_of, line_tokens, b), 0.5, None)
             for b in grid}
    keys = sorted(cat)
    print("beta       " + "  ".join(f"{ds}/{st}" for ds, st in keys))
    print("cat        " + "  ".join(f"{cat[k][0]:.3f} ({cat[k][1]})" for k in keys))
    for t in grid:
        print(f"{t:<10} " + "  ".join(f"{table[t][k][0]:.3f} ({table[t][k][1]})" for k in keys))

    modes = choose_modes(table, grid, keys, cat)
    print(f"modes (held-out): {modes}")
    if a.report:
        write_report(a.report, f"Held-out (group {a.folds}-fold by domain), {a.trees} trees of {a.leaves} leaves", modes, table, keys, cat)
    if a.rust_heldout:
        modes = rust_heldout(a, names, docs, fold_models, keys, cat)
    if a.write:
        m = fit(X, y, w, a.trees)
        rank = None
        if a.rank_trees:
            rank = fit(rank_rows[scored], y[scored], w[scored], a.rank_trees, RANK_PARAMS)
        export(m, names, modes, os.path.join(ROOT, "src/model/forest.txt"), lexicon, rank)
        imp = sorted(zip(m.booster_.feature_importance("gain"), names), reverse=True)[:15]
        print("top features (gain):", [n for _, n in imp], file=sys.stderr)


if __name__ == "__main__":
    main()
