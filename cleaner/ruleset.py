"""The rules that apply to a document, and the one place to import rules from.

A document's rules, from the built-in files and the user's, are chosen by its host alone (see
`RuleFile.applies_to`); the rule sets are cached per host and per choice of files. What a rule
is lives in `rule`, reading rule files in `rule_files`, and matching many rules against a block
in `rule_matching`; their public names are re-exported here, where callers import them from.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from .errors import RuleFileError
from .rule import SCOPES, WHERE, Rule, literal_key
from .rule_files import RuleFile, builtin_rule_files, load_rules, parse_rule_file
from .rule_matching import LONG_BLOCK_CHARS, MEMO_CHARS, MEMO_SIZE, RE2_FROM_CHARS, RuleSet

__all__ = [
    "LONG_BLOCK_CHARS",
    "MEMO_CHARS",
    "MEMO_SIZE",
    "RE2_FROM_CHARS",
    "SCOPES",
    "WHERE",
    "Rule",
    "RuleFile",
    "RuleFileError",
    "RuleSet",
    "builtin_rule_files",
    "host_of",
    "literal_key",
    "load_rules",
    "parse_rule_file",
    "select_rules",
]


def host_of(url: str | None) -> str | None:
    """The lower-case host of a url, without a leading 'www.'; None when there is none."""
    if not url:
        return None
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:  # a malformed url ("http://[::1"), as a page's own metadata may hold
        return None
    return host.removeprefix("www.") or None


def select_rules(url: str | None, extra: tuple[RuleFile, ...] = ()) -> RuleSet:
    """The rules that apply to a document: generic and language files, its site's, then the user's."""
    return _select_cached(host_of(url), extra)


@lru_cache(maxsize=4096)
def _select_cached(host: str | None, extra: tuple[RuleFile, ...]) -> RuleSet:
    return _ruleset(tuple(f for f in builtin_rule_files() + extra if f.applies_to(host)))


@lru_cache(maxsize=256)
def _ruleset(files: tuple[RuleFile, ...]) -> RuleSet:
    """One rule set per choice of files: hosts without site rules share one, with its compiled
    patterns and its memory of short blocks."""
    return RuleSet(rule for f in files for rule in f.rules)
