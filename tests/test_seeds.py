"""The five seeds against their gold labels: keep blocks stay in order, drop blocks go, metadata matches."""

from __future__ import annotations

from dataclasses import asdict

import cleaner
from cleaner.segment import segment


def test_segmentation_matches_the_gold_blocks(seed):
    text, gold = seed
    assert [b.text for b in segment(text)] == [b["text"] for b in gold["blocks"]]


def test_every_keep_block_survives_in_order(seed):
    text, gold = seed
    out = [b.text for b in segment(cleaner.clean(text).text)]
    keep = [b["text"] for b in gold["blocks"] if b["label"] == "keep"]
    position = 0
    for block in keep:
        assert block in out[position:], f"kept block missing or out of order: {block[:80]!r}"
        position = out.index(block, position) + 1


def test_every_drop_block_is_removed(seed):
    text, gold = seed
    doc = cleaner.clean(text)
    removed = {r.index for r in doc.removed}
    leaked = [b["text"][:80] for b in gold["blocks"] if b["label"] == "drop" and b["n"] not in removed]
    assert leaked == []


def test_title_date_authors_match_the_gold(seed):
    text, gold = seed
    doc, meta = cleaner.clean(text), gold["metadata"]
    assert (doc.title, doc.date, doc.authors) == (meta["title"], meta["date"], meta["authors"])
    assert doc.language == meta["language"]


def test_dateline_and_contributors_match_the_gold(seed):
    text, gold = seed
    doc, meta = cleaner.clean(text), gold["metadata"]
    assert (asdict(doc.dateline) if doc.dateline else None) == meta["dateline"]
    assert (asdict(doc.contributors) if doc.contributors else None) == meta["contributors"]


def test_live_blog_entries_match_the_gold(seed):
    text, gold = seed
    entries = [asdict(e) for e in cleaner.clean(text).entries]
    assert entries == (gold["metadata"]["live_blog_entries"] or [])
