"""A text's words, its shingles and their MinHash: the arithmetic under `cleaner.copies`.

`normal_words` gives the normalised text as bytes (see `normalise`), one space between words;
`shingle_hashes` hashes every word in one pass over those bytes (no Python object per word),
then every run of SHINGLE_WORDS words; `minhash_values` is datasketch's MinHash of them.

A word's hash is a polynomial in its bytes modulo 2**64, read off prefix sums
(sum of byte·Q^i, with Q the inverse of P): one numpy pass for all the words of a text, where a
hash function called per word would cost a Python call each. A shingle's hash is a polynomial in
its words' hashes, folded to 32 bits; the MinHash's murmur finaliser mixes it further. None of
this is a cryptographic hash: the exact digest is blake2b's, of the normalised text itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache

import numpy as np

__all__ = [
    "NUM_PERM",
    "SCHEME",
    "SEED",
    "SHINGLE_WORDS",
    "distinct",
    "minhash_values",
    "normal_words",
    "normalise",
    "shingle_hashes",
]

NUM_PERM = 128  # MinHash permutations: Jaccard estimated within about ±0.045 (one standard deviation at 0.5)
SHINGLE_WORDS = 5  # words per shingle: short enough for edits to leave most intact, long enough to be rare
SEED = 1
SCHEME = "affine32"  # datasketch's MinHash scheme, named: its default changed in 2.0

# ASCII letters and digits stay (capitals lowered), other ASCII becomes a space; bytes of other
# characters pass, to be folded a run at a time (this one translation does most of an English text).
_ASCII_FOLD = bytes((c | 0x20 if 65 <= c <= 90 else c) if chr(c).isalnum() or c >= 128 else 32 for c in range(256))
_NOT_WORD = re.compile(r"[\W_]+")
_ASCII_BYTE = re.compile(rb"[\x00-\x7f]")
# Scripts written without spaces between words: each character is a word.
_UNSPACED_RANGES = ((0x0E00, 0x0E7F), (0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
_SPACE = 32
_MASK32 = np.uint64(0xFFFFFFFF)
_MIX = np.uint64(0x9E3779B97F4A7C15)  # an odd 64-bit constant: a shingle's hash is a polynomial in it
_BYTE_BASE = 0x100000001B3  # FNV's 64-bit prime: a word's hash is a polynomial in its inverse
_INVERSE_BASE = pow(_BYTE_BASE, -1, 2**64)
_EMPTY = np.uint32(0xFFFFFFFF)  # datasketch's value for a permutation that saw nothing
_MINHASH_BLOCK = 512  # shingles permuted at a time: the work stays in the CPU's cache
_FOLD_PIECE_BYTES = 1 << 16  # text folded a piece of about this many bytes at a time
_SHORT_RUN_BYTES = 32  # runs of non-ASCII bytes up to this long have their folding remembered
_CHUNK_BYTES = 1 << 18  # words hashed a piece of this many bytes at a time, with powers made once


def normalise(text: str) -> str:
    """What makes two copies of a text "the same text": NFKC, case folded, punctuation and
    symbols dropped, digits of any script read as 0-9, digit groups joined (1,000 and 1 000 are
    1000), whitespace collapsed."""
    return normal_words(text).tobytes().decode("utf-8")


def normal_words(text: str) -> np.ndarray:
    """`normalise(text)` as UTF-8 bytes in a numpy array (uint8): words with one space between."""
    folded = text.encode("utf-8", "surrogatepass").translate(_ASCII_FOLD)
    if not folded.isascii():
        folded = _fold_runs(folded)
    return _join_digit_groups(_collapse_spaces(np.frombuffer(folded, dtype=np.uint8)))


def _fold_runs(folded: bytes) -> bytes:
    """Each run of non-ASCII bytes (UTF-8: whole characters) folded, a piece of the text at a time
    (cut where an ASCII byte starts, so no run is cut): the pieces' lists of runs stay small."""
    if len(folded) <= _FOLD_PIECE_BYTES:
        return _fold_runs_within(folded)
    pieces, start = [], 0
    while start < len(folded):
        ascii_byte = _ASCII_BYTE.search(folded, start + _FOLD_PIECE_BYTES)
        end = ascii_byte.start() if ascii_byte else len(folded)
        pieces.append(_fold_runs_within(folded[start:end]))
        start = end
    return b"".join(pieces)


