"""cleaner inside Spark: each row of a partition to exactly one output row, a bad page included.

Built on the record layer (`cleaner.stream.clean_lines`): a row becomes a `Prepared` record and
its outcome a row of OUTPUT_SCHEMA whose `status` is "ok" or the error class, so a bad page is a
row to filter on, never a failed task. With `processes` >= 1 (the default) pages are cleaned in
worker processes forked from the PySpark python worker, so a page that kills or hangs one costs
that page alone; 0 cleans in the PySpark worker itself.

The PYSPARK_PYTHON trap: PySpark starts its python workers with $PYSPARK_PYTHON, else the
`python3` on PATH, not the driver's interpreter; a driver started from Python (pip-installed
PySpark) reads only the environment variable, not `spark.pyspark.python`. `local_session()`
points both at this interpreter. pyspark itself is imported only where a DataFrame is made.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..copies import signature
from ..records import Prepared, StreamSettings, Unreadable, warm_up
from ..stream import clean_lines

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import DataType, StructType

__all__ = [
    "OUTPUT_FIELDS",
    "OUTPUT_SCHEMA",
    "SIGNATURE_FIELDS",
    "clean_dataframe",
    "clean_partition",
    "local_session",
    "output_schema",
]

OUTPUT_FIELDS = ("id", "url", "status", "error", "text", "title", "authors", "date", "language", "metadata_json")
# with signatures=True: cleaner.copies.signature of the clean text (null for an error row), for cluster_copies
SIGNATURE_FIELDS = ("exact", "minhash", "shingles")
OUTPUT_SCHEMA: StructType  # output_schema(), made on first use (by __getattr__)
_EMPTY = dict.fromkeys(OUTPUT_FIELDS)
_MISSING = object()
_WARMED: set[tuple[str, ...]] = set()  # the rule sets this process has warmed up for


def clean_partition(
    rows: Iterable[Any],
    *,
    source_field: str = "html",
    id_field: str = "id",
    url_field: str = "url",
    processes: int = 1,
    settings: StreamSettings | None = None,
    signatures: bool = False,
) -> Iterator[dict[str, Any]]:
    """One output row (a dict of OUTPUT_FIELDS) per input row (a dict or a pyspark Row), in order:
    for `rdd.mapPartitions`. A page that fails, or kills or hangs its worker, is a row with its
    error class as `status` and the message as `error`; the rest of the partition goes on.
    `signatures` adds SIGNATURE_FIELDS: the clean text's copy signature (`cleaner.copies`), made
    here in the task, so that `cluster_copies` needs no text but the signature."""
    _check(processes)
    settings = settings or StreamSettings()
    _warm_up_once(settings)
    keys: deque[tuple[object, object]] = deque()  # (id, url) of each row sent, not yet answered
    lines = _lines(rows, keys, source_field, id_field, url_field, settings.input_type)
    for _line, (out, error) in clean_lines(lines, settings, processes=processes):
        record_id, url = keys.popleft()
        row = _ok_row(record_id, url, out) if out is not None else _error_row(record_id, url, error)
        yield _with_signature(row) if signatures else row


def _with_signature(row: dict[str, Any]) -> dict[str, Any]:
    """The row with its text's signature: the exact digest, the MinHash as ints, the shingle count."""
    if row["text"] is None:
        return {**row, "exact": None, "minhash": None, "shingles": None}
    sig = signature(row["text"])
    return {**row, "exact": sig.exact, "minhash": sig.to_list(), "shingles": sig.shingles}


def _check(processes: int) -> None:
    if processes < 0:
        raise ValueError(f"processes must be 0 (clean in this process) or more, not {processes}")


def _warm_up_once(settings: StreamSettings) -> None:
    """Pay the warm-up (imports, extractors, the language model) once per PySpark python worker:
    worker processes forked from it afterwards inherit it, and pay only a few small samples."""
    if settings.rules not in _WARMED:
        warm_up(settings)
        _WARMED.add(settings.rules)


def _lines(
    rows: Iterable[Any], keys: deque[tuple[object, object]], source: str, id_field: str, url_field: str, kind: str
) -> Iterator[tuple[int, Prepared | Unreadable]]:
    """The rows as numbered records, each (id, url) noted in `keys` as it is sent."""
    for number, row in enumerate(rows, 1):
        record_id, url = _get(row, id_field, None), _get(row, url_field, None)
        keys.append((record_id, url))
        yield number, _record(record_id, url, _get(row, source, _MISSING), source, kind)


