#!/usr/bin/env python3
"""Write deboil's stopword lists (src/lang/data/<code>.txt) from spaCy's.

  pip download --no-deps spacy==3.8.18 && unzip the wheel, or pip install it
  python3 scripts/make_stopwords.py PATH/TO/spacy/lang

spaCy (MIT licence, (C) ExplosionAI GmbH and contributors) keeps one list per
language in `spacy/lang/<code>/stop_words.py`, as a Python set `STOP_WORDS`.
Each list is evaluated here, and every entry is cut the way deboil cuts a
line into words (white space, punctuation and apostrophes separate words);
entries that are not exactly one word (multi-word phrases, contractions
like "n't", punctuation, numbers) are left out. Words are lower-cased and
NFC-normalised, sorted, one a line, under a header naming the source.
"""
from __future__ import annotations

import os
import sys
import unicodedata

VERSION = "3.8.18"
# spaCy's code -> deboil's (ISO 639-1) code, for the languages deboil
# knows (src/lang/mod.rs, LANGUAGES) that spaCy has a list for.
CODES = """af am ar az bg bn ca cs da de el en es et fa fi fr gu he hi hr hu hy id
it ja kn ko la lt lv mk ml mr nb ne nl pl pt ro ru si sk sl sr sv ta te th
tl tr uk ur vi zh""".split()
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


RANGES = [(0x00A0, 0x00BF), (0x00D7, 0x00D7), (0x00F7, 0x00F7), (0x055A, 0x055F),
          (0x0589, 0x0589), (0x05BE, 0x05BE), (0x05C0, 0x05C0), (0x05C3, 0x05C3),
          (0x05F3, 0x05F4), (0x060C, 0x060C), (0x061B, 0x061B), (0x061F, 0x061F),
          (0x066A, 0x066D), (0x06D4, 0x06D4), (0x0964, 0x0965), (0x0E2F, 0x0E2F),
          (0x0E5A, 0x0E5B), (0x2000, 0x2BFF), (0x3000, 0x303F), (0xE000, 0xF8FF),
          (0xFE10, 0xFE1F), (0xFE30, 0xFE4F), (0xFF01, 0xFF0F), (0xFF1A, 0xFF20),
          (0xFF3B, 0xFF40), (0xFF5B, 0xFF65), (0x1F000, 0x1FAFF)]


def is_sep(c: str) -> bool:
    """Mirrors `is_separator` in src/lang/mod.rs."""
    if c.isascii():
        return not c.isalnum()
    if c.isalnum():
        return False
    return c.isspace() or any(a <= ord(c) <= b for a, b in RANGES)


def words(s: str) -> list[str]:
    out, cur = [], []
    for c in s:
        if is_sep(c):
            if cur:
                out.append("".join(cur))
                cur = []
        else:
            cur.append(c)
    if cur:
        out.append("".join(cur))
    return out


def main() -> None:
    src = sys.argv[1]
    out_dir = os.path.join(ROOT, "src/lang/data")
    for code in CODES:
        path = os.path.join(src, code, "stop_words.py")
        ns: dict = {}
        exec(compile(open(path, encoding="utf-8").read(), path, "exec"), ns)
        kept = set()
        for entry in ns["STOP_WORDS"]:
            entry = unicodedata.normalize("NFC", entry.lower())
            w = words(entry)
            if len(w) == 1 and w[0] == entry and not any(ch.isdigit() for ch in entry):
                kept.add(entry)
        with open(os.path.join(out_dir, f"{code}.txt"), "w", encoding="utf-8") as f:
            f.write(f"# deboil stopwords: {code}, {len(kept)} words.\n")
            f.write(f"# Origin: spaCy {VERSION}, spacy/lang/{code}/stop_words.py, filtered by\n")
            f.write("# scripts/make_stopwords.py (one-word entries only, lower-cased).\n")
            f.write("# Licence: MIT, (C) 2016-2024 ExplosionAI GmbH, 2016 spaCy GmbH,\n")
            f.write("# 2015 Matthew Honnibal.\n")
            for w in sorted(kept):
                f.write(w + "\n")
        print(code, len(kept))


if __name__ == "__main__":
    main()
