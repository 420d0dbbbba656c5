#!/usr/bin/env python3
"""Side-by-side throughput benchmark: `cat | cat` vs `deboil` vs Python peers.

    python3 benches/throughput.py            # 512 MiB input, 3 rounds, peers, start-up
    python3 benches/throughput.py --quick    # 64 MiB smoke run
    python3 benches/throughput.py --memory   # also the 1 GiB / 200 MB-line memory check
    python3 benches/throughput.py --memory-only

What it does (see benches/RESULTS.md for a committed run):

1. Builds the input into bench-data/ (ignored by git): every dev-set document
   (`<dev>/<dataset>/{raw,lines}/*.txt`), each followed by a form-feed line
   (a line holding only "\\x0c", deboil's default document separator, so the
   document-level path is what gets measured), repeated until the file holds
   at least --size bytes. Also two stride-sampled subsamples of the same
   documents for the Python peers (--c4-sample, --justext-sample).
2. Runs --rounds alternating rounds; in each round, in this order:
     (a) cat FILE | cat > /dev/null
     (b) cat FILE | deboil > /dev/null          (one thread, default options)
     (b2) cat FILE | deboil --threads 0 > /dev/null   (one worker per core;
          not a target, which is per thread: what a whole machine does)
     (b') deboil < C4-SUBSAMPLE > /dev/null      (same bytes the peer gets)
     (c1) datatrove C4QualityFilter (defaults) on the C4 subsample
     (c2) jusText (English stoplist) on the jusText subsample
   With --decompose, two more runs of (b) per round tell where deboil's time
   goes, from the same binary given cut-down copies of its own scorer file
   (written to bench-data/, see cut_forest):
     (b3) cat FILE | deboil --forest FIRST-TREE: the main forest cut to its
          first tree (every feature, the lexicon and the rank pass still
          computed): the difference from (b) is what the forest's trees cost;
     (b4) cat FILE | deboil --forest NO-TREES: no scorer at all, the rules
          alone decide (no language guess, lexicon, feature rows or forest):
          what the line measures, keys, phrase and regex rules, context
          passes, reading and writing cost.
   Their outputs differ from (b)'s; they are measurements, not modes.
   Wall time is measured around the pipeline (a, b, b') or, for the peers,
   around the filter loop only, inside the peer process (interpreter start,
   imports, reading and decoding the file, building Document objects or
   HTML are not counted). Peak RSS comes from wait4() on each process.
   Reported: median MB/s (MB = 10^6 bytes of input), ratios, peak RSS.
3. Start-up: `deboil < /dev/null > /dev/null` --startup-runs times,
   alternating run by run with `true` (the process-spawn baseline); median
   and minimum of each.
4. --memory: streams two generated 1 GiB inputs into deboil's stdin (from a
   generator thread, nothing stored) and reports deboil's peak RSS (B twice:
   on one thread, and with --threads 0):
     A. no form feeds at all (one 1 GiB document, decided in windows) with
        one 200 MB line without a newline in the middle;
     B. dev documents with separators, ending in a 200 MB line without a
        newline at end of input.

The peers run under bench-data/venv, created on first use with
`pip install datatrove justext ...` (pinned below). Their process is this
same script, re-invoked as `--peer c4|justext FILE`.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "bench-data")
VENV = os.path.join(DATA, "venv")
SEP = b"\x0c\n"
MB = 1_000_000
MIB = 1 << 20

# What the peers need. datatrove's C4QualityFilter imports `regex` and counts
# sentences with a blank spaCy English pipeline + sentencizer (no model
# download); jusText needs lxml's html-clean module, now a separate package.
PEER_PACKAGES = [
    "datatrove==0.10.1",
    "regex",
    "spacy==3.8.18",
    "justext==3.0.2",
    "lxml_html_clean",
]


def parse_size(s):
    s = s.strip()
    mult = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(s[-1:].upper(), 1)
    return int(float(s[:-1] if mult > 1 else s) * mult)


def size_label(n):
    return f"{n // MIB}MiB" if n % MIB == 0 else f"{n // 1024}KiB"


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- peers ----


def split_documents(data):
    """Documents of a form-feed separated text (separator lines removed)."""
    docs, cur = [], []
    for line in data.split("\n"):
        if line == "\x0c":
            docs.append("\n".join(cur) + "\n")
            cur = []
        else:
            cur.append(line)
    if any(cur):
        docs.append("\n".join(cur))
    return docs


def peer_main(name, path):
    """Runs one peer over the documents of `path`; prints JSON on stdout."""
    raw = open(path, "rb").read()
    docs = split_documents(raw.decode("utf-8", errors="replace"))
    if name == "c4":
        from datatrove.data import Document
        from datatrove.pipeline.filters.c4_filters import C4QualityFilter

        f = C4QualityFilter()  # the defaults: C4's rules as datatrove ships them
        items = [Document(text=d, id=str(i)) for i, d in enumerate(docs)]
        # Warm the lazily built spaCy pipeline outside the timer.
        f.filter(Document(text="One two three. Four five six.\n", id="warm"))
        kept_docs = kept_bytes = 0
        c0, t0 = time.process_time(), time.perf_counter()
        for doc in items:
            r = f.filter(doc)
            if r is True:
                kept_docs += 1
                kept_bytes += len(doc.text)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    elif name == "justext":
        import html

        import justext

        stoplist = justext.get_stoplist("English")
        # jusText classifies the paragraphs of an HTML page; each non-blank
        # line of the text becomes one <p>, so it decides per line as
        # deboil does.
        pages = []
        for d in docs:
            body = "".join(
                "<p>%s</p>\n" % html.escape(line) for line in d.split("\n") if line.strip()
            )
            pages.append("<html><body>\n%s</body></html>" % body)
        kept_docs = kept_bytes = 0
        c0, t0 = time.process_time(), time.perf_counter()
        for page in pages:
            paragraphs = justext.justext(page, stoplist)
            good = [p.text for p in paragraphs if not p.is_boilerplate]
            kept_docs += bool(good)
            kept_bytes += sum(len(t) for t in good)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    else:
        raise SystemExit(f"unknown peer {name}")
    json.dump(
        {"bytes": len(raw), "docs": len(docs), "seconds": dt, "cpu_s": cpu, "kept_docs": kept_docs,
         "kept_chars": kept_bytes},
        sys.stdout,
    )


def ensure_venv():
    py = os.path.join(VENV, "bin", "python")
    probe = "import datatrove.pipeline.filters.c4_filters, spacy, justext"
    if os.path.exists(py) and subprocess.run([py, "-c", probe], capture_output=True).returncode == 0:
        return py
    log(f"setting up {VENV} (pip install {' '.join(PEER_PACKAGES)}) ...")
    os.makedirs(DATA, exist_ok=True)
    if not os.path.exists(py):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    subprocess.run([py, "-m", "pip", "install", "-q", *PEER_PACKAGES], check=True)
    subprocess.run([py, "-c", probe], check=True)
    return py


def peer_versions(py):
    code = (
        "import importlib.metadata as m, sys, json;"
        "print(json.dumps({p: m.version(p) for p in ['datatrove','spacy','jusText','lxml','regex']}"
        "|{'python': sys.version.split()[0]}))"
    )
    return json.loads(subprocess.run([py, "-c", code], capture_output=True, text=True, check=True).stdout)


# ---------------------------------------------------------------- input ----


def dev_documents(dev):
    """(bytes, label) of every dev document, both styles, in a fixed order;
    each ends with a newline."""
    docs = []
    for dataset in sorted(os.listdir(dev)):
        for style in ("raw", "lines"):
            d = os.path.join(dev, dataset, style)
            if not os.path.isdir(d):
                continue
            for name in sorted(os.listdir(d)):
                if not name.endswith(".txt"):
                    continue
                b = open(os.path.join(d, name), "rb").read()
                if not b.endswith(b"\n"):
                    b += b"\n"
                docs.append(b)
    if not docs:
        raise SystemExit(f"no documents under {dev}/*/{{raw,lines}}/")
    return docs


def build_file(path, meta, writer):
    """Writes `path` with writer(file) unless it exists with the same meta."""
    meta_path = path + ".meta.json"
    if os.path.exists(path) and os.path.exists(meta_path):
        try:
            if json.load(open(meta_path)) == meta and os.path.getsize(path) == meta.get("bytes", -1):
                return
        except (ValueError, OSError):
            pass
    log(f"building {os.path.relpath(path, ROOT)} ...")
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        n = writer(f)
    meta["bytes"] = n
    os.replace(tmp, path)
    json.dump(meta, open(meta_path, "w"))


def build_input(docs, size, dev):
    """The main input: all documents with separators, repeated to >= size."""
    path = os.path.join(DATA, f"input-{size_label(size)}.txt")
    corpus = b"".join(d + SEP for d in docs)
    reps = -(-size // len(corpus))
    # The last repetition is cut at the first document boundary past `size`.
    total = (reps - 1) * len(corpus)
    cut = len(corpus)
    if total < size:
        need = size - total
        cut = corpus.index(SEP, need) + len(SEP) if corpus.find(SEP, need) >= 0 else len(corpus)
    expected = total + cut

    def write(f):
        for _ in range(reps - 1):
            f.write(corpus)
        f.write(corpus[:cut])
        return f.tell()

    meta = {"size": size, "dev": os.path.abspath(dev), "docs": len(docs), "corpus": len(corpus),
            "bytes": expected}
    build_file(path, meta, write)
    return path, len(docs), len(corpus), reps - 1 + cut / len(corpus)


def stride_order(n, k):
    return sorted(range(n), key=lambda i: (i % k, i))


def build_subsample(docs, target, tag, dev):
    """Documents taken at a regular stride over the whole dev set (so both
    datasets and both styles are represented), until `target` bytes."""
    path = os.path.join(DATA, f"sub-{tag}-{size_label(target)}.txt")
    total = sum(len(d) + len(SEP) for d in docs)
    k = max(1, total // target)
    chosen, n = [], 0
    for i in stride_order(len(docs), k):
        if n >= target:
            break
        chosen.append(i)
        n += len(docs[i]) + len(SEP)
    if n < target:  # smaller dev set than the sample: repeat it
        while n < target:
            for i in range(len(docs)):
                chosen.append(i)
                n += len(docs[i]) + len(SEP)
                if n >= target:
                    break

    def write(f):
        for i in chosen:
            f.write(docs[i])
            f.write(SEP)
        return f.tell()

    meta = {"target": target, "dev": os.path.abspath(dev), "docs": len(chosen), "bytes": n}
    build_file(path, meta, write)
    return path, len(chosen)


# -------------------------------------------------------------- running ----


def reap(p):
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return ru


# Peak RSS. Linux carries a process's high-water RSS across execve(), so a
# child forked from this (large) Python process would report at least this
# process's RSS. Each measured command is therefore started by GNU time,
# whose own child is forked from a process of a megabyte or two; its %M is
# the command's own peak RSS in KiB.
GNU_TIME = "/usr/bin/time"


class Rss:
    def __init__(self, argv):
        if os.access(GNU_TIME, os.X_OK):
            fd, self.path = tempfile.mkstemp(prefix="rss-", dir=DATA)
            os.close(fd)
            self.argv = [GNU_TIME, "-f", "%M", "-o", self.path, *argv]
        else:
            self.path = None
            self.argv = argv

    def mib(self, ru):
        if self.path is None:  # upper bound: includes what fork inherited
            return ru.ru_maxrss / 1024
        with open(self.path) as f:
            kib = int(f.read().split()[-1])
        os.unlink(self.path)
        return kib / 1024


def run_pipe(filter_argv, path):
    """cat PATH | FILTER > /dev/null; wall time and the filter's rusage."""
    with open(os.devnull, "wb") as null:
        t0 = time.perf_counter()
        rc, rf = Rss(["cat", path]), Rss(filter_argv)
        cat = subprocess.Popen(rc.argv, stdout=subprocess.PIPE)
        f = subprocess.Popen(rf.argv, stdin=cat.stdout, stdout=null)
        cat.stdout.close()
        ru_f = reap(f)
        ru_c = reap(cat)
        dt = time.perf_counter() - t0
    if f.returncode or cat.returncode:
        raise SystemExit(f"{filter_argv} failed: {f.returncode}/{cat.returncode}")
    return {"seconds": dt, "rss_mib": rf.mib(ru_f), "cat_rss_mib": rc.mib(ru_c),
            "cpu_s": ru_f.ru_utime + ru_f.ru_stime, "cat_cpu_s": ru_c.ru_utime + ru_c.ru_stime}


