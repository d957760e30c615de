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

_SENTENCE_MARKS = ".!?…。！？"
_SENTENCE_CLOSERS = "\"'”’)]」』）"  # quotes and brackets that may close a sentence after its mark
_ELLIPSIS_CLOSERS = "\"'”’)]"
_OPEN_ENDS = (":", ";", ",", "–", "—", "-")

# These read the end of a text with string methods, not a regex: a search for a pattern ending
# in `$` tries every position of the text, and they run on every block, paragraphs included.
# Like `$`, they look past one final line break.


def ends_sentence(text: str) -> bool:
    """True when the text ends as a sentence does (. ! ? … possibly inside quotes or brackets)."""
    end = _without_final_newline(text).rstrip(_SENTENCE_CLOSERS)
    return end != "" and end[-1] in _SENTENCE_MARKS


def ends_with_ellipsis(text: str) -> bool:
    return _without_final_newline(text).rstrip(_ELLIPSIS_CLOSERS).endswith(("...", "…"))


def ends_open(text: str) -> bool:
    """True when the text ends on a colon, a comma or a dash: more was to follow."""
    return _without_final_newline(text).endswith(_OPEN_ENDS)


def _without_final_newline(text: str) -> str:
    return text[:-1] if text.endswith("\n") else text


def headline_like(block: Block, max_words: int = 25, allow_period: bool = False) -> bool:
    """One short line that reads as a headline: no sentence end (unless allowed), no open end."""
    if "\n" in block.text or not 2 <= block.words <= max_words:  # one line: a block has no blank lines
        return False
    text = block.folded
    if ends_open(text) or ends_with_ellipsis(text):
        return False
    return allow_period or not ends_sentence(text)


def prose_like(block: Block, min_words: int = 15) -> bool:
    """A paragraph of running text: enough words, ending as a sentence does."""
    return block.words >= min_words and ends_sentence(block.folded)


def is_agency(name: str) -> bool:
    return name.strip().casefold() in AGENCIES


_CASED_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def lowercase_share(text: str) -> float:
    """The share of cased words that start in lower case; 1.0 for text in scripts without case."""
    words = [w for w in _CASED_WORD.findall(text) if w[0].lower() != w[0].upper()]
    return sum(w[0].islower() for w in words) / len(words) if words else 1.0


def mostly_lowercase(text: str) -> bool:
    """True when most cased words start in lower case, as running prose does; lists of names,
    products and amounts ("1 Green, 1 Red, 1 tsp.") do not. Text in uncased scripts counts as prose."""
    return lowercase_share(text) >= 0.5
