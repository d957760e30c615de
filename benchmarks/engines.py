#!/usr/bin/env python3
"""cleaner through datatrove and through Spark beside `cleaner --jsonl --jobs 2`: the same pages, in one run.

    python benchmarks/engines.py ../shared/bench [--copies 3] [--rounds 2] [--markdown PATH]

The news set's 181 HTML pages (`--copies` times, so that each run lasts long enough to time) are
written as JSON Lines (`{"id", "url", "html"}`, the page decoded as UTF-8). Three routes clean them,
round-robin, best round counted, each with two cores' worth of parallelism:

- `cleaner --jsonl --jobs 2` as a new process, output to /dev/null;
- datatrove: `LocalPipelineExecutor(tasks=2, workers=2)` running JsonlReader(text_key="html") →
  `CleanerStep()` (its default: one worker process per task) → JsonlWriter, the whole `run()`
  timed, the executor's process start-up included. The reader shards by file, so the same records
  are split into two files, one per task;
- Spark `local[2]` (`local_session(cores=2)`): `clean_dataframe` over `spark.read.json` of the
  file (two partitions), forced by collecting the status column; every row must come back `ok`
  or as an error row. The session's start-up is timed apart, once, and left out of the ratio.

The ratio is the CLI's seconds over the route's (above 1: faster than the CLI); the acceptance
figure is a ratio of at least 0.9.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from machine import machine, revision
from tables import machine_line, md_table, num

HERE = Path(__file__).resolve().parent
TARGET = 0.9


def write_inputs(data: Path, folder: Path, copies: int) -> tuple[Path, Path, int, float]:
    """The pages as one JSONL file (CLI, Spark) and as two shards of it (datatrove); pages and MB."""
    root = data / "scrapinghub" / "html"
    pages = [gzip.decompress(p.read_bytes()) for p in sorted(root.glob("*.html.gz"))] * copies
    if not pages:
        raise SystemExit(f"no pages under {root}")
    lines = [
        json.dumps({"id": str(n), "url": f"https://example.com/{n}", "html": page.decode("utf-8", "replace")}) + "\n"
        for n, page in enumerate(pages)
    ]
    jsonl, shards = folder / "pages.jsonl", folder / "shards"
    jsonl.write_text("".join(lines), encoding="utf-8")
    shards.mkdir()
    half = (len(lines) + 1) // 2
    for i, part in enumerate((lines[:half], lines[half:])):
        (shards / f"part-{i}.jsonl").write_text("".join(part), encoding="utf-8")
    return jsonl, shards, len(pages), sum(map(len, pages)) / 1e6


def run_cli(jsonl: Path, jobs: int) -> tuple[float, str]:
    command = [sys.executable, "-m", "cleaner.cli", "--jsonl", "--jobs", str(jobs), str(jsonl)]
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()[-500:]}")
    return seconds, f"exit {done.returncode}"


def run_datatrove(shards: Path, work: Path, pages: int) -> tuple[float, str]:
    """The whole executor run; the outcome counted from the step's stats and the written files."""
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleaner.adapters.datatrove import CleanerStep

    work.mkdir()
    out = work / "out"
    executor = LocalPipelineExecutor(
        [JsonlReader(str(shards), text_key="html"), CleanerStep(), JsonlWriter(str(out), compression=None)],
        tasks=2,
        workers=2,
        logging_dir=str(work / "logs"),
    )
    start = time.perf_counter()
    executor.run()
    seconds = time.perf_counter() - start
    written = sum(len(f.read_text(encoding="utf-8").splitlines()) for f in out.glob("*.jsonl"))
    stats = Counter()
    for f in (work / "logs" / "stats").glob("*.json"):
        for step in json.loads(f.read_text(encoding="utf-8")):
            if "cleaner" in step["name"]:
                stats.update({k: v["total"] if isinstance(v, dict) else v for k, v in step["stats"].items()})
    seen = stats.get("total", 0)
    if seen != pages or written != stats.get("cleaned", -1):
        raise SystemExit(f"datatrove: {seen} pages seen, {written} written, of {pages}: {dict(stats)}")
    return seconds, f"{written} cleaned, {seen - written} dropped"


