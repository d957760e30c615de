"""One stream record (a JSON line, or a record an input reader prepared, such as a WARC
response) to its output line, or to the error record that says why not.

A record's failure, whatever it is, is that record's error record (line number, id, error class,
message); only a StopStream (a BaseException) ends more than the one record.
"""

from __future__ import annotations

import json
import signal
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .limits import STREAM_TIME_LIMIT, Limits, TimeLimitExceeded
from .pipeline import clean

if TYPE_CHECKING:
    from .copies import Signature

INPUT_FIELDS = ("html", "text", "content")  # tried in this order when no --field is given
STREAM_LIMITS = Limits(time_limit=STREAM_TIME_LIMIT)

Result = tuple[bytes | None, dict[str, Any] | None]  # an output line, or an error record
COPY_FIELD = "duplicate"  # the output field that says which earlier record this one copies


@dataclass(frozen=True, slots=True)
class Signed:
    """What the stream's parent needs to judge a cleaned record as a copy: its id and the
    signature of its clean text (made in the worker, where the text is)."""

    record_id: object
    signature: Signature


Outcome = tuple[bytes | None, dict[str, Any] | None, Signed | None]  # a Result, and the Signed when asked for


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
    signatures: bool = False  # sign each clean text for copy detection (its "duplicate" field is the stream's)
    markdown: bool = False  # add the article as Markdown under "markdown"
    blocks: bool = False  # add the kept blocks with their types under "blocks"
    links: bool = False  # ...with the page's links
    images: bool = False  # ...and its images


class RecordError(Exception):
    """A record that cannot be cleaned as given; `kind` is the error class the error record names."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A line that is not read as a record: over the size limit, cut off by damage to the input,
    or the place where reading failed (`fatal`: the stream cannot go on)."""

    kind: str
    message: str
    fatal: bool = False
    record_id: object = None  # the record's id, when the damage left it readable


@dataclass(frozen=True, slots=True)
class Prepared:
    """A record an input reader has already taken apart (a WARC record): its output fields (id, url
    and the crawl's own metadata), the page's bytes or text, its HTTP headers (for the charset),
    and whether it is HTML or text."""

    fields: dict[str, Any]
    source: bytes | str
    headers: tuple[tuple[str, str], ...] = ()
    input_type: str = "html"


def clean_record(number: int, line: bytes | Unreadable | Prepared, settings: StreamSettings) -> Outcome:
    """One input line (or prepared record) to its output line, or to the error record that says why
    not; with `settings.signatures`, the clean text's copy signature too."""
    record_id = None
    try:
        if isinstance(line, Prepared):
            record, source, headers, input_type = line.fields, line.source, line.headers, line.input_type
            record_id = _id_of(record)
        else:
            record, headers, input_type = _parse(line), (), settings.input_type
            record_id = _id_of(record)  # before the field is looked for: a record without it is still named
            source = _source(record, settings.field)
        url = record.get("url") if isinstance(record.get("url"), str) else None
        with _interrupt_after(settings.limits.time_limit):
            doc = clean(
                source,
                url=url,
                input_type=input_type,  # type: ignore[arg-type]
                rules=list(settings.rules) or None,
                headers=headers or None,
                whole_page=settings.whole_page,
                limits=settings.limits,
                images=settings.images and (settings.markdown or settings.blocks),
            )
            shown = {"links": settings.links, "images": settings.images}
            out = _output(record, doc.to_dict(markdown=settings.markdown, blocks=settings.blocks, **shown), settings)
            signed = Signed(record_id, _signature(doc.text)) if settings.signatures else None
        if signed is not None:
            out.pop(COPY_FIELD, None)  # the stream writes its own, at the end
        # A lone surrogate (half an emoji, escaped in the input) leaves as the same JSON escape.
        return (json.dumps(out, ensure_ascii=False) + "\n").encode("utf-8", "backslashreplace"), None, signed
    except Exception as exc:  # a record's failure, whatever it is, is that record's error record
        if record_id is None and isinstance(line, Unreadable):
            record_id = line.record_id
        return None, error_record(number, record_id, exc), None


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


