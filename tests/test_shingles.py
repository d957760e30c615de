"""cleaner.shingles: the normalised words of a text, hashed in one pass, and their shingles."""

from __future__ import annotations

import re
import tracemalloc

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from cleaner.shingles import (
    _CHUNK_BYTES,
    _FOLD_PIECE_BYTES,
    _INVERSE_BASE,
    _folded_short_run,
    _unspaced_split,
    _word_hashes,
    normal_words,
    normalise,
    shingle_hashes,
)

DIGIT_GROUP = re.compile(r"(\d) (?=\d{3}(?!\d))")  # the rule the numpy passes follow
PIECES = st.sampled_from(["1", "12", "000", "1000", "345", " ", "  ", "\n", ",", ".", "a", "km", "’", "ü", "Ä", "ß"])
# Scripts written without spaces, a character a word: the rule the numpy split follows.
UNSPACED = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
UNSPACED_TOKEN = re.compile(f"[{UNSPACED}]|[^\\s{UNSPACED}]+")
# Characters at and beside the edges of those scripts' blocks, and others of three UTF-8 bytes.
SCRIPT_CHARACTERS = [
    *["a", "ab", " ", "1", "é", "東", "京", "ไทย", "カ", "ひ", "한", "€", "\u3000", "\u2e80", "\u0dff", "\u0e00"],
    *["\u0e7f", "\u0e80", "\u303f", "\u3040", "\u30ff", "\u3100", "\u33ff", "\u3400", "\u4dbf", "\u4dc0"],
    *["\u4dff", "\u4e00", "\u9fff", "\ua000", "\uf8ff", "\uf900", "\ufaff", "\ufb00", "\U00020000"],
]
SCRIPT_PIECES = st.sampled_from(SCRIPT_CHARACTERS)
VOCABULARY = st.sampled_from(["the", "minister", "said", "1", "000", "straße", "café", "talks", "東京", "naïve"])


def _shingles(text: str, width: int = 5) -> set[tuple[str, ...]]:
    words = normalise(text).split(" ")
    return {tuple(words[i : i + width]) for i in range(len(words) - width + 1)}


@given(st.lists(PIECES, max_size=40).map("".join))
def test_digit_groups_join_as_the_regex_would(text):
    collapsed = " ".join(text.translate({ord(c): " " for c in ",.\n’"}).split())
    expected = DIGIT_GROUP.sub(r"\1", collapsed).casefold().replace("ß", "ss")
    assert normalise(text) == expected


def test_digits_of_any_script_read_as_0_to_9():
    assert normalise("١ ٠٠٠ and ١٢ and ۳۴ and १२") == "1000 and 12 and 34 and 12"


@given(st.lists(VOCABULARY, max_size=60).map(" ".join))
def test_one_hash_for_each_distinct_shingle(text):
    """The words' and shingles' hashes tell apart every distinct shingle of a text, and give one
    shingle met twice one hash: the count is the true count (characters of 東京 are words)."""
    words = normal_words(text)
    spaced = " ".join(re.findall(r"[\u4e00-\u9fff]|[^\s\u4e00-\u9fff]+", normalise(text)))
    assert shingle_hashes(words).size == len(_shingles(spaced))


def test_a_word_hashes_alike_wherever_it_stands():
    text = "alpha beta gamma delta epsilon " * 3
    assert shingle_hashes(normal_words(text)).size == 5  # five shingles, each met three times
    assert shingle_hashes(normal_words("x " + text)).size == 6  # ...and one more at the front


