"""The result of cleaning (`Document`) and the blocks the passes label on the way (`Block`).

A document is cut into blocks, passes label blocks instead of deleting text, and the kept blocks
are joined at the end. So the `removed` list is exact by construction: every input block is
either in `Document.text` or in `Document.removed`, never both and never neither.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .content_tree import Shape

_QUOTES = (("‘", "'"), ("’", "'"), ("‚", "'"), ("′", "'"), ("“", '"'), ("”", '"'), ("„", '"'), ("″", '"'))
_BULLETS = "•·▪◦‣∙*-–—>|»›"


def fold(text: str) -> str:
    """Whitespace collapsed, quotes straightened, leading bullets dropped: how rules see a text.

    Two blocks that fold to the same string say the same thing to a reader (a repeat that differs
    only in curly quotes or indentation is still a repeat).
    """
    if not text.isascii():
        for curly, straight in _QUOTES:
            if curly in text:
                text = text.replace(curly, straight)
    text = " ".join(text.split())
    if text[:1] in _BULLETS:
        return text.lstrip(_BULLETS).lstrip() or text
    return text


_WORD = re.compile(r"\w+(?:['’]\w+)*")
# Chinese and Japanese write no spaces between words: count two such characters as one word.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


# ASCII letters, digits and "_" (what `\\w` is in ASCII) stay; every other byte becomes a space.
_ASCII_WORD_BYTES = bytes(c if (chr(c).isalnum() and c < 128) or c == ord("_") else ord(" ") for c in range(256))


def count_words(text: str) -> int:
    """Words in `text`, counting two CJK characters as one word."""
    if text.isascii() and "'" not in text:
        # The same count without a regex: with no apostrophe to join them, words are the runs
        # of word characters, and a byte translation plus a split finds those several times faster.
        return len(text.encode("ascii").translate(_ASCII_WORD_BYTES).split())
    cjk = len(_CJK.findall(text))
    if not cjk:
        return len(_WORD.findall(text))
    return len(_WORD.findall(_CJK.sub(" ", text))) + (cjk + 1) // 2


@dataclass(slots=True, frozen=True)
class Removal:
    """Why a block left the text: the kind of chrome, the rule id that decided, a reason for people."""

    kind: str
    rule: str
    reason: str


@dataclass(slots=True, eq=False)
class Block:
    """A maximal run of non-blank lines of the input, with its label.

    `text` is the block as written (internal line breaks and indentation kept, the block stripped
    as a whole); `folded` is its `fold`; `body` is what rules match: `folded` less any metadata
    prefix a pass has read (" date 2023-02-15 Photo by ..." has the body "Photo by ...").
    `removal` is None while the block is kept.
    """

    index: int
    text: str
    folded: str = field(init=False)
    body: str = field(init=False)
    words: int = field(init=False)
    removal: Removal | None = None
    link_share: float = 0.0  # share of the text that was link text in the HTML (0 for text input)
    linked_lines: int = 0  # lines that were each a link in the HTML
    shape: Shape | None = None  # what the block was in the HTML (a heading, a list...); None: a paragraph
    images: tuple[tuple[str, str], ...] = ()  # (source, alt) of the page's images that stand with it
    _lines: list[str] | None = field(default=None, init=False, repr=False)
    _folded_lines: list[str] | None = field(default=None, init=False, repr=False)
    _casefolded: str | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.folded = self.body = fold(self.text)
        self.words = count_words(self.folded)

    @property
    def kept(self) -> bool:
        return self.removal is None

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = [line.strip() for line in self.text.split("\n") if line.strip()]
        return self._lines

    @property
    def casefolded(self) -> str:
        """`folded`, case-folded: how passes compare blocks with each other."""
        if self._casefolded is None:
            self._casefolded = self.folded.casefold()
        return self._casefolded

    @property
    def folded_lines(self) -> list[str]:
        if self._folded_lines is None:
            self._folded_lines = [fold(line) for line in self.lines]
        return self._folded_lines


@dataclass(slots=True)
class Dateline:
    """The `PLACE (Agency) -` or `[Agency]` opener of a lead paragraph."""

    place: str | None = None
    agency: str | None = None


@dataclass(slots=True)
class Contributors:
    """Names from a wire credit line such as "(Reporting by ...; Writing by ...; Editing by ...)"."""

    reporting: list[str] = field(default_factory=list)
    writing: list[str] = field(default_factory=list)
    editing: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Entry:
    """One live-blog update: when, by whom, and the headline it was filed under."""

    time: str
    date: str | None
    author: str | None
    headline: str | None


@dataclass(slots=True)
class RemovedBlock:
    """One block that is not in the clean text, with why (see `Removal`)."""

    index: int
    text: str
    kind: str
    rule: str
    reason: str


@dataclass(slots=True)
class EncodingInfo:
    """How the input became text: the codec, the step that chose it, and what was repaired."""

    name: str | None  # the codec used; None when the input was already `str`
    source: str  # "str", "bom", "caller", "http-header", "meta", "utf-8", "chardet" or "fallback"
    # 1.0 for a mark, a declaration or strict UTF-8; chardet's own for a guess; for UTF-8 with stray
    # bytes, the share of its non-ASCII characters that decoded
    confidence: float
    rejected: list[str] = field(default_factory=list)  # declared charsets not believed, and why
    # repairs made: ftfy's steps, "nfc", "whitespace", "invalid-bytes" (stray bytes made U+FFFD)
    fixes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    """Clean article text plus what the page said about itself, and an account of every removal.

    `input_type` says how the input was read ("text" or "html") and `extraction` how the text was
    found in HTML ("trafilatura", or "whole-page" when the extractor found too little).
    """

    text: str = ""
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    publisher: str | None = None
    site_name: str | None = None
    description: str | None = None
    dateline: Dateline | None = None
    contributors: Contributors | None = None
    # The language is read from the kept prose on first use: guessing it costs as much as the
    # rest of cleaning a text, and most callers never ask.
    _language: str | None = field(default=None, repr=False)
    _language_reader: Callable[[], str | None] | None = field(default=None, repr=False, compare=False)
    url: str | None = None
    image: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    input_type: str = "text"
    extraction: str | None = None
    encoding: EncodingInfo | None = None
    # The account of removals is listed on first use too: a crawler that wants only the text
    # should not pay for an object per removed block.
    _removed: list[RemovedBlock] | None = field(default=None, repr=False)
    _removed_reader: Callable[[], list[RemovedBlock]] | None = field(default=None, repr=False, compare=False)
    # The kept blocks with their shapes, for Markdown and the structured blocks, on first use.
    _kept_reader: Callable[[], list[Block]] | None = field(default=None, repr=False, compare=False)

    @property
    def language(self) -> str | None:
        """ISO 639-1 code of the article's language (read from its prose), else what the page declared."""
        if self._language_reader is not None:
            read, self._language_reader = self._language_reader, None
            self._language = read() or self._language
        return self._language

    @language.setter
    def language(self, value: str | None) -> None:
        self._language, self._language_reader = value, None

    def read_language_later(self, reader: Callable[[], str | None]) -> None:
        """Have `language` come from `reader()` when first asked, falling back to the value set now."""
        self._language_reader = reader

    @property
    def removed(self) -> list[RemovedBlock]:
        """Every input block that is not in `text`, in input order, with why it went."""
        if self._removed_reader is not None:
            read, self._removed_reader = self._removed_reader, None
            self._removed = read()
        if self._removed is None:
            self._removed = []
        return self._removed

    @removed.setter
    def removed(self, value: list[RemovedBlock]) -> None:
        self._removed, self._removed_reader = value, None

    def list_removed_later(self, reader: Callable[[], list[RemovedBlock]]) -> None:
        """Have `removed` come from `reader()` when first asked."""
        self._removed_reader = reader

    def keep_blocks_later(self, reader: Callable[[], list[Block]]) -> None:
        """Have Markdown and the structured blocks come from the blocks `reader()` gives (the kept ones)."""
        self._kept_reader = reader

    def _kept_blocks(self) -> list[Block]:
        if self._kept_reader is not None:
            return self._kept_reader()
        from .segment import segment  # a Document made by hand: its text's blocks, as paragraphs

        return segment(self.text)

    @property
    def markdown(self) -> str:
        """The article as Markdown: the title as a level-1 heading, then the kept blocks with the
        shape they had in the page (headings, lists, tables, quotes, code). See `to_markdown`."""
        return self.to_markdown()

    def to_markdown(self, *, title: bool = True, links: bool = False, images: bool = False) -> str:
        """The article as Markdown; `title`: begin with the title as a level-1 heading; `links`:
        write the page's links as Markdown links, resolved against `url`; `images`: the page's
        images before the kept blocks they stand with (noted by `clean(..., images=True)`). Read
        back, it gives the words of `text` (and of the title heading): removed blocks never come back."""
        from .markdown import to_markdown

        title_text = self.title if title else None
        return to_markdown(self._kept_blocks(), title=title_text, links=links, images=images, url=self.url)

    def structured_blocks(self, *, links: bool = False, images: bool = False) -> list[dict[str, Any]]:
        """Each kept block as data with its type: `heading` (with `level`), `paragraph`, `list` (with
        `items`, each with its `depth`, and `ordered`), `table` (with `rows` and `header`), `quote`
        or `code`; `links`: each block's links as `{"text", "href"}`; `images`: the images that
        stand with it as `{"src", "alt"}`."""
        from .markdown import structured

        return structured(self._kept_blocks(), links=links, images=images, url=self.url)

    def to_dict(
        self, *, markdown: bool = False, blocks: bool = False, links: bool = False, images: bool = False
    ) -> dict[str, Any]:
        """Plain JSON-ready data; exactly what `cleaner --format json` prints. `markdown` adds the
        Markdown, `blocks` the structured blocks, `links` and `images` those in both."""
        self.removed  # noqa: B018 - listed now, if not yet, so that asdict sees it
        data = asdict(self)
        del data["_language_reader"], data["_removed_reader"], data["_kept_reader"]
        data["_language"] = self.language
        out = {_PUBLIC_NAMES.get(key, key): value for key, value in data.items()}
        if markdown:
            out["markdown"] = self.to_markdown(links=links, images=images)
        if blocks:
            out["blocks"] = self.structured_blocks(links=links, images=images)
        return out


_PUBLIC_NAMES = {"_language": "language", "_removed": "removed"}
