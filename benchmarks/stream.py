#!/usr/bin/env python3
"""The acceptance figures of `cleaner --jsonl`: bad records, throughput with --jobs, memory over length.

    python benchmarks/stream.py [--quick] [--save PATH] [--keep DIR]

1. Bad records: 10,000 records, 1% of them bad (several kinds of invalid JSON, binary junk, one
   30 MB record, pages that take longer than --time-limit) at random lines, through
   `cleaner --jsonl --jobs 2 --errors FILE`: the good records must come out cleaned, in input
   order, the bad ones as error records naming their lines, exit code 1, and a summary line
   that adds up. The same file through `--jobs 1` must give the same bytes.
2. Throughput: `--jobs 2` against `--jobs 1` on the same good records, runs alternating, best
   of 3; target at least 1.7x on a 2-core machine.
3. Memory: the peak RSS of the whole process tree (cleaner and its workers, sampled from /proc)
   on 100,000 short records against 10,000, for --jobs 2 and --jobs 1; target at most 1.2x.

A probe also times each slow page alone, to show how far past --time-limit a record can run.

The records are built from the repository's fixtures (fixtures/seeds/*.txt, fixtures/html/*.html):
each record's long paragraphs have their sentences shuffled and it gets a dateline of its own,
so that no two records are the same text (cleaner remembers the rule matches of short blocks,
and a stream of copies would measure that memory, not cleaning). Generated files go to a
temporary folder, removed at the end unless --keep names one. `--quick` runs smaller versions of
all three (a few minutes in all). Prints a markdown report; --save writes it to a file too. Exit 1
when a check or a target fails. Linux only (/proc). Run nothing else heavy meanwhile: the report
shows how much CPU other processes took during each timed run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
from machine import REPO, machine, revision
from tables import machine_line, md_table, num

SEEDS = REPO / "fixtures" / "seeds"
HTML = REPO / "fixtures" / "html"
HOSTS = {  # the site each fixture comes from: its records get urls there (site rules apply)
    "000": "www.reuters.com",
    "001": "www.reuters.com",
    "002": "newsblog.example.com",
    "003": "www.independent.co.uk",
    "004": "focustaiwan.tw",
    "cna_translated": "focustaiwan.tw",
    "independent_live": "www.independent.co.uk",
    "reuters_photo": "www.reuters.com",
    "reuters_shop": "shop.reuters.com",
}
TIME_LIMIT = 2.0  # --time-limit for the bad-records run: the slow pages take longer than this
SLOW_ROWS = 40_000  # reader comments on the slow page: about 5 s of cleaning here, over twice TIME_LIMIT
HUGE_BYTES = 30_000_000  # the one oversized record (the default --max-bytes is 20,000,000)
RUN_TIMEOUT = 3600  # seconds before a run counts as hung
DISTURBED_SHARE = 0.1  # a timed run during which other processes used more than this share of a core
EXTRA_ROUNDS = 2  # throughput rounds run on top while a best run was disturbed
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
MONTHS += ["November", "December"]


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


# --- records ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """One fixture: which field its records carry it in, its site, its text."""

    name: str
    field: str  # "text" or "html"
    host: str
    source: str


def fixture_pages() -> list[Page]:
    """The scraped texts and the HTML pages of fixtures/, decoded (one HTML page is cp1252)."""
    pages = [Page(p.stem, "text", HOSTS[p.stem[:3]], p.read_text("utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    for path in sorted(HTML.glob("*.html")):
        raw = path.read_bytes()
        try:
            source = raw.decode("utf-8")
        except UnicodeDecodeError:
            source = raw.decode("cp1252", errors="replace")
        pages.append(Page(path.stem, "html", HOSTS[path.stem], source))
    return pages


_SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z“\"])")
_HTML_PARAGRAPH = re.compile(r"(<p\b[^>]*>)([^<]{200,})(</p>)")


def _shuffled(paragraph: str, rng: random.Random) -> str:
    sentences = _SENTENCE_END.split(paragraph)
    rng.shuffle(sentences)
    return " ".join(sentences)


def _dateline(rng: random.Random) -> str:
    """A short line of its own for each record: a crawl's short blocks are not all boilerplate."""
    day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2015, 2025)
    return f"Updated {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d} GMT, {day} {month} {year}"


