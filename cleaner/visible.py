"""What a reader sees of a page: hidden elements cut, and the visible text of an element or a page.

`remove_hidden` runs on every page before extraction, `remove_unrendered` once its metadata is
read; `whole_page_text` renders a page whose article the extractor could not find, for the text
passes to find it in.
"""

from __future__ import annotations

import re

from lxml import etree, html

HIDDEN_SHOWN_BY_SCRIPT_CHARS = 2000  # hidden text that may be an article shown part by part, when most of the page

# The attributes that may hide an element, as values (an XPath to the attributes is quicker than
# one that tests them on every element).
_HIDING_ATTRIBUTES = etree.XPath("//@style|//@hidden|//@aria-hidden")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
SPACES = re.compile(r"[ \t\n]+")


def collapse_spaces(text: str) -> str:
    """`text` with each run of spaces, tabs and newlines as one space, and its ends stripped.

    Most lines have no such run: they are only stripped, which costs a fifth of the regex's time."""
    if "  " in text or "\t" in text or "\n" in text:
        return SPACES.sub(" ", text).strip()
    return text.strip()


# Tags whose start and end break the text into blocks in a whole-page rendering.
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
        "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object", "embed", "select", "option"}
)


def remove_hidden(tree: html.HtmlElement) -> None:
    """Cut the elements a reader never sees: `hidden`, `aria-hidden="true"`, `display: none`,
    `visibility: hidden`, whatever the page's size.

    Unless they hold most of the page's text: a page does not hide its own article, so there a
    script shows it part by part (a gallery's pages, a product's tabs), and it stays.
    """
    hidden = list(dict.fromkeys(value.getparent() for value in _HIDING_ATTRIBUTES(tree) if _hides(value)))
    # Most pages hide little: a quick count that may count nested text twice rules them in.
    if sum(len(text) for element in hidden for text in element.itertext()) > HIDDEN_SHOWN_BY_SCRIPT_CHARS:
        marked = set(hidden)
        hidden = [element for element in hidden if not any(up in marked for up in element.iterancestors())]
        hidden_chars = sum(_visible_chars(element) for element in hidden)
        if hidden_chars > HIDDEN_SHOWN_BY_SCRIPT_CHARS and hidden_chars > 0.5 * _visible_chars(tree):
            return
    for element in hidden:
        if element.getparent() is not None:  # not the root; one inside an element dropped before is no matter
            element.drop_tree()


# What a browser never renders as text, JSON-LD apart (trafilatura's rescue reads an article body there).
_UNRENDERED = etree.XPath('//script[not(@type="application/ld+json")]|//style|//svg|//template')


def remove_unrendered(tree: html.HtmlElement) -> None:
    """Cut scripts, styles, drawings and templates (their tails stay: they are the parent's text).

    Every step after the metadata copies or walks the tree (trafilatura copies it twice a pass),
    and none reads these: run it once the metadata is read, as htmldate finds dates in scripts.
    """
    for element in _UNRENDERED(tree):
        if element.getparent() is not None:
            element.drop_tree()


# The runs of text inside paragraphs that hold a line break (of the source: <br> is an element).
_WRAPPED_PARAGRAPH_TEXT = etree.XPath("//p//text()[contains(., '\n')]")


def unwrap_paragraphs(tree: html.HtmlElement) -> None:
    """Make the line breaks of the source's text inside paragraphs spaces, as a browser shows
    them: "Denn\\n ich glaube, dass ... Antrieb \\nim Business" is one line of a paragraph,
    however the page's editor wrapped it, and so is "<b>approved</b>\\n<i>the</i>\\n<a>budget</a>".
    Extractors keep such breaks, and a paragraph would come out cut into lines mid-sentence,
    which the text passes would read as short lines.

    Only inside `<p>`, which holds no blocks: text elsewhere may be set with CSS to show its
    breaks (a forum post, a recipe's steps), which a page's markup does not say.
    """
    for text in _WRAPPED_PARAGRAPH_TEXT(tree):
        element = text.getparent()
        if text.is_tail:
            element.tail = text.replace("\n", " ")
        else:
            element.text = text.replace("\n", " ")


def _hides(attribute: etree._ElementUnicodeResult) -> bool:
    """True for an attribute that hides its element: `hidden`, `aria-hidden="true"`, or a style
    of `display: none` or `visibility: hidden`."""
    name = attribute.attrname
    if name == "style":
        return _HIDDEN_STYLE.search(attribute) is not None
    return name == "hidden" or attribute == "true"


def _visible_chars(element: etree._Element) -> int:
    return len(SPACES.sub("", visible_text(element)))


def visible_text(element: etree._Element) -> str:
    """The text a reader sees in an element: no `<script>`, `<style>` or other unrendered parts,
    which a page may well put inside a paragraph."""
    parts: list[str] = []
    _render(element, parts)
    return "".join(parts).replace("\x00", " ")


def whole_page_text(tree: html.HtmlElement) -> str:
    """Every visible text of the page, a blank line at each block-level tag, a line break at <br>."""
    parts: list[str] = []
    body = tree.find("body")
    _render(body if body is not None else tree, parts)
    blocks = ("\n".join(collapse_spaces(ln) for ln in chunk.split("\n")) for chunk in "".join(parts).split("\x00"))
    return "\n\n".join(b.strip("\n") for b in (re.sub(r"\n{2,}", "\n", b) for b in blocks) if b.strip())


def _render(element: etree._Element, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIP_TAGS:
        return
    block = tag in BLOCK_TAGS
    if block:
        parts.append("\x00")
    if tag == "br":
        parts.append("\n")
    if element.text:
        parts.append(element.text)
    for child in element:
        _render(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\x00")
