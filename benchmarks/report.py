#!/usr/bin/env python3
"""Write BENCHMARKS.md from the saved results, so the page is regenerated, never edited by hand.

    python benchmarks/report.py [--results benchmarks/results] [-o BENCHMARKS.md]

Reads html.json, text.json, ml-html.json and ml-text.json (compare.py --json), startup.json
(startup.py --json), metadata.json (metadata.py --json), duplicates.json (duplicates.py --json),
and the sections scaling.py, engines.py,
warc.py and markdown.py wrote with --markdown (scaling.md, engines.md, warc.md, markdown.md); a
missing file leaves its
section saying how to make it. Every number on the page comes from those files,
including the ones in the sentences, so a rerun after speed work cannot leave stale prose behind.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from copies_report import section as duplicates_table
from machine import REPO
from metadata import table as metadata_table
from startup import startup_table, verdict
from tables import compare_table, machine_line, md_table

HERE = Path(__file__).resolve().parent

COMMANDS = """\
```sh
pip install -U pip && pip install -e ".[bench]"   # the peers; pip 23 cannot resolve this extra
python benchmarks/compare.py html ../shared/bench --json benchmarks/results/html.json
python benchmarks/compare.py text ../shared/bench --json benchmarks/results/text.json
python benchmarks/compare.py ml-html ../shared/bench --json benchmarks/results/ml-html.json
python benchmarks/compare.py ml-text ../shared/bench --json benchmarks/results/ml-text.json
python benchmarks/startup.py --json benchmarks/results/startup.json
python benchmarks/metadata.py ../shared/bench --json benchmarks/results/metadata.json
python benchmarks/scaling.py --markdown benchmarks/results/scaling.md --max-exponent 1.2
python benchmarks/engines.py ../shared/bench --markdown benchmarks/results/engines.md
python benchmarks/warc.py ../shared/bench --markdown benchmarks/results/warc.md
python benchmarks/markdown.py ../shared/bench --markdown benchmarks/results/markdown.md
python benchmarks/duplicates.py ../shared/bench --json benchmarks/results/duplicates.json
python benchmarks/chart.py      # benchmarks/quality-vs-speed.png from html.json and text.json
python benchmarks/report.py     # this page, from the results files
```

