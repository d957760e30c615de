"""Calendar dates as news pages write them, read into `YYYY-MM-DD`.

English ("14 Feb 2023", "Feb. 14, 2023"), ISO, and the European ways: a day first, the month
as a number after a dot ("14.02.2023", "14.2.2023") or as a name in the page's language
("14. Februar 2023", "14 février 2023", "14 de febrero de 2023").
"""

from __future__ import annotations

import re

from .shape import MONTHS as ENGLISH_MONTHS

# Month names and their usual short forms in the languages the rule files cover (lower case).
_MONTH_NAMES = (
    ("januar", "jänner", "janvier", "enero", "gennaio", "janeiro", "januari", "janv", "ene", "gen"),
    ("februar", "feber", "février", "fevrier", "febrero", "febbraio", "fevereiro", "februari", "févr", "fev"),
    ("märz", "maerz", "mars", "marzo", "março", "maart", "mär", "mrz"),
    ("avril", "abril", "aprile", "avr", "abr"),
    ("mai", "mayo", "maggio", "maio", "mei", "may"),
    ("juni", "juin", "junio", "giugno", "junho", "giu"),
    ("juli", "juillet", "julio", "luglio", "julho", "juil", "lug"),
    ("august", "août", "aout", "agosto", "augustus", "ago"),
    ("september", "septembre", "septiembre", "settembre", "setembro", "set"),
    ("oktober", "octobre", "octubre", "ottobre", "outubro", "okt", "ott", "out"),
    ("november", "novembre", "noviembre", "novembro"),
    ("dezember", "décembre", "decembre", "diciembre", "dicembre", "dezembro", "december", "dez", "déc", "dic"),
)
MONTHS = {**{name: n for n, names in enumerate(_MONTH_NAMES, start=1) for name in names}, **ENGLISH_MONTHS}

_MONTH = r"(?P<month>[^\W\d_]{3,10})\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|\.)?"
_PATTERNS = (
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)"),
    re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)\.\s?(?P<mnum>[01]?\d)\.\s?(?P<year>(?:19|20)\d\d)(?!\d)"),
    re.compile(rf"{_DAY} (?:de )?{_MONTH},? (?:de )?{_YEAR}"),
    re.compile(rf"{_MONTH} {_DAY},? {_YEAR}"),
)
_ENGLISH_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?"
# A date, optionally with weekday before and a time and zone after: the whole of a date line.
DATE_TEXT = (
    rf"(?:{_ENGLISH_WEEKDAY}\.?,? )?"
    r"(?:(?:19|20)\d\d-[01]\d-[0-3]\d(?:[T ][0-2]?\d:[0-5]\d(?::[0-5]\d)?(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)?"
    r"|[0-3]?\d\.\s?[01]?\d\.\s?(?:19|20)\d\d"
    r"|[0-3]?\d(?:st|nd|rd|th|\.)? (?:de )?[^\W\d_]{3,10}\.?,? (?:de )?(?:19|20)\d\d"
    r"|[A-Za-z]{3,9}\.? [0-3]?\d(?:st|nd|rd|th)?,? (?:19|20)\d\d)"
    r"(?:,?\s*(?:at\s*|um\s*|à\s*|a las\s*)?[0-2]?\d[:.][0-5]\d\s*(?:[ap]\.?m\.?|uhr|h)?"
    r"(?:\s*[A-Z]{2,5}|\s*[+-]\d\d:?\d\d)?)?"
)


# Weekdays, in full and as news pages shorten them, in the languages the rule files cover (lower case).
_WEEKDAY = (
    rf"{_ENGLISH_WEEKDAY}"
    r"|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mo|di|mi|do|fr|sa|so"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lun|mar|mer|jeu|ven|sam|dim"
    r"|lunes|martes|miércoles|jueves|viernes|sábado|domingo"
    r"|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica"
)
# A date run into a line after something else ("Von Tomas Spahn Fr, 18. Oktober 2019", "Jane said
# on August 3, 2019"), its preposition and weekday with it, and all after it.
DATE_RUN_IN = re.compile(
    rf"[\s,|·•–-]+(?:(?:on|at|am|um|vom|den|le|du|el|del|il|op)\s+)?(?:(?:{_WEEKDAY})\.?,?\s+)?{DATE_TEXT}.*$",
    re.IGNORECASE | re.DOTALL,
)


def parse_date(text: str) -> str | None:
    """The first calendar date in `text` as `YYYY-MM-DD`, or None when there is none valid."""
    for pattern in _PATTERNS:
        for found in pattern.finditer(text):
            date = _as_iso(found)
            if date:
                return date
    return None


def _as_iso(found: re.Match[str]) -> str | None:
    parts = found.groupdict()
    month = int(parts["mnum"]) if parts.get("mnum") else MONTHS.get(parts["month"].lower())
    year, day = int(parts["year"]), int(parts["day"])
    if not month or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


# The words that label a page's own date, in the languages the rule files cover.
PUBLISHED_LABEL = (
    r"(?:date|published(?: on)?|posted(?: on)?|updated|last updated|first published|datum|stand"
    r"|veröffentlicht(?: am)?|publiziert(?: am)?|aktualisiert(?: am)?|erstellt(?: am)?|pressemitteilung vom"
    r"|publié(?: le)?|mis à jour(?: le)?|mise en ligne(?: le)?|publicado(?: el)?|actualizado(?: el)?|pubblicato(?: il)?"
    r"|gepubliceerd(?: op)?)"
)
_LABELLED_DATE = re.compile(rf"(?<!\w){PUBLISHED_LABEL}\s*:?\s*(?P<date>{DATE_TEXT})", re.IGNORECASE)


def labelled_date(text: str) -> str | None:
    """The first date a label says is the page's ("Published: 14 Feb 2023", "Datum: 03.11.2021")."""
    for found in _LABELLED_DATE.finditer(text):
        date = parse_date(found["date"])
        if date:
            return date
    return None
