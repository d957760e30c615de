"""The steps rewritten to take time linear in the input give what the slow ways gave (issue 10)."""

from __future__ import annotations

import itertools
import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cleaner import decode
from cleaner.passes import captions, headlines
from cleaner.passes.best_runs import BestRuns, RunFinder, best_run
from cleaner.passes.page_chrome import MIN_ARTICLE_SCORE, SECOND_RUN_SHARE, article_runs

# --- decode.implausible: words holding a non-ASCII character --------------------------------

_SLOW_NON_ASCII_WORD = re.compile(r"[^\W\d_]*[^\x00-\x7f][\w'’-]*")  # the former, quadratic pattern
_WORD_TEXT = st.text(alphabet="aZq9_’'- .,\n€\x85éßжΩ²٣", max_size=60)


@given(_WORD_TEXT)
def test_non_ascii_words_are_those_of_the_former_pattern(text):
    assert decode._NON_ASCII_WORD.findall(text) == _SLOW_NON_ASCII_WORD.findall(text)


def test_non_ascii_words_after_a_long_ascii_word():
    text = "a" * 3000 + " é " + "b" * 2000 + "ü c" + "d" * 1000
    assert decode._NON_ASCII_WORD.findall(text) == ["é", "b" * 2000 + "ü"] == _SLOW_NON_ASCII_WORD.findall(text)


# --- decode._guess: each candidate's plausibility read from the head of the bytes ------------

_CODECS = ("cp1252", "cp1251", "utf-16-le", "gb18030", "cp932", "iso2022_jp", "utf-8")


@settings(max_examples=300)
@given(st.binary(max_size=80), st.sampled_from(_CODECS), st.integers(1, 12))
def test_head_decoded_is_the_head_of_the_decoding(data, codec, chars):
    original = decode.PLAUSIBILITY_CHARS
    decode.PLAUSIBILITY_CHARS = chars  # short, so that the head is a part of the bytes
    try:
        head = decode._head_decoded(data, codec)
    finally:
        decode.PLAUSIBILITY_CHARS = original
    try:
        whole = data.decode(codec)
    except UnicodeDecodeError:
        return  # the candidate is refused on the whole decoding, whatever the head said
    assert head == whole[:chars]


def test_a_long_run_of_letters_is_still_told_from_a_charset():
    data = "Прочитайте новости дня. ".encode("cp1251") * 50 + b"a" * 30000
    text, info = decode.decode_bytes(data)
    assert info.name == "cp1251"
    assert text.startswith("Прочитайте")


# --- GalleryCaptions: blocks sharing most of their word sequences with another ----------------


def _slow_repeated(sequences):
    found = set()
    for a, b in itertools.combinations(sorted(sequences), 2):
        shared = sequences[a] & sequences[b]
        if shared and len(shared) >= captions.CAPTION_OVERLAP * min(len(sequences[a]), len(sequences[b])):
            found.update((a, b))
    return found


_SEQUENCE = st.tuples(st.sampled_from("abcdef"), st.sampled_from("ghij"))


@settings(max_examples=300)
@given(st.dictionaries(st.integers(0, 40), st.sets(_SEQUENCE, max_size=8), max_size=12))
def test_repeated_captions_are_the_pairs_the_former_comparison_found(sequences):
    assert captions._repeated_captions(sequences) == _slow_repeated(sequences)


@given(st.lists(st.integers(0, 60), unique=True).map(sorted), st.integers(0, 70))
def test_blocks_near_counters_are_those_with_two_in_reach(counters, count):
    counters = [c for c in counters if c < count]
    slow = [j for j in range(count) if sum(abs(i - j) <= captions.GALLERY_REACH for i in counters) >= 2]
    assert captions._near_counters(counters, count) == slow


# --- Headlines: the keys of a title -------------------------------------------------------------


def _slow_title_keys(title):
    pieces = headlines._SITE_SEPARATOR_KEPT.split(title)
    parts = pieces[::2]
    keys = set()
    for start in range(len(parts)):
        for end in range(start + 1, len(parts) + 1):
            text = "".join(pieces[2 * start : 2 * end - 1])
            if len(text.split()) >= 3:
                keys.add(headlines.fold(text).casefold())
    return keys


_TITLE_PART = st.text(alphabet="ab “”•-", min_size=0, max_size=8)
_SEPARATOR = st.sampled_from([" | ", "|", " - ", " – ", " — ", "  |"])


@given(st.lists(st.tuples(_TITLE_PART, _SEPARATOR), max_size=headlines.MAX_TITLE_RUN - 1), _TITLE_PART)
def test_title_keys_of_a_real_title_are_every_run_of_its_parts(parts, last):
    title = "".join(part + separator for part, separator in parts) + last
    assume(len(headlines._SITE_SEPARATOR_KEPT.split(title)) // 2 + 1 <= headlines.MAX_TITLE_RUN)
    assert headlines._title_keys(title) == _slow_title_keys(title)


def test_a_long_title_keeps_its_whole_and_its_short_runs():
    title = " | ".join(f"Part number {i}" for i in range(500))
    keys = headlines._title_keys(title)
    assert headlines.fold(title).casefold() in keys
    assert "part number 7 | part number 8" in keys


# --- PageChrome: the best runs of a page's scores ------------------------------------------------

_SCORES = st.lists(st.sampled_from([-9.0, -6.5, -5.0, -0.5, 0.0, 3.0, 12.5, 30.0, 31.0, 60.0]), max_size=40)


@settings(max_examples=300)
@given(_SCORES, st.data())
def test_best_runs_tree_gives_the_scan(scores, data):
    tree = BestRuns(scores)
    for _ in range(10):
        lo = data.draw(st.integers(0, len(scores)))
        hi = data.draw(st.integers(lo, len(scores)))
        assert tree.best(lo, hi) == best_run(scores, lo, hi)


def _slow_article_runs(scores):
    top = best_run(scores, 0, len(scores))[0]
    if top < MIN_ARTICLE_SCORE:
        return [(0, len(scores) - 1)] if scores else []
    runs, pending = [], [(0, len(scores))]
    while pending:
        lo, hi = pending.pop()
        score, first, last = best_run(scores, lo, hi)
        if last >= first and score >= max(MIN_ARTICLE_SCORE, SECOND_RUN_SHARE * top):
            if score < top and sum(1 for s in scores[first : last + 1] if s > 0) < 2:
                continue
            runs.append((first, last))
            pending += [(lo, first), (last + 1, hi)]
    return runs


@settings(max_examples=300)
@given(_SCORES)
def test_article_runs_are_those_the_scans_found(scores):
    assert article_runs(scores) == _slow_article_runs(scores)


def test_many_runs_switch_to_the_tree_and_find_the_same():
    unit = [60.0, 60.0] + [-6.5] * 24
    scores = unit * 300
    finder = RunFinder(scores)
    assert article_runs(scores) == _slow_article_runs(scores)
    for lo in range(0, len(scores), 97):
        assert finder.best(lo, len(scores)) == best_run(scores, lo, len(scores))
    assert finder._tree is not None
