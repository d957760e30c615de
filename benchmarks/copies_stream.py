"""Detection's share of a stream's own time, measured inside one run.

`run_stream` cleans the records (one job) with copy detection on, and the time spent making
signatures (in `clean_record`, where a worker would make them) and judging them (in the parent's
`_Judge`) is added up beside the run's whole time. Both come from the same run, so the ratio
(whole time over whole time less detection's) holds still while the machine's load moves the
runs' times by 10% or more from one to the next, which two runs taking turns cannot. Each round
runs in a new process: cleaner remembers rule matches of short blocks across documents, and a
stream of pages it has not seen is what a crawl gives it.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import time
from collections.abc import Callable, Iterable
from typing import Any


def detection_share(lines: Iterable[dict[str, Any]], rounds: int) -> dict[str, Any]:
    """The stream's seconds, detection's seconds within them, and the time ratio, each round."""
    data = b"".join(json.dumps(line).encode() + b"\n" for line in lines)
    context = multiprocessing.get_context("spawn")
    found = []
    for _ in range(rounds):
        with context.Pool(1) as pool:
            found.append(pool.apply(_one_round, (data,)))
    return {"rounds": found, "ratio": min(r["ratio"] for r in found), "records": data.count(b"\n")}


def _one_round(data: bytes) -> dict[str, float]:
    import cleaner.records as records
    import cleaner.stream as stream
    from cleaner.copies import CopyIndex
    from cleaner.stream import StreamSettings, run_stream

    spent = {"signatures": 0.0, "judging": 0.0}
    records.signature = _timed(records.signature, spent, "signatures")
    stream._Judge.judged = _timed(stream._Judge.judged, spent, "judging")
    started = time.perf_counter()
    run_stream(io.BytesIO(data), io.BytesIO(), io.StringIO(), StreamSettings(), copies=CopyIndex())
    total = time.perf_counter() - started
    return {"seconds": total, **spent, "ratio": total / (total - spent["signatures"] - spent["judging"])}


def _timed(function: Callable[..., Any], spent: dict[str, float], name: str) -> Callable[..., Any]:
    def timed(*args: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args)
        finally:
            spent[name] += time.perf_counter() - started

    return timed
