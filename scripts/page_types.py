#!/usr/bin/env python3
"""Macro F1 and lost documents per page type (WCXB's manifest `page_type`).

  python3 ../shared/eval/run.py --cmd "$PWD/target/release/deboil" --set ../shared/eval/dev --out /tmp/ev
  python3 scripts/page_types.py /tmp/ev --set ../shared/eval/dev [--dataset wcxb-dev]

OUT_DIR is an eval run's output tree (run.py --out). Prints one row per page
type and style, beside doing nothing (the input itself) as the baseline.
"""
import argparse
import json
import os
import sys
from collections import defaultdict

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("out")
ap.add_argument("--set", required=True)
ap.add_argument("--dataset", default="wcxb-dev")
a = ap.parse_args()
sys.path.insert(0, os.path.join(a.set, ".."))
import score  # noqa: E402

base = os.path.join(a.set, a.dataset)
types = {}
with open(os.path.join(base, "manifest.jsonl"), encoding="utf-8") as fh:
    for line in fh:
        m = json.loads(line)
        if m.get("page_type"):
            types[m["id"]] = m["page_type"]


def per_type(sys_dir, gold_dir):
    rows = []
    score.score_dirs(sys_dir, gold_dir, per_doc=rows)
    acc = defaultdict(list)
    for i, p, r, f, *_ in rows:
        acc[types.get(i, "?")].append((f, r))
    return {t: (sum(f for f, _ in v) / len(v), sum(r < 0.9 for _, r in v), len(v)) for t, v in acc.items()}


print(f"{'style':<6} {'page type':<14} {'docs':>5}  {'cat F1':>7}  {'F1':>6}  {'lost':>5}")
for style in ("raw", "lines"):
    sys_dir = os.path.join(a.out, a.dataset, style)
    if not os.path.isdir(sys_dir):
        continue
    got = per_type(sys_dir, os.path.join(base, "gold"))
    cat = per_type(os.path.join(base, style), os.path.join(base, "gold"))
    for t in sorted(got, key=lambda t: -got[t][2]):
        f, lost, n = got[t]
        print(f"{style:<6} {t:<14} {n:>5}  {cat[t][0]:>7.3f}  {f:>6.3f}  {lost:>5}")
