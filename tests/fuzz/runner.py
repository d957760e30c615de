"""The fuzz run: worker processes that clean case after case, watched by the parent.

Each worker makes its cases from `(seed, worker, index)` and tells the parent which case it starts
and how it ended, so the parent can rebuild any case it needs. A case that hangs trips the
worker's faulthandler timer, which writes the stack where it hung and ends the process (this works
inside C code, where no Python signal handler runs); the parent records that case as slow, with
the stack, and starts a new worker after it. A worker that crashes is recorded the same way.
"""

from __future__ import annotations

import faulthandler
import multiprocessing as mp
import re
import signal
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from .cases import KINDS, make_case
from .findings import Findings, is_finding
from .targets import CLEANER_DIR, SLOW_SECONDS, run_case

HARD_TIMEOUT = 10.0  # seconds of wall time before a case counts as stuck and its worker is ended


@dataclass
class Plan:
    """What to run: for how long (or how many cases), with how many workers, on which kinds."""

    seconds: float | None = 60.0
    cases: int | None = None
    jobs: int = 1
    seed: int = 0
    kinds: list[str] = field(default_factory=lambda: list(KINDS))
    timeout: float = HARD_TIMEOUT
    slow_seconds: float = SLOW_SECONDS


def _worker(slot: int, plan: Plan, start: int, stop_at: int | None, conn: Connection, stop, dump_path: str) -> None:
    """Clean cases `start`, `start + 1`, ... until told to stop (or `stop_at`), reporting each."""
    from cleaner.stream import StreamSettings, warm_up

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    dump = open(dump_path, "w")  # noqa: SIM115 - open for the life of the process
    faulthandler.enable(dump)  # a segfault leaves its stack here
    warm_up(StreamSettings())  # imports and model loads are not charged to the first case
    index = start
    try:
        while not stop.is_set() and (stop_at is None or index < stop_at):
            case = make_case(plan.seed, slot, index, plan.kinds)
            conn.send(("start", index))
            faulthandler.dump_traceback_later(plan.timeout, exit=True, file=dump)
            outcome = run_case(case)
            faulthandler.cancel_dump_traceback_later()
            conn.send(("done", index, case["kind"], outcome))
            index += 1
    except Exception:  # the fuzzer's own fault (cleaner's are caught in run_case): the run must stop
        conn.send(("broken", index, traceback.format_exc()))
    conn.send(("end", index))


class _Slot:
    """One worker process and the case it is at."""

    def __init__(self, slot: int, plan: Plan, start: int, stop_at: int | None, stop, dump_dir: Path) -> None:
        self.slot, self.current, self.started = slot, None, time.monotonic()
        self.dump_path = dump_dir / f"worker-{slot}.txt"
        self.conn, child = mp.Pipe(duplex=False)
        args = (slot, plan, start, stop_at, child, stop, str(self.dump_path))
        self.process = mp.Process(target=_worker, args=args, daemon=True)
        self.process.start()
        child.close()
        self.ended = self.eof = False


