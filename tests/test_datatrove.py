"""cleaner inside datatrove: a page that fails (raises, hangs, kills its worker) costs that page alone,
lands in the exclusion writer and never fails the task; WARC files are read by cleaner's reader."""

from __future__ import annotations

import gzip
import json
import os
import signal
import time
from pathlib import Path

import fsspec
from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.writers import JsonlWriter

import cleaner.records as records
import cleaner.workers as workers
from cleaner.adapters.datatrove import CleanerStep, CleanerWarcReader
from cleaner.limits import Limits
from cleaner.stream import StreamSettings

from .warc_records import RESPONSE, http_response, warc_record

PROSE = "The minister said on Monday that the talks would resume in the spring, officials said."
PAGE = (
    "<html><head><title>Talks resume</title></head><body><nav><a href='/'>Home</a></nav><article>"
    f"<h1>Talks resume</h1><p>{PROSE} Café owners welcomed the news.</p><p>{PROSE}</p></article></body></html>"
)
CHROME = "Skip to content\n\n{prose}\n\n{prose} Page {name}.\n\nShare this article"  # chrome: counted in stats
CP1252 = "text/html; charset=windows-1252"  # a charset only the HTTP header tells
QUICK = StreamSettings(limits=Limits(time_limit=0.5))


def _with_faults(monkeypatch, faults: dict[str, object]) -> None:
    """Cleaning a page that holds one of `faults`' markers runs its action instead (in the forked workers too)."""
    real = records.clean

    def faulty(source, **options):
        text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
        for marker, action in faults.items():
            if marker in text:
                action()
        return real(source, **options)

    monkeypatch.setattr(records, "clean", faulty)


def _raise():
    raise ValueError("a bug in the page's cleaning")


