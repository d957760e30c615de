"""HTML in: the fixture pages against their expected text and metadata, detection, safety, fallback."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html

import cleaner
from cleaner.extract import _COUNT_ELEMENTS, element_bound, looks_like_html, parse
from cleaner.segment import segment
from cleaner.visible import remove_unrendered

from .conftest import FIXTURES

PAGES = sorted((FIXTURES / "html").glob("*.html"))


def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').split())


def _expected(page):
    return json.loads(page.with_name(page.name.replace(".html", ".expected.json")).read_text(encoding="utf-8"))


@pytest.fixture(params=PAGES, ids=lambda p: p.stem)
def page(request):
    return request.param, _expected(request.param), cleaner.clean(request.param.read_bytes())


def test_the_article_is_kept_in_order(page):
    _, expected, doc = page
    out = [_fold(b.text) for b in segment(doc.text)]
    position = 0
    for block in map(_fold, expected["keep"]):
        assert block in out[position:], f"missing or out of order: {block[:80]!r}"
        position = out.index(block, position) + 1


def test_the_chrome_is_gone(page):
    _, expected, doc = page
    text = _fold(doc.text)
    assert [d for d in expected["drop"] if _fold(d) in text] == []


def test_metadata_and_encoding(page):
    _, expected, doc = page
    meta = expected["metadata"]
    assert (doc.title, doc.date) == (meta["title"], meta["date"])
    assert set(meta["authors"]) <= set(doc.authors)
    assert doc.input_type == "html" and doc.extraction == "trafilatura"
    assert doc.encoding.name == {"utf-8": "utf-8", "windows-1252": "cp1252"}[expected["encoding"]]


def test_html_text_is_idempotent(page):
    _, _, doc = page
    assert cleaner.clean(doc.text, whole_page=False).text == doc.text
    assert cleaner.clean(doc.text).text == doc.text  # few short lines: judged an article


def test_detection():
    assert looks_like_html("<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert looks_like_html("  <div class='a'><p>One</p><p>Two</p></div>")
    assert not looks_like_html("If a < b and c > d, then the proof <ends> here.")
    assert cleaner.clean("If a < b and c > d, the proof ends here, the teacher said.").input_type == "text"


def test_input_type_forces_the_path():
    markup = "<p>The council approved the budget on Monday after a long debate, officials said.</p>"
    assert cleaner.clean(markup, input_type="text").text == markup
    assert cleaner.clean(markup, input_type="html").input_type == "html"


def test_hidden_elements_never_reach_the_text():
    body = "".join(f"<p>Paragraph {i} of the story says something long enough to be prose here.</p>" for i in range(8))
    page = f'<html><body><article>{body}<div style="display:none">Secret ad slot text</div>'
    page += '<p hidden>Hidden teaser text here</p><span aria-hidden="true">Icon label</span></article></body></html>'
    text = cleaner.clean(page).text
    assert "Paragraph 7" in text
    assert "Secret" not in text and "Hidden teaser" not in text and "Icon label" not in text


def test_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    page = f'<!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]><html><body><p>Hello &x; world</p></body></html>'
    assert "TOP-SECRET-VALUE" not in cleaner.clean(page).text


def test_a_page_without_a_main_text_falls_back_to_the_whole_page():
    items = "".join(f"<div><a href='/{i}'>Link {i}</a></div>" for i in range(5))
    page = f"<html><body>{items}<div>The council approved the budget on Monday after a long debate.</div></body></html>"
    doc = cleaner.clean(page)
    assert doc.extraction == "whole-page"
    assert "The council approved the budget" in doc.text


def test_page_metadata_is_read(page):
    path, _, doc = page
    assert doc.site_name or doc.description or doc.url or path.name == "independent_live.html"


def _page_with_table(cells: str, rows: int = 260) -> str:
    body = "".join(f"<tr><td>Station {i}</td><td>{cells.format(i=i)}</td></tr>" for i in range(rows))
    prose = "The weather service published the rainfall measured at every station last month, officials said."
    return (
        "<html><head><title>Rainfall by station</title></head><body><nav><a href='/'>Home</a> <a href='/w'>Weather</a>"
        f"</nav><article><h1>Rainfall by station</h1><p>{prose}</p><table><tr><th>Station</th><th>Rain</th></tr>"
        f"{body}</table><p>{prose}</p></article><footer>Contact us</footer></body></html>"
    )


def test_a_long_data_table_is_content_not_page_layout():
    doc = cleaner.clean(_page_with_table("{i} mm"))
    assert doc.extraction == "trafilatura"
    assert "Station 259 259 mm" in doc.text and "Home" not in doc.text  # a row a line, no menu


def test_a_long_layout_table_still_sends_the_page_to_the_whole_page_route():
    doc = cleaner.clean(_page_with_table("<div>{i} mm</div><div>more</div>"))
    assert doc.extraction == "whole-page"


def test_every_parsed_element_is_a_plain_html_element():
    """The parser picks every element's class in C (no form or input classes, which lxml.html
    picks in Python for each element touched), and trafilatura still takes the tree as HTML."""
    tree = parse("<html><body><form><label>Name <input name=q></label><select></select></form><p>Text</p></body>")
    assert {type(element) for element in tree.iter()} == {html.HtmlElement}
    body = "".join(f"<p>The council approved budget line {n} on Monday, after a long debate.</p>" for n in range(6))
    page = f"<html><body><form><input name=q></form>{body}</body></html>"
    assert "approved budget line 3" in cleaner.clean(page).text


def test_unrendered_elements_go_and_their_tails_stay():
    """Scripts, styles, drawings and templates leave the tree once the metadata is read; the text
    after them is their parent's, and JSON-LD stays for trafilatura's rescue."""
    tree = parse(
        "<html><body><p>Before <script>var x = 1;</script>after.<style>p {}</style></p>"
        '<script type="application/ld+json">{}</script><svg><text>Logo</text></svg>Tail<template>T</template>'
        "</body></html>"
    )
    remove_unrendered(tree)
    assert tree.find(".//p").text_content() == "Before after."
    assert [s.get("type") for s in tree.iter("script")] == ["application/ld+json"]
    assert tree.find(".//svg") is None and tree.find(".//template") is None
    assert tree.find("body").text_content().endswith("Tail")


_SOUP = st.sampled_from(
    ["<p>", "</p>", "<div>", "</div>", "x", " ", "\n", "<td>", "<tr>", "<table>", "<html>", "</html>", "<body>",
     "</body>", "<head>", "<title>", "<li>", "<br>", "<b>", "</b>", "<!--", "-->", "<", ">", "&lt;", "<script>",
     "</script>", "<frameset>", "<select>", "<option>", "<dd>", "<h1>", "<a href=x>", "<form>", "<math>",
     "<![CDATA[", "]]>", "<?xml version='1.0'?>", "<!DOCTYPE html>", "\x00", "\x0c"]
)  # fmt: skip


@given(st.lists(_SOUP, max_size=40).map("".join))
def test_the_element_bound_holds_for_any_markup(markup):
    """The element limit is checked against a count of the tree only where `element_bound`, a
    count of "<", allows too many: it must never be below what the parser makes."""
    assert _COUNT_ELEMENTS(parse(markup)) <= element_bound(markup)
