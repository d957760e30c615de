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
# "Anna pisze:", "Anna disse:", "Анна говорит:"), and "Anna schreibt:" (German themes). Not a byline:
# "by Anna on May 3, 2019" signs the article.
_DAY = r"(?:\w+ \d{1,2},? \d{4}|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
_AT_TIME = r",? at [\d:.]+ ?(?:[ap]\.?m\.?)?"
_SIGNATURE = re.compile(
    r"(?!(?:(?:posted|published|written) )?by )(?:"
    r"\S+(?: \S+){0,4} (?:says|said|wrote|writes|sagt|schreibt|dit|dice|ha detto|schreef|pisze|disse"
    r"|говорит) ?:"
    # A name, then "on" and the day, or the day and the time: a capitalised name then, as
    # "answered Feb 6, 2014 at 23:35" signs an answer of a Q&A page, which is its content.
    rf"|(?:.{{1,60}}? on {_DAY}(?:{_AT_TIME})?|(?-i:[A-ZÀ-Þ])\S*(?: \S+){{0,3}} {_DAY}{_AT_TIME})"
    r"(?: ?(?:said|says|wrote) ?:)?"
    r"|\d+ (?:seconds?|minutes?|hours?|days?|weeks?|months?|years?) ago(?: at [\d:]+ ?[ap]m)?"
    r"|rating: -?\d+ votes?)",
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
    (a forum's posts, or an article whose prose is a list) is left to `CommentThreads`.
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
    words_above = 0
    signed = set(_thread_signatures(blocks))
    for i, block in enumerate(blocks):
        if words_above >= MIN_ARTICLE_WORDS:
            if is_heading(block):
                return i
            if i in signed:
                return _with_heading(blocks, i, is_heading)
        if block.kept:
            words_above += block.words
    return None


def _signed_thread_start(blocks: list[Block], is_heading: Callable[[Block], bool]) -> int | None:
    """The first signature's block (or its heading), if enough prose stands above it. Only the
    first: a thread that starts before the prose (a forum's posts) is not cut after its first posts."""
    signed = next(iter(_thread_signatures(blocks)), None)
    if signed is None:
        return None
    prose_above = 0
    for block in blocks[:signed]:
        if block.kept and block_score(block) > 0:
            prose_above += block.words
            if prose_above >= MIN_PROSE_ABOVE:
                return _with_heading(blocks, signed, is_heading)
    return None


def _thread_signatures(blocks: list[Block]) -> list[int]:
    """The signatures that may start a thread: those with MIN_SIGNATURES or more from them on."""
    signatures = [i for i, block in enumerate(blocks) if _is_signature(block) and not _quotes(blocks, i)]
    return signatures[: max(0, len(signatures) - MIN_SIGNATURES + 1)]


def _quotes(blocks: list[Block], i: int) -> bool:
    """Whether a quotation follows: "Die Bürgermeisterin sagt:" before „...“ quotes her."""
    return i + 1 < len(blocks) and blocks[i + 1].text[:1] in _QUOTATION_MARKS


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
MEMO_SIZE = 50_000  # short blocks' answers remembered (both passes ask of every block; menus recur)...
MEMO_CHARS = 200  # ...up to this length


def _is_signature(block: Block) -> bool:
    if block.words > MAX_SIGNATURE_WORDS:
        return False
    if len(block.text) > MEMO_CHARS:
        return _reads_as_signature(block)
    found = _SIGNATURES.get(block.text)
    if found is None:
        if len(_SIGNATURES) >= MEMO_SIZE:
            _SIGNATURES.clear()
        found = _SIGNATURES[block.text] = _reads_as_signature(block)
    return found


def _reads_as_signature(block: Block) -> bool:
    return (
        block.text.count("\n") <= 1
        and _SIGNATURE_WORDS.may_match(block.casefolded)
        and _SIGNATURE.fullmatch(block.folded_lines[0]) is not None
    )


_SIGNATURES: dict[str, bool] = {}  # a short block's text -> whether it signs a comment
