"""The rule set's shortcuts (a literal lookup, the words a rule needs, one alternation of the
rest) pick the rule that trying every rule in file order would: they only rule out rules that
cannot match."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleaner import rule_matching
from cleaner.document import Block
from cleaner.rule import Rule
from cleaner.ruleset import RuleSet, builtin_rule_files

BUILTIN = [rule for f in builtin_rule_files() for rule in f.rules]
EXAMPLES = sorted({example for rule in BUILTIN for example in (*rule.match, *rule.keep)})
RULES = RuleSet(BUILTIN)


def _is_literal(rule: Rule) -> bool:
    return not rule.regex and rule.scope == "block" and rule.max_words is None


def first_in_file_order(rules: list[Rule], block: Block) -> Rule | None:
    """What `RuleSet.first_match` promises, the slow way: a whole-block literal first, then the
    first other rule in file order that matches."""
    anywhere = [rule for rule in rules if rule.where == "anywhere"]
    literal = next((rule for rule in anywhere if _is_literal(rule) and rule.matches(block)), None)
    return literal or next((rule for rule in anywhere if not _is_literal(rule) and rule.matches(block)), None)


def _same_rule(text: str) -> None:
    rule_matching._MEMO.clear()
    block = Block(0, text)
    found, expected = RULES.first_match(block), first_in_file_order(BUILTIN, block)
    assert (found and found.id) == (expected and expected.id), text


def test_every_rule_example_meets_the_rule_a_scan_in_file_order_finds():
    for example in EXAMPLES:
        _same_rule(example)


_WORDS = st.sampled_from(["", "Read", "more", "2024", "»", "Home", "Teilen", "the council said", "©", "."])


@given(st.sampled_from(EXAMPLES), st.sampled_from(EXAMPLES), _WORDS, _WORDS, st.sampled_from(["keep", "upper"]))
def test_examples_run_together_or_edited_meet_the_rule_a_scan_finds(first, second, before, after, case):
    text = f"{before} {first} {after}".strip()
    _same_rule(text.upper() if case == "upper" else text)
    _same_rule(f"{first} {second}")
    _same_rule(f"{first}\n{second}")
