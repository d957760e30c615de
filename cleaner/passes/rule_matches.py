"""The rule files at work: every block a rule recognises leaves, with that rule's id and reason."""

from __future__ import annotations

from ..page import Page


class RuleMatches:
    """Match each kept block against the rules in force (generic, language, site, user)."""

    name = "rule-matches"

    def run(self, page: Page) -> None:
        for block in page.kept():
            rule = page.rules.first_match(block)
            if rule is not None:
                page.drop(block, rule.kind, rule.id, rule.reason)
