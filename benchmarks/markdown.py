#!/usr/bin/env python3
"""Markdown from cleaner: read back, scored, its structure counted against the page's, beside trafilatura's.

    python benchmarks/markdown.py ../shared/bench [--rounds 2] [--json PATH] [--markdown PATH]

For every page of the news set and of the multilingual set, as HTML and as scraped text:
- the Markdown (`Document.to_markdown(title=False)`) is read back with markdown-it-py (CommonMark
  with pipe tables) and must give exactly the words of `Document.text`: the pages where it does not
  are counted (the acceptance wants none);
- (HTML) its structure is counted against the page's own: of the page's headings (`<h1>`-`<h6>`), list
  items (`<li>`) and tables whose text cleaner kept as a block (or a block's line), how many come
  out as a Markdown heading of the same level, a list item, a pipe table.
On the news set, cleaner's Markdown and trafilatura's (`extract(output_format="markdown")`) are each
read back to text and scored against the true article bodies, and timed, round-robin, best round.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.markdown_read: the one reader

from corpus import load_corpus, load_scorer
from machine import machine, revision, versions
from tables import machine_line, md_table, num

import cleaner
from cleaner.document import fold
from cleaner.extract import parse
from cleaner.visible import SPACES, visible_text
from tests.markdown_read import _PARSER, RAW_HTML, shown_text, words

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _folded(element) -> str:
    return fold(SPACES.sub(" ", visible_text(element)).strip())


def _markdown_parts(markdown: str) -> tuple[set[tuple[str, str]], set[str], list[set[str]]]:
    """The Markdown's headings (tag, folded text), list items' folded texts, and each table's cells."""
    headings, items, tables = set(), set(), []
    tokens = _PARSER.parse(markdown)
    for at, token in enumerate(tokens):
        if token.type == "heading_open":
            headings.add((token.tag, fold(shown_text(tokens[at + 1].content))))
        elif token.type == "list_item_open" and tokens[at + 2].type == "inline":
            items.add(fold(shown_text(tokens[at + 2].content)))
        elif token.type == "table_open":
            cells = set()
            for inner in tokens[at:]:
                if inner.type == "table_close":
                    break
                if inner.type == "inline":
                    cells.add(fold(shown_text(inner.content)))
            tables.append(cells)
    return headings, items, tables


def structure_counts(page: bytes | str, doc: cleaner.Document, markdown: str) -> Counter[str]:
    """Of the page's headings, list items and tables that cleaner kept, how many Markdown shows as such."""
    counts: Counter[str] = Counter()
    tree = parse(page.decode("utf-8", "replace") if isinstance(page, bytes) else page)
    blocks = {fold(block) for block in doc.text.split("\n\n")}
    lines = {fold(line) for block in doc.text.split("\n\n") for line in block.split("\n")}
    headings, items, tables = _markdown_parts(markdown)
    for element in tree.iter(*HEADINGS):
        text = _folded(element)
        if text and text in blocks:
            counts["headings kept"] += 1
            counts["as headings"] += any(shown == text for _, shown in headings)
            counts["same level"] += (element.tag, text) in headings
    heading_texts = {text for _, text in headings}  # a table of contents' entry is a heading's text, not an item
    for element in tree.iter("li"):
        if element.find(".//li") is None and (text := _folded(element)) in lines and text not in heading_texts:
            counts["list items kept"] += 1
            counts["as list items"] += text in items
    for element in tree.iter("table"):
        cells = [_folded(cell) for cell in element.iter("td", "th")]
        cells = [cell for cell in cells if cell]
        if len(element.findall(".//tr")) >= 2 and cells and all(cell in doc.text or cell in lines for cell in cells):
            counts["tables kept"] += 1
            counts["as tables"] += any(set(cells) <= table for table in tables)
    return counts


def check_set(mode: str, data: Path) -> dict:
    """Read-back mismatches and structure counts on one set."""
    corpus = load_corpus(mode, data)
    mismatched, counts = [], Counter()
    for key, page in corpus.docs.items():
        doc = cleaner.clean(page, url=corpus.urls.get(key))
        markdown = doc.to_markdown(title=False)
        shown = shown_text(markdown)
        if words(shown) != words(doc.text) or RAW_HTML in shown:
            mismatched.append(key)
        if corpus.kind == "html":
            counts += structure_counts(page, doc, markdown)
    return {"pages": len(corpus.docs), "mismatched": mismatched, "structure": dict(counts)}


