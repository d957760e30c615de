"""Block measures that have a fast path: it must give what the general one gives."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from cleaner.document import _WORD, count_words
from cleaner.shape import ends_open, ends_sentence, ends_with_ellipsis

ASCII = st.text(alphabet=st.characters(max_codepoint=127), max_size=60)


@given(ASCII)
def test_ascii_words_are_counted_as_the_regex_counts_them(text):
    assert count_words(text) == len(_WORD.findall(text))


def test_every_ascii_character_between_words():
    for code in range(128):
        text = f"ab{chr(code)}cd {chr(code)} 1{chr(code)}_"
        assert count_words(text) == len(_WORD.findall(text)), repr(chr(code))


# The regexes the string-method readings of a text's end replaced: they must agree.
_SENTENCE_END = re.compile(r"""[.!?…。！？]["'”’)\]」』）]*$""")
_OPEN_END = re.compile(r"[:;,–—-]$")
_ELLIPSIS_END = re.compile(r"""(\.\.\.|…)["'”’)\]]*$""")
ENDINGS = st.text(alphabet=st.sampled_from(list("a .!?…。！？\"'”’)]」』）:;,–—-\n")), max_size=12)


@given(ENDINGS)
def test_text_ends_are_read_as_the_regexes_read_them(text):
    assert ends_sentence(text) == bool(_SENTENCE_END.search(text))
    assert ends_with_ellipsis(text) == bool(_ELLIPSIS_END.search(text))
    assert ends_open(text) == bool(_OPEN_END.search(text))


def test_time_lines_are_tried_on_every_block_that_can_open_one():
    """`live_blog._may_open` skips the regex for blocks no time line can start as; check every BMP character."""
    from cleaner.document import Block
    from cleaner.passes.live_blog import _TIME_LINE, _may_open

    rests = ["9:15", "uesday 14 February 2023 19:42", "aturday 1 May 2023 9:15 , Anna", "riday 3 June 2022 10.05"]
    for code in range(0x10000):
        if 0xD800 <= code < 0xE000:
            continue
        for rest in rests:
            block = Block(1, chr(code) + rest)
            if _TIME_LINE.match(block.folded):
                assert _may_open(block), repr(chr(code) + rest)


def test_bylines_are_tried_on_every_block_that_can_open_one():
    from cleaner.passes.metadata_lines import _BYLINE, _BYLINE_INITIALS

    for code in range(0x10000):
        if 0xD800 <= code < 0xE000:
            continue
        for rest in (
            "y Jane Doe",
            "ritten by Jane Doe",
            "Y JANE DOE",
            "on Jane Doe",
            "ar Jean Dupont",
            "oor Jan Jansen",
        ):
            text = chr(code) + rest
            if _BYLINE.match(text):
                assert text[:1] in _BYLINE_INITIALS, repr(text)
