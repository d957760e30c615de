"""Many rules against one block, fast: the first rule in file order that matches wins.

Most blocks match no rule, so the work is in ruling rules out cheaply: literals in one dict
lookup, a rule that needs one of some words tried only where the block holds one, and short
blocks against one alternation of the other regexes. Short blocks' answers are remembered.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

import re2

from .document import Block
from .regex_facts import any_word_regex, as_re_folds, longest_on_folded, read_alike_by_re2, required_literals
from .rule import Rule, literal_key

LONG_BLOCK_CHARS = 160  # a longer block is tried against the few rules that reach that far
MEMO_CHARS = 120  # blocks up to this long have their rule match remembered
MEMO_SIZE = 50_000  # remembered answers in all, across every rule set (about 0.3 kB each)
_MEMO: dict[tuple[int, str, str], Rule | None] = {}  # (rule set's serial, text, body) -> answer
_SERIALS = itertools.count()


class RuleSet:
    """Rules ready to match, in order: whole-block literals in one dict lookup; whole-block regexes
    that need no particular word in one alternation for short blocks (RE2 ones, from users'
    files, one by one), all others one by one; line, prefix and contains rules one by one. A
    rule whose regex needs one of some words is tried only where the block holds one
    (`_WordIndex`). The first rule in file order that matches wins."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules = tuple(rules)
        self.tail: tuple[Rule, ...] = tuple(r for r in self.rules if r.where == "tail")
        self._tail = [(r, _keys(r)) for r in self.tail]
        anywhere = [r for r in self.rules if r.where == "anywhere"]
        self._literals: dict[str, Rule] = {}
        for rule in anywhere:
            if not rule.regex and rule.scope == "block" and rule.max_words is None:
                self._literals.setdefault(literal_key(rule.pattern), rule)
        self._ordered = [r for r in anywhere if r.regex or r.scope != "block" or r.max_words is not None]
        with_keys = [(i, r, _keys(r)) for i, r in enumerate(self._ordered)]  # keys None: no word known
        self._block_regex = [(i, r, keys) for i, r, keys in with_keys if r.regex and r.scope == "block"]
        self._others = [(i, r, keys) for i, r, keys in with_keys if not (r.regex and r.scope == "block")]
        # A long block (a paragraph, most often) meets the few block regexes that reach that far
        # one by one, each only where a word it needs is present, not as an alternation: that
        # would try every branch of every rule on every paragraph.
        self._block_regex_long = [
            (i, r, keys)
            for i, r, keys in self._block_regex
            if not _facts_hold(r) or longest_on_folded(r.pattern, _flags(r)) > LONG_BLOCK_CHARS
        ]
        self._words = _WordIndex([(i, keys) for i, _, keys in with_keys if keys is not None])
        self._short: _Members | None = None  # made on first use
        self._serial = next(_SERIALS)  # its key in the shared memo (an id could be reused)

    def first_match(self, block: Block) -> Rule | None:
        """The rule that recognises this block wherever it stands, or None; literals are looked up first.

        Short blocks (menu entries, buttons, labels) recur within a page and across a site's
        pages: their answers are remembered, up to MEMO_SIZE of them for all rule sets together.
        """
        if len(block.text) > MEMO_CHARS:
            return self._first_match(block)
        key = (self._serial, block.text, block.body)
        if key not in _MEMO:
            if len(_MEMO) >= MEMO_SIZE:
                _MEMO.clear()
            _MEMO[key] = self._first_match(block)
        return _MEMO[key]

    def _first_match(self, block: Block) -> Rule | None:
        body = block.body.casefold()
        if self._literals:
            rule = self._literals.get(body.rstrip(" .!"))  # the body is folded already: its literal key
            if rule is not None:
                return rule
        # Rules that need one of some words are passed over unless the block has one: one search
        # for all their words rules most blocks out at once.
        possible = self._words.rules_in(body)
        best: tuple[int, Rule] | None = self._first_block_regex(block, possible)
        for index, rule, keys in self._others:
            if best is not None and index > best[0]:
                break
            if keys is not None and index not in possible:
                continue
            if rule.matches(block):
                best = (index, rule)
                break
        return best[1] if best else None

    def first_tail_match(self, block: Block) -> Rule | None:
        """The tail rule that recognises this block, or None."""
        body = block.body.casefold()
        return next((rule for rule, keys in self._tail if _may_match(keys, body) and rule.matches(block)), None)

    def _first_block_regex(self, block: Block, possible: frozenset[int]) -> tuple[int, Rule] | None:
        """The first whole-block regex rule that matches; `possible` holds the rules (by place)
        whose required words the block has.

        A block longer than LONG_BLOCK_CHARS is tried only against the rules that can match
        that much folded text, one by one. A shorter one meets one alternation of the `re`
        rules that need no particular word, which ignores `max_words`: when the rule it finds
        allows fewer words than the block has, the rules after it are tried one by one. The
        `re` rules that need one of some words are tried one by one where the block holds one,
        up to the rule found (most blocks hold none: an alternation of them all cost twice the
        rest of the matching). RE2 rules stay out of the alternation (joined with the others
        they would run on `re`, which could backtrack for ever): they are tried one by one, in
        file order, up to the rule found.
        """
        text = block.body.rstrip(" .!") or block.body
        if len(text) > LONG_BLOCK_CHARS:
            return next(
                (
                    (index, rule)
                    for index, rule, keys in self._block_regex_long
                    if (keys is None or index in possible) and rule.matches(block)
                ),
                None,
            )
        if self._short is None:
            self._short = _Members.of(self._block_regex)
        members = self._short
        start = 0
        if members.combined is not None:
            found = members.combined.fullmatch(text)
            start = len(members.python) if found is None else int(found.lastgroup.removeprefix("_rule"))
        best = next(((i, rule) for i, rule in members.python[start:] if rule.matches(block)), None)
        for index, rule in members.keyed:
            if best is not None and index > best[0]:
                break
            if index in possible and rule.matches(block):
                best = index, rule
                break
        for index, rule in members.linear:
            if best is not None and index > best[0]:
                break
            if rule.matches(block):
                return index, rule
        return best


