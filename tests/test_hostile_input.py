"""Hostile input to `clean()`: only cleaner's own errors escape, and the output is always valid text.

Each case here was once an exception outside `CleanerError`, a hostile charset believed, or
text that reached the output though a reader never sees it.
"""

from __future__ import annotations

import email.message
import http.client
import io
import json

import httpx
import pytest
import requests.structures
from hypothesis import given
from hypothesis import strategies as st

import cleaner

PROSE = "The council approved the budget on Monday after a long debate, officials said in a statement."
PAGE = "<html><head>{head}</head><body><article><h1>Budget approved</h1><p>{body}</p></article></body></html>"


def _page(body: str = PROSE, head: str = "") -> str:
    return PAGE.format(head=head, body=body)


def _writable(doc: cleaner.Document) -> None:
    """The promise on any output: its text and its dict are valid UTF-8."""
    doc.text.encode("utf-8")
    json.dumps(doc.to_dict(), ensure_ascii=False).encode("utf-8")


# Control characters next to elements: lxml refused them when text moved between elements.
@pytest.mark.parametrize(
    "markup",
    [
        f"<html><body><h1>Title</h1>\x0c<p>{PROSE}</p></body></html>",
        f"<html><body><span hidden>x</span>\x0b<p>{PROSE}</p></body></html>",
        f"<html><body><div>\x01\x02<p>{PROSE}\x1f</p>\x00</div></body></html>",
        f"<html><body><p>\x1b[1m{PROSE}\x1b[0m</p>\x7f</body></html>",
    ],
)
@pytest.mark.parametrize("as_bytes", [False, True])
def test_control_characters_in_markup_are_repaired_and_recorded(markup, as_bytes):
    doc = cleaner.clean(markup.encode("utf-8") if as_bytes else markup)
    assert PROSE in doc.text
    assert "control-characters" in doc.encoding.fixes
    _writable(doc)


def test_form_feed_and_vertical_tab_separate_words():
    doc = cleaner.clean(f"<html><body><p>{PROSE[:40]}\x0c{PROSE[40:]}</p></body></html>")
    assert "\x0c" not in doc.text and doc.text.replace(" ", "") == PROSE.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lone \udc80 surrogate in a sentence.", "Lone \ufffd surrogate in a sentence."),
        ("A pair \ud83d\ude00 from UTF-16 code units.", "A pair \U0001f600 from UTF-16 code units."),
        ("Ends on a high surrogate \ud800", "Ends on a high surrogate \ufffd"),
    ],
)
def test_surrogates_in_a_str_become_characters_or_replacements(text, expected):
    doc = cleaner.clean(text, whole_page=False)
    assert doc.text == expected
    assert "surrogates" in doc.encoding.fixes
    _writable(doc)


def test_surrogates_in_html_too():
    doc = cleaner.clean(_page(PROSE + " \udcff"))
    assert PROSE in doc.text
    _writable(doc)


@given(st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF), max_size=300))
def test_any_str_gives_writable_output(text):
    _writable(cleaner.clean(text))


@given(st.binary(max_size=300))
def test_any_bytes_give_writable_output(data):
    _writable(cleaner.clean(data))


# Arguments: a bad one is an InputError that names it.
@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        ({"url": "http://[::1"}, "url"),
        ({"url": 42}, "url"),
        ({"url": "http://example.com/\udc80"}, "url"),
        ({"encoding": "utf-8\x00"}, "encoding"),
        ({"encoding": "rot13"}, "encoding"),
        ({"encoding": "utf-7"}, "encoding"),
        ({"encoding": b"utf-8"}, "encoding"),
        ({"headers": "Content-Type: text/html"}, "headers"),
        ({"headers": 7}, "headers"),
        ({"headers": [("Content-Type",)]}, "headers"),
        ({"headers": {"Content-Type": 7}}, "headers"),
        ({"limits": 5}, "limits"),
        ({"whole_page": "yes"}, "whole_page"),
        ({"rules": 3}, "rules"),
        ({"input_type": None}, "input_type"),
    ],
)
@pytest.mark.parametrize("source", [PROSE, PROSE.encode("utf-8")])
def test_a_bad_argument_is_an_input_error_naming_it(kwargs, named, source):
    with pytest.raises(cleaner.InputError, match=named):
        cleaner.clean(source, **kwargs)


@pytest.mark.parametrize(
    "values",
    [
        {"max_input_bytes": "20MB"},
        {"max_input_bytes": 0},
        {"max_html_elements": 1.5},
        {"max_html_elements": True},
        {"time_limit": float("nan")},
        {"time_limit": -1},
        {"time_limit": float("inf")},
        {"time_limit": "30"},
        {"max_record_bytes": -5},
    ],
)
def test_limits_refuse_values_they_cannot_apply(values):
    with pytest.raises(cleaner.InputError, match="limits: " + next(iter(values))):
        cleaner.Limits(**values)


