"""Title, author and date against the multilingual set's labels: cleaner beside trafilatura's full metadata.

    python benchmarks/metadata.py ../shared/bench [--json benchmarks/results/metadata.json] [--misses N]

The set (`multilingual/html/evaldata.json`) labels most pages with `title`, `author` and `date`; an
empty string says the page has none, a missing key that nobody looked. Scores, each over the pages
that carry the label:

- title: our title equals the label once both are folded (case, spacing, dashes and quotes);
- author: at least one of our authors is one of the label's (folded; a name that holds the other
  as whole words counts, so "Perry Bacon Jr." meets "Perry Bacon Jr");
- no author: on pages labelled with no author, we name none;
- date: our date's day (YYYY-MM-DD) is the label's, or we give none where the label says there is none.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

from tables import md_table

Meta = dict[str, object]  # title, authors (a list), date
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_QUOTES = dict.fromkeys(map(ord, "‘’‚‛′`´"), "'") | dict.fromkeys(map(ord, "“”„‟″«»"), '"')


def fold(text: str) -> str:
    """What a reader would not count as a difference: case, spacing, dashes and quotes."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_QUOTES)
    return " ".join(text.casefold().split())


def _names(value: object) -> list[str]:
    """The label's or a tool's authors as folded names (a label may list them, or join them with ; or ,)."""
    items = value if isinstance(value, list) else [value] if value else []
    return [fold(part) for item in items for part in re.split(r"[;,]|\band\b|\bund\b", str(item)) if part.strip()]


def _same_name(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return bool(short) and re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long) is not None and " " in short


def score_page(label: dict, got: Meta) -> dict[str, bool]:
    """Each score this page takes part in, and whether the tool met it."""
    out: dict[str, bool] = {}
    if label.get("title"):
        out["title"] = fold(str(got.get("title") or "")) == fold(label["title"])
    if "author" in label:
        ours = _names(got.get("authors"))
        theirs = _names(label["author"])
        if theirs:
            out["author"] = any(_same_name(a, b) for a in ours for b in theirs)
        else:
            out["no author"] = not ours
    if "date" in label:  # a page labelled with no date is met by none
        out["date"] = str(got.get("date") or "")[:10] == str(label["date"] or "")[:10]
    return out


def cleaner_meta(html: bytes, url: str) -> Meta:
    import cleaner

    doc = cleaner.clean(html, url=url)
    return {"title": doc.title, "authors": doc.authors, "date": doc.date}


def trafilatura_meta(html: bytes, url: str) -> Meta:
    from trafilatura import extract_metadata

    meta = extract_metadata(html, default_url=url)
    if meta is None:
        return {}
    return {"title": meta.title, "authors": meta.author.split("; ") if meta.author else [], "date": meta.date}


TOOLS: dict[str, Callable[[bytes, str], Meta]] = {"cleaner": cleaner_meta, "trafilatura": trafilatura_meta}


def load(data: Path) -> tuple[dict[str, dict], dict[str, bytes]]:
    root = data / "multilingual" / "html"
    labels = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    pages = {}
    for url, label in labels.items():
        path = root / "eval" / label["file"]
        if path.exists():
            pages[url] = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return {url: labels[url] for url in pages}, pages


def run(tool: Callable[[bytes, str], Meta], labels: dict[str, dict], pages: dict[str, bytes]):
    """Per score: pages met and pages scored; and each page's misses, for reading."""
    totals: dict[str, list[int]] = {}
    misses: list[tuple[str, str, object, object]] = []
    for url, html in pages.items():
        try:
            got = tool(html, url)
        except Exception as exc:  # scored as no metadata, and said
            print(f"failed on {url}: {type(exc).__name__}: {exc}", file=sys.stderr)
            got = {}
        for name, ok in score_page(labels[url], got).items():
            met_scored = totals.setdefault(name, [0, 0])
            met_scored[0] += ok
            met_scored[1] += 1
            if not ok:
                key = "author" if "author" in name else name
                misses.append((url, name, labels[url].get(key), got.get("authors" if key == "author" else key)))
    return {name: (met / scored, scored) for name, (met, scored) in totals.items()}, misses


SCORES = ("title", "author", "no author", "date")


def table(results: dict[str, dict[str, tuple[float, int]]]) -> str:
    pages = {name: next(iter(results.values()))[name][1] for name in SCORES}
    headers = ["tool", *(f"{name} ({pages[name]} pages)" for name in SCORES)]
    rows = [[tool, *(f"{scores[name][0]:.3f}" for name in SCORES)] for tool, scores in results.items()]
    return md_table(headers, rows)


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the shared bench folder (holds multilingual/)")
    parser.add_argument("--json", type=Path, help="save the scores here")
    parser.add_argument("--misses", type=int, default=0, metavar="N", help="print cleaner's first N misses")
    args = parser.parse_args(argv)
    labels, pages = load(args.data)
    results, cleaner_misses = {}, []
    for name, tool in TOOLS.items():
        results[name], misses = run(tool, labels, pages)
        cleaner_misses = misses if name == "cleaner" else cleaner_misses
    print(table(results))
    for url, name, label, got in cleaner_misses[: args.misses]:
        print(f"{name:9} {url[:70]}\n          label {label!r}\n          got   {got!r}")
    if args.json:
        args.json.write_text(json.dumps({"pages": len(pages), "scores": results}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
