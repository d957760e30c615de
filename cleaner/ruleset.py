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

import itertools
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import re2

from .document import Block, fold
from .errors import RuleFileError
from .regex_facts import any_word_regex, as_re_folds, longest_on_folded, read_alike_by_re2, required_literals

SCOPES = ("block", "line", "prefix", "contains")
_REQUIRED = {"id": str, "kind": str, "pattern": str, "reason": str, "match": list, "keep": list}
_OPTIONAL = {"regex": bool, "scope": str, "max_words": int, "case_sensitive": bool, "description": str, "where": str}
WHERE = ("anywhere", "tail")
_FILE_KEYS = {"rule", "language", "domains", "description"}
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_KIND = re.compile(r"^[a-z][a-z-]*$")


def literal_key(text: str) -> str:
    """How a literal pattern compares: folded, case-insensitive, a final '.' or '!' ignored.

    Regex rules see the same text less the final '.' or '!', but with its case.
    """
    return fold(text).casefold().rstrip(" .!")


LONG_BLOCK_CHARS = 160  # a longer block is tried against the few rules that reach that far
MEMO_CHARS = 120  # blocks up to this long have their rule match remembered
MEMO_SIZE = 50_000  # remembered answers in all, across every rule set (about 0.3 kB each)
_MEMO: dict[tuple[int, str, str], Rule | None] = {}  # (rule set's serial, text, body) -> answer
_SERIALS = itertools.count()


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


class RuleSet:
    """Rules ready to match, in order: whole-block literals in one dict lookup; whole-block regexes
    in one alternation for short blocks (RE2 ones, from users' files, one by one), and one by
    one for long blocks; line, prefix and contains rules one by one. A rule whose regex needs
    one of some words is tried only where the block holds one (`_WordIndex`). The first rule in
    file order that matches wins."""

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
        self._block_regex = [(i, r) for i, r in enumerate(self._ordered) if r.regex and r.scope == "block"]
        self._others = [(i, r, _keys(r)) for i, r in enumerate(self._ordered) if not (r.regex and r.scope == "block")]
        # A long block (a paragraph, most often) meets the few block regexes that reach that far
        # one by one, each only where a word it needs is present, not as an alternation: that
        # would try every branch of every rule on every paragraph.
        self._block_regex_long = [
            (i, r, _keys(r))
            for i, r in self._block_regex
            if not _facts_hold(r) or longest_on_folded(r.pattern, _flags(r)) > LONG_BLOCK_CHARS
        ]
        keyed = [(i, keys) for i, _, keys in self._others + self._block_regex_long if keys is not None]
        self._words = _WordIndex(keyed)
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
        rules, which ignores `max_words`: when the rule it finds allows fewer words than the
        block has, the rules after it are tried one by one. RE2 rules stay out of it (joined
        with the others they would run on `re`, which could backtrack for ever): they are tried
        one by one, in file order, up to the rule it found.
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
        for index, rule in members.linear:
            if best is not None and index > best[0]:
                break
            if rule.matches(block):
                return index, rule
        return best


RE2_FROM_CHARS = 120  # from this length, looking for many words is faster on RE2 than on `re`
_NONE: frozenset[int] = frozenset()


class _WordIndex:
    """Which rules' required words a text holds: each rule needs one of its words to match.

    A short text (a label) is searched by `re` for all the words at once, and only when one is
    there rule by rule. A long one (a paragraph) is read once by an RE2 set, which tells every
    rule whose words it holds without backtracking; `re` would try every word at every position.
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
        if len(text) < RE2_FROM_CHARS:
            if self._any.search(text) is None:
                return _NONE
            return frozenset(i for i, keys in self._keyed if any(key in text for key in keys))
        found = self._set.Match(text.encode("utf-8", "surrogatepass"))
        return frozenset(self._keyed[n][0] for n in found) if found else _NONE


@dataclass(frozen=True, slots=True)
class _Members:
    """Whole-block regex rules (with their places in file order) by engine, the `re` ones combined."""

    python: list[tuple[int, Rule]]
    linear: list[tuple[int, Rule]]  # RE2
    combined: re.Pattern[str] | None

    @classmethod
    def of(cls, members: list[tuple[int, Rule]]) -> _Members:
        python = [(i, r) for i, r in members if r.engine == "re"]
        return cls(python, [(i, r) for i, r in members if r.engine == "re2"], _combine(python))


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
