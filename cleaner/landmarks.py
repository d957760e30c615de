"""The parts of a page that hold no article by their own markup: navigation, footers, asides
(as tags or as ARIA's roles for them), and the head once its metadata is read.

trafilatura drops `<nav>`, `<footer>`, `<aside>` and `<head>` in its main pass anyway, but only
on a copy of the tree, after walking the whole of it with its pruning XPaths, and again on each
retry; its fallbacks and our own steps after it (the lead, sibling sections, a whole-page
rendering) read them too, and take them for text. Cut once, they cost none of that: about a
tenth of the HTML route's time, where with the head they are a third of a page's elements.
The markup may also say which part holds the article (`article_landmark`): trafilatura is then
given that part alone.
"""

from __future__ import annotations

from lxml import etree, html

LANDMARK_PAGE_SHARE = 0.5  # a landmark with more of the page's text, or <p> text, than this holds the page
ARTICLE_SHARE = 0.9  # an article holder with this share of the page's <p> text holds its article

_LANDMARK_TAGS = ("nav", "footer", "aside")
# ARIA's names for them, on whatever element carries them.
_LANDMARK_ROLES = etree.XPath("//@role[.='navigation' or .='complementary' or .='contentinfo']")
# Attributes that say their element holds the article. Read as attributes: a test of them on
# every element costs twice.
_HOLDER_ATTRIBUTES = etree.XPath("//@role[.='main' or .='article']|//@itemprop[.='articleBody']")
_TEXT_LENGTH = etree.XPath("string-length()")  # counted in C, with no string made


def remove_landmarks(tree: html.HtmlElement, paragraph_chars: int) -> None:
    """Cut `<nav>`, `<footer>` and `<aside>`, the elements marked with their ARIA roles
    (`navigation`, `contentinfo`, `complementary`), and all the head holds but its title.

    Run after the metadata is read (it lives in the head and, for bylines and dates, in footers)
    and after what extraction measures of the page as served: `paragraph_chars`, the length of
    its `<p>` text.

    A landmark stays when it holds over half the page's text or over half its paragraph text:
    then the parser has put the article inside it (a `<nav>` of breadcrumbs left unclosed) or the
    site's main column is one. One inside a table cell stays too: the page is laid out in a table,
    and what its cells hold tells layout from data. Outer landmarks are judged first: one inside
    a landmark that goes goes with it.
    """
    _empty_head(tree)
    marked = _marked_by(_LANDMARK_ROLES, tree)
    candidates = sorted(dict.fromkeys([*tree.iter(_LANDMARK_TAGS), *marked]), key=_depth)  # outer ones first
    landmarks = [element for element in candidates if next(element.iterancestors("td"), None) is None]
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
    """The innermost article holder that holds ARTICLE_SHARE of the page's `<p>` text, or None:
    the article is in it, and what lies outside (headers, teasers, sidebars without their
    landmarks) need not be searched for it. A holder is an `<article>` or `<main>`, or an element
    that says it is one (`role="main"` or `"article"`, ARIA's names for them) or that holds the
    article's body (schema.org's `itemprop="articleBody"`).

    One walk over the paragraphs and the holders' tags, whatever the page's depth: each paragraph
    adds its length to the holder it stands in, which passes its sum on to the one around it."""
    holders = set(_article_holders(tree))
    if not holders:
        return None
    open_holders: list[etree._Element] = []
    held: dict[etree._Element, int] = {}
    tags = {"p", *(holder.tag for holder in holders)}
    for event, element in etree.iterwalk(tree, events=("start", "end"), tag=tags):
        if event == "start":
            if element in holders:
                open_holders.append(element)
                held[element] = 0
            if element.tag == "p" and open_holders:
                held[open_holders[-1]] += sum(len(text) for text in element.itertext())
        elif element in holders:
            chars = held[open_holders.pop()]
            if open_holders:
                held[open_holders[-1]] += chars
    enough = [holder for holder, chars in held.items() if chars >= ARTICLE_SHARE * paragraph_chars > 0]
    return max(enough, key=_depth, default=None)  # they nest: the deepest is the innermost


def _article_holders(tree: html.HtmlElement) -> list[etree._Element]:
    return [*tree.iter("article", "main"), *_marked_by(_HOLDER_ATTRIBUTES, tree)]


def _marked_by(attributes: etree.XPath, tree: html.HtmlElement) -> list[etree._Element]:
    """The elements that carry the attributes `attributes` finds, but the page's own `<html>` and
    `<body>`, which are no part of it."""
    elements = (attribute.getparent() for attribute in attributes(tree))
    return [element for element in elements if element.tag not in ("html", "body")]


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
