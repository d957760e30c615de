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
