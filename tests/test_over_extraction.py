"""A quick pass that takes a whole column, sidebar included, is looked at again.

trafilatura's quick pass sometimes returns a short story together with the teaser list beside it
(seen on a multilingual-set page: 1,996 characters for a page whose paragraphs hold 383). Its
full comparison finds the story alone; its text is taken when what it leaves out is chrome, and
not when it leaves out paragraphs of the article. trafilatura is stood in for here, so that the
decision is what is tested, whatever trafilatura's version does on a given page.
"""

from __future__ import annotations

import pytest

import cleaner.extract as extract
from cleaner.content_tree import MarkupFacts

STORY = [
    "Mit dem kleinen SUV will der Hersteller im boomenden Segment der kleinen Geländewagen mitmischen. "
    "Nur wenige Wochen nach dem Marktstart hat er sich bereits mehr als fünftausend Mal verkauft.",
    "Den Vortrieb übernimmt immer ein Hybridantrieb, für den Allradantrieb entscheidet sich jeder vierte "
    "Käufer. Die Hälfte der Kunden wählt eine der höheren Ausstattungslinien.",
]
TEASERS = [f"Neuer Kombi Nummer {n} vorgestellt\n{n}. November 2021" for n in range(1, 30)]
MORE_STORY = [
    "Der Hersteller will die Palette im kommenden Jahr weiter ausbauen, sagte der Geschäftsführer am "
    "Freitag in Köln, und dafür auch ein zweites Werk in Osteuropa nutzen, das im Frühjahr öffnet.",
    "Die Preise für das kleine SUV beginnen bei gut zwanzigtausend Euro, der Allradantrieb kostet "
    "zweitausend Euro mehr, und die Lieferzeiten liegen derzeit bei etwa vier Monaten, hieß es.",
]
PAGE = "<html><body><p>Ein Absatz.</p><p>Noch einer, kurz.</p></body></html>"


class Passes:
    """What the stand-in trafilatura returns for each pass, and which passes were asked for."""

    def __init__(self) -> None:
        self.quick = self.full = ""
        self.asked: list[bool] = []  # fast=True for the quick pass


@pytest.fixture
def passes(monkeypatch) -> Passes:
    """Stand in for trafilatura: `passes.quick` and `passes.full` are what each pass returns."""
    given = Passes()

    def fake(tree, fast):
        given.asked.append(fast)
        return (given.quick if fast else given.full), MarkupFacts()

    monkeypatch.setattr(extract, "_trafilatura", fake)
    return given


def _main_text(paragraph_chars: int) -> str:
    return extract._main_content(extract.parse(PAGE), paragraph_chars)[0]


def test_a_column_with_its_teaser_list_gives_way_to_the_story(passes):
    passes.quick = "\n\n".join(STORY + TEASERS)
    passes.full = "\n\n".join(STORY)
    assert _main_text(paragraph_chars=300) == passes.full


def test_the_full_comparison_is_not_taken_when_it_leaves_out_paragraphs_of_the_article(passes):
    passes.quick = "\n\n".join(STORY + MORE_STORY + TEASERS[:3])
    passes.full = "\n\n".join(STORY)
    assert _main_text(paragraph_chars=200) == passes.quick


def test_an_extraction_the_size_of_the_pages_paragraphs_is_not_looked_at_again(passes):
    passes.quick = "\n\n".join(STORY + TEASERS)
    passes.full = "never asked"
    assert _main_text(paragraph_chars=len(passes.quick)) == passes.quick
    assert passes.asked == [True]


@pytest.mark.parametrize("full", ["", "Zu kurz.", "\n\n".join(STORY + TEASERS + ["Mehr."])])
def test_an_empty_or_longer_full_comparison_leaves_the_quick_pass(passes, full):
    passes.quick = "\n\n".join(STORY + TEASERS)
    passes.full = full
    assert _main_text(paragraph_chars=300) == passes.quick
