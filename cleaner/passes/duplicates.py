"""Blocks that repeat an earlier kept block: keep the first copy, drop the rest."""

from __future__ import annotations

import re
from collections import Counter

from ..document import Block
from ..page import Page
from ..shape import ends_sentence, headline_like, mostly_lowercase


class DuplicateParagraphs:
    """Drop a kept block that says again what an earlier kept block said.

    Paragraphs compare folded (whitespace and quote style aside). Headline-shaped lines compare
    with their bullets: a "• headline" in a key-points box points to the entry headline it
    repeats, and both stay. Questions and list items (no sentence end, or mostly capitalised
    names and amounts) are left alone: they recur by design (the same question to each
    interviewee, the same meal on several days of a plan).
    """

    name = "duplicate-paragraphs"

    def run(self, page: Page) -> None:
        keyed = [(_key(block), block) for block in page.kept()]
        repeated = {key for key, count in Counter(key for key, _ in keyed).items() if count > 1}
        seen: set[str] = set()
        for key, block in keyed:
            if key not in repeated or _recurs_by_design(block):
                continue
            if key in seen:
                page.drop(block, "duplicate-paragraph", "duplicate.paragraph", "repeats an earlier block")
            seen.add(key)


def _recurs_by_design(block: Block) -> bool:
    if block.folded.rstrip("\"'”’)]» ").endswith(("?", "？")):
        return True
    if headline_like(block):
        return False
    return not ends_sentence(block.folded) or not mostly_lowercase(block.folded)


def _key(block: Block) -> str:
    if headline_like(block):
        return "line:" + " ".join(block.text.split()).casefold()
    return block.folded.casefold()


MIN_REPEAT_WORDS = 40  # a block this long may be the article's paragraphs run together
REPEAT_SHARE = 0.8  # of its word sequences found in the shorter kept blocks
_TOKEN = re.compile(r"\w+")


class RepeatedBody:
    """Drop a long block that repeats shorter kept blocks run together.

    Pages hide a second copy of the article (a print or "reader" version, an embedded summary):
    as scraped text it is one long block whose 4-word sequences are, for the most part, those
    of the paragraphs already kept. Telling it by shared sequences rather than equality finds
    the copy whatever its line breaks and however the paragraphs were joined.
    """

    name = "repeated-body"

    def run(self, page: Page) -> None:
        kept = page.kept()
        long_blocks = [b for b in kept if b.words >= MIN_REPEAT_WORDS]
        if not long_blocks:
            return
        # A quick look first: a repeat's opening or closing words stand in the text twice.
        text = "\n".join(b.folded.casefold() for b in kept)
        shingles: dict[int, set[tuple[str, ...]]] = {}  # by block index, made once per page
        for block in long_blocks:
            folded = block.folded.casefold()
            if text.count(folded[:40]) < 2 and text.count(folded[-40:]) < 2:
                continue
            if _mostly_within(block, [b for b in kept if b.words < block.words], shingles):
                page.drop(
                    block, "duplicate-paragraph", "duplicate.repeated-body", "repeats shorter blocks run together"
                )


def _mostly_within(block: Block, others: list[Block], shingles: dict[int, set[tuple[str, ...]]]) -> bool:
    for b in (block, *others):
        if b.index not in shingles:
            shingles[b.index] = _shingles(b)
    own = shingles[block.index]
    theirs = set().union(*(shingles[b.index] for b in others))
    return bool(own) and len(own & theirs) >= REPEAT_SHARE * len(own)


def _shingles(block: Block) -> set[tuple[str, ...]]:
    tokens = _TOKEN.findall(block.folded.casefold())
    return {tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)}
