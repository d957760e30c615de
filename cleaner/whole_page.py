"""When the extractor's text is not the article's, and the page's own rendering goes to the text
passes instead: they find the article in a whole page as they do in a scraped one.

Three signs: the extractor found too little; it took a layout table for the article (a block of
hundreds of lines); or it ran the page's blocks together on one line, which no pass can take
apart (trafilatura's last resort, when its extractors find too little, gives a part of the page
so: "Elektro-Zapfsäulen. 17/11/2019 ~ Cem Basman Ich würde ja ... Teilen Sie dies mit: Twitter").
"""

from __future__ import annotations

from lxml import etree, html

from .visible import whole_page_text

MIN_EXTRACTED_CHARS = 200  # less than this from trafilatura, on a page with more text, is "too little"
PAGE_SIZED_LINES = 200  # a block with this many lines is a page layout, not content
RUN_TOGETHER_BLOCKS = 3  # a one-line extraction that holds this many of the page's blocks ran them together


def page_text_instead(tree: html.HtmlElement, text: str) -> str | None:
    """The page's whole visible text when it should stand in for the extractor's `text`, or None:
    when the extractor found too little, if the page has more; when it took a layout table,
    whatever their lengths (its text is the page's, spaced and counted otherwise: the text passes
    find the article in a page, not in a layout's cells); when it ran the page's blocks together."""
    too_little = len(text) < MIN_EXTRACTED_CHARS
    if too_little or _one_page_sized_block(text, tree):
        visible = whole_page_text(tree)
        return visible if visible and (len(visible) > len(text) or not too_little) else None
    if "\n" not in text:
        visible = whole_page_text(tree)
        return visible if _runs_blocks_together(text, visible.split("\n\n")) else None
    return None


def _runs_blocks_together(line: str, blocks: list[str]) -> bool:
    """Whether the line starts with one of the page's blocks and holds RUN_TOGETHER_BLOCKS of them
    one after another, in page order, a space apart (blocks it leaves out may come between). One
    pass over the blocks, each compared where the line has come to: no search of the line."""
    line = _spaced(line)
    at, found = 0, 0
    for block in map(_spaced, blocks):
        end = at + len(block)
        if block and line.startswith(block, at) and (end == len(line) or line[end] == " "):
            at, found = end + 1, found + 1
            if found >= RUN_TOGETHER_BLOCKS:
                return True
    return False


def _spaced(text: str) -> str:
    return " ".join(text.split())


def _one_page_sized_block(text: str, tree: html.HtmlElement) -> bool:
    """A block of hundreds of lines is no paragraph: the extractor took a layout table for the
    article. Unless the block is a data table of the page, a line a row (a timetable, a list of
    results): a table whose cells hold no blocks, with as many rows as the block has lines."""
    sized = [block.count("\n") + 1 for block in text.split("\n\n") if block.count("\n") >= PAGE_SIZED_LINES]
    if not sized:
        return False
    rows = [int(_ROWS(table)) for table in _DATA_TABLES(tree)]
    return any(not any(0.9 * count <= lines <= count for count in rows) for lines in sized)


# Tables whose cells hold text, not the page's blocks: data, not layout.
_DATA_TABLES = etree.XPath("//table[not(.//td//table or .//td//div or .//td//p or .//td//ul or .//td//ol)]")
_ROWS = etree.XPath("count(.//tr)")
