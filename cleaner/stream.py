"""JSON Lines in, JSON Lines out, in input order: `cleaner --jsonl`.

Every input line that holds a record leaves as exactly one line: the record with its clean text
and metadata on the output, or an error record (line number, id, error class, message) on the
error stream. Nothing is dropped silently, so records in = written + errors, always. Work runs
in batches, in worker processes with `jobs` > 1, with a bounded number of batches in flight, so
memory stays flat however long the stream.
"""

from __future__ import annotations

import gzip
import json
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

from .limits import STREAM_TIME_LIMIT, Limits, TimeLimitExceeded
from .pipeline import clean

INPUT_FIELDS = ("html", "text", "content")  # tried in this order when no --field is given
BATCH_RECORDS = 16  # records sent to a worker at a time
BATCH_BYTES = 4_000_000  # ...or fewer, when they are large
IN_FLIGHT_PER_JOB = 4  # batches waiting or at work per worker: what bounds memory
MIN_RECORDS_FOR_RATE = 100  # --max-error-rate is judged from this many records on
STREAM_LIMITS = Limits(time_limit=STREAM_TIME_LIMIT)

Line = tuple[int, bytes | None]  # line number, and the line (None: over the size limit, not read)
Result = tuple[bytes | None, dict[str, Any] | None]  # an output line, or an error record


@dataclass(frozen=True)
class StreamSettings:
    """How each record is read and cleaned, and what is written for it."""

    field: str | None = None  # the input field; None: the first of INPUT_FIELDS present
    document_only: bool = False  # write only the cleaned document (id, text, metadata)
    with_removed: bool = False  # add the removed blocks under "removed"
    input_type: str = "auto"
    whole_page: bool | None = None
    rules: tuple[str, ...] = ()
    limits: Limits = STREAM_LIMITS


@dataclass
class Summary:
    """What became of the stream: records in = written + errors."""

    records_in: int = 0
    written: int = 0
    errors: int = 0
    stopped: str | None = None  # why the stream ended early, if it did
    interrupted: bool = False  # ...and whether a signal ended it (a fatal end, not a record's failure)

    def line(self) -> str:
        ended = f"; stopped: {self.stopped}" if self.stopped else ""
        return f"cleaner: {self.records_in} records in, {self.written} written, {self.errors} errors{ended}"


class RecordError(Exception):
    """A record that cannot be cleaned as given; `kind` is the error class the error record names."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class StopStream(BaseException):
    """The stream must end now (a signal, or too many errors); what is done so far stays written.

    A BaseException, like KeyboardInterrupt, so that no record's `except Exception` takes it
    for that record's failure."""


class Interrupted(StopStream):
    """A signal (SIGINT, SIGTERM) ends the stream."""


# --- one record ---------------------------------------------------------------------------------


def clean_record(number: int, line: bytes | None, settings: StreamSettings) -> Result:
    """One input line to its output line, or to the error record that says why not."""
    record_id = None
    try:
        record = _parse(line, settings.limits)
        record_id = _id_of(record)
        source, field_name = _source(record, settings.field)
        url = record.get("url") if isinstance(record.get("url"), str) else None
        with _interrupt_after(settings.limits.time_limit):
            doc = clean(
                source,
                url=url,
                input_type=settings.input_type,  # type: ignore[arg-type]
                rules=list(settings.rules) or None,
                whole_page=settings.whole_page,
                limits=settings.limits,
            )
            out = _output(record, field_name, doc.to_dict(), settings)
        # A lone surrogate (half an emoji, escaped in the input) leaves as the same JSON escape.
        return (json.dumps(out, ensure_ascii=False) + "\n").encode("utf-8", "backslashreplace"), None
    except Exception as exc:  # a record's failure, whatever it is, is that record's error record
        return None, error_record(number, record_id, exc)


def error_record(number: int, record_id: object, exc: BaseException) -> dict[str, Any]:
    """What the error stream says of a failed record: where, which, what and why."""
    return {"line": number, "id": record_id, "error": _error_class(exc), "message": str(exc) or repr(exc)}


def _error_class(exc: BaseException) -> str:
    if isinstance(exc, RecordError):
        return exc.kind
    if isinstance(exc, json.JSONDecodeError):
        return "InvalidJSON"
    if isinstance(exc, UnicodeDecodeError):
        return "UndecodableBytes"
    return type(exc).__name__


def _parse(line: bytes | None, limits: Limits) -> dict[str, Any]:
    if line is None:
        raise RecordError("RecordTooLarge", f"the line is over the limit of {limits.record_bytes():,} bytes")
    record = json.loads(line, parse_constant=_not_json)  # bytes: UTF-8 (or UTF-16/32) checked on the way
    if not isinstance(record, dict):
        raise RecordError("NotAnObject", f"a record must be a JSON object, not {type(record).__name__}")
    return record


