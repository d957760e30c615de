#!/usr/bin/env python3
"""A user rule that backtracks catastrophically under `re` (`(a+)+$`), run by cleaner on RE2.

    python benchmarks/user_rules.py [--chars 100000] [--target 1.0] [--cap 28]

The rule goes in a user rule file, as `--rules FILE` would give it, and cleaner cleans one line
of --chars "a"s followed by a "b" (the rule's worst case: every way of splitting the run fails).
The peer, in the same process, is Python's `re` matching the same pattern the way a block rule
would (fullmatch, case-insensitive) on a far shorter line of the same shape: each "a" more
doubles its time, so n grows from 18 until one match takes over half a second, or --cap "a"s.
Exit 1 when the cleaner run is over --target seconds (the acceptance figure: under one second).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

from tables import md_table, num

import cleaner

RULE = """[[rule]]
id = "bench.catastrophic"
kind = "benchmark"
pattern = '(a+)+$'
regex = true
reason = "backtracks catastrophically under re"
match = ["aaaa"]
keep = ["aaab"]
"""
PYTHON_ENOUGH = 0.5  # seconds: long enough to show the growth, short enough to wait for


def best_of(runs: int, call) -> float:
    """The best wall time of `runs` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


def python_re(cap: int) -> tuple[int, float]:
    """The shortest run of "a"s (from 18, at most `cap`) on which `re` takes over PYTHON_ENOUGH."""
    pattern = re.compile(r"(a+)+$", re.IGNORECASE)
    n = 18
    while True:
        text = "a" * n + "b"
        start = time.perf_counter()
        pattern.fullmatch(text)
        seconds = time.perf_counter() - start
        if seconds > PYTHON_ENOUGH or n >= cap:
            return n, seconds
        n += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=100_000, help='"a"s in the line cleaner cleans')
    parser.add_argument("--target", type=float, default=1.0, help="seconds the cleaner run must stay under")
    parser.add_argument("--cap", type=int, default=28, help='most "a"s given to Python re')
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "catastrophic.toml"
        path.write_text(RULE, encoding="utf-8")
        line = "a" * args.chars + "b"
        start = time.perf_counter()
        doc = cleaner.clean(line, rules=path)  # the first call also loads and compiles the rule file
        first = time.perf_counter() - start
        if doc.text != line:
            raise SystemExit("cleaner removed the line, which the rule does not match")
        warm = best_of(3, lambda: cleaner.clean(line, rules=path))
    without = best_of(3, lambda: cleaner.clean(line))
    n, python_seconds = python_re(args.cap)

    rows = [
        ["cleaner.clean, the user rule on RE2, first call (loads the rule files)", f"{len(line):,}", num(first), ""],
        ["cleaner.clean, the user rule on RE2, best of 3", f"{len(line):,}", num(warm), ""],
        ["cleaner.clean, no user rule file (the rest of cleaning), best of 3", f"{len(line):,}", num(without), ""],
        ["Python `re`, `fullmatch` of the same pattern", f"{n + 1:,}", num(python_seconds), num(python_seconds / warm)],
    ]
    print(md_table(["run", "chars", "seconds", "÷ cleaner best"], rows))
    print()
    print(f'Python `re` doubles its time with each "a" more; at {args.chars:,} "a"s, ~2^{args.chars - n} times longer.')
    verdict = "yes" if first < args.target else "NO"
    print(f"Acceptance: `(a+)+$` on a {len(line):,}-char line under {args.target:g} s: {verdict} ({num(first)} s).")
    return 0 if first < args.target else 1


if __name__ == "__main__":
    sys.exit(main())
