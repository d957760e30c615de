"""The kept blocks as Markdown (CommonMark, with GitHub's pipe tables), and as structured blocks.

Only kept blocks are written, each from its own text: what a pass removed never comes back, and
Markdown read back gives the words of `Document.text` (the title heading aside). A block shows
the shape it had in the HTML (`content_tree.Shape`): headings keep their level, lists their items
and nesting, tables their rows and header row, quotes and code stay quotes and code. Blocks of
scraped text are paragraphs, and a block whose every line starts with a bullet is a list. Every
character of page text that Markdown would read as markup is escaped, so "*stars*" stay stars
and "1. " at a line's start stays text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import urljoin

from .content_tree import PARAGRAPH, Shape
from .document import Block, fold
from .shape import headline_like, prose_like

# Characters that open inline markup anywhere in a line: emphasis, code, links, images, raw HTML,
# autolinks, table cells, strikethrough, and the backslash itself.
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")  # "&amp;" would be read as "&"
# What opens a block at a line's start: an ATX heading, a quote, a bullet, a setext underline or
# thematic break; and a number followed by "." or ")" (an ordered list item).
_BLOCK_START = re.compile(r"^([#>+\-=])")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])")
_BULLET_LINE = re.compile(r"^[•·▪◦‣∙*\-–—]\s+(?=\S)")
NEST_INDENT = "    "  # each level of a nested list: past the content of "- " and of "1. "


def escape(line: str) -> str:
    """A line of page text as Markdown that shows exactly that text."""
    line = _ENTITY.sub("\\\\&", _INLINE_MARKUP.sub(r"\\\1", line))
    line = _BLOCK_START.sub(r"\\\1", line)
    return _ORDERED_START.sub(r"\1\\\2", line)


def to_markdown(
    blocks: Sequence[Block],
    *,
    title: str | None = None,
    links: bool = False,
    images: bool = False,
    url: str | None = None,
) -> str:
    """The blocks as one Markdown document, after a level-1 heading of `title` when given.

    `links` writes the links the HTML had, as `[text](target)`, their targets resolved against `url`;
    `images` writes the images noted with each block, as `![alt](source)` paragraphs before it."""
    opens_with_headline = _opens_with_headline(blocks, title)
    parts = [f"# {_heading_text(title)}"] if title and title.strip() and not opens_with_headline else []
    for index, block in enumerate(blocks):
        if images:
            parts += [_image(source, alt) for source, alt in block.images]
        shape = _shape(block)
        if index == 0 and opens_with_headline and block.shape is None:
            parts.append(f"# {_heading_text(block.text)}")
        elif index > 0 and _same_list(blocks[index - 1], shape) and not (images and block.images):
            parts[-1] += "\n" + _block_markdown(block, shape, links, url)  # one list, not one per item
        else:
            parts.append(_block_markdown(block, shape, links, url))
    return "\n\n".join(part for part in parts if part) + ("\n" if parts else "")


def _same_list(previous: Block, shape: Shape) -> bool:
    """Whether a list block goes on the list before it: a page read whole gives each item a block."""
    if shape.kind != "list" or max(shape.depths, default=0) != 0:
        return False
    before = _shape(previous)
    return before.kind == "list" and before.ordered == shape.ordered


def _image(source: str, alt: str) -> str:
    href = _href(source, None)
    return f"![{escape(alt)}]({href})" if href else ""


def _opens_with_headline(blocks: Sequence[Block], title: str | None) -> bool:
    """Whether the first kept block is the article's headline: the title itself (one too short for
    the headline pass to take out), or, in scraped text where no title was found, a headline-shaped
    line above a paragraph of prose."""
    if not blocks:
        return False
    if title:
        return blocks[0].folded.casefold() == fold(title).casefold()
    return blocks[0].shape is None and len(blocks) > 1 and headline_like(blocks[0]) and prose_like(blocks[1])


def structured(
    blocks: Sequence[Block], *, links: bool = False, images: bool = False, url: str | None = None
) -> list[dict[str, Any]]:
    """Each block as JSON-ready data with its type, from which any other format can be built."""
    return [_block_data(block, _shape(block), links, images, url) for block in blocks]


def _shape(block: Block) -> Shape:
    """The block's shape from the HTML, or from its own lines (scraped text); a paragraph when unsure."""
    if block.shape is not None and _shape_fits(block.shape, block.text):
        return block.shape
    lines = block.text.split("\n")
    if len(lines) >= 2 and all(_BULLET_LINE.match(line) for line in lines):
        return Shape("list", depths=(0,) * len(lines))
    return PARAGRAPH if block.shape is None else Shape(links=block.shape.links)


