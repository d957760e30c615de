"""The compact storage under `cleaner.copies.CopyIndex`: rows of numpy arrays, and LSH band keys
in sorted numpy runs, so that a million indexed texts cost no Python object each.

datasketch's own `MinHashLSH` keeps a set and a bytes key per band per text (12.7 kB a text measured
at 42 bands); here a band key is 12 bytes (a 64-bit hash of the band's values and a 32-bit
position). New keys wait in a dict until there are RECENT_KEYS of them, then become a sorted run;
runs of like size are merged (as in a log-structured merge tree), so a lookup searches a few runs
and each key is copied a few times in all.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from .shingles import distinct

CHUNK_ROWS = 1 << 16  # rows per chunk: storage grows a chunk at a time, never copied whole
RECENT_KEYS = 1 << 17  # keys held in a dict before they become a sorted run
MERGE_RATIO = 4  # a run is merged into the one before it once it is a quarter of its size

_K0 = np.uint64(0x9E3779B97F4A7C15)
_K1 = np.uint64(0xBF58476D1CE4E5B9)
_K2 = np.uint64(0x94D049BB133111EB)


def band_keys(minhashes: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """A 64-bit key for each band of `rows` values (the band's number mixed in), for one MinHash
    (shape (bands,)) or many (shape (n, bands))."""
    values = np.asarray(minhashes)[..., : bands * rows].astype(np.uint64)
    values = values.reshape(*values.shape[:-1], bands, rows)
    keys = _salts(bands)
    for row in range(rows):
        keys = (keys ^ values[..., row]) * _K1
    keys ^= keys >> np.uint64(31)
    return (keys * _K2) ^ (keys >> np.uint64(29))


@lru_cache(maxsize=8)
def _salts(bands: int) -> np.ndarray:
    salts = np.arange(1, bands + 1, dtype=np.uint64) * _K0
    salts.flags.writeable = False
    return salts


def exact_key(digest: bytes) -> int:
    """The key of a text's exact digest: its first 8 bytes (the digest itself is compared after)."""
    return int.from_bytes(digest[:8], "little")


class Rows:
    """A growing table of fixed-width numpy rows, in chunks (adding never copies what is there)."""

    def __init__(self, width: int, dtype: type) -> None:
        self.width, self.dtype = width, dtype
        self._chunks: list[np.ndarray] = []
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def append(self, row: np.ndarray) -> None:
        if self._size % CHUNK_ROWS == 0:
            self._chunks.append(np.zeros((CHUNK_ROWS, self.width), dtype=self.dtype))
        self._chunks[-1][self._size % CHUNK_ROWS] = row
        self._size += 1

    def extend(self, rows: np.ndarray) -> None:
        for row in rows:
            self.append(row)

    def take(self, positions: Sequence[int] | np.ndarray) -> np.ndarray:
        """The rows at `positions`, in that order."""
        positions = np.asarray(positions, dtype=np.int64)
        chunk, offset = np.divmod(positions, CHUNK_ROWS)
        if len(self._chunks) == 1 or (chunk.size and chunk.min() == chunk.max()):
            return self._chunks[int(chunk[0])][offset] if chunk.size else np.empty((0, self.width), self.dtype)
        out = np.empty((len(positions), self.width), dtype=self.dtype)
        for number in distinct(chunk):
            here = chunk == number
            out[here] = self._chunks[number][offset[here]]
        return out

    def all(self) -> np.ndarray:
        if not self._chunks:
            return np.empty((0, self.width), dtype=self.dtype)
        return np.concatenate(self._chunks)[: self._size]


class BandRuns:
    """Keys to the positions of the texts that have them: a multimap of uint64 to uint32."""

    def __init__(self) -> None:
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []  # (sorted keys, their positions), largest first
        self._recent: dict[int, int] = {}  # a key's first position since the last run was made
        self._more: dict[int, list[int]] = {}  # ...and its others (rare: a key two texts share)

    def add(self, keys: np.ndarray, position: int) -> None:
        listed = keys.tolist()
        recent = self._recent
        for key in [key for key in listed if key in recent]:
            self._more.setdefault(key, []).append(position)
        before = len(recent)
        recent.update(dict.fromkeys(listed, position) if before == 0 else _new(listed, recent, position))
        if len(recent) >= RECENT_KEYS:
            self._flush()

    def extend(self, keys: np.ndarray, positions: np.ndarray) -> None:
        """Many texts' keys at once (shape (n, k)), as one new run."""
        if keys.size:
            self._push(keys.reshape(-1), np.repeat(positions.astype(np.uint32), keys.shape[1]))

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """The distinct positions of the texts that have any of `keys`."""
        found: list[np.ndarray] = []
        recent: list[int] = []
        for key in keys.tolist():
            first = self._recent.get(key)
            if first is not None:
                recent.append(first)
                recent.extend(self._more.get(key, ()))
        if recent:
            found.append(np.array(recent, dtype=np.uint32))
        wanted = np.sort(keys)  # in order, each search starts where the last ended
        for run_keys, run_positions in self._runs:
            starts = np.minimum(np.searchsorted(run_keys, wanted), len(run_keys) - 1)
            for hit in np.flatnonzero(run_keys[starts] == wanted):
                start = end = int(starts[hit])
                while end < len(run_keys) and run_keys[end] == wanted[hit]:
                    end += 1
                found.append(run_positions[start:end])
        if not found:
            return np.empty(0, dtype=np.uint32)
        return distinct(np.concatenate(found) if len(found) > 1 else found[0])

    def _flush(self) -> None:
        count = len(self._recent)
        keys = np.fromiter(self._recent.keys(), dtype=np.uint64, count=count)
        positions = np.fromiter(self._recent.values(), dtype=np.uint32, count=count)
        if self._more:
            more = [(key, position) for key, others in self._more.items() for position in others]
            keys = np.concatenate([keys, np.array([key for key, _ in more], dtype=np.uint64)])
            positions = np.concatenate([positions, np.array([p for _, p in more], dtype=np.uint32)])
        self._recent, self._more = {}, {}
        self._push(keys, positions)

    def _push(self, keys: np.ndarray, positions: np.ndarray) -> None:
        order = np.argsort(keys, kind="stable")
        self._runs.append((keys[order], positions[order]))
        while len(self._runs) > 1 and len(self._runs[-1][0]) * MERGE_RATIO >= len(self._runs[-2][0]):
            (newer_keys, newer_positions), (older_keys, older_positions) = self._runs.pop(), self._runs.pop()
            keys = np.concatenate([older_keys, newer_keys])
            order = np.argsort(keys, kind="stable")  # two sorted runs: timsort merges them in linear time
            self._runs.append((keys[order], np.concatenate([older_positions, newer_positions])[order]))


def _new(keys: list[int], held: dict[int, int], position: int) -> dict[int, int]:
    """The keys not held yet, each to `position` (a held key keeps its first position)."""
    return {key: position for key in keys if key not in held}
