"""The facts read off rule regexes only ever rule a rule out where the regex could not match."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from cleaner.document import Block
from cleaner.regex_facts import UNBOUNDED, NeededWords, any_word_regex, longest_on_folded, required_literals
from cleaner.ruleset import builtin_rule_files


def test_required_literals_of_sequences_branches_and_repeats():
    assert required_literals(r"(?:foo|bar)\s+bazooka") == {"bazooka"}  # the longest required run
    assert required_literals(r"(?:Newsletters?|Sign-up form)") == {"newsletter", "sign-up form"}
    assert required_literals(r"(?:Hello)+,") == {"hello"}  # a repeat at least once is required
    assert required_literals(r"(?:Hello)*,") is None  # ...but not one that may be absent
    assert required_literals(r"foo|\d+") is None  # one branch needs no literal at all
    assert required_literals(r"(?:ab|cd)\s*x") is None  # under three letters: too common to rule out


def test_longest_on_folded_text():
    assert longest_on_folded("abc") == 3
    assert longest_on_folded(r"a{2,5}") == 5
    assert longest_on_folded(r"Home\s*[:>]?") == 6  # folded text has single spaces
    assert longest_on_folded(r"a+") >= UNBOUNDED


def test_every_builtin_rule_example_contains_one_of_its_required_words():
    for rule_file in builtin_rule_files():
        for rule in rule_file.rules:
            keys = required_literals(rule.pattern, 0 if rule.case_sensitive else re.IGNORECASE)
            for example in rule.match if keys else ():
                body = Block(0, example).body.casefold()
                assert any(key in body for key in keys), (rule.id, example, keys)


@given(st.lists(st.text("abcx ", min_size=1, max_size=5), min_size=1, max_size=8), st.text("abcx ", max_size=30))
def test_trie_alternation_finds_exactly_what_a_word_search_finds(words, text):
    assert (any_word_regex(words).search(text) is not None) == any(word in text for word in words)


_SIGNATURE_LIKE = re.compile(r"\S+ (?:says|wrote) ?:|.{1,20}? on \d+|\d+ days? ago", re.IGNORECASE)


@given(st.text(alphabet=st.sampled_from(list("saywrote :ıİſKk 1dagn")), max_size=24))
def test_needed_words_never_rule_out_a_match(text):
    if _SIGNATURE_LIKE.fullmatch(text) or _SIGNATURE_LIKE.search(text):
        assert NeededWords(_SIGNATURE_LIKE).may_match(text.casefold())


def test_needed_words_read_a_dotless_i_as_re_does():
    pattern = re.compile(r"\w+ said:", re.IGNORECASE)
    assert pattern.fullmatch("Anna saıd:")
    assert NeededWords(pattern).may_match("anna saıd:")
    assert not NeededWords(pattern).may_match("anna wrote:")