def _shape_fits(shape: Shape, text: str) -> bool:
    """Whether the shape still describes the block's text (a list line for line, a table row for row)."""
    lines = text.count("\n") + 1
    if shape.kind == "list":
        return len(shape.depths) == lines
    if shape.kind == "table":
        return [" ".join(cells) for cells in shape.rows] == text.split("\n")
    return True


def _block_markdown(block: Block, shape: Shape, links: bool, url: str | None) -> str:
    lines = [line.strip() for line in block.text.split("\n") if line.strip()]
    linked = shape.links if links else ()
    if shape.kind == "heading":
        return "#" * shape.level + " " + _with_links(_heading_text(" ".join(lines)), linked, url)
    if shape.kind == "code":
        return _fenced(block.text)
    if shape.kind == "table":
        return _pipe_table(shape)
    if shape.kind == "list":
        return _list(_list_items(block), shape, linked, url)
    marked = [_with_links(escape(line), linked, url) for line in lines]
    text = "\\\n".join(marked)  # a backslash at a line's end: a hard line break, as in the page
    if shape.kind == "quote":
        return "\n".join("> " + line for line in text.split("\n"))
    return text


def _list_items(block: Block) -> list[str]:
    """A list block's items, a line each; a scraped text's lose the bullet they were told by."""
    lines = [line.strip() for line in block.text.split("\n") if line.strip()]
    return lines if block.shape is not None else [_BULLET_LINE.sub("", line) for line in lines]


def _heading_text(text: str) -> str:
    return escape(" ".join(text.split())).replace("#", "\\#")


def _list(items: list[str], shape: Shape, links: tuple[tuple[str, str], ...], url: str | None) -> str:
    marker = "1." if shape.ordered else "-"
    return "\n".join(
        f"{NEST_INDENT * depth}{marker} {_with_links(escape(item), links, url)}"
        for depth, item in zip(_nestable(shape.depths), items, strict=True)
    )


def _nestable(depths: tuple[int, ...]) -> list[int]:
    """Depths Markdown can nest: from 0, each at most one deeper than the line before (a list
    whose first item is itself a nested list would otherwise be indented into a code block)."""
    base = min(depths, default=0)
    out: list[int] = []
    for depth in depths:
        out.append(min(depth - base, out[-1] + 1 if out else 0))
    return out


def _pipe_table(shape: Shape) -> str:
    rows = [list(row) for row in shape.rows]
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    header, body = (rows[0], rows[1:]) if shape.header else ([""] * width, rows)
    lines = [_table_row(header), "| " + " | ".join(["---"] * width) + " |"]
    return "\n".join(lines + [_table_row(row) for row in body])


def _table_row(cells: list[str]) -> str:
    return "| " + " | ".join(escape(cell) if cell else " " for cell in cells) + " |"


def _fenced(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{text}\n{fence}"


def _with_links(line: str, links: tuple[tuple[str, str], ...], url: str | None) -> str:
    """The line with each link's anchor text (as escaped) made a link, the first place it stands."""
    for anchor, target in links:
        shown = escape(anchor)
        href = _href(target, url)
        at = line.find(shown)
        if href is None or at < 0 or "](" in line[at : at + len(shown)]:
            continue
        line = f"{line[:at]}[{shown}]({href}){line[at + len(shown) :]}"
    return line


def _href(target: str, url: str | None) -> str | None:
    """A link target fit to write: resolved against the page, never a script; in angle brackets
    when it holds spaces or parentheses."""
    href = urljoin(url, target) if url else target
    if not href or href.lower().startswith(("javascript:", "data:", "vbscript:")):
        return None
    if re.search(r"[\s()<>]", href):
        return None if re.search(r"[<>\n]", href) else f"<{href}>"
    return href


def _block_data(block: Block, shape: Shape, links: bool, images: bool, url: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {"type": shape.kind, "text": block.text}
    if shape.kind == "heading":
        data["level"] = shape.level
    elif shape.kind == "list":
        items = _list_items(block)
        data["ordered"] = shape.ordered
        depths = _nestable(shape.depths)
        data["items"] = [{"text": item, "depth": depth} for depth, item in zip(depths, items, strict=True)]
    elif shape.kind == "table":
        data["header"] = shape.header
        data["rows"] = [list(row) for row in shape.rows]
    if images and block.images:
        data["images"] = [{"src": source, "alt": alt} for source, alt in block.images]
    if links and shape.links:
        data["links"] = [
            {"text": anchor, "href": href} for anchor, target in shape.links if (href := _href(target, url)) is not None
        ]
    return data
