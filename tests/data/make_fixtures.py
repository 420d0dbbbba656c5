#!/usr/bin/env python3
"""Writes the corpus-format fixtures in tests/data/ with standard tools.

    python3 -m venv /tmp/fixtures && /tmp/fixtures/bin/pip install warcio datatrove orjson
    /tmp/fixtures/bin/python tests/data/make_fixtures.py

The generated files are committed, so the tests need no Python; this script
is kept to make them again. Versions used for the committed files:
warcio 1.8.1, datatrove 0.10.1, orjson 3.13.0.

  sample.warc.wet.gz  a WET file as Common Crawl ships it: WARC/1.0, a
                      warcinfo record, then `conversion` records, gzip with
                      one member per record (warcio's WARCWriter(gzip=True)).
  sample.warc         an uncompressed WARC/1.1 file: warcinfo, request,
                      response (text/html, skipped), response (text/plain),
                      resource (text/plain), metadata.
  datatrove.jsonl     JSON Lines written by datatrove's JsonlWriter (orjson,
                      keys text, id, media, metadata; the writer leaves out
                      empty fields, so only the second document has media).

Record ids and dates are fixed so the files come out the same every time.
"""

import io
import os
import sys

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = os.path.dirname(os.path.abspath(__file__))

PAGES = [
    {
        "url": "https://news.example.com/2021/11/council-budget",
        "date": "2021-11-25T17:45:00Z",
        "lang": "eng",
        "text": """Skip to content
Share on Facebook
Share on Twitter
Council approves new budget after six-hour debate
25 Nov, 2021 17:45
The regional council approved the new budget on Tuesday evening, after a debate that lasted more than six hours and ended in a narrow vote.

Opposition members argued that the spending plan leaves too little for road repairs, while the majority said that schools had to come first this year.
Advertisement
The mayor said the vote showed that the council could still reach agreement on hard questions, and promised a review of the road budget in the spring.
Podcasts
0:00
14:40
© 2021 Example Media. All rights reserved.
""",
    },
    {
        "url": "https://www.beispiel.de/politik/haushalt",
        "date": "2021-11-26T08:00:00Z",
        "lang": "deu,eng",
        "text": """Werbung
Der Stadtrat hat am Dienstagabend nach einer mehr als sechsstündigen Debatte den neuen Haushalt mit knapper Mehrheit beschlossen.

Die Opposition kritisierte, dass für die Sanierung der Straßen zu wenig Geld vorgesehen sei; die Mehrheit verwies auf die Schulen.
0:00
""",
    },
    {
        # Nothing but residue: empty after cleaning.
        "url": "https://example.org/widget",
        "date": "2021-11-27T10:30:00Z",
        "lang": None,
        "text": "Advertisement\n0:00\n14:40\nShare on Facebook\n",
    },
    {
        "url": "https://example.net/long-read?id=7&lang=fr",
        "date": "2021-11-28T12:00:00Z",
        "lang": "fra",
        "text": """Le conseil régional a adopté mardi soir le nouveau budget, au terme d'un débat de plus de six heures conclu par un vote serré.
Advertisement
Les élus de l'opposition estiment que le plan laisse trop peu pour l'entretien des routes, tandis que la majorité affirme que les écoles passent d'abord.
Tabs\tand "quotes", a backslash \\ and an emoji 🙂 stay as they are in the text.""",
    },
]


def uid(n):
    return f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>"


def warcinfo(writer, n, date, filename):
    rec = writer.create_warcinfo_record(
        filename,
        {"software": "deboil tests/data/make_fixtures.py (warcio)", "format": "WARC File Format 1.0"},
    )
    rec.rec_headers.replace_header("WARC-Record-ID", uid(n))
    rec.rec_headers.replace_header("WARC-Date", date)
    writer.write_record(rec)


def make_wet():
    path = os.path.join(HERE, "sample.warc.wet.gz")
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True, warc_version="1.0")
        warcinfo(writer, 1, "2021-11-29T00:00:00Z", "sample.warc.wet.gz")
        for i, page in enumerate(PAGES):
            headers = {
                "WARC-Target-URI": page["url"],
                "WARC-Date": page["date"],
                "WARC-Record-ID": uid(100 + i),
                "WARC-Refers-To": uid(200 + i),
                "Content-Type": "text/plain",
            }
            if page["lang"]:
                headers["WARC-Identified-Content-Language"] = page["lang"]
            rec = writer.create_warc_record(
                page["url"],
                "conversion",
                payload=io.BytesIO(page["text"].encode("utf-8")),
                warc_headers_dict=headers,
            )
            writer.write_record(rec)
    return path


def make_warc():
    path = os.path.join(HERE, "sample.warc")
    text = PAGES[0]["text"].encode("utf-8")
    html = b"<html><body><p>Advertisement</p><p>Markup is skipped.</p></body></html>"
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=False, warc_version="1.1")
        warcinfo(writer, 1, "2021-11-29T00:00:00Z", "sample.warc")

        def record(n, url, kind, payload, http=None, content_type=None):
            headers = {"WARC-Record-ID": uid(n), "WARC-Date": "2021-11-29T01:00:00Z"}
            if content_type:
                headers["Content-Type"] = content_type
            rec = writer.create_warc_record(
                url, kind, payload=io.BytesIO(payload), http_headers=http, warc_headers_dict=headers
            )
            writer.write_record(rec)

        req = StatusAndHeaders("GET /page.html HTTP/1.1", [("Host", "example.com")], is_http_request=True)
        record(2, "http://example.com/page.html", "request", b"", http=req)
        resp_html = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(html)))],
            protocol="HTTP/1.1",
        )
        record(3, "http://example.com/page.html", "response", html, http=resp_html)
        resp_text = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(text)))],
            protocol="HTTP/1.1",
        )
        record(4, "http://example.com/page.txt", "response", text, http=resp_text)
        record(5, "http://example.com/notes.txt", "resource", PAGES[1]["text"].encode("utf-8"),
               content_type="text/plain")
        record(6, "http://example.com/page.txt", "metadata", b"fetchTimeMs: 120\r\n",
               content_type="application/warc-fields")
    return path


def make_jsonl():
    from datatrove.data import Document, Media, MediaType
    from datatrove.pipeline.writers.jsonl import JsonlWriter

    docs = [
        Document(
            text=page["text"],
            id=f"doc-{i}",
            # The writer leaves out empty fields: one document has media.
            media=[Media(id="img-1", type=MediaType.IMAGE, url="https://www.beispiel.de/chart.png", alt="Chart")]
            if i == 1
            else [],
            metadata={
                "url": page["url"],
                "date": page["date"],
                "dump": "CC-MAIN-2021-49",
                "language": page["lang"],
                "language_score": 0.93 - i / 100,
                "token_count": len(page["text"].split()),
            },
        )
        for i, page in enumerate(PAGES)
    ]
    with JsonlWriter(HERE, output_filename="datatrove.jsonl", compression=None) as writer:
        for doc in docs:
            writer.write(doc)
    return os.path.join(HERE, "datatrove.jsonl")


if __name__ == "__main__":
    for p in (make_wet(), make_warc(), make_jsonl()):
        print(p, os.path.getsize(p), file=sys.stderr)