def _fold_runs_within(folded: bytes) -> bytes:
    """`_fold_runs` of one piece. The runs are found in numpy: a regex scanning for them cost
    more than folding them."""
    high = np.zeros(len(folded) + 2, dtype=np.int8)
    np.greater_equal(np.frombuffer(folded, dtype=np.uint8), 128, out=high[1:-1].view(bool))
    edges = np.flatnonzero(np.diff(high)).tolist()  # where each run starts, then ends
    pieces, done = [], 0
    for start, end in zip(edges[0::2], edges[1::2], strict=True):
        run = folded[start:end]
        pieces += (folded[done:start], _folded_short_run(run) if end - start <= _SHORT_RUN_BYTES else _folded_run(run))
        done = end
    pieces.append(folded[done:])
    return b"".join(pieces)


@lru_cache(maxsize=65536)
def _folded_short_run(run: bytes) -> bytes:
    """Most runs are one letter or mark ("ü", "’") met again and again: remembered. Longer runs
    (a paragraph of Chinese) are rarely met twice, and a stream of them must not fill memory."""
    return _folded_run(run)


def _folded_run(run: bytes) -> bytes:
    """A run of non-ASCII characters, folded."""
    folded = _NOT_WORD.sub(" ", unicodedata.normalize("NFKC", run.decode("utf-8", "replace")).casefold())
    if any(char.isdecimal() and not char.isascii() for char in folded):
        folded = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in folded)
    return folded.encode("utf-8")


def _collapse_spaces(chars: np.ndarray) -> np.ndarray:
    """The bytes with each run of spaces made one, and none at either end."""
    space = chars == _SPACE
    keep = ~space
    keep[1:] |= ~space[:-1]  # a space stays when the byte before it is no space
    words = chars[keep]
    if words.size and words[0] == _SPACE:
        words = words[1:]
    return words[:-1] if words.size and words[-1] == _SPACE else words


def _join_digit_groups(words: np.ndarray) -> np.ndarray:
    """The spaces between a digit and a group of exactly three digits dropped (1 000 -> 1000):
    what the regex `(\\d) (?=\\d{3}(?!\\d))` does, in a few passes over the whole text."""
    size = words.size
    if size < 5:
        return words
    digit = (words - 48) < 10  # wraps below "0": one comparison
    joins = (words[1 : size - 3] == _SPACE) & digit[: size - 4] & digit[2 : size - 2] & digit[3 : size - 1] & digit[4:]
    at = np.flatnonzero(joins) + 1
    if not at.size:
        return words
    fourth = at + 4
    longer = fourth < size
    longer[longer] = digit[fourth[longer]]  # a fourth digit: not a group of three
    return np.delete(words, at[~longer])


def shingle_hashes(words: np.ndarray, width: int = SHINGLE_WORDS) -> np.ndarray:
    """The distinct 32-bit hashes of the runs of `width` words of `normal_words`' output (sorted;
    none when there are fewer words). Scripts written without spaces count a character a word."""
    hashes = _word_hashes(_unspaced_split(words))
    if hashes.size < width:
        return np.empty(0, dtype=np.uint32)
    count = hashes.size - width + 1
    shingles = hashes[:count].copy()
    for offset in range(1, width):
        shingles *= _MIX  # wraps at 2**64: that is the hash
        shingles += hashes[offset : offset + count]
    shingles ^= shingles >> np.uint64(32)
    return distinct((shingles & _MASK32).astype(np.uint32))


def _unspaced_split(words: np.ndarray) -> np.ndarray:
    """The words with a space between the characters of scripts written without spaces. Their
    characters take three bytes in UTF-8, as few others left after folding do: the code points
    of the three-byte characters are read off their bytes, and spaces go in around those of such
    scripts, in numpy, a piece of CHUNK_BYTES at a time (a string per character, as a regex split
    gives, took 30 times the text's size and a second for 4 MB of Chinese)."""
    if not np.any((words & 0xF0) == 0xE0):
        return words
    pieces, start = [], 0
    while start < words.size:
        end = min(start + _CHUNK_BYTES, words.size)
        while end < words.size and words[end] & 0xC0 == 0x80:  # not inside a character
            end += 1
        pieces.append(_spaced_within(words[start:end]))
        start = end
    return _collapse_spaces(np.concatenate(pieces))


def _spaced_within(words: np.ndarray) -> np.ndarray:
    lead = np.flatnonzero((words[:-2] & 0xF0) == 0xE0)  # the first bytes of three-byte characters
    points = (
        (words[lead].astype(np.uint32) & 0x0F) << 12
        | (words[lead + 1].astype(np.uint32) & 0x3F) << 6
        | (words[lead + 2].astype(np.uint32) & 0x3F)
    )
    unspaced = np.zeros(lead.size, dtype=bool)
    for first, last in _UNSPACED_RANGES:
        unspaced |= (points >= first) & (points <= last)
    at = lead[unspaced]
    return np.insert(words, np.column_stack((at, at + 3)).ravel(), _SPACE) if at.size else words