`sh benchmarks/run_all.sh ../shared/bench` runs them in turn. `../shared/bench` is the dev
benchmark beside the checkout (181 news pages from the scrapinghub article-extraction benchmark as
raw HTML and as scraped text, their true article bodies, and `score.py`; and `multilingual/`, 467
pages with labelled snippets, as raw HTML and as scraped text); it is not part of the repository."""

PEERS = {
    "trafilatura": "the extractor cleaner itself builds on, called as the acceptance tool calls it",
    "trafilatura (favor_precision)": "the same, with its documented switch for less boilerplate",
    "readability-lxml": "Python port of Arc90's Readability (the ancestor of Firefox Reader View); its HTML "
    "output is turned into one line per block",
    "jusText": "paragraph classifier by length, link density and stopwords (English stoplist)",
    "jusText (all stoplists)": "jusText on the multilingual set, with the union of all its languages' stoplists, "
    "as trafilatura's jusText fallback uses for a page of unknown language (the English list alone keeps little "
    "German prose)",
    "resiliparse": "fast Cython/C++ HTML-to-text with a main-content heuristic (ChatNoir web-archive toolkit)",
    "newspaper4k": "news-article parser; given the HTML: no download, no image fetching, no NLP; the page's "
    "language as detected, English where that language's tokenizer is an extra not installed",
    "C4 line filter (datatrove)": "the line rules of the C4 dataset's cleaning as datatrove implements them "
    "(lines without terminal punctuation or under 3 words, 'javascript' and policy lines, citation marks); "
    "the document itself is never dropped",
    "jusText (lines as paragraphs)": "jusText's classifier on text: every non-empty line becomes a paragraph of a "
    "minimal page",
    "jusText (lines as paragraphs, all stoplists)": "jusText over the lines on the multilingual set, with "
    "every language's stoplist",
    "exact-duplicate lines removed": "a line seen before in the same document is dropped (blank lines stay)",
    "nothing (input as is)": "the scraped text unchanged: the floor every text cleaner must beat",
}


def load(folder: Path, name: str) -> dict | None:
    """One results file, or None when it has not been made yet."""
    path = folder / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def pick(res: dict, tool: str, variant: str = "best") -> dict:
    return next(r for r in res["results"] if r["tool"] == tool and r["variant"] == variant)


def speed_phrase(ratio: float, peer: str, me: str = "cleaner") -> str:
    """A ratio (peer seconds / cleaner seconds) in words that say who is faster; within 5% it is a tie."""
    if 0.95 <= ratio <= 1.05:
        return f"{me} and {peer} are about as fast (ratio {ratio:.2f})"
    if ratio >= 1:
        return f"{me} is {ratio:.2f}× as fast as {peer}"
    return f"{peer} is {1 / ratio:.2f}× as fast as {me}"


def mode_section(res: dict | None, title: str, mode: str, peer: str, level: str = "##") -> str:
    """A mode's heading, a sentence with its headline figures, the table and the run's details."""
    if res is None:
        run = f"python benchmarks/compare.py {mode} ../shared/bench --json benchmarks/results/{mode}.json"
        return f"{level} {title}\n\nNo results yet: run `{run}`."
    me, other = pick(res, "cleaner"), pick(res, peer)
    cold = next((r for r in res["results"] if r["variant"] == "cold"), me)
    lead = (
        f"{res['docs']} pages, {res['input_mb']:.1f} MB of input, best of {res['rounds']} rounds. cleaner: F1 "
        f"{me['f1']:.3f} (precision {me['precision']:.3f}, recall {me['recall']:.3f}) against {peer}'s "
        f"{other['f1']:.3f}. Speed, best rounds: {speed_phrase(other['ratio'], peer)}; against cleaner's cold "
        f"first round: {speed_phrase(other['ratio_cold'], peer)}."
    )
    rev = res["cleaner_revision"]
    detail = (
        f"Measured {res['created']} on cleaner {rev['commit']}{' with uncommitted changes' if rev['dirty'] else ''}; "
        f"cleaner's first round took {cold['seconds']:.2f} s and its best {me['seconds']:.2f} s."
    )
    return f"{level} {title}\n\n{lead}\n\n{compare_table(res)}\n\n{detail}"


def snippets_phrase(res: dict | None) -> str:
    """How many snippets the scores count, from the results file (older files lack the counts)."""
    counts = (res or {}).get("snippets")
    if not counts:
        return ""
    return f" The {res['docs']} pages hold {counts['with']:,} must snippets and {counts['without']:,} must-not ones."


def multilingual_section(ml_html: dict | None, ml_text: dict | None) -> str:
    """What the second set is and how it is scored, then its two tables, with the same peers as above."""
    pages = (ml_html or ml_text or {}).get("docs", "")
    intro = (
        "## The multilingual set: blogs, shops, forums, public bodies, news\n\n"
        f"The {pages} pages of `multilingual/` (the evaluation pages and labels of the trafilatura project, a subset "
        "by site): blogs, news, shops, forums, public bodies and company sites, mostly German (332 German, 72 "
        "English, the rest Spanish, French, Polish and a few other languages, as its `SOURCE.md` counts them), as "
        "raw HTML and as the scraped text "
        "of the same pages. Each page is labelled with a few snippets its main text must contain and a few it must "
        "not (navigation, footers, comments, ads); a snippet counts when it is found verbatim, whitespace folded. "
        "Recall is the share of must snippets found, precision the share of must snippets among all snippets "
        "found, both counted over the snippets of all pages together (micro-averaged, so a page with many "
        "snippets weighs more): the figures are not comparable with the shingle F1 of the English tables, only "
        "across the tools of one table." + snippets_phrase(ml_html or ml_text) + " The peers are those of the "
        "English tables; jusText is given all its languages' stoplists here."
    )
    html_part = mode_section(ml_html, "Multilingual HTML input: raw page bytes", "ml-html", "trafilatura", "###")
    text_title = "Multilingual scraped-text input: the same pages as text"
    text_part = mode_section(ml_text, text_title, "ml-text", "C4 line filter (datatrove)", "###")
    return f"{intro}\n\n{html_part}\n\n{text_part}"


def startup_section(res: dict | None) -> str:
    """The start-up table and whether `cleaner < seed` is under its target."""
    if res is None:
        return (
            "## Start-up\n\nNo results yet: run `python benchmarks/startup.py --json benchmarks/results/startup.json`."
        )
    _, line = verdict(res)
    return (
        "## Start-up: one page per process\n\n"
        "A shell pipeline starts cleaner once per page, so its imports and rule loading count; the tables above "
        f"leave them out. Wall time of each command as a new process, {res['runs']} runs each, round-robin "
        "(`output bytes` shows that the command did the work).\n\n"
        f"{startup_table(res)}\n\nTarget: {line}."
    )


def machine_section(results: list[dict]) -> str:
    """The machine and every package version met in the results files."""
    if not results:
        return "## Machine and versions\n\nNo results yet."
    found: dict[str, str] = {}
    for res in results:
        found |= res["versions"]
    rows = [[name, v] for name, v in sorted(found.items())]
    table = md_table(["package", "version"], rows, align="ll")
    return f"## Machine and versions\n\n{machine_line(results[0]['machine'])}\n\n{table}"


def peers_section(results: list[dict]) -> str:
    """What each contestant is and exactly how it is called."""
    seen: dict[str, str] = {}
    for res in results:
        for r in res["results"]:
            if r["tool"] != "cleaner":
                seen.setdefault(r["tool"], r["call"])
    rows = [[name, PEERS.get(name, ""), f"`{call}`"] for name, call in seen.items()]
    return md_table(["peer", "what it is", "call"], rows, align="lll")


HOW_TO_READ = """\
## How to read this

