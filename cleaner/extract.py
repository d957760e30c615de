"""Step 2 for HTML: the main content as text blocks, and what the page says about itself.

trafilatura finds the main content, and its content tree is turned into blocks (a paragraph, a
heading, a list, a table, a quote each make one block) so the text passes can then work on it
like on any scraped text. Elements a reader never sees are cut before extraction and a
paragraph's source line breaks made spaces (`visible.py`); the page's metadata is read before it
(`page_metadata.py`), then menus, footers and asides are cut (`landmarks.py`). When trafilatura
finds nothing, or too little, or its text is not an article's (a layout table, the page's blocks
run together on one line: `whole_page.py`), the whole page's visible text goes to the text passes
instead: the page-chrome pass finds the article in it as it does in a scraped page.

Parsing is safe by construction: lxml's HTML parser with no network access, no entity
expansion beyond HTML's own, comments and processing instructions dropped, and libxml2's size
limits on.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from lxml import etree, html
from lxml.html import defs as html_defs

from .content_tree import MarkupFacts, element_text, inline_text, page_shapes, shape_of
from .document import Block, count_words, fold
from .images import images_by_block
from .landmarks import article_landmark, paragraph_text_chars, remove_landmarks
from .lead import with_lead
from .limits import DEFAULT_LIMITS, Limits
from .page_metadata import PageMetadata, read_metadata
from .passes.page_chrome import block_score  # the page-chrome pass's measure of prose
from .visible import SPACES, collapse_spaces, remove_hidden, remove_unrendered, unwrap_paragraphs, visible_text
from .whole_page import MIN_EXTRACTED_CHARS, page_text_instead

if TYPE_CHECKING:
    from trafilatura.settings import Extractor

SHORT_SHARE = 0.5  # an extraction with less than this share of the page's <p> text is looked at again
# ...and one with more than this many times the page's <p> text took in more than an article (a
# sidebar's teaser list beside a short story): trafilatura's full comparison is asked, and its
# shorter text taken when at most CUT_PROSE_SHARE of what it leaves out reads as prose.
OVER_SHARE = 3.0
CUT_PROSE_SHARE = 0.3
SIBLING_MIN_WORDS = 10  # a paragraph of prose, not a caption or a button

_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|style|meta|link|title|base)\b",
    re.I | re.S,
)
_TAG = re.compile(
    r"<(?:p|div|span|a|br|li|ul|table|tr|td|meta|script|style|title|h[1-6]|img|section|article)\b[^>]*>", re.I
)
# Every element name HTML has (lxml's list, which lacks a few of HTML5's).
_ELEMENT_NAMES = "|".join(
    sorted(html_defs.tags | {"main", "picture", "template", "dialog", "data", "bdi", "slot"}, key=len, reverse=True)
)
_FRAGMENT_START = re.compile(rf"^\s*<(?:{_ELEMENT_NAMES})[\s/>]", re.I)
_FRAGMENT_END = re.compile(rf"</(?:{_ELEMENT_NAMES})\s*>\s*$", re.I)
SNIFF_CHARS = 2048  # how much of a text is read to tell HTML from text
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")


@dataclass(slots=True)
class Extracted:
    """The main content as text (blocks separated by blank lines), the metadata, and how.

    `facts` holds what the markup says of each block: its link share and its shape.
    """

    text: str
    metadata: PageMetadata
    method: str  # "trafilatura" or "whole-page"
    facts: MarkupFacts = field(default_factory=MarkupFacts)


def looks_like_html(text: str) -> bool:
    """True for an HTML document (it opens as one, or with what stands in a page's head, such as
    a long `<style>`), an HTML fragment (it opens with an element and ends with an end tag:
    `<p>...<b>...</b></p>`), or text dense with HTML tags.

    Scraped text may carry a stray tag or two (a tracking `<img>`, an embed's `<script>`), and
    may mention one ("the proof <ends> here"); those stay text."""
    head = text[:SNIFF_CHARS]
    if "<" not in head:
        return False
    if _HTML_START.match(head) or len(_TAG.findall(head)) >= 3:
        return True
    return bool(_FRAGMENT_START.match(head) and _FRAGMENT_END.search(text[-SNIFF_CHARS:]))


def parse(markup: str, fixes: list[str] | None = None) -> html.HtmlElement:
    """An lxml tree of the page, parsed safely; an empty document for markup that has no elements.

    C0 control characters and the noncharacters U+FFFE and U+FFFF, which libxml2 keeps in text
    but lxml refuses wherever text is set (so a later step that moves text between elements
    would fail), are taken out first, written or as references: form feed, vertical tab and
    references as spaces, the other controls as noise; "control-characters" goes into `fixes`.
    """
    markup = _XML_DECLARATION.sub("", markup, count=1)
    # U+FFFE and U+FFFF, which lxml refuses too, looked for in the str: a search for one
    # character is quicker there than for its three bytes in UTF-8.
    noncharacters = "\ufffe" in markup or "\uffff" in markup
    if noncharacters:
        markup = markup.replace("\ufffe", " ").replace("\uffff", " ")
    # As UTF-8 bytes, which libxml2 reads a third faster than a Python str, and which a byte
    # translation checks for controls faster than a regex reads the str (no byte of a multi-byte
    # UTF-8 sequence is below 0x80). A lone surrogate, which UTF-8 cannot carry, becomes "?".
    data = markup.encode("utf-8", "replace")
    repaired = data.translate(_C0_AS_SPACE, _C0_NOISE) if len(data.translate(None, _C0_NOT_XML)) != len(data) else data
    if b"&#" in repaired:  # a character reference to a control character is one once parsed
        repaired = _C0_REFERENCE.sub(b" ", repaired)
    if repaired != data or noncharacters:
        data = repaired
        if fixes is not None and "control-characters" not in fixes:
            fixes.append("control-characters")
    try:
        return html.document_fromstring(data, parser=_parser())
    except (etree.ParserError, ValueError):
        return html.document_fromstring("<html><body></body></html>", parser=_parser())


_C0_NOISE = bytes(range(0x00, 0x09)) + bytes(range(0x0E, 0x20))
_C0_NOT_XML = _C0_NOISE + b"\x0b\x0c"
_C0_AS_SPACE = bytes.maketrans(b"\x0b\x0c", b"  ")
# A reference to one of those controls (decimal 1-8, 11, 12, 14-31, or in hex; the parser itself
# turns &#0; into U+FFFD) or to the noncharacters U+FFFE and U+FFFF, taken as a space.
_C0_REFERENCE = re.compile(
    rb"&#(?:0*(?:[1-8]|1[124-9]|2[0-9]|3[01]|6553[45])(?![0-9])"
    rb"|[xX]0*(?:[1-8bBcCeEfF]|1[0-9a-fA-F]|[fF]{3}[eEfF])(?![0-9a-fA-F]));?"
)


_COUNT_ELEMENTS = etree.XPath("count(//*)")


def element_bound(markup: str) -> int:
    """At most how many elements the parser makes of `markup`: one per tag, and those it implies
    (`<html>`, `<head>`, `<body>`, a `<p>` around text that stands outside them), never more than
    one more per tag and three besides. Counting "<" costs a third of counting the tree."""
    return 2 * markup.count("<") + 3


@cache
def _parser() -> html.HTMLParser:
    """lxml's HTML parser, safe (see `parse`), whose elements are all `HtmlElement`s chosen in C.

    lxml.html's own choice calls back into Python for every element a step touches, to make
    forms and inputs their own classes, which nothing here uses: a few percent of HTML time,
    trafilatura's steps on copies of the tree included (a copy keeps its parser's choice).
    """
    parser = html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, huge_tree=False, collect_ids=False, encoding="utf-8"
    )
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(element=html.HtmlElement))
    return parser


def extract(
    markup: str,
    url: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    fixes: list[str] | None = None,
    images: bool = False,
) -> Extracted:
    """The page's main content and metadata; the whole visible text when extraction fails.
    `images`: note the page's images with the blocks they stand with (for Markdown).

    Raises `TooComplex` for a page with more elements than `limits` allow.
    """
    tree = parse(markup, fixes)
    if limits.max_html_elements is not None and element_bound(markup) > limits.max_html_elements:
        limits.check_elements(int(_COUNT_ELEMENTS(tree)))  # counted only where the bound allows too many
    remove_hidden(tree)  # before any route: trafilatura's own cut misses some (its short-page fallbacks)
    metadata = read_metadata(tree, url)  # before extraction, which prunes the tree
    remove_unrendered(tree)  # after the metadata: htmldate reads dates in scripts
    unwrap_paragraphs(tree)
    paragraph_chars = paragraph_text_chars(tree)  # the page as served
    remove_landmarks(tree, paragraph_chars)  # menus, footers, asides: trafilatura's walks need not carry them
    text, facts = _main_content(tree, paragraph_chars)
    extracted = _whole_page(tree, text, metadata) or Extracted(
        with_lead(tree, text, metadata.title), metadata, "trafilatura", facts
    )
    if images:
        extracted.facts.images = images_by_block(tree, extracted.text, url)
    return extracted


def _whole_page(tree: html.HtmlElement, text: str, metadata: PageMetadata) -> Extracted | None:
    """The page's whole visible text in place of the extractor's, when that is not the article's
    (`whole_page.page_text_instead`)."""
    visible = page_text_instead(tree, text)
    return None if visible is None else Extracted(visible, metadata, "whole-page", page_shapes(tree))


def _main_content(tree: html.HtmlElement, paragraph_chars: int) -> tuple[str, MarkupFacts]:
    """trafilatura's quick pass; when it finds under half the page's paragraph text (one <article>
    of a live blog, one section of a long read), its full comparison with its fallback
    extractors, and then the paragraphs of sibling sections. (trafilatura works on a copy of the
    tree it is given, so one parse serves all.) The full comparison goes first: on a live blog it
    finds entries, with their authors, that the sibling sections of the quick pass's one entry miss.
    When it finds several times the page's paragraph text, the full comparison may trim it (`_trimmed`)."""
    searched = _searched_part(tree, paragraph_chars)
    text, facts = _trafilatura(searched, fast=True)
    if len(text) < SHORT_SHARE * paragraph_chars:
        full_text, full_facts = _trafilatura(searched, fast=False)
        if len(full_text) > len(text):
            text, facts = full_text, full_facts
    elif paragraph_chars >= MIN_EXTRACTED_CHARS and len(text) > OVER_SHARE * paragraph_chars:
        text, facts = _trimmed(searched, text, facts)
    if len(text) < SHORT_SHARE * paragraph_chars:
        text = _with_sibling_sections(tree, text)
    return text, facts