def _hang_in_c():
    """A hang the time-limit signal cannot break, as in C code: the signal is blocked."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(3600)


def _run(tmp_path: Path, pipeline: list, tasks: int = 1):
    executor = LocalPipelineExecutor(pipeline, tasks=tasks, workers=1, logging_dir=str(tmp_path / "logs"))
    return executor.run()


def _read(folder: Path) -> list[dict]:
    return [json.loads(line) for path in sorted(folder.glob("*.jsonl")) for line in path.read_text().splitlines()]


def _stats(stats, name: str) -> dict[str, int]:
    step = next(s for s in stats.stats if s.name.endswith(name))
    return {key: value.total for key, value in step.stats.items()}


def _writer(folder: Path) -> JsonlWriter:
    return JsonlWriter(str(folder), compression=None)


def test_pages_that_raise_hang_or_kill_their_worker_cost_those_pages_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(workers, "STUCK_AFTER", 1.0)
    _with_faults(monkeypatch, {"RAISE": _raise, "HANG": _hang_in_c, "KILL": lambda: os._exit(9)})
    ids = ["a", "raises", "b", "kills", "c", "hangs", "d"]
    docs = [Document(text=CHROME.format(prose=PROSE, name=name.upper()), id=name) for name in ids]
    step = CleanerStep(QUICK, exclusion_writer=_writer(tmp_path / "excluded"))  # isolated: processes=1
    stats = _run(tmp_path, [docs, step, _writer(tmp_path / "out")])
    out, excluded = _read(tmp_path / "out"), _read(tmp_path / "excluded")
    assert [d["id"] for d in out] == ["a", "b", "c", "d"]  # order kept
    assert [d["text"] for d in out] == [f"{PROSE}\n\n{PROSE} Page {n}." for n in "ABCD"]
    assert out[0]["metadata"]["cleaner"]["input_type"] == "text"
    errors = [(d["id"], d["metadata"]["cleaner_error"]["error"]) for d in excluded]
    assert errors == [("raises", "ValueError"), ("kills", "WorkerDied"), ("hangs", "TimeLimitExceeded")]
    assert all(d["text"].startswith("Skip to content") for d in excluded)  # the page, for a look at what failed
    counts = _stats(stats, "cleaner")
    assert counts["total"] == 7 and counts["cleaned"] == 4 and counts["dropped"] == 3
    assert counts["error_ValueError"] == counts["error_WorkerDied"] == counts["error_TimeLimitExceeded"] == 1
    assert counts["removed_navigation"] == counts["removed_share-widget"] == 4  # for each page cleaned


def test_in_process_bytes_keep_their_charset_and_failures_are_dropped(tmp_path, monkeypatch):
    _with_faults(monkeypatch, {"SLOW": lambda: time.sleep(5), "RAISE": _raise})  # a Python hang: the signal stops it
    cp1252 = {"html": PAGE.encode("cp1252"), "http_headers": {"Content-Type": CP1252}}
    docs = [
        Document(text="", id="bytes", metadata={**cp1252, "url": "https://ex.com/a", "source": "crawl"}),
        Document(text=PAGE.replace("<p>", "<p>SLOW ", 1), id="slow"),
        Document(text="<html><body><nav><a href='/'>Home</a></nav></body></html>", id="empty"),
        Document(text=PAGE.replace("<p>", "<p>RAISE ", 1), id="raises"),
        Document(text=f"{PROSE}\n\n{PROSE}", id="text"),
    ]
    step = CleanerStep(QUICK, processes=0, metadata_key=None, exclusion_writer=_writer(tmp_path / "excluded"))
    started = time.monotonic()
    kept = list(step.run(iter(docs)))
    assert time.monotonic() - started < 4
    assert [d.id for d in kept] == ["bytes", "text"]
    first = kept[0].metadata
    assert "Café owners welcomed the news." in kept[0].text and first["encoding"]["source"] == "http-header"
    assert first["source"] == "crawl" and first["title"] == "Talks resume"  # merged beside the page's own
    assert "html" not in first and "http_headers" not in first  # bytes no JSON writer takes
    excluded = {d["id"]: d["metadata"] for d in _read(tmp_path / "excluded")}
    assert excluded["slow"]["cleaner_error"]["error"] == "TimeLimitExceeded"
    assert excluded["raises"]["cleaner_error"] == {
        "line": 4,
        "id": "raises",
        "error": "ValueError",
        "message": "a bug in the page's cleaning",
    }
    assert excluded["empty"]["filter_reason"] == "empty" and list(excluded) == ["slow", "empty", "raises"]
    assert step.stats["empty"].total == 1 and step.stats["dropped"].total == 3


RECORDS = [
    warc_record("warcinfo", "", b"software: test\r\n", "application/warc-fields", 1),
    warc_record("request", "https://ex.com/a", b"GET /a HTTP/1.1\r\nHost: ex.com\r\n\r\n", "application/http", 2),
    warc_record("response", "https://ex.com/a", http_response("200 OK", CP1252, PAGE.encode("cp1252")), RESPONSE, 3),
    warc_record(
        "response", "https://ex.com/gone", http_response("404 Not Found", "text/html", b"<p>Not found</p>"), RESPONSE, 4
    ),
    warc_record(
        "response", "https://ex.com/x.png", http_response("200 OK", "image/png", b"\x89PNG\r\n<html>"), RESPONSE, 5
    ),
    warc_record("conversion", "https://ex.com/b", f"Talks resume\n\n{PROSE}\n\n{PROSE}".encode(), "text/plain", 6),
]
PAGES = ["<urn:uuid:00000000-0000-0000-0000-000000000003>", "<urn:uuid:00000000-0000-0000-0000-000000000006>"]


def test_warc_pages_are_read_by_cleaner_and_damage_is_counted_not_raised(tmp_path):
    warcs = tmp_path / "warcs"
    warcs.mkdir()
    members = [gzip.compress(r) for r in RECORDS]  # gzipped per record, as Common Crawl's are
    (warcs / "a.warc.gz").write_bytes(b"".join(members))
    (warcs / "b.warc").write_bytes(b"".join(RECORDS)[:900])  # cut short in its first page
    reader = CleanerWarcReader(str(warcs), exclusion_writer=_writer(tmp_path / "damaged"))
    pipeline = [reader, CleanerStep(processes=0), _writer(tmp_path / "out")]
    stats = _run(tmp_path, pipeline, tasks=2)  # a file for each task
    out = _read(tmp_path / "out")
    assert [d["id"] for d in out] == PAGES
    page = out[0]["metadata"]
    assert page["url"] == "https://ex.com/a" and page["warc_filename"] == "a.warc.gz"
    assert page["warc_offset"] == len(members[0] + members[1])  # where a reader seeks to fetch it again
    assert page["warc_date"] == "2024-05-01T10:00:03Z" and page["content_type"].startswith("text/html")
    assert page["cleaner"]["encoding"]["source"] == "http-header" and "html" not in page
    assert "Café owners welcomed the news." in out[0]["text"] and "Home" not in out[0]["text"]
    assert out[1]["metadata"]["cleaner"]["input_type"] == "text"
    counts = _stats(stats, "cleaner WARC")
    assert counts["skipped_warcinfo"] == counts["skipped_request"] == 2  # b.warc's too, before the damage
    assert counts["skipped_not-2xx"] == counts["skipped_not-html"] == counts["error_TruncatedInput"] == 1
    [damaged] = _read(tmp_path / "damaged")
    assert damaged["metadata"]["cleaner_error"]["error"] == "TruncatedInput"
    assert damaged["metadata"]["warc_filename"] == "b.warc"


def test_a_remote_warc_is_read_through_a_local_copy_of_the_same_name():
    remote = fsspec.filesystem("memory")
    with remote.open("/cleaner-test/crawl.warc.gz", "wb") as f:
        f.write(b"".join(gzip.compress(r) for r in RECORDS))
    docs = list(CleanerWarcReader("memory://cleaner-test").run())
    assert [d.id for d in docs] == PAGES and docs[0].metadata["warc_filename"] == "crawl.warc.gz"
    assert docs[0].metadata["html"] == PAGE.encode("cp1252") and docs[0].text == ""
    assert ["Content-Type", CP1252] in docs[0].metadata["http_headers"]
    assert docs[1].text.startswith("Talks resume") and "html" not in docs[1].metadata
