"""The stream benchmark's input: records built from the repository's fixtures, good and bad.

Each good record's long paragraphs have their sentences shuffled and it gets a dateline of its
own, so that no two records are the same text (cleaner remembers the rule matches of short
blocks, and a stream of copies would measure that memory, not cleaning).
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from machine import REPO

SEEDS = REPO / "fixtures" / "seeds"
HTML = REPO / "fixtures" / "html"
HOSTS = {  # the site each fixture comes from: its records get urls there (site rules apply)
    "000": "www.reuters.com",
    "001": "www.reuters.com",
    "002": "newsblog.example.com",
    "003": "www.independent.co.uk",
    "004": "focustaiwan.tw",
    "cna_translated": "focustaiwan.tw",
    "independent_live": "www.independent.co.uk",
    "reuters_photo": "www.reuters.com",
    "reuters_shop": "shop.reuters.com",
}
SLOW_ROWS = 40_000  # reader comments on the slow page: about 5 s of cleaning here, over twice TIME_LIMIT
HUGE_BYTES = 30_000_000  # the one oversized record (the default --max-bytes is 20,000,000)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
MONTHS += ["November", "December"]


# --- records ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """One fixture: which field its records carry it in, its site, its text."""

    name: str
    field: str  # "text" or "html"
    host: str
    source: str


def fixture_pages() -> list[Page]:
    """The scraped texts and the HTML pages of fixtures/, decoded (one HTML page is cp1252)."""
    pages = [Page(p.stem, "text", HOSTS[p.stem[:3]], p.read_text("utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    for path in sorted(HTML.glob("*.html")):
        raw = path.read_bytes()
        try:
            source = raw.decode("utf-8")
        except UnicodeDecodeError:
            source = raw.decode("cp1252", errors="replace")
        pages.append(Page(path.stem, "html", HOSTS[path.stem], source))
    return pages


_SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z“\"])")
_HTML_PARAGRAPH = re.compile(r"(<p\b[^>]*>)([^<]{200,})(</p>)")


def _shuffled(paragraph: str, rng: random.Random) -> str:
    sentences = _SENTENCE_END.split(paragraph)
    rng.shuffle(sentences)
    return " ".join(sentences)


def _dateline(rng: random.Random) -> str:
    """A short line of its own for each record: a crawl's short blocks are not all boilerplate."""
    day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2015, 2025)
    return f"Updated {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d} GMT, {day} {month} {year}"


def varied(page: Page, rng: random.Random, short: bool = False) -> str:
    """The page with the sentences of its long paragraphs shuffled and a dateline before the first.

    `short` keeps the text's first blocks only (about 1.5 KB), or the HTML page's first long
    paragraphs, for streams that must be long rather than heavy.
    """
    dateline = _dateline(rng)
    if page.field == "html":
        matches = list(_HTML_PARAGRAPH.finditer(page.source))
        keep = matches[:3] if short else matches
        parts, last = [], 0
        for i, m in enumerate(keep):
            extra = f'<p class="updated">{dateline}</p>\n' if i == 0 else ""
            parts += [page.source[last : m.start()], extra, m[1], _shuffled(m[2], rng), m[3]]
            last = m.end()
        return "".join(parts) + page.source[_tail_start(page.source, last, short) :]
    blocks = page.source.split("\n\n")
    if short:
        blocks = _first_blocks(blocks, 1500)
    first_long = next((i for i, b in enumerate(blocks) if len(b) >= 200), len(blocks))
    out = [_shuffled(b, rng) if len(b) >= 200 and "\n" not in b else b for b in blocks]
    out.insert(first_long, dateline)
    return "\n\n".join(out)


def _tail_start(source: str, last: int, short: bool) -> int:
    """Where the rest of the page resumes: after the last paragraph, or at the article's end when short."""
    if not short:
        return last
    for closing in ("</article>", "</main>", "</body>"):
        if (at := source.find(closing, last)) >= 0:
            return at
    return len(source)


def _first_blocks(blocks: list[str], chars: int) -> list[str]:
    kept, size = [], 0
    for block in blocks:
        kept.append(block)
        size += len(block)
        if size >= chars and len(kept) >= 4:
            break
    return kept


def good_record(number: int, page: Page, rng: random.Random, short: bool = False) -> bytes:
    """One record as a crawler writes it: id, url, the page, a language and a metadata object."""
    record = {
        "id": f"rec-{number:06d}",
        "url": f"https://{page.host}/news/{page.name}-{number}",
        page.field: varied(page, rng, short),
        "lang": "en",
        "metadata": {"crawl": "bench", "fixture": page.name},
    }
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


def good_records(count: int, seed: int, short: bool = False) -> Iterator[tuple[str, bytes]]:
    """`count` good records (id, line), fixtures in turn; a short stream is mostly text, a tenth HTML."""
    rng = random.Random(seed)
    pages = fixture_pages()
    texts = [p for p in pages if p.field == "text"]
    for number in range(count):
        page = pages[number % len(pages)]
        if short:
            page = rng.choice(pages) if number % 10 == 0 else rng.choice(texts)
        yield f"rec-{number:06d}", good_record(number, page, rng, short)


# --- bad records --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bad:
    """A bad line, what it is, and the error classes its error record may name."""

    kind: str
    line: bytes
    expected: frozenset[str]


