"""What a rule's regex needs of a text before it can match: a length range and literal words.

Rules are tried on every block of every page, and almost every block is article prose that
no rule matches. Reading the parsed pattern once tells, for most rules, a length outside of
which it cannot match, and a few words of which a matching text must contain one; a check
against those costs a string search, where trying the regex costs a match attempt at every
position. Both facts only ever rule a rule out; the regex still decides.

User rules run on RE2 (see rule_files), whose syntax is mostly Python's: `read_alike_by_re2` says
when Python's parser reads such a pattern as RE2 does, so that these facts hold for it too.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from functools import lru_cache

try:  # the parser behind `re`; without it, every rule is simply tried
    import re._constants as _c
    import re._parser as _parser
except ImportError:  # pragma: no cover - other Pythons
    _parser = None

MIN_KEY_CHARS = 3  # a shorter literal is in too many texts to rule any out


UNBOUNDED = 1 << 62


@lru_cache(maxsize=4096)
def longest_on_folded(pattern: str, flags: int = 0) -> int:
    """The longest folded text (whitespace in single spaces, as rules see blocks) the pattern can
    match: a repeat of whitespace (`\\s*`, `\\s+`) takes one character there, so a rule like
    "Home\\s*[:>]?" is short whatever its regex allows."""
    if _parser is None:
        return UNBOUNDED
    try:
        return min(_longest(_parser.parse(pattern, flags)), UNBOUNDED)
    except Exception:
        return UNBOUNDED


def _longest(items) -> int:
    return sum(_longest_item(op, av) for op, av in items)


def _longest_item(op, av) -> int:
    if op in (_c.LITERAL, _c.NOT_LITERAL, _c.ANY, _c.IN, _c.RANGE, _c.CATEGORY):
        return 1
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return 0
    if op is _c.SUBPATTERN:
        return _longest(av[3])
    if op is _c.ATOMIC_GROUP:
        return _longest(av)
    if op is _c.BRANCH:
        return max(_longest(alternative) for alternative in av[1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        _low, high, item = av
        if _only_whitespace(item):
            return min(high, 1)
        return UNBOUNDED if high >= _c.MAXREPEAT else high * _longest(item)
    return UNBOUNDED  # back references and conditionals: no bound worth the trouble


def _only_whitespace(items) -> bool:
    """A single item that matches whitespace only: `\\s`, `[ \\t]`, a space."""
    if len(items) != 1:
        return False
    op, av = items[0]
    if op is _c.LITERAL:
        return chr(av).isspace()
    if op is _c.IN:
        return all(
            (kind is _c.CATEGORY and value is _c.CATEGORY_SPACE) or (kind is _c.LITERAL and chr(value).isspace())
            for kind, value in av
        )
    return False


@lru_cache(maxsize=4096)
def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Case-folded strings of which every match contains at least one, or None if none are known.

    Case-insensitive matching is covered by folding both sides with `str.casefold`, and by
    reading a dotless "ı" in the text as "i", the one equivalence `re` knows and casefold lacks
    for the Latin letters such words are written in.
    """
    if _parser is None:
        return None
    try:
        found = _required(_parser.parse(pattern, flags))
    except Exception:
        return None
    if not found or min(len(k) for k in found) < MIN_KEY_CHARS:
        return None
    return found


class NeededWords:
    """The words of which every match of a regex holds one (`required_literals`), as one search:
    a pass asks `may_match` before trying the regex, and skips the blocks that lack them all."""

    def __init__(self, regex: re.Pattern[str]) -> None:
        words = required_literals(regex.pattern, regex.flags & re.IGNORECASE)
        self._finder = any_word_regex(words) if words else None

    def may_match(self, casefolded: str) -> bool:
        """False when the case-folded text cannot match; True when it may."""
        return self._finder is None or self._finder.search(as_re_folds(casefolded)) is not None


def as_re_folds(casefolded: str) -> str:
    """A case-folded text with a dotless "ı" read as "i": `re` matches the two when ignoring case,
    and casefold keeps them apart, so a search for required words must see "i"."""
    return casefolded.replace("ı", "i") if "ı" in casefolded else casefolded


def any_word_regex(words: Iterable[str]) -> re.Pattern[str]:
    """A regex that finds any of the words, written as a trie ("co(?:okie|ntact)"): `re` then
    tries one branch per character instead of every word at every position."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(_trie_pattern(trie))


def _trie_pattern(node: dict) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    ends_here = "" in node
    if len(branches) == 1 and not ends_here:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if ends_here else "")


def _required(items) -> frozenset[str] | None:
    """The most selective literal set a sequence of parsed items guarantees."""
    best: frozenset[str] | None = None
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        best = _better(best, _run_key(run))
        run = []
        best = _better(best, _required_in(op, av))
    return _better(best, _run_key(run))


def _required_in(op, av) -> frozenset[str] | None:
    if op is _c.SUBPATTERN:
        return _required(av[3])
    if op is _c.ATOMIC_GROUP:
        return _required(av)
    if op is _c.BRANCH:
        options = [_required(alternative) for alternative in av[1]]
        if all(options):
            return frozenset().union(*options)
        return None
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _required(av[2])
    return None  # classes, anchors, assertions, back references: no literal to count on


def _run_key(run: list[str]) -> frozenset[str] | None:
    return frozenset({"".join(run).casefold()}) if run else None


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The set whose shortest string is longer (fewer strings on a tie): it rules out more."""
    if a is None:
        return b
    if b is None:
        return a
    key_a, key_b = (min(map(len, a)), -len(a)), (min(map(len, b)), -len(b))
    return b if key_b > key_a else a


# What RE2 reads otherwise than Python: a count RE2 takes as literal text ("{,3}", "{01}"), and a
# POSIX class ("[[:alpha:]]", "[a[:digit:]]"; for Python a set of "[:alph" or "a[:dgt", then "]")
_RE2_READS_OTHERWISE = re.compile(r"\{,|[{,]0\d|\[:")


@lru_cache(maxsize=4096)
def read_alike_by_re2(pattern: str) -> bool:
    """Whether Python's parser reads the pattern as RE2 does, so the facts here hold when RE2 runs it.

    Python refuses most of RE2's own syntax (`\\pL`, `\\z`, `\\Q...\\E`), but reads a few forms
    differently without an error (_RE2_READS_OTHERWISE), and some only with a FutureWarning
    ("possible nested set"). A pattern with any of them, or that Python cannot parse, gets no
    facts: its rule is tried on every block, which is slower but never wrong.
    """
    if _parser is None or _RE2_READS_OTHERWISE.search(pattern):
        return False
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            _parser.parse(pattern, 0)
        except Exception:  # an error, or a warning that Python may read this otherwise
            return False
    return True