def _searched_part(tree: html.HtmlElement, paragraph_chars: int) -> html.HtmlElement:
    """The page, or the article holder (`<article>`, `<main>`, or an element marked as one) that
    holds nearly all its paragraph text, alone in a page of its own: trafilatura copies and walks
    what it is given several times a pass, and finds the same text in that part on all but a few
    pages (HTML time about a twentieth less)."""
    if paragraph_chars < MIN_EXTRACTED_CHARS:
        return tree
    article = article_landmark(tree, paragraph_chars)
    if article is None:
        return tree
    page = _parser().makeelement("html")
    etree.SubElement(page, "body").append(deepcopy(article))
    return page


def _trimmed(tree: html.HtmlElement, text: str, facts: MarkupFacts) -> tuple[str, MarkupFacts]:
    """The quick pass's text, or the full comparison's when that is shorter and what it leaves out
    is chrome (teaser titles, dates, link lists), not paragraphs of the article: on some pages the
    quick pass takes a whole column, sidebar included, and the comparison finds the story in it."""
    full_text, full_facts = _trafilatura(tree, fast=False)
    if not MIN_EXTRACTED_CHARS <= len(full_text) < len(text):
        return text, facts
    kept = " ".join(full_text.split())
    left_out = [Block(0, block) for block in text.split("\n\n") if " ".join(block.split()) not in kept]
    words = sum(block.words for block in left_out)
    prose = sum(block.words for block in left_out if block_score(block) > 0)
    return (full_text, full_facts) if prose <= CUT_PROSE_SHARE * words else (text, facts)


