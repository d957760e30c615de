"""`clean()`: decode -> segment into blocks -> passes -> assemble, and nothing else."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from .decode import decode
from .document import Document, RemovedBlock
from .errors import InputError
from .language import detect_language
from .page import Page
from .passes import DEFAULT_PASSES
from .ruleset import RuleFile, load_rules, select_rules
from .segment import segment

InputType = Literal["auto", "text", "html"]
RulesArg = str | Path | RuleFile | Iterable[str | Path | RuleFile] | None


def clean(
    source: str | bytes,
    *,
    url: str | None = None,
    input_type: InputType = "auto",
    rules: RulesArg = None,
) -> Document:
    """Clean one scraped document: the article text, its metadata, and every removal with its reason.

    `source` is text, or bytes in UTF-8. `rules` adds the user's rule files (paths or loaded
    `RuleFile`s) to the built-in ones. Raises `InputError` for input it cannot read and
    `RuleFileError` for a bad rule file; never for a merely odd page.
    """
    _check_input_type(input_type)
    blocks = segment(decode(source))
    page = Page(blocks, select_rules(url, _user_rules(rules)), Document(url=url))
    for step in DEFAULT_PASSES:
        step.run(page)
    return assemble(page)


def assemble(page: Page) -> Document:
    """Join the kept blocks with one blank line; list the others with why they went.

    The language is read from the kept text, so it is the article's, not the menus'.
    """
    doc = page.doc
    kept = page.kept()
    doc.text = "\n\n".join(b.text for b in kept)
    doc.language = detect_language(kept)
    doc.removed = [
        RemovedBlock(b.index, b.text, b.removal.kind, b.removal.rule, b.removal.reason)
        for b in page.blocks
        if b.removal is not None
    ]
    return doc


def _check_input_type(input_type: str) -> None:
    if input_type == "html":
        raise InputError("input_type='html' is not supported yet: this version cleans text")
    if input_type not in ("auto", "text"):
        raise InputError(f"input_type must be 'auto', 'text' or 'html', not {input_type!r}")


def _user_rules(rules: RulesArg) -> tuple[RuleFile, ...]:
    if rules is None:
        return ()
    if isinstance(rules, (str, Path, RuleFile)):
        rules = [rules]
    return tuple(r if isinstance(r, RuleFile) else load_rules(r) for r in rules)
