"""Copies of one article across a crawl: exact copies by a hash of the normalised text, near
copies by MinHash and LSH on its word shingles.

Signatures are made from cleaner's clean text, so that two sites that wrap one story in their own
chrome still hold the same text. A *near copy* is a text most of whose shingles (5 words in a row)
are in the other: the estimated containment of the smaller text in the larger is at least
`threshold` (0.6), and their estimated Jaccard similarity at least `min_jaccard` (0.3). Containment
catches a republished copy that trims or adds paragraphs (seed 001 against 000: Jaccard 0.49,
containment 0.68); the Jaccard floor keeps a short quote inside a long page (a live blog quoting
the story: containment 0.33, Jaccard 0.04) from counting as a copy, however much of it is quoted.

What it catches: the same text under other chrome (Jaccard near 1); copies trimmed, extended or
lightly edited, as long as 60% of the smaller one's shingles are in the other and the larger is
at most about three times the smaller. What it misses: rewrites that change most sentences (a
spun copy: containment 0.13), translations (0.02), short excerpts quoted in longer pages, and
texts of fewer than MIN_SHINGLES shingles (about 25 words), which are only ever exact copies.

The MinHash is datasketch's (`scheme="affine32"`, 128 permutations, seed 1): 512 bytes a text.
Shingles are hashed to 32 bits from 64-bit hashes of their words, all words of a text in one numpy
pass (`cleaner.shingles`; MinHash mixes them further).
Memory per indexed text is flat: the MinHash, its shingle count, its digest, 42 LSH band keys in
sorted numpy runs (12 bytes each), and the caller's key. See `CopyIndex`.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from os import PathLike
from typing import Any

import numpy as np

from .copy_bands import BandRuns, Rows, band_keys, exact_key
from .shingles import NUM_PERM, SCHEME, SEED, SHINGLE_WORDS, minhash_values, normal_words, normalise, shingle_hashes

__all__ = [
    "MIN_JACCARD",
    "MIN_SHINGLES",
    "NUM_PERM",
    "SEED",
    "SHINGLE_WORDS",
    "THRESHOLD",
    "CopyIndex",
    "Match",
    "Signature",
    "containment",
    "minhash_values",
    "normalise",
    "signature",
    "similarity",
]

THRESHOLD = 0.6  # containment of the smaller text in the larger, from which it is a copy
MIN_JACCARD = 0.3  # ...and the Jaccard similarity under which it is not (a quote inside a long page)
MIN_SHINGLES = 20  # fewer distinct shingles than this: too short to judge, only exact copies count
FORMAT = "cleaner-copies/2"  # what `CopyIndex.save` writes (2: words hashed in one pass, not by CRC-32)


@dataclass(frozen=True, eq=False)
class Signature:
    """What the index needs of a text: its exact digest, its MinHash and how many shingles it has.

    `exact` is the blake2b (16 bytes, hex) of `normalise(text)`, "" for a text with no words;
    `minhash` the MinHash's hash values (numpy uint32, read-only; a list is taken too);
    `shingles` the number of distinct shingles (below MIN_SHINGLES: too short to judge)."""

    exact: str
    minhash: np.ndarray
    shingles: int

    def __post_init__(self) -> None:
        values = np.array(self.minhash, dtype=np.uint32)
        values.flags.writeable = False
        object.__setattr__(self, "minhash", values)

    @property
    def judged(self) -> bool:
        """Long enough for a near copy to be told from chance (else exact copies only)."""
        return self.shingles >= MIN_SHINGLES

    def to_list(self) -> list[int]:
        """The MinHash as plain ints (JSON, Spark)."""
        return self.minhash.tolist()

    def to_dict(self) -> dict[str, Any]:
        return {"exact": self.exact, "minhash": self.to_list(), "shingles": self.shingles}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Signature):
            return NotImplemented
        return (self.exact, self.shingles) == (other.exact, other.shingles) and np.array_equal(
            self.minhash, other.minhash
        )

    def __hash__(self) -> int:
        return hash((self.exact, self.shingles, self.minhash.tobytes()))


def signature(
    text: str, *, num_perm: int = NUM_PERM, shingle_words: int = SHINGLE_WORDS, seed: int = SEED
) -> Signature:
    """The signature of a (clean) text: its exact digest, and datasketch's MinHash of its shingles."""
    words = normal_words(text)
    exact = hashlib.blake2b(words, digest_size=16).hexdigest() if words.size else ""
    hashes = shingle_hashes(words, shingle_words)
    return Signature(exact, minhash_values(hashes, num_perm, seed), int(hashes.size))


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two texts' shingles (1.0 for the same normalised text)."""
    if a.exact and a.exact == b.exact:
        return 1.0
    if not (a.shingles and b.shingles):
        return 0.0
    return float(np.count_nonzero(a.minhash == b.minhash)) / len(a.minhash)


