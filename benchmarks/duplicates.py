#!/usr/bin/env python3
"""Copies of one story across a crawl: precision and recall of `cleaner.copies` by copy kind, its cost, its memory.

    python benchmarks/duplicates.py ../shared/bench [--rounds 2] [--sizes 1000 10000 100000 1000000]
        [--json benchmarks/results/duplicates.json]

The news and multilingual sets' pages, with a republished and an edited copy of each made by
`copies_corpus.py` (read its docstring), go through `cleaner.clean`, then `cleaner.copies`:
`signature(doc.text)` and `CopyIndex.check(id, sig)`, in stream order (every original first, then
the copies shuffled), one stream for the HTML form and one for the scraped text. A flagged pair
(a document and the earlier one `check` names) is right when both carry the same story.

- **Recall** of a copy kind: its copies flagged as a copy of their story. **Precision**: its
  flagged copies whose pair is right. **Look-alikes**: pairs of documents from the same site
  that carry different stories (the other pages of a site, and each copy beside its donor page):
  how many were flagged, and the precision of all flags counting those as the wrong ones.
- **Thresholds**: the same signatures through indexes with other `threshold` / `min_jaccard`.
- **Cost**: each round cleans every document and computes its signature and check, the two
  timed apart on the same document: docs/s without detection (cleaning alone), with it, and
  the ratio of the times (target: at most 1.10). Best round counted.
- **The stream**: `cleaner --jsonl --jobs 2` with and without `--near-duplicates` on the same
  records (new processes, taking turns, best round); and detection's share of one stream's own
  time, measured inside the run (`copies_stream.py`): the issue's own figure, at most 1.10.
- **Memory**: `copies_scale.py`, synthetic signatures, a new process per size.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from copies_corpus import FORMS, Doc, make_corpus, shingles
from copies_report import section
from copies_scale import measure
from copies_stream import detection_share
from machine import machine, revision, versions

import cleaner
from cleaner import copies

HERE = Path(__file__).resolve().parent
KINDS = ("republished", "edited")
HELD = 0.8  # a document "holds its article" when its clean text has this share of the article's shingles
GRID = [(t, j) for j in (0.2, 0.3) for t in (0.5, 0.6, 0.7, 0.8)]


def clean_and_sign(docs: list[Doc], rounds: int) -> tuple[dict[str, copies.Signature], dict[str, bool], dict]:
    """Every document cleaned, signed and checked, `rounds` times; the signatures, whether each
    clean text holds its story's article (so that a miss of cleaning is told from a miss of
    detection), and the best round's seconds of cleaning and of detection, measured apart per doc."""
    timings = []
    sigs: dict[str, copies.Signature] = {}
    held: dict[str, bool] = {}
    for n in range(rounds):
        index = copies.CopyIndex()
        clean_s = detect_s = 0.0
        for doc in docs:
            started = time.perf_counter()
            text = cleaner.clean(doc.source, url=doc.url).text
            cleaned = time.perf_counter()
            sig = copies.signature(text)
            index.check(doc.id, sig)
            detect_s += time.perf_counter() - cleaned
            clean_s += cleaned - started
            sigs[doc.id] = sig
            if n == 0:
                article = shingles(doc.article)
                held[doc.id] = len(shingles(text) & article) >= HELD * len(article)
        timings.append({"clean_s": clean_s, "detect_s": detect_s})
        print(f"round {n + 1}: cleaning {clean_s:.1f} s, detection {detect_s:.2f} s", file=sys.stderr)
    best = min(timings, key=lambda t: t["clean_s"] + t["detect_s"])
    return sigs, held, {"docs": len(docs), "rounds": timings, "best": best}


def stream_cost(docs: list[Doc], rounds: int, jobs: int) -> dict:
    """`cleaner --jsonl --jobs N` on the documents with and without `--near-duplicates`, as new
    processes taking turns, best round each: the stream's own time ratio."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "docs.jsonl"
        with path.open("w", encoding="utf-8") as out:
            out.writelines(json.dumps(record) + "\n" for record in _records(docs))
        command = [sys.executable, "-m", "cleaner.cli", "--jsonl", "--jobs", str(jobs), str(path)]
        times: dict[str, list[float]] = {"plain": [], "near": []}
        for _ in range(rounds):
            for name, extra in (("plain", []), ("near", ["--near-duplicates"])):
                started = time.perf_counter()
                done = subprocess.run([*command, *extra], capture_output=True, check=False)
                times[name].append(time.perf_counter() - started)
                if done.returncode not in (0, 1):
                    raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()[-500:]}")
    best = {name: min(values) for name, values in times.items()}
    print(f"stream: {best}", file=sys.stderr)
    return {"jobs": jobs, "docs": len(docs), "seconds": times, "best": best, "ratio": best["near"] / best["plain"]}


def _records(docs: list[Doc]) -> list[dict]:
    """The documents as a stream's records: id, url and the page in its form's field."""
    return [{"id": doc.id, "url": doc.url, doc.form: _text_of(doc.source)} for doc in docs]


def _text_of(source: bytes | str) -> str:
    return source.decode("utf-8", "replace") if isinstance(source, bytes) else source


def flags(docs: list[Doc], sigs: dict[str, copies.Signature], **settings: float) -> dict[str, copies.Match]:
    """The stream's answers: for each document flagged, what `check` named."""
    index = copies.CopyIndex(**settings)
    found = {}
    for doc in docs:
        match = index.check(doc.id, sigs[doc.id])
        if match is not None:
            found[doc.id] = match
    return found


