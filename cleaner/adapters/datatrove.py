"""cleaner inside datatrove: `CleanerStep` cleans Documents, `CleanerWarcReader` reads WARC and WET files.

Both stand on cleaner's record layer (`cleaner.stream.clean_lines`, `cleaner.warc.warc_lines`), so a
page fails here as it fails in `cleaner --jsonl`: as an error record (counted in the step's stats,
written to its `exclusion_writer`), never as an exception that fails the task. By default each
page is cleaned in a worker process, where a page that kills or hangs it costs that page alone.
Needs datatrove (`pip install datatrove`); the reader needs FastWARC too (`cleaner[warc]`).
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import tempfile
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, closing, contextmanager, nullcontext
from typing import Any, TypeVar

from datatrove.data import Document, DocumentsPipeline
from datatrove.io import DataFolder
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.readers.base import BaseDiskReader
from datatrove.pipeline.writers.disk_base import DiskWriter
from datatrove.utils.typeshelper import StatHints
from fsspec.implementations.local import LocalFileSystem

from ..records import Prepared, StreamSettings, Unreadable
from ..stream import clean_lines
from ..warc import check_fastwarc, warc_lines
from ..workers import Line

__all__ = ["ERROR_KEY", "CleanerStep", "CleanerWarcReader"]

ERROR_KEY = "cleaner_error"  # the metadata key of an excluded Document's error record
T = TypeVar("T")


class CleanerStep(PipelineStep):
    """Each Document's page to its clean text, in input order; a page that fails is dropped.

    The page is `metadata[html_key]` when there (raw bytes keep their charset for cleaner's
    decoder; `metadata[headers_key]`, HTTP headers as pairs or a dict, tell it the server's),
    else `doc.text` (HTML or scraped text). A cleaned Document leaves with `text` the clean text
    and cleaner's metadata under `metadata[metadata_key]` (None: merged into `metadata`,
    cleaner's fields replacing same-named ones); the page and its headers leave its metadata.
    A page with no article text left is dropped as `empty` (as datatrove's extractors drop
    theirs). A page that fails becomes an error record (`metadata["cleaner_error"]`, as
    `cleaner --errors` writes it) on the Document sent to `exclusion_writer`.
    `processes` > 0 cleans in that many worker processes (each pays the warm-up once), where a
    page that kills or hangs its worker costs that page alone; 0 cleans in the task's process.
    Stats: `cleaned`, `empty`, `error_<class>`, `removed_<kind>` (blocks removed, by kind).
    """

    name = "🧹 cleaner"
    type = "🛢 - EXTRAC"

    def __init__(
        self,
        settings: StreamSettings | None = None,
        *,
        processes: int = 1,
        metadata_key: str | None = "cleaner",
        html_key: str = "html",
        headers_key: str = "http_headers",
        keep_removed: bool = False,
        exclusion_writer: DiskWriter | None = None,
    ) -> None:
        super().__init__()
        # document_only: the output line is id, text, metadata; removed: counted by kind
        self.settings = dataclasses.replace(settings or StreamSettings(), document_only=True, with_removed=True)
        self.processes, self.metadata_key, self.keep_removed = processes, metadata_key, keep_removed
        self.html_key, self.headers_key, self.exclusion_writer = html_key, headers_key, exclusion_writer

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        waiting: deque[Document] = deque()  # read, not yet cleaned: the outcomes come in this order
        upstream = _Clock()
        outcomes = clean_lines(self._lines(data, waiting, upstream), self.settings, processes=self.processes)
        with self.exclusion_writer or nullcontext() as writer, closing(outcomes):  # closed: workers stopped
            for _line, (out, error) in _timed(outcomes, self.track_time().update, upstream):
                doc = waiting.popleft()
                self.stat_update(StatHints.total)
                if out is None:
                    self._excluded(doc, writer, rank, error=error)
                elif (cleaned := self._cleaned(doc, out)).text:
                    self.stat_update("cleaned", StatHints.forwarded)
                    self.update_doc_stats(cleaned)
                    yield cleaned
                else:
                    self._excluded(cleaned, writer, rank, reason="empty")

    def _lines(self, data: DocumentsPipeline, waiting: deque[Document], upstream: _Clock) -> Iterator[Line]:
        for number, doc in enumerate(_timed(iter(data), upstream.add), start=1):
            waiting.append(doc)
            yield number, self._prepared(doc)

    def _prepared(self, doc: Document) -> Prepared | Unreadable:
        """The Document as the record layer's record: id and url, the page, its headers, its type."""
        raw = doc.metadata.get(self.html_key)
        source = raw if isinstance(raw, bytes | str) and raw else doc.text
        if not isinstance(source, bytes | str):
            return Unreadable("FieldNotText", f"the page is {type(source).__name__}, not text", record_id=doc.id)
        url = doc.metadata.get("url")
        input_type = self.settings.input_type
        if input_type == "auto" and source is raw:
            input_type = "html"
        fields = {"id": doc.id, "url": url if isinstance(url, str) else None}
        return Prepared(fields, source, _headers(doc.metadata.get(self.headers_key)), input_type)

    def _cleaned(self, doc: Document, out: bytes) -> Document:
        record = json.loads(out)
        removed = record.get("removed") or []
        for kind, count in Counter(block.get("kind") for block in removed).items():
            self.stat_update(f"removed_{kind}", value=count)
        found = record["metadata"]
        if self.keep_removed:
            found["removed"] = removed
        self._drop_page(doc)
        doc.text = record["text"]
        if self.metadata_key:
            doc.metadata[self.metadata_key] = found
        else:
            doc.metadata.update(found)
        return doc

    def _excluded(
        self, doc: Document, writer: DiskWriter | None, rank: int, error: dict | None = None, reason: str = ""
    ) -> None:
        """Counted, and written to the exclusion writer (with the page as text, for a look)."""
        self.stat_update(StatHints.dropped, f"error_{error['error']}" if error else reason)
        if writer is None:
            return
        page = self._drop_page(doc)
        if not doc.text and isinstance(page, bytes | str):
            doc.text = page.decode("utf-8", "replace") if isinstance(page, bytes) else page
        if error:
            doc.metadata[ERROR_KEY] = error
        else:
            doc.metadata["filter_reason"] = reason  # as datatrove's filters name theirs
        writer.write(doc, rank)

    def _drop_page(self, doc: Document) -> object:
        """The page and its headers leave the metadata (bytes that no JSON writer takes)."""
        doc.metadata.pop(self.headers_key, None)
        return doc.metadata.pop(self.html_key, None)


class CleanerWarcReader(BaseDiskReader):
    """The pages of WARC and WET files as Documents, read by cleaner (`cleaner.warc`), for CleanerStep.

    Unlike datatrove's WarcReader, no page's type is sniffed from its bytes and no page is dropped
    for its charset: a 2xx HTML response's raw bytes go to `metadata[html_key]` with its HTTP
    headers (`metadata[headers_key]`), so cleaner decodes them with the server's charset; a WET
    conversion's text is `doc.text`. `id` is the WARC-Record-ID; the metadata holds `url`,
    `warc_date`, `warc_filename`, `warc_offset` and `content_type`. Records that are no page are
    counted in the stats as `skipped_<reason>`; a file cut short or damaged as `error_<kind>`
    (and an error record on `exclusion_writer`), after the pages before the damage. Other
    options (`limit`, `glob_pattern`, `paths_file`...) are BaseDiskReader's. A remote file is
    copied to a local temporary file first: cleaner's WARC reader reads paths.
    """

    name = "🕷 cleaner WARC"

    def __init__(
        self,
        data_folder: Any,
        *,
        html_key: str = "html",
        headers_key: str = "http_headers",
        exclusion_writer: DiskWriter | None = None,
        **reader_options: Any,
    ) -> None:
        check_fastwarc()  # now, with the extra to install, not in the middle of a task
        super().__init__(data_folder, **reader_options)
        self.html_key, self.headers_key, self.exclusion_writer = html_key, headers_key, exclusion_writer
        self._writer: DiskWriter | None = None
        self._rank = 0

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        with self.exclusion_writer or nullcontext() as writer:
            self._writer, self._rank = writer, rank
            yield from super().run(data, rank, world_size)

    def read_file(self, filepath: str) -> DocumentsPipeline:
        skipped: Counter[str] = Counter()
        with ExitStack() as stack:
            try:
                path = stack.enter_context(_local_copy(self.data_folder, filepath))
            except OSError as exc:
                self._damaged(filepath, 1, Unreadable("ReadError", f"{filepath}: {exc}"))
                return
            try:
                for number, page in _timed(warc_lines([path], skipped), self.track_time().update):
                    if isinstance(page, Unreadable):
                        self._damaged(filepath, number, page)
                    else:
                        yield self._document(page, filepath)
            finally:  # also when the reader's `limit` stops the file early
                for why, count in skipped.items():
                    self.stat_update(f"skipped_{why}", value=count)

    def _document(self, page: Prepared, filepath: str) -> Document:
        fields = dict(page.fields)
        record_id = fields.pop("id")
        text = page.source if isinstance(page.source, str) else ""
        if isinstance(page.source, bytes):
            fields[self.html_key] = page.source
            fields[self.headers_key] = [list(pair) for pair in page.headers]
        return Document(text=text, id=record_id, metadata=self._with_defaults(fields, filepath))

    def _damaged(self, filepath: str, number: int, damage: Unreadable) -> None:
        self.stat_update(f"error_{damage.kind}")
        if self._writer is None:
            return
        error = {"line": number, "id": damage.record_id, "error": damage.kind, "message": damage.message}
        metadata = {"warc_filename": os.path.basename(filepath), ERROR_KEY: error}
        doc_id = str(damage.record_id or f"{filepath}#{number}")
        self._writer.write(Document(text="", id=doc_id, metadata=self._with_defaults(metadata, filepath)), self._rank)

    def _with_defaults(self, metadata: dict[str, Any], filepath: str) -> dict[str, Any]:
        """The reader's `default_metadata` and `file_path`, as datatrove's own readers add them."""
        if self.default_metadata:
            metadata = self.default_metadata | metadata
        if getattr(self, "add_file_path", False):
            metadata.setdefault("file_path", self.data_folder.resolve_paths(filepath))
        return metadata


class _Clock:
    """Seconds spent upstream, left out of the step's own time."""

    def __init__(self) -> None:
        self.spent = 0.0

    def add(self, seconds: float) -> None:
        self.spent += seconds


def _timed(items: Iterator[T], add: Callable[[float], None], upstream: _Clock | None = None) -> Iterator[T]:
    """The items, the time each took passed to `add`, less the time spent upstream meanwhile
    (cleaning pulls the Documents it cleans from the steps before it)."""
    while True:
        started, before = time.perf_counter(), upstream.spent if upstream else 0.0
        try:
            item = next(items)
        except StopIteration:
            return
        add(time.perf_counter() - started - ((upstream.spent - before) if upstream else 0.0))
        yield item


def _headers(value: object) -> tuple[tuple[str, str], ...]:
    """HTTP headers as the record layer takes them: from a mapping or name/value pairs; else none."""
    pairs = value.items() if isinstance(value, Mapping) else value if isinstance(value, list | tuple) else ()
    try:
        return tuple((str(name), str(text)) for name, text in pairs)
    except (TypeError, ValueError):  # not pairs: the page is cleaned without them
        return ()


@contextmanager
def _local_copy(folder: DataFolder, filepath: str) -> Iterator[str]:
    """A local path to the file: its own, or a temporary copy under the same name (warc_filename)."""
    if isinstance(folder.fs, LocalFileSystem):
        yield folder.resolve_paths(filepath)
        return
    with tempfile.TemporaryDirectory(prefix="cleaner-warc-") as tmp:
        local = os.path.join(tmp, os.path.basename(filepath))
        with folder.open(filepath, "rb") as remote, open(local, "wb") as copy:
            shutil.copyfileobj(remote, copy, 1 << 20)
        yield local
