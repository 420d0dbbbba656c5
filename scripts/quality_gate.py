#!/usr/bin/env python3
"""Quality gate: score the dev set with the shared scorer and fail when any
dataset/style row falls below its recorded floor.

  python3 scripts/quality_gate.py [--bin target/release/deboil] [--set ../shared/eval/dev]

Floors live in corpus/quality-floors.json: per mode and row, the lowest
macro F1 and the most lost documents (R<0.9) accepted. They are set a little
below the figures measured when they were last raised, so that noise does
not fail CI but a real loss of accuracy does. Raise them when accuracy
improves; never lower them to make a change pass.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/deboil"))
    ap.add_argument("--set", default=os.path.join(ROOT, "..", "shared", "eval", "dev"))
    ap.add_argument("--floors", default=os.path.join(ROOT, "corpus", "quality-floors.json"))
    a = ap.parse_args()
    run_py = os.path.join(a.set, "..", "run.py")
    if not os.path.exists(run_py):
        print(f"quality gate: no eval set at {a.set}", file=sys.stderr)
        return 1
    floors = json.load(open(a.floors, encoding="utf-8"))
    failures = []
    for mode, rows in floors["modes"].items():
        with tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False) as tmp:
            out_json = tmp.name
        cmd = f"{a.bin} --mode {mode}"
        subprocess.run([sys.executable, run_py, "--cmd", cmd, "--set", a.set, "--jobs", "2",
                        "--json", out_json, "--out", tempfile.mkdtemp(prefix="deboil-gate-")],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        results = [json.loads(line) for line in open(out_json, encoding="utf-8")]
        os.unlink(out_json)
        for r in results:
            key = f"{r['dataset']}/{r['style']}"
            floor = rows.get(key)
            if floor is None:
                continue
            ok = r["macro_f1"] >= floor["min_macro_f1"] and r["lost"] <= floor["max_lost"]
            print(f"{'ok  ' if ok else 'FAIL'} {mode:<12} {key:<18} macroF1={r['macro_f1']:.3f} "
                  f"(floor {floor['min_macro_f1']:.3f})  lost={r['lost']} (max {floor['max_lost']})")
            if not ok:
                failures.append(f"{mode} {key}")
    if failures:
        print(f"quality gate failed: {', '.join(failures)}", file=sys.stderr)
        return 1
    print("quality gate: all rows at or above their floors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
