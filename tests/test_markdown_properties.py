"""Markdown, stated as properties over generated pages: it reads back as the clean text, and no
text of a removed block ever comes back through it."""

from __future__ import annotations

from hypothesis import given

import cleaner

from .markdown_read import RAW_HTML, shown_text, words
from .test_article_survives import page, scraped_page


def _removed_text_in(doc: cleaner.Document, markdown: str) -> list[str]:
    """Removed blocks of four words or more whose words stand in the Markdown but not in the kept text."""
    shown = " " + " ".join(words(shown_text(markdown))) + " "
    kept = " " + " ".join(words(doc.title or "") + words(doc.text)) + " "
    found = []
    for removed in doc.removed:
        text = " " + " ".join(words(removed.text)) + " "
        if len(text.split()) >= 4 and text not in kept and text in shown:
            found.append(removed.text)
    return found


def _reads_back(doc: cleaner.Document) -> None:
    shown = shown_text(doc.to_markdown(title=False, links=True))
    assert RAW_HTML not in shown
    assert words(shown) == words(doc.text)


@given(page())
def test_a_page_s_markdown_reads_back_and_brings_back_nothing_removed(case):
    html, _ = case
    doc = cleaner.clean(html, url="https://news.example/2024/05/story", images=True)
    _reads_back(doc)
    assert _removed_text_in(doc, doc.to_markdown(links=True, images=True)) == []


@given(scraped_page())
def test_scraped_text_s_markdown_reads_back_and_brings_back_nothing_removed(case):
    text, _ = case
    doc = cleaner.clean(text)
    _reads_back(doc)
    assert _removed_text_in(doc, doc.markdown) == []
