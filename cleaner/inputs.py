"""Opening an input: gzip told by its magic bytes, decompressed as read, damage reported not raised.

One helper for the single-document command line and for streams, so that both read a `.gz`
the same way. Decompression hands out at most what the reader asks for (a gzip bomb costs no
memory past the limit the reader applies), and a stream cut off or corrupt gives everything
decompressed before the damage, then says what the damage was, instead of losing the bytes
already decompressed in a buffer (as `gzip.GzipFile` does when it raises EOFError).
"""

from __future__ import annotations

import io
import sys
import zlib
from dataclasses import dataclass
from typing import IO

from .errors import InputError
from .limits import InputTooLarge

GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 1 << 16  # compressed bytes read at a time


@dataclass(frozen=True, slots=True)
class Damage:
    """Why an input ends early: `kind` names it as a stream's error class does."""

    kind: str  # "TruncatedInput" or "CorruptInput"
    message: str


class Gunzip(io.RawIOBase):
    """Gzip members (one or more, as `gzip` reads them) decompressed as they are read.

    On a cut or corrupt stream, reading ends (returns no more bytes) after everything that
    could be decompressed, and `damage` says what went wrong."""

    def __init__(self, raw: IO[bytes], head: bytes = b"") -> None:
        super().__init__()
        self._raw = raw
        self._pending = head  # compressed bytes read, not yet decompressed
        self._member: zlib._Decompress | None = None  # None: between members
        self._consumed = 0  # compressed bytes taken so far, for the messages
        self._ended = False
        self.damage: Damage | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        while not self._ended:
            if not self._pending and not self._fill():
                return 0
            if self._member is None:
                self._pending = self._pending.lstrip(b"\x00")  # padding between members, as gzip allows
                if not self._pending:
                    continue
                self._member = zlib.decompressobj(wbits=31)
            out = self._decompress(len(buffer))
            if out:
                buffer[: len(out)] = out
                return len(out)
        return 0

    def _fill(self) -> bool:
        """Read more compressed bytes; at the end, note a member left unfinished."""
        self._pending = _read_some(self._raw, CHUNK)
        if self._pending:
            return True
        if self._member is not None:
            self._end(Damage("TruncatedInput", f"the gzip data is cut off after {self._consumed:,} bytes"))
        self._ended = True
        return False

    def _decompress(self, size: int) -> bytes:
        member = self._member
        assert member is not None
        before = len(self._pending)
        try:
            out = member.decompress(self._pending, size)
        except zlib.error as exc:
            self._end(Damage("CorruptInput", f"the gzip data is corrupt after {self._consumed:,} bytes: {exc}"))
            return b""
        if member.eof:
            self._pending, self._member = member.unused_data, None
        else:
            self._pending = member.unconsumed_tail
        self._consumed += before - len(self._pending)
        return out

    def _end(self, damage: Damage) -> None:
        self.damage, self._ended, self._pending = damage, True, b""

    def close(self) -> None:
        close_input(self._raw)
        super().close()


class Input(io.BufferedReader):
    """A buffered input whose `damage` says why it ended early (None: it did not)."""

    @property
    def damage(self) -> Damage | None:
        return getattr(self.raw, "damage", None)


def sniffed(raw: IO[bytes]) -> IO[bytes]:
    """`raw` as bytes, decompressed when it opens with the gzip magic bytes (its name is not asked)."""
    head = raw.peek(len(GZIP_MAGIC))[: len(GZIP_MAGIC)] if hasattr(raw, "peek") else b""
    if len(head) == len(GZIP_MAGIC) or (hasattr(raw, "peek") and not head):  # told without reading
        return Input(Gunzip(raw), CHUNK) if head == GZIP_MAGIC else raw
    head = _read_exactly(raw, len(GZIP_MAGIC))  # a pipe that has handed over one byte so far
    return Input(Gunzip(raw, head) if head == GZIP_MAGIC else _Prefixed(raw, head), CHUNK)


def open_input(path: str) -> IO[bytes]:
    """The file at `path` (`-`: standard input) as bytes, gzip decompressed as read."""
    raw: IO[bytes] = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    return sniffed(raw)


def read_document(path: str, max_bytes: int | None) -> bytes:
    """One document's bytes, decompressed if gzip, never past `max_bytes` (InputTooLarge then);
    a cut or corrupt gzip is an InputError that says so."""
    stream = open_input(path)
    try:
        data = stream.read() if max_bytes is None else stream.read(max_bytes + 1)
        damage = getattr(stream, "damage", None)
    finally:
        close_input(stream)
    if max_bytes is not None and len(data) > max_bytes:
        raise InputTooLarge(f"the input is over the limit of {max_bytes:,} bytes (read no further)")
    if damage is not None:
        raise InputError(damage.message)
    return data


def _read_some(raw: IO[bytes], size: int) -> bytes:
    """Up to `size` bytes, as soon as some are there: a pipe's reader must not wait for a full chunk
    (`read1`, not `readinto1`, which makes a raw read even when bytes are buffered)."""
    return raw.read1(size) if hasattr(raw, "read1") else raw.read(size)  # type: ignore[attr-defined]


def _read_exactly(raw: IO[bytes], size: int) -> bytes:
    """`size` bytes, or fewer at the end: a pipe may hand over fewer at a time."""
    head = b""
    while len(head) < size:
        more = raw.read(size - len(head))
        if not more:
            break
        head += more
    return head


class _Prefixed(io.RawIOBase):
    """`head` (the bytes read to tell gzip), then the rest of `raw`."""

    def __init__(self, raw: IO[bytes], head: bytes) -> None:
        super().__init__()
        self._raw, self._head = raw, head

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size], self._head = self._head[:size], self._head[size:]
            return size
        data = _read_some(self._raw, len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        close_input(self._raw)
        super().close()


def close_input(stream: IO[bytes]) -> None:
    """Close an input from `open_input`; standard input stays open for whoever reads it next."""
    if stream is not sys.stdin.buffer:
        stream.close()
