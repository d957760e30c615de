"""A short article after the headline its url names is kept, whatever prose the page holds elsewhere.

Text mode keeps the page's best runs of prose. A blog post of one paragraph scores less than the
author's box, a disclaimer or a comment under it; the url's slug says which line is the headline,
and the article starts after it.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.slugs import headline_index, slug_words

URL = "https://example.blog/2019/11/17/elektro-zapfsaeulen/"
MENU = ["Startseite", "Über mich", "Impressum", "Kontakt", "Archiv", "Suche", "Kategorien", "Fotos"]
ARTICLE = (
    "Ich würde ja in smarte und wirtschaftliche Elektro-Zapfsäulen investieren. Wundere mich, dass es "
    "noch keine gibt, die man an jeder Ecke findet."
)
SHARE = ["Teilen mit:", "Twitter", "Facebook", "Gefällt mir"]
TAGS = ["Elektro", "Micro-Series", "Entrepreneurs", "Zapfsäulen", "Veröffentlicht von Cem Basman"]
COMMENT_FORM = [
    "‹ Previous Kristallnacht.",
    "Gib hier deinen Kommentar ein ...",
    "E-Mail (erforderlich) (Adresse wird niemals veröffentlicht)",
    "Name (erforderlich)",
    "Website",
    "Abbrechen",
    "Verbinde mit %s",
]
BELOW = [*SHARE, *TAGS, *COMMENT_FORM]  # a blog's usual dozen lines between a post and the author's box
AUTHOR_BOX = [
    "Heimat ist nicht der Ort, sondern die Gemeinschaft der Gefühle. Das ist das persönliche Blog eines "
    "Unternehmers, der seit zwanzig Jahren über Technik, Städte und das Leben schreibt, meistens am Abend.",
    "Unternehmerische Einsichten und Erkenntnisse von Unternehmern, Investoren und Künstlern, gesammelt in "
    "einer Serie von Gesprächen, die hier seit vielen Jahren erscheinen und weiter erscheinen werden.",
]
SIDEBAR = ["Neueste Beiträge", "Mauerblümchen", "Rubber Ducks", "Café Gnosa", "Tin Box", "Frei sein", "Meta"]


def _page(article: list[str], headline: str = "Elektro-Zapfsäulen.") -> str:
    byline = ["17/11/2019 ~ Cem Basman"]
    return "\n\n".join([*MENU, headline, *byline, *article, *BELOW, *AUTHOR_BOX, *SIDEBAR])


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("https://example.blog/2019/11/17/elektro-zapfsaeulen/", {"elektro", "zapfsaeulen"}),
        # an id comes through ("bo7d2tal"): it costs a headline a little closeness, no more
        (
            "https://example.org/news/how-to-scrape-google-with-python-bo7d2tal",
            {"how", "to", "scrape", "google", "with", "python", "bo7d2tal"},
        ),
        # a word with digits is a word ("m45"); WordPress's "-2" for a second post of one title is not
        ("https://example.de/astrofoto-community/plejaden-m45-2/", {"plejaden", "m45"}),
        ("https://example.com/2020/03/covid-19-cases-rise-in-g20/", {"covid", "cases", "rise", "in", "g20"}),
        ("https://taz.de/Siemens-und-die-Kohlemine-Adani/!5655255/", {"siemens", "und", "die", "kohlemine", "adani"}),
        ("https://example.com/artikel/1136087.mietenstreik-in-den-usa.html", {"mietenstreik", "in", "den", "usa"}),
        ("https://example.com/news/12345", set()),
        ("https://example.com/", set()),
        ("not a url", set()),
        (None, set()),
        ("http://[::1", set()),
    ],
)
def test_slug_words_come_from_the_last_segment_that_has_words(url, words):
    assert slug_words(url) == words


def test_the_heading_wins_over_the_title_line_that_also_names_the_site():
    lines = ["Time 4 talks » Blog Archiv » Weitere Digitalisierung der Schweizer Kinos", "Kontakt"]
    lines += ["Weitere Digitalisierung der Schweizer Kinos", "In der Schweiz entstehen neue Kinosäle."]
    assert headline_index(lines, slug_words("https://t4t.ch/2013/08/weitere-digitalisierung-der-schweizer-kinos/")) == 2


@pytest.mark.parametrize(
    ("line", "url"),
    [
        ("Elektro-Zapfsäulen", URL),
        ("ELEKTRO ZAPFSÄULEN", URL),
        ("Elektro-Zapfsäulen", "https://example.blog/elektro-zapfsaulen"),  # a slug that drops the dots
        ("Électro: les bornes", "https://example.fr/electro-les-bornes.html"),
        ("Plejaden, M45", "https://example.de/astrofoto-community/plejaden-m45-2/"),
    ],
)
def test_a_headline_is_found_however_the_slug_spells_it(line, url):
    assert headline_index(["Menü", line], slug_words(url)) == 1


@pytest.mark.parametrize(
    "line",
    [
        "Wir haben über Elektro-Zapfsäulen und vieles andere gesprochen, was die Stadt bewegt",  # a sentence
        "Elektro",  # one of the slug's words only
    ],
)
def test_a_line_that_only_mentions_the_slugs_words_is_no_headline(line):
    assert headline_index([line], slug_words(URL)) is None


def test_a_one_paragraph_post_is_kept_beside_a_higher_scoring_author_box():
    doc = cleaner.clean(_page([ARTICLE]), url=URL)
    assert ARTICLE in doc.text
    without_url = cleaner.clean(_page([ARTICLE]))
    assert ARTICLE not in without_url.text  # the mechanism: without the url, the author's box wins


def test_the_rest_of_the_page_is_judged_as_before():
    doc = cleaner.clean(_page([ARTICLE]), url=URL)
    for chrome in [*MENU, *BELOW, *SIDEBAR]:
        assert chrome not in doc.text.split("\n\n")


def test_a_one_paragraph_box_near_the_headline_is_not_its_article():
    """An author's box a few lines under a short post outscores it; standing near the headline
    does not make it the article: the prose right after the headline is, and is kept."""
    near = [*MENU, "Elektro-Zapfsäulen.", "17/11/2019 ~ Cem Basman", ARTICLE, *SHARE, *TAGS, AUTHOR_BOX[0]]
    text = "\n\n".join([*near, *SIDEBAR])
    doc = cleaner.clean(text, url=URL)
    assert ARTICLE in doc.text
    assert ARTICLE not in cleaner.clean(text).text  # the mechanism: without the url, the box wins


def test_a_run_found_just_after_the_headline_gets_nothing_added():
    """A news page: headline, dek, byline lines, then the article the runs found already. The dek
    stays out, as it did without the headline: the lines between are the article's own chrome."""
    dek = "There are more devices, platforms and services to choose from than ever before, and here is how."
    body = [
        "Gaming used to be so simple. We would buy a game, sit down in front of a console and play it to the end.",
        "Now we spend money over and over on virtual perks, and we play on phones and tablets while socialising.",
        "Subscriptions promise hundreds of games for one monthly fee, and the services keep adding more of them.",
        "Streaming may change that again, because the games run in data centres and reach any screen at home.",
    ]
    url = "https://news.example/articles/so-many-ways-to-play-and-pay-11574168580"
    text = "\n\n".join(
        [*MENU, "So Many Ways to Play and Pay", dek, "By", "Sarah Needleman", "Biography", *body, *SIDEBAR]
    )
    with_url, without_url = cleaner.clean(text, url=url), cleaner.clean(text)
    assert with_url.text == without_url.text


