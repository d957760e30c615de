"""Markdown and structured blocks: the page's structure kept, the text exactly the clean text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cleaner
from cleaner.content_tree import Shape
from cleaner.document import Block
from cleaner.markdown import escape, to_markdown

from .conftest import FIXTURES, SEEDS, load_seed
from .markdown_read import RAW_HTML, shown_text, structure, words

PROSE = "The committee heard evidence from engineers about the bridge, and the chair said the report is due in spring."

PAGE = f"""<html><head><title>Bridge report delayed again</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Bridge report delayed again</h1>
<p>{PROSE} Read <a href="/report.pdf">the draft report</a> and *the notes*.</p>
<h2>What the engineers found</h2>
<ul><li>Cracks in the north pier</li><li>Rust on the cables<ul><li>worst on the east side</li>
<li>treated in 2019</li></ul></li><li>A worn expansion joint</li></ul>
<h3>Costs so far</h3>
<table><thead><tr><th>Year</th><th>Spent (dollars)</th></tr></thead>
<tbody><tr><td>2022</td><td>1,200,000</td></tr><tr><td>2023</td><td>950,000 | est.</td></tr></tbody></table>
<ol><li>Close the north lane at night</li><li>Inspect the cables again in May</li></ol>
<blockquote><p>We will not reopen the bridge to lorries until the repairs are done, the chair said.</p></blockquote>
<pre><code>load_limit = 7.5  # tonnes
lanes_open = 1</code></pre>
<p>1. The council meets on Monday. # Not a heading, &amp; not an entity: &amp;copy;</p>
</article><footer><p>Copyright 2024 The Town Paper</p></footer></body></html>"""


@pytest.fixture(scope="module")
def doc() -> cleaner.Document:
    return cleaner.clean(PAGE, url="https://news.example/bridge/report")


def test_headings_keep_their_level(doc):
    md = doc.markdown
    assert md.startswith("# Bridge report delayed again\n")
    assert "\n## What the engineers found\n" in md
    assert "\n### Costs so far\n" in md


def test_lists_keep_their_items_nesting_and_numbers(doc):
    md = doc.markdown
    assert "- Rust on the cables\n    - worst on the east side\n    - treated in 2019\n- A worn expansion joint" in md
    assert "1. Close the north lane at night\n1. Inspect the cables again in May" in md
    counts = structure(md)
    assert counts["list"] == 3  # the outer list, the nested one, the numbered one
    assert counts["list_item"] == 7


def test_tables_are_pipe_tables_with_their_header_row(doc):
    md = doc.markdown
    assert "| Year | Spent (dollars) |\n| --- | --- |\n| 2022 | 1,200,000 |\n| 2023 | 950,000 \\| est. |" in md
    assert structure(md)["table"] == 1


def test_quotes_and_code_stay_quotes_and_code(doc):
    md = doc.markdown
    assert "> We will not reopen the bridge" in md
    assert "```\nload_limit = 7.5 # tonnes\nlanes_open = 1\n```" in md
    counts = structure(md)
    assert counts["blockquote"] == 1 and counts["code"] == 1


def test_markdown_reads_back_as_the_title_and_the_text(doc):
    assert words(shown_text(doc.markdown)) == words(doc.title) + words(doc.text)
    assert words(shown_text(doc.to_markdown(title=False))) == words(doc.text)


def test_page_text_that_looks_like_markup_stays_text(doc):
    shown = shown_text(doc.markdown)
    assert "*the notes*" in shown
    assert "1. The council meets on Monday. # Not a heading, & not an entity: &copy;" in shown
    assert RAW_HTML not in shown


def test_links_only_when_asked_and_resolved_against_the_page(doc):
    assert "](" not in doc.markdown
    linked = doc.to_markdown(links=True)
    assert "[the draft report](https://news.example/report.pdf)" in linked
    assert words(shown_text(linked)) == words(shown_text(doc.markdown))


def test_structured_blocks_say_what_each_block_is(doc):
    blocks = doc.structured_blocks()
    kinds = [b["type"] for b in blocks]
    assert kinds[:3] == ["paragraph", "heading", "list"]
    assert {"table", "quote", "code"} <= set(kinds)
    heading = blocks[1]
    assert heading["level"] == 2 and heading["text"] == "What the engineers found"
    nested = blocks[2]["items"]
    assert [(i["text"], i["depth"]) for i in nested[1:3]] == [("Rust on the cables", 0), ("worst on the east side", 1)]
    table = next(b for b in blocks if b["type"] == "table")
    assert table["header"] is True and table["rows"][0] == ["Year", "Spent (dollars)"]
    assert "\n\n".join(b["text"] for b in blocks) == doc.text
    assert "links" not in blocks[0]
    assert doc.structured_blocks(links=True)[0]["links"] == [
        {"text": "the draft report", "href": "https://news.example/report.pdf"}
    ]


def test_to_dict_adds_markdown_and_blocks_only_on_request(doc):
    plain = doc.to_dict()
    assert "markdown" not in plain and "blocks" not in plain
    full = doc.to_dict(markdown=True, blocks=True)
    assert full["markdown"] == doc.markdown
    assert full["blocks"] == doc.structured_blocks()


def test_scraped_text_title_heading_and_bulleted_lists():
    text = (
        "Bridge report delayed again\n\n"
        f"{PROSE}\n\n"
        "• Cracks in the north pier\n• Rust on the cables\n• A worn expansion joint\n\n"
        f"{PROSE.replace('bridge', 'tunnel')}"
    )
    doc = cleaner.clean(text, input_type="text")
    md = doc.markdown
    assert md.startswith("# Bridge report delayed again\n\n")
    assert "- Cracks in the north pier\n- Rust on the cables\n- A worn expansion joint" in md
    assert words(shown_text(doc.to_markdown(title=False))) == words(doc.text)


def test_a_list_that_opens_nested_is_still_a_list():
    # A page's list whose first items sit in an inner list: four spaces would make a code block.
    block = Block(1, "Outline the text\nAdd subheadings\nWrite a conclusion")
    block.shape = Shape("list", ordered=True, depths=(1, 1, 2))
    md = to_markdown([block])
    assert md == "1. Outline the text\n1. Add subheadings\n    1. Write a conclusion\n"
    assert structure(md)["code"] == 0 and structure(md)["list_item"] == 3


def test_a_page_read_whole_keeps_its_headings_and_lists():
    page = (
        "<html><head><title>Opening hours</title></head><body><div><h2>Opening hours</h2>"
        "<ul><li>Monday to Friday, 9 to 17</li><li>Saturday, 10 to 14</li></ul><p>Closed on public holidays.</p>"
        "<h3>Address</h3><p>12 Mill Lane, Leeds</p></div></body></html>"
    )
    doc = cleaner.clean(page)
    assert doc.extraction == "whole-page"
    assert doc.markdown == (
        "## Opening hours\n\n- Monday to Friday, 9 to 17\n- Saturday, 10 to 14\n\n"
        "Closed on public holidays.\n\n### Address\n\n12 Mill Lane, Leeds\n"
    )


def test_a_document_made_by_hand_is_paragraphs():
    doc = cleaner.Document(text="First *one*.\n\nSecond one.", title="A title")
    assert doc.markdown == "# A title\n\nFirst \\*one\\*.\n\nSecond one.\n"


@pytest.mark.parametrize("path", sorted((FIXTURES / "html").glob("*.html")), ids=lambda p: p.stem)
def test_fixture_pages_read_back_as_their_text(path: Path):
    doc = cleaner.clean(path.read_bytes())
    assert words(shown_text(doc.to_markdown(title=False))) == words(doc.text)


@pytest.mark.parametrize("gold", SEEDS, ids=lambda p: p.name[:3])
def test_removed_blocks_never_come_back_through_the_markdown(gold):
    doc = cleaner.clean(load_seed(gold)[0])
    shown = " ".join(words(shown_text(doc.markdown)))
    kept = " ".join(words(doc.title or "") + words(doc.text))
    for removed in doc.removed:
        text = " ".join(words(removed.text))
        if len(text.split()) >= 4 and text not in kept:
            assert text not in shown, removed.rule


_MARKUP_BITS = st.sampled_from(
    [*"#>*-_+=`[]()<>!|~&;\\:/.1", "&amp;", "&#32;", "&copy;", "http://x.y", "a@b.co", "1986. ", "+ ", "---"]
)
_TEXT = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=3)  # what clean text holds: no controls
_LINES = st.lists(_MARKUP_BITS | _TEXT, min_size=1).map(lambda s: " ".join("".join(s).split()))


@given(_LINES.filter(bool))
def test_escaped_text_reads_back_as_itself(line: str):
    assert shown_text(escape(line)) == line


@given(st.lists(_LINES.filter(lambda line: len(line.split()) >= 1), min_size=1, max_size=6))
def test_a_paragraph_of_markup_characters_reads_back_word_for_word(lines: list[str]):
    doc = cleaner.Document(text="\n".join(lines))
    assert words(shown_text(doc.to_markdown())) == words(doc.text)


IMAGE_PAGE = f"""<html><head><title>Bridge report</title></head><body>
<nav><img src="/logo.png" width="20" alt="logo"><a href="/">Home</a></nav>
<article><h1>Bridge report</h1>
<figure><img src="/img/pier.jpg" alt="The [north] pier"><figcaption>The north pier in May.</figcaption></figure>
<p>{PROSE}</p><p>{PROSE} It was the second hearing.</p>
<p>Engineers showed <img src="data:image/gif;base64,R0lGOD" alt="pixel"> a diagram <img src="diagram.png" alt="load"> of
the cables and the joints that the council will pay to repair next year.</p>
<img src="/img/signup.png" alt="newsletter">
<p>Sign up for our newsletter to get the latest news delivered to your inbox.</p>
</article><aside><img src="/ad.png" alt="ad"><p>{PROSE.replace("bridge", "ferry")}</p></aside></body></html>"""


def test_images_only_when_asked_and_only_with_kept_blocks():
    url = "https://news.example/city/bridge"
    doc = cleaner.clean(IMAGE_PAGE, url=url, images=True)
    assert "![" not in doc.markdown
    md = doc.to_markdown(images=True)
    assert f"# Bridge report\n\n![The \\[north\\] pier](https://news.example/img/pier.jpg)\n\n{PROSE}\n\n" in md
    assert "![load](https://news.example/city/diagram.png)\n\nEngineers showed" in md
    for left_out in ("logo", "pixel", "ad.png", "signup"):  # an icon, inline data, a sidebar's, a removed block's
        assert left_out not in md
    assert "Sign up for our newsletter" not in doc.text
    # The text opens with its two-word headline, which the Markdown does not repeat; alt text is no text.
    assert doc.text.startswith("Bridge report\n\n")
    assert words(shown_text(md)) == words(doc.text)
    heading, first = doc.structured_blocks(images=True)[:2]
    assert "images" not in heading
    assert first["images"] == [{"src": "https://news.example/img/pier.jpg", "alt": "The [north] pier"}]


def test_no_images_are_looked_for_unless_asked():
    doc = cleaner.clean(IMAGE_PAGE, url="https://news.example/city/bridge")
    assert "![" not in doc.to_markdown(images=True)


def test_images_takes_a_bool_only():
    with pytest.raises(cleaner.InputError, match="images must be True or False"):
        cleaner.clean(PAGE, images="yes")
