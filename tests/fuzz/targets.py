"""Run one case and judge it: what it raised, which promise it broke, how long it took.

An outcome is `ok` (cleaned, every promise kept), `refused` (a `CleanerError`: cleaner's way of
saying no), `crash` (any other exception, or a broken promise), and separately `slow` when the
CPU time of one input passes SLOW_SECONDS (CPU, not wall time: a busy machine is no finding).
"""

from __future__ import annotations

import io
import json
import time
import traceback
from pathlib import Path
from typing import Any

import cleaner

from .values import LimitsSpec

SLOW_SECONDS = 1.0
STREAM_SECONDS = 30.0  # the stream's own time limit per record, as `cleaner --jsonl` sets it
CLEANER_DIR = str(Path(cleaner.__file__).resolve().parent)


class BrokenPromise(AssertionError):
    """A call that returned, but not what cleaner promises."""


def where(tb: traceback.StackSummary) -> str:
    """The innermost frame in cleaner's own code (else the innermost of all): where to look."""
    frames = [f for f in tb if f.filename.startswith(CLEANER_DIR)] or list(tb)
    if not frames:
        return "?"
    frame = frames[-1]
    name = Path(frame.filename).name if not frame.filename.startswith(CLEANER_DIR) else frame.filename
    name = name.replace(CLEANER_DIR, "cleaner")
    return f"{name}:{frame.lineno} in {frame.name}"


def _error(stage: str, exc: BaseException) -> dict[str, Any]:
    tb = traceback.extract_tb(exc.__traceback__)
    return {
        "stage": stage,
        "type": type(exc).__name__,
        "message": str(exc)[:2000],
        "where": where(tb),
        "traceback": "".join(traceback.format_exception(exc))[-8000:],
    }


class _Clock:
    """CPU and wall seconds since it was made."""

    def __init__(self) -> None:
        self.cpu, self.wall = time.process_time(), time.perf_counter()

    def read(self) -> tuple[float, float]:
        return round(time.process_time() - self.cpu, 4), round(time.perf_counter() - self.wall, 4)


def run_case(case: dict[str, Any]) -> dict[str, Any]:
    """The outcome of one case: status, error (when it crashed), and its times."""
    if case["target"] == "stream":
        return run_stream_case(case["source"], case["kwargs"])
    return run_clean_case(case["source"], case["kwargs"])


def run_clean_case(source: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    """`cleaner.clean` on the input, then its promises: UTF-8 text, JSON-ready dict, text cleans again."""
    stage = "clean"
    clock = _Clock()
    try:
        if isinstance(kwargs.get("limits"), LimitsSpec):
            kwargs = {**kwargs, "limits": kwargs["limits"].build()}
        doc = cleaner.clean(source, **kwargs)
        stage = "to_dict"
        record = doc.to_dict()
        cpu, wall = clock.read()
    except cleaner.CleanerError:
        cpu, wall = clock.read()
        return {"status": "refused", "cpu": cpu, "wall": wall, "stage": stage}
    except Exception as exc:
        cpu, wall = clock.read()
        return {"status": "crash", "cpu": cpu, "wall": wall, "error": _error(stage, exc)}
    outcome: dict[str, Any] = {"status": "ok", "cpu": cpu, "wall": wall, "stage": "clean"}
    try:
        stage = "text-is-utf8"
        if not isinstance(doc.text, str):
            raise BrokenPromise(f"doc.text is a {type(doc.text).__name__}")
        doc.text.encode("utf-8")
        stage = "dict-is-json"
        json.dumps(record).encode("utf-8")
        stage = "text-cleans-again"
        again = _Clock()
        cleaner.clean(doc.text).to_dict()
        again_cpu, again_wall = again.read()
        if again_cpu > cpu:
            outcome.update(cpu=again_cpu, wall=again_wall, stage="text-cleans-again")
    except Exception as exc:
        outcome.update(status="crash", error=_error(stage, exc))
    return outcome


def expected_records(data: bytes, max_bytes: int | None) -> int:
    """Records a stream of `data` holds: its non-blank lines, and its lines over the size limit."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return sum(1 for line in lines if line.strip() or (max_bytes is not None and len(line) > max_bytes))


def run_stream_case(data: bytes, settings: dict[str, Any]) -> dict[str, Any]:
    """`run_stream` in this process: records in = written + errors, whole lines out, every line JSON."""
    from cleaner.stream import StreamSettings, run_stream

    fields = {k: v for k, v in settings.items() if k != "max_record_bytes"}
    limits = cleaner.Limits(time_limit=STREAM_SECONDS, max_record_bytes=settings.get("max_record_bytes"))
    out, errors = io.BytesIO(), io.StringIO()
    clock = _Clock()
    stage = "run_stream"
    try:
        summary = run_stream(io.BytesIO(data), out, errors, StreamSettings(**fields, limits=limits), jobs=1)
        cpu, wall = clock.read()
        stage = "stream-accounts"
        want = expected_records(data, limits.record_bytes())
        if not summary.records_in == summary.written + summary.errors == want:
            raise BrokenPromise(
                f"{summary.records_in} records in, {summary.written} written, {summary.errors} errors; "
                f"{want} records in the input"
            )
        stage = "stream-output"
        written, failed = out.getvalue(), errors.getvalue()
        if not (written == b"" or written.endswith(b"\n")) or not (failed == "" or failed.endswith("\n")):
            raise BrokenPromise("the output does not end at a whole line")
        lines = written.splitlines()
        if len(lines) != summary.written or len(failed.splitlines()) != summary.errors:
            raise BrokenPromise(f"{len(lines)} lines out for {summary.written} records written")
        for line in lines:
            json.loads(line.decode("utf-8"))
        for line in failed.splitlines():
            json.loads(line)
    except Exception as exc:
        cpu, wall = clock.read()
        return {"status": "crash", "cpu": cpu, "wall": wall, "error": _error(stage, exc)}
    # A stream is many inputs: it is slow when one record, on average, is.
    per_record = round(cpu / max(1, summary.records_in), 4)
    return {"status": "ok", "cpu": per_record, "wall": round(wall / max(1, summary.records_in), 4), "stage": stage}
