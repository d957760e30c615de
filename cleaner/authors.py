"""Authors as pages name them, vetted: a byline or an author field becomes the people it names.

Meta tags, JSON-LD and bylines in the markup (`bylines.py`) name authors in many shapes: "By A
and B", "A; B", "Analysis by A", a byline with the date run into it, and, where no one is named,
placeholders ("admin", "Unknown"), companies and phrases. `author_names` keeps the people, and
`as_written` spells each as the page does where trafilatura's reading changed the spelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .dates import PUBLISHED_LABEL
from .shape import MONTHS, WEEKDAYS

# What sites put where a person's name belongs: no one wrote the page under these.
_PLACEHOLDERS = frozenset(
    {
        "admin", "administrator", "administrador", "amministratore", "super user", "superuser", "site admin",
        "unknown", "unbekannt", "inconnu", "desconocido", "anonymous", "anonym", "anonyme", "anónimo", "anonimo",
        "guest", "gast", "user", "utilisateur", "usuario", "webmaster", "name", "publisher", "author", "autor",
        "auteur", "autore", "unbenannt", "untitled", "default", "null", "none", "no author", "posted", "posted by",
    }
)  # fmt: skip
# The last word of a company's or a body's name, in the languages of the web's bylines.
_ORGANISATION_ENDS = frozenset(
    {
        "gmbh", "ag", "kg", "e.v.", "ev", "mbh", "ltd", "ltd.", "llc", "inc", "inc.", "corp", "corp.", "plc", "sa",
        "s.a.", "sas", "sarl", "srl", "s.r.l.", "spa", "s.p.a.", "bv", "nv", "oy", "ab", "as", "verlag", "media",
        "gruppe", "group",
    }
)  # fmt: skip
# The last word of a domain name written as a name ("Tennisnet Com", "Www Haufe De").
_DOMAIN_ENDS = frozenset(
    {"com", "net", "org", "de", "at", "ch", "fr", "es", "it", "pl", "nl", "cl", "eu", "info", "io", "uk", "ru", "br",
     "pe", "mx", "tv"}
)  # fmt: skip
# Words that stand in lower case inside a person's name.
_NAME_PARTICLES = frozenset(
    {"von", "van", "der", "den", "de", "da", "das", "do", "dos", "del", "della", "di", "du", "la", "le", "les", "zu",
     "y", "e", "bin", "ibn", "al", "el", "ter"}
)  # fmt: skip


# A last word, in lower case, that makes a name a comment's signature ("Jane says:") or a date's
# label that trafilatura cut at the date's first digit ("Publiziert am", "Publié le"). Surnames
# such as "Said" or "Le" are capitalised.
_SIGNATURE_ENDS = frozenset({"says", "said", "sagt", "schreibt", "écrit", "dice", "dijo", "diz", "pisze", "zegt"})
_LABEL_ENDS = frozenset({"am", "um", "on", "at", "le", "el", "il", "op"})
_NOT_NAME_ENDS = _SIGNATURE_ENDS | _LABEL_ENDS


def author_names(byline: str) -> list[str]:
    """The people a byline or an author field names, each vetted by `plausible_author`.

    "Analysis by Chris Cillizza" names Chris Cillizza; "Malcolm Owen Monday, November 4" names
    Malcolm Owen (a date run into a byline); "A; B", "A, B", "A and B" name two."""
    names = []
    for part in _NAME_SEPARATORS.split(byline):
        name = _BY_LEAD_IN.sub("", part.strip())
        words = name.split()
        while words and words[-1].casefold().strip(".,") in _DATE_WORDS:
            words.pop()
        if len(words) > 2 and words[-1] in _LABEL_ENDS:  # "Jean Dupont le" of "... le 3 mai"; not "Publié le"
            words.pop()
        name = " ".join(words)
        if name and plausible_author(name) and name not in names:
            names.append(name)
    return names


_NAME_SEPARATORS = re.compile(r";|,|\band\b|\bund\b|\bet\b|\by\b|&")
# A byline's "by", and what stands before an English, French, Spanish or Polish one ("Analysis by",
# "All posts by"); "von", "van", "door" start a byline only as its first word, as inside a name
# ("Alexa von Heyden") they are part of it.
_BY_LEAD_IN = re.compile(r"^(?:(?:.*\s)?(?:by|par|por|przez)|von|door|av)\s+(?=\S)", re.IGNORECASE)
_DATE_LABEL = re.compile(PUBLISHED_LABEL, re.IGNORECASE)
_DATE_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | {"today", "yesterday", "heute", "gestern"}


def plausible_author(name: str) -> bool:
    """True for what can be a person's name or handle: not a placeholder ("admin", "Unknown"),
    not a company ("Example Media GmbH"), not a phrase ("Martin is a full-stack engineer"), not a
    comment's signature ("Jane says") or a date's label ("Publiziert am")."""
    words = name.casefold().split()
    if len(name) < 2 or not words or " ".join(words) in _PLACEHOLDERS or words[-1] in _ORGANISATION_ENDS:
        return False
    if "admin" in words[0] or any(word.isdigit() for word in words):  # "wpadmin", "On August 3"
        return False
    if len(words) > 1 and (words[0] == "www" or words[-1] in _DOMAIN_ENDS):  # a domain: "Kath Net" of kath.net
        return False
    if len(words) > 1 and name.split()[-1].rstrip(":") in _NOT_NAME_ENDS:
        return False
    if _DATE_LABEL.fullmatch(name.strip(" :")):  # "Published", "Veröffentlicht am": a date's label
        return False
    if any(word.rpartition(".")[2] in _DOMAIN_ENDS for word in words if "." in word.strip(".")):  # "kath.net"
        return False
    lowercase = [w for w in name.split()[1:] if w[:1].islower() and w.casefold() not in _NAME_PARTICLES]
    return not (len(words) >= 3 and lowercase)


def as_written(name: str, sources: Iterable[str]) -> str:
    """The name as the first of `sources` (raw bylines, meta values, JSON-LD) that holds it spells
    it, unless one of them holds it as it is.

    trafilatura's reading of an author field turns dots, underscores and plus signs into spaces,
    cuts a name at its first digit and capitalises one in lower case: "T. V. Raman" comes out as
    "T V Raman", "Herr_Rein" as "Herr Rein", "happyface313" as "Happyface". The name is found
    again with those marks, digits and cases allowed back, and nothing else: a name the page does
    not hold in such a spelling stays as it is.
    """
    sources = list(sources)
    if not name.strip() or any(name in source for source in sources):
        return name  # the page writes it so too (in a second field, say, beside a handle)
    pattern = _spelling(name)
    for source in sources:
        for found in pattern.finditer(source):
            if _same_letters(found.group(), name):
                return found.group()
    return name


def _spelling(name: str) -> re.Pattern[str]:
    """The name's words with any of trafilatura's marks between them and digits after, remembered:
    a site's author recurs on each of its pages."""
    pattern = _SPELLINGS.get(name)
    if pattern is None:
        between = r"[._+\s]+"  # what trafilatura turned into one space
        words = map(re.escape, name.split())
        pattern = re.compile(rf"(?<![\w.]){between.join(words)}(?:\d[\w.-]*)?(?![\w])", re.IGNORECASE)
        if len(_SPELLINGS) >= _SPELLINGS_KEPT:
            _SPELLINGS.clear()
        _SPELLINGS[name] = pattern
    return pattern


def _same_letters(written: str, name: str) -> bool:
    """Whether `name` is trafilatura's reading of `written`: the same letters up to a digit, in the
    same case unless `written` starts in lower case (which trafilatura capitalises)."""
    head = _FIRST_DIGIT_ON.sub("", written)
    if not written[:1].isupper():
        head, name = head.casefold(), name.casefold()
    return [c for c in head if c.isalpha()] == [c for c in name if c.isalpha()]


_FIRST_DIGIT_ON = re.compile(r"\d.*")
_SPELLINGS: dict[str, re.Pattern[str]] = {}
_SPELLINGS_KEPT = 10_000
