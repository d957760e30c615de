"""Dates as pages write them in the languages the rules cover, read into YYYY-MM-DD."""

from __future__ import annotations

import pytest

import cleaner
from cleaner.dates import labelled_date, parse_date

PROSE = "Die Regierung hat am Montag nach langer Debatte den Haushalt beschlossen, teilten Beamte mit."


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("14 Feb 2023", "2023-02-14"),
        ("Feb. 14, 2023", "2023-02-14"),
        ("2023-02-14", "2023-02-14"),
        ("14.02.2023", "2023-02-14"),
        ("14.2.2023", "2023-02-14"),
        ("14. Februar 2023", "2023-02-14"),
        ("3. März 2022", "2022-03-03"),
        ("14 février 2023", "2023-02-14"),
        ("3 de mayo de 2022", "2022-05-03"),
        ("14 febbraio 2023", "2023-02-14"),
        ("14 februari 2023", "2023-02-14"),
    ],
)
def test_dates_in_european_languages_are_read(text, date):
    assert parse_date(text) == date


@pytest.mark.parametrize("text", ["31.13.2023", "Version 1.2.20231", "14 people 2023", "page 14 of 2023"])
def test_what_is_no_date_stays_none(text):
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Datum 25.01.2022", "2022-01-25"),
        ("Veröffentlicht am 3. März 2022", "2022-03-03"),
        ("Publié le 14 février 2023", "2023-02-14"),
    ],
)
def test_a_labelled_date_line_becomes_the_date(line, date):
    doc = cleaner.clean(f"Titel\n\n{line}\n\n{PROSE}", whole_page=False)
    assert doc.date == date and line not in doc.text


def test_a_labelled_date_in_the_visible_text_dates_a_page_whose_markup_does_not():
    page = (
        "<html><head><title>Haushalt beschlossen</title></head><body><h1>Haushalt beschlossen</h1>"
        f"<div class='meta'><span>Datum:</span> <span>03.11.2021</span></div><article><p>{PROSE}</p>"
        f"<p>{PROSE}</p><p>{PROSE}</p></article></body></html>"
    )
    assert cleaner.clean(page).date == "2021-11-03"


def test_a_date_without_a_label_in_running_text_is_not_the_pages():
    assert labelled_date("Das Gesetz gilt seit dem 17. August 2021 für alle Betriebe.") is None
    assert labelled_date("Mise en ligne 23 mai 2019") == "2019-05-23"
