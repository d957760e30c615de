"""Page metadata from HTML: bylines from the markup when the head names none, vetted; titles without the site."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cleaner
from cleaner.authors import as_written, plausible_author
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
        '<div class="author vcard">Von Jane Doe Fr, 18. Oktober 2019</div>',  # a date run in, weekday first
        '<span class="author">Par Jane Doe le 3 mai 2019</span>',
        '<span class="byline">By Jane Doe | April 13, 2020</span>',
    ],
)
def test_a_byline_in_the_markup_names_the_author(byline):
    assert cleaner.clean(_page(byline)).authors == ["Jane Doe"]


def test_a_byline_in_a_post_filed_under_categories_names_the_author():
    """WordPress names a post's categories in its container's classes ("category-fotos"): that is no
    category box, whose links are no byline."""
    post = '<div class="post-7 post type-post hentry category-fotos tag-wald"><span class="author-link">Autor: '
    page = _page(f'{post}<a rel="author" href="/author/gnaddrig/">gnaddrig</a></span></div>')
    assert cleaner.clean(page).authors == ["gnaddrig"]
    box = '<div class="post-category"><a rel="author" href="/category/fotos/">Fotos</a></div>'
    assert cleaner.clean(_page(box)).authors == []


def test_the_markup_names_the_author_where_the_head_names_no_one():
    """A head naming a placeholder ("Admin") names no author: the byline in the markup does."""
    page = _page('<span class="byline">Von Tobias Kuske</span>', '<meta name="author" content="Admin">')
    assert cleaner.clean(page).authors == ["Tobias Kuske"]


def test_a_byline_inside_a_layout_named_for_its_sidebar_names_the_author():
    """A container of the headline is the page's layout, whatever its class says ("has-sidebar");
    the sidebar itself stands beside the article, and its names are no byline."""
    page = _page('<span class="author">Jil Schuller</span>').replace("<body>", '<body><div class="layout has-sidebar">')
    assert cleaner.clean(page).authors == ["Jil Schuller"]
    sidebar = '<div class="sidebar"><span class="author">Widget Writer</span></div>'
    assert cleaner.clean(_page(after=sidebar)).authors == []


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
     "Martin is a full-stack engineer", "On August 3", "Kath Net", "Www Haufe De", "Tennisnet Com", "kath.net",
     "www.proplanta.de", "Jane says", "stephangoeldi said", "Publiziert am", "Publié le", "Published", "Datum"],
)  # fmt: skip
def test_what_names_no_person_is_not_an_author(name):
    assert not plausible_author(name)
    assert cleaner.clean(_page(head=f'<meta name="author" content="{name}">')).authors == []


@pytest.mark.parametrize(
    "name",
    ["Jane Doe", "gnaddrig", "Perry Bacon Jr.", "María José García de la Fuente", "Ludwig van Beethoven", "焦鹏",
     "Michael Veeser-Dombrowski", "T. V. Raman", "happyface313", "Herr_Rein", "jane.doe", "Thanh Le", "Ali El",
     "Edward Said"],
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


@pytest.mark.parametrize(
    ("head", "byline", "expected"),
    [
        ('<meta name="author" content="T. V. Raman">', "", ["T. V. Raman"]),
        ('<meta name="citation_author" content="Marwan H. Adwan">', "", ["Marwan H. Adwan"]),
        ("", '<span class="author">Posted by John F. Kennedy</span>', ["John F. Kennedy"]),
        ("", '<a rel="author" href="/u/3">Herr_Rein</a>', ["Herr_Rein"]),
        ("", '<span class="author">happyface313</span>', ["happyface313"]),
    ],
)
def test_an_authors_name_is_spelled_as_the_page_spells_it(head, byline, expected):
    """trafilatura's reading writes initials without their dots, a handle's underscore as a space
    and cuts a name at a digit ("T V Raman", "Herr Rein", "Happyface")."""
    assert cleaner.clean(_page(byline, head)).authors == expected


@pytest.mark.parametrize(
    ("name", "sources", "expected"),
    [
        ("T V Raman", ["Posted by T. V. Raman at 10:02"], "T. V. Raman"),
        ("Happyface", ["happyface313"], "happyface313"),
        ("Heike Buchter", ["Heike_Buchter", "Heike Buchter"], "Heike Buchter"),  # written as it is too
        ("Jane Doe", ["JANE DOE"], "Jane Doe"),  # trafilatura capitalises a name only where it starts in lower case
        ("Ann Lee", ["Annabel Lee", "Ann Leeds"], "Ann Lee"),  # only the name's own words
        ("John Smith", ["John Smith 2019-05-01"], "John Smith"),  # a date after it is no part of it
    ],
)
def test_as_written_finds_the_pages_spelling(name, sources, expected):
    assert as_written(name, sources) == expected


@given(st.text(max_size=30), st.lists(st.text(max_size=60), max_size=3))
def test_as_written_gives_the_name_or_a_spelling_the_page_holds(name, sources):
    written = as_written(name, sources)
    assert written == name or any(written in source for source in sources)
