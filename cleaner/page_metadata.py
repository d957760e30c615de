"""What the HTML says about the page: title, authors, date, site, description, language, tags.

trafilatura's readers of meta tags, OpenGraph and JSON-LD, htmldate's quick search for the date;
then the byline in the markup where the head names no author (`bylines.py`), every author vetted
(`authors.py`), and the title without the site's name (`titles.py`).
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field

from lxml import etree, html

from .authors import as_written, author_names
from .bylines import markup_byline
from .dates import labelled_date
from .titles import without_site_name
from .visible import SPACES, visible_text


@dataclass(slots=True)
class PageMetadata:
    """What the HTML says about the page (trafilatura's reading of meta tags, JSON-LD and markup)."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    site_name: str | None = None
    description: str | None = None
    language: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    url: str | None = None


def read_metadata(tree: html.HtmlElement, url: str | None = None) -> PageMetadata:
    """The page's metadata from its meta tags, OpenGraph and JSON-LD (trafilatura's readers) and
    its date from htmldate's quick search: trafilatura's full metadata pass costs as much again
    as the extraction itself, mostly in heuristics for pages without such tags."""
    from htmldate import find_date
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title

    meta = examine_meta(tree)
    # JSON-LD of shapes its reader never met (a number for a type or a name): the meta tags stand.
    with suppress(AttributeError, TypeError, ValueError, KeyError):
        meta = extract_meta_json(tree, meta)
    # The markup's byline where the head names no one, or only what is no author ("Admin").
    authors = author_names(_as_written(_text(meta.author), tree) or "") or author_names(markup_byline(tree) or "")
    site_name, page_url = _text(meta.sitename), _text(meta.url)
    title = _text(meta.title) or _text(extract_title(tree)) or ""
    return PageMetadata(
        title=without_site_name(title, site_name, url or page_url) or None,
        authors=authors,
        date=find_date(tree, url=url, extensive_search=False, original_date=True) or _labelled_date(tree),
        site_name=site_name,
        description=_text(meta.description),
        language=(tree.get("lang") or "").split("-")[0].lower() or None,
        categories=_texts(meta.categories),
        tags=_texts(meta.tags),
        image=_text(meta.image),
        url=page_url,
    )


def _as_written(names: str | None, tree: html.HtmlElement) -> str | None:
    """The head's authors spelled as its meta tags and JSON-LD spell them (`as_written`)."""
    if not names:
        return names
    sources = _AUTHOR_SOURCES(tree)
    return "; ".join(as_written(name, sources) for name in names.split("; "))


# Where the head's author values stand as the page wrote them.
_AUTHOR_SOURCES = etree.XPath('//meta/@content|//script[@type="application/ld+json"]/text()', smart_strings=False)


def _labelled_date(tree: html.HtmlElement) -> str | None:
    """A date the visible text labels as the page's ("Datum: 03.11.2021", "Mise en ligne 23 mai 2019"),
    for pages whose markup states none: htmldate's quick search reads the markup only."""
    body = tree.find("body")
    return labelled_date(SPACES.sub(" ", visible_text(body if body is not None else tree)))


def _text(value: object) -> str | None:
    """A metadata value as text, or None: JSON-LD may hold a number or a list where a name belongs."""
    return value if isinstance(value, str) and value.strip() else None


def _texts(values: object) -> list[str]:
    return [value for value in values if _text(value)] if isinstance(values, list | tuple) else []