def _not_json(name: str) -> None:
    raise RecordError("InvalidJSON", f"{name} is not JSON (Python reads it, strict parsers do not)")


def _id_of(record: dict[str, Any]) -> object:
    value = record.get("id")
    return value if isinstance(value, str | int) and not isinstance(value, bool) else None


def _source(record: dict[str, Any], wanted: str | None) -> tuple[str, str]:
    name = wanted or next((f for f in INPUT_FIELDS if f in record), None)
    if name is None or name not in record:
        expected = repr(wanted) if wanted else " or ".join(repr(f) for f in INPUT_FIELDS)
        raise RecordError("MissingField", f"the record has no {expected} field")
    if not isinstance(record[name], str):
        raise RecordError("FieldNotText", f"the {name!r} field is {type(record[name]).__name__}, not a string")
    return record[name], name


def _output(record: dict[str, Any], field_name: str, doc: dict[str, Any], settings: StreamSettings) -> dict[str, Any]:
    """The record with its results: `text` (the clean text), `metadata` (cleaner's fields added to
    the record's own metadata object), `removed` on request; or the cleaned document alone."""
    removed, text = doc.pop("removed"), doc.pop("text")
    if settings.document_only:
        out: dict[str, Any] = {"id": record["id"]} if "id" in record else {}
        out.update(text=text, metadata=doc)
    else:
        out = dict(record)
        own = record.get("metadata")
        out["text"] = text
        out["metadata"] = {**own, **doc} if isinstance(own, dict) else doc if own is None else {"original": own, **doc}
    if settings.with_removed:
        out["removed"] = removed
    return out


