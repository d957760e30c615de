"""Reader-comment threads under an article: from the thread's first sign to the end of the text.

Two passes. `SignedThreads`, before page-chrome: a thread signed comment by comment ("Anna
sagt:") under a short post, which page-chrome would otherwise keep as the page's best run of
prose in place of the post. `CommentThreads`, after it, on what is left of the article: a
thread told by its heading or its signatures under a longer article.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..document import Block
from ..page import Page
from ..regex_facts import NeededWords
from .page_chrome import block_score
from .related import section_kind

MIN_ARTICLE_WORDS = 150  # article words a thread needs above it: comments come after an article
MIN_PROSE_ABOVE = 50  # words of prose above a signed thread, before page-chrome: a short post's comments
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
# "Bob May 3, 2019 at 10:14 am", "3 days ago", "Rating: 4 votes"; WordPress's "%s says:" as its
# translations word it ("Anna sagt:", "Anna dit :", "Anna dice:", "Anna ha detto:", "Anna schreef:",
# "Anna pisze:", "Anna disse:", "Анна говорит:"), and "schreibt:" / "schrieb:" as "writes:" / "wrote:".
_DAY = r"(?:\w+ \d{1,2},? \d{4}|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
_AT_TIME = r",? at [\d:.]+ ?(?:[ap]\.?m\.?)?"
_SIGNATURE = re.compile(
    r"\S+(?: \S+){0,4} (?:says|said|wrote|writes|sagt|schreibt|schrieb|dit|dice|ha detto|schreef|pisze|disse"
    r"|говорит) ?:"
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
        start = _thread_start(page.blocks, _heading_test(page))
        if start is not None:
            _drop_thread(page, start, "comments.thread", "in the comment thread")


class SignedThreads:
    """Drop a thread signed comment by comment (MIN_SIGNATURES signatures or more) from its
    heading or first signature on, when MIN_PROSE_ABOVE words of prose stand above it.

    It runs before page-chrome, which keeps a page's best-scoring run of prose: fifty comments
    outscore a recipe or a short post, and the post would go, the thread stay. Prose, as
    page-chrome scores it, because the menus are still there. A thread with less prose above it
    (a forum's posts, or a short article's whose prose is a list) is left to `CommentThreads`.
    """

    name = "signed-threads"

    def run(self, page: Page) -> None:
        start = _signed_thread_start(page.blocks, _heading_test(page))
        if start is not None:
            _drop_thread(page, start, "comments.signed-thread", "in the signed comment thread")


def _heading_test(page: Page) -> Callable[[Block], bool]:
    return lambda block: _is_heading(block) or _is_rule_heading(page, block)


def _drop_thread(page: Page, start: int, rule: str, reason: str) -> None:
    opener = page.blocks[start].text
    for block in page.blocks[start:]:
        page.drop(block, "comments", rule, f"{reason} from {opener!r}")


def _thread_start(blocks: list[Block], is_heading: Callable[[Block], bool]) -> int | None:
    """The thread's first block; None when there is none, or when its signatures start before the
    article's words (the page is the thread: a forum's posts)."""
    words_above = 0
    for i, block in enumerate(blocks):
        if _signs_a_thread(blocks, i):
            return _with_heading(blocks, i, is_heading) if words_above >= MIN_ARTICLE_WORDS else None
        if words_above >= MIN_ARTICLE_WORDS and is_heading(block):
            return i
        if block.kept:
            words_above += block.words
    return None


def _signed_thread_start(blocks: list[Block], is_heading: Callable[[Block], bool]) -> int | None:
    prose_above = 0
    for i, block in enumerate(blocks):
        if _signs_a_thread(blocks, i):
            return _with_heading(blocks, i, is_heading) if prose_above >= MIN_PROSE_ABOVE else None
        if block.kept and block_score(block) > 0:
            prose_above += block.words
    return None


def _signs_a_thread(blocks: list[Block], first: int) -> bool:
    """Whether a comment signature stands at `first` and MIN_SIGNATURES of them from there on. (Only
    a thread's last few signatures are looked past, so the counts add up to a few scans of the page.)"""
    if not _signs_a_comment(blocks, first):
        return False
    return sum(_signs_a_comment(blocks, i) for i in range(first, len(blocks))) >= MIN_SIGNATURES


def _signs_a_comment(blocks: list[Block], i: int) -> bool:
    """A signature, unless a quotation follows it: "Die Bürgermeisterin sagt:" before „...“ quotes her."""
    if not _is_signature(blocks[i]):
        return False
    return i + 1 == len(blocks) or blocks[i + 1].text[:1] not in _QUOTATION_MARKS


_QUOTATION_MARKS = frozenset("\"'„“”‚‘’«»‹›「『")


def _with_heading(blocks: list[Block], first_signature: int, is_heading: Callable[[Block], bool]) -> int:
    """The thread's heading when one stands in the few blocks above its first signature, else that signature."""
    above = range(first_signature - 1, max(-1, first_signature - HEADING_REACH - 1), -1)
    return next((j for j in above if is_heading(blocks[j])), first_signature)


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