def _with_sibling_sections(tree: html.HtmlElement, text: str) -> str:
    """Add the paragraphs the extractor missed in other containers like the one it took.

    Long reads are often cut into sections, each in a container of the same tag and class; an
    extractor that settles on one container loses the rest. Paragraphs of prose in containers
    of the same kind as those holding the extracted paragraphs are put back, in page order. A
    paragraph counts as extracted when it is a block or a line of one: trafilatura's fallback
    extractors may give a section's paragraphs as the lines of a single block.
    """
    blocks = text.split("\n\n")
    places: dict[str, deque[int]] = defaultdict(deque)  # where each extracted block stands
    for index, block in enumerate(blocks):
        places[block].append(index)
        if "\n" in block:  # a fallback extractor's paragraphs may come as the lines of one block
            for line in block.split("\n"):
                places[line].append(index)
    known = places.keys()
    paragraphs = [(p, collapse_spaces(visible_text(p))) for p in tree.iter("p")]
    kinds = {_container_kind(p) for p, t in paragraphs if t in known}
    out: list[str] = []
    taken = 0  # extracted blocks already in `out`
    for p, t in paragraphs:
        if t in known:  # an extracted paragraph: the blocks up to it come first
            while places[t] and places[t][0] < taken:
                places[t].popleft()
            if places[t]:
                upto = places[t].popleft() + 1
                out.extend(blocks[taken:upto])
                taken = upto
        elif t and _container_kind(p) in kinds and count_words(t) >= SIBLING_MIN_WORDS and not _link_dense(p, t):
            out.append(t)
    out.extend(blocks[taken:])
    return "\n\n".join(out)