def containment(a: Signature, b: Signature) -> float:
    """Estimated share of the smaller text's shingles that are in the other: |A∩B| = J/(1+J)·(|A|+|B|)."""
    return _containment(similarity(a, b), a.shingles, b.shingles)


def _containment(jaccard: Any, size_a: Any, size_b: Any) -> Any:
    smaller = np.maximum(np.minimum(size_a, size_b), 1)
    return np.minimum(jaccard / (1 + jaccard) * (np.asarray(size_a) + size_b) / smaller, 1.0)


@dataclass(frozen=True)
class Match:
    """An earlier text this one is a copy of: its key, the estimated Jaccard similarity and
    containment (1.0 for an exact copy), and how it was found ("exact" or "near")."""

    duplicate_of: object
    similarity: float
    method: str
    containment: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "duplicate_of": self.duplicate_of,
            "similarity": round(self.similarity, 3),
            "containment": round(self.containment, 3),
            "method": self.method,
        }


class CopyIndex:
    """The texts kept so far, to ask of a new one whether it is a copy, and of which.

    `check(key, sig)` is the crawler's call: the best earlier copy, or None, in which case the
    text is added (so the first copy stays the representative, and later copies of it are not
    indexed). `find` and `add` are its halves. Keys are the caller's (a record id, a url); they
    must be str or int for `save`. Per text: 512 bytes of MinHash, 4 of shingle count, 16 of
    digest, 42 LSH band keys and one exact key at 12 bytes each in sorted numpy runs (recent
    texts in a dict until a run is made), and the key itself; no Python object per text but the
    key. `find` costs a few numpy searches and one comparison per candidate: time grows with the
    log of the index's size."""

    def __init__(
        self,
        threshold: float = THRESHOLD,
        num_perm: int = NUM_PERM,
        *,
        min_jaccard: float = MIN_JACCARD,
        bands: int | None = None,
        rows: int = 3,
    ) -> None:
        if not 0 < threshold <= 1 or not 0 <= min_jaccard <= 1:
            raise ValueError(f"threshold and min_jaccard must be in (0, 1], not {threshold}, {min_jaccard}")
        self.threshold, self.min_jaccard, self.num_perm = threshold, min_jaccard, num_perm
        self.rows = rows
        self.bands = bands if bands is not None else num_perm // rows
        if self.bands * self.rows > num_perm or self.bands < 1:
            raise ValueError(f"{self.bands} bands of {rows} rows do not fit in {num_perm} permutations")
        self._keys: list[object] = []
        self._minhashes = Rows(num_perm, np.uint32)
        self._shingles = Rows(1, np.uint32)
        self._digests = Rows(16, np.uint8)
        self._exact = BandRuns()
        self._near = BandRuns()

    def __len__(self) -> int:
        return len(self._keys)

    def find(self, sig: Signature) -> Match | None:
        """The earlier text `sig` is a copy of (exact before near; the most alike; the first), or None."""
        self._check_size(sig)
        if not sig.exact:
            return None  # a text with no words is a copy of nothing
        digest = bytes.fromhex(sig.exact)
        for position in sorted(self._exact.lookup(np.array([exact_key(digest)], dtype=np.uint64)).tolist()):
            if self._digests.take([position])[0].tobytes() == digest:
                return Match(self._keys[position], 1.0, "exact", 1.0)
        if not sig.judged:
            return None
        return self._near_match(sig)

    def _near_match(self, sig: Signature) -> Match | None:
        candidates = self._near.lookup(band_keys(sig.minhash, self.bands, self.rows))
        if not candidates.size:
            return None
        candidates.sort()
        jaccard = np.count_nonzero(self._minhashes.take(candidates) == sig.minhash, axis=1) / self.num_perm
        contained = _containment(jaccard, self._shingles.take(candidates)[:, 0], sig.shingles)
        copies = np.flatnonzero((jaccard >= self.min_jaccard) & (contained >= self.threshold))
        if not copies.size:
            return None
        best = copies[np.argmax(jaccard[copies])]  # the first of the most alike
        return Match(self._keys[int(candidates[best])], float(jaccard[best]), "near", float(contained[best]))

    def add(self, key: object, sig: Signature) -> None:
        """Index `sig` under `key` (a text with no words is not indexed: it is a copy of nothing)."""
        self._check_size(sig)
        if not sig.exact:
            return
        position = len(self._keys)
        digest = bytes.fromhex(sig.exact)
        self._keys.append(key)
        self._minhashes.append(sig.minhash)
        self._shingles.append(np.array([sig.shingles], dtype=np.uint32))
        self._digests.append(np.frombuffer(digest, dtype=np.uint8))
        self._exact.add(np.array([exact_key(digest)], dtype=np.uint64), position)
        if sig.judged:
            self._near.add(band_keys(sig.minhash, self.bands, self.rows), position)

    def check(self, key: object, sig: Signature) -> Match | None:
        """`find`, then `add` when the text is no copy: what a crawler asks of each new page."""
        match = self.find(sig)
        if match is None:
            self.add(key, sig)
        return match

    def _check_size(self, sig: Signature) -> None:
        if len(sig.minhash) != self.num_perm:
            raise ValueError(f"a signature of {len(sig.minhash)} permutations, for an index of {self.num_perm}")

    def save(self, path: str | PathLike[str]) -> None:
        """Write the index to `path` (numpy's .npz: arrays and JSON, no pickle) for `load`. The file
        is written beside `path` and moved over it, so a crash never leaves half an index there."""
        keys = json.dumps(self._keys, ensure_ascii=True).encode("ascii")  # TypeError for keys JSON cannot hold
        settings = {"format": FORMAT, "threshold": self.threshold, "min_jaccard": self.min_jaccard}
        settings |= {"num_perm": self.num_perm, "bands": self.bands, "rows": self.rows, "scheme": SCHEME}
        partial = f"{os.fspath(path)}.partial"
        with open(partial, "wb") as file:
            np.savez(
                file,
                settings=np.frombuffer(json.dumps(settings).encode("ascii"), dtype=np.uint8),
                keys=np.frombuffer(keys, dtype=np.uint8),
                minhashes=self._minhashes.all(),
                shingles=self._shingles.all()[:, 0],
                digests=self._digests.all(),
            )
        os.replace(partial, path)

    @classmethod
    def load(cls, path: str | PathLike[str]) -> CopyIndex:
        """An index as `save` wrote it (never unpickles: a file from elsewhere cannot run code)."""
        with np.load(path, allow_pickle=False) as data:
            settings = json.loads(data["settings"].tobytes())
            found = settings.get("format")
            if isinstance(found, str) and found.startswith("cleaner-copies/") and found != FORMAT:
                raise ValueError(f"{path} holds signatures of {found}, this cleaner's are {FORMAT}: index again")
            if found != FORMAT or settings.get("scheme") != SCHEME:
                raise ValueError(f"{path} is not a copy index of format {FORMAT}")
            index = cls(
                settings["threshold"],
                settings["num_perm"],
                min_jaccard=settings["min_jaccard"],
                bands=settings["bands"],
                rows=settings["rows"],
            )
            keys = json.loads(data["keys"].tobytes())
            index._restore(keys, data["minhashes"], data["shingles"], data["digests"])
        return index

    def _restore(self, keys: list[object], minhashes: np.ndarray, shingles: np.ndarray, digests: np.ndarray) -> None:
        if not len(keys) == len(minhashes) == len(shingles) == len(digests):
            raise ValueError("a copy index whose parts do not agree in length")
        self._keys = list(keys)
        self._minhashes.extend(minhashes.astype(np.uint32))
        self._shingles.extend(shingles.astype(np.uint32).reshape(-1, 1))
        self._digests.extend(digests.astype(np.uint8))
        positions = np.arange(len(keys), dtype=np.uint32)
        self._exact.extend(np.array([exact_key(d.tobytes()) for d in digests], dtype=np.uint64)[:, None], positions)
        judged = shingles >= MIN_SHINGLES
        near = np.array([band_keys(m, self.bands, self.rows) for m in minhashes[judged]], dtype=np.uint64)
        self._near.extend(near.reshape(-1, self.bands), positions[judged])
