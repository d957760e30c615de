"""Paragraphs that repeat an earlier kept paragraph: keep the first copy, drop the rest."""

from __future__ import annotations

from ..page import Page
from ..shape import headline_like


class DuplicateParagraphs:
    """Drop a kept block whose folded text (whitespace and quote style aside) was kept before.

    Headline-shaped blocks are left alone: a live-blog entry headline may repeat a line of a
    "Key points" box, and repeated headlines belong to the headline and link passes.
    """

    name = "duplicate-paragraphs"

    def run(self, page: Page) -> None:
        seen: set[str] = set()
        for block in page.kept():
            if headline_like(block):
                continue
            key = block.folded.casefold()
            if key in seen:
                page.drop(block, "duplicate-paragraph", "duplicate.paragraph", "repeats an earlier paragraph")
            seen.add(key)
