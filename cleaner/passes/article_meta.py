"""Metadata that article paragraphs carry and keep: the dateline and the wire credit line."""

from __future__ import annotations

import re

from ..document import Contributors, Dateline
from ..page import Page
from ..shape import prose_like

_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]*(?:[ ,]+[A-Z][A-Za-z.'’-]*){0,3})\s*\((?P<agency>[A-Z][\w .&-]{0,30})\)\s*[-–—]"
)
_BRACKETED = re.compile(r"^\[(?P<agency>[^\]\[]{2,40})\]\s*\S")
_CREDIT_LINE = re.compile(r"^\((?P<body>(?:additional )?(?:reporting|writing|editing|compiled) by [^()]+)\)\.?$", re.I)
_ROLE = re.compile(r"^(?P<role>additional reporting|reporting|writing|editing|compiled) by (?P<names>.+)$", re.I)
_ROLES = {
    "additional reporting": "reporting",
    "reporting": "reporting",
    "writing": "writing",
    "compiled": "writing",
    "editing": "editing",
}
_SPLIT_NAMES = re.compile(r"\s*(?:,|\band\b|&)\s*")


def opens_with_dateline(text: str) -> bool:
    """True when a folded text opens with "PLACE (Agency) -" or "[Agency]": a lead paragraph."""
    return bool(_DATELINE.match(text) or _BRACKETED.match(text))


class DatelineReader:
    """ "KYIV (Reuters) -" or "[Central News Agency]" opening the lead: place and agency, text kept."""

    name = "dateline"

    def run(self, page: Page) -> None:
        lead = next((b for b in page.kept() if prose_like(b, min_words=12)), None)
        if lead is None:
            return
        found = _DATELINE.match(lead.folded)
        if found:
            page.doc.dateline = Dateline(found["place"].strip(" ,"), found["agency"].strip())
        elif found := _BRACKETED.match(lead.folded):
            page.doc.dateline = Dateline(None, found["agency"].strip())
        if page.doc.dateline and page.doc.dateline.agency:
            page.doc.publisher = page.doc.publisher or page.doc.dateline.agency


class CreditLineReader:
    """ "(Reporting by A, B and C; Writing by D; Editing by E)": names by role, each once; text kept."""

    name = "credit-line"

    def run(self, page: Page) -> None:
        for block in page.kept():
            found = _CREDIT_LINE.match(block.folded)
            if found:
                page.doc.contributors = _contributors(found["body"])
                return


def _contributors(body: str) -> Contributors:
    result = Contributors()
    for part in body.split(";"):
        found = _ROLE.match(part.strip())
        if not found:
            continue
        names = getattr(result, _ROLES[found["role"].lower()])
        for name in _SPLIT_NAMES.split(found["names"].strip(" .")):
            if name and name not in names:
                names.append(name)
    return result
