"""cleaner inside Spark: one output row per input row, in order, a bad page a row of its own.

Spark runs for real (local[2], one session for the module). Faults are injected into Spark's
python workers, separate processes, by a partition function of this module (shipped by value):
it swaps `cleaner.records.clean` there, so the cleaning processes forked from it inherit the fault.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from functools import partial
from pathlib import Path

import pytest

import cleaner.records as records
import cleaner.workers as workers
from cleaner import copies
from cleaner.adapters.spark import OUTPUT_FIELDS, SIGNATURE_FIELDS, clean_dataframe, clean_partition, local_session
from cleaner.adapters.spark_copies import CLUSTER_FIELDS, cluster_copies
from cleaner.limits import Limits
from cleaner.stream import StreamSettings

ARTICLE = "The minister said on Monday that the talks would resume in the spring, officials said."
PAGE = f"<html><head><title>Talks</title></head><body><article><p>{ARTICLE}</p></article></body></html>"
FAULTY = StreamSettings(limits=Limits(time_limit=0.5))


def _rows_without_spark():
    return [
        {"id": "a", "url": "https://example.com/a", "html": PAGE},
        {"id": "b", "html": None},
        {"id": 3, "html": PAGE.encode()},
        {"id": "d", "html": 5},
        {"id": "e"},
        {"id": "f", "html": bytearray(b"Skip to content\n\n" + ARTICLE.encode())},
    ]


@pytest.mark.parametrize("processes", [0, 1])
def test_each_row_gives_one_row_in_order(processes):
    out = list(clean_partition(_rows_without_spark(), processes=processes, settings=FAULTY))
    assert [(r["id"], r["status"]) for r in out] == [
        ("a", "ok"),
        ("b", "MissingField"),
        (3, "ok"),
        ("d", "FieldNotText"),
        ("e", "MissingField"),
        ("f", "ok"),
    ]
    assert all(tuple(r) == OUTPUT_FIELDS for r in out)
    ok, missing = out[0], out[1]
    assert (ok["url"], ok["text"], ok["title"], ok["authors"], ok["language"]) == (
        "https://example.com/a",
        ARTICLE,
        "Talks",
        [],
        "en",
    )
    assert json.loads(ok["metadata_json"])["title"] == "Talks" and ok["error"] is None
    assert missing["error"] == "the row has a null 'html' field" and missing["text"] is None
    assert out[5]["text"] == ARTICLE  # a plain-text page, read as text


def test_pyspark_rows_and_other_field_names():
    from pyspark.sql import Row

    rows = [Row(key="x", link="https://example.com/x", body=PAGE), Row(key="y", link=None, body="")]
    out = list(clean_partition(rows, source_field="body", id_field="key", url_field="link", processes=0))
    assert [(r["id"], r["url"], r["status"]) for r in out] == [("x", "https://example.com/x", "ok"), ("y", None, "ok")]
    assert [r["text"] for r in out] == [ARTICLE, ""]  # an empty page is no error: it has no text


def test_a_negative_process_count_is_refused():
    with pytest.raises(ValueError, match="processes"):
        next(clean_partition([{"html": PAGE}], processes=-1))


@pytest.fixture(scope="module")
def spark():
    from pyspark import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # Spark's workers need not import tests
    started = time.monotonic()
    quiet = {"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false"}
    session = local_session("cleaner-tests", cores=2, conf=quiet)
    session.sparkContext.setLogLevel("ERROR")
    print(f"Spark started in {time.monotonic() - started:.1f} s")
    yield session
    session.stop()
    cloudpickle.unregister_pickle_by_value(sys.modules[__name__])


def test_the_workers_run_this_interpreter(spark):
    assert spark.sparkContext.parallelize([0], 1).map(lambda _: sys.executable).collect() == [sys.executable]


def test_a_dataframe_keeps_ids_and_their_type_and_status_filters(spark):
    pages = [(n, f"https://example.com/{n}", None if n == 4 else PAGE) for n in range(8)]
    df = spark.createDataFrame(pages, "id long, url string, html string")
    out = clean_dataframe(df)  # in worker processes, as by default
    assert out.schema["id"].dataType.simpleString() == "bigint"
    rows = out.collect()
    assert [r.id for r in rows] == list(range(8))
    assert [r.id for r in rows if r.status != "ok"] == [4] and rows[0].title == "Talks"
    assert out.filter(out.status == "ok").count() == 7


def test_a_missing_source_column_fails_at_once(spark):
    df = spark.createDataFrame([("a", PAGE)], "id string, body string")
    with pytest.raises(ValueError, match="'html'"):
        clean_dataframe(df)
    assert clean_dataframe(df, source_col="body", url_col="nowhere", processes=0).first().status == "ok"


# Faults, run in Spark's python workers: a page's source names what cleaning it does.
def _raise():
    raise ValueError("the parser choked")


def _die():
    os._exit(9)


def _hang_in_c():
    """A hang the time-limit signal cannot break, as in C code: the signal is blocked."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(3600)


FAULTS = {"RAISE": _raise, "DIE": _die, "HANG": _hang_in_c}


def _faulty_partition(rows, **options):
    """clean_partition with the faults installed in this (executor) process, then taken out."""
    real, stuck_after = records.clean, workers.STUCK_AFTER

    def faulty(source, **kwargs):
        if isinstance(source, str) and source in FAULTS:
            FAULTS[source]()
        return real(source, **kwargs)

    records.clean, workers.STUCK_AFTER = faulty, 1.0
    try:
        yield from clean_partition(rows, **options)
    finally:
        records.clean, workers.STUCK_AFTER = real, stuck_after


