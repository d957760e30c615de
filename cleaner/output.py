"""Whole lines out: each line is written whole or not at all, and a signal waits for the line's end.

A stream's reader may stop reading (a full pipe blocks the write) or the disk may fill up; a
signal or an error in the middle of a line must not leave half a JSON object at the end of the
output. So a line goes out with one loop of `os.write` calls that SIGINT and SIGTERM do not
break (the signal is acted on once the line is out), and a write that fails half-way through a
regular file is cut back to the line's start.
"""

from __future__ import annotations

import io
import os
import select
import signal
import stat
from typing import IO, Any

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class StopStream(BaseException):
    """The stream must end now (a signal, too many errors, an output that fails); what is done
    so far stays written.

    A BaseException, like KeyboardInterrupt, so that no record's `except Exception` takes it
    for that record's failure. `kind` is the error class of the records read but not written;
    `fatal`: the end is the process's (exit code 3), not the records'."""

    kind = "Stopped"
    fatal = False


class Interrupted(StopStream):
    """A signal (SIGINT, SIGTERM) ends the stream."""

    kind = "Interrupted"
    fatal = True


class OutputFailed(StopStream):
    """The output or the error stream cannot be written (a full disk, a closed pipe)."""

    kind = "NotWritten"
    fatal = True

    def __init__(self, message: str, errors_lost: bool = False) -> None:
        super().__init__(message)
        self.errors_lost = errors_lost  # the error stream itself failed: no more error records


class Signals:
    """SIGINT and SIGTERM become Interrupted: at once, or, inside `deferred()`, at its end.

    A second signal does not wait: a reader that never reads again would otherwise hold the
    process for ever (a regular file is still cut back to its last whole line). Inside `held()`
    (short work that must not be cut: killing workers) every signal waits for the next
    `deferred()` region's end, or for `pending` to be read."""

    def __init__(self) -> None:
        self.received: str | None = None  # the first signal's name
        self.pending = False  # received, not yet raised
        self._depth = 0
        self._holding = 0
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> Signals:
        self._previous = {sig: signal.signal(sig, self._handle) for sig in STOP_SIGNALS}
        return self

    def __exit__(self, *exc_info: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)

    def deferred(self) -> _Region:
        """A region a first signal does not break: it is raised when the region ends."""
        return _Region(self, hold_all=False)

    def held(self) -> _Region:
        """A region no signal breaks, and whose end raises nothing."""
        return _Region(self, hold_all=True)

    def _handle(self, signum: int, _frame: object) -> None:
        name = signal.Signals(signum).name
        if self._holding or (self._depth and self.received is None):
            self.received, self.pending = self.received or name, True
            return
        self.received = self.received or name
        self.pending = False
        raise Interrupted(f"signal {name}")


class _Region:
    __slots__ = ("_hold_all", "_signals")

    def __init__(self, signals: Signals, hold_all: bool) -> None:
        self._signals, self._hold_all = signals, hold_all

    def __enter__(self) -> None:
        if self._hold_all:
            self._signals._holding += 1
        else:
            self._signals._depth += 1

    def __exit__(self, exc_type: object, *_: object) -> None:
        signals = self._signals
        if self._hold_all:
            signals._holding -= 1
            return
        signals._depth -= 1
        if signals.pending and not signals._depth and not signals._holding and exc_type is None:
            signals.pending = False
            raise Interrupted(f"signal {signals.received}")


NO_SIGNALS = Signals()  # not installed: deferred() regions that nothing interrupts


class LineWriter:
    """Lines (bytes ending in a newline) to a file or file-like object, each whole or not at all.

    A write that fails raises OutputFailed naming the output, except a closed pipe on an
    output whose reader may stop early (`| head`), which stays a BrokenPipeError."""

    def __init__(
        self, target: IO[Any], name: str, signals: Signals = NO_SIGNALS, *, broken_pipe_is_quiet: bool = False
    ) -> None:
        self.name = name
        self._target = target
        self._signals = signals
        self._quiet = broken_pipe_is_quiet
        self._fd = _fd_of(target)
        self._text = isinstance(target, io.TextIOBase)

    def write(self, line: bytes) -> None:
        with self._signals.deferred():
            try:
                if self._fd is not None:
                    write_all(self._fd, line)
                else:
                    self._target.write(line.decode("utf-8") if self._text else line)
            except BrokenPipeError:
                if self._quiet:
                    raise
                raise OutputFailed(f"cannot write {self.name}: the pipe is closed") from None
            except OSError as exc:
                raise OutputFailed(f"cannot write {self.name}: {exc.strerror or exc}") from None


def write_all(fd: int, data: bytes) -> None:
    """All of `data` to `fd`; on an error half-way, a regular file is cut back to where it was."""
    view = memoryview(data)
    done = 0
    try:
        while done < len(view):
            try:
                done += os.write(fd, view[done:])
            except BlockingIOError:  # a non-blocking descriptor: wait until it takes more
                select.select([], [fd], [])
    except BaseException:
        if done:
            _cut_back(fd, done)
        raise


def _cut_back(fd: int, size: int) -> None:
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            end = os.lseek(fd, 0, os.SEEK_CUR) - size
            os.ftruncate(fd, end)
            os.lseek(fd, end, os.SEEK_SET)
    except OSError:
        pass  # the line stays cut: nothing more can be done with this file


def _fd_of(target: IO[Any]) -> int | None:
    """The descriptor under `target` (its buffer flushed first), or None for an in-memory file."""
    try:
        target.flush()
        return target.fileno()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is both of the last two
        return None
