"""HTML only: blocks that are all link text are links to other pages, not article text."""

from __future__ import annotations

from ..document import count_words
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
            if (
                block.link_share >= LINK_SHARE
                and not ends_sentence(block.folded)
                and all(count_words(line) <= MAX_LINE_WORDS for line in block.lines)
            ):
                page.drop(block, "related-link", "html.link-block", "a block of link text: links to other pages")
