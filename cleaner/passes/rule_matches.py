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


class TailRuleMatches:
    """Rules for the end of a text (`where = "tail"`): sign-offs and press-release boilerplate.

    Reading back from the last kept block, each block a tail rule recognises leaves, until the
    first block none does: such text is boilerplate only when nothing of the article follows it.
    """

    name = "tail-rule-matches"

    def run(self, page: Page) -> None:
        if not page.rules.tail:
            return
        for block in reversed(page.kept()):
            rule = page.rules.first_tail_match(block)
            if rule is None:
                return
            page.drop(block, rule.kind, rule.id, rule.reason)
