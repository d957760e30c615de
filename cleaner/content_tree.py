"""trafilatura's content tree as blocks of text, each with its shape in the page.

The extractor returns its own small markup: `<head rend="h2">`, `<p>`, `<list rend="ul">` of
`<item>`s (lists nest inside items), `<table>` of `<row>`s of `<cell>`s (`role="head"` for header
cells), `<quote>`, `<code>`, and `<ref target=...>` for links (or, when its full comparison takes a
fallback extractor's text, the page's own HTML: `extract._top_blocks` opens its wrappers, and HTML's
block elements and `<br>` break lines here as trafilatura's do). Each top-level element becomes one
block of text for the passes; its `Shape` says what it was (a heading of level 2, a numbered list
and how deep each line sits, a table and its cells, the links in it), so that Markdown and the
structured JSON can show the kept blocks as the page did. The shape is read off the same walk
that makes the text, and is only believed for a block whose text the passes left as it was.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, field

from lxml import etree

from .document import fold
from .visible import BLOCK_TAGS, collapse_spaces, visible_text

# trafilatura's elements that stand on lines of their own when nested in another (a heading and a
# paragraph in a list item, the headline and the summary of a teaser in one link), and HTML's,
# which a fallback extractor's text keeps (readability's output is the page's own markup).
_NESTED_BLOCKS = frozenset({"p", "head", "item", "quote", "list", "table", "row", "cell", "code"}) | BLOCK_TAGS
_LINE_BREAKS = frozenset({"lb", "br"})
_KINDS = {"head": "heading", "list": "list", "table": "table", "quote": "quote", "code": "code"}


@dataclass(frozen=True, slots=True)
class Shape:
    """What a block was in the page's markup.

    `depths` gives each line of a list its nesting depth (0 for the outer list); `rows` gives each
    line of a table its cells; `links` the (anchor text, target) of each link, in page order.
    """

    kind: str = "paragraph"  # heading, paragraph, list, table, quote or code
    level: int = 0  # a heading's level, 1 to 6
    ordered: bool = False  # a numbered list
    depths: tuple[int, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    header: bool = False  # the table's first row is its header row
    links: tuple[tuple[str, str], ...] = ()


PARAGRAPH = Shape()


@dataclass(slots=True)
class MarkupFacts:
    """What the markup says of the extracted blocks, by their folded text: the share of each that
    was link text with the number of its lines that were a link each (for blocks with links), and
    each block's shape (for all but plain paragraphs), and the images that stand with it (when asked)."""

    link_shares: dict[str, tuple[float, int]] = field(default_factory=dict)
    shapes: dict[str, Shape] = field(default_factory=dict)
    images: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)  # (source, alt), when asked


def element_text(element: etree._Element) -> str:
    """One top-level element of the content tree as a block: a list an item a line, a table a row
    a line (its cells joined by spaces), anything else its inline text."""
    if element.tag == "list":
        return "\n".join(inline_text(item) for item in element.iterchildren("item"))
    if element.tag == "table":
        return "\n".join(" ".join(cells) for cells in _rows(element))
    return inline_text(element)


