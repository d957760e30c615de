"""`clean()`: decode -> extract (HTML only) -> segment into blocks -> passes -> assemble."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

from .arguments import checked_images, checked_input_type, checked_limits, checked_url, checked_whole_page
from .content_tree import MarkupFacts
from .decode import decode
from .document import Block, Document, EncodingInfo, RemovedBlock
from .errors import InputError
from .language import detect_language
from .limits import DEFAULT_LIMITS, Limits
from .page import Page
from .passes import DEFAULT_PASSES
from .repair import clean_text, normalise_line_ends, repaired_as_a_whole
from .ruleset import RuleFile, load_rules, select_rules
from .segment import block_texts, segment
from .shape import is_agency

InputType = Literal["auto", "text", "html"]
RulesArg = str | Path | RuleFile | Iterable[str | Path | RuleFile] | None
Headers = Mapping[str, str] | Iterable[tuple[str, str]] | None


def clean(
    source: str | bytes,
    *,
    url: str | None = None,
    input_type: InputType = "auto",
    rules: RulesArg = None,
    encoding: str | None = None,
    headers: Headers = None,
    whole_page: bool | None = None,
    limits: Limits = DEFAULT_LIMITS,
    images: bool = False,
) -> Document:
    """Clean one scraped document: the article text, its metadata, and every removal with its reason.

    `source` is text or raw bytes (HTML or text); `encoding` or the HTTP `headers` give its
    charset when known. `input_type="auto"` tells HTML from text by its tags. `rules` adds the
    user's rule files (paths or loaded `RuleFile`s) to the built-in ones. `whole_page` says
    whether menus and footers surround the article (True), or the text is the article already
    (False); None judges: text by its short lines, HTML by whether extraction found the article.
    `limits` bounds the input's size, a page's elements and the time spent (see `Limits`).
    `images` notes the HTML's images with the kept blocks they stand with, for
    `Document.to_markdown(images=True)` (it costs a look at each `<img>` of the page).
    Raises `InputError` for input it cannot take (a `LimitError` for one over the limits) and
    `RuleFileError` for a bad rule file; never for a merely odd page.
    """
    url, input_type = checked_url(url), checked_input_type(input_type)
    whole_page, limits, images = checked_whole_page(whole_page), checked_limits(limits), checked_images(images)
    limits.check_size(source)
    deadline = limits.deadline()
    text, encoding_info = decode(source, encoding=encoding, headers=headers)
    doc = Document(url=url, encoding=encoding_info)
    facts = MarkupFacts()
    deadline.check("decoding")
    if input_type == "html" or (input_type == "auto" and _looks_like_html(text)):
        text, facts = _extract_into(doc, text, url, limits, images)
        whole_page = doc.extraction == "whole-page" if whole_page is None else whole_page
        deadline.check("extraction")
    blocks = _with_markup_facts(text_blocks(text, encoding_info), facts)
    page = Page(blocks, select_rules(url or doc.url, _user_rules(rules)), doc, whole_page)
    for step in DEFAULT_PASSES:
        deadline.check(step.name)
        step.run(page)
    return assemble(page)


def text_blocks(text: str, info: EncodingInfo) -> list[Block]:
    """The blocks of a decoded text, each repaired on its own (mojibake, whitespace)."""
    text = normalise_line_ends(text)
    repaired = repaired_as_a_whole(text)  # most text: one look at the whole, not one per block
    if repaired is not None:
        if repaired != text and block_texts(repaired) != block_texts(text) and "whitespace" not in info.fixes:
            info.fixes.append("whitespace")  # odd spaces in blocks, not only in blank lines or at block ends
        return segment(repaired)
    return segment(text, lambda block: clean_text(block, info))


def _with_markup_facts(blocks: list[Block], facts: MarkupFacts) -> list[Block]:
    """Tell each block how much of it was link text in the HTML, how many of its lines were links,
    and what it was there (a heading, a list, a table...)."""
    for block in blocks if facts.link_shares else ():
        block.link_share, block.linked_lines = facts.link_shares.get(block.folded, (0.0, 0))
    for block in blocks if facts.shapes else ():
        block.shape = facts.shapes.get(block.folded)
    for block in blocks if facts.images else ():
        block.images = facts.images.get(block.folded, ())
    return blocks


def _looks_like_html(text: str) -> bool:
    from .extract import looks_like_html

    return looks_like_html(text)


def _extract_into(doc: Document, markup: str, url: str | None, limits: Limits, images: bool) -> tuple[str, MarkupFacts]:
    """Extract the main content; the page's metadata goes into `doc` before the text passes add theirs."""
    from .extract import extract

    extracted = extract(markup, url, limits, doc.encoding.fixes, images)
    meta = extracted.metadata
    doc.input_type, doc.extraction = "html", extracted.method
    doc.title, doc.date, doc.site_name = meta.title, meta.date, meta.site_name
    doc.authors = [a for a in meta.authors if not is_agency(a)]
    doc.publisher = next((a for a in meta.authors if is_agency(a)), None)
    doc.description, doc.image, doc.language = meta.description, meta.image, meta.language
    doc.categories, doc.tags = list(meta.categories), list(meta.tags)
    doc.url = url or meta.url
    return extracted.text, extracted.facts


def assemble(page: Page) -> Document:
    """Join the kept blocks with one blank line; the others are listed, with why they went, when asked.

    The language will be read from the kept text, so it is the article's, not the menus'.
    """
    doc = page.doc
    kept = page.kept()
    doc.text = "\n\n".join(b.text for b in kept)
    doc.read_language_later(lambda: detect_language(kept))
    doc.publisher = doc.publisher or doc.site_name
    blocks = page.blocks  # not the page, which holds the document: no cycle for the collector
    doc.list_removed_later(lambda: _removed_blocks(blocks))
    doc.keep_blocks_later(lambda: kept)
    return doc


def _removed_blocks(blocks: list[Block]) -> list[RemovedBlock]:
    return [
        RemovedBlock(b.index, b.text, b.removal.kind, b.removal.rule, b.removal.reason)
        for b in blocks
        if b.removal is not None
    ]


def _user_rules(rules: RulesArg) -> tuple[RuleFile, ...]:
    if rules is None:
        return ()
    if isinstance(rules, (str, Path, RuleFile)):
        rules = [rules]
    try:
        given = tuple(rules)
    except TypeError:
        raise InputError(f"rules must be rule files (paths or RuleFile), not {type(rules).__name__}") from None
    if not all(isinstance(r, (str, Path, RuleFile)) for r in given):
        raise InputError("rules must be rule files: paths (str, Path) or loaded RuleFile objects")
    return tuple(r if isinstance(r, RuleFile) else load_rules(r) for r in given)
