"""Users' rule files run on RE2, so no pattern can hang cleaning; the built-in files keep `re`."""

from __future__ import annotations

import json
import re

import pytest

import cleaner
from cleaner.document import Block
from cleaner.errors import RuleFileError
from cleaner.regex_facts import read_alike_by_re2
from cleaner.ruleset import RuleSet, builtin_rule_files, load_rules, parse_rule_file, select_rules


def rule_file(pattern: str, match: list[str], keep: list[str], rule_id: str = "mine.rule", **extra: object) -> str:
    """The text of a user rule file with one regex rule (the pattern as a TOML literal string)."""
    lines = [
        "[[rule]]",
        f"id = {json.dumps(rule_id)}",
        'kind = "promo"',
        f"pattern = '''{pattern}'''",
        "regex = true",
        'reason = "a test rule"',
        f"match = {json.dumps(match)}",
        f"keep = {json.dumps(keep)}",
    ]
    lines += [f"{key} = {json.dumps(value)}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


def write(tmp_path, text: str, name: str = "mine.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_user_rule_file_regex_runs_on_re2_and_keeps_to_its_examples(tmp_path):
    path = write(tmp_path, rule_file(r"buy (?:the )?print edition", ["Buy the print edition"], ["Buy it"]))
    rule = load_rules(path).rules[0]
    assert rule.engine == "re2"
    assert not isinstance(rule.compiled, re.Pattern)
    assert rule.matches(Block(0, "BUY PRINT EDITION!"))  # case-insensitive by default, final "!" ignored
    assert not rule.matches(Block(0, "Buy it"))
    text = "Buy the print edition\n\nThe council approved the budget on Monday after a long debate."
    assert [r.rule for r in cleaner.clean(text, rules=path).removed] == ["mine.rule"]


def test_a_case_sensitive_user_rule_is_case_sensitive(tmp_path):
    path = write(tmp_path, rule_file(r"ADVERTISEMENT", ["ADVERTISEMENT"], ["Advertisement"], case_sensitive=True))
    rule = load_rules(path).rules[0]
    assert rule.engine == "re2"
    assert not rule.matches(Block(0, "advertisement"))


@pytest.mark.parametrize("scope", ["line", "prefix", "contains"])
def test_user_rules_of_every_scope_run_on_re2(scope):
    text = rule_file(r"sponsored(?: content)?", ["Sponsored content"], ["The sponsors met on Monday."], scope=scope)
    rule = parse_rule_file(text, "mine.toml").rules[0]
    assert rule.engine == "re2"
    assert rule.matches(Block(0, "Sponsored content\nSponsored"))


@pytest.mark.parametrize(
    "pattern",
    [r"(\w)\1", r"promo(?= now)", r"(?<!not )promo", r"(?P<x>a)(?P=x)"],
    ids=["back-reference", "look-ahead", "look-behind", "named-back-reference"],
)
def test_a_pattern_re2_refuses_is_an_error_naming_the_file_and_the_rule(tmp_path, pattern):
    path = write(tmp_path, rule_file(pattern, ["promo"], ["other"], rule_id="mine.refused"))
    with pytest.raises(RuleFileError) as info:
        load_rules(path)
    message = str(info.value)
    assert str(path.resolve()) in message
    assert "'mine.refused'" in message
    assert "RE2" in message and "back references or look-arounds" in message
    assert info.value.rule == "mine.refused"


def test_catastrophic_backtracking_pattern_loads_and_cleans_a_long_line_at_once(tmp_path):
    path = write(tmp_path, rule_file(r"(a+)+$", ["aaaa"], ["aaab"], rule_id="mine.evil"))
    line = "a" * 100_000 + "b"  # `re` would backtrack for ever here; RE2 answers in a few ms
    assert cleaner.clean(line, rules=path).text == line
    doc = cleaner.clean(line[:-1], rules=path)
    assert [r.rule for r in doc.removed] == ["mine.evil"]


@pytest.mark.parametrize("scope", ["line", "prefix", "contains"])
def test_catastrophic_pattern_in_every_scope_returns(tmp_path, scope):
    path = write(tmp_path, rule_file(r"(a+)+$", ["aaaa"], ["b"], scope=scope))
    line = "a" * 100_000 + "b"
    assert cleaner.clean(line, rules=path).text == line


def test_re2_word_classes_are_ascii_and_pl_is_a_letter(tmp_path):
    with pytest.raises(RuleFileError, match="does not match its own 'match' example 'Café'"):
        load_rules(write(tmp_path, rule_file(r"\w+", ["Café"], ["two words"]), "w.toml"))
    rule = load_rules(write(tmp_path, rule_file(r"\pL+", ["Café"], ["two words"]), "pl.toml")).rules[0]
    assert rule.matches(Block(0, "Ærø"))
    assert rule.matches(Block(0, "CAFÉ"))


def test_builtin_rules_still_run_on_python_re_with_unicode_word_classes():
    rules = [rule for f in builtin_rule_files() for rule in f.rules if rule.regex]
    assert rules and all(rule.engine == "re" and isinstance(rule.compiled, re.Pattern) for rule in rules)
    bio = next(rule for rule in rules if rule.id == "tail.author-bio")
    assert bio.matches(Block(0, "José Núñez is a freelance writer based in Madrid."))  # `\w` takes é, ñ


def test_the_first_rule_in_file_order_wins_across_engines():
    """An RE2 rule is never joined into the `re` alternation, but order still decides."""
    builtin = parse_rule_file(rule_file(r"sponsored.*", ["Sponsored by Acme"], ["x"], "b.re"), "b", builtin=True)
    user = parse_rule_file(rule_file(r".*by acme", ["Sponsored by Acme"], ["x"], "u.re2"), "u")
    block = Block(0, "Sponsored by Acme")
    assert RuleSet(builtin.rules + user.rules).first_match(block).id == "b.re"
    assert RuleSet(user.rules + builtin.rules).first_match(block).id == "u.re2"
    assert RuleSet(user.rules + builtin.rules).first_match(Block(0, "Sponsored by Bob")).id == "b.re"


def test_patterns_python_reads_otherwise_get_no_prefilter():
    """Python's parser reads "[[:digit:]] comments" as needing "] comments", which RE2 does not."""
    assert not read_alike_by_re2(r"[[:digit:]] comments")
    assert not read_alike_by_re2(r"x{,3}")  # a repeat to Python, the literal "x{,3}" to RE2
    assert not read_alike_by_re2(r"x{01}")
    assert not read_alike_by_re2(r"\pL+")  # Python cannot parse it at all
    assert read_alike_by_re2(r"(?:read|see) more\s*:")
    text = rule_file(r"[[:digit:]] comments", ["5 comments"], ["No comments"], scope="contains")
    user = parse_rule_file(text, "u.toml")
    assert select_rules(None, (user,)).first_match(Block(0, "Read all 5 comments")).id == "mine.rule"


def test_a_lone_surrogate_does_not_break_an_re2_rule(tmp_path):
    path = write(tmp_path, rule_file(r"promo.*", ["promo code"], ["no"]))
    text = "promo \ud800 code\n\nThe council approved the budget on Monday after a long debate."
    assert [r.rule for r in cleaner.clean(text, rules=path).removed] == ["mine.rule"]