def inline_text(element: etree._Element) -> str:
    """The text of an element, `<lb/>` and nested blocks as line breaks, spacing within lines
    collapsed: two blocks of the page never run into one word."""
    parts: list[str] = []
    _collect_text(element, parts)
    lines = (collapse_spaces(line) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _collect_text(element: etree._Element, parts: list[str]) -> None:
    if element.text:
        parts.append(element.text)
    for child in element:
        if child.tag in _LINE_BREAKS:
            parts.append("\n")
        elif child.tag in _NESTED_BLOCKS:
            parts.append("\n")
            _collect_text(child, parts)
            parts.append("\n")
        else:
            _collect_text(child, parts)
        if child.tail:
            parts.append(child.tail)


def shape_of(element: etree._Element, text: str) -> Shape:
    """The shape of a top-level element whose block text is `text`.

    A list's depths and a table's cells are kept only when they give back `text` line for line
    (a list item holding a paragraph, a cell holding a list, are lines the walk cannot place):
    such a block is shown as a paragraph rather than wrongly."""
    kind = _KINDS.get(element.tag, "paragraph")
    links = _links(element)
    if kind == "heading":
        rend = element.get("rend") or ""
        level = int(rend[1]) if len(rend) == 2 and rend[0] == "h" and rend[1] in "123456" else 2
        return Shape("heading", level=level, links=links)
    if kind == "list":
        depths = _list_depths(element, text)
        if depths is None:
            return Shape(links=links)
        return Shape("list", ordered=element.get("rend") == "ol", depths=depths, links=links)
    if kind == "table":
        rows = tuple(tuple(cells) for cells in _rows(element))
        if [" ".join(cells) for cells in rows] != text.split("\n"):
            return Shape(links=links)
        first = next(element.iterchildren("row"), None)
        header = first is not None and all(cell.get("role") == "head" for cell in first.iterchildren("cell"))
        return Shape("table", rows=rows, header=header, links=links)
    if kind in ("quote", "code"):
        return Shape(kind, links=links)
    return Shape(links=links) if links else PARAGRAPH


def _rows(table: etree._Element) -> list[list[str]]:
    return [[inline_text(cell) for cell in row.iterchildren("cell")] for row in table.iterchildren("row")]


def _list_depths(element: etree._Element, text: str) -> tuple[int, ...] | None:
    """Each line's depth in a (nested) list, or None when the lines do not come out as `text`'s."""
    lines: list[tuple[int, str]] = []
    _walk_list(element, 0, lines)
    if [line for _, line in lines] != text.split("\n"):
        return None
    return tuple(depth for depth, _ in lines)


def _walk_list(element: etree._Element, depth: int, lines: list[tuple[int, str]]) -> None:
    for item in element.iterchildren("item"):
        nested = [child for child in item if child.tag == "list"]
        if not nested:
            lines.extend((depth, line) for line in inline_text(item).split("\n") if line)
            continue
        own = _without(item, nested)
        lines.extend((depth, line) for line in inline_text(own).split("\n") if line)
        for child in nested:
            _walk_list(child, depth + 1, lines)


def _without(item: etree._Element, nested: list[etree._Element]) -> etree._Element:
    """A copy of a list item with its nested lists taken out (their tails stay)."""
    copy = etree.Element(item.tag)
    copy.text = item.text
    for child in item:
        if any(child is n for n in nested):
            if child.tail:
                _append_text(copy, child.tail)
            continue
        copy.append(deepcopy(child))
    return copy


def _append_text(parent: etree._Element, text: str) -> None:
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _links(element: etree._Element) -> tuple[tuple[str, str], ...]:
    found = []
    for ref in element.iter("ref"):
        anchor, target = " ".join(inline_text(ref).split()), (ref.get("target") or "").strip()
        if anchor and target:
            found.append((anchor, target))
    return tuple(found)


_PAGE_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def page_shapes(tree: etree._Element) -> MarkupFacts:
    """Shapes for the whole-page route, read off the page's own elements: each `<h1>`-`<h6>` a
    heading of its level, each `<li>` that holds no other block an item of a list. (The rendering
    of a whole page makes each of them a block of its own; a block of the same text elsewhere on
    the page takes the same shape.)"""
    facts = MarkupFacts()
    for element in tree.iter(*_PAGE_HEADINGS, "li"):
        if next(element.iterdescendants(*BLOCK_TAGS), None) is not None:
            continue
        text = collapse_spaces(visible_text(element))
        if not text:
            continue
        if element.tag == "li":
            facts.shapes.setdefault(fold(text), Shape("list", depths=(0,)))
        else:
            facts.shapes.setdefault(fold(text), Shape("heading", level=int(element.tag[1])))
    return facts