def comments_page(rows: int) -> str:
    """An article with `rows` reader comments (a div, a paragraph, a link and a span each): a
    realistic shape, a few MB and far under the element limit, that takes cleaner seconds."""
    comments = "\n".join(
        f'<div class="comment" id="c{i}"><p>Reader {i} wrote: the <a href="/u/{i}">minister</a> said on '
        f"<span>Monday</span> that the talks would resume in the spring.</p></div>"
        for i in range(rows)
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><title>Live: your comments on the talks</title></head><body>'
        '<nav><a href="/">Home</a> <a href="/world">World</a></nav><main><article><h1>Your comments on the talks</h1>'
        f"<p>{'The talks resume in the spring, the minister said on Monday. ' * 5}</p>"
        f'<section class="comments">{comments}</section></article></main></body></html>'
    )


def huge_record() -> bytes:
    """One 30 MB record: a page of plain ASCII paragraphs, over the 20,000,000 default --max-bytes."""
    paragraph = "<p>" + "The minister said on Monday that the talks would resume in the spring. " * 20 + "</p>\\n"
    head = b'{"id": "huge-30mb", "url": "https://example.com/huge", "html": "<html><body>'
    tail = b'</body></html>"}'
    body = paragraph.encode() * ((HUGE_BYTES - len(head) - len(tail)) // len(paragraph) + 1)
    return head + body[: HUGE_BYTES - len(head) - len(tail)] + tail


def junk(rng: random.Random, size: int) -> bytes:
    """Random bytes with no newline in them (a newline would make two lines) and something not blank."""
    data = bytes(b for b in rng.randbytes(size * 2) if b != 0x0A)[: size - 1]
    return b"\x89" + data


JSON_MISTAKES: list[tuple[str, bytes, str]] = [
    ("truncated record", b'{"id": "cut", "text": "The minister said on Monday that the ta', "InvalidJSON"),
    ("single quotes", b"{'id': 'sq', 'text': 'The minister said.'}", "InvalidJSON"),
    ("trailing comma", b'{"id": "tc", "text": "The minister said.",}', "InvalidJSON"),
    ("unquoted key", b'{id: "uk", "text": "The minister said."}', "InvalidJSON"),
    ("two objects on one line", b'{"id": "a", "text": "x"}{"id": "b", "text": "y"}', "InvalidJSON"),
    ("bad escape", b'{"id": "be", "text": "C:\\path\\x"}', "InvalidJSON"),
    ("raw HTML line", b"<html><body><p>The minister said.</p></body></html>", "InvalidJSON"),
    ("Latin-1 text in a record", b'{"id": "l1", "text": "Caf\xe9 cr\xe8me"}', "UndecodableBytes"),
    ("a JSON array", b'[{"id": "arr", "text": "The minister said."}]', "NotAnObject"),
    ("no text field", b'{"id": "nf", "title": "The minister said."}', "MissingField"),
    ("text is a number", b'{"id": "num", "text": 42}', "FieldNotText"),
]


def bad_records(count: int, rng: random.Random) -> list[Bad]:
    """`count` bad lines: one 30 MB record, one slow page, then JSON mistakes and binary junk in turn."""
    page = comments_page(SLOW_ROWS)
    slow = json.dumps({"id": "slow-comments", "url": "https://example.com/comments", "html": page})
    bad = [
        Bad("30 MB record", huge_record(), frozenset({"InputTooLarge"})),
        Bad(
            f"slow page ({SLOW_ROWS:,} comments, {len(page) / 1e6:.1f} MB)",
            slow.encode(),
            frozenset({"TimeLimitExceeded"}),
        ),
    ]
    while len(bad) < count:
        if len(bad) % 3 == 0:
            kind, size = ("binary junk", rng.randint(20, 4000))
            bad.append(Bad(kind, junk(rng, size), frozenset({"UndecodableBytes", "InvalidJSON"})))
        else:
            kind, line, error = JSON_MISTAKES[len(bad) % len(JSON_MISTAKES)]
            bad.append(Bad(kind, line, frozenset({error})))
    assert not any(b"\n" in b.line for b in bad), "a bad line with a newline in it would be two lines"
    return bad[:count]


@dataclass
class MixedFile:
    """The bad-records input: where it is, the good ids in order, and the bad lines by line number."""

    path: Path
    good_ids: list[str]
    bad: dict[int, Bad]


def write_mixed(path: Path, records: int, seed: int) -> MixedFile:
    """`records` lines, 1% bad at random lines (numbered from 1, as the error records number them)."""
    rng = random.Random(seed)
    bad = bad_records(max(2, records // 100), rng)
    rng.shuffle(bad)
    lines = sorted(rng.sample(range(1, records + 1), len(bad)))
    at = dict(zip(lines, bad, strict=True))
    good = good_records(records - len(bad), seed)
    ids = []
    with path.open("wb") as f:
        for number in range(1, records + 1):
            if number in at:
                line = at[number].line
            else:
                record_id, line = next(good)
                ids.append(record_id)
            f.write(line + b"\n")
    return MixedFile(path, ids, at)


def write_good(path: Path, records: int, seed: int, short: bool = False) -> Path:
    """Good records only; gzipped when the name says .gz (cleaner reads gzip as such)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wb") as f:
        for _, line in good_records(records, seed, short):
            f.write(line + b"\n")
    return path
