"""What a block looks like, in a few words: the vocabulary the heuristic passes share."""

from __future__ import annotations

import re

from .document import Block

# News agencies and picture desks: they credit photos and wire copy, and are not people.
AGENCIES = frozenset(
    s.casefold()
    for s in (
        "AP",
        "AFP",
        "Reuters",
        "PA",
        "PA Wire",
        "PA Media",
        "EPA",
        "EPA-EFE",
        "EFE",
        "DPA",
        "ANSA",
        "Bloomberg",
        "Xinhua",
        "TASS",
        "UPI",
        "Getty",
        "Getty Images",
        "Associated Press",
        "Press Association",
        "Agence France-Presse",
        "Kyodo",
        "Yonhap",
        "CNA",
        "Central News Agency",
        "Anadolu",
        "Shutterstock",
        "Alamy",
        "Handout",
        "Sputnik",
        "Ukrinform",
        "IANS",
        "PTI",
        "ANI",
    )
)
MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for m in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_SENTENCE_END = re.compile(r"""[.!?…。！？]["'”’)\]」』）]*$""")
_OPEN_END = re.compile(r"[:;,–—-]$")
_ELLIPSIS_END = re.compile(r"""(\.\.\.|…)["'”’)\]]*$""")


def ends_sentence(text: str) -> bool:
    """True when the text ends as a sentence does (. ! ? … possibly inside quotes or brackets)."""
    return bool(_SENTENCE_END.search(text))


def ends_with_ellipsis(text: str) -> bool:
    return bool(_ELLIPSIS_END.search(text))


def headline_like(block: Block, max_words: int = 25, allow_period: bool = False) -> bool:
    """One short line that reads as a headline: no sentence end (unless allowed), no open end."""
    if len(block.lines) != 1 or not 2 <= block.words <= max_words:
        return False
    text = block.folded
    if _OPEN_END.search(text) or ends_with_ellipsis(text):
        return False
    return allow_period or not ends_sentence(text)


def prose_like(block: Block, min_words: int = 15) -> bool:
    """A paragraph of running text: enough words, ending as a sentence does."""
    return block.words >= min_words and ends_sentence(block.folded)


def is_agency(name: str) -> bool:
    return name.strip().casefold() in AGENCIES


_CASED_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def mostly_lowercase(text: str) -> bool:
    """True when most cased words start in lower case, as running prose does; lists of names,
    products and amounts ("1 Green, 1 Red, 1 tsp.") do not. Text in uncased scripts counts as prose."""
    words = [w for w in _CASED_WORD.findall(text) if w[0].lower() != w[0].upper()]
    return not words or sum(w[0].islower() for w in words) * 2 >= len(words)
