#!/usr/bin/env python3
"""Parallel speed-up of the JSONL path: `--threads 1` against `--threads N`.

    cargo build --release
    python3 benches/parallel.py                 # 100 MB, threads 1 and 2, 3 rounds
    python3 benches/parallel.py --size 20M --threads 1,2,4 --rounds 5

1. Builds bench-data/parallel.jsonl (ignored by git): one JSON record per
   dev-set page (`<dev>/<dataset>/lines/*.txt`), `{"id", "text",
   "metadata": {"dataset", "file"}}`, the whole set repeated until the file
   holds at least --size bytes.
2. Runs `deboil --threads N FILE > /dev/null` for every N, in alternating
   order, --rounds times, and reports the median wall time per N, MB/s
   (10^6 bytes of input per second) and the speed-up over the first N.
   Every run's output is hashed: all thread counts must give the same
   bytes. Before each run the script waits (up to --wait seconds) until
   the cores have been at least --idle idle for two seconds (from
   /proc/stat), so that other work on a shared machine skews it less; the
   idle share seen is printed with each run.

Results are in benches/PARALLEL.md. The machine has two cores, shared:
run it when nothing else is busy.
"""

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def size(s):
    mult = {"K": 10**3, "M": 10**6, "G": 10**9}.get(s[-1].upper(), 1)
    return int(float(s.rstrip("KkMmGg")) * mult)


def build_input(dev, target, path):
    pages = []
    for dataset in sorted(os.listdir(dev)):
        lines = os.path.join(dev, dataset, "lines")
        if not os.path.isdir(lines):
            continue
        for name in sorted(os.listdir(lines)):
            if name.endswith(".txt"):
                with open(os.path.join(lines, name), encoding="utf-8", errors="replace") as f:
                    pages.append((dataset, name, f.read()))
    if not pages:
        sys.exit(f"no pages under {dev}/*/lines/")
    if os.path.exists(path) and os.path.getsize(path) >= target:
        return len(pages)
    written = 0
    rep = 0
    with open(path + ".tmp", "w", encoding="utf-8") as out:
        while written < target:
            for dataset, name, text in pages:
                rec = {"id": f"{rep}-{dataset}-{name}", "text": text, "metadata": {"dataset": dataset, "file": name}}
                line = json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n"
                out.write(line)
                written += len(line.encode("utf-8"))
            rep += 1
    os.replace(path + ".tmp", path)
    return len(pages)


def cpu_times():
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return idle, sum(fields[:8])


def idle_share(seconds=2.0):
    i0, t0 = cpu_times()
    time.sleep(seconds)
    i1, t1 = cpu_times()
    return (i1 - i0) / max(1, t1 - t0)


def wait_quiet(idle, limit):
    """Waits until the machine is at least `idle` idle; returns the share seen."""
    deadline = time.time() + limit
    while True:
        share = idle_share()
        if share >= idle or time.time() > deadline:
            return share


def run(binary, threads, path):
    h = hashlib.sha256()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with subprocess.Popen([binary, "--threads", str(threads), path], stdout=subprocess.PIPE) as p:
        for chunk in iter(lambda: p.stdout.read(1 << 20), b""):
            h.update(chunk)
        rc = p.wait()
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if rc != 0:
        sys.exit(f"deboil --threads {threads} exited {rc}")
    return elapsed, cpu, h.hexdigest()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", default="100M", help="input size (default 100M)")
    ap.add_argument("--threads", default="1,2", help="thread counts, first is the baseline (default 1,2)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--dev", default=os.path.join(ROOT, "..", "shared", "eval", "dev"))
    ap.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "deboil"))
    ap.add_argument("--idle", type=float, default=0.9, help="idle share to wait for before each run")
    ap.add_argument("--wait", type=float, default=300, help="longest wait for it, in seconds")
    args = ap.parse_args()

    os.makedirs(os.path.join(ROOT, "bench-data"), exist_ok=True)
    path = os.path.join(ROOT, "bench-data", "parallel.jsonl")
    pages = build_input(args.dev, size(args.size), path)
    nbytes = os.path.getsize(path)
    with open(path, "rb") as f:
        records = sum(1 for _ in f)
    print(f"input: {path}: {nbytes / 1e6:.1f} MB, {records} records ({pages} dev pages repeated)")
    print(f"cores: {os.cpu_count()}, rounds: {args.rounds}")

    counts = [int(t) for t in args.threads.split(",")]
    times = {t: [] for t in counts}
    digests = set()
    for r in range(args.rounds):
        order = counts if r % 2 == 0 else counts[::-1]
        for t in order:
            idle = wait_quiet(args.idle, args.wait)
            elapsed, cpu, digest = run(args.binary, t, path)
            digests.add(digest)
            times[t].append(elapsed)
            print(
                f"  round {r + 1}: --threads {t}: {elapsed:.2f} s wall, {cpu:.2f} s CPU"
                f" (idle before: {idle:.0%})",
                flush=True,
            )
    if len(digests) != 1:
        sys.exit("different thread counts gave different output")
    base = statistics.median(times[counts[0]])
    print(f"\n{'threads':>7} {'median s':>9} {'MB/s':>7} {'speed-up':>9}")
    for t in counts:
        m = statistics.median(times[t])
        print(f"{t:>7} {m:>9.2f} {nbytes / 1e6 / m:>7.1f} {base / m:>8.2f}x")
    print("\nsame output bytes for every thread count: yes")


if __name__ == "__main__":
    main()