def test_a_malformed_url_in_the_page_itself_is_ignored():
    page = _page(head='<meta property="og:url" content="http://[::1"><link rel="canonical" href="http://[::1">')
    assert PROSE in cleaner.clean(page).text


# Charset labels: only the Encoding Standard's, never a codec that is not a text encoding.
HOSTILE_LABELS = ["rot13", "base64", "hex", "zlib", "bz2", "uu", "undefined", "unicode_escape", "utf-7", "idna"]


def _declared(label: str, where: str, body: str) -> tuple[bytes, dict]:
    if where == "header":
        return _page(body).encode("utf-8"), {"Content-Type": f"text/html; charset={label}"}
    head = {
        "meta": f'<meta charset="{label}">',
        "http-equiv": f'<meta http-equiv="Content-Type" content="text/html; charset={label}">',
    }.get(where, "")
    prolog = f'<?xml version="1.0" encoding="{label}"?>' if where == "xml" else ""
    return (prolog + _page(body, head)).encode("utf-8"), {}


@pytest.mark.parametrize("label", HOSTILE_LABELS)
@pytest.mark.parametrize("where", ["meta", "http-equiv", "xml", "header"])
def test_a_hostile_charset_label_is_rejected_with_its_reason(label, where):
    body = PROSE + " See C:\\new and +ADw-script+AD4-alert(1)+ADw-/script+AD4- as written."
    data, headers = _declared(label, where, body)
    doc = cleaner.clean(data, headers=headers)
    assert body in doc.text  # decoded as UTF-8: nothing rewritten, no script made, nothing lost
    assert doc.encoding.name == "utf-8"
    assert any(label in r and "Encoding Standard" in r for r in doc.encoding.rejected)


@pytest.mark.parametrize(
    ("label", "codec"),
    [("latin1", "cp1252"), ("latin-1", "cp1252"), ("ascii", "cp1252"), ("gb2312", "gb18030"), ("x-sjis", "cp932")],
)
def test_labels_mean_what_the_encoding_standard_says(label, codec):
    text = {"gb18030": "预算在周一获得批准。", "cp932": "予算は月曜日に承認された。"}.get(codec, "Le café était fermé.")
    data = _page(text, f'<meta charset="{label}">').encode(codec)
    doc = cleaner.clean(data)
    assert (doc.encoding.name, doc.encoding.source) == (codec, "meta")
    assert text in doc.text


def test_a_replacement_label_is_rejected():
    doc = cleaner.clean(_page(head='<meta charset="iso-2022-kr">').encode("utf-8"))
    assert PROSE in doc.text and "replacement" in doc.encoding.rejected[0]


# Headers: whatever a crawler holds.
RUSSIAN = "Бюджет был утверждён в понедельник после долгих споров, сообщили чиновники."


def _http_message() -> http.client.HTTPMessage:
    return http.client.parse_headers(io.BytesIO(b"Server: x\r\nContent-Type: text/html; charset=koi8-r\r\n\r\n"))


def _email_message() -> email.message.Message:
    message = email.message.Message()
    message["Content-Type"] = "text/html; charset=koi8-r"
    return message


@pytest.mark.parametrize(
    "headers",
    [
        {"content-type": "text/html; charset=koi8-r"},
        [("Content-Type", "text/html; charset=koi8-r")],
        (("Content-Type", "text/html; charset=koi8-r"),),
        _http_message(),
        _email_message(),
        requests.structures.CaseInsensitiveDict({"CONTENT-TYPE": "text/html; charset=koi8-r"}),
        httpx.Headers({"Content-Type": "text/html; charset=koi8-r"}),
        {b"Content-Type": [b"text/html; charset=koi8-r"]},  # Scrapy's Headers
        [(b"content-type", b"text/html; charset=koi8-r")],  # ASGI
    ],
    ids=["dict", "pairs", "tuple", "HTTPMessage", "Message", "requests", "httpx", "scrapy", "asgi"],
)
def test_headers_of_every_kind_give_the_charset(headers):
    doc = cleaner.clean(RUSSIAN.encode("koi8-r"), headers=headers)
    assert (doc.encoding.name, doc.encoding.source) == ("koi8-r", "http-header")
    assert doc.text == RUSSIAN


def test_an_unknown_header_charset_is_recorded_and_decoding_goes_on():
    doc = cleaner.clean(RUSSIAN.encode("utf-8"), headers={"Content-Type": "text/html; charset=klingon"})
    assert doc.text == RUSSIAN and "klingon" in doc.encoding.rejected[0]


