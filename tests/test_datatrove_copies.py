"""Copies across a datatrove run: CleanerStep → CopySignatures in two tasks, then CopyFilter in one,
on the seeds (000 original, 001 republished, 002 spun, 003 live blog, 004 translation)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from cleaner import copies
from cleaner.adapters.datatrove import CleanerStep
from cleaner.adapters.datatrove_copies import CopyFilter, CopySignatures

SEEDS = sorted((Path(__file__).parent.parent / "fixtures" / "seeds").glob("00*.txt"))
TEXTS = {f"s{n:03d}": path.read_text(encoding="utf-8") for n, path in enumerate(SEEDS)}
AGAIN = f"Skip to content\n\nMenu\n\n{TEXTS['s000']}\n\nShare this article"  # 000 under other chrome


def _write_pages(folder: Path, parts: list[list[tuple[str, str]]]) -> None:
    folder.mkdir(parents=True)
    for n, part in enumerate(parts):
        lines = [json.dumps({"id": key, "text": text}) for key, text in part]
        (folder / f"part-{n}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _read(folder: Path) -> list[dict]:
    return [json.loads(line) for path in sorted(folder.glob("*.jsonl")) for line in path.read_text().splitlines()]


def _writer(folder: Path) -> JsonlWriter:
    return JsonlWriter(str(folder), compression=None)


def _sign(tmp: Path, parts: list[list[tuple[str, str]]], name: str) -> Path:
    """Stage 1, a task per part: clean, sign, write."""
    _write_pages(tmp / f"{name}-in", parts)
    pipeline = [JsonlReader(str(tmp / f"{name}-in")), CleanerStep(processes=0), CopySignatures(), _writer(tmp / name)]
    LocalPipelineExecutor(pipeline, tasks=len(parts), workers=1, logging_dir=str(tmp / f"{name}-logs")).run()
    return tmp / name


def _decide(tmp: Path, signed: Path, name: str, **options) -> tuple[list[dict], list[dict]]:
    """Stage 2, one task: the first copy of each story kept, the others dropped to the exclusion writer."""
    step = CopyFilter(exclusion_writer=_writer(tmp / f"{name}-copies"), **options)
    pipeline = [JsonlReader(str(signed)), step, _writer(tmp / f"{name}-kept")]
    LocalPipelineExecutor(pipeline, tasks=1, logging_dir=str(tmp / f"{name}-logs")).run()
    return _read(tmp / f"{name}-kept"), _read(tmp / f"{name}-copies")


def test_the_first_copy_of_each_story_is_kept_across_tasks(tmp_path):
    first = [("s000", TEXTS["s000"]), ("s002", TEXTS["s002"]), ("s003", TEXTS["s003"])]
    second = [("s001", TEXTS["s001"]), ("s000-again", AGAIN), ("s004", TEXTS["s004"])]
    signed = _sign(tmp_path, [first, second], "signed")
    docs = _read(signed)
    sig = docs[0]["metadata"]["copy_signature"]
    assert docs[0]["id"] == "s000" and copies.Signature(sig["exact"], sig["minhash"], sig["shingles"]).judged
    assert copies.signature(docs[0]["text"]).to_dict() == sig  # cleaner's signature of the clean text
    kept, dropped = _decide(tmp_path, signed, "run")
    assert [d["id"] for d in kept] == ["s000", "s002", "s003", "s004"]
    found = {d["id"]: d["metadata"]["duplicate"] for d in dropped}
    assert found["s001"]["duplicate_of"] == "s000" and found["s001"]["method"] == "near"
    assert found["s000-again"] == {"duplicate_of": "s000", "similarity": 1.0, "containment": 1.0, "method": "exact"}
    assert set(found) == {"s001", "s000-again"}


def test_the_first_seen_is_the_representative_whichever_it_is(tmp_path):
    signed = _sign(tmp_path, [[("s001", TEXTS["s001"]), ("s000", TEXTS["s000"])]], "signed")
    kept, dropped = _decide(tmp_path, signed, "run")
    assert [d["id"] for d in kept] == ["s001"]
    assert [(d["id"], d["metadata"]["duplicate"]["duplicate_of"]) for d in dropped] == [("s000", "s001")]


def test_a_saved_index_carries_what_was_kept_into_the_next_run(tmp_path):
    index = tmp_path / "copies.npz"
    monday = _sign(tmp_path, [[("s000", TEXTS["s000"]), ("s003", TEXTS["s003"])]], "monday")
    tuesday = _sign(tmp_path, [[("s001", TEXTS["s001"]), ("s004", TEXTS["s004"])]], "tuesday")
    assert [d["id"] for d in _decide(tmp_path, monday, "mon", index_path=index)[0]] == ["s000", "s003"]
    kept, dropped = _decide(tmp_path, tuesday, "tue", index_path=index)
    assert [d["id"] for d in kept] == ["s004"]
    assert [d["metadata"]["duplicate"]["duplicate_of"] for d in dropped] == ["s000"]
    assert len(copies.CopyIndex.load(index)) == 3


def test_marking_instead_of_dropping_and_signing_texts_without_a_signature():
    paragraphs = TEXTS["s000"].split("\n\n")
    trimmed = "\n\n".join(paragraphs[:2] + paragraphs[4:-3])  # a near copy: five paragraphs dropped
    docs = [Document(text=TEXTS["s000"], id="a"), Document(text=trimmed, id="b"), Document(text="", id="c")]
    out = list(CopyFilter(drop=False).run(iter(docs)))
    assert [d.id for d in out] == ["a", "b", "c"]
    assert "duplicate" not in out[0].metadata and out[1].metadata["duplicate"]["duplicate_of"] == "a"
    assert "duplicate" not in out[2].metadata  # an empty text is a copy of nothing


def test_more_than_one_task_is_refused():
    with pytest.raises(ValueError, match="1 task"):
        list(CopyFilter().run(iter([Document(text="x", id="a")]), rank=0, world_size=2))
