"""A short run of the fuzzer (tests/fuzz): no input may raise anything but a CleanerError, break a
promise, or take over a second of CPU. A failure prints each finding's call and replay command.

The run is a fixed number of cases from a fixed seed, so it tries the same inputs every time.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.fuzz.runner import Plan, Run, summary_text

CASES = 1500  # about 20 s on one core


def _explain(run: Run) -> str:
    parts = []
    for entry in run.findings.seen.values():
        record = json.loads(Path(entry["file"]).read_text(encoding="ascii"))
        error = record["outcome"].get("error") or {}
        detail = error.get("traceback") or record["outcome"].get("stack") or f"cpu {record['outcome'].get('cpu')} s"
        parts.append(f"{' | '.join(entry['key'])}\n  {record['call']}\n{detail}\n  replay: {record['replay']}")
    return "\n\n".join(parts)


def test_fuzz_short_run(tmp_path):
    run = Run(Plan(seconds=None, cases=CASES, jobs=1, seed=20240601), tmp_path)
    summary = run.run()
    assert summary["inputs"] == CASES, summary_text(summary, run.findings)
    assert not run.findings.seen, summary_text(summary, run.findings) + "\n\n" + _explain(run)
