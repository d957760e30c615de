"""Passes that judge a block by the text around it, on small made-up pages."""

from __future__ import annotations

import pytest

import cleaner
from cleaner.passes.page_chrome import article_runs

ARTICLE = [  # four paragraphs, 180 words
    "The council approved the budget for the new library on Tuesday after a long debate. Residents had asked "
    "for longer opening hours and a larger children's section for years. The vote passed by eleven to four, "
    "with two members absent.",
    "The mayor said construction would begin in the spring and end before the next election. Builders from "
    "three firms have bid for the work, and the winner will be named in March by an independent panel.",
    "Opposition members argued that the money would be better spent on repairing roads first. One councillor "
    "called the plan a vanity project and said the old branch could have been saved for a fraction of the cost.",
    "A public consultation found that most people who answered supported the plan. The architects will present "
    "their final designs to the planning committee next month, with a model of the reading room and garden. "
    "Work on the car park will follow once the main building is open to the public.",
]


def _kept(text: str) -> str:
    return cleaner.clean(text, whole_page=False).text


def test_comment_thread_after_the_article_goes_with_its_heading():
    thread = ["3 thoughts on “Library budget”", "Anna K. says:", "Great news for the town.", "Bob says:", "About time!"]
    out = _kept("\n\n".join([*ARTICLE, *thread, "Carol says:", "Agreed."]))
    assert out == "\n\n".join(ARTICLE)


def test_comment_signatures_alone_make_a_thread():
    thread = ["Anna K. says:", "Great news for the town.", "Bob says:", "About time!", "Carol says:", "Agreed."]
    assert _kept("\n\n".join([*ARTICLE, *thread])) == "\n\n".join(ARTICLE)


COMMENT = (
    "I read this twice and I still think the council should have asked the people who use the old branch "
    "every week before it spent this much money on a building that nobody in our street asked for."
)


@pytest.mark.parametrize("heading", ["Leserkommentare", "12 commentaires", "Deja un comentario"])
def test_a_thread_that_outweighs_the_article_goes_with_its_heading_in_any_language(heading):
    """A related-stories heading waits for half the words above it; a comment section's heading, as
    the rules of any language word it, needs only some article above it: a thread can be longer."""
    thread = [heading] + [line for n in range(8) for line in (f"Reader{n}", f"{COMMENT} ({n})", "melden")]
    assert _kept("\n\n".join([*ARTICLE, *thread])) == "\n\n".join(ARTICLE)


def test_a_comment_count_under_the_headline_is_no_thread():
    text = "\n\n".join(["Library budget approved", "By Anna Smith", "12 commentaires", *ARTICLE])
    assert all(paragraph in _kept(text) for paragraph in ARTICLE)


def test_signatures_of_a_name_and_a_time_make_a_thread():
    """A signature of a name and a time ("Anna K. June 28, 2015 at 10:25 pm"), no "says" or "on"."""
    thread = [line for n in range(4) for line in (f"Reader{n} June {n + 2}, 2015 at 10:2{n} pm", f"{COMMENT} ({n})")]
    assert _kept("\n\n".join([*ARTICLE, *thread])) == "\n\n".join(ARTICLE)


def test_the_answers_of_a_question_page_are_no_thread():
    """An answer signed "answered Feb 6, 2014 at 23:35" is the page's content, not a comment."""
    answers = [line for n in range(4) for line in (f"answered Feb {n + 2}, 2014 at 23:3{n}", f"{COMMENT} ({n})")]
    text = "\n\n".join([*ARTICLE, *answers])
    assert _kept(text) == text


def test_one_quoted_says_line_is_not_a_thread():
    text = "\n\n".join([*ARTICLE[:2], "The mayor says:", *ARTICLE[2:]])
    assert _kept(text) == text


def test_a_thread_needs_an_article_above_it():
    text = "\n\n".join(["Anna says:", "Hello.", "Bob says:", "Hi.", "Carol says:", "Hey.", *ARTICLE])
    assert "Anna says:" in _kept(text)


def test_article_repeated_as_one_block_goes_and_its_paragraphs_stay():
    text = "\n\n".join([*ARTICLE, " ".join(ARTICLE[:3])])
    doc = cleaner.clean(text, whole_page=False)
    assert doc.text == "\n\n".join(ARTICLE)
    assert [r.rule for r in doc.removed] == ["duplicate.repeated-body"]


def test_a_summary_sharing_some_sentences_stays():
    summary = " ".join([ARTICLE[0].split(". ")[0] + ".", "It was a vote many in the town had waited for."] * 3)
    text = "\n\n".join([*ARTICLE, summary])
    assert _kept(text) == text


def test_gallery_caption_shown_twice_around_its_counter_goes():
    caption = "The new library at dusk, seen from the river bank, in a drawing by the architects."
    slides = ["Image 1 of 3", caption, caption.replace("dusk", "dusk,"), "Image 2 of 3"]
    assert _kept("\n\n".join([*ARTICLE[:2], *slides, *ARTICLE[2:]])) == "\n\n".join(ARTICLE)


def test_one_stray_gallery_counter_leaves_repeated_lines_alone():
    caption = "The new library at dusk, seen from the river bank, in a drawing by the architects."
    lines = [caption, caption.replace("dusk", "dusk,")]
    text = "\n\n".join([*ARTICLE[:2], "1 / 13", *lines, *ARTICLE[2:]])
    assert _kept(text) == "\n\n".join([*ARTICLE[:2], *lines, *ARTICLE[2:]])


def test_a_paragraph_repeated_near_a_gallery_keeps_its_first_copy():
    text = "\n\n".join([*ARTICLE[:2], "1 / 13", ARTICLE[2], ARTICLE[2], ARTICLE[3]])
    assert _kept(text) == "\n\n".join(ARTICLE)


