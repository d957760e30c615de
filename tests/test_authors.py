"""Authors: read from the markup when the head names none, and vetted wherever they come from."""

from __future__ import annotations

import pytest

import cleaner
from cleaner.authors import plausible_author

PROSE = "The council approved the budget on Monday after a long debate, officials said in a statement."


def _page(byline: str = "", head: str = "", after: str = "") -> str:
    body = "".join(f"<p>{PROSE} Part {n}.</p>" for n in range(4))
    return (
        f"<html><head><title>Budget approved</title>{head}</head><body><article><h1>Budget approved</h1>"
        f"{byline}{body}</article>{after}</body></html>"
    )


@pytest.mark.parametrize(
    "byline",
    [
        '<a rel="author" href="/authors/jane">Jane Doe</a>',
        '<span itemprop="author">Jane Doe</span>',
        '<div class="byline">By Jane Doe</div>',
        '<span class="author vcard"><a class="url fn n" href="/author/jane">Jane Doe</a></span>',
        '<p class="post-author">Von Jane Doe</p>',
    ],
)
def test_a_byline_in_the_markup_names_the_author(byline):
    assert cleaner.clean(_page(byline)).authors == ["Jane Doe"]


def test_the_head_decides_over_the_markup():
    doc = cleaner.clean(_page('<span class="byline">By Jane Doe</span>', '<meta name="author" content="John Roe">'))
    assert doc.authors == ["John Roe"]


def test_a_commenters_name_is_no_author():
    comments = '<div id="comments"><div class="comment"><span class="comment-author">Troll 42</span></div></div>'
    assert cleaner.clean(_page(after=comments)).authors == []


def test_a_hidden_byline_is_no_author():
    assert cleaner.clean(_page('<span class="author" style="display:none">Old Author</span>')).authors == []


@pytest.mark.parametrize(
    "name",
    ["admin", "Super User", "Unknown", "Anónimo", "Name", "wordpressadmin", "Example Media GmbH", "Acme Ltd",
     "Martin is a full-stack engineer", "On August 3"],
)  # fmt: skip
def test_what_names_no_person_is_not_an_author(name):
    assert not plausible_author(name)
    assert cleaner.clean(_page(head=f'<meta name="author" content="{name}">')).authors == []


@pytest.mark.parametrize(
    "name",
    ["Jane Doe", "gnaddrig", "Perry Bacon Jr.", "María José García de la Fuente", "Ludwig van Beethoven", "焦鹏",
     "Michael Veeser-Dombrowski"],
)  # fmt: skip
def test_names_of_people_and_handles_are_authors(name):
    assert plausible_author(name)
