"""Live blogs: the time/author line of each update becomes an `Entry`; the line leaves the text."""

from __future__ import annotations

import re

from ..dates import parse_date
from ..document import Block, Entry
from ..page import Page
from ..shape import headline_like, is_agency, prose_like

_TIME_LINE = re.compile(
    r"^(?:(?P<date>(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,? )?[0-3]?\d(?:st|nd|rd|th)? [A-Za-z]{3,9},? "
    r"(?:19|20)\d\d),?\s+)?(?P<time>[0-2]?\d[:.][0-5]\d)(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?"
    r"(?:\s*(?:,|\||•|–|—|-|\bby\b)\s*(?P<author>[A-Z][\w'’.-]*(?:\s+[\w'’.-]+){0,4}))?$",
    re.IGNORECASE,
)
TIME_LINE_RULE = "live-blog.time-line"
_WEEKDAY_INITIALS = "MTWFSmtwfsſ"  # "ſ" is an "s" to a case-insensitive `re`


def _may_open(block: Block) -> bool:
    """Whether the block starts as a time line may: with a digit or a weekday."""
    first = block.folded[:1]
    return first.isdecimal() or (first != "" and first in _WEEKDAY_INITIALS)


def is_time_line(block: Block | None) -> bool:
    """True for a block this module removed as a live-blog time/author line."""
    return block is not None and block.removal is not None and block.removal.rule == TIME_LINE_RULE


class LiveBlogEntries:
    """ "15:20 , Maryam Zakir-Hussain" or "Tuesday 14 February 2023 19:42 , Sam Rkaina".

    Each becomes an entry whose headline is the block just before it; distinct entry authors
    (agencies aside) are added to `Document.authors` in order of first appearance.
    """

    name = "live-blog-entries"

    def run(self, page: Page) -> None:
        previous = None
        for block in page.blocks:
            found = _TIME_LINE.match(block.folded) if block.kept and block.words <= 12 and _may_open(block) else None
            if found:
                self._record(page, found, previous)
                page.drop(block, "metadata-line", TIME_LINE_RULE, "a live-blog time/author line; read into entries")
            previous = block

    @staticmethod
    def _record(page: Page, found: re.Match[str], previous: Block | None) -> None:
        author = found["author"]
        headline = None
        if previous is not None and not is_time_line(previous):
            headline = " ".join(previous.text.split())
        date = parse_date(found["date"]) if found["date"] else None
        page.doc.entries.append(Entry(found["time"].replace(".", ":"), date, author, headline))
        if author and not is_agency(author) and author not in page.doc.authors:
            page.doc.authors.append(author)


class TrailingEntryLinks:
    """A headline-shaped line closing a live-blog entry, right before the next entry's headline.

    In a live blog each entry is headline, time line, body; a lone headline after the body and
    before the next headline is a link card to another story, not part of either entry.
    """

    name = "trailing-entry-links"

    def run(self, page: Page) -> None:
        blocks = [b for b in page.blocks if b.kept or is_time_line(b)]  # what a reader sees, and the times
        for before, link, heading, time_line in zip(blocks, blocks[1:], blocks[2:], blocks[3:], strict=False):
            if (
                is_time_line(time_line)
                and link.kept
                and heading.kept
                and headline_like(link)
                and headline_like(heading)
                and before.kept
                and prose_like(before, min_words=10)
            ):
                page.drop(
                    link, "related-link", "live-blog.trailing-link", "a linked headline closing a live-blog entry"
                )
