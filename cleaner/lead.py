"""The article's lead: the opening paragraph that extractors drop with the page's header.

News and magazine pages set the lead (the "teaser", "intro", "chapo", standfirst paragraph) apart
from the body, between the headline and the first paragraph, often inside the article's header
beside the byline and the share bar. trafilatura drops such headers whole, and the article then
starts at its second paragraph. The lead is found by its place, not by class names, which
every site spells its own way: the paragraphs of prose that stand between the headline (the
`<h1>`, or on a page without one an `<h2>` or `<h3>`, that carries the page's title) and the
first paragraph the extractor took.

Only paragraphs of two sentences or more count. A single sentence there is a subtitle, a
photo's caption, a date or credit line, or an author's one-line bio: page furniture, not the
story's opening.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from itertools import islice

from lxml import etree

from .document import count_words, fold
from .visible import BLOCK_TAGS, SPACES, collapse_spaces, visible_text

LEAD_MIN_WORDS = 10  # a paragraph, not a label
LEAD_MIN_SENTENCES = 2  # one sentence under a headline is its subtitle or a caption
MAX_LEAD_BLOCKS = 3  # a lead is a paragraph or two, never a page
MAX_HEADLINES_TRIED = 3  # a page repeats its headline in a layout or two, not more
MAX_ELEMENTS_SCANNED = 600  # between headline and body: past this, the body is not near the headline
_NOT_ARTICLE = frozenset({"nav", "aside", "footer", "form", "button", "select", "figure", "figcaption"})
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?:\s|$)|[。！？]")
_HEADINGS = frozenset({"h1", "h2", "h3"})  # a page without an <h1> sets its headline in the next level
_HEADLINES = etree.XPath("//h1|//h2|//h3")  # in page order
_CAPTION = re.compile(r"caption|credit", re.I)


def with_lead(tree: etree._Element, text: str, title: str | None) -> str:
    """`text` (extracted blocks, blank-line separated) with the lead put back before its first paragraph."""
    blocks = text.split("\n\n")
    first = next((i for i, block in enumerate(blocks) if count_words(block) >= LEAD_MIN_WORDS), None)
    if first is None or not title:
        return text
    # Folded on first need: most pages have no paragraph of prose between headline and body.
    extracted = cache(lambda: {fold(SPACES.sub(" ", block)) for block in blocks})
    lead = _lead(tree, fold(SPACES.sub(" ", blocks[first].split("\n")[0]))[:50], extracted, fold(title))
    return "\n\n".join(blocks[:first] + lead + blocks[first:]) if lead else text


def _lead(tree: etree._Element, body_start: str, extracted: Callable[[], set[str]], title: str) -> list[str]:
    """The lead paragraphs between a headline and the body's first paragraph.

    Empty when the body is not found after a headline: the extractor's text then starts somewhere
    this cannot place, and nothing is added.
    """
    headlines = (h for h in _HEADLINES(tree) if _is_headline(h, title))
    for headline in islice(headlines, MAX_HEADLINES_TRIED):
        found: list[str] = []
        for element in islice(_following(headline), MAX_ELEMENTS_SCANNED):
            if element.tag in _HEADINGS and _is_headline(element, title):
                break  # the headline again (a second layout of the page): start from it
            if element.tag not in BLOCK_TAGS or _holds_blocks(element):
                continue
            paragraph = collapse_spaces(visible_text(element))
            folded = fold(paragraph)
            if paragraph and body_start in folded:
                return found[:MAX_LEAD_BLOCKS]
            if paragraph and _is_lead_paragraph(element, paragraph, folded, extracted) and paragraph not in found:
                found.append(paragraph)
    return []


def _following(element: etree._Element) -> Iterator[etree._Element]:
    """The elements after `element` in page order, its own descendants apart, read as needed (the
    XPath axis `following::*` lists all of them, the page's footer included, before the first)."""
    for node in (element, *element.iterancestors()):
        for sibling in node.itersiblings():
            yield from sibling.iter(etree.Element)


def _is_headline(element: etree._Element, title: str) -> bool:
    heading = fold(collapse_spaces("".join(element.itertext())))
    return bool(heading) and (heading in title or title in heading)


def _holds_blocks(element: etree._Element) -> bool:
    """True for a container: the paragraphs are its block-level descendants, not it. (A look at
    each descendant's tag costs less than lxml's matcher for fifty tags, made anew each call.)"""
    return any(descendant.tag in BLOCK_TAGS for descendant in element.iterdescendants())


def _is_lead_paragraph(element: etree._Element, paragraph: str, folded: str, extracted: Callable[[], set[str]]) -> bool:
    if count_words(paragraph) < LEAD_MIN_WORDS or len(_SENTENCE_END.findall(paragraph)) < LEAD_MIN_SENTENCES:
        return False
    if folded in extracted():
        return False  # the extractor has it already, as a block of its own elsewhere
    linked = sum(len(a.text_content()) for a in element.iter("a"))
    if linked > 0.5 * len(paragraph):
        return False
    for up in (element, *element.iterancestors()):
        if up.tag in _NOT_ARTICLE or _CAPTION.search(f"{up.get('class', '')} {up.get('id', '')}"):
            return False
    return True
