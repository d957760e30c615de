"""Blocks that repeat an earlier kept block: keep the first copy, drop the rest."""

from __future__ import annotations

from ..document import Block
from ..page import Page
from ..shape import headline_like


class DuplicateParagraphs:
    """Drop a kept block that says again what an earlier kept block said.

    Paragraphs compare folded (whitespace and quote style aside). Headline-shaped lines compare
    with their bullets: a "• headline" in a key-points box points to the entry headline it
    repeats, and both stay.
    """

    name = "duplicate-paragraphs"

    def run(self, page: Page) -> None:
        seen: set[str] = set()
        for block in page.kept():
            key = _key(block)
            if key in seen:
                page.drop(block, "duplicate-paragraph", "duplicate.paragraph", "repeats an earlier block")
            seen.add(key)


def _key(block: Block) -> str:
    if headline_like(block):
        return "line:" + " ".join(block.text.split()).casefold()
    return block.folded.casefold()
