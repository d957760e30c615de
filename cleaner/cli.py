"""`cleaner [FILE|-]`: one document in, its clean text (or JSON) out.

Exit codes: 0 done; 1 the input could not be processed; 2 usage or rule-file errors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from . import __version__
from .errors import InputError, RuleFileError
from .pipeline import clean

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleaner",
        description="Turn a scraped page into clean article text; say what was removed and why.",
        epilog="Exit codes: 0 ok, 1 the input could not be processed, 2 usage or rule-file errors.",
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
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
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
        )
    except RuleFileError as exc:
        print(f"cleaner: bad rule file: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (InputError, OSError) as exc:
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