def score(docs: list[Doc], found: dict[str, copies.Match], held: dict[str, bool]) -> dict:
    """Recall and precision by copy kind; flags of originals; same-site look-alike pairs and flags.
    `recall_held`: recall over the copies whose clean text, and their original's, hold the article
    (detection's own share of the misses; the rest are cleaning's)."""
    by_id = {doc.id: doc for doc in docs}
    originals = {d.story: d.id for d in docs if d.kind == "original"}
    out: dict[str, dict] = {}
    for kind in ("original", *KINDS):
        mine = [d for d in docs if d.kind == kind]
        flagged = [d for d in mine if d.id in found]
        right = [d for d in flagged if by_id[found[d.id].duplicate_of].story == d.story]
        whole = [d for d in mine if held[d.id] and held[originals[d.story]]]
        out[kind] = {
            "held": len(whole),
            "recall_held": sum(d in right for d in whole) / len(whole) if whole and kind != "original" else None,
            "docs": len(mine),
            "flagged": len(flagged),
            "right": len(right),
            "recall": len(right) / len(mine) if kind != "original" else None,
            "precision": len(right) / len(flagged) if flagged else None,
            "methods": dict(Counter(found[d.id].method for d in flagged)),
        }
    pairs = [(d, by_id[found[d.id].duplicate_of]) for d in docs if d.id in found]
    wrong = [(a, b) for a, b in pairs if a.story != b.story]
    same_site = [(a, b) for a, b in wrong if a.site and a.site == b.site]
    right_all = sum(out[k]["right"] for k in KINDS)
    out["lookalikes"] = {
        "pairs": lookalike_pairs(docs),
        "flagged": len(same_site),
        "precision": right_all / (right_all + len(same_site)) if right_all + len(same_site) else None,
        "flagged_held": sum(held[a.id] and held[b.id] for a, b in same_site),
        "examples": [[a.id, b.id] for a, b in same_site[:5]],
    }
    out["all"] = {
        "flagged": len(found),
        "wrong": len(wrong),
        "precision": (len(found) - len(wrong)) / len(found) if found else None,
        "wrong_examples": [[a.id, b.id] for a, b in wrong[:10]],
    }
    return out


def lookalike_pairs(docs: list[Doc]) -> int:
    """Pairs of documents of one site carrying different stories (the ones a flag could confuse)."""
    by_site: dict[str, Counter] = defaultdict(Counter)
    for doc in docs:
        if doc.site:
            by_site[doc.site][doc.story] += 1
    total = 0
    for stories in by_site.values():
        n = sum(stories.values())
        total += (n * (n - 1) - sum(c * (c - 1) for c in stories.values())) // 2
    return total


def pair_figures(docs: list[Doc], sigs: dict[str, copies.Signature]) -> dict:
    """Each copy against its own original, flagged or not: quantiles of estimated Jaccard and
    containment (where a threshold would cut), and how many are too short to judge."""
    originals = {d.story: d for d in docs if d.kind == "original"}
    out = {}
    for kind in KINDS:
        jac, con, short = [], [], 0
        for doc in (d for d in docs if d.kind == kind):
            a, b = sigs[doc.id], sigs[originals[doc.story].id]
            if not (a.judged and b.judged):
                short += 1
                continue
            jac.append(copies.similarity(a, b))
            con.append(copies.containment(a, b))
        q = [5, 10, 25, 50]
        out[kind] = {
            "too_short": short,
            "jaccard": dict(zip(map(str, q), np.percentile(jac, q).round(3).tolist(), strict=True)) if jac else {},
            "containment": dict(zip(map(str, q), np.percentile(con, q).round(3).tolist(), strict=True)) if con else {},
        }
    return out


def grid(docs: list[Doc], sigs: dict[str, copies.Signature], held: dict[str, bool]) -> list[dict]:
    rows = []
    for threshold, min_jaccard in GRID:
        s = score(docs, flags(docs, sigs, threshold=threshold, min_jaccard=min_jaccard), held)
        rows.append({"threshold": threshold, "min_jaccard": min_jaccard, "score": s})
    return rows


def run(args: argparse.Namespace) -> dict:
    corpus = make_corpus(args.data, seed=args.seed)
    print(f"{corpus.pages} pages, {corpus.donors} donors", file=sys.stderr)
    forms = {}
    for form in FORMS:
        docs = corpus.docs[form]
        sigs, held, timing = clean_and_sign(docs, args.rounds)
        forms[form] = {
            "docs": len(docs),
            "timing": timing,
            "score": score(docs, flags(docs, sigs), held),
            "pairs": pair_figures(docs, sigs),
            "grid": grid(docs, sigs, held),
            "edits": dict(Counter(d.edit for d in docs if d.kind == "edited")),
            "stream": stream_cost(docs, args.rounds, args.jobs) if args.jobs else None,
            "stream_share": detection_share(_records(docs), args.rounds),
        }
    return {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "pages": corpus.pages,
        "donors": corpus.donors,
        "seed": args.seed,
        "defaults": {"threshold": copies.THRESHOLD, "min_jaccard": copies.MIN_JACCARD, "num_perm": copies.NUM_PERM},
        "defaults_more": {"shingle_words": copies.SHINGLE_WORDS, "min_shingles": copies.MIN_SHINGLES},
        "forms": forms,
        "scale": measure(args.sizes) if args.sizes else [],
        "machine": machine(),
        "versions": versions(["datasketch", "numpy", "trafilatura"]),
        "cleaner_revision": revision(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the shared bench folder (holds scrapinghub/ and multilingual/)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--jobs", type=int, default=2, help="the stream's --jobs (0: leave the stream out)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--json", type=Path, default=HERE / "results" / "duplicates.json")
    args = parser.parse_args()
    results = run(args)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print(section(results))  # report.py writes it into BENCHMARKS.md from the JSON
    return 0


if __name__ == "__main__":
    sys.exit(main())
