"""The exceptions cleaner raises, all under `CleanerError`."""

from __future__ import annotations


class CleanerError(Exception):
    """Base class: catch this to catch anything cleaner raises on purpose."""


class InputError(CleanerError, ValueError):
    """The input cannot be processed (undecodable bytes, wrong type, an unknown input type)."""


class RuleFileError(CleanerError, ValueError):
    """A rule file is unreadable or a rule in it is wrong; names the file, the rule and the problem."""

    def __init__(self, source: str, problem: str, rule: str | None = None) -> None:
        self.source, self.rule, self.problem = source, rule, problem
        where = f"{source}: rule {rule!r}" if rule else source
        super().__init__(f"{where}: {problem}")
