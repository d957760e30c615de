#!/usr/bin/env python3
"""Run cleaner and its peers on the same documents in one process, score them, print a markdown table.

    python benchmarks/compare.py html ../shared/bench [--rounds 3] [--json PATH] [--save-outputs DIR]
    python benchmarks/compare.py text ../shared/bench
    python benchmarks/compare.py ml-html ../shared/bench     # or ml-text: the multilingual set

Quality is the F1/precision/recall of ../shared/bench/score.py, the acceptance metric: 4-token
shingles against the true body on the English news set (html, text); on the multilingual set
(ml-html, ml-text: 467 pages, mostly German) the snippets each page must and must not contain,
counted over all snippets. The multilingual modes run the same peers as html and text.
Speed is timed the way ../shared/tools/bench.py times it: every tool goes once over all documents
per round, the rounds alternate between tools, and each tool's best round counts; the ratio is that
tool's seconds over cleaner's seconds in the same run (above 1: cleaner is faster). cleaner keeps a
memo of rule matches on short blocks across documents, so its later rounds over the same documents
are warmer than a real stream of new pages: its first round is reported as well (cleaner runs first
in every round, so its first round is also the first use of that memo). Each tool is called once on
a small warm-up page before timing, so one-time loading (rule files, lazy imports) is not timed:
a long-running pipeline pays it once. A call that raises counts as empty output and as a failure.
The network is blocked while tools run: an extractor that reaches for it fails instead of waiting.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

from corpus import MODES, Corpus, load_corpus, load_scorer, snippet_counts
from machine import REPO, machine, revision, versions
from tables import compare_table, machine_line, versions_line
from tools import Tool, tools_for

WARM_UP = {
    "html": b"<html><head><title>Warm-up</title></head><body><article><h1>Warm-up page</h1>"
    b"<p>This paragraph is here so that every tool loads what it loads lazily before the clock starts.</p>"
    b"<p>A second paragraph, with a few more words in it, makes the page look like an article.</p>"
    b"</article></body></html>",
    "text": "Warm-up page\n\nThis paragraph is here so that every tool loads what it loads lazily before the clock "
    "starts.\n\nA second paragraph, with a few more words in it, makes the text look like an article.\n",
}

METRICS = {
    "shingles": "4-token shingles against the true body, precision and recall averaged per page",
    "snippets": "snippets a page must contain (recall) and must not (precision), counted over all snippets",
}


@dataclass
class Runs:
    """One tool's rounds: the first round's outputs (scored), every round's seconds, and what went wrong."""

    tool: Tool
    outputs: dict[str, str] = field(default_factory=dict)
    seconds: list[float] = field(default_factory=list)
    failures: int = 0
    unstable: set[str] = field(default_factory=set)


def block_network() -> None:
    """Make every socket connection fail at once: the comparison is of offline extraction only."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network blocked by benchmarks/compare.py")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]


def warm_up(tools: list[Tool], kind: str) -> None:
    """One untimed call per tool on a page outside the corpus (its result and any error are ignored)."""
    for tool in tools:
        try:
            tool.extract(WARM_UP[kind], None)
        except Exception as exc:  # a peer may reject a tiny page; only the loading matters here
            print(f"warm-up: {tool.name} raised {type(exc).__name__}: {exc}", file=sys.stderr)


def run_once(tool: Tool, corpus: Corpus) -> tuple[dict[str, str], float, int]:
    """One timed pass over all documents; an exception is an empty output and a failure (first 3 shown)."""
    outputs: dict[str, str] = {}
    failures = 0
    start = time.perf_counter()
    for key, src in corpus.docs.items():
        try:
            outputs[key] = tool.extract(src, corpus.urls.get(key)) or ""
        except Exception as exc:
            failures += 1
            outputs[key] = ""
            if failures <= 3:
                print(f"{tool.name} failed on {key}: {type(exc).__name__}: {exc}", file=sys.stderr)
    return outputs, time.perf_counter() - start, failures


def run_rounds(tools: list[Tool], corpus: Corpus, rounds: int) -> list[Runs]:
    """Alternate the tools round by round, keep every round's time, and flag outputs that change between rounds."""
    runs = [Runs(tool) for tool in tools]
    for n in range(rounds):
        for run in runs:
            outputs, seconds, failures = run_once(run.tool, corpus)
            run.seconds.append(seconds)
            print(f"round {n + 1}/{rounds}: {run.tool.name}: {seconds:.2f} s", file=sys.stderr)
            if n == 0:
                run.outputs, run.failures = outputs, failures
            else:
                run.unstable |= {key for key, text in outputs.items() if text != run.outputs[key]}
    return runs


