"""cleaner inside Scrapy: `CleanerPipeline`, an item pipeline that cleans the page an item carries.

The spider puts the response's body (bytes), headers and url in the item (`page_item(response)`
does); the pipeline cleans them as `clean_response` would (the server's charset, HTML when its
Content-Type says so, the url after redirects), writes the clean text and cleaner's metadata into
the item, and takes the page's bytes out. A page that fails is logged and counted in the crawl's
stats, then dropped (DropItem) or kept with an error field, as configured: never fatal to the crawl.
Every item kind itemadapter knows is taken (dicts, `scrapy.Item`, dataclasses, attrs, pydantic).
Needs Scrapy (`pip install "cleaner[scrapy]"`).

Settings (all optional):

| setting | default | meaning |
|---|---|---|
| CLEANER_BODY_FIELD | "body" | the page's body (bytes, or text); an item without it passes untouched |
| CLEANER_HEADERS_FIELD | "headers" | its HTTP headers (a mapping or pairs; Scrapy's Headers too) |
| CLEANER_URL_FIELD | "url" | its url: site rules, and the metadata's url |
| CLEANER_TEXT_FIELD | "text" | where the clean text goes |
| CLEANER_METADATA_FIELD | "metadata" | where cleaner's metadata goes (None: nowhere) |
| CLEANER_MARKDOWN_FIELD | None | where the article as Markdown goes (`Document.markdown`) |
| CLEANER_REMOVED_FIELD | None | where the removed blocks go, with kind, rule and reason |
| CLEANER_ERROR_FIELD | "cleaner_error" | a failed page's `{"error": class, "message": ...}` |
| CLEANER_DROP_FAILED | True | drop a page that fails (DropItem); False: keep it with the error field |
| CLEANER_KEEP_PAGE | False | keep the body and headers in the item after cleaning |
| CLEANER_RULES | [] | user rule files (paths), loaded when the crawl starts |
| CLEANER_INPUT_TYPE | "auto" | "auto", "html" or "text", as `clean`'s `input_type` |
| CLEANER_WHOLE_PAGE | None | as `clean`'s `whole_page` |
| CLEANER_LIMITS | {} | `cleaner.Limits` fields; the time limit is 30 s per page unless set |

Stats: `cleaner/ok` (pages cleaned), `cleaner/empty` (of those, pages with no article text
left), `cleaner/error/<ErrorClass>`, `cleaner/skipped` (items with no page).
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from ..arguments import checked_input_type, checked_whole_page
from ..document import Document
from ..errors import CleanerError
from ..limits import STREAM_TIME_LIMIT, Limits
from ..ruleset import RuleFile, load_rules
from .http import clean_page

__all__ = ["CleanerPipeline", "ItemFieldError", "PipelineSettings", "page_item"]

logger = logging.getLogger(__name__)


class ItemFieldError(CleanerError):
    """The item has no field of the name cleaner was set to fill (an Item or dataclass without it)."""


def page_item(response: Any, **fields: Any) -> dict[str, Any]:
    """The item CleanerPipeline cleans, under the default field names, from a Scrapy response:
    its url (after redirects), body (bytes) and headers; `fields` are added as they are."""
    return {"url": response.url, "body": response.body, "headers": response.headers.to_unicode_dict(), **fields}


@dataclass(frozen=True, slots=True)
class PipelineSettings:
    """The pipeline's CLEANER_* settings, read and checked once, when the crawl starts."""

    body_field: str = "body"
    headers_field: str = "headers"
    url_field: str = "url"
    text_field: str = "text"
    metadata_field: str | None = "metadata"
    markdown_field: str | None = None
    removed_field: str | None = None
    error_field: str = "cleaner_error"
    drop_failed: bool = True
    keep_page: bool = False
    rules: tuple[RuleFile, ...] = ()
    input_type: str = "auto"
    whole_page: bool | None = None
    limits: Limits = field(default_factory=lambda: Limits(time_limit=STREAM_TIME_LIMIT))

    @classmethod
    def from_settings(cls, settings: Any) -> PipelineSettings:
        """From Scrapy's settings (or any mapping). A bad rule file or limit fails here, at the start."""
        get = settings.get
        names = {
            name: _optional(get(f"CLEANER_{name.upper()}", default))
            for name, default in (
                ("body_field", "body"),
                ("headers_field", "headers"),
                ("url_field", "url"),
                ("text_field", "text"),
                ("metadata_field", "metadata"),
                ("markdown_field", None),
                ("removed_field", None),
                ("error_field", "cleaner_error"),
            )
        }
        if not names["text_field"] or not names["body_field"] or not names["error_field"]:
            raise CleanerError("CLEANER_BODY_FIELD, CLEANER_TEXT_FIELD and CLEANER_ERROR_FIELD must name fields")
        return cls(
            **names,
            drop_failed=_flag(get("CLEANER_DROP_FAILED", True)),
            keep_page=_flag(get("CLEANER_KEEP_PAGE", False)),
            rules=tuple(load_rules(path) for path in _paths(get("CLEANER_RULES", ()))),
            input_type=checked_input_type(get("CLEANER_INPUT_TYPE", "auto")),
            whole_page=checked_whole_page(
                None if get("CLEANER_WHOLE_PAGE") is None else _flag(get("CLEANER_WHOLE_PAGE"))
            ),
            limits=_limits(get("CLEANER_LIMITS") or {}),
        )

    def clean_options(self) -> dict[str, Any]:
        return {
            "rules": list(self.rules) or None,
            "input_type": self.input_type,
            "whole_page": self.whole_page,
            "limits": self.limits,
        }


