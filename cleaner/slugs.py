"""The words of a url's slug, and the line of a page that is the headline they name.

Most sites build an article's address from its headline: `.../2019/11/17/elektro-zapfsaeulen/`
for "Elektro-Zapfsäulen.", `.../how-to-scrape-google-with-python-bo7d2tal` for "How to Scrape
Google with Python". Finding that line tells where the article starts, whatever runs of prose
(an author's box, a sidebar's blurb, a comment thread) the page holds elsewhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from urllib.parse import unquote, urlsplit

# Slugs spell umlauts as two letters ("zapfsaeulen") or drop the dots ("zapfsaulen"): a line's
# words are read both ways.
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_HAS_UMLAUT = re.compile("[äöüß]")
_COMBINING_MARKS = re.compile("[\u0300-\u036f]")  # what NFKD splits off "é", "ñ", "ç"
# Two or more letters and digits with a letter among them ("plejaden", "m45", "covid19"): dates,
# page numbers and the "-2" of a second post of one title name no headline.
_WORD = re.compile(r"(?<![^\W_])(?=[^\W_]*[^\W\d_])[^\W_]{2,}")
_PAGE_SUFFIX = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm)$", re.IGNORECASE)
MIN_SLUG_WORDS = 2  # "news", "article", "index": one word names a section, not a headline
MAX_HEADLINE_WORDS = 25
SLUG_SHARE = 0.6  # the headline holds this share of the slug's words...
LINE_SHARE = 0.5  # ...and they are this share of its own: a sentence that mentions them is no headline


def slug_words(url: str | None) -> frozenset[str]:
    """The words of the url's last path segment that has two or more (empty when none has)."""
    if not url or "//" not in url:
        return frozenset()
    try:
        path = unquote(urlsplit(url).path)  # "%D0%BD%D0%BE%D0%B2..." is a slug too
    except ValueError:
        return frozenset()
    for segment in reversed([s for s in path.split("/") if s]):
        words = _words(_PAGE_SUFFIX.sub("", segment).replace("_", " "))
        if len(words) >= MIN_SLUG_WORDS:
            return frozenset(words)
    return frozenset()


def headline_index(lines: Sequence[str], slug: frozenset[str]) -> int | None:
    """The index of the line that best matches the slug as a headline, or None.

    A page names its headline more than once (the `<title>` with the site's name, a breadcrumb,
    the heading itself): the line whose words are closest to the slug's, the heading, wins."""
    if len(slug) < MIN_SLUG_WORDS:
        return None
    best, best_at = 0.0, None
    for at, line in enumerate(lines):
        if line.isalpha() or line.count(" ") >= MAX_HEADLINE_WORDS:  # one word, or a paragraph
            continue
        words = line_words(line)
        shared = len(slug & words)
        if shared < MIN_SLUG_WORDS or shared < SLUG_SHARE * len(slug) or shared < LINE_SHARE * len(_words(line)):
            continue
        closeness = shared / len(slug | words)
        if closeness > best:
            best, best_at = closeness, at
    return best_at


def line_words(line: str) -> frozenset[str]:
    """The line's words as a slug would spell them, umlauts both as two letters and as one."""
    words = frozenset(_words(line))
    return words | frozenset(_words(line, umlauts_as_two=False)) if _HAS_UMLAUT.search(line.casefold()) else words


def _words(text: str, umlauts_as_two: bool = True) -> list[str]:
    """Case folded, accents dropped ("é" as "e"); most lines are ASCII and need neither."""
    text = text.casefold()
    if not text.isascii():
        if umlauts_as_two:
            text = text.translate(_UMLAUTS)
        text = _COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", text))
    return _WORD.findall(text)