def row(run: Runs, seconds: float, base: float, cold: float, corpus: Corpus, scorer: ModuleType) -> dict:
    """The figures of one tool at one timing (best round, or cleaner's first)."""
    summary = corpus.score(scorer, run.outputs)
    return {
        "tool": run.tool.name,
        "mode": corpus.mode,
        "variant": "best",
        "f1": summary["f1"],
        "precision": summary["precision"],
        "recall": summary["recall"],
        "docs_per_s": len(corpus.docs) / seconds,
        "mb_per_s": corpus.input_bytes / 1e6 / seconds,
        "seconds": seconds,
        "round_seconds": run.seconds,
        "ratio": seconds / base,
        "ratio_cold": seconds / cold,
        "failures": run.failures,
        "unstable_docs": len(run.unstable),
        "package": run.tool.package,
        "call": run.tool.call,
    }


def summarise(runs: list[Runs], corpus: Corpus, scorer: ModuleType) -> list[dict]:
    """Every tool at its best round; with two rounds or more, cleaner's first (cold) round after its best."""
    cleaner = next(run for run in runs if run.tool.name == "cleaner")
    base, cold = min(cleaner.seconds), cleaner.seconds[0]
    rows = []
    for run in runs:
        rows.append(row(run, min(run.seconds), base, cold, corpus, scorer))
        if run is cleaner and len(run.seconds) > 1:
            rows.append(row(run, cold, base, cold, corpus, scorer) | {"variant": "cold"})
    return rows


def results(mode: str, data: Path, rounds: int) -> tuple[dict, list[Runs]]:
    """Load, warm up, run and score one mode; the dict is what --json saves and the tables are built from."""
    scorer = load_scorer(data)
    corpus = load_corpus(mode, data)
    tools = tools_for(mode)
    block_network()
    warm_up(tools, corpus.kind)
    runs = run_rounds(tools, corpus, rounds)
    pkg_versions = versions([t.package for t in tools])
    rows = summarise(runs, corpus, scorer)
    for r in rows:
        r["version"] = pkg_versions.get(r["package"], "")
    meta = {
        "mode": mode,
        "metric": corpus.metric,
        "rounds": rounds,
        "docs": len(corpus.docs),
        "input_mb": corpus.input_bytes / 1e6,
        "data": os.path.relpath(data.resolve(), REPO),  # as typed from the repository root, not this machine's path
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": pkg_versions,
        "cleaner_revision": revision(),
    }
    if corpus.metric == "snippets":
        meta["snippets"] = snippet_counts(corpus.truth)
    return meta | {"results": rows}, runs


def save_outputs(runs: list[Runs], folder: Path) -> None:
    """Each tool's first-round outputs in the scorer's prediction format, for a look at what it kept."""
    folder.mkdir(parents=True, exist_ok=True)
    for run in runs:
        name = re.sub(r"[^a-z0-9]+", "-", run.tool.name.lower()).strip("-")
        pred = {key: {"articleBody": text} for key, text in run.outputs.items()}
        (folder / f"{name}.json").write_text(json.dumps(pred, ensure_ascii=False, indent=0), encoding="utf-8")


def notes(res: dict) -> str:
    """What the reader must know to read the table; printed under it."""
    unstable = [f"{r['tool']} ({r['unstable_docs']})" for r in res["results"] if r["unstable_docs"]]
    lines = [
        f"quality: {METRICS[res.get('metric', 'shingles')]}",
        f"{res['docs']} documents, {res['input_mb']:.1f} MB of {res['mode']} input, {res['rounds']} rounds; "
        "seconds = best round; ratio = tool seconds / cleaner seconds in this run (above 1: cleaner is faster).",
        "cleaner memoises rule matches of short blocks across documents: its best round re-reads documents it "
        "has seen, its round 1 (cold memo) is closer to a stream of new pages.",
        f"machine: {machine_line(res['machine'])}",
        f"versions: {versions_line(res['versions'])}",
    ]
    if unstable:
        lines.append("outputs that changed between rounds (documents): " + ", ".join(unstable))
    return "\n".join(f"- {line}" for line in lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "mode", choices=MODES, help="html: raw page bytes; text: the same pages as scraped text; ml-: multilingual set"
    )
    parser.add_argument("data", type=Path, help="the benchmark folder holding score.py, scrapinghub/, multilingual/")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes per tool, alternating (default 3)")
    parser.add_argument("--json", type=Path, help="save the raw results here (read by chart.py and report.py)")
    parser.add_argument("--save-outputs", type=Path, metavar="DIR", help="save each tool's outputs as JSON here")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    res, runs = results(args.mode, args.data, args.rounds)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.save_outputs:
        save_outputs(runs, args.save_outputs)
    print(compare_table(res))
    print()
    print(notes(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
