"""Words the page shows apart stay apart in the text: no two elements fuse into one word; and the
lines a page shows are the text's lines: an editor's wrapping of a paragraph is no line break."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

import cleaner
from cleaner.content_tree import MarkupFacts
from cleaner.extract import _blocks_text, parse
from cleaner.visible import SPACES, collapse_spaces, unwrap_paragraphs

PROSE = "The council approved the budget on Monday after a long debate, officials said in a statement."
WORDS = st.sampled_from(
    ["council", "budget", "Monday", "debate", "officials", "statement", "minister", "talks", "resume", "vote"]
)
GAPS = st.sampled_from([" ", "\n", "\n      ", " \n", "\r\n"])  # how a source's editor separates words
INLINE = st.sampled_from(["b", "i", "em", "strong", "span", "a", "small", "mark"])
BLOCKS = st.sampled_from(["p", "div", "h2", "h3", "li", "blockquote"])


def _page(*parts: str) -> str:
    lead = "".join(f"<p>{PROSE}</p>" for _ in range(3))
    return f"<html><body><article><h1>Budget approved</h1>{lead}{''.join(parts)}</article></body></html>"


def test_a_heading_and_a_paragraph_in_a_list_item_stay_apart():
    items = "".join(
        f"<li><h3>Heading {n}</h3><p>Paragraph {n} of the item follows its heading here, as written.</p></li>"
        for n in ("one", "two", "three")
    )
    doc = cleaner.clean(_page(f"<ul>{items}</ul>"), whole_page=False)
    shown = doc.text + "\n" + "\n".join(r.text for r in doc.removed)
    assert "Heading one\nParagraph one" in shown and "oneParagraph" not in shown


def test_a_teaser_links_headline_and_summary_stay_apart():
    card = '<a href="/x"><h2>Migrants found in a lorry</h2><div>After the discovery five of them fled.</div></a>'
    doc = cleaner.clean(_page(f"<div>{card}</div>", f"<p>{PROSE}</p>"), whole_page=False)
    assert "lorryAfter" not in doc.text + "".join(r.text for r in doc.removed)


@given(st.lists(st.tuples(WORDS, INLINE, st.booleans()), min_size=3, max_size=12))
def test_inline_elements_never_fuse_words(words):
    """Each word in its own inline element or bare, a space between every two: the words come out as written."""
    html = " ".join(f"<{tag}>{word}</{tag}>" if wrapped else word for word, tag, wrapped in words)
    text = cleaner.clean(_page(f"<p>{html} end of the sentence.</p>"), whole_page=False).text
    written = " ".join(word for word, _, _ in words) + " end of the sentence."
    assert written in " ".join(text.split())


@given(st.lists(st.tuples(st.lists(WORDS, min_size=2, max_size=6), BLOCKS), min_size=2, max_size=6))
def test_nested_blocks_never_fuse_words(blocks):
    """Block elements inside one container, with no whitespace between them in the source."""
    blocks = [([f"part{n}", *words], tag) for n, (words, tag) in enumerate(blocks)]  # no block repeats another
    inner = "".join(f"<{tag}>{' '.join(words)}</{tag}>" for words, tag in blocks)
    doc = cleaner.clean(_page(f"<div>{inner}</div>"), whole_page=False)
    shown = set(doc.text.split() + [w for r in doc.removed for w in r.text.split()])
    written = {w for words, _ in blocks for w in words} | set(_page().replace("<", " <").replace(">", "> ").split())
    assert shown <= written  # every word out is a word of the page: none made of two
    assert any(w.startswith("part") for w in shown)  # the blocks were read, not dropped


@given(st.lists(st.tuples(WORDS, INLINE, st.sampled_from(["bare", "inside", "after"]), GAPS), min_size=8, max_size=20))
def test_a_paragraph_wrapped_in_the_source_comes_out_as_one_line(words):
    """Line breaks in a paragraph's source, inside inline elements or between them, are spaces as
    a browser shows them: the paragraph is one line of the text, its words as written."""
    place = {
        "bare": "{word}{gap}",
        "inside": "<{tag}>{word}{gap}</{tag}>",  # the break in the element's text
        "after": "<{tag}>{word}</{tag}>{gap}",  # the break alone between two elements
    }
    html = "".join(place[where].format(word=word, tag=tag, gap=gap) for word, tag, where, gap in words)
    text = cleaner.clean(_page(f"<p>{html}end of the sentence.</p>"), whole_page=False).text
    written = " ".join(word for word, *_ in words) + " end of the sentence."
    assert written in text.split("\n")


def test_preformatted_text_and_line_break_elements_keep_their_lines():
    poem = "<pre>The first line of the poem\nThe second line of the poem\nThe third line of it</pre>"
    broken = f"<p>{PROSE}<br>\nA second line after a break, which the page shows as one.</p>"
    text = cleaner.clean(_page(poem, broken), whole_page=False).text
    assert "The first line of the poem\nThe second line of the poem\nThe third line of it" in text
    assert "in a statement.\nA second line after a break" in text


def test_only_paragraphs_are_unwrapped():
    """Text elsewhere may be set by CSS to show its line breaks (a forum post): it keeps them, and
    whitespace between elements is left as it is."""
    tree = parse("<body><p>One\ntwo <b>three\nfour</b>\nfive</p>\n<div>Six\nseven</div><pre>a\nb</pre></body>")
    unwrap_paragraphs(tree)
    assert tree.find(".//p").text_content() == "One two three four five"
    assert tree.find(".//div").text == "Six\nseven" and tree.find(".//pre").text == "a\nb"
    assert tree.find(".//p").tail == "\n"


def test_a_fallback_extractors_markup_comes_out_as_blocks_with_words_apart():
    """trafilatura's full comparison may return readability's text, which is the page's own
    markup: its wrapper's paragraphs are blocks, and `<br>`, list items and headings break lines."""
    body = etree.fromstring(
        "<body><div class='text'><div><p>First paragraph of it.</p><h2>A heading</h2>"
        "<p>Name: Stolen Sack<br/>Level: 70<br/>NPC: Bukra</p><ul><li>one item</li><li>another</li></ul></div>"
        "<p>Last paragraph.</p></div></body>"
    )
    text = _blocks_text(body, MarkupFacts())
    assert text.split("\n\n") == [
        "First paragraph of it.",
        "A heading",
        "Name: Stolen Sack\nLevel: 70\nNPC: Bukra",
        "one item\nanother",
        "Last paragraph.",
    ]


@given(st.text(st.sampled_from(["a", "b", " ", "\t", "\n", "\u00a0", "\u2003", "\r"]), max_size=12))
def test_collapsing_spaces_takes_the_quick_way_only_where_it_gives_the_same(text):
    assert collapse_spaces(text) == SPACES.sub(" ", text).strip()
