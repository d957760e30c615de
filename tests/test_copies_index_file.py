"""`--copies-index FILE`: a crawl run in several streams judges copies against the earlier runs' texts."""

from __future__ import annotations

import json

from cleaner.cli import main
from cleaner.copies import CopyIndex

from .conftest import FIXTURES

SEEDS = [path.read_text(encoding="utf-8") for path in sorted((FIXTURES / "seeds").glob("00*.txt"))]


def _stream(tmp_path, name: str, records: list[dict]) -> str:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_a_second_run_finds_copies_of_the_first_run_s_texts(tmp_path, capsys):
    index = tmp_path / "copies.npz"
    first = _stream(tmp_path, "first.jsonl", [{"id": "a", "text": SEEDS[0]}, {"id": "c", "text": SEEDS[2]}])
    assert main(["--jsonl", first, "--copies-index", str(index)]) == 0
    assert [json.loads(line)["duplicate"] for line in capsys.readouterr().out.splitlines()] == [None, None]
    assert len(CopyIndex.load(index)) == 2

    second = _stream(tmp_path, "second.jsonl", [{"id": "b", "text": SEEDS[1]}, {"id": "d", "text": SEEDS[3]}])
    assert main(["--jsonl", second, "--copies-index", str(index), "--drop-duplicates"]) == 0
    written = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [record["id"] for record in written] == ["d"]  # b, a copy of the first run's a, dropped
    assert len(CopyIndex.load(index)) == 3  # d joined; b, a copy, did not
    assert not (tmp_path / "copies.npz.partial").exists()


def test_a_damaged_index_stops_the_stream_before_it_starts(tmp_path, capsys):
    index = tmp_path / "copies.npz"
    index.write_bytes(b"not an index")
    stream = _stream(tmp_path, "in.jsonl", [{"id": "a", "text": SEEDS[0]}])
    assert main(["--jsonl", stream, "--copies-index", str(index)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "cannot read the copy index" in captured.err
    assert index.read_bytes() == b"not an index"  # left as it was
