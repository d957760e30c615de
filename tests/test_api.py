"""The public API: what `clean` accepts, what `Document` holds, how metadata lines are read."""

from __future__ import annotations

import pytest

import cleaner
from cleaner.dates import parse_date
from cleaner.segment import segment

LEAD = "The council approved the budget on Monday after a long debate, officials said in a statement."


def test_public_names():
    assert set(cleaner.__all__) >= {"clean", "Document", "CleanerError", "InputError", "RuleFileError", "load_rules"}
    for name in cleaner.__all__:
        assert hasattr(cleaner, name)


def test_the_docstring_example():
    doc = cleaner.clean("Skip to content\n\nThe minister said on Monday that talks would resume.")
    assert doc.text == "The minister said on Monday that talks would resume."
    assert [(r.kind, r.rule, r.index) for r in doc.removed] == [("navigation", "nav.skip-to-content", 1)]


def test_str_and_utf8_bytes_give_the_same_text():
    text = "Skip to content\r\n\r\nCafé owners said on Monday that prices would rise again next year."
    from_bytes = cleaner.clean(("\ufeff" + text).encode("utf-8"))
    assert cleaner.clean(text).text == from_bytes.text
    assert (from_bytes.encoding.name, from_bytes.encoding.source) == ("utf-8", "bom")


def test_to_dict_has_the_documented_fields():
    data = cleaner.clean(LEAD, url="https://example.com/a").to_dict()
    expected = "text title authors date publisher site_name description dateline contributors language url image"
    expected += " categories tags entries input_type extraction encoding removed"
    assert set(data) == set(expected.split())
    assert data["url"] == "https://example.com/a"


@pytest.mark.parametrize("source", [None, 42, ["text"]])
def test_other_types_are_an_input_error(source):
    with pytest.raises(cleaner.InputError, match="give str or bytes"):
        cleaner.clean(source)


def test_bytes_that_are_not_utf8_are_guessed_and_the_guess_is_recorded():
    doc = cleaner.clean("Le café était fermé ce matin, a déclaré la mairie dans un communiqué.".encode("cp1252"))
    assert doc.text.startswith("Le café était fermé")
    assert doc.encoding.source in ("chardet", "fallback")


def test_input_type_is_checked():
    with pytest.raises(cleaner.InputError, match="input_type"):
        cleaner.clean("x", input_type="pdf")


def test_empty_input_gives_an_empty_document():
    doc = cleaner.clean("  \n\n \t\n")
    assert doc.text == "" and doc.removed == [] and doc.title is None


def test_segment_keeps_indentation_inside_a_block():
    assert [b.text for b in segment("\n  a\n    b\n\n\n c \n")] == ["a\n    b", "c"]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("date 2023-02-15", "2023-02-15"),
        ("Tuesday 14 February 2023 19:42", "2023-02-14"),
        ("Nov 19, 2019, 10:31 pm CST", "2019-11-19"),
        ("Feb. 24, 2022", "2022-02-24"),
        ("2023-13-45", None),
        ("on May 5 we met", None),
    ],
)
def test_parse_date(text, date):
    assert parse_date(text) == date


def test_bylines_become_authors():
    doc = cleaner.clean(f"By Jane Doe and John Smith\n\n{LEAD}")
    assert doc.authors == ["Jane Doe", "John Smith"]
    assert doc.text == LEAD


def test_a_sentence_starting_with_by_is_not_a_byline():
    text = f"By Wednesday, the troops had left the town and the mayor had returned.\n\n{LEAD}"
    assert cleaner.clean(text).authors == []


def test_date_lines_become_the_date():
    doc = cleaner.clean(f"Published: 14 February 2023\n\n{LEAD}")
    assert doc.date == "2023-02-14" and doc.text == LEAD


def test_a_dateline_is_read_and_kept():
    lead = "LONDON (AP) — " + LEAD
    doc = cleaner.clean(lead)
    assert (doc.dateline.place, doc.dateline.agency, doc.publisher) == ("LONDON", "AP", "AP")
    assert doc.text == lead


def test_a_credit_line_is_read_and_kept():
    credit = "(Reporting by Ann Lee and Bo Chan; Additional reporting by Cy Park; Editing by Di Roe)"
    doc = cleaner.clean(f"{LEAD}\n\n{credit}")
    assert doc.contributors.reporting == ["Ann Lee", "Bo Chan", "Cy Park"]
    assert doc.contributors.editing == ["Di Roe"] and doc.contributors.writing == []
    assert doc.text.endswith(credit)


def test_a_doubled_caption_and_a_wire_credit_are_dropped():
    text = (
        f"{LEAD}\n\nThe mayor speaks (AP)\nThe mayor speaks (AP)\n\n"
        "Troops in Kyiv, Ukraine. REUTERS/Gleb Garanich\n\n" + LEAD.replace("Monday", "Friday")
    )
    doc = cleaner.clean(text)
    assert [r.rule for r in doc.removed] == ["caption.doubled", "caption.credit-suffix"]


def test_duplicate_paragraphs_keep_the_first_copy():
    doc = cleaner.clean(f"{LEAD}\n\nSecond paragraph of the story, which says more.\n\n{LEAD}")
    assert [(r.index, r.kind) for r in doc.removed] == [(3, "duplicate-paragraph")]


def test_a_teaser_card_is_dropped_but_a_paragraph_ending_in_an_ellipsis_is_not():
    quote = "He paused and said: we will see what the next weeks bring, and then..."
    card = "Storm hits the coast\n\nThe storm that hit the coast on Sunday left thousands without power and..."
    doc = cleaner.clean(f"{LEAD}\n\n{quote}\n\n{card}\n\nRead more")
    assert doc.text == f"{LEAD}\n\n{quote}"
    assert {r.kind for r in doc.removed} == {"related-link"}


def test_widgets_and_prompts_are_dropped_with_their_kinds():
    text = "\n\n".join(
        [
            "We use cookies to improve your experience. By continuing to use this site you agree.",
            LEAD,
            "Sign up for our daily newsletter",
            "Share this article",
            "Leave a Reply",
            "• Oops!\n    Something went wrong.\n    Please try again later.",
        ]
    )
    doc = cleaner.clean(text)
    assert doc.text == LEAD
    assert [r.kind for r in doc.removed] == [
        "cookie-notice",
        "newsletter-prompt",
        "share-widget",
        "comments-section",
        "error-widget",
    ]


def test_live_blog_time_lines_become_entries():
    text = "\n\n".join(
        [
            "Ministers meet in Brussels",
            "15:20 , Jane Doe",
            LEAD,
            "Earlier talks collapsed",
            "Tuesday 14 February 2023 09:05 , AP",
            LEAD.replace("Monday", "Sunday"),
        ]
    )
    doc = cleaner.clean(text)
    assert [(e.time, e.date, e.author, e.headline) for e in doc.entries] == [
        ("15:20", None, "Jane Doe", "Ministers meet in Brussels"),
        ("09:05", "2023-02-14", "AP", "Earlier talks collapsed"),
    ]
    assert doc.authors == ["Jane Doe"]
    assert "15:20" not in doc.text and "Ministers meet in Brussels" in doc.text


def test_the_package_docstring_example_runs():
    import doctest

    assert doctest.testmod(cleaner).failed == 0
