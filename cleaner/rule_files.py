"""Rule files: load, validate and compile the TOML rules that recognise chrome blocks.

A rule file is data (see README, "Rule format"): optional file-level `language` (ISO 639-1 code)
or `domains` (a site's host names), then `[[rule]]` tables. Every rule carries examples that must
and must not match, and a rule whose own examples disagree with it is refused at load time, so
a rule file that loads is a rule file that does what its examples say.

The built-in files' regexes run on Python's `re`: they are vetted, tested against their examples,
and rely on its Unicode `\\w` and `\\b`. Any other file's run on RE2, whose time is linear in the
text whatever the pattern, so a user's rule cannot hang cleaning with catastrophic backtracking;
a pattern RE2 refuses (back references, look-arounds) is an error when the file loads.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import re2

from .document import Block
from .errors import RuleFileError
from .rule import SCOPES, WHERE, Rule

_REQUIRED = {"id": str, "kind": str, "pattern": str, "reason": str, "match": list, "keep": list}
_OPTIONAL = {"regex": bool, "scope": str, "max_words": int, "case_sensitive": bool, "description": str, "where": str}
_FILE_KEYS = {"rule", "language", "domains", "description"}
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_KIND = re.compile(r"^[a-z][a-z-]*$")


@dataclass(frozen=True, slots=True, eq=False)
class RuleFile:
    """The rules of one file and where they apply (everywhere, one language, or some sites)."""

    source: str
    rules: tuple[Rule, ...]
    language: str | None = None
    domains: tuple[str, ...] = ()

    def applies_to(self, host: str | None) -> bool:
        """Site files apply on their domains; generic and language files everywhere.

        A language file names the language of its phrases, but applies to every page: the
        rules match whole blocks, pages in any language carry UI strings in others, and a
        choice of rules that hung on a language guess would let cleaning a cleaned text
        (whose guess may differ) remove more, breaking idempotence.
        """
        if self.domains:
            return host is not None and any(host == d or host.endswith("." + d) for d in self.domains)
        return True


def parse_rule_file(text: str, source: str, *, builtin: bool = False) -> RuleFile:
    """Parse and validate rule-file text; raises RuleFileError naming the source and the rule.

    Regexes of a `builtin` file run on Python's `re`; any other file's on RE2 (see the top).
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(source, f"not valid TOML: {exc}") from None
    unknown = set(data) - _FILE_KEYS
    if unknown:
        raise RuleFileError(source, f"unknown top-level keys {sorted(unknown)}; expected {sorted(_FILE_KEYS)}")
    tables = data.get("rule", [])
    if not isinstance(tables, list) or not tables:
        raise RuleFileError(source, "no [[rule]] tables")
    language = data.get("language")
    if language is not None and not (isinstance(language, str) and re.fullmatch(r"[a-z]{2,3}", language)):
        raise RuleFileError(source, f"language must be an ISO 639 code such as 'en', not {language!r}")
    domains = data.get("domains", [])
    if not isinstance(domains, list) or not all(isinstance(d, str) and d for d in domains):
        raise RuleFileError(source, "domains must be a list of host names")
    engine = "re" if builtin else "re2"
    rules = tuple(_parse_rule(table, source, n, engine) for n, table in enumerate(tables, 1))
    _refuse_duplicate_ids(rules, source)
    return RuleFile(source, rules, language, tuple(d.lower().lstrip(".") for d in domains))


def _parse_rule(table: object, source: str, n: int, engine: str) -> Rule:
    if not isinstance(table, dict):
        raise RuleFileError(source, f"rule #{n} is not a table")
    rule_id = table.get("id") if isinstance(table.get("id"), str) else f"#{n}"
    _check_keys(table, source, rule_id)
    if not _ID.match(table["id"]):
        raise RuleFileError(source, "id must be lower case letters, digits and . _ -", rule_id)
    if not _KIND.match(table["kind"]):
        raise RuleFileError(source, "kind must be lower case words joined by '-'", rule_id)
    scope = table.get("scope", "block")
    if scope not in SCOPES:
        raise RuleFileError(source, f"scope must be one of {SCOPES}, not {scope!r}", rule_id)
    if table.get("where", "anywhere") not in WHERE:
        raise RuleFileError(source, f"where must be one of {WHERE}, not {table['where']!r}", rule_id)
    if not table["pattern"].strip():
        raise RuleFileError(source, "pattern is empty", rule_id)
    rule = Rule(
        id=table["id"],
        kind=table["kind"],
        pattern=table["pattern"],
        reason=table["reason"],
        regex=table.get("regex", False),
        scope=scope,
        max_words=table.get("max_words"),
        case_sensitive=table.get("case_sensitive", False),
        match=tuple(table["match"]),
        keep=tuple(table["keep"]),
        description=table.get("description", ""),
        where=table.get("where", "anywhere"),
        engine=engine,
        compiled=_compile(table, source, rule_id, engine),
    )
    _check_examples(rule, source)
    return rule


