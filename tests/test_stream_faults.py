"""Hostile endings of a stream: signals, blocked and full outputs, cut gzip, failing reads.

Whatever ends a stream, its output ends at a whole line and every record read is accounted
for: records in = written + errors, each written record or error record naming its line.
"""

from __future__ import annotations

import errno
import fcntl
import gzip
import io
import json
import os
import re
import resource
import signal
import subprocess
import sys
import termios
import time
import tracemalloc
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.inputs import sniffed
from cleaner.limits import Limits
from cleaner.output import LineWriter, OutputFailed, Signals
from cleaner.stream import StreamSettings, run_stream

ARTICLE = "Skip to content\n\nThe minister said on Monday that the talks would resume in the spring, officials said."
CLEAN = "The minister said on Monday that the talks would resume in the spring, officials said."
SMALL = StreamSettings(limits=Limits(max_record_bytes=100_000, time_limit=30))
SUMMARY = re.compile(rb"cleaner: (\d+) records in, (\d+) written, (\d+) errors")


def _line(number: int, good: bool = True) -> bytes:
    return json.dumps({"id": f"r{number}", "text": ARTICLE}).encode() if good else b"{bad"


def _cli(*args: str, stdout=subprocess.PIPE, **kwargs) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "cleaner.cli", *args]
    return subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, timeout=120, **kwargs)


def _summary(stderr: bytes) -> tuple[int, int, int]:
    [found] = SUMMARY.findall(stderr)
    records_in, written, errors = map(int, found)
    assert records_in == written + errors
    return records_in, written, errors


# --- every ending, in one process ----------------------------------------------------------------


class _Failing(io.BytesIO):
    """An output that fails (or gets a signal) at its `at`-th write."""

    def __init__(self, at: int | None, fault: str) -> None:
        super().__init__()
        self.at, self.fault, self.writes = at, fault, 0

    def write(self, data) -> int:
        self.writes += 1
        if self.writes == self.at:
            if self.fault == "signal":
                os.kill(os.getpid(), signal.SIGTERM)  # arrives in the middle of this line's write
            elif self.fault == "closed":
                raise BrokenPipeError(errno.EPIPE, "Broken pipe")
            else:
                raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(data)


ENDINGS = ("none", "signal", "full-output", "full-errors", "closed-errors", "cut-gzip")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.booleans(), min_size=1, max_size=40),
    st.sampled_from(ENDINGS),
    st.integers(1, 40),
    st.floats(0, 1),
)
def test_every_ending_accounts_for_every_record_read(plan, ending, at, cut):
    data = b"".join(_line(n, good) + b"\n" for n, good in enumerate(plan, 1))
    packed = gzip.compress(data, mtime=0)
    source = packed[: int(cut * len(packed))] if ending == "cut-gzip" else data
    out = _Failing(at, "signal") if ending == "signal" else _Failing(at if ending == "full-output" else None, "full")
    fault = {"full-errors": "full", "closed-errors": "closed"}.get(ending, "none")
    errors = _Failing(at if fault != "none" else None, fault)
    with Signals() as signals:
        summary = run_stream(
            sniffed(io.BufferedReader(io.BytesIO(source))),
            out,
            errors,
            SMALL,
            signals=signals,
        )
    written = out.getvalue()
    assert written == b"" or written.endswith(b"\n")
    records = [json.loads(line) for line in written.splitlines()]
    reported = [json.loads(line) for line in errors.getvalue().splitlines()]
    assert summary.records_in == summary.written + summary.errors
    assert len(records) == summary.written
    if fault == "none":  # every record read is named once, in order: written or an error record
        assert len(reported) == summary.errors
        numbers = sorted([int(r["id"][1:]) for r in records] + [e["line"] for e in reported])
        assert numbers == list(range(1, summary.records_in + 1))
    faulty = out if ending in ("signal", "full-output") else errors if fault != "none" else None
    assert summary.fatal == (faulty is not None and faulty.writes >= at)
    if ending == "cut-gzip" and len(source) >= 2:
        before = zlib.decompressobj(wbits=31).decompress(source)
        whole = before.count(b"\n")
        assert [r["id"] for r in records] == [f"r{n}" for n, good in enumerate(plan[:whole], 1) if good]
        if len(source) < len(packed):
            assert reported[-1]["error"] == "TruncatedInput" and reported[-1]["line"] == whole + 1


def test_a_failing_read_keeps_the_records_before_it():
    class Failing(io.BytesIO):
        def readline(self, size=-1):
            if self.tell() >= 3 * len(_line(1)):
                raise OSError(errno.EIO, "Input/output error")
            return super().readline(size)

    out, errors = io.BytesIO(), io.StringIO()
    source = Failing(b"".join(_line(n) + b"\n" for n in range(1, 9)))
    summary = run_stream(source, out, errors, SMALL)
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == ["r1", "r2", "r3"]
    [error] = [json.loads(line) for line in errors.getvalue().splitlines()]
    assert error["error"] == "ReadError" and error["line"] == 4
    assert summary.fatal and (summary.records_in, summary.written, summary.errors) == (4, 3, 1)


def test_an_output_that_fails_under_workers_loses_no_record():
    out, errors = _Failing(20, "full"), io.StringIO()
    source = io.BytesIO(b"".join(_line(n) + b"\n" for n in range(1, 201)))
    summary = run_stream(source, out, errors, SMALL, jobs=2)
    reported = [json.loads(line) for line in errors.getvalue().splitlines()]
    assert summary.fatal and summary.written == 19 == len(out.getvalue().splitlines())
    assert summary.records_in == summary.written + summary.errors == 19 + len(reported)
    assert [e["line"] for e in reported] == list(range(20, summary.records_in + 1))
    assert {e["error"] for e in reported} == {"NotWritten"}