def run_redirect(argv, path):
    """ARGV < PATH > /dev/null."""
    with open(path, "rb") as inp, open(os.devnull, "wb") as null:
        t0 = time.perf_counter()
        rss = Rss(argv)
        p = subprocess.Popen(rss.argv, stdin=inp, stdout=null)
        ru = reap(p)
        dt = time.perf_counter() - t0
    if p.returncode:
        raise SystemExit(f"{argv} failed: {p.returncode}")
    return {"seconds": dt, "rss_mib": rss.mib(ru), "cpu_s": ru.ru_utime + ru.ru_stime}


def run_peer(py, name, path):
    rss = Rss([py, os.path.abspath(__file__), "--peer", name, path])
    p = subprocess.Popen(rss.argv, stdout=subprocess.PIPE, text=True)
    out = p.stdout.read()
    ru = reap(p)
    if p.returncode:
        raise SystemExit(f"peer {name} failed ({p.returncode})")
    r = json.loads(out)
    r["rss_mib"] = rss.mib(ru)
    return r


def startup(binary, runs):
    """`deboil < /dev/null` against `true`, alternating run by run, so that
    both see the same machine load (it swings by milliseconds from one
    minute to the next here); medians and minima of each."""
    def once(argv, inp, null):
        t0 = time.perf_counter()
        subprocess.run(argv, stdin=inp, stdout=null, check=True)
        return time.perf_counter() - t0

    times = {"true": [], "deboil": []}
    with open(os.devnull, "rb") as inp, open(os.devnull, "wb") as null:
        once([binary], inp, null)  # warm the page cache
        for i in range(runs):
            order = [("true", ["true"]), ("deboil", [binary])]
            for name, argv in order if i % 2 == 0 else order[::-1]:
                times[name].append(once(argv, inp, null))
    stats = {name: {"median_ms": statistics.median(ts) * 1e3, "min_ms": min(ts) * 1e3}
             for name, ts in times.items()}
    return {"runs": runs, **stats,
            "deboil_minus_true_median_ms": stats["deboil"]["median_ms"] - stats["true"]["median_ms"]}