# Hidden text and fragments.
@pytest.mark.parametrize(
    "hidden",
    [
        '<div style="display: none">HIDDEN-MARK promo text</div>',
        '<p aria-hidden="true">HIDDEN-MARK icon label</p>',
        "<p hidden>HIDDEN-MARK teaser</p>",
        '<span style="visibility:hidden">HIDDEN-MARK</span>',
    ],
)
@pytest.mark.parametrize("paragraphs", [0, 1, 2, 8])
def test_hidden_text_is_cut_whatever_the_size_of_the_page(hidden, paragraphs):
    body = "".join(f"<p>Paragraph {i}: {PROSE}</p>" for i in range(paragraphs))
    doc = cleaner.clean(f"<html><body><article><h1>Budget</h1><p>{PROSE}</p>{hidden}{body}</article></body></html>")
    assert "HIDDEN-MARK" not in doc.text
    assert PROSE in doc.text


def test_an_article_shown_part_by_part_by_a_script_is_kept():
    sections = "".join(
        f'<div class="gallery-section" style="display: none;"><h2>{i}. Item</h2><p>Item {i}: {PROSE} {PROSE}</p></div>'
        for i in range(12)
    )
    doc = cleaner.clean(f"<html><body><h1>Twelve things</h1><p>Intro.</p>{sections}</body></html>")
    assert "Item 0:" in doc.text and "Item 11:" in doc.text


@pytest.mark.parametrize(
    "fragment",
    [
        f"<p>{PROSE[:30]} <b>budget</b> {PROSE[30:]}</p>",
        f"<div><p>{PROSE}</p><p>Second <i>paragraph</i> of it.</p></div>",
        f"  <article><p>{PROSE}</p></article>\n",
    ],
)
def test_a_fragment_with_tags_is_read_as_html(fragment):
    doc = cleaner.clean(fragment)
    assert doc.input_type == "html"
    assert "<" not in doc.text and "budget" in doc.text


def test_a_page_opening_with_a_long_style_is_read_as_html():
    style = "<style>" + "body { margin: 0 } " * 400 + "</style>"
    doc = cleaner.clean(style + f"<div><p>{PROSE}</p></div>")
    assert doc.input_type == "html" and "margin" not in doc.text and PROSE in doc.text


@pytest.mark.parametrize(
    "text",
    [
        f'<img height="1" width="1" style="display:none" src="http://example.com/p?c=1">\n\n{PROSE}',
        f"{PROSE}\n\nIf a<b and c>d, the proof <ends> here.",
        f'{PROSE}\n\n<script src="http://example.com/player.js"></script>\n\n{PROSE}',
    ],
)
def test_scraped_text_with_a_stray_tag_stays_text(text):
    assert cleaner.clean(text).input_type == "text"


def test_script_inside_a_paragraph_never_reaches_the_text():
    script = "<script>var tracking = {id: 42}; function go() { return 1; }</script><style>.x{color:red}</style>"
    paragraphs = "".join(f'<div class="part"><p>Part {i}: {PROSE} {script}</p></div>' for i in range(6))
    page = f"<html><body><div class='x'><p>{PROSE} {PROSE} {PROSE}</p></div>{paragraphs}</body></html>"
    doc = cleaner.clean(page)
    assert "tracking" not in doc.text and "color" not in doc.text


@pytest.mark.parametrize(
    "json_ld",
    [
        '"@type": "NewsArticle", "headline": 5',
        '"@type": "NewsArticle", "headline": ["a"]',
        '"@type": 3, "headline": "x"',
        '"@type": "NewsArticle", "author": 7',
        '"@type": "NewsArticle", "author": {"name": 5}',
        '"@type": "NewsArticle", "publisher": {"name": [1]}, "keywords": [1, "a"]',
    ],
)
def test_json_ld_of_odd_shapes_is_passed_over(json_ld):
    script = '<script type="application/ld+json">{"@context": "https://schema.org", ' + json_ld + "}</script>"
    doc = cleaner.clean(_page(head=script))
    assert PROSE in doc.text
    assert doc.title is None or isinstance(doc.title, str)
    assert all(isinstance(name, str) for name in doc.authors + doc.tags + doc.categories)
    _writable(doc)


_REFERENCES = [f % cp for cp in (1, 8, 11, 12, 27, 31, 0xFFFE, 0xFFFF) for f in ("&#%d;", "&#x%x;", "&#X%X", "&#00%d")]


@pytest.mark.parametrize("control", [*_REFERENCES, "\ufffe", "\uffff", "\x1b"])
@pytest.mark.parametrize("as_bytes", [False, True])
def test_controls_written_as_references_or_noncharacters_do_not_escape(control, as_bytes):
    """A reference to a control character is one once parsed; lxml refused it as hidden elements went."""
    body = f"<h1>T</h1>{control}<p title='{control}'>{PROSE}</p><span hidden>x</span>{control}"
    page = f"<html><body>{body}</body></html>"
    doc = cleaner.clean(page.encode("utf-8") if as_bytes else page)
    assert PROSE in doc.text and "control-characters" in doc.encoding.fixes
    _writable(doc)
