"""Findings: one JSON file per distinct problem, holding its smallest input and how to replay it.

Crashes are told apart by (exception type, innermost cleaner frame), slow inputs by (stage,
generator), stuck ones by where they were stuck: thirty minutes of fuzzing then writes a handful of
files, not thousands. When the same
problem turns up again with a smaller input, that input replaces the one on file.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from .cases import call_text, describe


def key_of(case: dict[str, Any], outcome: dict[str, Any]) -> tuple[str, ...]:
    """What makes two findings the same problem."""
    error = outcome.get("error")
    if error:
        return ("crash", error["type"], error["where"])
    return ("slow", outcome.get("stage", "clean"), case["generator"])


def _file_name(key: tuple[str, ...]) -> str:
    digest = hashlib.sha1(json.dumps(key).encode()).hexdigest()[:8]
    words = re.sub(r"[^A-Za-z0-9]+", "-", "-".join(key[:3])).strip("-")[:60]
    return f"{words}-{digest}.json"


def _size(case: dict[str, Any]) -> int:
    source = case["source"]
    return len(source) if isinstance(source, str | bytes | bytearray) else 0


class Findings:
    """The distinct problems found so far, each written to `out` as soon as it is found."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.seen: dict[tuple[str, ...], dict[str, Any]] = {}
        out.mkdir(parents=True, exist_ok=True)

    def add(self, case: dict[str, Any], outcome: dict[str, Any]) -> bool:
        """Record a finding; True when it is a new problem (not a repeat of one on file)."""
        key = key_of(case, outcome)
        entry = self.seen.get(key)
        new = entry is None
        if entry is None:
            entry = self.seen[key] = {"key": list(key), "count": 0, "file": str(self.out / _file_name(key))}
        entry["count"] += 1
        if new or _size(case) < entry["size"]:
            entry.update(size=_size(case), cpu=outcome.get("cpu"), wall=outcome.get("wall"))
            self._write(entry, case, outcome)
        return new

    def _write(self, entry: dict[str, Any], case: dict[str, Any], outcome: dict[str, Any]) -> None:
        path = Path(entry["file"])
        record = {
            "category": entry["key"][0],
            "key": entry["key"],
            "found": entry["count"],
            "call": call_text(case),
            "outcome": outcome,
            "case": describe(case),
            "replay": f"python -m tests.fuzz --replay {path}",
        }
        path.write_text(json.dumps(record, indent=1) + "\n", encoding="ascii")

    def load(self, path: Path) -> dict[str, Any]:
        return json.loads(path.read_text(encoding="ascii"))

    def crashes(self) -> list[dict[str, Any]]:
        return [e for e in self.seen.values() if e["key"][0] == "crash"]

    def slow(self) -> list[dict[str, Any]]:
        return [e for e in self.seen.values() if e["key"][0] == "slow"]

    def report(self) -> str:
        """One line per problem: how often, what, where, and its file."""
        lines = []
        for entry in sorted(self.seen.values(), key=lambda e: (e["key"][0], -e["count"])):
            times = f" (cpu {entry['cpu']} s, wall {entry['wall']} s)" if entry["key"][0] == "slow" else ""
            lines.append(f"  {entry['count']:>6} x {' | '.join(entry['key'])}{times}\n           {entry['file']}")
        return "\n".join(lines)

    def write_summary(self, summary: dict[str, Any]) -> None:
        data = {**summary, "findings": list(self.seen.values())}
        (self.out / "summary.json").write_text(json.dumps(data, indent=1) + "\n", encoding="ascii")


def is_finding(outcome: dict[str, Any], slow_seconds: float) -> bool:
    return outcome["status"] == "crash" or outcome.get("cpu", 0) > slow_seconds
