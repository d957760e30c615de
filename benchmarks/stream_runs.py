"""Running `cleaner --jsonl` for the stream benchmark: wall time, CPU time, and the process tree's memory.

Linux only: the tree and its memory are read from /proc.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

RUN_TIMEOUT = 3600  # seconds before a run counts as hung


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


def summary_text(run: Run) -> str:
    match = SUMMARY.search(run.stderr)
    return f"`{match[0]}`" if match else "no summary line"
