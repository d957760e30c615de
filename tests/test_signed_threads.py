"""A whole page's comment thread, signed comment by comment, is not taken for its article.

Page-chrome keeps a scraped page's best-scoring run of prose; under a short post, a thread of
reader comments scores more. The `signed-threads` pass takes the thread out first.
"""

from __future__ import annotations

import pytest

import cleaner

MENU = ["Start", "Rezepte", "Kuchen", "Muffins", "Torten", "Brot", "Getränke", "Über uns", "Kontakt", "Suche"]
POST = [  # 60 words of prose: a short post, as recipes and photo blogs have
    "Für Experimentierfreudige ist dieses Grundrezept ideal, denn es lässt sich mit Schokolade, Nüssen "
    "oder Obst nach Belieben abwandeln.",
    "Zuerst das Mehl in eine Schüssel sieben und die übrigen Zutaten nach und nach dazugeben. Den Teig "
    "danach drei Minuten lang kräftig rühren.",
    "Die Muffins im vorgeheizten Ofen bei 180 Grad etwa zwanzig Minuten backen und danach in aller Ruhe "
    "auf einem Gitter abkühlen lassen.",
]
FOOTER = ["Impressum", "Datenschutz", "Kontakt", "© 2016 Muffinfreunde"]


def _comment(n: int) -> str:
    return (
        f"Ich habe das Rezept gestern zum {n + 2}. Mal ausprobiert und die Muffins sind wieder wunderbar "
        "locker geworden, auch wenn ich etwas weniger Butter genommen habe. Beim nächsten Mal gebe ich noch "
        "ein paar Himbeeren dazu, die Kinder haben sich schon welche gewünscht."
    )


def _thread(signed: str, heading: list[str]) -> list[str]:
    comments = [line for n in range(8) for line in (signed.format(name=f"Leserin{n}"), _comment(n), "Antworten")]
    return heading + comments


def _page(thread: list[str]) -> str:
    return "\n\n".join([*MENU, "Muffin Grundrezept", *POST, *thread, *FOOTER])


# WordPress's "%s says:" in its translations, and the English forms.
SIGNATURES = [
    "{name} sagt:",
    "{name} schreibt:",
    "{name} dit :",
    "{name} dice:",
    "{name} ha detto:",
    "{name} schreef:",
    "{name} pisze:",
    "{name} disse:",
    "{name} говорит:",
    "{name} says:",
    "{name} on March 3, 2014 at 10:48 am said:",
]


@pytest.mark.parametrize("signed", SIGNATURES)
def test_a_signed_thread_under_a_short_post_is_not_the_article(signed):
    doc = cleaner.clean(_page(_thread(signed, [])))
    assert doc.text == "\n\n".join(POST)


def test_the_thread_goes_from_its_heading_with_its_rule_and_reason():
    doc = cleaner.clean(_page(_thread("{name} sagt:", ["12 Kommentare"])))
    assert doc.text == "\n\n".join(POST)
    signature = next(removed for removed in doc.removed if removed.text == "Leserin0 sagt:")
    assert signature.rule == "comments.signed-thread"
    assert "'12 Kommentare'" in signature.reason


def test_a_thread_with_no_prose_above_it_is_left_to_comment_threads():
    """A forum's posts, signed one by one with only menus above them, are the page's content:
    this pass does not cut them after the first (comment-threads judges them, after page-chrome)."""
    page = "\n\n".join([*MENU, "Forum: Muffins backen", *_thread("{name} schreibt:", []), *FOOTER])
    doc = cleaner.clean(page)
    assert _comment(0) in doc.text and _comment(1) in doc.text
    assert not any(removed.rule == "comments.signed-thread" for removed in doc.removed)


def test_a_byline_above_the_post_is_no_signature_of_the_thread():
    """ "by Anna on March 1, 2014" signs the post: the thread's signatures start below it."""
    page = _page(_thread("{name} sagt:", []))
    page = page.replace("Muffin Grundrezept", "Muffin Grundrezept\n\nby Anna on March 1, 2014")
    assert cleaner.clean(page).text == "\n\n".join(POST)


def test_an_article_quoting_three_speakers_keeps_its_quotes():
    """Three "X sagt:" lines that introduce quotes in a long article are no thread, as the quotes
    are the article's and the article's prose comes after them too."""
    quotes = [
        "Die Bürgermeisterin sagt:",
        "„Wir haben lange auf diesen Tag gewartet, und die Stadt wird davon noch viele Jahre profitieren.“",
        "Der Architekt sagt:",
        "„Das Gebäude verbraucht nur die Hälfte der Energie eines gewöhnlichen Neubaus dieser Größe.“",
        "Eine Anwohnerin sagt:",
        "„Endlich bekommen die Kinder hier einen Ort, an dem sie nachmittags lesen und lernen können.“",
    ]
    after = "Die Bibliothek öffnet im Frühjahr, zunächst an vier Tagen in der Woche, mit einem Lesecafé."
    text = "\n\n".join([*POST, *quotes, after])
    assert cleaner.clean(text, whole_page=False).text == text
