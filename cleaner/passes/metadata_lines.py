"""Lines whose content is metadata: read them into the document, and take them out of the text."""

from __future__ import annotations

import re

from ..dates import DATE_TEXT, PUBLISHED_LABEL, parse_date
from ..page import Page
from ..shape import WEEKDAYS, ends_sentence, is_agency

_DATE_PREFIX = re.compile(
    rf"^(?:{PUBLISHED_LABEL}\s*:?\s*)?(?P<date>{DATE_TEXT})"
    r"(?:\s*(?:[|•·]\s*)?(?P<rest>.*))?$",
    re.IGNORECASE,
)
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|de|da|van|von|der|den|bin|al|la|le|di|del|dos|du)"
_NAME = rf"[A-Z][\w'’.-]*(?:\s+{_NAME_WORD}){{0,3}}"
_NAMES = rf"{_NAME}(?:\s*(?:,|\band\b|&)\s*{_NAME})*"
# German, French, Spanish, Portuguese and Dutch bylines ("Von Jane Doe", "Par Jean Dupont"): their
# "by" also opens other lines ("Von Berlin aus", "Par excellence"), so a name of two words at least.
_NAME_OF_TWO = rf"[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:\s+{_NAME_WORD}){{1,3}}"
_BYLINE = re.compile(
    rf"^(?:(?:[Bb]y|BY|[Ww]ritten by|[Ww]ords by)\s+(?P<names>{_NAMES})"
    rf"|(?:[Vv]on|VON|[Pp]ar|PAR|[Pp]or|POR|[Dd]oor|DOOR)\s+(?P<names_of_two>{_NAME_OF_TWO}(?:\s*(?:,|&)\s*{_NAME_OF_TWO})*))"
    r"(?:\s*(?:[,|•·–—-]|\bin\b)\s*(?P<rest>.*))?$"
)
_BYLINE_INITIALS = ("B", "b", "W", "w", "V", "v", "P", "p", "D", "d")  # of the words above: no other text is tried
_NAME_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")
_NOT_NAMES = frozenset(WEEKDAYS) | {"the", "a", "an", "this", "that", "far", "now", "then", "contrast"}


class DateLines:
    """A line that states the article's date (" date 2023-02-15 ", "Published: 14 Feb 2023").

    The first such date becomes `Document.date`. A line that is only the date goes; a date that
    opens a longer block (a caption, a credit) is peeled off so the later passes judge the rest.
    """

    name = "date-lines"

    def run(self, page: Page) -> None:
        for block in page.kept():
            found = _DATE_PREFIX.match(block.folded) if block.words <= 80 else None
            if not found:
                continue
            date = parse_date(found["date"])
            if date is None:
                continue
            page.doc.date = page.doc.date or date
            rest = (found["rest"] or "").strip()
            if rest:
                block.body = rest
            else:
                page.drop(block, "metadata-line", "metadata.date-line", "a date line; read into metadata.date")


class Bylines:
    """A byline ("By Pavel Polityuk", "By A and B | Reuters"): the names go to `Document.authors`."""

    name = "bylines"

    def run(self, page: Page) -> None:
        for block in page.kept():
            one_line = "\n" not in block.text  # a block's lines are never blank
            names = _byline_names(block.folded) if block.words <= 20 and one_line else None
            if names is None:
                continue
            for name in names:
                if not is_agency(name) and name not in page.doc.authors:
                    page.doc.authors.append(name)
            page.drop(block, "metadata-line", "metadata.byline", "a byline; read into metadata.authors")


def _byline_names(text: str) -> list[str] | None:
    found = _BYLINE.match(text) if text[:1] in _BYLINE_INITIALS else None
    if not found:
        return None
    rest = (found["rest"] or "").strip()
    if rest and (ends_sentence(rest) and not parse_date(rest)) and len(rest.split()) > 4:
        return None
    names = [n.strip(" .") for n in _NAME_SPLIT.split(found["names"] or found["names_of_two"]) if n.strip(" .")]
    if not names or any(n.split()[0].casefold() in _NOT_NAMES for n in names):
        return None
    return names


_SOURCE_LINE = re.compile(r"^[(\[](?P<source>[^()\[\]]{2,40})[)\]]$")


class SourceLines:
    """A lone "(Reuters)" or "[Central News Agency]": a photo credit after a caption, else a source tag.

    A source tag names the publisher or agency, which goes to `Document.publisher` when none is known.
    """

    name = "source-lines"

    def run(self, page: Page) -> None:
        previous = None
        for block in page.blocks:
            found = _SOURCE_LINE.match(block.folded) if block.kept and block.words <= 5 else None
            if found and previous is not None and previous.removal and previous.removal.kind == "photo-caption":
                page.drop(block, "photo-credit", "credit.after-caption", "credit line of the photo caption above")
            elif found:
                page.doc.publisher = page.doc.publisher or found["source"].strip()
                page.drop(block, "metadata-line", "metadata.source-line", "a lone source tag; read into metadata")
            previous = block
