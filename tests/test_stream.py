"""`cleaner --jsonl`: every record comes out once, in order, cleaned or as an error record."""

from __future__ import annotations

import gzip
import io
import json
import signal
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.limits import Limits
from cleaner.stream import StreamSettings, run_stream

ARTICLE = "Skip to content\n\nThe minister said on Monday that the talks would resume in the spring, officials said."
CLEAN = "The minister said on Monday that the talks would resume in the spring, officials said."


def _good(n: int) -> bytes:
    return json.dumps({"id": f"r{n}", "text": ARTICLE, "url": "https://example.com/a", "lang": "en"}).encode()


# One kind of bad line each, and the error class its error record must name.
BAD_LINES = {
    b"{not json": "InvalidJSON",
    b'{"id": "x", "text": "\xff\xfe"}': "UndecodableBytes",
    b"[1, 2]": "NotAnObject",
    b'{"id": "y", "title": "no input field"}': "MissingField",
    b'{"id": "z", "text": 42}': "FieldNotText",
    b'{"id": "big", "text": "' + b"a" * 600 + b'"}': "RecordTooLarge",
}
SMALL = StreamSettings(limits=Limits(max_record_bytes=500, time_limit=30))


def _run(lines: list[bytes], settings: StreamSettings = SMALL, **kwargs):
    out, errors = io.BytesIO(), io.StringIO()
    summary = run_stream(io.BytesIO(b"\n".join(lines) + b"\n"), out, errors, settings, **kwargs)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    return summary, records, [json.loads(line) for line in errors.getvalue().splitlines()]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.one_of(st.integers(0, 10**6), st.sampled_from(sorted(BAD_LINES))), max_size=40))
def test_every_record_comes_out_once_in_order(plan):
    lines = [_good(item) if isinstance(item, int) else item for item in plan]
    summary, records, errors = _run(lines)
    assert summary.records_in == len(lines) == summary.written + summary.errors
    assert [r["id"] for r in records] == [f"r{item}" for item in plan if isinstance(item, int)]
    assert [e["line"] for e in errors] == [n for n, item in enumerate(plan, 1) if not isinstance(item, int)]
    assert [e["error"] for e in errors] == [BAD_LINES[item] for item in plan if not isinstance(item, int)]


def test_a_cleaned_record_keeps_its_fields_and_gains_text_and_metadata():
    line = json.dumps({"id": 7, "text": ARTICLE, "lang": "en", "metadata": {"source": "crawl"}}).encode()
    _, [record], _ = _run([line])
    assert record["id"] == 7 and record["lang"] == "en"
    assert record["text"] == CLEAN
    assert record["metadata"]["source"] == "crawl" and record["metadata"]["input_type"] == "text"
    assert "removed" not in record


def test_document_only_and_removed():
    settings = StreamSettings(document_only=True, with_removed=True)
    _, [record], _ = _run([_good(1)], settings)
    assert set(record) == {"id", "text", "metadata", "removed"}
    assert record["removed"][0]["rule"] == "nav.skip-to-content"


def test_the_field_can_be_named():
    line = json.dumps({"body": ARTICLE, "text": "not this one"}).encode()
    _, [record], _ = _run([line], StreamSettings(field="body"))
    assert record["text"] == CLEAN and record["body"] == ARTICLE


def test_html_field_is_preferred_and_kept():
    page = "<html><head><title>T</title></head><body><article><p>" + CLEAN + "</p></article></body></html>"
    _, [record], _ = _run([json.dumps({"html": page, "text": "scraper text"}).encode()])
    assert record["html"] == page
    assert CLEAN in record["text"]


def test_a_record_over_the_time_limit_is_an_error_record():
    _, records, [error] = _run([_good(1)], StreamSettings(limits=Limits(time_limit=1e-9)))
    assert records == [] and error["error"] == "TimeLimitExceeded" and error["id"] == "r1"


def test_blank_lines_are_not_records():
    summary, records, _ = _run([_good(1), b"", b"   ", _good(2)])
    assert summary.records_in == 2 and len(records) == 2


def test_too_many_errors_stop_the_stream_early():
    summary, _, errors = _run([b"{bad"] * 300, max_error_rate=0.5)
    assert summary.stopped and summary.records_in < 300 and len(errors) == summary.errors


def test_two_jobs_write_what_one_job_writes():
    lines = [_good(n) if n % 7 else b"{bad" for n in range(60)]
    one, two = _run(lines), _run(lines, jobs=2)
    assert one[1] == two[1] and one[2] == two[2]


def test_limits_in_the_library():
    with pytest.raises(cleaner.InputTooLarge):
        cleaner.clean("x" * 100, limits=cleaner.Limits(max_input_bytes=10))
    with pytest.raises(cleaner.TooComplex):
        cleaner.clean("<html><body>" + "<p>a</p>" * 50 + "</body></html>", limits=cleaner.Limits(max_html_elements=20))
    with pytest.raises(cleaner.TimeLimitExceeded):
        cleaner.clean(ARTICLE, limits=cleaner.Limits(time_limit=1e-9))


# --- the command line --------------------------------------------------------------------------


def _cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleaner.cli", *args], input=stdin, capture_output=True, timeout=120)


