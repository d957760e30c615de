#!/usr/bin/env python3
"""Memory per indexed document and time per query of `cleaner.copies.CopyIndex`, up to a million documents.

    python benchmarks/copies_scale.py 1000 10000 100000 1000000 [--json PATH]

Each size runs in a new process (so that one size's memory never counts in another's), twice:
once measuring the resident set (RSS, from /proc/self/status: what the machine pays, allocator
slack included) and once under `tracemalloc` (the bytes Python and numpy asked for). The index
is filled with synthetic signatures: random MinHash values (every document distinct, as in a crawl
of mostly new pages), a shingle count between 20 and 2,000, a random digest, and a key like a
record id (`rec-0000123`, a str: its bytes count). Then 1,000 `find` calls are timed for texts
never seen (misses) and 1,000 for copies of indexed ones (a quarter of their MinHash values
changed: hits). What is not measured here: how many band collisions real texts bring (random
signatures bring next to none); `duplicates.py` runs the real pages.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

BATCH = 10_000
QUERIES = 1_000
SEED = 13


def rss_bytes() -> int:
    """The process's resident set now (VmRSS), and at its peak (VmHWM)."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) * 1024


def peak_rss_bytes() -> int:
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(fields["VmHWM"].split()[0]) * 1024


def _signatures(rng: np.random.Generator, count: int, num_perm: int):
    from cleaner.copies import Signature

    values = rng.integers(0, 2**32, size=(count, num_perm), dtype=np.uint32)
    shingles = rng.integers(20, 2000, size=count)
    digests = rng.bytes(16 * count)
    for n in range(count):
        yield Signature(digests[16 * n : 16 * n + 16].hex(), values[n], int(shingles[n]))


def fill(size: int, traced: bool) -> dict:
    """One size, in this process: the index's memory per document and its time per query."""
    import tracemalloc

    from cleaner.copies import NUM_PERM, CopyIndex, Signature

    rng = np.random.default_rng(SEED)
    index = CopyIndex()
    kept = []  # a few indexed signatures, to ask for copies of them
    if traced:
        tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0] if traced else rss_bytes()
    started = time.perf_counter()
    for first in range(0, size, BATCH):
        for n, sig in enumerate(_signatures(rng, min(BATCH, size - first), NUM_PERM), start=first):
            index.add(f"rec-{n:07d}", sig)
            if n % max(1, size // QUERIES) == 0 and len(kept) < QUERIES:
                kept.append(sig)
    add_seconds = time.perf_counter() - started
    after = tracemalloc.get_traced_memory()[0] if traced else rss_bytes()
    peak = tracemalloc.get_traced_memory()[1] if traced else peak_rss_bytes()
    if traced:
        tracemalloc.stop()
    misses = list(_signatures(rng, QUERIES, NUM_PERM))
    copies = []
    for sig in kept:
        values = sig.minhash.copy()
        changed = rng.choice(NUM_PERM, NUM_PERM // 4, replace=False)
        values[changed] = rng.integers(0, 2**32, size=changed.size, dtype=np.uint32)
        copies.append(Signature(rng.bytes(16).hex(), values, sig.shingles))
    found = {}
    for name, queries in (("miss", misses), ("hit", copies)):
        started = time.perf_counter()
        answers = [index.find(sig) for sig in queries]
        found[name] = {
            "us_per_query": (time.perf_counter() - started) / len(queries) * 1e6,
            "found": sum(a is not None for a in answers),
            "queries": len(queries),
        }
    return {
        "documents": len(index),
        "measure": "tracemalloc" if traced else "rss",
        "bytes": after - before,
        "bytes_per_doc": (after - before) / size,
        "peak_bytes": peak - (before if traced else 0),
        "add_us_per_doc": add_seconds / size * 1e6,
        "queries": found,
    }


def measure(sizes: list[int]) -> list[dict]:
    """Every size in a new process, for RSS and for tracemalloc."""
    results = []
    for size in sizes:
        for traced in (False, True):
            command = [sys.executable, __file__, "--child", str(size)] + (["--traced"] if traced else [])
            done = subprocess.run(command, capture_output=True, text=True, check=False, env=os.environ)
            if done.returncode != 0:
                raise SystemExit(f"{' '.join(command)} failed: {done.stderr[-800:]}")
            row = json.loads(done.stdout)
            print(
                f"{size:>9,} docs, {row['measure']:>11}: {row['bytes_per_doc']:.0f} B/doc, "
                f"add {row['add_us_per_doc']:.1f} µs, find {row['queries']['miss']['us_per_query']:.0f} µs (miss) "
                f"{row['queries']['hit']['us_per_query']:.0f} µs (hit, {row['queries']['hit']['found']} found)",
                file=sys.stderr,
            )
            results.append(row)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[1000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(fill(args.child, args.traced)))
        return 0
    results = measure(args.sizes)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
