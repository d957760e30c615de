"""The stream benchmark's markdown report: the figures against their targets, then each part in detail."""

from __future__ import annotations

from datetime import UTC, datetime

from machine import machine, revision
from stream_parts import (
    TIME_LIMIT,
    BadRecordsResult,
    MemoryResult,
    Scale,
    ThroughputResult,
    disturbed,
    late_growth,
    peak_mb,
)
from stream_runs import summary_text
from tables import machine_line, md_table, num


def verdict(ok: bool) -> str:
    return "**pass**" if ok else "**FAIL**"


def report(
    scale: Scale,
    quick: bool,
    bad: BadRecordsResult,
    tp: ThroughputResult,
    mem: MemoryResult,
    slow: list[list[object]],
    seconds: float,
) -> tuple[str, bool]:
    """The markdown report, and whether every check and target held."""
    bad_ok = all(c.ok for c in bad.checks)
    tp_ok = tp.ratio() >= 1.7
    mem_ok = all(mem.ratio(jobs) <= 1.2 for jobs in (2, 1))
    small, large = sorted(mem.sizes)
    good = bad.records - bad.bad
    rev = revision()
    dirty = " with uncommitted changes" if rev["dirty"] else ""
    lines = [
        f"# `cleaner --jsonl`: stream acceptance figures{' (quick)' if quick else ''}",
        "",
        f"`python benchmarks/stream.py{' --quick' if quick else ''}`, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
        f"{num(seconds / 60)} min in all. cleaner {rev['commit']}{dirty}; "
        f"{machine_line(machine())}.",
        "",
        md_table(
            ["figure", "target", "measured", "result"],
            [
                [
                    f"{bad.records:,} records, {bad.bad} bad",
                    f"{good:,} cleaned in order + {bad.bad} error records, exit 1",
                    f"{sum(c.ok for c in bad.checks)}/{len(bad.checks)} checks hold; "
                    f"{num(bad.runs['jobs 2'].seconds)} s with --jobs 2",
                    verdict(bad_ok),
                ],
                ["throughput, --jobs 2 ÷ --jobs 1", "≥ 1.7x", f"{tp.ratio():.2f}x", verdict(tp_ok)],
                *[
                    [
                        f"peak memory, {large:,} ÷ {small:,} records, --jobs {jobs}",
                        "≤ 1.2x",
                        f"{mem.ratio(jobs):.2f}x ({num(peak_mb(mem.runs[jobs, large], 'rss'))} MB ÷ "
                        f"{num(peak_mb(mem.runs[jobs, small], 'rss'))} MB)",
                        verdict(mem.ratio(jobs) <= 1.2),
                    ]
                    for jobs in (2, 1)
                ],
            ],
            "llll",
        ),
        "",
        *bad_records_section(bad),
        *throughput_section(tp),
        *memory_section(mem),
        *slow_section(slow),
        *data_section(scale),
    ]
    return "\n".join(lines) + "\n", bad_ok and tp_ok and mem_ok


def bad_records_section(bad: BadRecordsResult) -> list[str]:
    run, one, checks = bad.runs["jobs 2"], bad.runs["jobs 1"], bad.checks
    return [
        f"## 1. {bad.records:,} records, {bad.bad} of them bad",
        "",
        f"`{' '.join(run.argv[:-1])} mixed.jsonl > out.jsonl`: **{num(run.seconds)} s** "
        f"({num(bad.records / run.seconds)} records/s, {num(run.cpu_seconds)} CPU s; other processes "
        f"{num(run.others_cpu)} CPU s meanwhile). With --jobs 1: {num(one.seconds)} s.",
        "",
        md_table(
            ["check (--jobs 2)", "holds", "what was seen"], [[c.what, verdict(c.ok), c.detail] for c in checks], "lll"
        ),
        "",
        "Each kind of bad line, and the error class its error record named (--jobs 2):",
        "",
        md_table(["bad line", "lines", "expected error", "got"], bad.kinds, "lrll"),
        "",
    ]