- **Quality** on the English set is the shingle metric of `score.py`: the bag of 4-token shingles
  of a tool's output against the true article body, precision and recall averaged per page, F1
  from the two means; on the multilingual set it is the snippet metric described with its tables.
  Precision falls when chrome is kept (menus, teasers, captions, footers); recall falls when
  article text is lost. A failure (an exception) is scored as empty output and counted.
- **Speed** is one process on one core, every tool over the same documents in the same run, the
  tools alternating round by round; each tool's best round counts. **Ratio = tool seconds /
  cleaner seconds** in the same run: above 1, cleaner is faster; below 1, the peer is faster.
  MB/s counts input bytes (raw HTML, or the scraped text as UTF-8), so the two modes' MB/s are not
  the same pages' speed: {size_note}
- **Cold and warm.** cleaner remembers which rules matched short blocks (labels like "Share this
  article" recur across pages of a site). Rounds after the first re-read the same pages, so
  the memo is warmer than on a stream of new pages: the row *round 1 (cold memo)* is the honest
  figure for a crawl, the best round is the comparable one for peers that keep no such memo (their
  best round mostly removes timer noise). cleaner runs first in each round, so its round 1 is
  also the memo's first use. Every tool is called once on a small warm-up page before the clock
  starts, so one-time loading (rule files, lazy imports) is left out; the start-up table measures it.
- **Same process.** cleaner extracts HTML with trafilatura, so in the HTML run both share
  trafilatura's memoised helpers (`functools.lru_cache` on its text functions); the peers running
  between cleaner's rounds can warm them for it, and the other way round. cleaner's round 1 runs
  before any peer, so it is not helped. The text run has no such overlap.
- **Peers** are called with their documented defaults for this job, with no network (the
  benchmark blocks sockets); bytes go to the tools that decode HTML themselves (cleaner,
  trafilatura, jusText), the others get the page decoded by resiliparse's charset detection,
  the same for all of them. The table below says what each is and how it is called.
- **What the numbers do not say.** 181 news pages from 2019, nine in ten of them in English,
  are one kind of page; the multilingual set (forums, shops, public bodies, mostly German) is
  another, scored by another metric, and neither stands for the whole web.
  Timings move by a few per cent between runs on a shared machine; ratios within about 5% of 1
  are a tie. The two text baselines (duplicate lines, nothing) cost next to nothing: their speed
  only places them on the chart.

{peers}
"""


def size_note(html: dict | None, text: dict | None) -> str:
    """How much bigger the HTML input is than the text of the same pages."""
    if not (html and text):
        return "the raw HTML of a page is many times the bytes of its text."
    return f"here the raw HTML is {html['input_mb'] / text['input_mb']:.0f} times the bytes of the scraped text."


def markdown_section(folder: Path, name: str, title: str, command: str) -> str:
    """A section a script wrote with --markdown (scaling.md, engines.md, warc.md, markdown.md), as it wrote it."""
    path = folder / name
    if not path.exists():
        return f"## {title}\n\nNo results yet: run `{command} --markdown benchmarks/results/{name}`."
    return path.read_text(encoding="utf-8")


def metadata_section(res: dict | None) -> str:
    if res is None:
        return (
            "## Metadata\n\nNo results yet: run `python benchmarks/metadata.py ../shared/bench --json "
            "benchmarks/results/metadata.json`."
        )
    return (
        "## Metadata: title, author, date on the multilingual set (`benchmarks/metadata.py`)\n\n"
        f"The {res['pages']} pages of `multilingual/html`, against their labels, each score over the pages "
        "that carry the label: the title once case, spacing, dashes and quotes are folded; at least one author "
        "right; no author named where the label has none; the date's day (none where the label has none). "
        "trafilatura is its full `extract_metadata`.\n\n" + metadata_table(res["scores"])
    )


def duplicates_section(res: dict | None) -> str:
    if res is None:
        return (
            "## Copies of one story across a crawl\n\nNo results yet: run `python benchmarks/duplicates.py "
            "../shared/bench --json benchmarks/results/duplicates.json`."
        )
    return duplicates_table(res)


def page(folder: Path) -> str:
    """The whole BENCHMARKS.md."""
    html, text, start = load(folder, "html.json"), load(folder, "text.json"), load(folder, "startup.json")
    ml_html, ml_text = load(folder, "ml-html.json"), load(folder, "ml-text.json")
    found = [r for r in (html, text, ml_html, ml_text, start) if r]
    chart = "![F1 against MB/s, one point per tool and mode](benchmarks/quality-vs-speed.png)"
    parts = [
        "# Benchmarks\n\ncleaner beside its peers on the same pages, in the same run, on the same machine: "
        "quality against a reference, throughput, and the start-up cost of one page per process. Generated by "
        "`benchmarks/report.py` from `benchmarks/results/*.json`; do not edit by hand.",
        f"## Reproduce\n\n{COMMANDS}",
        machine_section(found),
        mode_section(html, "HTML input: raw page bytes", "html", "trafilatura"),
        mode_section(text, "Scraped-text input: the same pages as text", "text", "C4 line filter (datatrove)"),
        multilingual_section(ml_html, ml_text),
        f"## Quality against speed\n\n{chart}\n\nThe English news set only. Circles: HTML input; squares: scraped "
        "text; the hollow marker joined to cleaner is its first (cold-memo) round.",
        startup_section(start),
        metadata_section(load(folder, "metadata.json")),
        markdown_section(folder, "scaling.md", "Growth with the input", "python benchmarks/scaling.py"),
        markdown_section(
            folder, "engines.md", "Engines: datatrove and Spark", "python benchmarks/engines.py ../shared/bench"
        ),
        markdown_section(folder, "warc.md", "WARC against JSON Lines", "python benchmarks/warc.py ../shared/bench"),
        markdown_section(folder, "markdown.md", "Markdown", "python benchmarks/markdown.py ../shared/bench"),
        duplicates_section(load(folder, "duplicates.json")),
        HOW_TO_READ.format(
            peers=peers_section([r for r in (html, text, ml_html, ml_text) if r]), size_note=size_note(html, text)
        ),
    ]
    return "\n\n".join(part.strip() for part in parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", type=Path, default=HERE / "results", help="folder of the JSON results")
    parser.add_argument("-o", "--output", type=Path, default=REPO / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    args.output.write_text(page(args.results), encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
