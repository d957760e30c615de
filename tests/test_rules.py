"""Every rule against its own examples, and rule files that are wrong fail clearly."""

from __future__ import annotations

import pytest

import cleaner
from cleaner.document import Block
from cleaner.errors import RuleFileError
from cleaner.ruleset import builtin_rule_files, parse_rule_file, select_rules

BUILTIN = [rule for f in builtin_rule_files() for rule in f.rules]


def test_the_builtin_rules_load():
    assert len(BUILTIN) >= 20
    assert len({r.id for r in BUILTIN}) == len(BUILTIN), "rule ids are unique across files"


@pytest.mark.parametrize("rule", BUILTIN, ids=lambda r: r.id)
def test_rule_matches_its_match_examples(rule):
    for example in rule.match:
        assert rule.matches(Block(0, example)), example


@pytest.mark.parametrize("rule", BUILTIN, ids=lambda r: r.id)
def test_rule_does_not_match_its_keep_examples(rule):
    for example in rule.keep:
        assert not rule.matches(Block(0, example)), example


GOOD = """
[[rule]]
id = "mine.promo"
kind = "promo"
pattern = "Buy the print edition"
reason = "house promo"
match = ["Buy the print edition"]
keep = ["He did not buy the print edition, he said."]
"""


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("this is = not toml [", "not valid TOML"),
        ("language = 'en'", "no [[rule]] tables"),
        (GOOD.replace('id = "mine.promo"\n', ""), "missing required key 'id'"),
        (GOOD.replace('reason = "house promo"', 'reason = "x"\ncolour = "red"'), "unknown keys ['colour']"),
        (GOOD.replace('"Buy the print edition"\nreason', '"(unclosed"\nregex = true\nreason'), "not a valid regex"),
        (GOOD.replace('match = ["Buy the print edition"]', 'match = ["Something else"]'), "does not match its own"),
        (
            GOOD.replace('keep = ["He did not buy the print edition, he said."]', 'keep = ["Buy the print edition"]'),
            "matches its own 'keep'",
        ),
        (GOOD.replace('keep = ["He did not buy the print edition, he said."]', "keep = []"), "'keep' needs"),
        (GOOD + GOOD, "id is used twice"),
        (GOOD.replace('kind = "promo"', 'kind = "Promo!"'), "kind must be"),
        (
            GOOD.replace("[[rule]]", 'scope = "page"\n[[rule]]', 1)
            .replace('scope = "page"\n', "", 1)
            .replace('reason = "house promo"', 'reason = "house promo"\nscope = "page"'),
            "scope must be one of",
        ),
    ],
)
def test_a_bad_rule_file_names_the_file_the_rule_and_the_problem(text, problem):
    with pytest.raises(RuleFileError) as info:
        parse_rule_file(text, "my-rules.toml")
    assert "my-rules.toml" in str(info.value)
    assert problem in str(info.value)


def test_user_rules_from_a_file_add_to_the_builtin_ones(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(GOOD)
    text = "Buy the print edition\n\nThe council approved the budget on Monday after a long debate."
    doc = cleaner.clean(text, rules=path)
    assert doc.text.startswith("The council")
    assert [(r.kind, r.rule) for r in doc.removed] == [("promo", "mine.promo")]
    assert cleaner.clean(text).text == text  # without the user's file the block stays


def test_a_missing_rule_file_is_a_rule_file_error(tmp_path):
    with pytest.raises(RuleFileError, match="cannot read"):
        cleaner.clean("text", rules=tmp_path / "absent.toml")


def test_site_rules_apply_only_on_their_domains():
    site = parse_rule_file('domains = ["example.com"]\n' + GOOD, "sites/example.com.toml")
    block = Block(0, "Buy the print edition")
    assert select_rules("https://www.example.com/a", (site,)).first_match(block).id == "mine.promo"
    assert select_rules("https://news.example.com/a", (site,)).first_match(block).id == "mine.promo"
    assert select_rules("https://example.org/a", (site,)).first_match(block) is None
    assert select_rules(None, (site,)).first_match(block) is None


def test_language_rules_apply_to_pages_in_any_language():
    text = "Your cart is empty\n\nDer Stadtrat hat am Montag nach langer Debatte den Haushalt beschlossen."
    doc = cleaner.clean(text)
    assert doc.language == "de"
    assert [r.rule for r in doc.removed] == ["widget.cart-empty"]


def test_builtin_site_rules_need_the_site_url():
    text = "3 min read\n\nThe council approved the budget on Monday after a long debate, officials said."
    assert [r.rule for r in cleaner.clean(text, url="https://www.reuters.com/world/x").removed] == [
        "site.reuters.time-to-read"
    ]
    assert cleaner.clean(text, url="https://example.com/x").removed == []


def test_tail_rules_apply_only_to_the_end_of_the_text():
    about = "Acme Corp is a leading provider of widgets for the building industry."
    body = "The council approved the budget on Monday after a long debate, officials said."
    end = cleaner.clean(f"{body}\n\n{about}")
    assert [(r.kind, r.rule) for r in end.removed] == [("press-boilerplate", "tail.about-the-company")]
    assert cleaner.clean(f"{about}\n\n{body}").removed == []


def test_a_bad_where_is_a_rule_file_error():
    with pytest.raises(RuleFileError, match="where must be one of"):
        parse_rule_file(GOOD.replace('reason = "house promo"', 'reason = "house promo"\nwhere = "middle"'), "w.toml")
