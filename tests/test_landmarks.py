"""Menus, footers, asides and the head leave the tree before extraction, unless one holds the page;
the `<article>` or `<main>` that holds the page's paragraphs is where extraction searches."""

from __future__ import annotations

import pytest
from lxml import html

import cleaner
from cleaner.extract import _whole_page, parse
from cleaner.landmarks import article_landmark, paragraph_text_chars, remove_landmarks
from cleaner.page_metadata import PageMetadata

STORY = "".join(
    f"<p>The council approved budget line {n} on Monday, after a long debate about the city's schools.</p>"
    for n in range(8)
)


def _cut(tree: html.HtmlElement) -> None:
    remove_landmarks(tree, paragraph_text_chars(tree))


def test_menus_footers_asides_and_the_head_go_and_their_tails_stay():
    tree = parse(
        "<html><head><title>Budget</title><meta name='author' content='Jo'><link rel='x'></head><body>"
        "<nav><a href='/'>Home</a></nav>Before<article><p>Text.</p><aside>Related</aside>after</article>"
        "<footer>Contact us</footer>End</body></html>"
    )
    _cut(tree)
    assert [element.tag for element in tree.find("head")] == ["title"]
    assert tree.find(".//nav") is None and tree.find(".//aside") is None and tree.find(".//footer") is None
    assert tree.find("body").text_content() == "BeforeText.afterEnd"


def test_elements_marked_with_a_landmark_role_go_like_the_landmark_tags():
    """ARIA's `role="navigation"`, `"complementary"` and `"contentinfo"` say what `<nav>`,
    `<aside>` and `<footer>` say, on whatever element carries them; outer ones go whole."""
    tree = parse(
        "<html><body><div role=navigation><a href='/'>Home</a><div role=navigation>Sub</div></div>Before"
        "<div><p>Text.</p><div role=complementary>Related</div>after</div><div role=contentinfo>Contact</div>"
        "<div role=main>End</div></body></html>"
    )
    _cut(tree)
    assert tree.find("body").text_content() == "BeforeText.afterEnd"


@pytest.mark.parametrize("page", ["<html role=navigation><body>{}</body></html>", "<body role=contentinfo>{}</body>"])
@pytest.mark.parametrize("story", [STORY, ""])
def test_the_page_itself_is_no_landmark_whatever_its_role(page, story):
    assert ("budget line 7" in cleaner.clean(page.format(story), input_type="html").text) == bool(story)


def test_a_landmark_role_that_holds_most_of_the_page_stays():
    page = f"<html><body><div role=complementary><p>Related</p>{STORY}</div><p>Teaser.</p></body></html>"
    tree = parse(page)
    _cut(tree)
    assert "budget line 7" in tree.find("body").text_content()


def test_a_landmark_that_holds_most_of_the_page_stays():
    """An unclosed `<nav>` puts the rest of the page inside it: its article is no menu."""
    page = f"<html><body><nav class='menu'><ul><li><a href='/'>Home</a></li></ul><div>{STORY}</div></body></html>"
    tree = parse(page)
    _cut(tree)
    assert "budget line 7" in tree.find(".//nav").text_content()
    assert "budget line 7" in cleaner.clean(page).text


def test_a_landmark_that_holds_most_of_the_pages_paragraphs_stays():
    """Breadcrumbs left unclosed hold the story; the teasers after them hold more text, in no paragraph."""
    teasers = "".join(
        f"<div><a href='/{n}'>Council news number {n} from the city and county</a></div>" for n in range(40)
    )
    page = (
        "<html><body><main><nav class='breadcrumbs'><ol><li><a href='/'>Home</a></li></ol>"
        f"<div class='story-body'>{STORY}</div></main><div class='most-read'>{teasers}</div></body></html>"
    )
    tree = parse(page)
    _cut(tree)
    assert "budget line 7" in tree.find(".//nav").text_content()
    assert "budget line 7" in cleaner.clean(page).text