class CleanerPipeline:
    """Cleans the page in each item (see the module's settings); one that fails never stops the crawl."""

    def __init__(self, settings: PipelineSettings | None = None, stats: Any = None) -> None:
        self.settings = settings or PipelineSettings()
        self.stats = stats
        self._options = self.settings.clean_options()
        self._warned_no_page = False

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanerPipeline:
        return cls(PipelineSettings.from_settings(crawler.settings), crawler.stats)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """The item with its clean text and metadata; a page that fails is dropped or marked."""
        adapter = ItemAdapter(item)
        conf = self.settings
        body = adapter.get(conf.body_field)
        if body is None:
            return self._skipped(item)
        url = adapter.get(conf.url_field)
        try:
            doc = clean_page(body, headers=adapter.get(conf.headers_field), url=url, **self._options)
        except Exception as exc:  # a page's failure, whatever it is, is that page's alone
            return self._failed(adapter, url, exc)
        self._fill(adapter, doc)
        self._count("cleaner/ok")
        if not doc.text:
            self._count("cleaner/empty")
        return item

    def _fill(self, adapter: ItemAdapter, doc: Document) -> None:
        conf = self.settings
        found = doc.to_dict()
        removed = found.pop("removed")
        _put(adapter, conf.text_field, found.pop("text"), "CLEANER_TEXT_FIELD")
        if conf.metadata_field:  # added to the item's own metadata, as a --jsonl stream adds them
            own = adapter.get(conf.metadata_field)
            metadata = {**own, **found} if isinstance(own, Mapping) else found
            _put(adapter, conf.metadata_field, metadata, "CLEANER_METADATA_FIELD")
        if conf.markdown_field:
            _put(adapter, conf.markdown_field, doc.markdown, "CLEANER_MARKDOWN_FIELD")
        if conf.removed_field:
            _put(adapter, conf.removed_field, removed, "CLEANER_REMOVED_FIELD")
        self._drop_page(adapter)

    def _failed(self, adapter: ItemAdapter, url: object, exc: Exception) -> Any:
        """Counted and logged; then dropped, or kept with the error field (and, unless kept, no page)."""
        kind = type(exc).__name__
        self._count(f"cleaner/error/{kind}")
        error = {"error": kind, "message": str(exc) or repr(exc)}
        self._drop_page(adapter)  # also from a dropped item: Scrapy's log line shows the item
        if self.settings.drop_failed:
            with contextlib.suppress(ItemFieldError):  # only for the log line: an item without the field goes as it is
                _put(adapter, self.settings.error_field, error, "CLEANER_ERROR_FIELD")
            raise DropItem(f"cleaner could not clean {url}: {kind}: {error['message']}")
        logger.warning("cleaner could not clean %s: %s: %s", url, kind, error["message"])
        _put(adapter, self.settings.error_field, error, "CLEANER_ERROR_FIELD")
        return adapter.item

    def _skipped(self, item: Any) -> Any:
        self._count("cleaner/skipped")
        if not self._warned_no_page:
            self._warned_no_page = True
            logger.warning(
                "cleaner: an item with no %r field passed uncleaned (counted in cleaner/skipped); "
                "is CLEANER_BODY_FIELD the field the spider puts the response's body in?",
                self.settings.body_field,
            )
        return item

    def _drop_page(self, adapter: ItemAdapter) -> None:
        """The page's bytes and headers leave the item (no feed exporter writes bytes), unless kept."""
        if self.settings.keep_page:
            return
        for name in (self.settings.body_field, self.settings.headers_field):
            if isinstance(adapter.item, MutableMapping):  # dict, scrapy.Item: the field goes
                adapter.pop(name, None)
            elif name in adapter.field_names():  # a dataclass's, attrs', pydantic's field stays, empty
                adapter[name] = None

    def _count(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)


def _put(adapter: ItemAdapter, name: str, value: Any, setting: str) -> None:
    try:
        adapter[name] = value
    except KeyError:
        raise ItemFieldError(
            f"the item ({type(adapter.item).__name__}) has no field {name!r} for cleaner to fill: "
            f"declare one, or name another with {setting}"
        ) from None


def _optional(value: Any) -> str | None:
    """A field name; None or "" (as `-s CLEANER_METADATA_FIELD=` gives) for none."""
    return str(value) if value not in (None, "") else None


def _flag(value: Any) -> bool:
    """A boolean setting, also as the strings `-s NAME=...` gives ("1", "true", "False"...)."""
    if isinstance(value, str):
        if value.strip().lower() not in ("1", "0", "true", "false", "yes", "no"):
            raise CleanerError(f"a cleaner flag must be true or false, not {value!r}")
        return value.strip().lower() in ("1", "true", "yes")
    return bool(value)


def _paths(value: Any) -> list[str]:
    """CLEANER_RULES: a list of paths, or one path or comma-separated paths as a string."""
    if isinstance(value, str):
        return [p.strip() for p in value.split(",") if p.strip()]
    return [str(p) for p in value]


def _limits(value: Any) -> Limits:
    """CLEANER_LIMITS: a dict of `Limits` fields (or its JSON, from the command line)."""
    if isinstance(value, str):
        value = json.loads(value)
    if not isinstance(value, Mapping):
        raise CleanerError(f"CLEANER_LIMITS must be a dict of cleaner.Limits fields, not {type(value).__name__}")
    try:
        return Limits(**{"time_limit": STREAM_TIME_LIMIT, **value})
    except TypeError as exc:
        raise CleanerError(f"CLEANER_LIMITS: {exc}") from None