def throughput_section(tp: ThroughputResult) -> list[str]:
    rows = []
    for jobs in (1, 2):
        for i, run in enumerate(tp.runs[jobs], 1):
            best = " (best)" if run is tp.best(jobs) else ""
            best += " (disturbed)" if disturbed(run) else ""
            rows.append(
                [
                    f"--jobs {jobs}, run {i}{best}",
                    num(run.seconds),
                    num(tp.records / run.seconds),
                    num(tp.mb / run.seconds),
                    num(run.cpu_seconds),
                    num(run.others_cpu),
                    f"{run.returncode}",
                    summary_text(run),
                ]
            )
    start = ", ".join(f"--jobs {j}: {num(r.seconds)} s" for j, r in tp.startup.items())
    heads = ["run", "seconds", "records/s", "MB/s", "CPU s", "others' CPU s", "exit", "summary"]
    return [
        f"## 2. Throughput: --jobs 2 against --jobs 1, {tp.records:,} good records ({num(tp.mb)} MB)",
        "",
        f"Runs alternate between the two; the best of each counts. **{num(tp.rate(2))} ÷ {num(tp.rate(1))} "
        f"records/s = {tp.ratio():.2f}x** (target ≥ 1.7x). An empty stream takes {start} (the parent's "
        "start-up, in every run; the workers start, and each loads its models, with the first batch). "
        "*Others' CPU s*: what the rest of the machine used during the run; above a tenth of a core the run "
        "is marked disturbed, and while a best run is, up to two more rounds run.",
        "",
        md_table(heads, rows, "lrrrrrrl"),
        "",
    ]


def memory_section(mem: MemoryResult) -> list[str]:
    rows = []
    for (jobs, n), run in mem.runs.items():
        s = run.sampler
        assert s is not None
        rows.append(
            [
                f"--jobs {jobs}",
                f"{n:,}",
                num(mem.sizes[n]),
                num(run.seconds),
                num(peak_mb(run, "rss")),
                num(peak_mb(run, "pss")),
                num(peak_mb(run, "hwm")),
                num(peak_mb(run, "largest")),
                str(s.processes),
                late_growth(run),
                f"{run.returncode}",
                summary_text(run),
            ]
        )
    small, large = sorted(mem.sizes)
    ratios = "; ".join(
        f"--jobs {j}: RSS {mem.ratio(j):.2f}x, PSS {mem.ratio(j, 'pss'):.2f}x, per-process peaks "
        f"{mem.ratio(j, 'hwm'):.2f}x, largest process {mem.ratio(j, 'largest'):.2f}x"
        for j in (2, 1)
    )
    return [
        f"## 3. Peak memory: {large:,} records against {small:,}",
        "",
        "Short records (a text's first blocks, about 1.5 KB; every tenth an HTML page's first paragraphs), "
        "gzipped. The tree (cleaner, its workers) is sampled every 0.1 s from /proc. *RSS*: the peak of the "
        "sum of the processes' resident memory (the figure judged; pages a forked worker shares with the "
        "parent count twice); *PSS*: the same with shared pages split; *Σ VmHWM*: each process's own peak, "
        "summed; *largest*: the largest process's own peak (not wait4's ru_maxrss, which on Linux keeps the "
        "high-water mark of the process that forked it, here this script); *late growth*: mean "
        "RSS over the last fifth of the run ÷ over its second fifth.",
        "",
        f"Ratios {large:,} ÷ {small:,}: {ratios}.",
        "",
        md_table(
            [
                "run",
                "records",
                "MB",
                "seconds",
                "RSS MB",
                "PSS MB",
                "Σ VmHWM MB",
                "largest MB",
                "processes",
                "late growth",
                "exit",
                "summary",
            ],
            rows,
            "lrrrrrrrrrrl",
        ),
        "",
    ]


def slow_section(rows: list[list[object]]) -> list[str]:
    return [
        "## Probe: a slow page alone",
        "",
        "`cleaner --jsonl --time-limit S` on one record: the comments page of part 1, and larger ones "
        "(wall time, start-up included). The limit is enforced by a timer signal, which Python acts on "
        "between bytecodes only: a long single call into C runs to its end first.",
        "",
        md_table(["page", "MB", "elements", "limit s", "seconds", "error", "message"], rows, "lrrrrll"),
        "",
    ]


def data_section(scale: Scale) -> list[str]:
    return [
        "## The data",
        "",
        "Built from `fixtures/seeds/*.txt` (scraped text, in `text`) and `fixtures/html/*.html` (in `html`), "
        "in turn; each record's long paragraphs have their sentences shuffled and it gets a dateline of its own "
        "(`Updated 14:07 GMT, 3 May 2021`), so no two records are the same and a short block is new now and "
        "then, as in a crawl. Records carry `id`, `url` (the fixture's site), `lang` and a `metadata` object. "
        f"Bad lines, 1% at random lines: one 30 MB record, one slow page ({scale.slow_rows[0]:,} reader "
        f"comments, run with `--time-limit {TIME_LIMIT:g}`), then JSON mistakes and binary junk in turn.",
        "",
    ]