def _word_hashes(words: np.ndarray) -> np.ndarray:
    """A 64-bit hash of each word (the bytes between single spaces): the sum of its bytes times
    Q^i, i counted from the word's start (Q = P⁻¹ modulo 2**64). A long text is hashed a piece
    of up to CHUNK_BYTES at a time, cut at a space, so that its memory stays a few times its size."""
    if words.size < _CHUNK_BYTES:
        return _hashes_within(words)
    pieces, start = [], 0
    while start < words.size:
        end = start + _CHUNK_BYTES
        if end >= words.size:
            end = words.size
        else:
            spaces = np.flatnonzero(words[start:end] == _SPACE)
            if not spaces.size:  # one word longer than a piece
                after = np.flatnonzero(words[start:] == _SPACE)
                end = start + int(after[0]) if after.size else words.size
                pieces.append(np.array([_long_word_hash(words[start:end])], dtype=np.uint64))
                start = end + 1
                continue
            end = start + int(spaces[-1])
        pieces.append(_hashes_within(words[start:end]))
        start = end + 1
    return np.concatenate(pieces)


def _hashes_within(words: np.ndarray) -> np.ndarray:
    """`_word_hashes` of up to CHUNK_BYTES: with G the prefix sums of byte·Q^i, a word's hash is
    (G[end] - G[start])·P^start, P·Q = 1 modulo 2**64: every word at once."""
    size = words.size
    if not size:
        return np.empty(0, dtype=np.uint64)
    powers, inverse_powers = _powers()
    prefix = np.zeros(size + 1, dtype=np.uint64)
    np.cumsum(words * inverse_powers[:size], out=prefix[1:])
    spaces = np.flatnonzero(words == _SPACE)
    starts = np.concatenate(([0], spaces + 1))
    ends = np.concatenate((spaces, [size]))
    return (prefix[ends] - prefix[starts]) * powers[starts]


def _long_word_hash(word: np.ndarray) -> int:
    """The hash of a word longer than a piece: each piece's sum, times Q to the piece's offset."""
    _, inverse_powers = _powers()
    total = 0
    for offset in range(0, word.size, _CHUNK_BYTES):
        piece = word[offset : offset + _CHUNK_BYTES]
        part = int((piece * inverse_powers[: piece.size]).sum(dtype=np.uint64))
        total += part * pow(_INVERSE_BASE, offset, 1 << 64)
    return total & 0xFFFFFFFFFFFFFFFF


@lru_cache(maxsize=1)
def _powers() -> tuple[np.ndarray, np.ndarray]:
    """P^i and Q^i for i below CHUNK_BYTES, made once (4 MB)."""
    return _power_table(_BYTE_BASE), _power_table(_INVERSE_BASE)


def _power_table(base: int) -> np.ndarray:
    factors = np.full(_CHUNK_BYTES, base, dtype=np.uint64)
    factors[0] = 1
    table = np.cumprod(factors, dtype=np.uint64)
    table.flags.writeable = False
    return table


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (numpy 2's `np.unique` is ten times slower on a few thousand)."""
    ordered = np.sort(values)
    first = np.empty(ordered.size, dtype=bool)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return ordered[first]


def minhash_values(hashes: np.ndarray, num_perm: int = NUM_PERM, seed: int = SEED) -> np.ndarray:
    """datasketch's `MinHash(num_perm, seed=seed, scheme="affine32")` after `update_batch(hashes)`
    with the identity as its hash function: the same values (a test holds them equal), computed
    with its permutations in blocks that stay in the CPU's cache, several times faster."""
    a, b = _permutations(num_perm, seed)
    values = np.full(num_perm, _EMPTY, dtype=np.uint32)
    mixed = _murmur_finaliser()(np.asarray(hashes, dtype=np.uint32), 32)
    for start in range(0, mixed.size, _MINHASH_BLOCK):
        permuted = np.multiply.outer(mixed[start : start + _MINHASH_BLOCK], a)
        permuted += b
        np.minimum(values, permuted.min(axis=0), out=values)
    return values


@cache
def _murmur_finaliser() -> Callable[[np.ndarray, int], np.ndarray]:
    """datasketch's `_fmix`. datasketch is imported here and in `_permutations`, where a MinHash is
    first made: its package imports scipy, which would add a third of a second to every `import
    cleaner` (a shell pipeline starts one per page)."""
    from datasketch.minhash import _fmix

    return _fmix


@lru_cache(maxsize=4)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    from datasketch import MinHash

    a, b = MinHash(num_perm, seed=seed, scheme=SCHEME).permutations
    return a.astype(np.uint32), b.astype(np.uint32)
