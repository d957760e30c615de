#!/usr/bin/env python3
"""The acceptance figures of `cleaner --jsonl`: bad records, throughput with --jobs, memory over length.

    python benchmarks/stream.py [--quick] [--save PATH] [--keep DIR]

1. Bad records: 10,000 records, 1% of them bad (several kinds of invalid JSON, binary junk, one
   30 MB record, pages that take longer than --time-limit) at random lines, through
   `cleaner --jsonl --jobs 2 --errors FILE`: the good records must come out cleaned, in input
   order, the bad ones as error records naming their lines, exit code 1, and a summary line
   that adds up. The same file through `--jobs 1` must give the same bytes.
2. Throughput: `--jobs 2` against `--jobs 1` on the same good records, runs alternating, best
   of 3; target at least 1.7x on a 2-core machine.
3. Memory: the peak RSS of the whole process tree (cleaner and its workers, sampled from /proc)
   on 100,000 short records against 10,000, for --jobs 2 and --jobs 1; target at most 1.2x.

A probe also times each slow page alone, to show how far past --time-limit a record can run.

The records are built from the repository's fixtures (fixtures/seeds/*.txt, fixtures/html/*.html):
each record's long paragraphs have their sentences shuffled and it gets a dateline of its own,
so that no two records are the same text (cleaner remembers the rule matches of short blocks,
and a stream of copies would measure that memory, not cleaning). Generated files go to a
temporary folder, removed at the end unless --keep names one. `--quick` runs smaller versions of
all three (a few minutes in all). Prints a markdown report; --save writes it to a file too. Exit 1
when a check or a target fails. Linux only (/proc). Run nothing else heavy meanwhile: the report
shows how much CPU other processes took during each timed run.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from stream_parts import FULL, QUICK, bad_records_part, memory_part, slow_probe, throughput_part
from stream_report import report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller versions of all three parts (minutes)")
    parser.add_argument("--save", type=Path, metavar="PATH", help="write the markdown report here too")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="generate the data here and keep it")
    args = parser.parse_args()
    scale = QUICK if args.quick else FULL
    start = time.perf_counter()
    work = args.keep or Path(tempfile.mkdtemp(prefix="cleaner-stream-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        bad = _step("1. bad records", lambda: bad_records_part(scale, work))
        tp = _step("2. throughput", lambda: throughput_part(scale, work))
        mem = _step("3. memory", lambda: memory_part(scale, work))
        slow = _step("probe: slow pages", lambda: slow_probe(scale, work))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    text, ok = report(scale, args.quick, bad, tp, mem, slow, time.perf_counter() - start)
    print(text)
    if args.save:
        args.save.write_text(text, encoding="utf-8")
    return 0 if ok else 1


def _step(name: str, fn):
    """Run one part, saying on stderr when it starts and how long it took (the parts take minutes)."""
    print(f"stream.py: {name}...", file=sys.stderr, flush=True)
    start = time.perf_counter()
    result = fn()
    print(f"stream.py: {name} done in {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    return result


if __name__ == "__main__":
    sys.exit(main())