def _container_kind(element: etree._Element) -> tuple[str, str]:
    parent = element.getparent()
    return ("", "") if parent is None else (str(parent.tag), parent.get("class") or "")


def _link_dense(element: etree._Element, text: str) -> bool:
    linked = sum(len(a.text_content()) for a in element.iter("a"))
    return linked > 0.5 * len(text)


def _trafilatura(tree: html.HtmlElement, fast: bool) -> tuple[str, MarkupFacts]:
    from trafilatura import bare_extraction  # imported on first use: text-only callers never pay for it

    result = bare_extraction(tree, options=_extractor_options(fast))
    facts = MarkupFacts()
    if result is None or result.body is None:
        return "", facts
    return _blocks_text(result.body, facts), facts


@cache
def _extractor_options(fast: bool) -> Extractor:
    """trafilatura's settings, made once (it reads its config file's values for each call otherwise).

    Links are kept for their text (link shares), not their targets: with no url, trafilatura
    does not resolve every href against it, which costs a tenth of its time. The "txt" format
    leaves the content tree as it is, where "python" would also write it out as text, unread.
    """
    from trafilatura.settings import Extractor

    return Extractor(output_format="txt", fast=fast, comments=False, tables=True, links=True, url=None)


def load_extractors() -> None:
    """Import trafilatura, htmldate and jusText's stop lists now rather than on the first page
    that needs them (a stream does this before any record's time limit starts)."""
    import htmldate  # noqa: F401
    import trafilatura.metadata  # noqa: F401
    from trafilatura import bare_extraction  # noqa: F401

    try:
        from trafilatura.external import jt_stoplist_init  # internal: loaded on the first fallback

        jt_stoplist_init()
    except (ImportError, AttributeError):  # pragma: no cover - another trafilatura layout
        pass


# Containers a fallback extractor leaves (readability's output is the page's own markup): their
# blocks are the content's blocks, not one block of many lines.
_WRAPPERS = frozenset({"div", "section", "article", "main"})


def _top_blocks(parent: etree._Element) -> Iterator[etree._Element]:
    """The content tree's top-level elements, with a wrapper that holds only elements (no text of
    its own between them) replaced by its children, as deep as such wrappers go."""
    for child in parent:
        if child.tag in _WRAPPERS and len(child) and not _holds_own_text(child):
            yield from _top_blocks(child)
        else:
            yield child


def _holds_own_text(element: etree._Element) -> bool:
    return bool((element.text or "").strip()) or any((child.tail or "").strip() for child in element)


def _blocks_text(body: etree._Element, facts: MarkupFacts) -> str:
    """trafilatura's content tree as blocks: one per paragraph, heading, list, table or quote; each
    block's link share and shape go into `facts`."""
    blocks = []
    for child in _top_blocks(body):
        text = element_text(child)
        if not text:
            continue
        blocks.append(text)
        refs = list(child.iter("ref"))
        if child.tag == "p" and not refs:
            continue  # a plain paragraph: no shape or link share to note
        key = fold(text)
        facts.shapes[key] = shape_of(child, text)
        ref_lines = [line for ref in refs for line in inline_text(ref).split("\n")]
        linked = sum(len(line.replace(" ", "")) for line in ref_lines)
        if linked:
            share = min(1.0, linked / max(1, len(SPACES.sub("", text))))
            linked_lines = set(ref_lines)
            facts.link_shares[key] = (share, sum(1 for line in text.split("\n") if line in linked_lines))
    return "\n\n".join(blocks)
