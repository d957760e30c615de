"""The parts of a page that hold no article by their own markup: navigation, footers, asides,
and the head once its metadata is read.

trafilatura drops `<nav>`, `<footer>`, `<aside>` and `<head>` in its main pass anyway, but only
on a copy of the tree, after walking the whole of it with its pruning XPaths, and again on each
retry; its fallbacks and our own steps after it (the lead, sibling sections, a whole-page
rendering) read them too, and take them for text. Cut once, they cost none of that: about a
tenth of the HTML route's time, where with the head they are a third of a page's elements.
"""

from __future__ import annotations

from lxml import etree, html

LANDMARK_PAGE_SHARE = 0.5  # a landmark with more of the page's text, or <p> text, than this holds the page
ARTICLE_SHARE = 0.9  # an <article> or <main> with this share of the page's <p> text holds its article

_LANDMARK_TAGS = ("nav", "footer", "aside")
_ARTICLE_TAGS = ("article", "main")
_TEXT_LENGTH = etree.XPath("string-length()")  # counted in C, with no string made


def remove_landmarks(tree: html.HtmlElement, paragraph_chars: int) -> None:
    """Cut `<nav>`, `<footer>` and `<aside>`, and all the head holds but its title.

    Run after the metadata is read (it lives in the head and, for bylines and dates, in footers)
    and after what extraction measures of the page as served: `paragraph_chars`, the length of
    its `<p>` text.

    A landmark stays when it holds over half the page's text or over half its paragraph text:
    then the parser has put the article inside it (a `<nav>` of breadcrumbs left unclosed) or the
    site's main column is one. One inside a table cell stays too: the page is laid out in a table,
    and what its cells hold tells layout from data.
    """
    _empty_head(tree)
    landmarks = [element for element in tree.iter(_LANDMARK_TAGS) if next(element.iterancestors("td"), None) is None]
    if not landmarks:
        return
    page_chars = _chars(tree)
    dropped: set[etree._Element] = set()
    for landmark in landmarks:
        if any(up in dropped for up in landmark.iterancestors()):
            continue  # went with an outer one
        if not _holds_the_page(landmark, page_chars, paragraph_chars):
            landmark.drop_tree()  # its tail stays: the parent's text
            dropped.add(landmark)


def article_landmark(tree: html.HtmlElement, paragraph_chars: int) -> etree._Element | None:
    """The innermost `<article>` or `<main>` that holds ARTICLE_SHARE of the page's `<p>` text, or
    None: the article is in it, and what lies outside (headers, teasers, sidebars without their
    landmarks) need not be searched for it.

    One pass over the paragraphs: each adds its length to its nearest such element, which passes
    it on to the ones around it (the parser nests elements at most 256 deep)."""
    own: dict[etree._Element, int] = {}
    for paragraph in tree.iter("p"):
        holder = next(paragraph.iterancestors(_ARTICLE_TAGS), None)
        if holder is not None:
            own[holder] = own.get(holder, 0) + sum(len(text) for text in paragraph.itertext())
    held = dict(own)
    for holder, chars in own.items():
        for outer in holder.iterancestors(_ARTICLE_TAGS):
            held[outer] = held.get(outer, 0) + chars
    enough = [holder for holder, chars in held.items() if chars >= ARTICLE_SHARE * paragraph_chars > 0]
    return max(enough, key=_depth, default=None)  # they nest: the deepest is the innermost


def _depth(element: etree._Element) -> int:
    return sum(1 for _ in element.iterancestors())


def _holds_the_page(landmark: etree._Element, page_chars: float, paragraph_chars: int) -> bool:
    if _chars(landmark) > LANDMARK_PAGE_SHARE * page_chars:
        return True
    return paragraph_text_chars(landmark) > LANDMARK_PAGE_SHARE * paragraph_chars


def paragraph_text_chars(element: etree._Element) -> int:
    """The length of the text of the `<p>` elements in `element`: how much prose it holds."""
    return sum(len(text) for p in element.iter("p") for text in p.itertext())


def _empty_head(tree: html.HtmlElement) -> None:
    head = tree.find("head")
    if head is not None:
        for element in list(head):
            if element.tag != "title":
                head.remove(element)


def _chars(element: etree._Element) -> float:
    return _TEXT_LENGTH(element)
