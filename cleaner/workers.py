"""Worker processes for a stream: batches cleaned in a pool, where a page that kills or hangs its
worker costs that page alone.

A worker that dies (killed, out of memory, a crash in C code) or hangs past its time takes its
batch down with it, and with a process pool, every batch in flight. The batch is then sent again
one record at a time, each alone in a new pool, so that only the record that kills or hangs its
worker fails (`WorkerDied`, `TimeLimitExceeded`); the batches queued behind it are sent again
whole. Each worker pays the one-off warm-up (imports, rule compiles, the language model) once,
before its first record's time limit starts. Starting, restarting and stopping the pool hold
signals back until done, so that no signal leaves a worker running that the end of the process
would wait for.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .output import Signals
from .records import (
    Outcome,
    Prepared,
    RecordError,
    StreamSettings,
    Unreadable,
    clean_record,
    error_record,
    id_of_line,
    warm_up,
)

Line = tuple[int, bytes | Unreadable | Prepared]  # a number, and the line (or record, or why not read)
Pending = deque[tuple[list[Line], Future[list[Outcome]]]]

BATCH_RECORDS = 16  # records sent to a worker at a time
# Forked workers start warm (what the parent imported and compiled is theirs): Python 3.14 makes
# forkserver the default on Linux, which would make each worker pay the warm-up from nothing.
_CONTEXT = multiprocessing.get_context("fork") if sys.platform == "linux" else None
STUCK_AFTER = 60.0  # seconds past its records' time limits after which a worker counts as stuck


class WorkerPool:
    """A pool of worker processes that can be restarted, and stopped without waiting."""

    def __init__(self, settings: StreamSettings, jobs: int) -> None:
        self._settings, self._jobs = settings, jobs
        self._pool = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self._jobs, mp_context=_CONTEXT, initializer=_start_worker, initargs=(self._settings,)
        )

    def submit(self, batch: list[Line]) -> Future[list[Outcome]]:
        return self._pool.submit(_clean_batch, batch)

    def results(self, batch: list[Line], future: Future[list[Outcome]], pending: Pending, signals: Signals):
        """The batch's results; if its worker died or hung, the batch again record by record."""
        try:
            return future.result(timeout=self._timeout(records=len(batch) * (len(pending) + 1)))
        except Exception:  # a dead or stuck worker, or a batch that failed whole (it could not travel)
            pass
        with signals.held():
            self._restart()
        results = [self._alone(item, signals) for item in batch]  # each record's own outcome
        with signals.held():
            self._resend(pending)
        return results

    def _alone(self, item: Line, signals: Signals) -> Outcome:
        """One record in a pool of its own making: if it kills or hangs the worker, it alone fails."""
        number, line = item
        try:
            return self.submit([item]).result(timeout=self._timeout(records=1))[0]
        except (BrokenProcessPool, TimeoutError) as exc:
            hung = isinstance(exc, TimeoutError)
            with signals.held():
                self._restart()
            reason = (
                RecordError("TimeLimitExceeded", "cleaning hung past the time limit; its worker was stopped")
                if hung
                else RecordError("WorkerDied", "the worker process died while cleaning this record")
            )
            return None, error_record(number, id_of_line(line), reason), None
        except Exception as exc:
            return None, error_record(number, id_of_line(line), exc), None

    def _timeout(self, records: int) -> float | None:
        """How long to wait before a worker counts as stuck (in C code, where the time-limit signal
        cannot reach): every record it may be working through at its time limit, and a minute more."""
        limit = self._settings.limits.time_limit
        return None if limit is None else STUCK_AFTER + limit * records

    def _restart(self) -> None:
        self.stop(kill=True)
        self._pool = self._new()

    def _resend(self, pending: Pending) -> None:
        """The batches in flight in a pool that died, sent to the new one (those done keep their results)."""
        for i, (batch, future) in enumerate(pending):
            if not (future.done() and not future.cancelled() and future.exception() is None):
                pending[i] = (batch, self.submit(batch))

    def stop(self, kill: bool) -> None:
        """Shut the pool down; `kill`: end its workers now (shutdown() lets them finish their
        batches, which a stuck worker never does and a stopped stream should not wait for)."""
        if kill:
            for process in list((getattr(self._pool, "_processes", None) or {}).values()):
                process.kill()
        self._pool.shutdown(wait=False, cancel_futures=True)


_WORKER_SETTINGS: StreamSettings | None = None


def _start_worker(settings: StreamSettings) -> None:
    """A worker keeps the settings (sent once, not with every batch) and leaves Ctrl-C to the parent."""
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up(settings)


def _clean_batch(batch: list[Line]) -> list[Outcome]:
    assert _WORKER_SETTINGS is not None
    return [clean_record(number, line, _WORKER_SETTINGS) for number, line in batch]