def _record(record_id: object, url: object, page: object, source: str, kind: str) -> Prepared | Unreadable:
    """A row's page as a record; a row without a page, as the error that says so."""
    if page is _MISSING or page is None:
        why = "has no" if page is _MISSING else "has a null"
        return Unreadable("MissingField", f"the row {why} {source!r} field", record_id=record_id)
    if isinstance(page, bytearray | memoryview):  # BinaryType columns arrive as bytearray
        page = bytes(page)
    if not isinstance(page, str | bytes):
        message = f"the {source!r} field is {type(page).__name__}, not text or bytes"
        return Unreadable("FieldNotText", message, record_id=record_id)
    return Prepared({"id": record_id, "url": url}, page, input_type=kind)


def _get(row: Any, name: str, default: object) -> Any:
    """A field of a dict or a pyspark Row (a Row without it raises ValueError)."""
    if isinstance(row, Mapping):
        return row.get(name, default)
    try:
        return row[name]
    except (KeyError, ValueError, IndexError, TypeError):
        return default


def _ok_row(record_id: object, url: object, out: bytes) -> dict[str, Any]:
    record = json.loads(out)
    meta = record.get("metadata") or {}
    return {
        "id": record_id,
        "url": url,
        "status": "ok",
        "error": None,
        "text": record.get("text"),
        "title": meta.get("title"),
        "authors": meta.get("authors"),
        "date": meta.get("date"),
        "language": meta.get("language"),
        "metadata_json": json.dumps(meta, ensure_ascii=False),
    }


def _error_row(record_id: object, url: object, error: dict[str, Any] | None) -> dict[str, Any]:
    error = error or {"error": "RuntimeError", "message": "no result"}
    return {**_EMPTY, "id": record_id, "url": url, "status": error["error"], "error": error["message"]}


def output_schema(id_type: DataType | None = None, signatures: bool = False) -> StructType:
    """The rows' schema; `id` is a string unless given the input id column's type. With
    `signatures`: `exact` (hex digest), `minhash` (array of longs: the values are unsigned 32-bit),
    `shingles` (int)."""
    from pyspark.sql.types import ArrayType, IntegerType, LongType, StringType, StructField, StructType

    string = StringType()
    fields = [StructField("id", id_type or string), StructField("url", string)]
    fields.append(StructField("status", string, nullable=False))
    fields += [StructField(name, string) for name in ("error", "text", "title")]
    fields.append(StructField("authors", ArrayType(string)))
    fields += [StructField(name, string) for name in ("date", "language", "metadata_json")]
    if signatures:
        fields += [StructField("exact", string), StructField("minhash", ArrayType(LongType(), containsNull=False))]
        fields.append(StructField("shingles", IntegerType()))
    return StructType(fields)


def __getattr__(name: str) -> Any:
    """OUTPUT_SCHEMA is built on first use, so that this module imports without pyspark."""
    if name == "OUTPUT_SCHEMA":
        globals()[name] = schema = output_schema()
        return schema
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def clean_dataframe(
    df: DataFrame,
    *,
    source_col: str = "html",
    id_col: str = "id",
    url_col: str = "url",
    processes: int = 1,
    settings: StreamSettings | None = None,
    signatures: bool = False,
) -> DataFrame:
    """`clean_partition` over a DataFrame: one row of OUTPUT_SCHEMA per input row (`id` keeps the
    input column's type), in order; with `signatures`, SIGNATURE_FIELDS too (for `cluster_copies`).
    Only the three columns travel to python; a missing id or url column gives nulls, a missing
    source column is the caller's error (ValueError, at once)."""
    from pyspark.sql import functions as F

    _check(processes)  # here, on the driver, not in every task
    if source_col not in df.columns:
        raise ValueError(f"the DataFrame has no {source_col!r} column (it has {', '.join(df.columns)})")
    none = F.lit(None).cast("string")
    picked = df.select(
        (df[id_col] if id_col in df.columns else none).alias("id"),
        (df[url_col].cast("string") if url_col in df.columns else none).alias("url"),
        df[source_col].alias("source"),
    )
    clean = functools.partial(
        clean_partition, source_field="source", processes=processes, settings=settings, signatures=signatures
    )
    schema = output_schema(picked.schema["id"].dataType, signatures)
    return df.sparkSession.createDataFrame(picked.rdd.mapPartitions(clean), schema)


def local_session(app_name: str = "cleaner", cores: int = 2, conf: Mapping[str, str] | None = None) -> SparkSession:
    """A SparkSession in local mode (`cores` tasks at a time, each with its own cleaning processes)
    whose python workers run this interpreter, where cleaner is installed, unless PYSPARK_PYTHON
    names one already. An active session is returned as it is (its workers' python was fixed)."""
    from pyspark.sql import SparkSession

    python = os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # what a Python-started driver reads
    builder = SparkSession.builder.master(f"local[{cores}]").appName(app_name)
    for key, value in {"spark.pyspark.python": python, **(conf or {})}.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()
