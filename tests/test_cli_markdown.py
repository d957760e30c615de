"""Markdown and structured blocks on the command line: one document, and in streams beside the plain text."""

from __future__ import annotations

import json

import pytest

import cleaner
from cleaner.cli import main

from .test_markdown import IMAGE_PAGE, PAGE

URL = "https://news.example/bridge/report"


@pytest.fixture()
def page_file(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_format_markdown_prints_the_markdown(page_file, capsys):
    assert main(["--format", "markdown", "--url", URL, str(page_file)]) == 0
    assert capsys.readouterr().out == cleaner.clean(PAGE, url=URL).markdown


def test_links_and_images_only_when_asked(tmp_path, capsys):
    path = tmp_path / "images.html"
    path.write_text(IMAGE_PAGE, encoding="utf-8")
    assert main(["--format", "markdown", "--url", URL, str(path)]) == 0
    plain = capsys.readouterr().out
    assert main(["--format", "markdown", "--links", "--images", "--url", URL, str(path)]) == 0
    rich = capsys.readouterr().out
    assert "![" not in plain and "![The \\[north\\] pier](https://news.example/img/pier.jpg)" in rich


def test_json_with_blocks(page_file, capsys):
    assert main(["--format", "json", "--blocks", str(page_file)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert [block["type"] for block in printed["blocks"]][:3] == ["paragraph", "heading", "list"]
    assert "markdown" not in printed
    assert main(["--format", "json", str(page_file)]) == 0
    assert "blocks" not in json.loads(capsys.readouterr().out)


def _stream(tmp_path, capsys, *flags: str) -> list[dict]:
    records = tmp_path / "in.jsonl"
    lines = [{"id": "page", "url": URL, "html": PAGE}, {"id": "text", "text": "Title here\n\nA line of scraped text."}]
    records.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    assert main(["--jsonl", str(records), *flags]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_stream_adds_markdown_beside_the_unchanged_text(tmp_path, capsys, jobs):
    plain = _stream(tmp_path, capsys, "--jobs", jobs)
    marked = _stream(tmp_path, capsys, "--jobs", jobs, "--format", "markdown", "--blocks")
    for before, after in zip(plain, marked, strict=True):
        assert after["text"] == before["text"] and after["metadata"] == before["metadata"]
        assert "markdown" not in before and "blocks" not in before
    assert marked[0]["markdown"] == cleaner.clean(PAGE, url=URL).markdown
    assert [b["text"] for b in marked[0]["blocks"]] == marked[0]["text"].split("\n\n")
    assert list(marked[0])[-3:] == ["markdown", "metadata", "blocks"]
