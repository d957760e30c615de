"""Load the dev benchmark's two sets and the scorer from a data folder outside the repository.

The data (../shared/bench on a developer machine) is never copied into the repository, so every
script takes its path as an argument and imports ``score.py`` from there: the figures then come
from the same scorer as the acceptance tool (../shared/tools/bench.py), read the way its ``load()``
reads them.

- ``html`` / ``text``: 181 news pages (``scrapinghub/``), each with its true article body, scored
  with 4-token shingles.
- ``ml-html`` / ``ml-text``: 467 pages of blogs, shops, forums, public bodies and news, mostly
  German (``multilingual/``), each with snippets its main text must and must not contain.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

MODES = ("html", "text", "ml-html", "ml-text")


@dataclass(frozen=True)
class Corpus:
    """The documents of one mode with their references, in reference order, and the metric they take."""

    mode: str
    truth: dict[str, dict]
    docs: dict[str, bytes | str]
    urls: dict[str, str | None]
    metric: str  # "shingles" or "snippets": the functions of score.py that fit the references

    @property
    def kind(self) -> str:
        """What the tools read, "html" or "text": the multilingual modes take the same tools as the English ones."""
        return input_kind(self.mode)

    @property
    def input_bytes(self) -> int:
        """Bytes read by every tool: raw HTML bytes, or the scraped text as UTF-8 (as bench.py counts)."""
        return sum(len(src) if isinstance(src, bytes) else len(src.encode()) for src in self.docs.values())

    def score(self, scorer: ModuleType, outputs: dict[str, str]) -> dict:
        """F1, precision and recall of outputs by this corpus's metric (snippets: micro-averaged over snippets)."""
        pred = {key: {"articleBody": text} for key, text in outputs.items()}
        summary, _ = getattr(scorer, f"score_{self.metric}")(self.truth, pred)
        return summary


def snippet_counts(truth: dict[str, dict]) -> dict[str, int]:
    """How many must and must-not snippets the references hold: the denominators of the snippet metric."""
    return {
        "with": sum(len(ref.get("with", [])) for ref in truth.values()),
        "without": sum(len(ref.get("without", [])) for ref in truth.values()),
    }


def input_kind(mode: str) -> str:
    """html or text, whichever set the mode is of."""
    return mode.removeprefix("ml-")


def load_scorer(data: Path) -> ModuleType:
    """Import data/score.py by path, so the metric is the shared one and not a copy."""
    path = data / "score.py"
    spec = importlib.util.spec_from_file_location("bench_score", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"no scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_corpus(mode: str, data: Path) -> Corpus:
    """One mode's documents and references; the multilingual set is keyed by url, which is also the page's url."""
    if mode == "ml-html":
        return _multilingual_html(data / "multilingual" / "html")
    if mode == "ml-text":
        return _multilingual_text(data / "multilingual" / "text")
    return _scrapinghub(mode, data / "scrapinghub")


def _scrapinghub(mode: str, root: Path) -> Corpus:
    """Read the scrapinghub set the way bench.py does: HTML as raw bytes (gunzipped), text as UTF-8 str."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    docs: dict[str, bytes | str] = {}
    for key in truth:
        if mode == "html":
            docs[key] = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
        else:
            docs[key] = (root / "text" / f"{key}.txt").read_text(encoding="utf-8")
    urls = {key: ref.get("url") for key, ref in truth.items()}
    return Corpus(mode=mode, truth=truth, docs=docs, urls=urls, metric="shingles")


def _multilingual_html(root: Path) -> Corpus:
    """evaldata.json names each page's file under eval/ (raw bytes, maybe gzipped); a page without one is skipped."""
    truth: dict[str, dict] = {}
    docs: dict[str, bytes | str] = {}
    for url, ref in json.loads((root / "evaldata.json").read_text(encoding="utf-8")).items():
        path = root / "eval" / ref["file"]
        if path.exists():
            truth[url] = ref
            docs[url] = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return Corpus(mode="ml-html", truth=truth, docs=docs, urls={url: url for url in docs}, metric="snippets")


def _multilingual_text(root: Path) -> Corpus:
    """index.json maps each url to its text file, truth.json holds its snippets; only pages with both count."""
    index = json.loads((root / "index.json").read_text(encoding="utf-8"))
    labels = json.loads((root / "truth.json").read_text(encoding="utf-8"))
    docs: dict[str, bytes | str] = {
        url: (root / name).read_text(encoding="utf-8") for url, name in index.items() if url in labels
    }
    truth = {url: labels[url] for url in docs}
    return Corpus(mode="ml-text", truth=truth, docs=docs, urls={url: url for url in docs}, metric="snippets")
