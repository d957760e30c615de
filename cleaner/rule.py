"""One chrome rule, and how it matches a block.

A rule is data read from a rule file (see `rule_files`): a literal or a regex, the scope it
reads a block in, and the examples that pin down what it means. Its regex is compiled when the
file loads, on Python's `re` for the built-in files and on RE2 for any other (`engine`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import re2

from .document import Block, fold

SCOPES = ("block", "line", "prefix", "contains")
WHERE = ("anywhere", "tail")


def literal_key(text: str) -> str:
    """How a literal pattern compares: folded, case-insensitive, a final '.' or '!' ignored.

    Regex rules see the same text less the final '.' or '!', but with its case.
    """
    return fold(text).casefold().rstrip(" .!")


@dataclass(frozen=True, slots=True)
class Rule:
    """One chrome pattern, with the examples that pin down what it means."""

    id: str
    kind: str
    pattern: str
    reason: str
    regex: bool = False
    scope: str = "block"
    max_words: int | None = None
    case_sensitive: bool = False
    match: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    description: str = ""
    where: str = "anywhere"  # "tail": only in the run of blocks that ends the text (sign-offs, boilerplate)
    engine: str = "re"  # what runs the regex: "re" (built-in files) or "re2" (any other file)
    compiled: re.Pattern[str] | re2._Regexp | None = field(default=None, compare=False, repr=False)

    def matches(self, block: Block) -> bool:
        """True when the block, in this rule's scope, is what the pattern describes."""
        if self.max_words is not None and block.words > self.max_words:
            return False
        if self.scope == "line":
            return all(self._matches_text(line) for line in block.folded_lines)
        return self._matches_text(block.body)

    def _matches_text(self, folded: str) -> bool:
        if self.compiled is not None:
            if self.scope != "contains":
                folded = folded.rstrip(" .!") or folded
            subject: str | bytes = folded
            if self.engine == "re2":
                # RE2 reads UTF-8; "surrogatepass" keeps a lone surrogate (which `re` matches as one
                # character) from failing the encoding, and RE2's "." still takes it as one.
                subject = folded.encode("utf-8", "surrogatepass")
            if self.scope == "contains":
                return self.compiled.search(subject) is not None
            found = self.compiled.match(subject) if self.scope == "prefix" else self.compiled.fullmatch(subject)
            return found is not None
        if self.scope == "prefix":
            return folded.casefold().startswith(fold(self.pattern).casefold())
        if self.scope == "contains":
            return fold(self.pattern).casefold() in folded.casefold()
        return literal_key(folded) == literal_key(self.pattern)