class Run:
    """The parent's side: start workers, collect outcomes, record findings, restart the stuck."""

    def __init__(self, plan: Plan, out: Path) -> None:
        self.plan, self.findings = plan, Findings(out)
        self.stop = mp.Event()
        self.counts: dict[str, Counter[str]] = defaultdict(Counter)
        self.dump_dir = Path(tempfile.mkdtemp(prefix="cleaner-fuzz-"))
        self.per_worker = None if plan.cases is None else -(-plan.cases // plan.jobs)

    def run(self) -> dict[str, Any]:
        began = time.monotonic()
        deadline = None if self.plan.seconds is None else began + self.plan.seconds
        slots = [self._start(i, 0) for i in range(self.plan.jobs)]
        while any(not s.ended for s in slots):
            if deadline is not None and time.monotonic() > deadline:
                self.stop.set()
            ready = wait([s.conn for s in slots if not s.ended], timeout=0.5)
            for slot in slots:
                if slot.ended:
                    continue
                if slot.conn in ready:
                    self._read(slot)
                if not slot.ended and (slot.eof or (not slot.process.is_alive() and not slot.conn.poll())):
                    slots[slot.slot] = self._lost(slot)
                elif slot.current is not None and time.monotonic() - slot.started > 3 * self.plan.timeout:
                    slot.process.kill()  # the faulthandler timer did not end it: end it here
                    slot.process.join()
        elapsed = time.monotonic() - began
        return self._summary(elapsed)

    def _start(self, slot: int, start: int) -> _Slot:
        return _Slot(slot, self.plan, start, self.per_worker, self.stop, self.dump_dir)

    def _read(self, slot: _Slot) -> None:
        try:
            message = slot.conn.recv()
        except EOFError:  # the worker is gone
            slot.eof = True
            return
        if message[0] == "start":
            slot.current, slot.started = message[1], time.monotonic()
        elif message[0] == "done":
            _, index, kind, outcome = message
            slot.current = None
            self.counts[kind]["run"] += 1
            self.counts[kind][outcome["status"]] += 1
            if is_finding(outcome, self.plan.slow_seconds):
                if outcome["status"] != "crash":
                    self.counts[kind]["slow"] += 1
                self._record(slot.slot, index, outcome)
        elif message[0] == "broken":
            self.stop.set()
            raise RuntimeError(f"the fuzzer failed at case {self.plan.seed}:{slot.slot}:{message[1]}:\n{message[2]}")
        elif message[0] == "end":
            slot.ended = True
            slot.process.join()

    def _lost(self, slot: _Slot) -> _Slot:
        """A worker that died: its case was stuck (timeout) or crashed the process."""
        slot.process.join()
        stack = slot.dump_path.read_text(errors="replace") if slot.dump_path.exists() else ""
        if slot.current is None:
            raise RuntimeError(f"fuzz worker {slot.slot} died between cases (exit {slot.process.exitcode}):\n{stack}")
        case_kind = make_case(self.plan.seed, slot.slot, slot.current, self.plan.kinds)["kind"]
        self.counts[case_kind]["run"] += 1
        wall = round(time.monotonic() - slot.started, 2)
        if "Timeout (" in stack:
            self.counts[case_kind]["slow"] += 1
            outcome = {"status": "timeout", "cpu": None, "wall": wall, "stage": "timeout", "stack": stack}
        else:
            self.counts[case_kind]["crash"] += 1
            error = {"stage": "process", "type": f"WorkerDied(exit {slot.process.exitcode})", "where": _stuck_at(stack)}
            outcome = {"status": "crash", "wall": wall, "error": {**error, "message": "", "traceback": stack}}
        self._record(slot.slot, slot.current, outcome, stuck_at=_stuck_at(stack))
        return self._start(slot.slot, slot.current + 1)

    def _record(self, worker: int, index: int, outcome: dict[str, Any], stuck_at: str | None = None) -> None:
        case = make_case(self.plan.seed, worker, index, self.plan.kinds)
        if stuck_at is not None and outcome["status"] == "timeout":
            case = {**case, "generator": f"{case['generator']} stuck at {stuck_at}"}
        if self.findings.add(case, outcome):
            what = outcome.get("error", {}).get("type") or f"slow ({outcome.get('cpu')} s cpu, {outcome['wall']} s)"
            print(f"found: {case['id']} {case['kind']}/{case['generator']}: {what}", flush=True)

    def _summary(self, elapsed: float) -> dict[str, Any]:
        total = sum(c["run"] for c in self.counts.values())
        summary = {
            "seed": self.plan.seed,
            "jobs": self.plan.jobs,
            "seconds": round(elapsed, 1),
            "inputs": total,
            "per_second": round(total / elapsed, 1) if elapsed else 0.0,
            "kinds": {k: dict(c) for k, c in sorted(self.counts.items())},
            "crashes": len(self.findings.crashes()),
            "slow": len(self.findings.slow()),
        }
        self.findings.write_summary(summary)
        return summary


def _stuck_at(stack: str) -> str:
    """The innermost cleaner frame of a faulthandler dump (it lists the innermost first)."""
    for path, line, func in re.findall(r'File "([^"]+)", line (\d+) in (\S+)', stack):
        if path.startswith(CLEANER_DIR):
            return f"{path.replace(CLEANER_DIR, 'cleaner')}:{line} in {func}"
    return "?"


def summary_text(summary: dict[str, Any], findings: Findings) -> str:
    """The run in a few lines: inputs per kind and what became of them, then the findings."""
    lines = [
        f"fuzz: {summary['inputs']:,} inputs in {summary['seconds']} s ({summary['per_second']}/s, "
        f"{summary['jobs']} jobs, seed {summary['seed']})"
    ]
    for kind, counts in summary["kinds"].items():
        parts = ", ".join(f"{counts.get(k, 0):,} {k}" for k in ("ok", "refused", "crash", "slow") if counts.get(k))
        lines.append(f"  {kind:<8} {counts.get('run', 0):>8,} run: {parts}")
    lines.append(f"crashes: {summary['crashes']} distinct; slow inputs: {summary['slow']} distinct")
    if findings.seen:
        lines.append(findings.report())
    return "\n".join(lines)
