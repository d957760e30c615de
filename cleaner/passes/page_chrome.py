"""Whole-page scrapes: keep the runs of prose, drop the runs of short lines around them.

Scrapers that take a whole page hand us the menus, tag clouds, footers and link lists along
with the article. Each kept block gets a score: prose paragraphs add their length, short lines
subtract a little each. The article is the best-scoring run of consecutive blocks (the maximum
subarray), plus any other run that scores at least half as well (an article cut in two by an
embedded widget). Short lines inside a run stay (subheadings, list items); everything outside
goes. A page with no clearly scoring run is left alone: there is no article to tell chrome from;
so is a text with few short lines, which is an article already (an extractor's output).

A short article can score less than an author's box or a sidebar's blurb. Where the url's slug
names a headline on the page and no run of two paragraphs or more starts near it, the prose that
follows the headline is the article's start and is kept as a run of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..document import Block
from ..page import Page
from ..shape import ends_sentence, lowercase_share
from ..slugs import headline_index, slug_words
from .best_runs import RunFinder, best_run  # noqa: F401 - best_run is part of this module's API

SENTENCE_WORDS = 8  # a punctuated block this long that ends as a sentence is prose: it counts its words
INTRODUCING_WORDS = 15  # a punctuated block this long that ends in a colon introduces what follows: prose
LONG_WORDS = 30  # so does any punctuated block this long; unpunctuated (a list, a tag cloud), half
SHORT_PENALTY = 5.0  # what each short line (menu item, button, tag) costs
MIN_ARTICLE_SCORE = 30.0  # below this, the page has no run of prose worth trusting
MIN_CHROME_LINES = 8  # fewer short blocks than this: not a whole page, nothing to strip
SECOND_RUN_SHARE = 0.5  # another run is kept when it scores this share of the best one
# Cased words that start in lower case: in the multilingual set's article blocks of 30 words or more,
# 19 in 20 have half or more (German capitalises its nouns; English prose runs near 0.85); tag
# clouds, archive lists ("Februar 2020 (5) Januar 2020 (13)") and lists of names or products
# have few.
PROSE_LOWERCASE_SHARE = 0.3
# A headline's own article starts within a few blocks of it (a byline, a date, a share bar come
# between); a run found further off, or a lone paragraph near it (an author's box under a short
# post), is something else, and the article after the headline was missed.
HEADLINE_REACH = 10
FIRST_PROSE_WITHIN = 6  # the article's first paragraph comes this close after its headline

_PROSE_MARKS = re.compile(r"[.!?。！？](?:\s|$)|[,;，、]")


def block_score(block: Block) -> float:
    """How much a block looks like article prose (positive) or like page chrome (negative)."""
    if block.words < LONG_WORDS:  # one mark is enough (a single sentence has one): find it, not them all
        punctuated = block.words == 0 or _PROSE_MARKS.search(block.folded) is not None
    else:
        punctuated = len(_PROSE_MARKS.findall(block.folded)) * 25 >= block.words
    if not punctuated:
        if block.words >= LONG_WORDS and lowercase_share(block.folded) >= PROSE_LOWERCASE_SHARE:
            return block.words * 0.5  # prose with few marks (long sentences, lost punctuation), or a list
        return _short_cost(block)  # a tag cloud, an archive list, a list of names: chrome however long
    if block.words >= LONG_WORDS or (block.words >= SENTENCE_WORDS and ends_sentence(block.folded)):
        return float(block.words)
    if block.words >= INTRODUCING_WORDS and block.folded.endswith(":"):
        return float(block.words)  # a sentence that introduces a quote or a list
    return _short_cost(block)


def _short_cost(block: Block) -> float:
    return -SHORT_PENALTY - 0.5 * min(block.words, 8)


def article_runs(scores: Sequence[float]) -> list[tuple[int, int]]:
    """The best run and every other run scoring SECOND_RUN_SHARE of it, as (first, last) pairs.

    A second run must hold two prose blocks: one long block beside the article is a
    boilerplate paragraph (a cookie or legal notice, a site blurb), not more of the article.
    """
    finder = RunFinder(scores)  # each run found splits its range in two: many runs, many ranges
    top = finder.best(0, len(scores))[0]
    if top < MIN_ARTICLE_SCORE:
        return [(0, len(scores) - 1)] if scores else []
    runs: list[tuple[int, int]] = []
    pending = [(0, len(scores))]
    while pending:
        lo, hi = pending.pop()
        score, first, last = finder.best(lo, hi)
        if last >= first and score >= max(MIN_ARTICLE_SCORE, SECOND_RUN_SHARE * top):
            if score < top and sum(1 for s in scores[first : last + 1] if s > 0) < 2:
                continue
            runs.append((first, last))
            pending += [(lo, first), (last + 1, hi)]
    return runs


def run_after_headline(
    page: Page, kept: list[Block], scores: Sequence[float], runs: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The run that starts with the first paragraph after the headline the url names, when no run
    found holds that paragraph or, near the headline, two paragraphs of prose (one alone is a box:
    an author's, a blurb); None when there is no such headline or the article was found.

    The run grows from that paragraph while it scores more, up to the next run found, and never
    through a stretch that leaves its score at zero or less: cleaning the output again finds the
    same run.
    """
    slug = slug_words(page.doc.url) if runs else frozenset()
    if not slug:
        return None
    places = _headline_places(page, kept, scores)
    at = headline_index([page.blocks[place].text for place in places], slug)
    if at is None:
        return None
    headline = page.blocks[places[at]].index
    start = next((k for k, block in enumerate(kept) if block.index > headline), len(kept))
    first = next(
        (k for k in range(start, min(start + FIRST_PROSE_WITHIN, len(kept))) if _is_prose(kept[k], scores[k])), None
    )
    if first is None or any(begin <= first <= end for begin, end in runs):
        return None  # no prose after the headline, or a run holds it
    if any(
        begin <= start + HEADLINE_REACH and end >= start and _prose_count(kept, scores, begin, end) >= 2
        for begin, end in runs
    ):
        return None  # the article was found near the headline: a dek before it stays out
    stop = min((f for f, _ in runs if f > first), default=len(kept))
    total, best, last = 0.0, 0.0, first
    for k in range(first, stop):
        total += scores[k]
        if total <= 0:
            break
        if total > best:
            best, last = total, k
    return first, last


