"""The stream benchmark's parts: bad records, throughput, memory, and the slow-page probe.

Each part writes its input, runs cleaner on it and returns what it measured; the report
(`stream_report`) judges the figures against their targets.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from stream_records import SLOW_ROWS, MixedFile, comments_page, write_good, write_mixed
from stream_runs import Run, count_lines, other_stderr, run_cleaner, summary_of, summary_text
from tables import num

TIME_LIMIT = 2.0  # --time-limit for the bad-records run: the slow pages take longer than this
DISTURBED_SHARE = 0.1  # a timed run during which other processes used more than this share of a core
EXTRA_ROUNDS = 2  # throughput rounds run on top while a best run was disturbed


@dataclass(frozen=True)
class Scale:
    """How big each part is: the full figures, or a quick check of the same things."""

    records: int  # part 1: records in the file, 1% of them bad
    throughput_records: int  # part 2: good records per run
    rounds: int  # part 2: runs of each --jobs, alternating
    memory_records: tuple[int, int]  # part 3: the short and the long stream
    slow_rows: tuple[int, ...]  # the probe: comment counts of the slow pages timed alone


FULL = Scale(10_000, 4_000, 3, (10_000, 100_000), (SLOW_ROWS, 80_000))
QUICK = Scale(2_000, 800, 2, (2_000, 20_000), (SLOW_ROWS,))


# --- 1. bad records -----------------------------------------------------------------------------


@dataclass
class Check:
    """One thing the figure promises, and whether it held."""

    what: str
    ok: bool
    detail: str


@dataclass
class BadRecordsResult:
    records: int
    bad: int
    runs: dict[str, Run]
    checks: list[Check]
    kinds: list[list[object]]  # table rows: kind, lines, expected, error classes got


def read_outputs(run: Run) -> tuple[list[object], list[str]]:
    """The output's records (None for a line that is not a JSON object) and its ids."""
    records: list[object] = []
    with run.out.open("rb") as f:
        for line in f:
            try:
                records.append(json.loads(line))
            except ValueError:
                records.append(None)
    ids = [r.get("id") if isinstance(r, dict) else None for r in records]
    return records, ids


def read_errors(run: Run) -> list[dict]:
    assert run.errors is not None
    return [json.loads(line) for line in run.errors.read_text("utf-8").splitlines() if line.strip()]


def check_bad_records(mixed: MixedFile, run: Run) -> tuple[list[Check], list[list[object]]]:
    """Everything the figure promises of one run over the mixed file, and the error class of each bad kind."""
    total, good, bad = len(mixed.good_ids) + len(mixed.bad), len(mixed.good_ids), len(mixed.bad)
    records, ids = read_outputs(run)
    errors = read_errors(run)
    objects = sum(isinstance(r, dict) and isinstance(r.get("text"), str) and "metadata" in r for r in records)
    got_lines = [e.get("line") for e in errors]
    by_line = {e.get("line"): e for e in errors}
    wrong = [
        f"line {n} ({b.kind}): {by_line.get(n, {}).get('error')}"
        for n, b in sorted(mixed.bad.items())
        if by_line.get(n, {}).get("error") not in b.expected
    ]
    shape = all(set(e) == {"line", "id", "error", "message"} for e in errors)
    hung = " (hung, killed)" if run.hung else ""
    bad_lines = sorted(mixed.bad)
    checks = [
        Check("exit code 1", run.returncode == 1, f"exit code {run.returncode}{hung}"),
        Check(f"{good:,} output lines", len(records) == good, f"{len(records):,} lines"),
        Check("each output line a cleaned JSON object", objects == len(records), f"{objects:,} with text, metadata"),
        Check("output ids = the good ids, in order", ids == mixed.good_ids, _first_difference(ids, mixed.good_ids)),
        Check(f"{bad} error records", len(errors) == bad, f"{len(errors)} error records"),
        Check("error lines = the bad lines, in order", got_lines == bad_lines, _first_difference(got_lines, bad_lines)),
        Check("error records have line, id, error, message", shape, "yes" if shape else "other keys seen"),
        Check("each bad line's error class as expected", not wrong, "; ".join(wrong[:5]) or "all as expected"),
        Check("summary line adds up", summary_of(run) == (total, good, bad), summary_text(run)),
        Check("nothing else on stderr", not other_stderr(run), "; ".join(other_stderr(run)[:3]) or "nothing"),
    ]
    return checks, _kind_rows(mixed, by_line)