def start_spark() -> tuple[object, float]:
    from cleaner.adapters.spark import local_session

    start = time.perf_counter()
    spark = local_session(
        "cleaner-bench", cores=2, conf={"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false"}
    )
    spark.range(1).count()  # the JVM and its first job up
    return spark, time.perf_counter() - start


def run_spark(spark, jsonl: Path, pages: int) -> tuple[float, str]:
    """Read, clean, collect the status of every row: the Python work cannot be pruned away, since
    the cleaned rows come from an RDD's mapPartitions, and each row's status is checked."""
    from cleaner.adapters.spark import clean_dataframe

    start = time.perf_counter()
    df = spark.read.schema("id STRING, url STRING, html STRING").json(str(jsonl))
    parts = df.rdd.getNumPartitions()
    statuses = Counter(row.status for row in clean_dataframe(df).select("status").collect())
    seconds = time.perf_counter() - start
    if sum(statuses.values()) != pages:
        raise SystemExit(f"spark: {sum(statuses.values())} rows of {pages}: {dict(statuses)}")
    return seconds, f"{statuses['ok']} ok of {pages}, {parts} partitions"


def report(args: argparse.Namespace, pages: int, mb: float, times: dict, notes: dict, spark_start: float) -> str:
    best = {name: min(values) for name, values in times.items()}
    cli = best["cli"]
    labels = {
        "cli": f"`cleaner --jsonl --jobs {args.jobs}` (new process)",
        "datatrove": "datatrove, 2 tasks on 2 workers: JsonlReader → `CleanerStep()` → JsonlWriter",
        "spark": "Spark `local[2]`: `clean_dataframe(spark.read.json(...))`, session up",
    }
    rows = [
        [
            labels[k],
            num(pages / s),
            num(s),
            num(cli / s),
            num(times[k][0]),
            "yes" if cli / s >= TARGET or k == "cli" else "**no**",
            notes[k],
        ]
        for k, s in best.items()
    ]
    rows.append(
        [
            "Spark session start-up (`local_session`, first job), once",
            "",
            num(spark_start),
            "",
            "",
            "",
            "not in the ratio",
        ]
    )
    commit = revision()
    where = f"revision {commit['commit']}{' (uncommitted changes)' if commit['dirty'] else ''}"
    heads = ["route", "docs/s", "seconds", "ratio to the CLI", "round 1 s", f"≥ {TARGET}×", "outcome"]
    return (
        f"## Engines: datatrove and Spark (`benchmarks/engines.py`)\n\n{pages} pages (the news set's HTML, "
        f"{args.copies} copies, {mb:.1f} MB), best of {args.rounds} rounds, the routes taking turns; each route "
        "has two cores' worth of parallelism. The ratio is the CLI's seconds over the route's (above 1: faster); "
        f"the target is {TARGET}× or more. Process start-up is in the CLI's and datatrove's seconds (a user waits "
        "for it); Spark's session start-up is shown apart and its job time is the one compared. *Round 1 s* is each "
        "route's first round: Spark's starts its Python workers and pays cleaner's warm-up in them, later rounds "
        "reuse them; the CLI and datatrove start new processes every round.\n\n"
        + md_table(heads, rows, align="lrrrrll")
        + f"\n\n{machine_line(machine())}; {where}.\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the shared bench folder (holds scrapinghub/)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--markdown", type=Path, default=HERE / "results" / "engines.md", help="write the report here")
    args = parser.parse_args()
    times: dict[str, list[float]] = {"cli": [], "datatrove": [], "spark": []}
    notes: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        jsonl, shards, pages, mb = write_inputs(args.data, tmp, args.copies)
        spark, spark_start = start_spark()
        try:
            for n in range(args.rounds):
                for name, run in (
                    ("cli", lambda: run_cli(jsonl, args.jobs)),
                    ("datatrove", lambda n=n: run_datatrove(shards, tmp / f"dt{n}", pages)),
                    ("spark", lambda: run_spark(spark, jsonl, pages)),
                ):
                    seconds, notes[name] = run()
                    times[name].append(seconds)
                    print(f"round {n + 1} {name}: {seconds:.2f} s ({notes[name]})", file=sys.stderr)
        finally:
            spark.stop()
    text = report(args, pages, mb, times, notes, spark_start)
    print(text)
    args.markdown.parent.mkdir(parents=True, exist_ok=True)
    args.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