def test_a_text_longer_than_the_kept_powers():
    text = "alpha beta " * (_CHUNK_BYTES // 11 + 1000) + "gamma delta epsilon zeta eta"
    assert len(text) > _CHUNK_BYTES
    assert shingle_hashes(normal_words(text)).size == 2 + 5  # the repeats, then the new tail


def test_normal_words_are_utf8_bytes_one_space_apart():
    words = normal_words("  Straße,\tCAFÉ —  1 000 ")
    assert words.dtype == np.uint8 and words.tobytes() == "strasse café 1000".encode()
    assert normal_words("").size == 0 and normal_words(" ¡! ").size == 0


def test_only_short_runs_of_other_scripts_are_remembered():
    """A stream of Chinese pages, each one run of non-ASCII bytes a paragraph, must not fill memory."""
    calls = _folded_short_run.cache_info()
    assert normalise("北京的天气很好，我们去公园吧。" * 50).startswith("北京的天气很好 我们去公园吧 北京")
    after = _folded_short_run.cache_info()
    assert after.hits + after.misses == calls.hits + calls.misses
    normalise("Müller")
    assert _folded_short_run.cache_info().hits + _folded_short_run.cache_info().misses == after.hits + after.misses + 1


def _hash_of(word: bytes) -> int:
    """A word's hash as the docstring states it: the sum of its bytes times Q^i."""
    return sum(byte * pow(_INVERSE_BASE, i, 1 << 64) for i, byte in enumerate(word)) % (1 << 64)


def test_a_long_text_is_hashed_in_pieces_as_it_would_be_whole():
    words = [f"w{i % 997}x{i % 13}" for i in range(_CHUNK_BYTES // 4)]  # over a piece, cut mid-list
    text = " ".join(words).encode()
    hashes = _word_hashes(np.frombuffer(text, dtype=np.uint8)).tolist()
    assert len(hashes) == len(words)
    assert all(hashes[i] == _hash_of(words[i].encode()) for i in range(0, len(words), 1009))


def test_a_word_longer_than_a_piece():
    long_word = bytes(97 + (i * 7) % 26 for i in range(_CHUNK_BYTES + 1234))
    text = b"one " + long_word + b" two three four five"
    hashes = _word_hashes(np.frombuffer(text, dtype=np.uint8)).tolist()
    assert hashes[0] == _hash_of(b"one") and hashes[2] == _hash_of(b"two") and len(hashes) == 6
    assert hashes[1] == _hash_of(long_word)


def test_a_long_text_of_other_letters_is_folded_in_pieces_as_it_would_be_whole():
    segment = "Übergrößen „Straße“ – naïve ÇA "
    text = segment * (3 * _FOLD_PIECE_BYTES // len(segment.encode()))
    assert normalise(text) == " ".join([normalise(segment)] * (text.count("Ü")))


def test_memory_stays_a_few_times_the_text():
    words = ["über", "straße", "and", "the", "naïve", "café", "2,000", "news"]
    text = " ".join(words[(i * 7919) % 8] + str(i % 100) for i in range(300_000))
    tracemalloc.start()
    try:
        normal_words(text)
        shingle_hashes(normal_words(text))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10 * len(text.encode())


@given(
    st.one_of(
        st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=200),
        st.lists(PIECES, max_size=40).map("".join),
    )
)
def test_a_text_and_its_normal_form_are_the_same_text(text):
    """Any text, lone surrogates included: normalising twice changes nothing, and the normal
    form's words are the text's words."""
    normal = normalise(text)
    assert normalise(normal) == normal
    assert np.array_equal(normal_words(normal), normal_words(text))


def _split_by_regex(words: np.ndarray) -> str:
    return " ".join(UNSPACED_TOKEN.findall(words.tobytes().decode("utf-8")))


@given(st.lists(SCRIPT_PIECES, max_size=60).map("".join))
def test_each_character_of_a_script_without_spaces_is_a_word(text):
    words = normal_words(text)
    assert _unspaced_split(words).tobytes().decode("utf-8") == _split_by_regex(words)


def test_each_script_piece_between_letters_is_split_as_the_regex_reads_it():
    """Every edge of the scripts' blocks, beside a letter of another script on either side."""
    for piece in SCRIPT_CHARACTERS:
        words = normal_words(f"a{piece}b")
        assert _unspaced_split(words).tobytes().decode("utf-8") == _split_by_regex(words), piece


def test_a_long_text_without_spaces_is_split_in_pieces_as_it_would_be_whole():
    segment = "東京タワー ไทย news 한국어 "
    straddling = "a" * (_CHUNK_BYTES - 1) + "東京タワー"  # a piece's end falls inside 東
    for text in (segment * (3 * _CHUNK_BYTES // len(segment.encode())), straddling):
        words = normal_words(text)
        assert _unspaced_split(words).tobytes().decode("utf-8") == _split_by_regex(words)


def test_memory_stays_a_few_times_a_text_without_spaces():
    """Each character a word: a 64-bit hash for every three bytes, but no string for each."""
    text = "".join(chr(0x4E00 + (i * 7919) % 3000) + ("。" if i % 20 == 19 else "") for i in range(300_000))
    tracemalloc.start()
    try:
        shingle_hashes(normal_words(text))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * len(text.encode())
