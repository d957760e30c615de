"""Calendar dates as news pages write them, read into `YYYY-MM-DD`."""

from __future__ import annotations

import re

from .shape import MONTHS

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PATTERNS = (
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)"),
    re.compile(rf"{_DAY} {_MONTH},? {_YEAR}"),
    re.compile(rf"{_MONTH} {_DAY},? {_YEAR}"),
)
# A date, optionally with weekday before and a time and zone after: the whole of a date line.
DATE_TEXT = (
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,? )?"
    r"(?:(?:19|20)\d\d-[01]\d-[0-3]\d(?:[T ][0-2]?\d:[0-5]\d(?::[0-5]\d)?(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)?"
    r"|[0-3]?\d(?:st|nd|rd|th)? [A-Za-z]{3,9}\.?,? (?:19|20)\d\d"
    r"|[A-Za-z]{3,9}\.? [0-3]?\d(?:st|nd|rd|th)?,? (?:19|20)\d\d)"
    r"(?:,?\s*(?:at\s*)?[0-2]?\d[:.][0-5]\d\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,5}|\s*[+-]\d\d:?\d\d)?)?"
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