RE2_FROM_CHARS = 120  # below this length, one `re` search for any word first rules most labels out
_NONE: frozenset[int] = frozenset()


class _WordIndex:
    """Which rules' required words a text holds: each rule needs one of its words to match.

    An RE2 set reads the text once and tells every rule whose words it holds, without
    backtracking (`re` would try every word at every position, and a loop over the rules costs
    more than the set). A short text (a label) first meets one `re` search for all the words at
    once, which most labels fail, so that they never reach the set.
    """

    def __init__(self, keyed: list[tuple[int, frozenset[str]]]) -> None:
        self._keyed = keyed
        words = {word for _, keys in keyed for word in keys}
        self._any = any_word_regex(words) if words else None
        self._set = re2.Set.SearchSet()
        for _, keys in keyed:
            self._set.Add("|".join(map(re2.escape, sorted(keys))))
        self._set.Compile()

    def rules_in(self, text: str) -> frozenset[int]:
        """The places of the rules whose words `text` (case-folded) holds."""
        if self._any is None:
            return _NONE
        text = as_re_folds(text)
        if len(text) < RE2_FROM_CHARS and self._any.search(text) is None:
            return _NONE
        found = self._set.Match(text.encode("utf-8", "surrogatepass"))
        return frozenset(self._keyed[n][0] for n in found) if found else _NONE


@dataclass(frozen=True, slots=True)
class _Members:
    """Whole-block regex rules (with their places in file order) by engine and by what rules them
    out: `re` rules that need one of some words (`keyed`), tried one by one where the block holds
    one; the other `re` rules (`python`) combined; RE2 ones (`linear`) one by one."""

    python: list[tuple[int, Rule]]
    keyed: list[tuple[int, Rule]]
    linear: list[tuple[int, Rule]]  # RE2
    combined: re.Pattern[str] | None

    @classmethod
    def of(cls, members: list[tuple[int, Rule, frozenset[str] | None]]) -> _Members:
        python = [(i, r) for i, r, keys in members if r.engine == "re" and keys is None]
        keyed = [(i, r) for i, r, keys in members if r.engine == "re" and keys is not None]
        return cls(python, keyed, [(i, r) for i, r, _ in members if r.engine == "re2"], _combine(python))


def _may_match(keys: frozenset[str] | None, body: str) -> bool:
    if keys is None:
        return True
    body = as_re_folds(body)
    return any(key in body for key in keys)


def _keys(rule: Rule) -> frozenset[str] | None:
    """Case-folded words of which a block needs one for the rule to match it; None if unknown."""
    if not rule.regex:
        return frozenset({literal_key(rule.pattern)}) if literal_key(rule.pattern) else None
    return required_literals(rule.pattern, _flags(rule)) if _facts_hold(rule) else None


def _facts_hold(rule: Rule) -> bool:
    """Whether what Python's parser reads off the rule's pattern (regex_facts) holds for its engine."""
    return rule.engine == "re" or read_alike_by_re2(rule.pattern)


def _flags(rule: Rule) -> int:
    return 0 if rule.case_sensitive else re.IGNORECASE


def _combine(members: list[tuple[int, Rule]]) -> re.Pattern[str] | None:
    """One alternation of the rules' patterns, each case-insensitive unless the rule says not
    (None if they do not combine)."""
    parts = []
    for n, (_, rule) in enumerate(members):
        flags = "" if rule.case_sensitive else "(?i:"
        parts.append(f"(?P<_rule{n}>{flags}{rule.pattern}{')' if flags else ''})")
    try:
        return re.compile("|".join(parts))
    except re.error:
        return None
