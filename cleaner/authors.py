"""Authors as pages name them, vetted: a byline or an author field becomes the people it names.

Meta tags, JSON-LD and bylines in the markup (`bylines.py`) name authors in many shapes: "By A
and B", "A; B", "Analysis by A", a byline with the date run into it, and, where no one is named,
placeholders ("admin", "Unknown"), companies and phrases. `author_names` keeps the people.
"""

from __future__ import annotations

import re

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
        name = " ".join(words)
        if name and plausible_author(name) and name not in names:
            names.append(name)
    return names


_NAME_SEPARATORS = re.compile(r";|,|\band\b|\bund\b|\bet\b|\by\b|&")
# A byline's "by", and what stands before an English, French, Spanish or Polish one ("Analysis by",
# "All posts by"); "von", "van", "door" start a byline only as its first word, as inside a name
# ("Alexa von Heyden") they are part of it.
_BY_LEAD_IN = re.compile(r"^(?:(?:.*\s)?(?:by|par|por|przez)|von|door|av)\s+(?=\S)", re.IGNORECASE)
_DATE_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | {"today", "yesterday", "heute", "gestern"}


def plausible_author(name: str) -> bool:
    """True for what can be a person's name or handle: not a placeholder ("admin", "Unknown"),
    not a company ("Example Media GmbH"), not a phrase ("Martin is a full-stack engineer")."""
    words = name.casefold().split()
    if len(name) < 2 or not words or " ".join(words) in _PLACEHOLDERS or words[-1] in _ORGANISATION_ENDS:
        return False
    if "admin" in words[0] or any(word.isdigit() for word in words):  # "wpadmin", "On August 3"
        return False
    if len(words) > 1 and (words[0] == "www" or words[-1] in _DOMAIN_ENDS):  # a domain: "Kath Net" of kath.net
        return False
    lowercase = [w for w in name.split()[1:] if w[:1].islower() and w.casefold() not in _NAME_PARTICLES]
    return not (len(words) >= 3 and lowercase)
