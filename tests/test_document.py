"""Block measures that have a fast path: it must give what the general one gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleaner.document import _WORD, count_words

ASCII = st.text(alphabet=st.characters(max_codepoint=127), max_size=60)


@given(ASCII)
def test_ascii_words_are_counted_as_the_regex_counts_them(text):
    assert count_words(text) == len(_WORD.findall(text))


def test_every_ascii_character_between_words():
    for code in range(128):
        text = f"ab{chr(code)}cd {chr(code)} 1{chr(code)}_"
        assert count_words(text) == len(_WORD.findall(text)), repr(chr(code))
