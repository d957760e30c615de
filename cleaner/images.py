"""The page's images that stand with the extracted article, for Markdown that asks for them.

The extractor is run without images (keeping them makes it keep their captions and credits as
text too), so images are placed afterwards: each `<img>` of the page goes with the block of text
it stands in or just before (the paragraph it sits in, or the next paragraph, heading or list
item in page order), when that block is one the extractor took. The image is written only if
that block is kept, so an image never brings back what a pass removed. Icons, tracking pixels,
inline data and images in navigation, headers, footers and forms are left out.
"""

from __future__ import annotations

from urllib.parse import urljoin

from lxml import etree

from .document import fold
from .visible import collapse_spaces, visible_text

MAX_IMAGES = 200  # a page's article has some images; a gallery page's thumbnails are no article's
TINY_PIXELS = 32  # an image this wide or high, or less, is an icon or a tracking pixel
MIN_HELD_CHARS = 20  # a text this long found inside a block places an image there (a list item, a cell)
_TEXT_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd", "figcaption")
_NEXT_TEXT_BLOCK = etree.XPath(
    "following::*[self::p or self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6"
    " or self::li or self::blockquote or self::pre][normalize-space()][1]"
)
_NOT_ARTICLE = frozenset({"nav", "footer", "form", "aside", "button"})

Image = tuple[str, str]  # (source, alternative text)


def images_by_block(tree: etree._Element, text: str, url: str | None) -> dict[str, tuple[Image, ...]]:
    """For each extracted block (by folded text) that has images with it, those images, in page order."""
    blocks = [fold(block) for block in text.split("\n\n") if block.strip()]
    found: dict[str, list[Image]] = {}
    for img in tree.iter("img"):
        if len(found) >= MAX_IMAGES:
            break
        image = _image(img, url)
        if image is None or _outside_the_article(img):
            continue
        block = _block_of(img, blocks)
        if block is not None and image not in found.setdefault(block, []):
            found[block].append(image)
    return {block: tuple(images) for block, images in found.items() if images}


def _block_of(img: etree._Element, blocks: list[str]) -> str | None:
    """The extracted block the image stands in, or before: the block that is that element's text,
    or else the first that holds it (a list item's, a table cell's); None when no block has it."""
    holder = next((up for up in img.iterancestors() if up.tag in _TEXT_BLOCKS), None)
    candidates = [holder] if holder is not None else []
    candidates += _NEXT_TEXT_BLOCK(img)[:1]
    for element in candidates:
        text = fold(collapse_spaces(visible_text(element)))
        if not text:
            continue
        if text in blocks:
            return text
        holding = next((block for block in blocks if len(text) >= MIN_HELD_CHARS and text in block), None)
        if holding is not None:
            return holding
    return None


def _image(img: etree._Element, url: str | None) -> Image | None:
    source = (img.get("src") or img.get("data-src") or "").strip()
    if not source or source.lower().startswith(("data:", "javascript:")):
        return None
    if any(_pixels(img.get(side)) <= TINY_PIXELS for side in ("width", "height") if img.get(side)):
        return None
    return (urljoin(url, source) if url else source), " ".join((img.get("alt") or "").split())


def _pixels(value: str | None) -> int:
    digits = "".join(ch for ch in (value or "").split(".")[0] if ch.isdigit())
    return int(digits) if digits else TINY_PIXELS + 1


def _outside_the_article(img: etree._Element) -> bool:
    return any(up.tag in _NOT_ARTICLE for up in img.iterancestors())