def _headline_places(page: Page, kept: list[Block], scores: Sequence[float]) -> list[int]:
    """Where in `page.blocks` a headline with its article after it can be: in the few kept blocks
    before a paragraph of prose, or among the blocks dropped between them (a headline the page
    repeats goes before this pass runs). The rest of the page, its menus, need not be read."""
    place = {id(block): n for n, block in enumerate(page.blocks)}
    places: set[int] = set()
    for k, block in enumerate(kept):
        if _is_prose(block, scores[k]):
            after = place[id(kept[k - FIRST_PROSE_WITHIN])] if k >= FIRST_PROSE_WITHIN else 0
            places.update(range(after, place[id(block)]))
    return sorted(places)


def _prose_count(kept: list[Block], scores: Sequence[float], first: int, last: int) -> int:
    return sum(1 for k in range(first, last + 1) if _is_prose(kept[k], scores[k]))


def _is_prose(block: Block, score: float) -> bool:
    """Counted at its full length: punctuated prose, not a long unpunctuated list."""
    return score > 0 and score >= block.words


class PageChrome:
    """Drop the kept blocks that lie outside every run of article prose (whole pages only)."""

    name = "page-chrome"

    def run(self, page: Page) -> None:
        if page.whole_page is False:
            return  # an article already: an extractor's output, or the caller says so
        kept = page.kept()
        scores = [block_score(b) for b in kept]
        if page.whole_page is None and sum(1 for s in scores if s < 0) < MIN_CHROME_LINES:
            return  # too few short lines for a whole page: an article already
        runs = article_runs(scores)
        after_headline = run_after_headline(page, kept, scores, runs)
        if after_headline is not None:
            runs.append(after_headline)
        inside = {i for first, last in runs for i in range(first, last + 1)}
        for i, block in enumerate(kept):
            if i not in inside:
                page.drop(
                    block,
                    "page-chrome",
                    "page.outside-article",
                    "outside the article's runs of prose: menu, footer, tag or link list",
                )


MENU_MIN_LINES = 10
_LABEL = re.compile(r"^[^\W\d_][^\d.!?:;,]*$")  # a menu entry or tag: letters, no digits, no sentence marks


class MenuBlocks:
    """A block of ten or more lines that are nearly all labels of one to three words: a menu or a
    tag cloud. Lists that are content carry numbers (ingredients, results) or run longer."""

    name = "menu-blocks"

    def run(self, page: Page) -> None:
        for block in page.kept():
            lines = block.lines
            if len(lines) < MENU_MIN_LINES:
                continue
            labels = sum(1 for line in lines if len(line.split()) <= 3 and _LABEL.match(line))
            if labels >= 0.8 * len(lines):
                page.drop(block, "navigation", "page.menu-block", "a block of short labels, one a line: a menu or tags")
