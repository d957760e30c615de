#!/usr/bin/env python3
"""WARC input against JSON Lines input: the same pages, the same `cleaner` command, in one run.

    python benchmarks/warc.py ../shared/bench [--jobs 2] [--copies 3] [--rounds 2] [--markdown PATH]

The news set's 181 HTML pages are written once as a WARC file (gzip per record, as Common Crawl's
are, each page an HTTP 200 response with its bytes and a Content-Type) and once as JSON Lines (the
page decoded as UTF-8, as a crawler that stores text would). `cleaner --warc` and `cleaner --jsonl`
then clean them with the same `--jobs`, round-robin, best round counted; FastWARC's own reading
of the file (records/s, no cleaning) is timed too, to show what reading costs beside cleaning.
`--copies` repeats the pages so that each run lasts long enough to time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import machine, revision
from tables import machine_line, md_table, num


def _record(number: int, url: str, page: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(page) + page
    head = (
        f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{number:012d}>\r\n"
        f"WARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Target-URI: {url}\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    )
    return gzip.compress(head.encode() + http + b"\r\n\r\n")


def write_inputs(data: Path, folder: Path, copies: int) -> tuple[Path, Path, int]:
    """The news pages as one WARC file and one JSON Lines file; how many pages each holds."""
    root = data / "scrapinghub" / "html"
    pages = [gzip.decompress(p.read_bytes()) for p in sorted(root.glob("*.html.gz"))] * copies
    warc, jsonl = folder / "pages.warc.gz", folder / "pages.jsonl"
    with warc.open("wb") as w, jsonl.open("w", encoding="utf-8") as j:
        for n, page in enumerate(pages):
            url = f"https://example.com/{n}"
            w.write(_record(n, url, page))
            j.write(json.dumps({"id": str(n), "url": url, "html": page.decode("utf-8", "replace")}) + "\n")
    return warc, jsonl, len(pages)


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()[-500:]}")
    return time.perf_counter() - start


def _read_only(warc: Path) -> float:
    from fastwarc.warc import ArchiveIterator

    start = time.perf_counter()
    with warc.open("rb") as stream:
        for record in ArchiveIterator(stream, parse_http=True, quirks_mode=True, fsspec_args=False):
            record.reader.read()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the shared bench folder (holds scrapinghub/)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--markdown", type=Path, help="write the report here too")
    args = parser.parse_args()
    cli = [sys.executable, "-m", "cleaner.cli", "--jobs", str(args.jobs)]
    with tempfile.TemporaryDirectory() as folder:
        warc, jsonl, pages = write_inputs(args.data, Path(folder), args.copies)
        times: dict[str, list[float]] = {"warc": [], "jsonl": [], "read": []}
        for _ in range(args.rounds):
            times["warc"].append(_timed([*cli, "--warc", str(warc)]))
            times["jsonl"].append(_timed([*cli, "--jsonl", str(jsonl)]))
            times["read"].append(_read_only(warc))
    best = {name: min(values) for name, values in times.items()}
    commit = revision()
    where = f"revision {commit['commit']}{' (uncommitted changes)' if commit['dirty'] else ''}"
    rows = [
        [
            f"`cleaner --warc` (gzip per record), --jobs {args.jobs}",
            num(pages / best["warc"]),
            num(best["jsonl"] / best["warc"]),
        ],
        [f"`cleaner --jsonl`, --jobs {args.jobs}", num(pages / best["jsonl"]), "1.00"],
        ["FastWARC reading alone (no cleaning)", num(pages / best["read"]), num(best["jsonl"] / best["read"])],
    ]
    report = (
        f"## WARC against JSON Lines input (`benchmarks/warc.py`)\n\n{pages} pages (the news set's HTML, "
        f"{args.copies} copies), best of {args.rounds} rounds; the ratio is the JSON Lines run's seconds over "
        f"each row's (above 1: faster).\n\n"
        + md_table(["input", "pages/s", "ratio to JSON Lines"], rows)
        + f"\n\n{machine_line(machine())}; {where}.\n"
    )
    print(report)
    if args.markdown:
        args.markdown.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
