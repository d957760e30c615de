"""JSON Lines in, JSON Lines out, in input order: `cleaner --jsonl`.

Every input line that holds a record leaves as exactly one line: the record with its clean text
and metadata on the output, or an error record (line number, id, error class, message) on the
error stream; or, when copies are dropped, it is counted as a dropped copy. Nothing is dropped
silently, so records in = written + errors + dropped copies, always. Work runs
in batches, in worker processes with `jobs` > 1, with a bounded number of batches in flight, so
memory stays flat however long the stream.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import IO, Any

from .copies import CopyIndex, Match
from .inputs import Damage, open_input
from .output import NO_SIGNALS, Interrupted, LineWriter, OutputFailed, Signals, StopStream
from .records import (
    COPY_FIELD,
    Outcome,
    Result,
    Signed,
    StreamSettings,
    Unreadable,
    clean_record,
    error_record,
    id_of_line,
    warm_up,
)
from .workers import BATCH_RECORDS, Line, Pending, WorkerPool

__all__ = [
    "CopyIndex",
    "Interrupted",
    "StopStream",
    "StreamSettings",
    "Summary",
    "clean_lines",
    "open_input",
    "run_lines",
    "run_stream",
]

BATCH_BYTES = 4_000_000  # ...or fewer, when they are large
IN_FLIGHT_PER_JOB = 4  # batches waiting or at work per worker: what bounds memory
MIN_RECORDS_FOR_RATE = 100  # --max-error-rate is judged from this many records on


@dataclass
class Summary:
    """What became of the stream: records in = written + errors + dropped (copies, when dropped);
    what an input skipped, by why; the copies found, by how, when copies were looked for."""

    records_in: int = 0
    written: int = 0
    errors: int = 0
    dropped: int = 0  # copies of earlier records, not written (--drop-duplicates)
    stopped: str | None = None  # why the stream ended early, if it did
    fatal: bool = False  # ...and whether the process's end (a signal, an I/O failure), not the records'
    skipped: Counter[str] = field(default_factory=Counter)  # records an input passed over (WARC: requests...)
    copies: Counter[str] | None = None  # copies found by method ("exact", "near"); None: not looked for
    dropping: bool = False  # copies are dropped, not written

    def line(self) -> str:
        ended = f"; stopped: {self.stopped}" if self.stopped else ""
        skips = ", ".join(f"{n} {why}" for why, n in sorted(self.skipped.items()))
        skipped = f"; skipped {sum(self.skipped.values())} ({skips})" if self.skipped else ""
        counts = f"{self.records_in} records in, {self.written} written, {self.errors} errors"
        return f"cleaner: {counts}{self._copies()}{skipped}{ended}"

    def _copies(self) -> str:
        if self.copies is None:
            return ""
        how = f" ({self.copies['exact']} exact, {self.copies['near']} near)"
        if self.dropping:
            return f", {self.dropped} copies dropped{how}"
        return f"; {sum(self.copies.values())} copies of earlier records{how}"


def numbered_lines(stream: IO[bytes], max_bytes: int | None) -> Iterator[Line]:
    """Non-blank lines with their numbers (from 1); a line over `max_bytes` is skipped unread.

    A damaged input (a cut or corrupt gzip) or a failing read ends with one Unreadable line, the
    one the damage cut (or the next number, when it fell between lines)."""
    number = 0
    while True:
        try:
            line = stream.readline(max_bytes + 1) if max_bytes is not None else stream.readline()
        except OSError as exc:
            yield number + 1, Unreadable("ReadError", f"cannot read the input: {exc.strerror or exc}", fatal=True)
            return
        damage: Damage | None = getattr(stream, "damage", None)
        if not line:
            if damage is not None:
                yield number + 1, Unreadable(damage.kind, damage.message)
            return
        number += 1
        if max_bytes is not None and len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass  # the rest of an overlong line, read and dropped a megabyte at a time
            yield number, Unreadable("RecordTooLarge", f"the line is over the limit of {max_bytes:,} bytes")
        elif damage is not None and not line.endswith(b"\n"):
            yield number, Unreadable(damage.kind, damage.message)  # the line the damage cut
            return
        elif line.strip():
            yield number, line


def batches(lines: Iterable[Line]) -> Iterator[list[Line]]:
    """Lines in groups of BATCH_RECORDS, or fewer when they add up to BATCH_BYTES."""
    batch: list[Line] = []
    size = 0
    for item in lines:
        batch.append(item)
        payload = item[1]
        size += len(payload) if isinstance(payload, bytes) else len(getattr(payload, "source", b""))
        if len(batch) >= BATCH_RECORDS or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def run_stream(stream: IO[bytes], out: IO[bytes], errors: IO[Any], settings: StreamSettings, **options: Any) -> Summary:
    """`run_lines` on the JSON Lines of `stream` (see there)."""
    return run_lines(numbered_lines(stream, settings.limits.record_bytes()), out, errors, settings, **options)


def run_lines(
    lines: Iterable[Line],
    out: IO[bytes],
    errors: IO[Any],
    settings: StreamSettings,
    *,
    jobs: int = 1,
    isolate: bool = False,
    max_error_rate: float | None = None,
    progress: bool = False,
    signals: Signals = NO_SIGNALS,
    summary: Summary | None = None,
    copies: CopyIndex | None = None,
    drop_copies: bool = False,
) -> Summary:
    """Clean every record of `lines` to `out`, error records to `errors`, in input order.

    Every record read is accounted for however the stream ends: written, named by an error record
    (those read but not written when it stops early too), or dropped as a copy, so records in =
    written + errors + dropped. With `copies` (an index, maybe holding an earlier crawl's texts),
    each written record gets a "duplicate" field: null, or the earlier record it copies (see
    `cleaner.copies.Match`); `drop_copies` writes first copies only (with an index of its own
    when none is given). Signatures are made where the cleaning runs, the decisions here in input
    order: the same whatever `jobs`.
    `jobs` > 1 cleans in worker processes, where a page that kills or hangs its worker costs that
    page alone; `isolate` does so with one job too.
    A closed `out` (`| head`) raises BrokenPipeError: its reader wanted no more. `lines` are
    numbered JSON lines, or records an input reader prepared (WARC); `summary`, when given, is
    the one to fill (an input reader counts what it skipped in it as it goes)."""
    summary = summary or Summary()
    judge = None
    if copies is not None or drop_copies:
        judge = _Judge(copies if copies is not None else CopyIndex(), drop_copies, summary)
        settings = replace(settings, signatures=True)
    unreported: deque[Line] = deque()  # the records read, neither written nor reported yet
    sink = _Sink(out, errors, signals)
    cleaned = _cleaned(batches(_noted(iter(lines), unreported)), settings, jobs if jobs > 1 or isolate else 0, signals)
    bar = _progress_bar(progress)
    try:
        for batch, results in cleaned:
            for (number, line), (text, error, signed) in zip(batch, results, strict=True):
                if isinstance(line, Unreadable) and line.fatal:
                    summary.stopped, summary.fatal = line.message, True
                with signals.deferred():  # a line written is counted before a signal stops the stream
                    if error is None and text is not None and judge is not None:
                        text = judge.judged(number, text, signed)  # None: a copy, dropped
                        if text is None:
                            _count(summary, unreported, "dropped")
                            continue
                    if error is None and text is not None:
                        sink.record(text)
                        _count(summary, unreported, "written")
                    else:  # counted first: the record failed, even if its error record cannot be written
                        _count(summary, unreported, "error")
                        sink.error(error or error_record(number, id_of_line(line), RuntimeError("no result")))
            with signals.deferred():
                bar.update(len(batch))
            _check_error_rate(summary, max_error_rate)
    except StopStream as stop:
        _close(cleaned, summary)
        _stopped(summary, stop, unreported, sink)
    finally:
        _close(cleaned, summary)
        bar.close()
    if signals.pending:  # a signal held while the workers were stopped: the end is still its
        summary.fatal, summary.stopped = True, summary.stopped or f"signal {signals.received}"
    return summary


class _Sink:
    """The output and the error stream, as whole lines; which of them failed."""

    def __init__(self, out: IO[bytes], errors: IO[Any], signals: Signals) -> None:
        self._out = LineWriter(out, "the output", signals, broken_pipe_is_quiet=True)
        self._errors = LineWriter(errors, "the error stream", signals)
        self.errors_lost = False

    def record(self, line: bytes) -> None:
        self._out.write(line)

    def error(self, error: dict[str, Any]) -> None:
        if self.errors_lost:
            return
        try:
            # ASCII escapes: a message quoting the record may hold a lone surrogate
            self._errors.write((json.dumps(error) + "\n").encode("ascii"))
        except OutputFailed:
            self.errors_lost = True
            raise


def _count(summary: Summary, unreported: deque[Line], outcome: str) -> None:
    """The oldest record read is accounted for: "written", an "error", or "dropped" as a copy."""
    unreported.popleft()
    summary.records_in += 1
    if outcome == "written":
        summary.written += 1
    elif outcome == "dropped":
        summary.dropped += 1
    else:
        summary.errors += 1


class _Judge:
    """Each cleaned record, in input order, against the records kept before it."""

    def __init__(self, index: CopyIndex, drop: bool, summary: Summary) -> None:
        self.index, self.drop, self.summary = index, drop, summary
        summary.copies, summary.dropping = Counter(), drop

    def judged(self, number: int, line: bytes, signed: Signed | None) -> bytes | None:
        """The output line with its "duplicate" field; None for a copy that is dropped. The key
        of a record in the index is its id, or its line number when it has none."""
        match = None
        if signed is not None:
            key = signed.record_id if signed.record_id is not None else number
            match = self.index.check(key, signed.signature)
        if match is not None:
            self.summary.copies[match.method] += 1  # type: ignore[index]
            if self.drop:
                return None
        return with_copy_field(line, match)


def with_copy_field(line: bytes, match: Match | None) -> bytes:
    """The JSON object on `line` with the "duplicate" field added last (the rest byte for byte)."""
    body = line.rstrip(b"\n")
    if not body.endswith(b"}"):
        raise ValueError("an output line that is not a JSON object")
    value = json.dumps(match.to_dict() if match is not None else None).encode("ascii")
    comma = b"" if body[:-1].rstrip().endswith(b"{") else b", "
    return body[:-1] + comma + json.dumps(COPY_FIELD).encode() + b": " + value + b"}\n"


def _noted(lines: Iterator[Line], read: deque[Line]) -> Iterator[Line]:
    """The lines, each noted as read (until the stream writes or reports that record)."""
    for item in lines:
        read.append(item)
        yield item


def _stopped(summary: Summary, stop: StopStream, unreported: deque[Line], sink: _Sink) -> None:
    """The stream stopped early: each record read but not written gets an error record of the
    stop's kind, as long as the error stream takes them (a second signal ends that too)."""
    summary.stopped, summary.fatal = str(stop), summary.fatal or stop.fatal
    message = f"the stream stopped before this record was written ({stop})"
    while unreported:
        number, line = unreported[0]
        _count(summary, unreported, "error")
        try:
            sink.error({"line": number, "id": id_of_line(line), "error": stop.kind, "message": message})
        except StopStream as again:
            sink.errors_lost = True
            summary.stopped, summary.fatal = f"{summary.stopped}; then {again}", True


def _close(cleaned: Iterator[Any], summary: Summary) -> None:
    """End the cleaning (workers killed, not waited for); a signal meanwhile makes the end fatal."""
    try:
        cleaned.close()  # type: ignore[attr-defined]
    except StopStream as stop:
        summary.fatal = summary.fatal or stop.fatal


def _check_error_rate(summary: Summary, max_error_rate: float | None) -> None:
    if max_error_rate is None or summary.records_in < MIN_RECORDS_FOR_RATE:
        return
    if summary.errors > max_error_rate * summary.records_in:
        raise StopStream(f"errors in {summary.errors} of {summary.records_in} records, over --max-error-rate")


def clean_lines(
    lines: Iterable[Line],
    settings: StreamSettings,
    *,
    processes: int = 0,
    signals: Signals = NO_SIGNALS,
    signed: bool = False,
) -> Iterator[tuple[Line, Result | Outcome]]:
    """Each record with its outcome, in input order: the record layer the CLI stream and the engine
    adapters share. An outcome is `(output line, None)` or `(None, error record)`, exactly one per
    record; `signed` adds a third item, the `Signed` (record id, copy signature of the clean text,
    made in the worker) of a cleaned record, None for an error. `processes` > 0 cleans in that
    many worker processes, where a record that kills or hangs its worker costs that record alone;
    0 cleans in this process. Closing the iterator early stops the workers."""
    if signed:
        settings = replace(settings, signatures=True)
    cleaned = _cleaned(batches(lines), settings, processes, signals)
    try:
        for batch, results in cleaned:
            for item, outcome in zip(batch, results, strict=True):
                yield item, (outcome if signed else outcome[:2])
    finally:
        cleaned.close()


def _cleaned(
    work: Iterator[list[Line]], settings: StreamSettings, processes: int, signals: Signals
) -> Iterator[tuple[list[Line], list[Outcome]]]:
    """Each batch with its results, in input order: in this process (`processes` 0), or in that
    many worker processes."""
    if processes == 0:
        warm_up(settings)
        for batch in work:
            yield batch, [clean_record(number, line, settings) for number, line in batch]
        return
    yield from _cleaned_in_workers(work, settings, processes, signals)


def _cleaned_in_workers(
    work: Iterator[list[Line]], settings: StreamSettings, jobs: int, signals: Signals
) -> Iterator[tuple[list[Line], list[Outcome]]]:
    """Batches cleaned by `jobs` worker processes, at most IN_FLIGHT_PER_JOB each in flight."""
    with signals.held():
        workers = WorkerPool(settings, jobs)
    pending: Pending = deque()
    try:
        for batch in work:
            with signals.held():
                pending.append((batch, workers.submit(batch)))
            while len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                yield _oldest(pending, workers, signals)
        while pending:
            yield _oldest(pending, workers, signals)
    finally:
        with signals.held():
            workers.stop(kill=bool(pending))  # stopped early: no waiting for workers


def _oldest(pending: Pending, workers: WorkerPool, signals: Signals) -> tuple[list[Line], list[Outcome]]:
    batch, future = pending.popleft()
    return batch, workers.results(batch, future, pending, signals)


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