def test_no_run_found_leaves_the_page_alone():
    text = "\n\n".join([*MENU, "Elektro-Zapfsäulen", "Kurz.", *SIDEBAR])
    assert cleaner.clean(text, url=URL).text == cleaner.clean(text).text


ARTICLE_WORDS = [
    "Stadtrat",
    "Haushalt",
    "Schule",
    "Brücke",
    "Hafen",
    "Klinik",
    "Bericht",
    "Sitzung",
    "Gemeinde",
    "Verwaltung",
]
BOX_WORDS = ["Autor", "Blog", "Leser", "Reise", "Kamera", "Garten", "Küche", "Musik", "Buch", "Verlag"]


def prose(nouns: list[str]) -> st.SearchStrategy[str]:
    """Paragraphs of two or three sentences, each naming a few of the nouns."""
    sentence = st.lists(st.sampled_from(nouns), min_size=3, max_size=6, unique=True).map(
        lambda picked: f"Der {picked[0]} und {', '.join(picked[1:])} wurden am Montag lange besprochen."
    )
    return st.lists(sentence, min_size=2, max_size=3, unique=True).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(prose(ARTICLE_WORDS), min_size=1, max_size=2, unique=True),
    st.lists(prose(BOX_WORDS), min_size=2, max_size=4, unique=True),
)
def test_the_article_after_its_headline_survives_any_prose_elsewhere(article, boxes):
    """Whatever prose the page holds below the share bar, the article after the named headline is
    kept, every paragraph of it, and cleaning the output again changes nothing."""
    page = "\n\n".join([*MENU, "Elektro-Zapfsäulen", "17/11/2019", *article, *BELOW, *boxes, *SIDEBAR])
    doc = cleaner.clean(page, url=URL)
    for paragraph in article:
        assert paragraph in doc.text
    assert cleaner.clean(doc.text, url=URL).text == doc.text


@pytest.mark.parametrize("between", [0, 3, 5])
def test_up_to_five_lines_may_stand_between_the_headline_and_its_article(between):
    """A byline, a date, a reading time, a share prompt: the article's first paragraph counts as
    the headline's when it comes within six blocks of it."""
    lines = ["Rubrik Technik", "Lesedauer drei Minuten", "Cem Basman", "Bild Archiv", "Serie Gründer"][:between]
    text = "\n\n".join([*MENU, "Elektro-Zapfsäulen", *lines, ARTICLE, *BELOW, *AUTHOR_BOX, *SIDEBAR])
    doc = cleaner.clean(text, url=URL)
    assert ARTICLE in doc.text
    assert all(line not in doc.text for line in lines)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.lists(st.text(max_size=200), max_size=30))
def test_any_url_and_any_lines_give_a_slug_and_an_index_or_none(url, lines):
    """Whatever a crawler hands over as the url, and whatever the page's lines: no exception, and
    the index found is one of the lines'."""
    slug = slug_words(url)
    assert all(word and word == word.casefold() for word in slug)
    found = headline_index(lines, slug)
    assert found is None or 0 <= found < len(lines)
    found = headline_index(lines, slug_words("https://example.org/" + "-".join(lines[:3])))
    assert found is None or 0 <= found < len(lines)
