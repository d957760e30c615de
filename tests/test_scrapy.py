"""cleaner inside Scrapy: a real crawl of pages served on 127.0.0.1 here, with one bad page that is
counted and dropped, not fatal; and the pipeline's settings and item kinds, one item at a time.

The crawl runs in a subprocess (this file, run as a script), so that each run has its own reactor.
"""

from __future__ import annotations

import dataclasses
import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import scrapy
from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

import cleaner
from cleaner.adapters.scrapy import CleanerPipeline, ItemFieldError, page_item

PIPELINE = "cleaner.adapters.scrapy.CleanerPipeline"
STORIES = {
    f"/story/{n}": [
        f"Story {n}: the city council approved the new budget on Monday after a debate late into the night.",
        f"Story {n}: officials said the plan puts more money into schools and road repairs than in a decade.",
    ]
    for n in range(1, 5)
}
RUSSIAN = [
    "Городской совет утвердил новый бюджет в понедельник после споров, которые длились до поздней ночи.",
    "Чиновники сообщили, что план направляет на школы и ремонт дорог больше денег, чем за десять лет.",
]
SIZE_LIMIT = 20_000  # CLEANER_LIMITS' max_input_bytes in the crawl: /huge is over it, every other page under


def _text(title: str, paragraphs: list[str]) -> str:
    """The clean text of `_article(title, paragraphs)`: its heading and paragraphs, no menu or footer."""
    return "\n\n".join([title, *paragraphs])


def _article(title: str, paragraphs: list[str], filler: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>{filler}<footer>© 2024 Example News</footer></body></html>"
    )


def _routes() -> dict[str, tuple[str, bytes]]:
    """path -> (Content-Type, body): the index links every page, /koi8's charset is only in its header."""
    pages = {
        path: ("text/html; charset=utf-8", _article(f"Story {path[-1]}", text).encode())
        for path, text in STORIES.items()
    }
    pages["/koi8"] = ("text/html; charset=koi8-r", _article("Бюджет", RUSSIAN).encode("koi8-r"))
    huge = "<div>" + "<p>Advertisement</p>" * 2000 + "</div>"
    pages["/huge"] = ("text/html", _article("Too big", STORIES["/story/1"], huge).encode())
    links = "".join(f"<a href='{path}'>{path}</a>" for path in pages)
    pages["/"] = ("text/html", f"<html><body>{links}</body></html>".encode())
    return pages


class _Handler(http.server.BaseHTTPRequestHandler):
    routes = _routes()

    def do_GET(self) -> None:
        content_type, body = self.routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# The crawl, run as `python tests/test_scrapy.py BASE_URL OUT_DIR`.


@dataclasses.dataclass
class PageItem:
    """A dataclass item: its fields are declared, so the pipeline's output fields must be among them."""

    url: str | None = None
    body: bytes | None = None
    headers: dict | None = None
    text: str | None = None
    metadata: dict | None = None
    cleaner_error: dict | None = None