@contextmanager
def _interrupt_after(seconds: float | None):
    """Raise TimeLimitExceeded inside a step that runs past the time limit.

    `clean` checks its deadline between steps; this timer signal stops a single step that
    overruns (in the main thread of a process, where signals are delivered: each worker's, or
    the only process's with one job).
    """
    usable = seconds is not None and hasattr(signal, "setitimer") and _in_main_thread()
    if not usable:
        yield
        return

    def overrun(_signum, _frame):
        raise TimeLimitExceeded(f"cleaning took over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, overrun)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _in_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


# --- the stream ---------------------------------------------------------------------------------


def open_input(path: str) -> IO[bytes]:
    """The input as bytes, gzip decompressed as it is read (told by its magic bytes, not its name)."""
    raw: IO[bytes] = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115 - closed by the caller
    head = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
    return gzip.GzipFile(fileobj=raw, mode="rb") if head == b"\x1f\x8b" else raw


def numbered_lines(stream: IO[bytes], max_bytes: int | None) -> Iterator[Line]:
    """Non-blank lines with their numbers (from 1); a line over `max_bytes` is skipped unread (None)."""
    number = 0
    while True:
        line = stream.readline(max_bytes + 1) if max_bytes is not None else stream.readline()
        if not line:
            return
        number += 1
        if max_bytes is not None and len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass  # the rest of an overlong line, read and dropped a megabyte at a time
            yield number, None
        elif line.strip():
            yield number, line


def batches(lines: Iterable[Line]) -> Iterator[list[Line]]:
    """Lines in groups of BATCH_RECORDS, or fewer when they add up to BATCH_BYTES."""
    batch: list[Line] = []
    size = 0
    for item in lines:
        batch.append(item)
        size += len(item[1] or b"")
        if len(batch) >= BATCH_RECORDS or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def run_stream(
    stream: IO[bytes],
    out: IO[bytes],
    errors: IO[str],
    settings: StreamSettings,
    *,
    jobs: int = 1,
    max_error_rate: float | None = None,
    progress: bool = False,
) -> Summary:
    """Clean every record of `stream` to `out`, error records to `errors`, in input order."""
    summary = Summary()
    work = batches(numbered_lines(stream, settings.limits.record_bytes()))
    bar = _progress_bar(progress)
    try:
        for batch, results in _cleaned(work, settings, jobs):
            for (number, _), (line, error) in zip(batch, results, strict=True):
                summary.records_in += 1
                if error is None and line is not None:
                    out.write(line)
                    summary.written += 1
                else:
                    # ASCII escapes: a message quoting the record may hold a lone surrogate
                    errors.write(json.dumps(error or error_record(number, None, RuntimeError("no result"))) + "\n")
                    summary.errors += 1
            bar.update(len(batch))
            out.flush()
            _check_error_rate(summary, max_error_rate)
    except StopStream as stop:
        summary.stopped = str(stop)
        summary.interrupted = isinstance(stop, Interrupted)
    finally:
        bar.close()
    return summary


def _check_error_rate(summary: Summary, max_error_rate: float | None) -> None:
    if max_error_rate is None or summary.records_in < MIN_RECORDS_FOR_RATE:
        return
    if summary.errors > max_error_rate * summary.records_in:
        raise StopStream(f"errors in {summary.errors} of {summary.records_in} records, over --max-error-rate")


def warm_up(settings: StreamSettings) -> None:
    """Pay the one-off costs before any record's time limit runs: imports, model loads, rule compiles.

    A time-limit signal that lands inside an import leaves the module half loaded for good (every
    later record fails on it), and a record should not be charged for the process's start.
    """
    from .extract import load_extractors

    load_extractors()
    rules = list(settings.rules) or None
    for sample in _WARM_UP_SAMPLES:
        clean(sample, rules=rules).to_dict()  # to_dict reads the language: its model loads


# HTML, undeclared non-UTF-8 bytes (chardet), mojibake (ftfy) and text: each path once.
_WARM_UP_SAMPLES = (
    b"<html><head><title>Talks</title></head><body><article><p>The minister said on Monday that the talks "
    b"would resume in the spring, officials said.</p></article></body></html>",
    "Caf\u00e9 owners said on Monday that the talks would resume \u2013 in the spring.".encode("cp1252"),
    "The caf\u00c3\u00a9 owners said on Monday that the talks would resume in the spring.",
    "Skip to content\n\nThe minister said on Monday that the talks would resume in the spring.",
)


def _cleaned(
    work: Iterator[list[Line]], settings: StreamSettings, jobs: int
) -> Iterator[tuple[list[Line], list[Result]]]:
    """Each batch with its results, in input order."""
    if jobs <= 1:
        warm_up(settings)
        for batch in work:
            yield batch, [clean_record(number, line, settings) for number, line in batch]
        return
    yield from _cleaned_in_workers(work, settings, jobs)


def _cleaned_in_workers(
    work: Iterator[list[Line]], settings: StreamSettings, jobs: int
) -> Iterator[tuple[list[Line], list[Result]]]:
    """Batches cleaned by `jobs` worker processes, at most IN_FLIGHT_PER_JOB each in flight.

    A worker that dies (killed, out of memory) takes its batch down with it: those records
    become error records, a new pool takes over, and the batches in flight are sent again.
    """
    pool = _pool(settings, jobs)
    pending: deque[tuple[list[Line], Future[list[Result]]]] = deque()
    try:
        for batch in work:
            pending.append((batch, pool.submit(_clean_batch, batch)))
            while len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                pool = yield from _yield_oldest(pending, pool, settings, jobs)
        while pending:
            pool = yield from _yield_oldest(pending, pool, settings, jobs)
    finally:
        if pending:  # stopped early (a signal, too many errors, a closed output): no waiting for workers
            _kill_workers(pool)
        pool.shutdown(wait=False, cancel_futures=True)


def _yield_oldest(pending, pool, settings: StreamSettings, jobs: int):
    batch, future = pending.popleft()
    try:
        results = future.result(timeout=_batch_timeout(settings, len(pending) + 1))
    except Exception as exc:  # a dead or stuck worker, or a batch that could not travel
        died = isinstance(exc, BrokenProcessPool | TimeoutError)
        reason = RecordError("WorkerDied", "the worker process died or hung") if died else exc
        results = [(None, error_record(number, None, reason)) for number, _ in batch]
        if died:
            pool = _restart(pool, pending, settings, jobs)
    yield batch, results
    return pool


def _batch_timeout(settings: StreamSettings, batches_ahead: int) -> float | None:
    """How long to wait for a batch before its worker counts as stuck (in C code, where the
    time-limit signal cannot reach): every record of it and of the batches queued with it at
    its time limit, and a minute more."""
    limit = settings.limits.time_limit
    return None if limit is None else 60 + limit * BATCH_RECORDS * batches_ahead


def _restart(pool: ProcessPoolExecutor, pending, settings: StreamSettings, jobs: int) -> ProcessPoolExecutor:
    """A new pool, the old one's workers killed and the batches it held sent again."""
    _kill_workers(pool)
    pool.shutdown(wait=False, cancel_futures=True)
    pool = _pool(settings, jobs)
    resent = [(b, pool.submit(_clean_batch, b)) for b, _ in pending]
    pending.clear()
    pending.extend(resent)
    return pool


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """End the pool's workers now: shutdown() lets them finish their batches, which a stuck
    worker never does and a stopped stream should not wait for."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.kill()


def _pool(settings: StreamSettings, jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(settings,))


_WORKER_SETTINGS: StreamSettings | None = None


def _start_worker(settings: StreamSettings) -> None:
    """A worker keeps the settings (sent once, not with every batch) and leaves Ctrl-C to the parent."""
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up(settings)


def _clean_batch(batch: list[Line]) -> list[Result]:
    assert _WORKER_SETTINGS is not None
    return [clean_record(number, line, _WORKER_SETTINGS) for number, line in batch]


class _NoBar:
    """What run_stream calls on a progress bar, doing nothing (tqdm not even imported)."""

    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress_bar(show: bool):
    if not show:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(file=sys.stderr, unit=" records", dynamic_ncols=True, mininterval=0.5)
