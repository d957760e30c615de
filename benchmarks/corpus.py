"""Load the dev benchmark and its scorer from a data folder outside the repository.

The data (../shared/bench on a developer machine) is never copied into the repository, so every
script takes its path as an argument and imports ``score.py`` from there: the figures then come
from the same scorer as the acceptance tool (../shared/tools/bench.py).
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

MODES = ("html", "text")


@dataclass(frozen=True)
class Corpus:
    """The documents of one mode with their reference bodies, in ground-truth order."""

    mode: str
    truth: dict[str, dict]
    docs: dict[str, bytes | str]
    urls: dict[str, str | None]

    @property
    def input_bytes(self) -> int:
        """Bytes read by every tool: raw HTML bytes, or the scraped text as UTF-8 (as bench.py counts)."""
        return sum(len(src) if isinstance(src, bytes) else len(src.encode()) for src in self.docs.values())


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
    """Read the scrapinghub set the way bench.py does: HTML as raw bytes (gunzipped), text as UTF-8 str."""
    root = data / "scrapinghub"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    docs: dict[str, bytes | str] = {}
    for key in truth:
        if mode == "html":
            docs[key] = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
        else:
            docs[key] = (root / "text" / f"{key}.txt").read_text(encoding="utf-8")
    urls = {key: ref.get("url") for key, ref in truth.items()}
    return Corpus(mode=mode, truth=truth, docs=docs, urls=urls)
