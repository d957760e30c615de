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
    return block.casefolded


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
        suspects = _sharing_an_end(kept)
        if not suspects:
            return
        # Shortest first, so that each suspect meets the union of all shorter blocks' sequences.
        seen: set[tuple[str, ...]] = set()
        group: list[Block] = []
        longest = max(s.words for s in suspects)  # once, not once per block
        for block in sorted((b for b in kept if b.words <= longest), key=lambda b: b.words):
            if group and block.words > group[0].words:
                seen.update(*map(_shingles, group))
                group = []
            group.append(block)
            if block in suspects and _mostly_within(_shingles(block), seen):
                page.drop(
                    block, "duplicate-paragraph", "duplicate.repeated-body", "repeats shorter blocks run together"
                )


def _sharing_an_end(kept: list[Block]) -> set[Block]:
    """Long blocks that open or close as another kept block does: a repeat of the paragraphs
    starts with the first one's words and ends with the last one's (a quick look first)."""
    long_blocks = [b for b in kept if b.words >= MIN_REPEAT_WORDS]
    if not long_blocks:
        return set()
    # Only a block of END_CHARS or more can share one; casefold never shortens a text, and keeps
    # the length of an ASCII one.
    sized = [b for b in kept if len(b.folded) >= END_CHARS or not b.folded.isascii()]
    starts = Counter(b.casefolded[:END_CHARS] for b in sized)
    ends = Counter(b.casefolded[-END_CHARS:] for b in sized)
    return {b for b in long_blocks if starts[b.casefolded[:END_CHARS]] > 1 or ends[b.casefolded[-END_CHARS:]] > 1}


END_CHARS = 40


def _mostly_within(own: set[tuple[str, ...]], theirs: set[tuple[str, ...]]) -> bool:
    return bool(own) and len(own & theirs) >= REPEAT_SHARE * len(own)


def _shingles(block: Block) -> set[tuple[str, ...]]:
    tokens = _TOKEN.findall(block.casefolded)
    return {tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)}
