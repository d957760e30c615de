"""WARC and WET input (`cleaner --warc FILE...`): each page a crawl fetched, as a stream record.

Read with FastWARC (the extra `cleaner[warc]`) in quirks mode, gzip per record, one gzip stream or
plain. A record is cleaned when it is a 2xx `response` (or a `resource`) whose HTTP (or WARC)
`Content-Type` is HTML, never sniffed from the bytes: a crawl's images and scripts are not pages
because their bytes look like markup. The HTTP headers travel with the page, so its charset is
the server's. A WET file's `conversion` records are the pages' text and are cleaned as text.
Every other record is skipped and counted by why: `request`, `metadata`, `revisit`, `warcinfo`,
`not-html`, `not-2xx`. A file cut short or damaged ends in an error record (`TruncatedInput`,
`CorruptInput`) after the records before the damage; the next file is read all the same.

The record's output keeps the crawl's facts apart from what cleaner found: `id` is the
WARC-Record-ID, `url` the WARC-Target-URI, `warc_date`, `warc_filename`, `warc_offset` (the byte
offset of the record, or of its gzip member) and `content_type`; cleaner's own fields, its url
and date among them, are under `metadata`.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from .records import Prepared, Unreadable

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_SKIPPED_TYPES = ("request", "metadata", "revisit", "warcinfo", "continuation", "unknown")


class WarcUnavailable(ImportError):
    """FastWARC is not installed: it comes with the extra `cleaner[warc]`."""


def warc_lines(paths: Iterable[str], skipped: Counter[str]) -> Iterator[tuple[int, Prepared | Unreadable]]:
    """The pages of the WARC (or WET) files, numbered from 1 across them; the records that are no
    page counted in `skipped` by reason."""
    iterator = _archive_iterator()
    number = 0
    for path in paths:
        name = os.path.basename(path)
        try:
            with open(path, "rb") as stream:
                for record in iterator(stream, parse_http=True, quirks_mode=True, fsspec_args=False):
                    page = _read(record, name, skipped)
                    if page is not None:
                        number += 1
                        yield number, page
                        if isinstance(page, Unreadable):
                            break  # the file ends at the damage
        except OSError as exc:  # a damaged gzip stream, or a file that cannot be read
            number += 1
            kind = "ReadError" if isinstance(exc, FileNotFoundError | PermissionError) else "CorruptInput"
            yield number, Unreadable(kind, f"{name}: {exc}")


def check_fastwarc() -> None:
    """Raise WarcUnavailable now, before a stream starts, when FastWARC is missing."""
    _archive_iterator()


def _archive_iterator():
    try:
        from fastwarc.warc import ArchiveIterator
    except ImportError as exc:
        raise WarcUnavailable("WARC input needs FastWARC: pip install 'cleaner[warc]'") from exc
    return ArchiveIterator


def _read(record: Any, filename: str, skipped: Counter[str]) -> Prepared | Unreadable | None:
    """`_page`, with a record that FastWARC cannot take apart as the damage that ends its file."""
    try:
        return _page(record, filename, skipped)
    except Exception as exc:  # a malformed record: the reader's error is this record's, never the stream's
        where = f"{filename} at byte {getattr(record, 'stream_pos', '?')}"
        return Unreadable("CorruptInput", f"{where}: {type(exc).__name__}: {exc}")


def _page(record: Any, filename: str, skipped: Counter[str]) -> Prepared | Unreadable | None:
    """A record as a page to clean, as the damage that ends its file, or None (counted as skipped)."""
    record_id = record.headers.get("WARC-Record-ID")
    if not record_id or record.headers.get("Content-Length") is None:
        return _cut_short(record, filename, None)  # its headers end before they are whole
    skip, input_type, content_type, headers = _kind_of(record)
    if skip is not None:
        if record.reader.consume() < record.content_length:
            return _cut_short(record, filename, record_id)
        skipped[skip] += 1
        return None
    body = record.reader.read()
    if len(body) < record.content_length:
        return _cut_short(record, filename, record_id)
    fields = {
        "id": record_id,
        "url": record.headers.get("WARC-Target-URI") or None,
        "warc_date": record.headers.get("WARC-Date") or None,
        "warc_filename": filename,
        "warc_offset": record.stream_pos,
        "content_type": content_type or None,
    }
    # WET text is UTF-8 by the format's definition; a page's bytes keep their charset for decode.
    source: bytes | str = body.decode("utf-8", errors="replace") if input_type == "text" else body
    return Prepared(fields, source, headers, input_type)


def _kind_of(record: Any) -> tuple[str | None, str, str, tuple[tuple[str, str], ...]]:
    """Why the record is skipped (None: it is a page), how to read it, its content type and headers."""
    kind = str(record.record_type)  # "response", "request", "conversion"...
    warc_type = record.headers.get("Content-Type") or ""
    if kind in _SKIPPED_TYPES:
        return kind, "", warc_type, ()
    if kind == "conversion":
        return None, "text", warc_type, ()
    http = record.http_headers if record.is_http else None
    if http is not None and not 200 <= (http.status_code or 0) < 300:
        return "not-2xx", "", warc_type, ()
    content_type = (record.http_content_type if http is not None else warc_type) or ""
    if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        return "not-html", "", content_type, ()
    headers = tuple(http.items()) if http is not None else (("Content-Type", warc_type),)
    return None, "html", content_type, headers


def _cut_short(record: Any, filename: str, record_id: str | None) -> Unreadable:
    where = f"{filename} at byte {record.stream_pos}"
    return Unreadable("TruncatedInput", f"{where}: the record is cut short", record_id=record_id)