# --- the command line: a blocked pipe, a full disk, a cut gzip -----------------------------------


def test_a_signal_while_stdout_is_blocked_ends_at_a_whole_line(tmp_path):
    path = tmp_path / "big.jsonl"  # output lines longer than the pipe holds: the write blocks mid-line
    path.write_text("".join(json.dumps({"id": n, "text": ARTICLE, "raw": "x" * 200_000}) + "\n" for n in range(5)))
    command = [sys.executable, "-m", "cleaner.cli", "--jsonl", str(path)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    capacity = fcntl.fcntl(proc.stdout.fileno(), fcntl.F_GETPIPE_SZ)
    while _waiting(proc.stdout.fileno()) < capacity:  # the pipe is full: the writer is blocked
        assert proc.poll() is None
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 3 and out.endswith(b"\n") and b"Traceback" not in err
    records_in, written, errors = _summary(err)
    assert len([json.loads(line) for line in out.splitlines()]) == written >= 1
    assert records_in == 5 and err.count(b'"error": "Interrupted"') == errors


def _waiting(fd: int) -> int:
    buffer = bytearray(4)
    fcntl.ioctl(fd, termios.FIONREAD, buffer)
    return int.from_bytes(buffer, sys.byteorder)


def test_a_cut_gzip_gives_the_records_before_the_cut_and_one_error(tmp_path):
    data = b"".join(_line(n) + b"\n" for n in range(1, 301))
    packed = gzip.compress(data)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(packed[: len(packed) // 2])
    whole = zlib.decompressobj(wbits=31).decompress(path.read_bytes()).count(b"\n")
    done = _cli("--jsonl", str(path))
    assert done.returncode == 1
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == [f"r{n}" for n in range(1, whole + 1)]
    [error] = [json.loads(line) for line in done.stderr.splitlines() if line.startswith(b"{")]
    assert error["error"] == "TruncatedInput" and error["line"] == whole + 1
    assert _summary(done.stderr) == (whole + 1, whole, 1)


def test_a_full_disk_is_exit_3_with_one_line_and_no_traceback(tmp_path):
    records = tmp_path / "records.jsonl"
    records.write_bytes(_line(1) + b"\n{bad\n")
    with open("/dev/full", "wb") as full:
        on_errors = _cli("--jsonl", "--errors", "/dev/full", str(records))
        on_stdout = _cli("--jsonl", "--errors", str(tmp_path / "errors.jsonl"), str(records), stdout=full)
        document = _cli(str(records), stdout=full)
    for done in (on_errors, on_stdout, document):
        assert done.returncode == 3
        assert len(done.stderr.splitlines()) == 1 and b"No space left on device" in done.stderr, done.stderr
    assert _summary(on_errors.stderr) == (2, 1, 1)
    assert _summary(on_stdout.stderr) == (2, 0, 2)


def test_a_file_that_fills_up_mid_line_is_cut_back_to_its_last_whole_line(tmp_path):
    target = tmp_path / "out.jsonl"
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    with open(target, "wb") as out:
        writer = LineWriter(out, "the output")
        writer.write(b"a" * 999 + b"\n")
        resource.setrlimit(resource.RLIMIT_FSIZE, (1500, hard))  # as a full disk: the write is cut short
        try:
            with pytest.raises(OutputFailed, match="cannot write the output"):
                writer.write(b"b" * 999 + b"\n")
        finally:
            resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        writer.write(b"c" * 9 + b"\n")
    assert target.read_bytes() == b"a" * 999 + b"\n" + b"c" * 9 + b"\n"


# --- one document: gzip told by its magic bytes, bounded, damage an input error ------------------


def test_a_gzip_document_is_decompressed(tmp_path, capsys):
    from cleaner.cli import main

    path = tmp_path / "page.txt.gz"
    path.write_bytes(gzip.compress(ARTICLE.encode()))
    assert main([str(path)]) == 0
    assert capsys.readouterr().out == CLEAN + "\n"


def test_a_cut_or_corrupt_gzip_document_is_an_input_error(tmp_path, capsys):
    from cleaner.cli import main

    packed = gzip.compress(((ARTICLE + "\n") * 200).encode())
    cut, corrupt = tmp_path / "cut.gz", tmp_path / "corrupt.gz"
    cut.write_bytes(packed[: len(packed) // 2])
    corrupt.write_bytes(packed[:12] + bytes(b ^ 0xFF for b in packed[12:40]) + packed[40:])
    assert main([str(cut)]) == 1
    assert "cut off" in capsys.readouterr().err
    assert main([str(corrupt)]) == 1
    assert "corrupt" in capsys.readouterr().err


def test_a_gzip_bomb_is_refused_without_decompressing_it(tmp_path, capsys):
    from cleaner.cli import main

    path = tmp_path / "bomb.gz"
    path.write_bytes(gzip.compress(bytes(100_000_000), compresslevel=1))
    tracemalloc.start()
    try:
        assert main(["--max-bytes", "1000", str(path)]) == 1
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "over the limit of 1,000 bytes" in capsys.readouterr().err
    assert peak < 5_000_000  # the hundred megabytes were never made
