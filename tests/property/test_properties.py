"""The guarantees, stated as properties over arbitrary text and over mutated seed fixtures.

never raises; idempotent; invents nothing; accounts for every removed block exactly; keeps the
article of a seed whatever chrome is inserted into it.
"""

from __future__ import annotations

import lxml.html
from hypothesis import given
from hypothesis import strategies as st

import cleaner
from cleaner.decode import decode
from cleaner.document import EncodingInfo
from cleaner.pipeline import text_blocks
from cleaner.repair import clean_text, normalise_line_ends, repaired_as_a_whole
from cleaner.segment import segment

from .strategies import any_text, any_text_with_lines, article_like_text, html_page, mutated_seed


def _norm(text: str) -> str:
    return " ".join(text.split())


def check_guarantees(source: str) -> cleaner.Document:
    doc = cleaner.clean(source)
    blocks = text_blocks(*decode(source))
    out_blocks = [b.text for b in segment(doc.text)]
    # nothing invented: every output block is an input block, whitespace aside
    assert {_norm(b) for b in out_blocks} <= {_norm(b.text) for b in blocks}
    # the removed records account exactly for the input blocks missing from the output
    removed = {r.index: r for r in doc.removed}
    assert [b.text for b in blocks if b.index not in removed] == out_blocks
    assert all(removed[i].text == blocks[i - 1].text for i in removed)
    assert all(r.kind and r.rule and r.reason for r in doc.removed)
    # idempotent
    assert cleaner.clean(doc.text).text == doc.text
    return doc


@given(any_text)
def test_arbitrary_text(source):
    check_guarantees(source)


@given(any_text_with_lines)
def test_arbitrary_lines(source):
    check_guarantees(source)


@given(article_like_text)
def test_article_like_text(source):
    check_guarantees(source)


@given(mutated_seed())
def test_seed_articles_survive_inserted_chrome(case):
    source, keep = case
    doc = check_guarantees(source)
    out = [_norm(b.text) for b in segment(doc.text)]
    position = 0
    for block in map(_norm, keep):
        assert block in out[position:], f"article block lost: {block[:80]!r}"
        position = out.index(block, position) + 1


@given(st.binary(max_size=300))
def test_arbitrary_bytes_are_cleaned(data):
    doc = cleaner.clean(data)
    assert doc.encoding is not None and doc.encoding.name
    assert cleaner.clean(doc.text).text == doc.text


@given(html_page())
def test_generated_html(page):
    doc = cleaner.clean(page)
    assert doc.input_type == "html"
    # idempotent on the text, read as what it is: an article, not a whole page
    assert cleaner.clean(doc.text, whole_page=False).text == doc.text
    visible = "".join(lxml.html.document_fromstring(page).text_content().split())
    for block in segment(doc.text):  # nothing invented: every block is text the page shows
        assert "".join(block.text.split()) in visible


@given(html_page())
def test_generated_html_as_bytes(page):
    assert cleaner.clean(page.encode("utf-8")).text == cleaner.clean(page).text


_TEXT_WITH_BLANK_LINES = st.text(
    alphabet=st.one_of(st.characters(categories=("L", "M", "N", "P", "Zs", "S")), st.sampled_from("\n\n\t ")),
    max_size=200,
)


@given(st.one_of(any_text, any_text_with_lines, _TEXT_WITH_BLANK_LINES))
def test_text_repaired_as_a_whole_as_block_by_block(text):
    """The one-pass repair that lets segmentation skip the per-block repair never differs from it."""
    text = normalise_line_ends(text)
    whole, blockwise = EncodingInfo(None, "str", 1.0), EncodingInfo(None, "str", 1.0)
    if repaired_as_a_whole(text) is not None:
        expected = [b.text for b in segment(text, lambda t: clean_text(t, blockwise))]
        assert [b.text for b in text_blocks(text, whole)] == expected
        assert whole.fixes == blockwise.fixes
