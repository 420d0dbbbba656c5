#!/usr/bin/env python3
"""Peak memory of deboil on a large input, streamed from a generator.

Feeds deboil's standard input with SIZE bytes of page-like text (paragraphs,
menus, timestamps, blank lines, form-feed document separators) that contain
one LONG-byte line without any newline in the middle, discards the output,
and reports deboil's peak resident set size (ru_maxrss of the child).

  python3 scripts/memcheck.py [--bin target/release/deboil] [--size 1G] [--long 200M]

The input is generated on the fly, never stored. Exit status 1 if the peak
RSS is above --limit (default 64M).
"""
import argparse
import os
import resource
import subprocess
import sys
import time


def size(s: str) -> int:
    mult = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(s[-1].upper(), 1)
    return int(s[:-1] if s[-1].upper() in "KMG" else s) * mult


PAGE = (
    "Skip to content\nHome\nNews\nWorld\n"
    "The regional council approved the new budget on Tuesday evening, after a debate that lasted six hours.\n\n"
    "Speaking to reporters, the mayor said the vote showed that the city was ready to invest in its schools.\n\n"
    "Advertisement\n0:00\n14:40\n\u00a9 2024 Example Media. All rights reserved.\n\x0c\n"
).encode()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="target/release/deboil")
    ap.add_argument("--size", default="1G")
    ap.add_argument("--long", default="200M")
    ap.add_argument("--limit", default="64M")
    a = ap.parse_args()
    total, long_len, limit = size(a.size), size(a.long), size(a.limit)
    proc = subprocess.Popen([a.bin], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    block = PAGE * (1 << 20 // len(PAGE) + 1)
    sent = 0
    t0 = time.perf_counter()
    long_at = total // 2
    long_chunk = b"x" * (1 << 20)
    try:
        while sent < total:
            if sent >= long_at and long_len > 0:
                left = long_len
                while left > 0:
                    n = min(left, len(long_chunk))
                    proc.stdin.write(long_chunk[:n])
                    left -= n
                sent += long_len
                long_len = 0
                proc.stdin.write(b"\n")
                continue
            chunk = block[: min(len(block), total - sent)]
            proc.stdin.write(chunk)
            sent += len(chunk)
        proc.stdin.close()
    except BrokenPipeError:
        pass
    rc = proc.wait()
    dt = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(f"input {sent / (1 << 20):.0f} MiB (one {size(a.long) / (1 << 20):.0f} MiB line), "
          f"{dt:.1f} s, exit {rc}, peak RSS {peak / (1 << 20):.1f} MiB (limit {limit / (1 << 20):.0f} MiB)")
    return 0 if rc == 0 and peak <= limit else 1


if __name__ == "__main__":
    sys.exit(main())
