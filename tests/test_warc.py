"""WARC and WET input: every HTML page a crawl fetched is cleaned, everything else is counted, damage is reported."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from cleaner.stream import StreamSettings, Summary, run_lines
from cleaner.warc import warc_lines

from .warc_records import RESPONSE, http_response, warc_record

PROSE = "The minister said on Monday that the talks would resume in the spring, officials said."
PAGE = (
    "<html><head><title>Talks resume</title></head><body><nav><a href='/'>Home</a></nav><article>"
    f"<h1>Talks resume</h1><p>{PROSE} Café owners welcomed the news.</p><p>{PROSE}</p></article></body></html>"
)


RECORDS = [
    warc_record("warcinfo", "", b"software: test\r\n", "application/warc-fields", 1),
    warc_record(
        "request",
        "https://ex.com/a",
        b"GET /a HTTP/1.1\r\nHost: ex.com\r\n\r\n",
        "application/http; msgtype=request",
        2,
    ),
    # the charset is only in the HTTP header: the page's bytes are windows-1252
    warc_record(
        "response",
        "https://ex.com/a",
        http_response("200 OK", "text/html; charset=windows-1252", PAGE.encode("cp1252")),
        RESPONSE,
        3,
    ),
    warc_record("metadata", "https://ex.com/a", b"fetchTimeMs: 120\r\n", "application/warc-fields", 4),
    warc_record(
        "response",
        "https://ex.com/gone",
        http_response("404 Not Found", "text/html", b"<html><body>Not found</body></html>"),
        RESPONSE,
        5,
    ),
    warc_record(
        "response",
        "https://ex.com/logo.png",
        http_response("200 OK", "image/png", b"\x89PNG\r\n\x1a\n<html>"),
        RESPONSE,
        6,
    ),
    warc_record(
        "response",
        "https://ex.com/app.js",
        http_response("200 OK", "application/javascript", b"<html><p>x</p>"),
        RESPONSE,
        7,
    ),
    warc_record("revisit", "https://ex.com/a", b"", RESPONSE, 8),
    warc_record(
        "response", "https://ex.com/b", http_response("200 OK", "text/html; charset=utf-8", PAGE.encode()), RESPONSE, 9
    ),
]
PAGES = ["<urn:uuid:00000000-0000-0000-0000-000000000003>", "<urn:uuid:00000000-0000-0000-0000-000000000009>"]
SKIPPED = {"warcinfo": 1, "request": 1, "metadata": 1, "not-2xx": 1, "not-html": 2, "revisit": 1}
LAYOUTS = {
    "plain.warc": b"".join(RECORDS),
    "per-record.warc.gz": b"".join(gzip.compress(r) for r in RECORDS),
    "one-stream.warc.gz": gzip.compress(b"".join(RECORDS)),
}


def _clean(paths: list[Path], **options):
    summary, out, errors = Summary(), io.BytesIO(), io.StringIO()
    lines = warc_lines([str(p) for p in paths], summary.skipped)
    run_lines(lines, out, errors, StreamSettings(), summary=summary, **options)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    return summary, records, [json.loads(line) for line in errors.getvalue().splitlines()]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_html_page_is_cleaned_and_every_other_record_counted(tmp_path, layout):
    path = tmp_path / layout
    path.write_bytes(LAYOUTS[layout])
    summary, records, errors = _clean([path])
    assert [r["id"] for r in records] == PAGES and errors == []
    assert summary.skipped == Counter(SKIPPED) and summary.records_in == summary.written == 2
    first = records[0]
    assert first["url"] == "https://ex.com/a" and first["warc_filename"] == layout
    assert first["warc_date"] == "2024-05-01T10:00:03Z" and first["content_type"].startswith("text/html")
    assert "Café owners welcomed the news." in first["text"] and "Home" not in first["text"]
    assert first["metadata"]["encoding"]["source"] == "http-header"  # the charset came with the page


def test_offsets_point_at_eachwarc_record(tmp_path):
    path = tmp_path / "plain.warc"
    path.write_bytes(LAYOUTS["plain.warc"])
    _, records, _ = _clean([path])
    data = path.read_bytes()
    for record in records:
        assert data[record["warc_offset"] :].startswith(b"WARC/1.1")
        assert record["id"].encode() in data[record["warc_offset"] : record["warc_offset"] + 200]


@pytest.mark.parametrize("layout", ["plain.warc", "per-record.warc.gz"])
def test_a_file_cut_short_ends_in_an_error_record_and_the_next_file_is_read(tmp_path, layout):
    data = LAYOUTS[layout]
    cut = tmp_path / f"cut-{layout}"
    cut.write_bytes(data[: data.index(b"Not found") if layout == "plain.warc" else len(data) * 3 // 5])
    whole = tmp_path / layout
    whole.write_bytes(data)
    summary, records, errors = _clean([cut, whole])
    assert [e["error"] for e in errors] == ["TruncatedInput"] and cut.name in errors[0]["message"]
    assert [r["id"] for r in records][-2:] == PAGES  # the whole file after it, all of it
    assert summary.records_in == summary.written + summary.errors


def test_a_corrupt_gzip_is_an_errorwarc_record(tmp_path):
    data = bytearray(LAYOUTS["one-stream.warc.gz"])
    data[40:60] = b"\x00" * 20
    path = tmp_path / "corrupt.warc.gz"
    path.write_bytes(bytes(data))
    summary, records, errors = _clean([path])
    assert records == [] and [e["error"] for e in errors] == ["CorruptInput"] and summary.errors == 1


def test_wet_conversion_records_are_cleaned_as_text(tmp_path):
    text = f"Skip to content\n\nTalks resume\n\n{PROSE}\n\n{PROSE} More followed.".encode()
    path = tmp_path / "crawl.warc.wet.gz"
    path.write_bytes(gzip.compress(warc_record("conversion", "https://ex.com/a", text, "text/plain", 11)))
    _, [record], _ = _clean([path])
    assert record["metadata"]["input_type"] == "text" and "Skip to content" not in record["text"]


def test_the_same_output_with_two_jobs(tmp_path):
    path = tmp_path / "many.warc.gz"
    path.write_bytes(b"".join(gzip.compress(r) for r in RECORDS * 20))
    one, two = _clean([path]), _clean([path], jobs=2)
    assert one[1] == two[1] and one[0].skipped == two[0].skipped


def test_the_command_line_reads_warc_and_says_what_it_skipped(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(LAYOUTS["per-record.warc.gz"])
    done = subprocess.run(
        [sys.executable, "-m", "cleaner.cli", "--warc", str(path), "--jobs", "2"], capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == PAGES
    assert b"2 records in, 2 written, 0 errors; skipped 7 (" in done.stderr and b"2 not-html" in done.stderr


def test_the_command_line_exits_1_on_a_damaged_file(tmp_path):
    path = tmp_path / "cut.warc"
    path.write_bytes(LAYOUTS["plain.warc"][:900])
    done = subprocess.run([sys.executable, "-m", "cleaner.cli", "--warc", str(path)], capture_output=True, timeout=120)
    assert done.returncode == 1 and b"TruncatedInput" in done.stderr
