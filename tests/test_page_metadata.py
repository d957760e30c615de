"""Page metadata from HTML: bylines from the markup when the head names none, vetted; titles without the site."""

from __future__ import annotations

import pytest

import cleaner
from cleaner.authors import plausible_author
from cleaner.titles import without_site_name

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
     "Martin is a full-stack engineer", "On August 3", "Kath Net", "Www Haufe De", "Tennisnet Com"],
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


@pytest.mark.parametrize(
    ("title", "site", "url", "expected"),
    [
        ("Faire Lieferketten - Evangelisches Jugendwerk", None, "https://www.jugendwerk.de/x", "Faire Lieferketten"),
        ("New Balance: FuelCell Echo | Herr Pfleger", None, "https://herrpfleger.de/a", "New Balance: FuelCell Echo"),
        ("LinkNaija | Kate Henshaw stuns in new photos", "LinkNaija", None, "Kate Henshaw stuns in new photos"),
        ("Masks stolen | The Japan Times", None, "https://www.japantimes.co.jp/n", "Masks stolen"),
        ("武汉的声音：有英勇的你！-新华网", "新华网", None, "武汉的声音：有英勇的你！"),
        ("The Guardian view on it | Editorial", "the Guardian", None, "The Guardian view on it | Editorial"),
        ("Budget approved - a long debate", None, "https://example.com/a", "Budget approved - a long debate"),
        ("Example News", "Example News", None, "Example News"),
        ("Gazette X - X", "Gazette X", None, "X"),  # the part left is cut by place, not found by its text
    ],
)  # fmt: skip
def test_the_title_loses_the_sites_name(title, site, url, expected):
    assert without_site_name(title, site, url) == expected


def test_the_documents_title_is_the_pages_without_its_site():
    page = _page().replace("<title>Budget approved</title>", "<title>Budget approved | Example Gazette</title>")
    assert cleaner.clean(page, url="https://www.example-gazette.com/budget").title == "Budget approved"


def test_a_profile_link_is_no_byline():
    profile = '<a rel="me" href="https://social.example/@jane">Discuss this on Mastodon</a>'
    assert cleaner.clean(_page(profile)).authors == []