def varied(page: Page, rng: random.Random, short: bool = False) -> str:
    """The page with the sentences of its long paragraphs shuffled and a dateline before the first.

    `short` keeps the text's first blocks only (about 1.5 KB), or the HTML page's first long
    paragraphs, for streams that must be long rather than heavy.
    """
    dateline = _dateline(rng)
    if page.field == "html":
        matches = list(_HTML_PARAGRAPH.finditer(page.source))
        keep = matches[:3] if short else matches
        parts, last = [], 0
        for i, m in enumerate(keep):
            extra = f'<p class="updated">{dateline}</p>\n' if i == 0 else ""
            parts += [page.source[last : m.start()], extra, m[1], _shuffled(m[2], rng), m[3]]
            last = m.end()
        return "".join(parts) + page.source[_tail_start(page.source, last, short) :]
    blocks = page.source.split("\n\n")
    if short:
        blocks = _first_blocks(blocks, 1500)
    first_long = next((i for i, b in enumerate(blocks) if len(b) >= 200), len(blocks))
    out = [_shuffled(b, rng) if len(b) >= 200 and "\n" not in b else b for b in blocks]
    out.insert(first_long, dateline)
    return "\n\n".join(out)


def _tail_start(source: str, last: int, short: bool) -> int:
    """Where the rest of the page resumes: after the last paragraph, or at the article's end when short."""
    if not short:
        return last
    for closing in ("</article>", "</main>", "</body>"):
        if (at := source.find(closing, last)) >= 0:
            return at
    return len(source)


def _first_blocks(blocks: list[str], chars: int) -> list[str]:
    kept, size = [], 0
    for block in blocks:
        kept.append(block)
        size += len(block)
        if size >= chars and len(kept) >= 4:
            break
    return kept


def good_record(number: int, page: Page, rng: random.Random, short: bool = False) -> bytes:
    """One record as a crawler writes it: id, url, the page, a language and a metadata object."""
    record = {
        "id": f"rec-{number:06d}",
        "url": f"https://{page.host}/news/{page.name}-{number}",
        page.field: varied(page, rng, short),
        "lang": "en",
        "metadata": {"crawl": "bench", "fixture": page.name},
    }
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


def good_records(count: int, seed: int, short: bool = False) -> Iterator[tuple[str, bytes]]:
    """`count` good records (id, line), fixtures in turn; a short stream is mostly text, a tenth HTML."""
    rng = random.Random(seed)
    pages = fixture_pages()
    texts = [p for p in pages if p.field == "text"]
    for number in range(count):
        page = pages[number % len(pages)]
        if short:
            page = rng.choice(pages) if number % 10 == 0 else rng.choice(texts)
        yield f"rec-{number:06d}", good_record(number, page, rng, short)


# --- bad records --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bad:
    """A bad line, what it is, and the error classes its error record may name."""

    kind: str
    line: bytes
    expected: frozenset[str]


def comments_page(rows: int) -> str:
    """An article with `rows` reader comments (a div, a paragraph, a link and a span each): a
    realistic shape, a few MB and far under the element limit, that takes cleaner seconds."""
    comments = "\n".join(
        f'<div class="comment" id="c{i}"><p>Reader {i} wrote: the <a href="/u/{i}">minister</a> said on '
        f"<span>Monday</span> that the talks would resume in the spring.</p></div>"
        for i in range(rows)
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><title>Live: your comments on the talks</title></head><body>'
        '<nav><a href="/">Home</a> <a href="/world">World</a></nav><main><article><h1>Your comments on the talks</h1>'
        f"<p>{'The talks resume in the spring, the minister said on Monday. ' * 5}</p>"
        f'<section class="comments">{comments}</section></article></main></body></html>'
    )


