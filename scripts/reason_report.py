#!/usr/bin/env python3
"""Per-reason accounting of deboil's decisions against gold text.

For every document of an eval set, runs `deboil --explain` and attributes
each line's tokens to its reason code. A dropped token that the gold text
still needs (bag-of-words, as the shared scorer counts) is *lost*; a dropped
token the gold does not need is *removed residue*. Reasons with much loss
and little residue are the ones to fix.

  python3 scripts/reason_report.py --set ../shared/eval/dev --style lines \
      [--dataset wcxb-dev] [--bin target/release/deboil] [--show REASON]

--show REASON prints the dropped lines of that reason that held gold tokens.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor

TOKEN = re.compile(r"\w+")


def toks(s: str) -> list[str]:
    return TOKEN.findall(s.lower())


def explain(bin_path: str, path: str, extra: list[str]) -> list[tuple[bool, str, str]]:
    with open(path, "rb") as fh:
        out = subprocess.run([bin_path, "--explain", *extra], stdin=fh, capture_output=True).stdout
    rows = []
    for line in out.decode("utf-8", "replace").split("\n"):
        if len(line) < 32 or line[29:32] != " | ":
            continue
        rows.append((line[0] == "+", line[2:29].strip(), line[32:]))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", required=True)
    ap.add_argument("--dataset", default="wcxb-dev")
    ap.add_argument("--style", default="lines")
    ap.add_argument("--bin", default="target/release/deboil")
    ap.add_argument("--show", default="")
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--arg", action="append", default=[], help="extra deboil argument")
    a = ap.parse_args()
    base = os.path.join(a.set, a.dataset)
    ids = sorted(f[:-4] for f in os.listdir(os.path.join(base, "gold")))
    lost = Counter()
    removed = Counter()
    kept_residue = Counter()
    docs_hit = defaultdict(set)
    shown = 0

    def one(i):
        rows = explain(a.bin, os.path.join(base, a.style, i + ".txt"), a.arg)
        gold = Counter(toks(open(os.path.join(base, "gold", i + ".txt"), encoding="utf-8", errors="replace").read()))
        return i, rows, gold

    with ThreadPoolExecutor(2) as ex:
        for i, rows, gold in ex.map(one, ids):
            need = Counter(gold)
            # Kept lines consume gold first, as the scorer's bag intersection does.
            for kept, reason, text in rows:
                if kept:
                    for t in toks(text):
                        if need[t] > 0:
                            need[t] -= 1
                        else:
                            kept_residue[reason] += 1
            for kept, reason, text in rows:
                if kept:
                    continue
                lost_here = 0
                for t in toks(text):
                    if need[t] > 0:
                        need[t] -= 1
                        lost_here += 1
                    else:
                        removed[reason] += 1
                lost[reason] += lost_here
                if lost_here:
                    docs_hit[reason].add(i)
                if a.show and reason == a.show and lost_here >= 2 and shown < a.limit:
                    shown += 1
                    print(f"{i}\t{lost_here}\t{text[:160]}")
    if a.show:
        return
    print(f"{'reason':<28} {'lost':>8} {'removed':>9} {'docs':>5}  precision")
    for r in sorted(set(lost) | set(removed), key=lambda r: -lost[r]):
        tot = lost[r] + removed[r]
        print(f"{r:<28} {lost[r]:>8} {removed[r]:>9} {len(docs_hit[r]):>5}  {removed[r] / tot if tot else 0:.3f}")
    print(f"\nresidue still kept, by reason: {dict(kept_residue.most_common(8))}")


if __name__ == "__main__":
    sys.exit(main())