def test_pages_that_raise_hang_or_kill_cost_those_pages_alone(spark):
    from cleaner.adapters.spark import OUTPUT_SCHEMA

    sources = [PAGE] * 3 + ["RAISE"] + [PAGE] * 3 + ["HANG"] + [PAGE] * 3 + ["DIE"] + [PAGE] * 2
    df = spark.createDataFrame([(f"r{n}", s) for n, s in enumerate(sources)], "id string, html string")
    assert df.rdd.getNumPartitions() == 2
    cleaned = df.rdd.mapPartitions(partial(_faulty_partition, processes=1, settings=FAULTY))
    rows = spark.createDataFrame(cleaned, OUTPUT_SCHEMA).collect()
    assert [r.id for r in rows] == [f"r{n}" for n in range(len(sources))]
    failed = {r.id: r.status for r in rows if r.status != "ok"}
    assert failed == {"r3": "ValueError", "r7": "TimeLimitExceeded", "r11": "WorkerDied"}
    assert sum(r.status == "ok" for r in rows) + len(failed) == len(sources)
    assert rows[3].error == "the parser choked" and all(r.text == ARTICLE for r in rows if r.status == "ok")


# Copies across a DataFrame: cleaner's signatures, clustered in Spark SQL (cleaner.adapters.spark_copies).
SEEDS = sorted((Path(__file__).parent.parent / "fixtures" / "seeds").glob("00*.txt"))


def _seed_rows(order: list[int]) -> list[tuple[str, int, str | None]]:
    """The five seeds (000 original, 001 republished, 002 spun, 003 live blog, 004 translation), in
    `order`, plus 000 again under other chrome (an exact copy once cleaned) and a row that fails."""
    texts = [path.read_text(encoding="utf-8") for path in SEEDS]
    rows = [(f"s{n:03d}", seen, texts[n]) for seen, n in enumerate(order)]
    rows.append(("s000-again", len(order), f"Skip to content\n\nMenu\n\n{texts[0]}\n\nShare this article"))
    rows.append(("broken", len(order) + 1, None))
    return rows


@pytest.fixture(scope="module")
def seeds_cleaned(spark):
    df = spark.createDataFrame(_seed_rows([0, 1, 2, 3, 4]), "id string, seen int, html string")
    cleaned = clean_dataframe(df, signatures=True, processes=0)
    return cleaned.join(df.select("id", "seen"), "id").cache()  # the order column, back beside the clean text


def _clusters(df) -> dict[str, tuple[str, str | None]]:
    return {r.id: (r.cluster, r.duplicate_of) for r in df.select("id", *CLUSTER_FIELDS).collect()}


def test_signatures_are_cleaners_own_for_the_clean_text(seeds_cleaned):
    rows = {r.id: r for r in seeds_cleaned.collect()}
    first = rows["s000"]
    assert tuple(seeds_cleaned.columns) == (*OUTPUT_FIELDS, *SIGNATURE_FIELDS, "seen")
    assert copies.signature(first.text) == copies.Signature(first.exact, first.minhash, first.shingles)
    assert len(first.minhash) == copies.NUM_PERM
    assert rows["s000-again"].exact == first.exact  # the chrome is cleaned away: the same text
    assert rows["broken"].status == "MissingField" and rows["broken"].minhash is None


def test_copies_cluster_around_the_first_seen_and_the_rest_stay_apart(seeds_cleaned):
    clusters = _clusters(cluster_copies(seeds_cleaned, order_col="seen"))
    assert clusters == {
        "s000": ("s000", None),
        "s001": ("s000", "s000"),
        "s000-again": ("s000", "s000"),
        "s002": ("s002", None),
        "s003": ("s003", None),
        "s004": ("s004", None),
        "broken": ("broken", None),  # no signature: a cluster of its own
    }


def test_the_representative_is_the_first_by_the_order_given_or_the_longest(spark, seeds_cleaned):
    reversed_order = seeds_cleaned.withColumn("seen", -seeds_cleaned.seen)
    by_order = _clusters(cluster_copies(reversed_order, order_col="seen"))
    assert by_order["s000"] == ("s000-again", "s000-again") and by_order["s001"] == ("s000-again", "s000-again")
    longest = _clusters(cluster_copies(seeds_cleaned, order_col="seen", prefer="longest"))
    sizes = {r.id: r.shingles for r in seeds_cleaned.where("id IN ('s000', 's001')").collect()}
    winner = max(sizes, key=sizes.get)
    assert longest[winner] == (winner, None) and {longest[k][0] for k in ("s000", "s001", "s000-again")} == {winner}
    with pytest.raises(ValueError, match="prefer"):
        cluster_copies(seeds_cleaned, prefer="shortest")
    with pytest.raises(ValueError, match="'minhash'"):
        cluster_copies(seeds_cleaned.drop("minhash"))


def test_spark_clusters_agree_with_the_stream_index(seeds_cleaned):
    """The same decision as CopyIndex.check in input order, on every pair the seeds make."""
    rows = sorted(seeds_cleaned.where("status = 'ok'").collect(), key=lambda r: r.seen)
    index = copies.CopyIndex()
    stream = {}
    for r in rows:
        match = index.check(r.id, copies.Signature(r.exact, r.minhash, r.shingles))
        stream[r.id] = match.duplicate_of if match else None
    spark_says = {k: dup for k, (_, dup) in _clusters(cluster_copies(seeds_cleaned, order_col="seen")).items()}
    assert {k: spark_says[k] for k in stream} == stream
