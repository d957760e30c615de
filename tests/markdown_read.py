"""Markdown read back with a CommonMark parser (markdown-it-py, with GitHub's pipe tables): the
text a reader sees, and the structure, as the Markdown tests and benchmarks/markdown.py count them."""

from __future__ import annotations

import re
from collections import Counter

from markdown_it import MarkdownIt

_PARSER = MarkdownIt("commonmark").enable("table")
_WORD = re.compile(r"\w+")
RAW_HTML = "\x00raw-html\x00"  # what raw HTML reads as: page text that escaped its escaping shows up


def shown_text(markdown: str) -> str:
    """The text a reader of the rendered Markdown sees, a line break between blocks and table cells."""
    out: list[str] = []
    for token in _PARSER.parse(markdown):
        if token.type == "inline":
            for child in token.children or ():
                if child.type in ("text", "code_inline"):
                    out.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    out.append("\n")
                elif child.type.startswith("html"):
                    out.append(RAW_HTML)
        elif token.type in ("fence", "code_block"):
            out.append(token.content)
        elif token.type == "html_block":
            out.append(RAW_HTML)
        elif token.type.endswith("_close") or token.type == "hr":
            out.append("\n")
    return "".join(out).strip("\n")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def structure(markdown: str) -> Counter[str]:
    """How many headings (by level), lists, list items, tables, quotes and code blocks it has."""
    counts: Counter[str] = Counter()
    for token in _PARSER.parse(markdown):
        if token.type == "heading_open":
            counts[token.tag] += 1
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            counts["list"] += 1
        elif token.type in ("list_item_open", "table_open", "blockquote_open"):
            counts[token.type.removesuffix("_open")] += 1
        elif token.type in ("fence", "code_block"):
            counts["code"] += 1
    return counts
