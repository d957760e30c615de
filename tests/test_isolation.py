"""A page that kills or hangs its worker process costs that page alone, and its error record names it."""

from __future__ import annotations

import io
import json
import os
import signal
import time

import pytest

import cleaner.workers as workers
from cleaner.limits import Limits
from cleaner.stream import StreamSettings, run_stream

ARTICLE = "The minister said on Monday that the talks would resume in the spring, officials said."
SETTINGS = StreamSettings(limits=Limits(time_limit=2))


def _line(record_id: str, text: str = ARTICLE) -> bytes:
    return json.dumps({"id": record_id, "text": text}).encode()


def _run(lines: list[bytes], settings: StreamSettings = SETTINGS, **kwargs):
    out, errors = io.BytesIO(), io.StringIO()
    summary = run_stream(io.BytesIO(b"\n".join(lines) + b"\n"), out, errors, settings, **kwargs)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    return summary, records, [json.loads(line) for line in errors.getvalue().splitlines()]


def _with_a_killer(monkeypatch, action):
    """Workers (forked) clean a record whose text is "kill" by `action` instead: a death or a hang."""
    real = workers.clean_record

    def faulty(number, line, settings):
        if b'"kill"' in line:
            action()
        return real(number, line, settings)

    monkeypatch.setattr(workers, "clean_record", faulty)


def _die():
    os._exit(9)


def _hang_in_c():
    """A hang the time-limit signal cannot break, as in C code: the signal is blocked."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(3600)


@pytest.mark.parametrize(("jobs", "isolate"), [(2, False), (1, True)])
def test_a_worker_killed_mid_batch_costs_exactly_one_record(monkeypatch, jobs, isolate):
    _with_a_killer(monkeypatch, _die)
    lines = [_line(f"r{n}") for n in range(20)] + [_line("bad", "kill")] + [_line(f"r{n}") for n in range(20, 40)]
    summary, records, errors = _run(lines, jobs=jobs, isolate=isolate)
    assert summary.records_in == 41 and summary.written == 40
    assert errors == [{"line": 21, "id": "bad", "error": "WorkerDied", "message": errors[0]["message"]}]
    assert [r["id"] for r in records] == [f"r{n}" for n in range(40)]  # order kept


def test_a_page_that_hangs_its_worker_costs_that_page_alone(monkeypatch):
    monkeypatch.setattr(workers, "STUCK_AFTER", 1.0)
    _with_a_killer(monkeypatch, _hang_in_c)
    lines = [_line("a"), _line("stuck", "kill"), _line("b")]
    _summary, records, errors = _run(lines, StreamSettings(limits=Limits(time_limit=0.5)), jobs=2)
    assert [r["id"] for r in records] == ["a", "b"]
    assert [(e["id"], e["error"]) for e in errors] == [("stuck", "TimeLimitExceeded")]


def test_two_killers_in_one_batch_cost_two_records(monkeypatch):
    _with_a_killer(monkeypatch, _die)
    lines = [_line("a"), _line("x", "kill"), _line("b"), _line("y", "kill"), _line("c")]
    _summary, records, errors = _run(lines, jobs=2)
    assert [r["id"] for r in records] == ["a", "b", "c"]
    assert [(e["id"], e["error"]) for e in errors] == [("x", "WorkerDied"), ("y", "WorkerDied")]


def test_without_isolation_one_job_cleans_in_this_process(monkeypatch):
    calls = []
    monkeypatch.setattr(workers.WorkerPool, "__init__", lambda *a: calls.append(a) or None)
    summary, _records, _ = _run([_line("a")])
    assert summary.written == 1 and calls == []


def test_records_a_stopped_stream_never_wrote_are_named_by_their_ids():
    """--max-error-rate stops the stream with batches in flight: each of their records is named."""
    bad = [json.dumps({"id": f"bad{n}", "html": 5}).encode() for n in range(120)]
    good = [_line(f"r{n}") for n in range(200)]
    summary, _records, errors = _run(bad + good, jobs=2, max_error_rate=0.5)
    stopped = [e for e in errors if e["error"] == "Stopped"]
    assert summary.records_in == summary.written + summary.errors and stopped
    assert all(e["id"] is not None for e in errors)


@pytest.mark.parametrize("processes", [0, 2])
def test_the_record_layer_gives_one_outcome_per_record_in_order(processes):
    from cleaner.records import Prepared
    from cleaner.stream import clean_lines

    page = b"<html><body><article><p>" + ARTICLE.encode() + b"</p></article></body></html>"
    lines = [(1, _line("a")), (2, b"not json"), (3, Prepared({"id": "p", "url": "https://example.com/"}, page))]
    outcomes = list(clean_lines(lines, SETTINGS, processes=processes))
    assert [line for line, _ in outcomes] == lines
    assert [(out is None, None if err is None else err["id"]) for _, (out, err) in outcomes] == [
        (False, None),
        (True, None),
        (False, None),
    ]
    assert json.loads(outcomes[2][1][0])["text"] == ARTICLE


def test_a_record_whose_batch_fails_whole_costs_that_record_alone(monkeypatch):
    """An exception that escapes a worker's batch (not a record's own failure) is sorted out record by record."""

    def escape():
        raise ValueError("escaped the record")

    _with_a_killer(monkeypatch, escape)
    summary, records, errors = _run([_line("a"), _line("bad", "kill"), _line("b")], jobs=2)
    assert [r["id"] for r in records] == ["a", "b"] and summary.errors == 1
    assert [(e["id"], e["error"]) for e in errors] == [("bad", "ValueError")]