def _check_keys(table: dict, source: str, rule_id: str) -> None:
    unknown = set(table) - set(_REQUIRED) - set(_OPTIONAL)
    if unknown:
        raise RuleFileError(source, f"unknown keys {sorted(unknown)}", rule_id)
    for key, kind in _REQUIRED.items():
        if key not in table:
            raise RuleFileError(source, f"missing required key {key!r}", rule_id)
        if not isinstance(table[key], kind):
            raise RuleFileError(source, f"{key!r} must be a {kind.__name__}", rule_id)
    for key, kind in _OPTIONAL.items():
        if key in table and not isinstance(table[key], kind):
            raise RuleFileError(source, f"{key!r} must be a {kind.__name__}", rule_id)
    for key in ("match", "keep"):
        if not table[key] or not all(isinstance(x, str) and x.strip() for x in table[key]):
            raise RuleFileError(source, f"{key!r} needs at least one non-empty example string", rule_id)


def _compile(table: dict, source: str, rule_id: str, engine: str) -> re.Pattern[str] | re2._Regexp | None:
    if not table.get("regex", False):
        return None
    case_sensitive = table.get("case_sensitive", False)
    if engine == "re2":
        return _compile_re2(table["pattern"], case_sensitive, source, rule_id)
    try:
        return re.compile(table["pattern"], 0 if case_sensitive else re.IGNORECASE)
    except re.error as exc:
        raise RuleFileError(source, f"pattern is not a valid regex: {exc}", rule_id) from None


def _compile_re2(pattern: str, case_sensitive: bool, source: str, rule_id: str) -> re2._Regexp:
    options = re2.Options()
    options.case_sensitive = case_sensitive
    options.log_errors = False  # the error is raised, naming the rule; RE2 would also print it
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if isinstance(exc.args[0], bytes) else str(exc)
        raise RuleFileError(
            source,
            f"pattern is not a valid regex for RE2, the linear-time engine of user rules: {reason} "
            "(RE2 has no back references or look-arounds; see README, Rule format)",
            rule_id,
        ) from None


def _check_examples(rule: Rule, source: str) -> None:
    for example in rule.match:
        if not rule.matches(Block(0, example)):
            raise RuleFileError(source, f"does not match its own 'match' example {example!r}", rule.id)
    for example in rule.keep:
        if rule.matches(Block(0, example)):
            raise RuleFileError(source, f"matches its own 'keep' example {example!r}", rule.id)


def _refuse_duplicate_ids(rules: Iterable[Rule], source: str) -> None:
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise RuleFileError(source, "id is used twice", rule.id)
        seen.add(rule.id)


def load_rules(path: str | Path) -> RuleFile:
    """Load a user's rule file (cached while the file is unchanged); raises RuleFileError."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as exc:
        raise RuleFileError(str(path), f"cannot read: {exc.strerror}") from None
    except ValueError as exc:  # a NUL or a lone surrogate in the path
        raise RuleFileError(repr(str(path)), f"not a usable path: {exc}") from None
    return _load_cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _load_cached(path: str, _mtime: int, _size: int) -> RuleFile:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(path, f"cannot read: {exc}") from None
    return parse_rule_file(text, path)


@lru_cache(maxsize=1)
def builtin_rule_files() -> tuple[RuleFile, ...]:
    """The rule files shipped in the package (the repository's top-level `rules/`)."""
    root = _rules_root()
    return tuple(
        parse_rule_file(item.read_text(encoding="utf-8"), name, builtin=True) for name, item in _toml_files(root)
    )


def _rules_root():
    """`cleaner.rules` when installed; the checkout's `rules/` when run from a source tree.

    The top-level `rules/` folder is installed as the package data `cleaner.rules`; code
    imported straight from a checkout (no install) has no such package, only the folder.
    """
    try:
        return resources.files("cleaner.rules")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "rules"


def _toml_files(folder, prefix: str = "rules") -> Iterator[tuple[str, object]]:
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        if item.is_dir() and not item.name.startswith(("_", ".")):
            yield from _toml_files(item, f"{prefix}/{item.name}")
        elif item.name.endswith(".toml"):
            yield f"{prefix}/{item.name}", item