def _kind_rows(mixed: MixedFile, by_line: dict) -> list[list[object]]:
    kinds: dict[str, list[int]] = {}
    for number, bad in sorted(mixed.bad.items()):
        kinds.setdefault(bad.kind, []).append(number)
    rows = []
    for kind, numbers in kinds.items():
        expected = " or ".join(sorted(mixed.bad[numbers[0]].expected))
        got = Counter(str(by_line.get(n, {}).get("error", "(no error record)")) for n in numbers)
        rows.append([kind, len(numbers), expected, ", ".join(f"{e} ×{c}" for e, c in got.most_common())])
    return rows


def _first_difference(got: list, want: list) -> str:
    if got == want:
        return f"{len(got):,} in order"
    index = next((i for i, (g, w) in enumerate(zip(got, want, strict=False)) if g != w), min(len(got), len(want)))
    g = got[index] if index < len(got) else "(end)"
    w = want[index] if index < len(want) else "(end)"
    return f"{len(got):,} vs {len(want):,} expected; first difference at #{index + 1}: {g!r}, expected {w!r}"


def bad_records_part(scale: Scale, work: Path) -> BadRecordsResult:
    """Part 1: the mixed file through --jobs 2 (the figure) and --jobs 1 (must give the same bytes)."""
    mixed = write_mixed(work / "mixed.jsonl", scale.records, seed=1)
    args = ["--time-limit", f"{TIME_LIMIT:g}"]
    runs = {
        "jobs 2": run_cleaner(mixed.path, work, "mixed-j2", [*args, "--jobs", "2"]),
        "jobs 1": run_cleaner(mixed.path, work, "mixed-j1", [*args, "--jobs", "1"]),
    }
    checks, kinds = check_bad_records(mixed, runs["jobs 2"])
    one_checks, _ = check_bad_records(mixed, runs["jobs 1"])
    same_out = runs["jobs 1"].out.read_bytes() == runs["jobs 2"].out.read_bytes()
    same_err = _errors_without_messages(runs["jobs 1"]) == _errors_without_messages(runs["jobs 2"])
    checks += [
        Check("--jobs 1 passes the same checks", all(c.ok for c in one_checks), _failed(one_checks)),
        Check("--jobs 1 writes the same output bytes", same_out, "identical" if same_out else "differs"),
        Check("--jobs 1 writes the same error records", same_err, "same lines, ids, classes" if same_err else "differ"),
    ]
    return BadRecordsResult(scale.records, len(mixed.bad), runs, checks, kinds)


def _errors_without_messages(run: Run) -> list[tuple]:
    """Error records less their messages (a time-limit message may name a different step)."""
    return [(e["line"], e["id"], e["error"]) for e in read_errors(run)]


def _failed(checks: list[Check]) -> str:
    failed = [f"{c.what}: {c.detail}" for c in checks if not c.ok]
    return "; ".join(failed) or "all hold"


# --- 2. throughput ------------------------------------------------------------------------------


@dataclass
class ThroughputResult:
    records: int
    mb: float
    runs: dict[int, list[Run]]  # by --jobs, in the order run
    startup: dict[int, Run]  # an empty stream, by --jobs

    def best(self, jobs: int) -> Run:
        return min(self.runs[jobs], key=lambda r: r.seconds)

    def rate(self, jobs: int) -> float:
        return self.records / self.best(jobs).seconds

    def ratio(self) -> float:
        return self.rate(2) / self.rate(1)


def throughput_part(scale: Scale, work: Path) -> ThroughputResult:
    """Part 2: --jobs 1 and --jobs 2 on the same good records, alternating, `scale.rounds` each."""
    path = write_good(work / "good.jsonl", scale.throughput_records, seed=2)
    empty = work / "empty.jsonl"
    empty.write_bytes(b"")
    startup = {jobs: run_cleaner(empty, work, f"empty-j{jobs}", ["--jobs", str(jobs)]) for jobs in (1, 2)}
    runs: dict[int, list[Run]] = {1: [], 2: []}
    result = ThroughputResult(scale.throughput_records, path.stat().st_size / 1e6, runs, startup)
    round_ = 0
    while round_ < scale.rounds or (round_ < scale.rounds + EXTRA_ROUNDS and _disturbed(result)):
        order = (1, 2) if round_ % 2 == 0 else (2, 1)
        for jobs in order:
            runs[jobs].append(run_cleaner(path, work, f"good-j{jobs}-{round_}", ["--jobs", str(jobs)]))
        round_ += 1
    return result