def huge_record() -> bytes:
    """One 30 MB record: a page of plain ASCII paragraphs, over the 20,000,000 default --max-bytes."""
    paragraph = "<p>" + "The minister said on Monday that the talks would resume in the spring. " * 20 + "</p>\\n"
    head = b'{"id": "huge-30mb", "url": "https://example.com/huge", "html": "<html><body>'
    tail = b'</body></html>"}'
    body = paragraph.encode() * ((HUGE_BYTES - len(head) - len(tail)) // len(paragraph) + 1)
    return head + body[: HUGE_BYTES - len(head) - len(tail)] + tail


def junk(rng: random.Random, size: int) -> bytes:
    """Random bytes with no newline in them (a newline would make two lines) and something not blank."""
    data = bytes(b for b in rng.randbytes(size * 2) if b != 0x0A)[: size - 1]
    return b"\x89" + data


JSON_MISTAKES: list[tuple[str, bytes, str]] = [
    ("truncated record", b'{"id": "cut", "text": "The minister said on Monday that the ta', "InvalidJSON"),
    ("single quotes", b"{'id': 'sq', 'text': 'The minister said.'}", "InvalidJSON"),
    ("trailing comma", b'{"id": "tc", "text": "The minister said.",}', "InvalidJSON"),
    ("unquoted key", b'{id: "uk", "text": "The minister said."}', "InvalidJSON"),
    ("two objects on one line", b'{"id": "a", "text": "x"}{"id": "b", "text": "y"}', "InvalidJSON"),
    ("bad escape", b'{"id": "be", "text": "C:\\path\\x"}', "InvalidJSON"),
    ("raw HTML line", b"<html><body><p>The minister said.</p></body></html>", "InvalidJSON"),
    ("Latin-1 text in a record", b'{"id": "l1", "text": "Caf\xe9 cr\xe8me"}', "UndecodableBytes"),
    ("a JSON array", b'[{"id": "arr", "text": "The minister said."}]', "NotAnObject"),
    ("no text field", b'{"id": "nf", "title": "The minister said."}', "MissingField"),
    ("text is a number", b'{"id": "num", "text": 42}', "FieldNotText"),
]


def bad_records(count: int, rng: random.Random) -> list[Bad]:
    """`count` bad lines: one 30 MB record, one slow page, then JSON mistakes and binary junk in turn."""
    page = comments_page(SLOW_ROWS)
    slow = json.dumps({"id": "slow-comments", "url": "https://example.com/comments", "html": page})
    bad = [
        Bad("30 MB record", huge_record(), frozenset({"InputTooLarge"})),
        Bad(
            f"slow page ({SLOW_ROWS:,} comments, {len(page) / 1e6:.1f} MB)",
            slow.encode(),
            frozenset({"TimeLimitExceeded"}),
        ),
    ]
    while len(bad) < count:
        if len(bad) % 3 == 0:
            kind, size = ("binary junk", rng.randint(20, 4000))
            bad.append(Bad(kind, junk(rng, size), frozenset({"UndecodableBytes", "InvalidJSON"})))
        else:
            kind, line, error = JSON_MISTAKES[len(bad) % len(JSON_MISTAKES)]
            bad.append(Bad(kind, line, frozenset({error})))
    assert not any(b"\n" in b.line for b in bad), "a bad line with a newline in it would be two lines"
    return bad[:count]


@dataclass
class MixedFile:
    """The bad-records input: where it is, the good ids in order, and the bad lines by line number."""

    path: Path
    good_ids: list[str]
    bad: dict[int, Bad]


def write_mixed(path: Path, records: int, seed: int) -> MixedFile:
    """`records` lines, 1% bad at random lines (numbered from 1, as the error records number them)."""
    rng = random.Random(seed)
    bad = bad_records(max(2, records // 100), rng)
    rng.shuffle(bad)
    lines = sorted(rng.sample(range(1, records + 1), len(bad)))
    at = dict(zip(lines, bad, strict=True))
    good = good_records(records - len(bad), seed)
    ids = []
    with path.open("wb") as f:
        for number in range(1, records + 1):
            if number in at:
                line = at[number].line
            else:
                record_id, line = next(good)
                ids.append(record_id)
            f.write(line + b"\n")
    return MixedFile(path, ids, at)


def write_good(path: Path, records: int, seed: int, short: bool = False) -> Path:
    """Good records only; gzipped when the name says .gz (cleaner reads gzip as such)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wb") as f:
        for _, line in good_records(records, seed, short):
            f.write(line + b"\n")
    return path


# --- running cleaner ----------------------------------------------------------------------------


def cleaner_command() -> str:
    """The console script beside this interpreter (not a version manager's shim), else the one on PATH."""
    here = Path(sys.executable).parent / "cleaner"
    found = str(here) if here.exists() else shutil.which("cleaner")
    if not found:
        raise SystemExit("cleaner is not installed")
    return found


def _read_proc(pid: int, name: str) -> str:
    try:
        return Path(f"/proc/{pid}/{name}").read_text()
    except OSError:
        return ""  # the process is gone


def descendants(root: int) -> list[int]:
    """`root` and every process under it, from the parent ids in /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            stat = _read_proc(int(entry.name), "stat")
            if stat:
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _kb(text: str, key: str) -> int:
    match = re.search(rf"^{key}:\s+(\d+) kB", text, re.M)
    return int(match[1]) if match else 0


class TreeSampler(threading.Thread):
    """Samples the memory of a process tree every `interval` seconds while it runs.

    Three views, since none is the whole truth: the sum of the processes' RSS at one moment
    (counts pages a forked worker shares with its parent twice), the sum of their PSS (shared
    pages split between their sharers: what the tree costs the machine), and each process's own
    high-water mark (VmHWM, exact, but the processes peak at different moments).
    """

    def __init__(self, root: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.peak_rss_kb = self.peak_pss_kb = 0
        self.hwm_kb: dict[int, int] = {}
        self.processes = 0
        self.trace: list[tuple[float, int]] = []  # (seconds since start, RSS sum)
        self._done = threading.Event()

    def run(self) -> None:
        start = time.perf_counter()
        while not self._done.is_set():
            rss = pss = 0
            pids = descendants(self.root)
            self.processes = max(self.processes, len(pids))
            for pid in pids:
                status = _read_proc(pid, "status")
                rss += _kb(status, "VmRSS")
                pss += _kb(_read_proc(pid, "smaps_rollup"), "Pss")
                self.hwm_kb[pid] = max(self.hwm_kb.get(pid, 0), _kb(status, "VmHWM"))
            self.peak_rss_kb, self.peak_pss_kb = max(self.peak_rss_kb, rss), max(self.peak_pss_kb, pss)
            self.trace.append((time.perf_counter() - start, rss))
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join()


@dataclass
class Run:
    """One cleaner run: how it ended, how long it took, what it cost, where its outputs are."""

    argv: list[str]
    returncode: int
    seconds: float
    out: Path
    stderr: str
    errors: Path | None
    cpu_seconds: float  # user + system of cleaner and the workers it waited for
    others_cpu: float  # CPU seconds the rest of the machine used meanwhile
    sampler: TreeSampler | None = None
    hung: bool = False


def busy_cpu_seconds() -> float:
    """CPU seconds all processors spent busy since boot (not idle, not waiting for I/O)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def run_cleaner(
    input_path: Path, work: Path, name: str, args: list[str], errors: bool = True, sample: bool = False
) -> Run:
    """`cleaner --jsonl ARGS INPUT` with stdout and stderr to files; waits with wait4 for the CPU time
    of cleaner and the workers it reaped."""
    out, err = work / f"{name}.out.jsonl", work / f"{name}.stderr"
    errors_path = work / f"{name}.errors.jsonl" if errors else None
    argv = [
        cleaner_command(),
        "--jsonl",
        *args,
        *(["--errors", str(errors_path)] if errors_path else []),
        str(input_path),
    ]
    self_before = resource.getrusage(resource.RUSAGE_SELF)
    busy_before = busy_cpu_seconds()
    start = time.perf_counter()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        proc = subprocess.Popen(argv, stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL)
        sampler = TreeSampler(proc.pid) if sample else None
        if sampler:
            sampler.start()
        _, status, usage, hung = _wait4(proc)
        seconds = time.perf_counter() - start
        if sampler:
            sampler.stop()
    busy = busy_cpu_seconds() - busy_before
    self_after = resource.getrusage(resource.RUSAGE_SELF)
    own = self_after.ru_utime + self_after.ru_stime - self_before.ru_utime - self_before.ru_stime
    cpu = usage.ru_utime + usage.ru_stime
    return Run(
        argv=["cleaner", *(Path(a).name if a.startswith(str(work)) else a for a in argv[1:])],
        returncode=os.waitstatus_to_exitcode(status),
        seconds=seconds,
        out=out,
        stderr=err.read_text("utf-8", errors="replace"),
        errors=errors_path,
        cpu_seconds=cpu,
        others_cpu=max(0.0, busy - cpu - own),
        sampler=sampler,
        hung=hung,
    )


def _wait4(proc: subprocess.Popen) -> tuple[int, int, resource.struct_rusage, bool]:
    """wait4 on the child, killing its process group after RUN_TIMEOUT (a hung worker)."""
    deadline = time.monotonic() + RUN_TIMEOUT
    while time.monotonic() < deadline:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return pid, status, usage, False
        time.sleep(0.05)
    for pid in reversed(descendants(proc.pid)):
        os.kill(pid, 9)
    pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return pid, status, usage, True


SUMMARY = re.compile(r"^cleaner: (\d+) records in, (\d+) written, (\d+) errors(.*)$", re.M)


def summary_of(run: Run) -> tuple[int, int, int] | None:
    """(records in, written, errors) from the summary line on stderr, None when there is none."""
    match = SUMMARY.search(run.stderr)
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


def other_stderr(run: Run) -> list[str]:
    """Whatever stderr says besides the summary line (there should be nothing)."""
    return [line for line in run.stderr.splitlines() if line.strip() and not SUMMARY.match(line)]


def count_lines(path: Path) -> int:
    with path.open("rb") as f:
        return sum(1 for _ in f)


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
        Check("summary line adds up", summary_of(run) == (total, good, bad), _summary_text(run)),
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


def _summary_text(run: Run) -> str:
    match = SUMMARY.search(run.stderr)
    return f"`{match[0]}`" if match else "no summary line"


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
        return _peak(self.runs[jobs, large], metric) / _peak(self.runs[jobs, small], metric)


def _peak(run: Run, metric: str) -> float:
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


# --- the report ---------------------------------------------------------------------------------


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
                        f"{mem.ratio(jobs):.2f}x ({num(_peak(mem.runs[jobs, large], 'rss'))} MB ÷ "
                        f"{num(_peak(mem.runs[jobs, small], 'rss'))} MB)",
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
                    _summary_text(run),
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
                num(_peak(run, "rss")),
                num(_peak(run, "pss")),
                num(_peak(run, "hwm")),
                num(_peak(run, "largest")),
                str(s.processes),
                late_growth(run),
                f"{run.returncode}",
                _summary_text(run),
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


# --- main ---------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller versions of all three parts (minutes)")
    parser.add_argument("--save", type=Path, metavar="PATH", help="write the markdown report here too")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="generate the data here and keep it")
    args = parser.parse_args()
    scale = QUICK if args.quick else FULL
    start = time.perf_counter()
    work = args.keep or Path(tempfile.mkdtemp(prefix="cleaner-stream-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        bad = _step("1. bad records", lambda: bad_records_part(scale, work))
        tp = _step("2. throughput", lambda: throughput_part(scale, work))
        mem = _step("3. memory", lambda: memory_part(scale, work))
        slow = _step("probe: slow pages", lambda: slow_probe(scale, work))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    text, ok = report(scale, args.quick, bad, tp, mem, slow, time.perf_counter() - start)
    print(text)
    if args.save:
        args.save.write_text(text, encoding="utf-8")
    return 0 if ok else 1


def _step(name: str, fn):
    """Run one part, saying on stderr when it starts and how long it took (the parts take minutes)."""
    print(f"stream.py: {name}...", file=sys.stderr, flush=True)
    start = time.perf_counter()
    result = fn()
    print(f"stream.py: {name} done in {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    return result


if __name__ == "__main__":
    sys.exit(main())
