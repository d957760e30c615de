"""Reader-comment threads under an article: from the thread's first sign to the end of the text."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..document import Block
from ..page import Page
from ..regex_facts import NeededWords
from .related import section_kind

MIN_ARTICLE_WORDS = 150  # article words a thread needs above it: comments come after an article
MIN_SIGNATURES = 3  # comment signatures that make a thread (one "Anna says:" may be a quote)
HEADING_REACH = 5  # blocks above the first signature where the thread's heading may stand

# "34 Comments", "3 thoughts on “Title”", "12 responses to Title", "Comments (5)": headings that
# count comments, which only a comment section has. The looser "Comments" or "Discussion" wait
# for most of the article (RelatedSections), and a form label ("Post a comment") is a widget
# that may stand anywhere (rules).
_THREAD_HEADING = re.compile(
    r"(?:\d+|no|one|two|three) (?:comments?|responses?|thoughts?|replies|reactions)(?: (?:to|on) .{0,200})?"
    r"|(?:top rated |reader |recent |top )?comments \(\d+\)",
    re.IGNORECASE,
)
# The line that signs each comment: "Anna K. says:", "Bob on May 3, 2019 at 10:14 am said:",
# "Bob May 3, 2019 at 10:14 am", "3 days ago", "Rating: 4 votes".
_DAY = r"(?:\w+ \d{1,2},? \d{4}|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
_AT_TIME = r",? at [\d:.]+ ?(?:[ap]\.?m\.?)?"
_SIGNATURE = re.compile(
    r"\S+(?: \S+){0,4} (?:says|said|wrote|writes) ?:"
    # A name, then "on" and the day, or the day and the time: a capitalised name then, as
    # "answered Feb 6, 2014 at 23:35" signs an answer of a Q&A page, which is its content.
    rf"|(?:.{{1,60}}? on {_DAY}(?:{_AT_TIME})?|(?-i:[A-ZÀ-Þ])\S*(?: \S+){{0,3}} {_DAY}{_AT_TIME})"
    r"(?: ?(?:said|says|wrote) ?:)?"
    r"|\d+ (?:seconds?|minutes?|hours?|days?|weeks?|months?|years?) ago(?: at [\d:]+ ?[ap]m)?"
    r"|rating: -?\d+ votes?",
    re.IGNORECASE,
)

_SIGNATURE_WORDS = NeededWords(_SIGNATURE)  # a block without one of these signs no comment: no regex to try


class CommentThreads:
    """Drop a comment thread and all that follows it, once the article is behind it.

    A thread is told by a heading only comment sections have ("34 Comments", "3 thoughts on
    ...", or in any language as its rules of kind `comments-section` word it: "Leserkommentare",
    "12 commentaires") or by at least MIN_SIGNATURES comment signatures ("Anna says:"). A
    thread may hold more words than the article it follows, so unlike a related-stories
    heading it cannot wait for most of the article's words: MIN_ARTICLE_WORDS must be above it.
    """

    name = "comment-threads"

    def run(self, page: Page) -> None:
        start = _thread_start(page.blocks, lambda block: _is_heading(block) or _is_rule_heading(page, block))
        if start is None:
            return
        opener = page.blocks[start].text
        for block in page.blocks[start:]:
            page.drop(block, "comments", "comments.thread", f"in the comment thread from {opener!r}")


def _thread_start(blocks: list[Block], is_heading: Callable[[Block], bool]) -> int | None:
    words_above = 0
    for i, block in enumerate(blocks):
        if words_above >= MIN_ARTICLE_WORDS:
            if is_heading(block):
                return i
            if _is_signature(block) and sum(map(_is_signature, blocks[i:])) >= MIN_SIGNATURES:
                return next((j for j in range(i - 1, max(-1, i - HEADING_REACH - 1), -1) if is_heading(blocks[j])), i)
        if block.kept:
            words_above += block.words
    return None


def _is_rule_heading(page: Page, block: Block) -> bool:
    """A comment section's heading in the page's language, as its rules word it ("Leserkommentare",
    "12 commentaires"): with some article above it, the thread follows, however long."""
    return block.words <= 8 and section_kind(page, block) == "comments-section"


def _is_heading(block: Block) -> bool:
    return (
        "\n" not in block.text
        and block.words <= 40
        and _THREAD_HEADING.fullmatch(block.body.rstrip(" .!:")) is not None
    )


MAX_SIGNATURE_WORDS = 16


def _is_signature(block: Block) -> bool:
    return (
        block.words <= MAX_SIGNATURE_WORDS
        and block.text.count("\n") <= 1
        and _SIGNATURE_WORDS.may_match(block.casefolded)
        and _SIGNATURE.fullmatch(block.folded_lines[0]) is not None
    )