def disturbed(run: Run) -> bool:
    """Other processes took more than a tenth of a core during the run: its time says little."""
    return run.others_cpu > DISTURBED_SHARE * run.seconds


def _disturbed(result: ThroughputResult) -> bool:
    """Whether either best run was disturbed, so that another round is worth running."""
    return any(disturbed(result.best(jobs)) for jobs in (1, 2))


# --- 3. memory ----------------------------------------------------------------------------------


@dataclass
class MemoryResult:
    runs: dict[tuple[int, int], Run]  # by (--jobs, records)
    sizes: dict[int, float]  # MB of JSON (uncompressed) by records

    def ratio(self, jobs: int, metric: str = "rss") -> float:
        small, large = sorted({n for _, n in self.runs})
        return peak_mb(self.runs[jobs, large], metric) / peak_mb(self.runs[jobs, small], metric)


def peak_mb(run: Run, metric: str) -> float:
    """A run's peak in MB: 'rss' (sum over the tree), 'pss', 'hwm' (sum of per-process peaks), 'largest'
    (the largest process's own peak). Not wait4's ru_maxrss: Linux carries the forking process's
    high-water mark across exec, so it reports this script's memory when that is larger."""
    s = run.sampler
    assert s is not None
    hwm = s.hwm_kb.values()
    kb = {"rss": s.peak_rss_kb, "pss": s.peak_pss_kb, "hwm": sum(hwm), "largest": max(hwm, default=0)}[metric]
    return kb / 1024


def memory_part(scale: Scale, work: Path) -> MemoryResult:
    """Part 3: short records, gzipped, the short and the long stream under --jobs 2 and --jobs 1."""
    runs: dict[tuple[int, int], Run] = {}
    sizes: dict[int, float] = {}
    paths = {n: write_good(work / f"short-{n}.jsonl.gz", n, seed=3, short=True) for n in scale.memory_records}
    for n, path in paths.items():
        with gzip.open(path, "rb") as f:
            sizes[n] = sum(len(line) for line in f) / 1e6
    for jobs in (2, 1):
        for n, path in paths.items():
            runs[jobs, n] = run_cleaner(path, work, f"mem-j{jobs}-{n}", ["--jobs", str(jobs)], sample=True)
    return MemoryResult(runs, sizes)


def late_growth(run: Run) -> str:
    """The tree's RSS over the last fifth of the run against the second fifth: growth shows as above 1."""
    trace = run.sampler.trace if run.sampler else []
    end = trace[-1][0] if trace else 0.0
    if end < 10:
        return "n/a (short run)"

    def mean(lo: float, hi: float) -> float:
        values = [rss for t, rss in trace if lo * end <= t < hi * end]
        return sum(values) / max(1, len(values))

    return f"{mean(0.8, 0.98) / mean(0.2, 0.4):.2f}"


# --- the probe: slow pages alone ----------------------------------------------------------------


def slow_probe(scale: Scale, work: Path) -> list[list[object]]:
    """Each slow page alone through --time-limit 2: how long until its error record; the smallest
    also with a limit it cannot reach (600 s), to show what it costs when let run.

    The time limit is checked between steps and enforced by a timer signal, which Python can
    only act on between bytecodes: a long single call into C (an lxml XPath over the whole
    page) runs to its end first. This shows how far a record can run past the limit.
    """
    rows = []
    plan = [(scale.slow_rows[0], 600.0)] + [(n, TIME_LIMIT) for n in scale.slow_rows]
    for n, limit in plan:
        source = comments_page(n)
        path = work / f"slow-{n}.jsonl"
        path.write_text(json.dumps({"id": f"slow-{n}", "html": source}) + "\n")
        run = run_cleaner(path, work, f"slow-{n}-{limit:g}", ["--time-limit", f"{limit:g}"])
        error = (read_errors(run) or [{"error": "(cleaned)" if count_lines(run.out) == 1 else "(lost)"}])[0]
        elements = int(lxml.html.document_fromstring(source).xpath("count(//*)"))
        row = [f"{n:,} comments", f"{len(source) / 1e6:.1f}", f"{elements:,}", f"{limit:g}", num(run.seconds)]
        rows.append([*row, error.get("error", ""), error.get("message", "")])
    return rows