def _parse(line: bytes | Unreadable) -> dict[str, Any]:
    if isinstance(line, Unreadable):
        raise RecordError(line.kind, line.message)
    record = json.loads(line, parse_constant=_not_json)  # bytes: UTF-8 (or UTF-16/32) checked on the way
    if not isinstance(record, dict):
        raise RecordError("NotAnObject", f"a record must be a JSON object, not {type(record).__name__}")
    return record


def _not_json(name: str) -> None:
    raise RecordError("InvalidJSON", f"{name} is not JSON (Python reads it, strict parsers do not)")


def id_of_line(line: bytes | Unreadable | Prepared) -> object:
    """The id of the record on a line, for the error record of a record that failed whole (its
    worker died, the stream stopped): read again here, since the record's own reading was lost."""
    if isinstance(line, Unreadable):
        return line.record_id
    if isinstance(line, Prepared):
        return _id_of(line.fields)
    try:
        return _id_of(_parse(line))
    except Exception:  # a line that is no record has no id to give
        return None


def _id_of(record: dict[str, Any]) -> object:
    value = record.get("id")
    return value if isinstance(value, str | int) and not isinstance(value, bool) else None


def _source(record: dict[str, Any], wanted: str | None) -> str:
    name = wanted or next((f for f in INPUT_FIELDS if f in record), None)
    if name is None or name not in record:
        expected = repr(wanted) if wanted else " or ".join(repr(f) for f in INPUT_FIELDS)
        raise RecordError("MissingField", f"the record has no {expected} field")
    if not isinstance(record[name], str):
        raise RecordError("FieldNotText", f"the {name!r} field is {type(record[name]).__name__}, not a string")
    return record[name]


def _output(record: dict[str, Any], doc: dict[str, Any], settings: StreamSettings) -> dict[str, Any]:
    """The record with its results: `text` (the clean text), `markdown` on request, `metadata`
    (cleaner's fields added to the record's own metadata object), `blocks` and `removed` on
    request; or the cleaned document alone."""
    removed, text = doc.pop("removed"), doc.pop("text")
    markdown, blocks = doc.pop("markdown", None), doc.pop("blocks", None)
    if settings.document_only:
        out: dict[str, Any] = {"id": record["id"]} if "id" in record else {}
        out["text"] = text
    else:
        out = dict(record)
        out["text"] = text
    if settings.markdown:
        out["markdown"] = markdown
    if settings.document_only:
        out["metadata"] = doc
    else:
        own = record.get("metadata")
        out["metadata"] = {**own, **doc} if isinstance(own, dict) else doc if own is None else {"original": own, **doc}
    if settings.blocks:
        out["blocks"] = blocks
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
    if settings.signatures:
        _signature(_WARM_UP_SAMPLES[-1])  # the copies' imports (numpy, datasketch, scipy)


# HTML, undeclared non-UTF-8 bytes (chardet), mojibake (ftfy) and text: each path once.
_WARM_UP_SAMPLES = (
    b"<html><head><title>Talks</title></head><body><article><p>The minister said on Monday that the talks "
    b"would resume in the spring, officials said.</p></article></body></html>",
    "Caf\u00e9 owners said on Monday that the talks would resume \u2013 in the spring.".encode("cp1252"),
    "The caf\u00c3\u00a9 owners said on Monday that the talks would resume in the spring.",
    "Skip to content\n\nThe minister said on Monday that the talks would resume in the spring.",
)


def _signature(text: str) -> Signature:
    """`copies.signature`, imported on first use: the copies' arithmetic needs numpy, which a
    process that cleans one page and exits (a shell pipeline's) need not load."""
    from .copies import signature

    return signature(text)
