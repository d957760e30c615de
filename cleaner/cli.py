"""`cleaner [FILE|-]`: one document in, its clean text (or JSON) out; `cleaner --jsonl`: a stream.

Exit codes: 0 all good; 1 the input (or some records of a stream) could not be processed;
2 usage or rule-file errors; 3 I/O or fatal errors (a file that cannot be read or written, an
interrupted stream).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterable, Sequence
from typing import IO, Any

from . import __version__
from .copies import CopyIndex
from .document import Document
from .errors import InputError, RuleFileError
from .inputs import close_input, open_input, read_document
from .limits import STREAM_TIME_LIMIT, Limits
from .output import Interrupted, LineWriter, Signals, StopStream
from .pipeline import clean
from .ruleset import load_rules
from .stream import StreamSettings, Summary, numbered_lines, run_lines
from .warc import WarcUnavailable, check_fastwarc, warc_lines

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_FATAL = 0, 1, 2, 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleaner",
        description="Turn a scraped page into clean article text; say what was removed and why.",
        epilog="Exit codes: 0 all good; 1 the input, or some records of a stream, failed; 2 usage or rule-file "
        "errors; 3 I/O or fatal errors.",
    )
    parser.add_argument("file", nargs="?", default="-", help="input file (default: standard input)")
    parser.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="text: the clean article text; json: the whole document with metadata; markdown: the article as "
        "Markdown (in a stream: a 'markdown' field beside the plain 'text')",
    )
    parser.add_argument("--links", action="store_true", help="Markdown and --blocks: keep the page's links")
    parser.add_argument(
        "--images", action="store_true", help="Markdown and --blocks: the page's images, with the blocks they stand by"
    )
    parser.add_argument(
        "--blocks",
        action="store_true",
        help="JSON and streams: add 'blocks', each kept block with its type (heading, paragraph, list, table...)",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="list every removed block with its kind, rule and reason on stderr",
    )
    parser.add_argument("--input-type", choices=("auto", "text", "html"), default="auto")
    parser.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="FILE",
        help="an extra rule file (TOML); may be given more than once",
    )
    parser.add_argument("--url", help="the page's url (selects site rules, goes into the metadata)")
    parser.add_argument("--encoding", help="the input's charset, when known (bytes are decoded with it if it fits)")
    parser.add_argument(
        "--whole-page",
        choices=("auto", "yes", "no"),
        default="auto",
        help="yes: menus and footers surround the article; no: the input is the article already",
    )
    _add_limits(parser)
    _add_stream(parser)
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    return parser


def _add_limits(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("limits (see cleaner.Limits)")
    default = Limits()
    group.add_argument(
        "--max-bytes",
        type=_positive_int,
        default=default.max_input_bytes,
        metavar="N",
        help=f"refuse a document over N bytes (default {default.max_input_bytes:,})",
    )
    group.add_argument(
        "--max-elements",
        type=_positive_int,
        default=default.max_html_elements,
        metavar="N",
        help=f"refuse an HTML page of over N elements (default {default.max_html_elements:,})",
    )
    group.add_argument(
        "--time-limit",
        type=_positive_float,
        metavar="SECONDS",
        help=f"seconds per document (default: none for one document, {STREAM_TIME_LIMIT:g} in a stream)",
    )


def _add_stream(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("streams (--jsonl)")
    group.add_argument(
        "--jsonl",
        action="store_true",
        help="read JSON Lines (gzip read as such), write one cleaned record per line, in order",
    )
    group.add_argument(
        "--warc",
        nargs="+",
        metavar="FILE",
        help="read WARC or WET files (gzip per record, one gzip stream, or plain; needs cleaner[warc]): each 2xx "
        "HTML response (each WET conversion) is a record, written as with --jsonl",
    )
    group.add_argument("--field", help="the input field (default: the first of html, text, content present)")
    group.add_argument(
        "--document-only",
        action="store_true",
        help="write only the cleaned document (id, text, metadata), not the record's other fields",
    )
    group.add_argument("--removed", action="store_true", help="add the removed blocks under 'removed'")
    group.add_argument("--errors", metavar="FILE", help="error records go here as JSON Lines (default: stderr)")
    group.add_argument("--jobs", type=_positive_int, default=1, metavar="N", help="worker processes (default 1)")
    group.add_argument(
        "--isolate",
        action="store_true",
        help="clean in a worker process even with one job: a page that kills or hangs it costs that page alone "
        "(always so with --jobs 2 and more)",
    )
    group.add_argument(
        "--max-error-rate",
        type=_rate,
        metavar="R",
        help="stop once more than this share of records failed (judged from 100 records on)",
    )
    group.add_argument(
        "--progress", action="store_true", help="a progress bar on stderr (shown anyway when stderr is a terminal)"
    )
    group.add_argument(
        "--near-duplicates",
        action="store_true",
        help="say of each record whether its clean text copies an earlier record's: a 'duplicate' field, null or "
        "{duplicate_of (its id, or line number), similarity, containment, method (exact or near)}",
    )
    group.add_argument(
        "--copies-index",
        metavar="FILE",
        help="judge copies against the texts of earlier runs too: read the index from FILE if it exists, and "
        "write it back, with this run's first copies, when the stream ends (implies --near-duplicates)",
    )
    group.add_argument(
        "--drop-duplicates",
        action="store_true",
        help="write only the first copy of each text (implies --near-duplicates); the summary counts those dropped",
    )


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return number


def _positive_float(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise argparse.ArgumentTypeError(f"must be above 0, not {value}")
    return number


def _rate(value: str) -> float:
    number = float(value)
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {value}")
    return number


def _limits(args: argparse.Namespace, stream: bool) -> Limits:
    time_limit = args.time_limit if args.time_limit is not None else (STREAM_TIME_LIMIT if stream else None)
    return Limits(max_input_bytes=args.max_bytes, max_html_elements=args.max_elements, time_limit=time_limit)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if (args.near_duplicates or args.drop_duplicates or args.copies_index) and not (args.jsonl or args.warc):
        parser.error("--near-duplicates, --drop-duplicates and --copies-index need a stream (--jsonl or --warc)")
    with Signals() as signals:
        try:
            return _main_stream(args, signals) if args.jsonl or args.warc else _main_document(args, signals)
        except Interrupted as stop:  # before a stream began, or while cleaning one document
            _say(f"cleaner: stopped by {stop}")
            return EXIT_FATAL


def _main_document(args: argparse.Namespace, signals: Signals) -> int:
    """One document: its clean text (or JSON) on stdout, whole or not at all."""
    try:
        source = read_document(args.file, args.max_bytes)  # gzip decompressed, never past --max-bytes
        whole_page = {"auto": None, "yes": True, "no": False}[args.whole_page]
        doc = clean(
            source,
            url=args.url,
            input_type=args.input_type,
            rules=args.rules or None,
            encoding=args.encoding,
            whole_page=whole_page,
            limits=_limits(args, stream=False),
            images=args.images,
        )
    except RuleFileError as exc:
        _say(f"cleaner: bad rule file: {exc}")
        return EXIT_USAGE
    except OSError as exc:
        _say(f"cleaner: cannot read {_name(args.file)}: {exc}")
        return EXIT_FATAL
    except InputError as exc:
        _say(f"cleaner: cannot process {_name(args.file)}: {exc}")
        return EXIT_INPUT
    if args.explain:
        for removed in doc.removed:
            preview = " ".join(removed.text.split())[:80]
            _say(f"removed block {removed.index} [{removed.kind}] {removed.rule}: {removed.reason}: {preview!r}")
    return _write(_document_output(doc, args), signals)


def _document_output(doc: Document, args: argparse.Namespace) -> str:
    """What one document prints: its text, its Markdown, or its JSON (with the blocks when asked)."""
    if args.format == "markdown":
        return doc.to_markdown(links=args.links, images=args.images)
    if args.format == "json":
        data = doc.to_dict(blocks=args.blocks, links=args.links, images=args.images)
        return json.dumps(data, ensure_ascii=False) + "\n"
    return doc.text + "\n"


def _main_stream(args: argparse.Namespace, signals: Signals) -> int:
    """The --jsonl stream: exit 0 when every record was cleaned, 1 when some failed, 3 when the
    stream itself failed (a signal, an input or output that cannot be read or written)."""
    try:
        for path in args.rules:
            load_rules(path)  # a bad rule file stops the stream before its first record
    except RuleFileError as exc:
        _say(f"cleaner: bad rule file: {exc}")
        return EXIT_USAGE
    settings = StreamSettings(
        field=args.field,
        document_only=args.document_only,
        with_removed=args.removed,
        input_type=args.input_type,
        whole_page={"auto": None, "yes": True, "no": False}[args.whole_page],
        rules=tuple(args.rules),
        limits=_limits(args, stream=True),
        markdown=args.format == "markdown",
        blocks=args.blocks,
        links=args.links,
        images=args.images,
    )
    try:
        copies = _copy_index(args)
    except (OSError, ValueError, KeyError) as exc:  # numpy's reader: a damaged or foreign file
        _say(f"cleaner: cannot read the copy index {args.copies_index}: {exc}")
        return EXIT_USAGE
    try:
        errors: IO[Any] = open(args.errors, "wb") if args.errors else sys.stderr  # noqa: SIM115
        stream = open_input(args.file) if not args.warc else None
    except OSError as exc:
        _say(f"cleaner: cannot open: {exc}")
        return EXIT_FATAL
    try:
        summary = _run_stream(args, stream, errors, settings, signals, copies)
    except WarcUnavailable as exc:
        _say(f"cleaner: {exc}")
        return EXIT_USAGE
    finally:
        _close(stream, errors)
    if args.copies_index and copies is not None and not _saved(copies, args.copies_index):
        return EXIT_FATAL
    if summary is None:
        return EXIT_OK  # the reader stopped early (`| head`): no error of ours
    try:
        LineWriter(sys.stderr, "standard error", signals).write(f"{summary.line()}\n".encode())
    except StopStream:
        summary.fatal = True
    if summary.fatal:
        return EXIT_FATAL
    return EXIT_INPUT if summary.errors else EXIT_OK


def _run_stream(
    args: argparse.Namespace,
    stream: IO[bytes] | None,
    errors: IO[Any],
    settings: StreamSettings,
    signals: Signals,
    copies: CopyIndex | None,
) -> Summary | None:
    """The stream's summary; None when its reader closed the output."""
    progress = args.progress or sys.stderr.isatty()
    summary = Summary()
    if args.warc:
        check_fastwarc()
        lines: Iterable[Any] = warc_lines(args.warc, summary.skipped)
    else:
        lines = numbered_lines(stream, settings.limits.record_bytes())
    try:
        return run_lines(
            lines,
            sys.stdout.buffer,
            errors,
            settings,
            summary=summary,
            jobs=args.jobs,
            isolate=args.isolate,
            max_error_rate=args.max_error_rate,
            progress=progress,
            signals=signals,
            copies=copies,
            drop_copies=args.drop_duplicates,
        )
    except BrokenPipeError:
        _silence_stdout()
        return None
    except OSError as exc:  # not reading or writing (those end the stream with a summary): starting workers
        return Summary(stopped=f"{type(exc).__name__}: {exc}", fatal=True)


