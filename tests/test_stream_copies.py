"""Copies in a stream: `cleaner --jsonl --near-duplicates`, `--drop-duplicates`, and with `--warc`."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from cleaner.copies import CopyIndex, Match, signature
from cleaner.limits import Limits
from cleaner.stream import StreamSettings, clean_lines, numbered_lines, run_stream, with_copy_field

from .conftest import FIXTURES
from .warc_records import RESPONSE, http_response, warc_record

SEEDS = [path.read_text(encoding="utf-8") for path in sorted((FIXTURES / "seeds").glob("00*.txt"))]
SETTINGS = StreamSettings(limits=Limits(time_limit=30))


def _line(record_id: object, text: str, **fields: object) -> bytes:
    record = {"text": text, **fields} if record_id is None else {"id": record_id, "text": text, **fields}
    return json.dumps(record).encode()


def _run(lines: list[bytes], **options):
    out, errors = io.BytesIO(), io.StringIO()
    summary = run_stream(io.BytesIO(b"\n".join(lines) + b"\n"), out, errors, SETTINGS, **options)
    return summary, out.getvalue(), [json.loads(line) for line in errors.getvalue().splitlines()]


def _records(output: bytes) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


SEED_LINES = [_line(f"seed{n}", text, url=f"https://site{n}.example/story") for n, text in enumerate(SEEDS)]


def test_the_seeds_in_a_stream():
    summary, output, _ = _run(SEED_LINES, copies=CopyIndex())
    duplicates = [record["duplicate"] for record in _records(output)]
    assert duplicates[0] is None and duplicates[2:] == [None, None, None]
    assert duplicates[1]["duplicate_of"] == "seed0" and duplicates[1]["method"] == "near"
    assert set(duplicates[1]) == {"duplicate_of", "similarity", "containment", "method"}
    assert summary.copies == {"near": 1} and summary.line().endswith("1 copies of earlier records (0 exact, 1 near)")


def test_001_first_makes_000_the_copy():
    _, output, _ = _run([SEED_LINES[1], SEED_LINES[0]], copies=CopyIndex())
    assert [r["duplicate"] and r["duplicate"]["duplicate_of"] for r in _records(output)] == [None, "seed1"]


def test_detection_never_changes_what_else_is_written():
    lines = [*SEED_LINES, SEED_LINES[0], _line(None, SEEDS[1], duplicate="theirs")]
    _, plain, _ = _run(lines)
    _, judged, _ = _run(lines, copies=CopyIndex())
    for before, after in zip(_records(plain), _records(judged), strict=True):
        duplicate = after.pop("duplicate")
        before.pop("duplicate", None)  # a "duplicate" field of the input's is replaced by the stream's
        assert after == before
        assert duplicate is None or duplicate["method"] in ("exact", "near")
    assert [r["duplicate"] and r["duplicate"]["method"] for r in _records(judged)][-2:] == ["exact", "near"]


def test_the_copy_field_is_added_byte_for_byte():
    line = b'{"id": "a", "text": "caf\xc3\xa9"}\n'
    assert with_copy_field(line, None) == b'{"id": "a", "text": "caf\xc3\xa9", "duplicate": null}\n'
    added = with_copy_field(line, Match("\ud800x", 0.8123, "near", 0.9))
    assert added.startswith(line[:-2] + b', "duplicate": {')
    assert json.loads(added)["duplicate"] == {
        "duplicate_of": "\ud800x",
        "similarity": 0.812,
        "containment": 0.9,
        "method": "near",
    }
    assert json.loads(with_copy_field(b"{}\n", None)) == {"duplicate": None}
    with pytest.raises(ValueError):
        with_copy_field(b"[1]\n", None)


def test_a_record_without_an_id_is_known_by_its_line_number():
    _, output, _ = _run([_line(None, SEEDS[0]), b"", _line(None, SEEDS[0])], copies=CopyIndex())
    assert _records(output)[1]["duplicate"]["duplicate_of"] == 1


def test_dropping_copies_keeps_the_accounting():
    lines = [SEED_LINES[0], b"{bad", SEED_LINES[1], SEED_LINES[2], SEED_LINES[0], _line("again", SEEDS[2])]
    summary, output, errors = _run(lines, drop_copies=True)
    assert [r["id"] for r in _records(output)] == ["seed0", "seed2"]
    assert all(r["duplicate"] is None for r in _records(output))
    assert (summary.records_in, summary.written, summary.errors, summary.dropped) == (6, 2, 1, 3)
    assert summary.records_in == summary.written + summary.errors + summary.dropped
    assert summary.copies == {"near": 1, "exact": 2}
    assert "6 records in, 2 written, 1 errors, 3 copies dropped (2 exact, 1 near)" in summary.line()
    assert [e["line"] for e in errors] == [2]


def test_an_error_record_in_the_middle_is_unchanged_by_detection():
    lines = [SEED_LINES[0], b'{"id": "x", "title": "no text"}', b"{bad", SEED_LINES[1]]
    plain_errors = _run(lines)[2]
    summary, output, errors = _run(lines, copies=CopyIndex())
    assert errors == plain_errors and [e["error"] for e in errors] == ["MissingField", "InvalidJSON"]
    assert [r["duplicate"] and r["duplicate"]["duplicate_of"] for r in _records(output)] == [None, "seed0"]
    assert summary.records_in == 4 == summary.written + summary.errors


def test_two_jobs_decide_what_one_job_decides():
    lines = [SEED_LINES[n % 5] if n % 7 else b"{bad" for n in range(40)]
    lines += [_line(f"u{n}", f"{SEEDS[n % 5][:3000]} unique tail {n}") for n in range(20)]
    one = _run(lines, copies=CopyIndex())
    two = _run(lines, copies=CopyIndex(), jobs=2)
    assert one[1] == two[1] and one[2] == two[2]
    assert one[0].copies == two[0].copies and sum(one[0].copies.values()) > 30


def test_an_index_given_holds_an_earlier_crawl(tmp_path):
    index = CopyIndex()
    index.add("yesterday", signature(" ".join(SEEDS[0].split()[40:])))
    path = tmp_path / "crawl.npz"
    index.save(path)
    _, output, _ = _run([SEED_LINES[0]], copies=CopyIndex.load(path))
    assert _records(output)[0]["duplicate"]["duplicate_of"] == "yesterday"


def test_the_record_layer_hands_signatures_on_request():
    lines = list(numbered_lines(io.BytesIO(b"\n".join([SEED_LINES[0], b"{bad"]) + b"\n"), None))
    outcomes = [outcome for _, outcome in clean_lines(lines, SETTINGS, signed=True)]
    (text, error, signed), (no_text, bad, no_signature) = outcomes
    assert error is None and signed.record_id == "seed0"
    assert signed.signature == signature(json.loads(text)["text"])
    assert no_text is None and bad["error"] == "InvalidJSON" and no_signature is None
    assert [len(outcome) for _, outcome in clean_lines(lines, SETTINGS)] == [2, 2]


# --- the command line --------------------------------------------------------------------------


def _cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleaner.cli", *args], input=stdin, capture_output=True, timeout=120)


def test_the_command_line_flags():
    stdin = b"\n".join([SEED_LINES[0], SEED_LINES[1], SEED_LINES[0]]) + b"\n"
    marked = _cli("--jsonl", "--near-duplicates", stdin=stdin)
    assert marked.returncode == 0, marked.stderr
    assert [r["duplicate"] and r["duplicate"]["method"] for r in _records(marked.stdout)] == [None, "near", "exact"]
    assert b"3 records in, 3 written, 0 errors; 2 copies of earlier records (1 exact, 1 near)" in marked.stderr
    dropped = _cli("--jsonl", "--drop-duplicates", "--jobs", "2", stdin=stdin)
    assert dropped.returncode == 0 and dropped.stdout.count(b"\n") == 1
    assert b"3 records in, 1 written, 0 errors, 2 copies dropped (1 exact, 1 near)" in dropped.stderr
    plain = _cli("--jsonl", stdin=stdin)
    assert b"duplicate" not in plain.stdout and b"copies" not in plain.stderr
    alone = _cli("--near-duplicates", stdin=SEEDS[0].encode())
    assert alone.returncode == 2 and b"need a stream" in alone.stderr


def test_the_command_line_with_warc(tmp_path):
    pytest.importorskip("fastwarc")
    paragraphs = SEEDS[0].split("\n\n")
    trimmed = "\n\n".join(paragraphs[:2] + paragraphs[4:-3])  # a copy that drops five paragraphs
    pages = [SEEDS[0], SEEDS[2], trimmed]
    records = [
        warc_record(
            "response",
            f"https://site{n}.example/story",
            http_response(
                "200 OK", "text/html", f"<html><body><article><pre>{page}</pre></article></body></html>".encode()
            ),
            RESPONSE,
            n,
        )
        for n, page in enumerate(pages)
    ]
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"".join(records))
    done = _cli("--warc", str(path), "--near-duplicates")
    assert done.returncode == 0, done.stderr
    written = _records(done.stdout)
    assert [r["duplicate"] is None for r in written] == [True, True, False]
    assert (
        written[2]["duplicate"]["duplicate_of"] == written[0]["id"] == "<urn:uuid:00000000-0000-0000-0000-000000000000>"
    )


@pytest.mark.parametrize("signatures", [True, False])
def test_the_warm_up_loads_the_copies_imports_only_for_a_stream_that_signs(signatures):
    """A time-limit signal inside an import would leave it half loaded: the copies' imports
    (numpy, datasketch, scipy: a third of a second) are paid before the first record's limit."""
    code = (
        "import sys\n"
        "from cleaner.records import warm_up\n"
        "from cleaner.stream import StreamSettings\n"
        f"warm_up(StreamSettings(signatures={signatures}))\n"
        "print('datasketch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == str(signatures)
