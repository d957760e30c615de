"""The byline in a page's markup, for pages whose meta tags and JSON-LD name no author.

Most bylines live in the markup, not in the head: `rel="author"` links, `itemprop="author"`,
`class="byline"`, a WordPress `author vcard`. Where they stand, from the surest place to the
loosest, is trafilatura's list (its `AUTHOR_XPATHS`), and so is where they only seem to (comment
lists, sidebars, quotes, figures, dates: `AUTHOR_DISCARD_XPATHS`). Here the same list is data
read in one walk over the page: trafilatura's XPaths call Python back for each regex on each
element, and its reader copies the whole tree first, which cost more than the rest of the
metadata together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree, html

from .authors import as_written
from .dates import DATE_RUN_IN

_TOO_SHORT, _TOO_LONG = 2, 120  # characters: trafilatura's bounds for a byline's text


@dataclass(frozen=True)
class Place:
    """Where a byline may stand: on these tags (None: any), with these attribute values or patterns."""

    tags: frozenset[str] | None
    equals: tuple[tuple[str, str], ...] = ()  # (attribute, value)
    contains: tuple[tuple[str, str], ...] = ()  # (attribute, substring)
    patterns: tuple[tuple[str, re.Pattern[str]], ...] = ()  # (attribute, regex searched)

    def holds(self, element: etree._Element) -> bool:
        if self.tags is not None and element.tag not in self.tags:
            return False
        get = element.get
        return (
            any(get(name) == value for name, value in self.equals)
            or any(part in (get(name) or "") for name, part in self.contains)
            or any(pattern.search(get(name) or "") for name, pattern in self.patterns)
        )


# From the surest to the loosest; the first place with a byline of a name's length decides.
PLACES = (
    Place(
        frozenset({"a", "address", "div", "link", "p", "span", "strong"}),
        equals=(("rel", "author"), ("id", "author"), ("class", "author"), ("itemprop", "author name"),
                ("data-testid", "AuthorCard"), ("data-testid", "AuthorURL")),
        patterns=(("class", re.compile("author-?name|AuthorName|authorName")),),
    ),
    Place(
        frozenset({"a", "div", "h3", "h4", "p", "span"}),
        equals=(("class", "byline"), ("class", "username"), ("class", "byl"), ("class", "BBL")),
        contains=(("itemprop", "author"),),
        patterns=(
            ("id", re.compile("author|zuozhe|bianji|xiaobian")),
            ("class", re.compile("author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")),
        ),
    ),
    Place(
        None,
        contains=(("data-component", "Byline"), ("itemprop", "author")),
        patterns=(("id", re.compile("[Aa]uthor")), ("class", re.compile("[Aa]uthor|screenname|writer|[Bb]yline"))),
    ),
)  # fmt: skip
# Places that only look like a byline's, and all inside them. "category" is a category box, not
# WordPress's "category-<slug>" class on every post's container (which would rule out its byline).
NOT_BYLINES = (
    Place(
        frozenset({"a", "div", "section", "span"}),
        equals=(("id", "comments"), ("class", "comments"), ("class", "title"), ("class", "date")),
        contains=(("data-component", "Figure"),),
        patterns=(
            ("id", re.compile("^comments|comment-?list|ProductReviews")),
            ("class", re.compile("^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
                                 "article-(?:share|support)|print|category(?!-)|meta-date|meta-reviewer")),
        ),
    ),
)  # fmt: skip
_NEVER_BYLINES = frozenset({"time", "figure"})
_PLACE_ATTRIBUTES = etree.XPath("//@class|//@id|//@rel|//@itemprop|//@data-testid|//@data-component|//author/text()")
# Every value or pattern of the places above holds one of these.
_ANY_PLACE_WORD = re.compile(
    "[Aa]uthor|[Bb]yline|byl|BBL|username|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|"
    "journalist-name|screenname|writer"
)


def markup_byline(tree: html.HtmlElement) -> str | None:
    """The first byline's names, normalised ("By Jane Doe and John Roe" -> "Jane Doe; John Roe")."""
    from trafilatura.json_metadata import normalize_authors
    from trafilatura.utils import trim

    found: list[str | None] = [None] * len(PLACES)
    headline = tree.find(".//h1")
    layout = frozenset(headline.iterancestors()) if headline is not None else frozenset()
    for element in _candidates(tree):
        for rank, place in enumerate(PLACES):
            if found[rank] is None and (place.holds(element) or (rank == 0 and element.tag == "author")):
                text = trim(" ".join(element.itertext()))
                if text and _TOO_SHORT < len(text) < _TOO_LONG and not _in_a_place_of_no_byline(element, layout):
                    found[rank] = text
        if found[0] is not None:
            break
    text = next((text for text in found if text is not None), None)
    text = DATE_RUN_IN.sub("", text) if text else text  # trafilatura's reading keeps a weekday: "Spahn Fr"
    names = normalize_authors(None, text) if text else None
    return "; ".join(as_written(name, [text]) for name in names.split("; ")) if names and text else None


def _candidates(tree: html.HtmlElement) -> list[etree._Element]:
    """Elements whose attributes a byline's place may hold, in page order (and `<author>`): the
    attributes' values come from one XPath, and one search of each rules out the many classes
    and ids of other kinds."""
    found: dict[etree._Element, None] = {}
    for value in _PLACE_ATTRIBUTES(tree):
        if value.attrname is None or _ANY_PLACE_WORD.search(value):  # attrname None: an <author>
            found[value.getparent()] = None
    return list(found)


def _in_a_place_of_no_byline(element: etree._Element, layout: frozenset[etree._Element]) -> bool:
    """Whether the element stands in a comment list, a sidebar, a figure... (`NOT_BYLINES`). The
    containers of the page's headline (`layout`) are the page's layout, whatever their classes
    say ("layout-container has-sidebar", "printable"): a sidebar stands beside the article."""
    for node in (element, *element.iterancestors()):
        if node in layout:
            continue
        if node.tag in _NEVER_BYLINES or any(place.holds(node) for place in NOT_BYLINES):
            return True
    return False
