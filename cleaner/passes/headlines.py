"""The page title: found, moved to `Document.title`, and every block that only repeats it removed."""

from __future__ import annotations

import re
from collections import Counter

from ..document import Block, fold
from ..page import Page
from ..shape import ends_sentence, ends_with_ellipsis, headline_like, prose_like
from .article_meta import opens_with_dateline
from .live_blog import is_time_line

_PREFIXED = re.compile(r"^(?:article|headline|title|story)\s*:\s*(?P<title>.+)$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;]")


class Headlines:
    """Find the title, then drop each block that is the title or "Article: <title>".

    The title is the one HTML gave, or a headline-shaped block above the first paragraph of
    prose that the page repeats (headline rendered twice, or as "Article: ..."), or else the
    first block of the text when the page follows it with chrome (a caption, a widget).
    """

    name = "headlines"

    def run(self, page: Page) -> None:
        keys = _title_keys(page.doc.title) if page.doc.title else set()  # the title HTML gave
        repeated = _repeated_above_prose(page.blocks)
        title = repeated[0] if repeated else _leading_title(page.blocks)
        if title is not None:
            page.doc.title = page.doc.title or " ".join(_untitled(title.text).split())
            keys.add(_key(title))
        for block in page.kept():
            if _key(block) in keys:
                page.drop(block, "repeated-headline", "headline.repeated", "repeats the page title")
        for block in repeated:  # other lines repeated above the article: kickers, section names
            page.drop(
                block, "repeated-headline", "headline.repeated-above", "a line the page repeats above the article"
            )


_SITE_SEPARATOR_KEPT = re.compile(r"(\s+[|–—-]\s+|\s*\|\s*)")


MAX_TITLE_RUN = 12  # parts of a title in a run that pages repeat; real titles have a handful


def _title_keys(title: str) -> set[str]:
    """The title, and each run of its parts around site separators ("Opinion | Title | Site" gives
    "Title", "Opinion | Title", "Title | Site" ...): pages repeat the headline with or without them.

    Runs are of up to MAX_TITLE_RUN parts (and the whole title): every run of a title of n parts
    would be n² strings of up to n parts each, and a page may give a title of thousands."""
    pieces = _SITE_SEPARATOR_KEPT.split(title)  # part, separator, part, ...
    parts = len(pieces) // 2 + 1
    runs = [(0, parts)] + [
        (start, end) for start in range(parts) for end in range(start + 1, min(start + MAX_TITLE_RUN, parts) + 1)
    ]
    keys = set()
    for start, end in runs:
        text = "".join(pieces[2 * start : 2 * end - 1])
        if len(text.split()) >= 3:
            keys.add(fold(text).casefold())
    return keys


def _untitled(text: str) -> str:
    found = _PREFIXED.match(text.strip())
    return found["title"] if found else text


def _key(block: Block) -> str:
    found = _PREFIXED.match(block.folded)
    return (found["title"] if found else block.folded).casefold()


def _candidates(blocks: list[Block]) -> list[Block]:
    """Kept, headline-shaped blocks above the first paragraph of prose."""
    found = []
    for block in blocks:
        if not block.kept:
            continue
        if _is_prose(block):
            break
        if _headline_shaped(block, max_words=30) or _PREFIXED.match(block.folded):
            found.append(block)
    return found


def _is_prose(block: Block) -> bool:
    """Where the article starts; a paragraph cut off with "..." is a teaser a later pass may remove."""
    return prose_like(block, min_words=20) and not ends_with_ellipsis(block.folded)


def _repeated_above_prose(blocks: list[Block]) -> list[Block]:
    """Headline-shaped blocks the page repeats above its first prose, the title's first.

    The first is the title; any other such repeat (a kicker, a section name) goes with it, so
    that cleaning the cleaned text finds no new title to remove.
    """
    candidates = _candidates(blocks)
    keys = [_key(b) for b in candidates]
    counts = Counter(keys)
    repeated = [b for b, k in zip(candidates, keys, strict=True) if counts[k] > 1]
    return sorted(repeated, key=lambda b: bool(_PREFIXED.match(b.folded)))


def _leading_title(blocks: list[Block]) -> Block | None:
    first = next((i for i, b in enumerate(blocks) if b.kept), None)
    if first is None or first + 1 >= len(blocks):
        return None
    block, after = blocks[first], blocks[first + 1]
    if after.kept or is_time_line(after) or opens_with_dateline(block.folded):
        return None  # a block before a live-blog time line is that entry's headline
    if _is_prose(block):
        return None  # the first paragraph, and no title: titles stand above the prose
    return block if _headline_shaped(block, max_words=25) else None


def _headline_shaped(block: Block, max_words: int) -> bool:
    """Headline-like, a final period allowed; but a sentence with commas is a short paragraph."""
    if ends_sentence(block.folded) and _CLAUSE_BREAK.search(block.folded):
        return False
    return headline_like(block, max_words=max_words, allow_period=True)