# --------------------------------------------------------------- memory ----


def memory_check(binary, docs, total, long_line, variant, extra=()):
    """Streams `total` bytes into deboil (with `extra` arguments) from a
    generator; returns its peak RSS and what came out."""
    if variant == "A":
        corpus = b"".join(docs)  # no separators: one document, windowed
        before = (total - long_line) // 2
    else:
        corpus = b"".join(d + SEP for d in docs)
        before = total - long_line
    unit = b"lorem ipsum dolor sit amet, consectetur adipiscing elit \xc3\xa9t\xc3\xa9 " * 16384
    unit = unit[:MIB]  # no newline, no form feed
    out_stats = {"bytes": 0, "newlines": 0}

    def corpus_bytes(n):
        while n > 0:
            chunk = corpus[: min(n, len(corpus))]
            for i in range(0, len(chunk), MIB):
                yield chunk[i : i + MIB]
            n -= len(chunk)

    def gen():
        n = 0
        for c in corpus_bytes(before):
            n += len(c)
            yield c
        left = long_line
        while left > 0:
            c = unit[: min(left, len(unit))]
            left -= len(c)
            n += len(c)
            yield c
        if variant == "A":
            yield b"\n"
            n += 1
            rest = total - n
            tail = list(corpus_bytes(rest))
            if tail and tail[-1].endswith(b"\n"):  # end without a newline too
                tail[-1] = tail[-1][:-1] + b"x"
            yield from tail

    rss = Rss([binary, *extra])
    p = subprocess.Popen(rss.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    fed = [0]

    def feed():
        try:
            for c in gen():
                p.stdin.write(c)
                fed[0] += len(c)
        except BrokenPipeError:
            pass
        finally:
            p.stdin.close()

    def drain():
        while True:
            c = p.stdout.read(MIB)
            if not c:
                break
            out_stats["bytes"] += len(c)
            out_stats["newlines"] += c.count(b"\n")

    t0 = time.perf_counter()
    th = [threading.Thread(target=feed), threading.Thread(target=drain)]
    for t in th:
        t.start()
    for t in th:
        t.join()
    ru = reap(p)
    dt = time.perf_counter() - t0
    return {"variant": variant, "args": list(extra), "bytes_in": fed[0], "long_line": long_line, "seconds": dt,
            "bytes_out": out_stats["bytes"], "lines_out": out_stats["newlines"],
            "rss_mib": rss.mib(ru), "exit": p.returncode}


def cut_forest(src_root, trees):
    """Writes a copy of the scorer file of the source tree `src_root`
    (src/model/forest.txt) keeping only the main forest's first `trees`
    trees, and returns its path. With 0 trees the rank pass goes too, and
    deboil runs without a scorer (a forest file without trees means rules
    only); otherwise the rank pass is kept as it is.

    The file is line-oriented: a header (format, features, base, modes, the
    lexicon), then one block per tree opened by a line `tree ...`, then,
    when the forest has one, the rank pass from a line `rank-pass` on."""
    with open(os.path.join(src_root, "src", "model", "forest.txt")) as f:
        text = f.read().splitlines(keepends=True)
    header, blocks, rank, block = [], [], [], None
    for line in text:
        if rank or line.startswith("rank-pass"):
            rank.append(line)
        elif line.startswith("tree "):
            block = [line]
            blocks.append(block)
        elif block is None:
            header.append(line)
        else:
            block.append(line)
    if not blocks:
        raise SystemExit("cut_forest: no `tree` line in the scorer file")
    kept = [ln for b in blocks[:trees] for ln in b]
    path = os.path.join(DATA, f"forest-{trees}-trees.txt")
    with open(path, "w") as f:
        f.writelines(header + kept + (rank if trees else []))
    return path


def build_rev(rev):
    """Builds the committed revision `rev` apart from the work tree."""
    sha = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short=12", rev], capture_output=True,
                         text=True, check=True).stdout.strip()
    src = os.path.join(DATA, f"src-{sha}")
    if not os.path.exists(src):
        log(f"git archive {sha} -> {os.path.relpath(src, ROOT)}")
        os.makedirs(src + ".tmp", exist_ok=True)
        archive = subprocess.Popen(["git", "-C", ROOT, "archive", sha], stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", src + ".tmp"], stdin=archive.stdout, check=True)
        archive.stdout.close()
        if archive.wait():
            raise SystemExit("git archive failed")
        os.replace(src + ".tmp", src)
    log(f"cargo build --release ({sha}) ...")
    target = os.path.join(DATA, "target")
    subprocess.run(["cargo", "build", "--release", "--quiet", "--manifest-path",
                    os.path.join(src, "Cargo.toml"), "--target-dir", target], check=True)
    return os.path.join(target, "release", "deboil"), sha, src


# -------------------------------------------------------------- machine ----


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


def machine():
    lscpu = sh("lscpu")
    keep = ("Architecture", "CPU(s)", "Model name", "Thread(s) per core", "Core(s) per socket",
            "Socket(s)", "CPU max MHz", "L2 cache", "L3 cache", "Hypervisor vendor")
    cpu = [ln for ln in lscpu.splitlines() if ln.split(":")[0].strip() in keep]
    return {
        "date_utc": sh("date -u"),
        "nproc": sh("nproc"),
        "lscpu": cpu,
        "mem": sh("free -m | head -2"),
        "kernel": platform.release(),
        "rustc": sh("rustc -V"),
        "python": sys.version.split()[0],
        "git": sh(f"git -C {ROOT} rev-parse --short HEAD"),
        "git_dirty_src": bool(sh(f"git -C {ROOT} status --porcelain -- src Cargo.toml")),
        "loadavg_start": open("/proc/loadavg").read().split()[:3],
    }


# ----------------------------------------------------------------- main ----


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--peer", nargs=2, metavar=("NAME", "FILE"), help=argparse.SUPPRESS)
    ap.add_argument("--size", default="512M", help="main input size (default 512M = 512 MiB)")
    ap.add_argument("--quick", action="store_true", help="64 MiB input, smaller subsamples, 3 rounds")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--dev", default=os.path.join(ROOT, "..", "shared", "eval", "dev"))
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "deboil"))
    ap.add_argument("--no-build", action="store_true", help="do not run cargo build --release first")
    ap.add_argument("--rev", help="benchmark this committed revision instead of the work tree: "
                    "`git archive REV` into bench-data/src-SHA, built with --target-dir bench-data/target")
    ap.add_argument("--c4-sample", default="20M")
    ap.add_argument("--justext-sample", default="2M")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--decompose", action="store_true",
                    help="also time deboil with its forest cut to one tree and with no scorer")
    ap.add_argument("--startup-runs", type=int, default=100)
    ap.add_argument("--memory", action="store_true", help="also run the 1 GiB / 200 MB-line memory check")
    ap.add_argument("--memory-only", action="store_true")
    ap.add_argument("--memory-size", default="1G")
    ap.add_argument("--long-line", default="200M", help="the long line's size (default 200 MiB)")
    ap.add_argument("--json", help="also write the results as JSON here")
    a = ap.parse_args()

    if a.peer:
        return peer_main(*a.peer)

    if a.quick:
        a.size = "64M"
        a.c4_sample = "4M" if a.c4_sample == "20M" else a.c4_sample
        a.justext_sample = "1M" if a.justext_sample == "2M" else a.justext_sample
        a.startup_runs = min(a.startup_runs, 30)
    size = parse_size(a.size)
    os.makedirs(DATA, exist_ok=True)
    if a.rev:
        binary, sha, src_root = build_rev(a.rev)
    else:
        if not a.no_build:
            log("cargo build --release ...")
            subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
        binary = os.path.abspath(a.bin)
        src_root = ROOT
    started = time.perf_counter()
    info = machine()
    if a.rev:
        info["git"], info["git_dirty_src"] = sha, False
    info["binary"] = binary
    results = {"machine": info, "command": " ".join(["python3", "benches/throughput.py", *sys.argv[1:]])}
    docs = dev_documents(a.dev)
    lines = []
    p = lambda s="": (lines.append(s), print(s, flush=True))  # noqa: E731

    if not a.memory_only:
        path, ndocs, corpus, reps = build_input(docs, size, a.dev)
        in_bytes = os.path.getsize(path)
        py = None
        if not a.no_peers:
            py = ensure_venv()
            results["peer_versions"] = peer_versions(py)
            c4_path, c4_docs = build_subsample(docs, parse_size(a.c4_sample), "c4", a.dev)
            jt_path, jt_docs = build_subsample(docs, parse_size(a.justext_sample), "justext", a.dev)
        # Warm the page cache.
        subprocess.run(["cat", path], stdout=subprocess.DEVNULL, check=True)
        cut = {}
        if a.decompose:
            cut = {"deboil_one_tree": cut_forest(src_root, 1), "deboil_rules": cut_forest(src_root, 0)}
        rows = {k: [] for k in ("cat", "deboil", "deboil_cores", "deboil_one_tree", "deboil_rules",
                                "deboil_sub", "c4", "justext")}
        for r in range(a.rounds):
            log(f"round {r + 1}/{a.rounds}: cat | cat")
            rows["cat"].append(run_pipe(["cat"], path))
            log(f"round {r + 1}/{a.rounds}: cat | deboil")
            rows["deboil"].append(run_pipe([binary], path))
            log(f"round {r + 1}/{a.rounds}: cat | deboil --threads 0")
            rows["deboil_cores"].append(run_pipe([binary, "--threads", "0"], path))
            for k, forest in cut.items():
                log(f"round {r + 1}/{a.rounds}: cat | deboil --forest {os.path.basename(forest)}")
                rows[k].append(run_pipe([binary, "--forest", forest], path))
            if py:
                rows["deboil_sub"].append(run_redirect([binary], c4_path))
                log(f"round {r + 1}/{a.rounds}: datatrove C4QualityFilter")
                rows["c4"].append(run_peer(py, "c4", c4_path))
                log(f"round {r + 1}/{a.rounds}: jusText")
                rows["justext"].append(run_peer(py, "justext", jt_path))

        def summary(key, nbytes=None):
            rs = rows[key]
            if not rs:
                return None
            n = [nbytes or r["bytes"] for r in rs]
            mbps = [b / r["seconds"] / MB for b, r in zip(n, rs)]
            cpu = [b / r["cpu_s"] / MB for b, r in zip(n, rs) if r["cpu_s"] > 0]
            return {"mbps": statistics.median(mbps), "mbps_all": mbps,
                    "cpu_mbps": statistics.median(cpu) if cpu else float("nan"),
                    "rss_mib": max(r["rss_mib"] for r in rs), "bytes": n[0], "runs": rs}

        sub_bytes = os.path.getsize(c4_path) if py else 0
        sizes = {"cat": in_bytes, "deboil": in_bytes, "deboil_cores": in_bytes, "deboil_one_tree": in_bytes,
                 "deboil_rules": in_bytes, "deboil_sub": sub_bytes}
        s = {k: summary(k, sizes.get(k)) for k in rows}
        results["throughput"] = s
        results["input"] = {"path": os.path.relpath(path, ROOT), "bytes": in_bytes, "dev_docs": ndocs,
                            "dev_bytes": corpus, "repetitions": reps}
        d, dc = s["deboil"]["mbps"], s["deboil"]["cpu_mbps"]
        p(f"input: {in_bytes:,} bytes = {ndocs} dev documents (raw + lines, {corpus:,} bytes "
          f"with separators) x {reps:.2f}; {a.rounds} alternating rounds, medians")
        p()
        p("| command | input MB | MB/s wall | deboil ÷ this (wall) | MB per CPU-s | deboil ÷ this (CPU) "
          "| peak RSS MiB |")
        p("|---|---:|---:|---:|---:|---:|---:|")

        def row(name, k):
            v = s[k]
            p(f"| {name} | {v['bytes'] / MB:,.1f} | {v['mbps']:,.2f} | {d / v['mbps']:,.3g} | "
              f"{v['cpu_mbps']:,.2f} | {dc / v['cpu_mbps']:,.3g} | {v['rss_mib']:.1f} |")

        row("(a) `cat FILE \\| cat` (2nd cat's CPU)", "cat")
        row("(b) `cat FILE \\| deboil`, one thread", "deboil")
        row(f"(b2) `cat FILE \\| deboil --threads 0`, {os.cpu_count()} workers", "deboil_cores")
        if cut:
            row("(b3) `cat FILE \\| deboil`, forest cut to its first tree", "deboil_one_tree")
            row("(b4) `cat FILE \\| deboil`, no scorer (rules only)", "deboil_rules")
        if py:
            row("(b') `deboil < C4-subsample` (start-up included)", "deboil_sub")
            row(f"(c1) datatrove `C4QualityFilter()`, {s['c4']['runs'][0]['docs']} docs", "c4")
            row(f"(c2) jusText, English stoplist, {s['justext']['runs'][0]['docs']} docs", "justext")
        p()
        p("MB = 10^6 bytes of input. Wall: (a), (b), (b') around the whole pipeline; peers around their "
          "filter loop inside the process. CPU: user+sys of the filter process (for the peers, "
          "process_time() of the loop).")
        p()
        p("every round, MB/s wall: " + "; ".join(
            f"{k} " + ", ".join(f"{x:,.2f}" for x in v["mbps_all"]) for k, v in s.items() if v))
        p()
        p("targets:")
        p(f"- deboil ÷ `cat | cat` = {d / s['cat']['mbps']:.4f} (target >= 0.5)")
        if py:
            p(f"- deboil ÷ datatrove C4 (per core) = {d / s['c4']['mbps']:.1f}x wall, "
              f"{dc / s['c4']['cpu_mbps']:.1f}x CPU (target >= 100x)")
            p(f"- deboil ÷ jusText (per core) = {d / s['justext']['mbps']:.1f}x wall, "
              f"{dc / s['justext']['cpu_mbps']:.1f}x CPU (target >= 500x)")
        p(f"- deboil peak RSS = {s['deboil']['rss_mib']:.1f} MiB on {in_bytes / MIB:,.0f} MiB "
          f"(target <= 32 MiB)")

        if cut:
            # Seconds per MB of each run: what the parts cost, by difference.
            per = {k: 1 / s[k]["mbps"] for k in ("deboil", "deboil_one_tree", "deboil_rules")}
            trees = per["deboil"] - per["deboil_one_tree"]
            scorer = per["deboil"] - per["deboil_rules"]
            p()
            p("where the time goes (by difference, wall):")
            p(f"- the forest's trees but one: {trees / per['deboil']:.0%} of deboil's time; "
              f"the whole scorer (language guess, lexicon, rows, forest, rank pass): "
              f"{scorer / per['deboil']:.0%}; the rest (reading, line measures, keys, rules, "
              f"context passes, writing): {per['deboil_rules'] / per['deboil']:.0%}")
            if py:
                c4 = s["c4"]["mbps"]
                p(f"- ÷ datatrove C4 (per core, wall) with trees that cost nothing: "
                  f"{s['deboil_one_tree']['mbps'] / c4:.1f}x; with no scorer at all: "
                  f"{s['deboil_rules']['mbps'] / c4:.1f}x (target >= 100x)")

        st = startup(binary, a.startup_runs)
        results["startup"] = st
        p(f"- start-up: `deboil < /dev/null` median {st['deboil']['median_ms']:.2f} ms "
          f"(min {st['deboil']['min_ms']:.2f}); `true` median {st['true']['median_ms']:.2f} ms; "
          f"difference {st['deboil_minus_true_median_ms']:.2f} ms (target < 20 ms), {st['runs']} runs")

    if a.memory or a.memory_only:
        total, long_line = parse_size(a.memory_size), parse_size(a.long_line)
        mem = []
        for variant, extra in (("A", ()), ("B", ()), ("B", ("--threads", "0"))):
            log(f"memory check {variant} {' '.join(extra)}: {total:,} bytes, one {long_line:,}-byte line ...")
            mem.append(memory_check(binary, docs, total, long_line, variant, extra))
        results["memory"] = mem
        p()
        p("| memory check | bytes in | long line | bytes out | seconds | deboil peak RSS MiB |")
        p("|---|---:|---:|---:|---:|---:|")
        desc = {"A": "A: no separators (one document, windowed), long line in the middle",
                "B": "B: documents + separators, long line at the end without newline"}
        for m in mem:
            how = f" (`{' '.join(m['args'])}`)" if m["args"] else ""
            p(f"| {desc[m['variant']]}{how} | {m['bytes_in']:,} | {m['long_line']:,} | {m['bytes_out']:,} | "
              f"{m['seconds']:.1f} | {m['rss_mib']:.1f} |")

    info["loadavg_end"] = open("/proc/loadavg").read().split()[:3]
    results["elapsed_s"] = time.perf_counter() - started
    p()
    p(f"date: {info['date_utc']}; deboil {os.path.relpath(binary, ROOT)} from git {info['git']}{' (src modified)' if info['git_dirty_src'] else ''}; "
      f"load average {' '.join(info['loadavg_start'])} -> {' '.join(info['loadavg_end'])}; "
      f"elapsed {results['elapsed_s']:.0f} s (after the build)")
    out = a.json or os.path.join(DATA, time.strftime("results-%Y%m%dT%H%M%S.json", time.gmtime()))
    json.dump(results, open(out, "w"), indent=1)
    with open(out[:-5] + ".md" if out.endswith(".json") else out + ".md", "w") as f:
        f.write("\n".join(lines) + "\n")
    log(f"results written to {out}")


if __name__ == "__main__":
    sys.exit(main())
