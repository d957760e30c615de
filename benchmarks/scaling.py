#!/usr/bin/env python3
"""How cleaning time grows with the input, on adversarial inputs: the growth exponent of each family.

    python benchmarks/scaling.py [--only NAME ...] [--repeats 3] [--budget 8] [--max-exponent 1.2]
                                 [--max-small-seconds 1.0] [--markdown FILE] [--json PATH]

A crawl holds pages made to be odd: a gallery that repeats its caption thousands of times, bytes
of no charset, one line of a megabyte. Each family below builds such an input at doubling sizes
(SIZES, in bytes of input); `cleaner.clean` is timed on each (CPU time, best of --repeats runs,
so that other processes on the machine do not count), and the growth exponent is the slope of
log time against log size, fitted by least squares: 1 is linear, 2 quadratic. A family stops
growing once one run takes over --budget seconds (its exponent is then fitted on the sizes it
reached). `--max-exponent` exits 1 when a family grows faster than that; `--max-small-seconds`
when an input under SMALL_BYTES takes longer than that.

Times below MIN_SECONDS are mostly the fixed cost of a call, which flattens the slope: the
sizes start where a run takes longer. cleaner memoises rule matches of short blocks across
calls, so the best run is a warm one; the first run of each size is no slower in the exponent.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from machine import machine, revision
from tables import machine_line, md_table, num

import cleaner

SIZES = (25_000, 50_000, 100_000, 200_000)  # bytes of input
SMALL_BYTES = 100_000  # "a small input": none may take over --max-small-seconds
MIN_SECONDS = 0.002


@dataclass
class Family:
    """One kind of adversarial input: `make(n)` builds about n bytes (or characters) of it."""

    name: str
    kind: str  # "text" (a str), "bytes" (no charset given) or "html" (a str of markup)
    what: str
    make: Callable[[int], str | bytes]
    sizes: tuple[int, ...] = SIZES
    seconds: list[float] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)


def repeat(unit: Callable[[int], str], n: int, sep: str = "\n\n") -> str:
    """Units `unit(0)`, `unit(1)`, ... joined by `sep` until the text is n characters long."""
    parts, total, i = [], 0, 0
    while total < n:
        part = unit(i)
        parts.append(part)
        total += len(part) + len(sep)
        i += 1
    return sep.join(parts)


_SENTENCE = (
    "the council said on tuesday that the new bridge over the river would open next spring after "
    "two years of delays caused by flooding and a shortage of steel while residents who had waited "
    "for the crossing welcomed the news but asked why the cost had doubled since the plan was first"
)
_WORDS = _SENTENCE.split()


def prose(i: int, words: int = 40) -> str:
    """A sentence-ending paragraph of `words` words, different for each i."""
    rng = random.Random(i)
    return f"Paragraph {i}: " + " ".join(rng.choice(_WORDS) for _ in range(words)) + "."


def _soup(n: int, alphabet: bytes, seed: int = 1) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.choice(alphabet) for _ in range(n))


_C1 = bytes(range(0x80, 0xA0))
_LETTERS = b"abcdefghijklmnopqrstuvwxyz"
_CYRILLIC = "Городской совет заявил во вторник, что новый мост через реку откроется весной. "
_GREEK = "Το δημοτικό συμβούλιο δήλωσε την Τρίτη ότι η νέα γέφυρα θα ανοίξει την άνοιξη. "
_JAPANESE = "市議会は火曜日、川に架かる新しい橋が来年の春に開通すると発表した。"
_CHINESE = "市议会星期二表示，河上的新桥将于明年春天开通，此前因洪水推迟了两年。"
_FRENCH = "Le conseil municipal a déclaré mardi que le nouveau pont ouvrira au printemps prochain. "


def _charset_bytes(text: str, codec: str) -> Callable[[int], bytes]:
    def make(n: int) -> bytes:
        unit = text.encode(codec)
        return (unit * (n // len(unit) + 1))[:n].rsplit(b" ", 1)[0]

    return make


def _html(body: str, title: str = "A page") -> str:
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>"


FAMILIES = [
    Family(
        "gallery captions",
        "text",
        '"Image 1 of 5" / "caption (PA Wire)", repeated',
        lambda n: repeat(lambda i: "Image 1 of 5\n\ncaption (PA Wire)", n),
    ),
    Family(
        "gallery near-copies",
        "text",
        "gallery counters, each with a caption that differs from the others in one word",
        lambda n: repeat(lambda i: f"Image {i % 5 + 1} of 5\n\nFlood water rises over the old town bridge {i}", n),
    ),
    Family(
        "repeated headlines",
        "text",
        "one headline-shaped line as every block",
        lambda n: repeat(lambda i: "Storm batters the coast as thousands flee their homes", n),
    ),
    Family(
        "repeated paragraphs",
        "text",
        "one paragraph of prose as every block",
        lambda n: repeat(lambda i: prose(0), n),
    ),
    Family(
        "distinct paragraphs", "text", "an article: paragraphs of prose, each different", lambda n: repeat(prose, n)
    ),
    Family(
        "paragraphs sharing an opening",
        "text",
        "long paragraphs that open with the same words and go on differently (repeated-body suspects)",
        lambda n: repeat(lambda i: "The minister told reporters on Monday that " + prose(i, 50), n),
    ),
    Family(
        "prose and chrome",
        "text",
        "two paragraphs, then 24 short lines, over and over: each pair is a run of the article to find",
        lambda n: repeat(
            lambda i: (
                prose(2 * i, 60)
                + "\n\n"
                + prose(2 * i + 1, 60)
                + "\n\n"
                + "\n\n".join(f"Label {k} {i}" for k in range(24))
            ),
            n,
        ),
    ),
    Family(
        "chrome lines",
        "text",
        "many blocks of one or two words (menus, buttons, tags)",
        lambda n: repeat(lambda i: ("Home", "Sign in", "Share", f"Tag {i}", "Menu")[i % 5], n),
    ),
    Family("tiny blocks", "text", "blocks of one character", lambda n: repeat(lambda i: "ab"[i % 2], n)),
    Family("one long line", "text", "prose with no line break", lambda n: repeat(lambda i: prose(i), n, " ")),
    Family("long list", "text", "one block of short lines", lambda n: repeat(lambda i: f"- item {i}", n, "\n")),
    Family("long word", "text", "letters and digits with no space", lambda n: repeat(lambda i: "abc123xyz", n, "")),
    Family("one-letter run", "text", '"aaaa…", one word', lambda n: "a" * n),
    Family(
        "one-letter run, bytes", "bytes", '"é" then "aaaa…" as cp1252 bytes, no charset', lambda n: b"\xe9" + b"a" * n
    ),
    Family(
        "comment signatures",
        "text",
        'an article, then many "Name says:" lines with comments',
        lambda n: prose(0, 200) + "\n\n" + repeat(lambda i: f"Reader{i} says:\n\nI agree with this. {i}", n),
    ),
    Family(
        "letters, then an accented byte",
        "bytes",
        '"aaaa…" then one byte 0xe9, no charset (the whole input is what the charset check reads)',
        lambda n: b"a" * n + b" \xe9",
        sizes=(2_500, 5_000, 10_000, 20_000),
    ),
    Family("C1 soup", "bytes", "C1 bytes and letters, no charset", lambda n: _soup(n, _C1 + _LETTERS)),
    Family(
        "C1 soup, words",
        "bytes",
        "C1 bytes, letters and spaces, no charset",
        lambda n: _soup(n, _C1 + _LETTERS * 2 + b"    "),
    ),
    Family(
        "high bytes and brackets",
        "bytes",
        'bytes 0x80-0xff and "<" with no ">", no charset',
        lambda n: _soup(n, bytes(range(0x80, 0x100)) + b"<<<<"),
    ),
    Family("cp1251 Cyrillic", "bytes", "Russian prose as cp1251, no charset", _charset_bytes(_CYRILLIC, "cp1251")),
    Family("cp1253 Greek", "bytes", "Greek prose as cp1253, no charset", _charset_bytes(_GREEK, "cp1253")),
    Family("Shift-JIS", "bytes", "Japanese prose as Shift-JIS, no charset", _charset_bytes(_JAPANESE, "shift_jis")),
    Family("GB18030", "bytes", "Chinese prose as GB18030, no charset", _charset_bytes(_CHINESE, "gb18030")),
    Family("latin-1", "bytes", "French prose as latin-1, no charset", _charset_bytes(_FRENCH, "latin-1")),
    Family(
        "HTML paragraphs",
        "html",
        "an article page: <p> of prose",
        lambda n: _html(repeat(lambda i: f"<p>{prose(i)}</p>", n, "\n")),
    ),
    Family(
        "HTML one paragraph",
        "html",
        "one <p> of prose",
        lambda n: _html("<p>" + repeat(lambda i: prose(i), n, " ") + "</p>"),
    ),
    Family(
        "HTML many links",
        "html",
        "an article, then a list of links",
        lambda n: _html(
            "<article>"
            + "".join(f"<p>{prose(i)}</p>" for i in range(5))
            + "</article><ul>"
            + repeat(lambda i: f'<li><a href="/story/{i}">Story number {i}</a></li>', n, "\n")
            + "</ul>"
        ),
    ),
    Family(
        "HTML table",
        "html",
        "an article, then one big table",
        lambda n: _html(
            "".join(f"<p>{prose(i)}</p>" for i in range(5))
            + "<table>"
            + repeat(lambda i: f"<tr><td>{i}</td><td>cell {i}</td><td>{i * 7}</td></tr>", n, "\n")
            + "</table>"
        ),
    ),
    Family(
        "HTML deep nesting",
        "html",
        "nested <div>s, each with a few words",
        lambda n: _html(repeat(lambda i: f"<div>level {i}", n // 2, "") + "</div>" * (n // 24)),
    ),
    Family(
        "HTML title with separators",
        "html",
        'a <title> of many parts ("a | b | c ..."), the page a few paragraphs',
        lambda n: _html("".join(f"<p>{prose(i)}</p>" for i in range(5)), repeat(lambda i: f"Part {i}", n // 2, " | ")),
    ),
    Family(
        "HTML gallery",
        "html",
        "a gallery: counters and captions in <div>s, repeated",
        lambda n: _html(
            repeat(lambda i: f"<div><p>Image {i % 5 + 1} of 5</p><p>caption {i} (PA Wire)</p></div>", n, "\n")
        ),
    ),
]


def time_one(source: str | bytes, repeats: int, budget: float) -> float:
    """The best CPU time of up to `repeats` runs (one only when a run is slow)."""
    best = math.inf
    for _ in range(repeats):
        start = time.process_time()
        cleaner.clean(source)
        best = min(best, time.process_time() - start)
        if best > budget / 4:
            break
    return best


def exponent(lengths: list[int], seconds: list[float]) -> float | None:
    """The least-squares slope of log(seconds) against log(length); None under two points."""
    points = [(math.log(n), math.log(max(s, 1e-6))) for n, s in zip(lengths, seconds, strict=True)]
    if len(points) < 2:
        return None
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else None


def measure(family: Family, repeats: int, budget: float) -> None:
    """Time the family at each size until one run takes over `budget` seconds."""
    cleaner.clean(family.make(1000))  # warm: imports, rule files, chardet's models
    for size in family.sizes:
        source = family.make(size)
        seconds = time_one(source, repeats, budget)
        family.lengths.append(len(source))
        family.seconds.append(seconds)
        if seconds > budget:
            break


def small_worst(family: Family) -> float:
    """The longest time of a run on an input under SMALL_BYTES."""
    return max((s for n, s in zip(family.lengths, family.seconds, strict=True) if n < SMALL_BYTES), default=0.0)


def row(family: Family) -> list[object]:
    slope = exponent(family.lengths, family.seconds)
    times = " · ".join(f"{num(s * 1000)}" for s in family.seconds)
    return [
        family.name,
        family.kind,
        f"{family.lengths[0] / 1000:g}–{family.lengths[-1] / 1000:g}",
        times,
        "" if slope is None else f"{slope:.2f}",
        num(small_worst(family)),
    ]


HEADERS = ["family", "input", "kB", "ms at each doubling", "growth exponent", "worst s under 100 kB"]


def markdown(families: list[Family], args: argparse.Namespace) -> str:
    """The section for BENCHMARKS.md: what was measured, on what, and the table."""
    rev = revision()
    lines = [
        "## Growth with the input (`benchmarks/scaling.py`)",
        "",
        "Adversarial inputs at doubling sizes; CPU time of `cleaner.clean`, best of "
        f"{args.repeats} runs; the growth exponent is the least-squares slope of log time against log "
        "size (1: linear, 2: quadratic). Regenerate with `python benchmarks/scaling.py --markdown FILE`.",
        "",
        f"Machine: {machine_line(machine())}; cleaner {rev['commit']}{' (modified)' if rev['dirty'] else ''}.",
        "",
        md_table(HEADERS, [row(f) for f in families], "llrrrr"),
        "",
        "| family | what it is |",
        "|---|---|",
        *[f"| {f.name} | {f.what} |" for f in families],
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="families whose name contains one of these words")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--budget", type=float, default=8.0, help="seconds of one run after which a family stops")
    parser.add_argument("--max-exponent", type=float, help="exit 1 when a family grows faster than this")
    parser.add_argument("--max-small-seconds", type=float, help="exit 1 when an input under 100 kB takes longer")
    parser.add_argument("--markdown", type=Path, help="write the BENCHMARKS.md section here")
    parser.add_argument("--json", type=Path, help="write the raw figures here")
    args = parser.parse_args()
    families = [f for f in FAMILIES if not args.only or any(w.lower() in f.name.lower() for w in args.only)]
    print(md_table(HEADERS, [], "llrrrr"), flush=True)
    failed = []
    for family in families:
        measure(family, args.repeats, args.budget)
        print(md_table(HEADERS, [row(family)], "llrrrr").split("\n")[-1], flush=True)
        slope = exponent(family.lengths, family.seconds)
        if args.max_exponent is not None and slope is not None and slope > args.max_exponent:
            failed.append(f"{family.name}: exponent {slope:.2f} > {args.max_exponent}")
        if args.max_small_seconds is not None and small_worst(family) > args.max_small_seconds:
            failed.append(f"{family.name}: {small_worst(family):.2f} s under 100 kB > {args.max_small_seconds}")
    if args.markdown:
        args.markdown.write_text(markdown(families, args), encoding="utf-8")
    if args.json:
        data = {
            "machine": machine(),
            "revision": revision(),
            "repeats": args.repeats,
            "families": [
                {
                    "name": f.name,
                    "kind": f.kind,
                    "lengths": f.lengths,
                    "seconds": f.seconds,
                    "exponent": exponent(f.lengths, f.seconds),
                }
                for f in families
            ],
        }
        args.json.write_text(json.dumps(data, indent=1), encoding="utf-8")
    for line in failed:
        print("FAIL", line, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