class SiteSpider(scrapy.Spider):
    """Follows the index's links; pages under /story/ as dict items, the others as PageItem."""

    name = "site"

    def __init__(self, base: str, stats_path: str, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.base, self.stats_path = base, stats_path
        self.start_urls = [base + "/"]

    def parse(self, response):
        if response.url.rstrip("/") == self.base:
            yield from response.follow_all(css="a")
        elif "/story/" in response.url:
            yield page_item(response, kind="dict")
        else:
            yield PageItem(url=response.url, body=response.body, headers=response.headers.to_unicode_dict())

    def closed(self, reason: str) -> None:
        stats = dict(self.crawler.stats.get_stats(), finish_reason=reason)
        Path(self.stats_path).write_text(json.dumps(stats, default=str))


def _crawl(base: str, out: Path) -> None:
    from scrapy.crawler import CrawlerProcess

    process = CrawlerProcess(
        {
            "ITEM_PIPELINES": {PIPELINE: 300},
            "CLEANER_LIMITS": {"max_input_bytes": SIZE_LIMIT},
            "FEEDS": {str(out / "items.jsonl"): {"format": "jsonlines"}},
            "ROBOTSTXT_OBEY": False,
            "TELNETCONSOLE_ENABLED": False,
            "LOG_LEVEL": "INFO",
        }
    )
    process.crawl(SiteSpider, base=base, stats_path=str(out / "stats.json"))
    process.start()


def test_a_crawl_cleans_every_good_page_and_counts_the_bad_one(site, tmp_path):
    source_root = str(Path(cleaner.__file__).resolve().parent.parent)  # the cleaner these tests import
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [source_root, os.environ.get("PYTHONPATH")]))}
    run = subprocess.run(
        [sys.executable, __file__, site, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    stats = json.loads((tmp_path / "stats.json").read_text())
    items = [json.loads(line) for line in (tmp_path / "items.jsonl").read_text().splitlines()]
    by_url = {item["url"].removeprefix(site): item for item in items}
    assert stats["finish_reason"] == "finished"
    assert sorted(by_url) == sorted([*STORIES, "/koi8"])  # /huge dropped, the index no item
    for path, paragraphs in STORIES.items():
        assert by_url[path]["text"] == _text(f"Story {path[-1]}", paragraphs)
        assert by_url[path]["metadata"]["title"] == f"Story {path[-1]}"
        assert by_url[path]["kind"] == "dict"
    koi8 = by_url["/koi8"]
    assert koi8["text"] == _text("Бюджет", RUSSIAN)
    assert (koi8["metadata"]["encoding"]["name"], koi8["metadata"]["encoding"]["source"]) == ("koi8-r", "http-header")
    assert koi8["body"] is None and koi8["cleaner_error"] is None  # a dataclass keeps its field, emptied
    assert not any("body" in by_url[path] or "headers" in by_url[path] for path in STORIES)
    assert stats["cleaner/ok"] == len(STORIES) + 1
    assert stats["cleaner/error/InputTooLarge"] == 1
    assert stats["item_dropped_count"] == 1
    assert "cleaner could not clean" in run.stderr and "/huge: InputTooLarge" in run.stderr


# The pipeline, one item at a time.

STORY = STORIES["/story/1"]
STORY_PAGE = _article("Story 1", STORY).encode()
KOI8_PAGE = _article("Бюджет", RUSSIAN).encode("koi8-r")


def _pipeline(**settings: object) -> tuple[CleanerPipeline, dict]:
    crawler = get_crawler(settings_dict=settings)
    return CleanerPipeline.from_crawler(crawler), crawler.stats.get_stats()


def _page(body: bytes = STORY_PAGE, content_type: str = "text/html; charset=utf-8", **fields: object) -> dict:
    return {"url": "https://news.example.com/budget", "body": body, "headers": {"Content-Type": content_type}, **fields}


class ArticleItem(scrapy.Item):
    url = scrapy.Field()
    body = scrapy.Field()
    headers = scrapy.Field()
    text = scrapy.Field()
    metadata = scrapy.Field()
    cleaner_error = scrapy.Field()


def test_a_dict_item_gets_the_clean_text_and_metadata_and_loses_the_page():
    pipeline, stats = _pipeline()
    item = pipeline.process_item(_page(KOI8_PAGE, "text/html; charset=koi8-r", id=7), None)
    assert item["text"] == _text("Бюджет", RUSSIAN)
    assert item["metadata"]["title"] == "Бюджет" and item["metadata"]["url"] == "https://news.example.com/budget"
    assert item["metadata"]["encoding"]["source"] == "http-header"
    assert "removed" not in item["metadata"] and "text" not in item["metadata"]
    assert set(item) == {"url", "id", "text", "metadata"}
    assert stats == {"cleaner/ok": 1}


def test_a_scrapy_item_and_its_fields():
    pipeline, stats = _pipeline()
    item = pipeline.process_item(ArticleItem(_page()))
    assert isinstance(item, ArticleItem) and item["text"] == _text("Story 1", STORY)
    assert "body" not in item and "headers" not in item
    assert stats == {"cleaner/ok": 1}


def test_an_item_without_the_field_for_the_text_is_a_clear_error():
    class Bare(scrapy.Item):
        url = scrapy.Field()
        body = scrapy.Field()

    pipeline, _ = _pipeline()
    with pytest.raises(ItemFieldError, match=r"no field 'text'.*CLEANER_TEXT_FIELD"):
        pipeline.process_item(Bare(url="https://news.example.com/a", body=STORY_PAGE))


def test_field_names_come_from_the_settings_and_the_page_can_be_kept():
    pipeline, _ = _pipeline(
        CLEANER_BODY_FIELD="html",
        CLEANER_URL_FIELD="link",
        CLEANER_TEXT_FIELD="article",
        CLEANER_METADATA_FIELD="",
        CLEANER_REMOVED_FIELD="removed",
        CLEANER_KEEP_PAGE="true",
    )
    page = "Skip to content\n\n" + "\n\n".join(STORY)
    item = pipeline.process_item({"link": "https://news.example.com/a", "html": page})
    assert item["article"] == "\n\n".join(STORY)
    assert [(r["text"], r["kind"]) for r in item["removed"]] == [("Skip to content", "navigation")]
    assert "metadata" not in item and item["html"] == page


def test_the_article_as_markdown_on_request():
    pipeline, _ = _pipeline(CLEANER_MARKDOWN_FIELD="markdown")
    item = pipeline.process_item(_page())
    assert item["markdown"] == "# Story 1\n\n" + "\n\n".join(STORY) + "\n"
    assert "markdown" not in _pipeline()[0].process_item(_page())


def test_the_item_s_own_metadata_is_kept_beside_cleaner_s():
    pipeline, _ = _pipeline()
    item = pipeline.process_item(_page(metadata={"crawl": "2024-05", "title": "the crawler's"}))
    assert item["metadata"]["crawl"] == "2024-05" and item["metadata"]["title"] == "Story 1"


def test_a_failed_page_is_dropped_counted_and_stripped_of_its_bytes():
    pipeline, stats = _pipeline(CLEANER_LIMITS={"max_input_bytes": 100})
    item = _page()
    with pytest.raises(DropItem, match=r"could not clean https://news.example.com/budget: InputTooLarge"):
        pipeline.process_item(item)
    assert "body" not in item and item["cleaner_error"]["error"] == "InputTooLarge"
    assert stats == {"cleaner/error/InputTooLarge": 1}


def test_a_failed_item_without_an_error_field_is_dropped_all_the_same():
    class Bare(scrapy.Item):
        url = scrapy.Field()
        body = scrapy.Field()
        text = scrapy.Field()

    pipeline, stats = _pipeline(CLEANER_LIMITS={"max_input_bytes": 100})
    with pytest.raises(DropItem, match="InputTooLarge"):
        pipeline.process_item(Bare(url="https://news.example.com/a", body=STORY_PAGE))
    assert stats == {"cleaner/error/InputTooLarge": 1}


def test_a_failed_page_can_be_kept_with_its_error(caplog):
    pipeline, stats = _pipeline(CLEANER_LIMITS='{"max_input_bytes": 100}', CLEANER_DROP_FAILED="False")
    item = pipeline.process_item(ArticleItem(_page()))
    assert item["cleaner_error"]["error"] == "InputTooLarge" and "100" in item["cleaner_error"]["message"]
    assert "text" not in item and "body" not in item
    assert stats == {"cleaner/error/InputTooLarge": 1}
    assert "could not clean https://news.example.com/budget: InputTooLarge" in caplog.text


def test_any_exception_while_cleaning_is_the_page_s_own(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("cleaner.adapters.scrapy.clean_page", broken)
    pipeline, stats = _pipeline(CLEANER_DROP_FAILED=False)
    item = pipeline.process_item(_page())
    assert item["cleaner_error"] == {"error": "RuntimeError", "message": "a bug"}
    assert stats == {"cleaner/error/RuntimeError": 1}


def test_a_page_with_no_article_left_is_counted_as_empty():
    pipeline, stats = _pipeline()
    item = pipeline.process_item(_page(b"", "text/plain"))
    assert item["text"] == ""
    assert stats == {"cleaner/ok": 1, "cleaner/empty": 1}


@pytest.mark.parametrize(
    "item", [{"url": "https://a.example/", "title": "no page"}, PageItem(url="https://a.example/")]
)
def test_an_item_with_no_page_passes_untouched(item, caplog):
    pipeline, stats = _pipeline()
    before = dataclasses.replace(item) if dataclasses.is_dataclass(item) else dict(item)
    assert pipeline.process_item(item) == before
    assert stats == {"cleaner/skipped": 1}
    assert "CLEANER_BODY_FIELD" in caplog.text


def test_a_dataclass_item_keeps_its_fields():
    pipeline, _ = _pipeline()
    item = pipeline.process_item(PageItem(url="https://news.example.com/a", body=STORY_PAGE, headers={}))
    assert item.text == _text("Story 1", STORY) and item.body is None and item.headers is None


@pytest.mark.parametrize(
    ("settings", "error", "message"),
    [
        ({"CLEANER_LIMITS": {"max_bytes": 10}}, cleaner.CleanerError, r"CLEANER_LIMITS.*max_bytes"),
        ({"CLEANER_LIMITS": {"max_input_bytes": -1}}, cleaner.InputError, "max_input_bytes"),
        ({"CLEANER_RULES": ["/no/such/rules.toml"]}, cleaner.RuleFileError, "rules.toml"),
        ({"CLEANER_INPUT_TYPE": "xml"}, cleaner.InputError, "input_type"),
        ({"CLEANER_DROP_FAILED": "maybe"}, cleaner.CleanerError, "true or false"),
        ({"CLEANER_TEXT_FIELD": ""}, cleaner.CleanerError, "must name fields"),
    ],
)
def test_bad_settings_fail_when_the_crawl_starts(settings, error, message):
    with pytest.raises(error, match=message):
        _pipeline(**settings)


def test_page_item_and_clean_response_take_a_scrapy_response():
    response = HtmlResponse(
        "https://news.example.com/budget", body=KOI8_PAGE, headers={"Content-Type": "text/html; charset=koi8-r"}
    )
    item = page_item(response, section="city")
    assert item["body"] == KOI8_PAGE and item["section"] == "city"
    pipeline, _ = _pipeline()
    assert pipeline.process_item(item)["text"] == _text("Бюджет", RUSSIAN)
    doc = cleaner.clean_response(response)
    assert doc.text == _text("Бюджет", RUSSIAN) and doc.url == "https://news.example.com/budget"
    assert doc.encoding.source == "http-header"


if __name__ == "__main__":
    _crawl(sys.argv[1], Path(sys.argv[2]))