def _copy_index(args: argparse.Namespace) -> CopyIndex | None:
    """The index copies are judged against: none, a new one, or the one --copies-index names."""
    if args.copies_index and os.path.exists(args.copies_index):
        return CopyIndex.load(args.copies_index)
    return CopyIndex() if args.near_duplicates or args.drop_duplicates or args.copies_index else None


def _saved(copies: CopyIndex, path: str) -> bool:
    """Write the copy index back for the next run; False (and why, on stderr) when it cannot be."""
    try:
        copies.save(path)
    except OSError as exc:
        _say(f"cleaner: cannot write the copy index {path}: {exc}")
        return False
    return True


def _close(stream: IO[bytes] | None, errors: IO[Any]) -> None:
    """Close what the stream opened (closing the input leaves standard input open)."""
    if stream is not None:
        close_input(stream)
    if errors is not sys.stderr:
        with contextlib.suppress(OSError):  # its lines went out with os.write: no buffer is lost
            errors.close()


def _write(text: str, signals: Signals) -> int:
    """UTF-8 to stdout whatever the locale; a reader that stopped early (`| head`) is no error."""
    try:
        LineWriter(sys.stdout.buffer, "standard output", signals, broken_pipe_is_quiet=True).write(text.encode())
    except BrokenPipeError:
        _silence_stdout()
    except StopStream as exc:  # a full disk: no traceback, one line
        _say(f"cleaner: {exc}")
        return EXIT_FATAL
    return EXIT_OK


def _silence_stdout() -> None:
    """Point stdout at nothing: Python would complain again when it flushes stdout at exit."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _name(path: str) -> str:
    return "standard input" if path == "-" else path


if __name__ == "__main__":
    sys.exit(main())