def _cleaner_markdown(page: bytes | str, url: str | None) -> str:
    return cleaner.clean(page, url=url).to_markdown()


def _trafilatura_markdown(page: bytes | str, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(page, output_format="markdown", include_comments=False, include_tables=True) or ""


def compare_news(data: Path, rounds: int) -> dict:
    """cleaner's Markdown and trafilatura's, read back and scored against the news set's article bodies."""
    corpus, scorer = load_corpus("html", data), load_scorer(data)
    tools = {"cleaner": _cleaner_markdown, "trafilatura": _trafilatura_markdown}
    seconds: dict[str, list[float]] = {name: [] for name in tools}
    outputs: dict[str, dict[str, str]] = {}
    for _ in range(rounds):
        for name, tool in tools.items():
            start = time.perf_counter()
            outputs[name] = {key: tool(page, corpus.urls.get(key)) for key, page in corpus.docs.items()}
            seconds[name].append(time.perf_counter() - start)
    results = {}
    for name in tools:
        shown = {key: shown_text(markdown) for key, markdown in outputs[name].items()}
        score = corpus.score(scorer, shown)
        best = min(seconds[name])
        results[name] = {"f1": score["f1"], "precision": score["precision"], "recall": score["recall"]}
        results[name] |= {"seconds": best, "docs_per_s": len(corpus.docs) / best}
    return results


def report(checks: dict, news: dict, rounds: int) -> str:
    rows = []
    for mode, check in checks.items():
        c = check["structure"]
        counted = [
            f"{c.get('as headings', 0)} / {c.get('headings kept', 0)} ({c.get('same level', 0)} same level)",
            f"{c.get('as list items', 0)} / {c.get('list items kept', 0)}",
            f"{c.get('as tables', 0)} / {c.get('tables kept', 0)}",
        ]
        rows.append([mode, check["pages"], len(check["mismatched"]), *(counted if c else ["–"] * 3)])
    peers = [
        [name, f"{r['f1']:.3f}", f"{r['precision']:.3f}", f"{r['recall']:.3f}", num(r["docs_per_s"])]
        for name, r in news.items()
    ]
    ratio = news["trafilatura"]["seconds"] / news["cleaner"]["seconds"]
    commit = revision()
    where = f"revision {commit['commit']}{' (uncommitted changes)' if commit['dirty'] else ''}"
    return (
        "## Markdown (`benchmarks/markdown.py`)\n\n"
        "Read back with markdown-it-py (CommonMark, pipe tables). *Read-back mismatches*: pages whose Markdown "
        "does not give exactly the words of `Document.text`. The structure columns (HTML only) count the page's "
        "own headings, list items and tables whose text cleaner kept, and how many the Markdown shows as such.\n\n"
        + md_table(["set", "pages", "read-back mismatches", "headings", "list items", "tables"], rows)
        + f"\n\nNews set, each tool's Markdown read back to text and scored against the article bodies "
        f"(4-token shingles), best of {rounds} rounds; trafilatura's seconds over cleaner's: {num(ratio)}.\n\n"
        + md_table(["Markdown from", "F1", "precision", "recall", "docs/s"], peers)
        + f"\n\n{machine_line(machine())}; {where}; "
        + ", ".join(f"{k} {v}" for k, v in versions(["trafilatura", "markdown-it-py"]).items())
        + ".\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the shared bench folder (holds scrapinghub/ and multilingual/)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--markdown", type=Path, help="write the report here too")
    args = parser.parse_args()
    checks = {mode: check_set(mode, args.data) for mode in ("html", "ml-html", "text", "ml-text")}
    news = compare_news(args.data, args.rounds)
    text = report(checks, news, args.rounds)
    print(text)
    if args.json:
        args.json.write_text(json.dumps({"checks": checks, "news": news}, indent=1), encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    return 1 if any(check["mismatched"] for check in checks.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
