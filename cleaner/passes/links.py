"""HTML only: blocks that are all link text are links to other pages, not article text."""

from __future__ import annotations

from ..document import Block, count_words
from ..page import Page
from ..shape import ends_sentence

LINK_SHARE = 0.9  # a block whose text is at least this share link text is a link
MAX_LINE_WORDS = 20  # a headline or a menu entry; a longer linked line is a linked paragraph


class LinkBlocks:
    """Drop a block made of links: a lone linked headline, or a list of linked headlines.

    A linked sentence in running prose ends as a sentence and stays; so does a block with any
    sizeable unlinked text, and a long linked paragraph (some sites link whole teasers of the
    article itself).
    """

    name = "link-blocks"

    def run(self, page: Page) -> None:
        for block in page.kept():
            if _headline_list(block):
                page.drop(block, "related-link", "html.headline-list", "linked headlines, each with its teaser")
                continue
            if (
                block.link_share >= LINK_SHARE
                and not ends_sentence(block.folded)
                and all(count_words(line) <= MAX_LINE_WORDS for line in block.lines)
            ):
                page.drop(block, "related-link", "html.link-block", "a block of link text: links to other pages")


LIST_MIN_LINES = 4


def _headline_list(block: Block) -> bool:
    """Linked headlines alternating with unlinked teasers: four or more short lines, a third or
    more of them links, none of them running on from the line before (lower-case start)."""
    if block.linked_lines < 2:
        return False  # the common case, and all of text input: no lines to look at
    lines = block.lines
    return (
        len(lines) >= LIST_MIN_LINES
        and block.linked_lines * 3 >= len(lines)
        and all(count_words(line) <= MAX_LINE_WORDS and not line[:1].islower() for line in lines)
    )