def test_one_long_block_beside_the_article_is_not_a_second_run():
    article, chrome = [40.0, 36.0, 37.0, 50.0], [-5.0] * 30
    assert article_runs([*chrome, *article, *chrome, 85.0, *chrome]) == [(30, 33)]
    two_paragraphs = [45.0, 40.0]  # more of the article, after a box of chrome
    assert sorted(article_runs([*chrome, *article, *chrome, *two_paragraphs, *chrome])) == [(30, 33), (64, 65)]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Von Jane Doe", ["Jane Doe"]),
        ("Von Alexa von Heyden", ["Alexa von Heyden"]),
        ("Par Jean Dupont, à Paris", ["Jean Dupont"]),
        ("Por Juan Pérez", ["Juan Pérez"]),
        ("Door Jan Jansen", ["Jan Jansen"]),
    ],
)
def test_bylines_in_other_languages_name_the_authors(line, names):
    prose = "Die Regierung hat am Montag nach langer Debatte den Haushalt beschlossen, teilten Beamte mit."
    doc = cleaner.clean(f"Titel\n\n{line}\n\n{prose}", whole_page=False)
    assert doc.authors == names and line not in doc.text


@pytest.mark.parametrize("line", ["Von Berlin aus", "Par Excellence", "Von Bäumen und Menschen", "Por Favor"])
def test_lines_opening_with_a_by_word_of_another_language_stay(line):
    prose = "Die Regierung hat am Montag nach langer Debatte den Haushalt beschlossen, teilten Beamte mit."
    doc = cleaner.clean(f"Titel\n\n{line}\n\n{prose}", whole_page=False)
    assert doc.authors == [] and line in doc.text


def test_one_long_sentence_with_no_comma_is_prose():
    """A 27-word sentence has one mark, its full stop: it scores as prose, not as a menu line."""
    from cleaner.document import Block
    from cleaner.passes.page_chrome import block_score

    sentence = (
        "The incident has occurred at a time when the country is seeing a shortage of face masks amid "
        "the continuing spread of the new virus originating in the region."
    )
    assert block_score(Block(0, sentence)) == len(sentence.split())


def test_an_article_opening_on_a_lead_that_ends_in_an_ellipsis_keeps_it():
    """A card for another article follows some of this one; a lead above all the prose is the article's."""
    lead = "Did you ever walk the supermarket's shelves and wonder at the eight metres of yoghurt on offer…"
    text = "\n\n".join(["Too much choice", "14 June 2013 // Jane Doe", lead, *ARTICLE])
    assert lead in cleaner.clean(text, whole_page=False).text


def test_a_teaser_card_after_the_article_still_goes():
    teaser = "The mayor's plan for the harbour has been criticised by residents who fear the noise of…"
    text = "\n\n".join([*ARTICLE, "Harbour plan criticised", teaser, "Read more"])
    assert teaser not in cleaner.clean(text, whole_page=False).text


def test_a_paragraph_that_introduces_a_quote_with_a_colon_is_prose():
    """ "... as the minister put it:" opens what follows; it scores as prose, not as a label."""
    from cleaner.document import Block
    from cleaner.passes.page_chrome import block_score

    opening = "Long ago I wrote about the claim that the country had banned the vaccine. Back then I kept it short:"
    assert block_score(Block(0, opening)) == len(opening.split())
    assert block_score(Block(0, "Enter your details below or click an icon to log in:")) < 0


TAG_CLOUD = (
    "Alltag Ansage Architektur Auto Bahn Bahnhof Bahnsteig Basel Baum Baustelle Beton Brücke Bus Dach Dorf "
    "Eisenbahn Fahrrad Fenster Fluss Garten Gebäude Grafitti Hafen Haus Himmel Industrie Kirche Kunst Licht "
    "Mauer Natur Park Platz Regen Schild Schnee Sonne Stadt Straße Turm Wald Wasser Wolken Zug"
)
ARCHIVE = " ".join(
    f"{month} 20{year} ({n})"
    for year in (19, 20)
    for n, month in enumerate(
        ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober"], 3
    )
)


@pytest.mark.parametrize("chrome", [TAG_CLOUD, ARCHIVE], ids=["tag cloud", "archive list"])
def test_a_long_tag_cloud_or_archive_list_is_chrome_however_long(chrome):
    """Capitalised words and numbers with no sentence marks: a sidebar's cloud or archive, not half-prose."""
    from cleaner.document import Block
    from cleaner.passes.page_chrome import block_score

    assert block_score(Block(0, chrome)) < 0
    menu = ["Start", "Blog", "Über mich", "Kontakt", "Impressum", "Datenschutz", "Suche", "Archiv", "Meta"]
    post = [
        "Heute morgen war die Stadt still, und über den Dächern hing ein schwerer grauer Himmel.",
        "Ich bin mit der Kamera zum Hafen gegangen, weil das Licht dort im Winter besonders weich ist.",
    ]
    text = "\n\n".join([*menu, *post, "Schlagwörter", chrome, *menu[:4]])
    doc = cleaner.clean(text)
    assert all(paragraph in doc.text for paragraph in post)
    assert chrome not in doc.text


def test_a_long_sentence_with_few_marks_still_scores_as_prose():
    """One full stop in 40 words is under a mark per 25 words: but its words are prose's, mostly lower case."""
    from cleaner.document import Block
    from cleaner.passes.page_chrome import block_score

    sentence = (
        "The answers he gave to the interviewer were rife with implausibilities and contradictions and his "
        "repeated claims of having no memory of the events of that night were met with disbelief by many of "
        "those who watched"
    )
    assert block_score(Block(0, sentence)) > 0
