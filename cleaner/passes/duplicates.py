"""Blocks that repeat an earlier kept block: keep the first copy, drop the rest."""

from __future__ import annotations

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