def test_a_menu_inside_a_held_landmark_still_goes():
    page = f"<html><body><aside><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>{STORY}</aside></body></html>"
    tree = parse(page)
    _cut(tree)
    assert tree.find(".//aside") is not None and tree.find(".//nav") is None


def test_a_landmark_in_a_table_cell_stays_to_show_the_table_is_layout():
    tree = parse(f"<html><body><table><tr><td><nav><ul><li>Home</li></ul></nav></td><td>{STORY}</td></tr></table>")
    _cut(tree)
    assert tree.find(".//td/nav") is not None


def test_a_layout_table_goes_to_the_whole_page_route_even_when_the_page_reads_shorter():
    """The extractor's spacing or its counting of a form's options may make its text of a layout
    table longer than the page's rendering: the page still goes to the text passes whole."""
    tree = parse(f"<html><body><div>{STORY}</div></body></html>")
    layout = "\n".join(f"Menu entry number {n}" for n in range(300))
    extracted = _whole_page(tree, layout, PageMetadata())
    assert extracted is not None and extracted.method == "whole-page"
    assert "budget line 7" in extracted.text


def _article_of(markup: str) -> str | None:
    tree = parse(markup)
    found = article_landmark(tree, paragraph_text_chars(tree))
    return None if found is None else f"{found.tag}#{found.get('id')}"


def test_the_article_landmark_is_the_innermost_that_holds_the_pages_paragraphs():
    page = f"<main id=m><h1>Budget</h1><article id=a>{STORY}</article></main><div><p>Teaser.</p></div>"
    assert _article_of(page) == "article#a"
    assert _article_of(f"<main id=m><article id=a>{STORY[:400]}</article>{STORY[400:]}</main>") == "main#m"


def test_elements_that_say_they_hold_the_article_are_holders_too():
    """ARIA's `role="main"` and `role="article"`, and schema.org's `itemprop="articleBody"`, say
    what `<main>` and `<article>` say, on whatever element carries them."""
    assert _article_of(f"<div id=r role=main>{STORY}</div><div><p>Teaser.</p></div>") == "div#r"
    assert _article_of(f"<main id=m><h1>Budget</h1><div id=b itemprop=articleBody>{STORY}</div></main>") == "div#b"
    assert _article_of(f"<section id=s role=article>{STORY}</section><p>Teaser.</p>") == "section#s"
    assert _article_of(f"<div id=x role=navigation>{STORY}</div>") is None
    assert _article_of(f"<body role=main itemprop=articleBody>{STORY}</body>") is None  # the page itself
    assert _article_of(f"<html role=main><body>{STORY}</body></html>") is None
    assert _article_of(f"<article id=a role=article>{STORY}</article>") == "article#a"  # said twice, one holder


def test_no_article_landmark_when_paragraphs_stand_outside_or_there_are_none():
    assert _article_of(f"<article id=a>{STORY[:400]}</article><div>{STORY[400:]}</div>") is None
    assert _article_of(f"<div>{STORY}</div>") is None
    assert _article_of("<article id=a><div>No paragraphs</div></article>") is None


def test_articles_nested_as_deep_as_the_parser_goes():
    nested = "".join(f"<article id=a{n}>" for n in range(250)) + STORY * 125 + "</article>" * 250
    assert _article_of(nested) == "article#a249"
    divs = "<div>" * 240 + "<main id=m></main>" + STORY * 125 + "</div>" * 240
    assert _article_of(divs) is None  # paragraphs deep outside any holder


def test_trafilatura_searches_the_article_landmark_and_finds_the_article():
    teasers = "".join(f"<div class=teaser><a href=/{n}>Other story {n}</a></div>" for n in range(40))
    page = f"<html><body><header><h2>Site</h2></header>{teasers}<article>{STORY}</article></body></html>"
    text = cleaner.clean(page).text
    assert text.count("The council approved budget line") == 8 and "Other story" not in text
