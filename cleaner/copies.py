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
Shingles are hashed to 32 bits from CRC-32s of their words (cheap; MinHash mixes them further).
Memory per indexed text is flat: the MinHash, its shingle count, its digest, 42 LSH band keys in
sorted numpy runs (12 bytes each), and the caller's key. See `CopyIndex`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache
from os import PathLike
from typing import Any

import numpy as np
from datasketch import MinHash
from datasketch.minhash import _fmix

from .copy_bands import BandRuns, Rows, band_keys, exact_key

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
    "normalise",
    "signature",
    "similarity",
]

NUM_PERM = 128  # MinHash permutations: Jaccard estimated within about ±0.045 (one standard deviation at 0.5)
SHINGLE_WORDS = 5  # words per shingle: short enough for edits to leave most intact, long enough to be rare
SEED = 1
THRESHOLD = 0.6  # containment of the smaller text in the larger, from which it is a copy
MIN_JACCARD = 0.3  # ...and the Jaccard similarity under which it is not (a quote inside a long page)
MIN_SHINGLES = 20  # fewer distinct shingles than this: too short to judge, only exact copies count
SCHEME = "affine32"  # datasketch's MinHash scheme, named: its default changed in 2.0
FORMAT = "cleaner-copies/1"  # what `CopyIndex.save` writes

# ASCII letters and digits stay (capitals lowered), other ASCII becomes a space; bytes of other
# characters pass, to be folded a run at a time (most of an English text never meets a regex).
_ASCII_FOLD = bytes((c | 0x20 if 65 <= c <= 90 else c) if chr(c).isalnum() or c >= 128 else 32 for c in range(256))
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")
_NOT_WORD = re.compile(r"[\W_]+")
_DIGIT_GROUP = re.compile(r"(\d) (?=\d{3}(?!\d))")  # 1,000 / 1.000 / 1 000 (by now "1 000") -> 1000
# Scripts written without spaces between words: each character is a word.
_UNSPACED = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAS_UNSPACED = re.compile(f"[{_UNSPACED}]")
_TOKEN = re.compile(f"[{_UNSPACED}]|[^\\s{_UNSPACED}]+")
_MASK32 = np.uint64(0xFFFFFFFF)
_MIX = np.uint64(0x9E3779B97F4A7C15)  # an odd 64-bit constant: a shingle's hash is a polynomial in it
_EMPTY = np.uint32(0xFFFFFFFF)  # datasketch's value for a permutation that saw nothing
_MINHASH_BLOCK = 512  # shingles permuted at a time: the work stays in the CPU's cache


def normalise(text: str) -> str:
    """What makes two copies of a text "the same text": NFKC, case folded, punctuation and
    symbols dropped, digit groups joined (1,000 and 1 000 are 1000), whitespace collapsed."""
    folded = text.encode("utf-8", "surrogatepass").translate(_ASCII_FOLD).decode("utf-8", "replace")
    if not folded.isascii():
        folded = _NOT_ASCII.sub(_fold_run, folded)
    normal = " ".join(folded.split())
    return _DIGIT_GROUP.sub(r"\1", normal)


def _fold_run(run: re.Match[str]) -> str:
    return _folded_run(run.group())


@lru_cache(maxsize=65536)
def _folded_run(run: str) -> str:
    """A run of non-ASCII characters, folded: most are one letter or mark ("ü", "’") met again and again."""
    return _NOT_WORD.sub(" ", unicodedata.normalize("NFKC", run).casefold())


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
    normal = normalise(text)
    exact = hashlib.blake2b(normal.encode("utf-8"), digest_size=16).hexdigest() if normal else ""
    if not normal.isascii() and _HAS_UNSPACED.search(normal):
        tokens = [token.encode("utf-8") for token in _TOKEN.findall(normal)]
    else:  # one encoding, split as bytes: `normal` holds no whitespace but single spaces
        tokens = normal.encode("utf-8").split(b" ")
    hashes = _shingle_hashes(tokens, shingle_words)
    return Signature(exact, minhash_values(hashes, num_perm, seed), int(hashes.size))


def _shingle_hashes(tokens: list[bytes], width: int) -> np.ndarray:
    """The distinct 32-bit hashes of the runs of `width` tokens (UTF-8; none when there are fewer)."""
    if len(tokens) < width or tokens == [b""]:  # b"" alone: the split of an empty text
        return np.empty(0, dtype=np.uint32)
    words = np.fromiter(map(zlib.crc32, tokens), dtype=np.uint64, count=len(tokens))
    count = len(tokens) - width + 1
    shingles = words[:count].copy()
    for offset in range(1, width):
        shingles = shingles * _MIX + words[offset : offset + count]  # wraps at 2**64: that is the hash
    return np.unique(((shingles ^ (shingles >> np.uint64(32))) & _MASK32).astype(np.uint32))


def minhash_values(hashes: np.ndarray, num_perm: int = NUM_PERM, seed: int = SEED) -> np.ndarray:
    """datasketch's `MinHash(num_perm, seed=seed, scheme="affine32")` after `update_batch(hashes)`
    with the identity as its hash function: the same values (a test holds them equal), computed
    with its permutations in blocks that stay in the CPU's cache, several times faster."""
    a, b = _permutations(num_perm, seed)
    values = np.full(num_perm, _EMPTY, dtype=np.uint32)
    mixed = _fmix(np.asarray(hashes, dtype=np.uint32), 32)
    for start in range(0, mixed.size, _MINHASH_BLOCK):
        permuted = np.multiply.outer(mixed[start : start + _MINHASH_BLOCK], a)
        permuted += b
        np.minimum(values, permuted.min(axis=0), out=values)
    return values


@lru_cache(maxsize=4)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    a, b = MinHash(num_perm, seed=seed, scheme=SCHEME).permutations
    return a.astype(np.uint32), b.astype(np.uint32)


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
            if settings.get("format") != FORMAT or settings.get("scheme") != SCHEME:
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
