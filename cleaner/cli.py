"""`cleaner [FILE|-]`: one document in, its clean text (or JSON) out; `cleaner --jsonl`: a stream.

Exit codes: 0 all good; 1 the input (or some records of a stream) could not be processed;
2 usage or rule-file errors; 3 I/O or fatal errors (a file that cannot be read or written, an
interrupted stream).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from collections.abc import Sequence
from contextlib import contextmanager

from . import __version__
from .errors import InputError, RuleFileError
from .limits import STREAM_TIME_LIMIT, Limits
from .pipeline import clean
from .ruleset import load_rules
from .stream import Interrupted, StreamSettings, open_input, run_stream

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
        choices=("text", "json"),
        default="text",
        help="text: the clean article text; json: the whole document with metadata",
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
        "--max-error-rate",
        type=_rate,
        metavar="R",
        help="stop once more than this share of records failed (judged from 100 records on)",
    )
    group.add_argument(
        "--progress", action="store_true", help="a progress bar on stderr (shown anyway when stderr is a terminal)"
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
    args = build_parser().parse_args(argv)
    if args.jsonl:
        return _main_stream(args)
    try:
        source = _read(args.file)
        whole_page = {"auto": None, "yes": True, "no": False}[args.whole_page]
        doc = clean(
            source,
            url=args.url,
            input_type=args.input_type,
            rules=args.rules or None,
            encoding=args.encoding,
            whole_page=whole_page,
            limits=_limits(args, stream=False),
        )
    except RuleFileError as exc:
        print(f"cleaner: bad rule file: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"cleaner: cannot read {_name(args.file)}: {exc}", file=sys.stderr)
        return EXIT_FATAL
    except InputError as exc:
        print(f"cleaner: cannot process {_name(args.file)}: {exc}", file=sys.stderr)
        return EXIT_INPUT
    if args.explain:
        for removed in doc.removed:
            preview = " ".join(removed.text.split())[:80]
            print(
                f"removed block {removed.index} [{removed.kind}] {removed.rule}: {removed.reason}: {preview!r}",
                file=sys.stderr,
            )
    out = json.dumps(doc.to_dict(), ensure_ascii=False) if args.format == "json" else doc.text
    _write(out + "\n")
    return EXIT_OK


def _main_stream(args: argparse.Namespace) -> int:
    """The --jsonl stream: exit 0 when every record was cleaned, 1 when some failed."""
    try:
        for path in args.rules:
            load_rules(path)  # a bad rule file stops the stream before its first record
    except RuleFileError as exc:
        print(f"cleaner: bad rule file: {exc}", file=sys.stderr)
        return EXIT_USAGE
    settings = StreamSettings(
        field=args.field,
        document_only=args.document_only,
        with_removed=args.removed,
        input_type=args.input_type,
        whole_page={"auto": None, "yes": True, "no": False}[args.whole_page],
        rules=tuple(args.rules),
        limits=_limits(args, stream=True),
    )
    try:
        stream = open_input(args.file)
        errors = open(args.errors, "w", encoding="utf-8") if args.errors else sys.stderr  # noqa: SIM115
    except OSError as exc:
        print(f"cleaner: cannot open: {exc}", file=sys.stderr)
        return EXIT_FATAL
    progress = args.progress or sys.stderr.isatty()
    try:
        with _stopped_by_signals():
            summary = run_stream(
                stream,
                sys.stdout.buffer,
                errors,
                settings,
                jobs=args.jobs,
                max_error_rate=args.max_error_rate,
                progress=progress,
            )
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK  # the reader stopped early (`| head`): no error of ours
    except (OSError, EOFError) as exc:  # unreadable input (a truncated gzip), unwritable output
        print(f"cleaner: stream failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_FATAL
    finally:
        if errors is not sys.stderr:
            errors.close()
    print(summary.line(), file=sys.stderr)
    if summary.interrupted:
        return EXIT_FATAL
    return EXIT_INPUT if summary.errors else EXIT_OK


@contextmanager
def _stopped_by_signals():
    """SIGINT and SIGTERM end the stream after the records already cleaned are written."""

    def stop(signum, _frame):
        raise Interrupted(f"signal {signal.Signals(signum).name}")

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _write(text: str) -> None:
    """UTF-8 to stdout whatever the locale; a reader that stopped early (`| head`) is no error."""
    try:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would complain again when it flushes stdout at exit; point stdout at nothing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as f:
        return f.read()


def _name(path: str) -> str:
    return "standard input" if path == "-" else path


if __name__ == "__main__":
    sys.exit(main())
