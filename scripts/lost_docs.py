#!/usr/bin/env python3
"""Which documents lost more than 10% of their gold tokens, and to which reasons.

  python3 scripts/lost_docs.py OUT_DIR --set ../shared/eval/dev --dataset readability --style lines

OUT_DIR is an eval run's output tree (run.py --out). For each lost document,
prints its recall and the reasons that dropped the most gold tokens.
"""
import argparse
import os
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reason_report import explain, toks  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--set", required=True)
ap.add_argument("--dataset", default="readability")
ap.add_argument("--style", default="lines")
ap.add_argument("--bin", default="target/release/deboil")
ap.add_argument("--arg", action="append", default=[], help="extra deboil argument")
a = ap.parse_args()
sys.path.insert(0, os.path.join(a.set, ".."))
import score  # noqa: E402

base = os.path.join(a.set, a.dataset)
rows = []
score.score_dirs(os.path.join(a.out, a.dataset, a.style), os.path.join(base, "gold"), per_doc=rows)
culprits = Counter()
for i, p, r, f, *_ in rows:
    if r >= 0.9:
        continue
    ex = explain(a.bin, os.path.join(base, a.style, i + ".txt"), a.arg)
    need = Counter(toks(open(os.path.join(base, "gold", i + ".txt"), errors="replace").read()))
    for kept, _, text in ex:
        if kept:
            for t in toks(text):
                if need[t] > 0:
                    need[t] -= 1
    lost = Counter()
    for kept, reason, text in ex:
        if not kept:
            for t in toks(text):
                if need[t] > 0:
                    need[t] -= 1
                    lost[reason] += 1
    top = lost.most_common(3)
    culprits[top[0][0] if top else "(not dropped: glued or missing)"] += 1
    print(f"{i}\tR={r:.3f}\t{top}")
print(culprits.most_common())