def test_exit_codes_and_summary(tmp_path):
    good = b"\n".join([_good(1), _good(2)]) + b"\n"
    ok = _cli("--jsonl", stdin=good)
    assert ok.returncode == 0 and ok.stdout.count(b"\n") == 2
    assert b"2 records in, 2 written, 0 errors" in ok.stderr
    some_bad = _cli("--jsonl", "--errors", str(tmp_path / "errors.jsonl"), stdin=good + b"{bad\n")
    assert some_bad.returncode == 1
    assert json.loads((tmp_path / "errors.jsonl").read_text())["error"] == "InvalidJSON"
    rules = tmp_path / "bad.toml"
    rules.write_text("[[rule]]\nid = 'x'\n")
    assert _cli("--jsonl", "--rules", str(rules), stdin=good).returncode == 2
    assert _cli("--jsonl", str(tmp_path / "missing.jsonl")).returncode == 3


def test_gzip_input_is_read_as_such(tmp_path):
    path = tmp_path / "crawl.jsonl.gz"
    path.write_bytes(gzip.compress(_good(1) + b"\n"))
    done = _cli("--jsonl", str(path))
    assert done.returncode == 0 and json.loads(done.stdout)["text"] == CLEAN


def _stream_process() -> subprocess.Popen:
    command = [sys.executable, "-m", "cleaner.cli", "--jsonl"]
    return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_a_closed_stdout_ends_the_stream_quietly():
    lines = b"\n".join(_good(n) for n in range(400)) + b"\n"
    proc = _stream_process()
    proc.stdin.write(lines)
    proc.stdin.close()
    proc.stdout.readline()
    proc.stdout.close()
    assert proc.wait(timeout=60) == 0
    assert b"Traceback" not in proc.stderr.read()


def test_sigterm_stops_after_the_records_already_written():
    proc = _stream_process()
    proc.stdin.write(b"\n".join(_good(n) for n in range(20)) + b"\n")
    proc.stdin.flush()  # stdin stays open: the stream waits for more
    written = [proc.stdout.readline() for _ in range(16)]  # one batch is written once cleaned
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 3
    assert all(json.loads(line)["text"] == CLEAN for line in written)
    assert b"stopped: signal SIGTERM" in proc.stderr.read()


def test_a_worker_that_dies_loses_no_record(monkeypatch):
    import os

    import cleaner.workers as workers

    real = workers.clean_record

    def deadly(number, line, settings):
        if line and b"die" in line:
            os._exit(1)  # the worker process is killed under its batch
        return real(number, line, settings)

    monkeypatch.setattr(workers, "clean_record", deadly)  # workers are forked: they see it too
    lines = [_good(n) for n in range(40)] + [b'{"text": "die"}'] + [_good(n) for n in range(40, 64)]
    summary, records, errors = _run(lines, jobs=2)
    assert summary.records_in == 65 == summary.written + summary.errors
    assert 41 in [e["line"] for e in errors if e["error"] == "WorkerDied"]
    failed_lines = {e["line"] for e in errors}
    for number, line in enumerate(lines, 1):  # each record written, or named by an error record
        assert number in failed_lines or json.loads(line)["id"] in {r["id"] for r in records}


def test_nan_and_infinity_are_not_json():
    _, _, [error] = _run([b'{"id": "n", "text": "The minister said so.", "score": NaN}'])
    assert error["error"] == "InvalidJSON" and error["id"] is None


def test_a_lone_surrogate_does_not_stop_the_stream():
    line = b'{"id": "s", "text": "The minister said on Monday that talks would resume \\ud800."}'
    _, [record], _ = _run([line])
    assert record["text"].endswith("resume \ufffd.")  # replaced when decoded: the output is valid UTF-8


def test_the_size_limit_counts_utf8_bytes():
    with pytest.raises(cleaner.InputTooLarge):
        cleaner.clean("é" * 6, limits=cleaner.Limits(max_input_bytes=10))  # 6 characters, 12 bytes
    assert cleaner.clean("é" * 5, limits=cleaner.Limits(max_input_bytes=10)).text == "é" * 5


def test_start_up_costs_are_not_charged_to_the_first_records():
    done = _cli("--jsonl", "--time-limit", "0.3", stdin=b"\n".join(_good(n) for n in range(3)) + b"\n")
    assert done.returncode == 0, done.stderr
    assert b"3 records in, 3 written, 0 errors" in done.stderr


def test_a_signal_does_not_wait_for_the_workers_slow_records(tmp_path):
    comments = "".join(f"<div class='c'><p>Reader {i} wrote: the talks resume.</p></div>" for i in range(40_000))
    page = (
        f"<html><body><article><p>{'The talks resume in spring, he said. ' * 5}</p>{comments}</article></body></html>"
    )
    path = tmp_path / "slow.jsonl"
    path.write_text("\n".join(json.dumps({"id": n, "html": page}) for n in range(16)) + "\n")
    command = [sys.executable, "-m", "cleaner.cli", "--jsonl", "--jobs", "2", "--time-limit", "600", str(path)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        proc.wait(timeout=4)  # the workers are busy with their first pages, seconds each
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=8) == 3  # not the minute the queued pages would take
    assert b"stopped: signal SIGTERM" in proc.stderr.read()


def test_an_error_record_with_a_lone_surrogate_is_written(tmp_path):
    errors = tmp_path / "errors.jsonl"
    done = _cli("--jsonl", "--errors", str(errors), stdin=b'{"id": "\\ud800", "title": "no input field"}\n')
    assert done.returncode == 1, done.stderr
    error = json.loads(errors.read_text(encoding="utf-8"))
    assert error["id"] == "\ud800" and error["error"] == "MissingField"
