"""The tools compared: cleaner and its peers, each wrapped as ``fn(source, url) -> text``.

Every wrapper is called the way its authors document for this job, with no network, and returns
plain text with blocks on separate lines (the shingle metric ignores layout, but readers of the
saved outputs should not). Imports happen when a mode's tools are built, so the text mode does not
need the HTML peers installed, and import time never counts in the per-document timings
(startup.py measures that separately).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

Source = bytes | str
Extract = Callable[[Source, str | None], str]

# Elements that start a new line when readability's HTML is turned into text.
BLOCK_TAGS = (
    "p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "blockquote", "pre", "table", "tr", "td", "th", "figure", "figcaption", "br", "hr",
)  # fmt: skip


@dataclass(frozen=True)
class Tool:
    """One contestant: its display name, the package whose version is reported, and how it is called."""

    name: str
    package: str
    extract: Extract
    call: str


def cleaner_tool() -> Tool:
    """cleaner gets the source as the benchmark stores it (bytes or text) and the page's url, as in bench.py."""
    import cleaner

    return Tool("cleaner", "cleaner", lambda src, url: cleaner.clean(src, url=url).text, "cleaner.clean(src, url=url)")


def html_tools(multilingual: bool = False) -> list[Tool]:
    """cleaner and the HTML extractors, in the order they run within a round (cleaner first: its cold round)."""
    jt = _justext_html(multilingual)
    return [cleaner_tool(), *_trafilatura_tools(), _readability(), jt, _resiliparse(), _newspaper()]


def text_tools(multilingual: bool = False) -> list[Tool]:
    """cleaner and the line filters a text pipeline would use instead, down to doing nothing."""
    return [cleaner_tool(), _c4_lines(), _justext_lines(multilingual), _dedup_lines(), _nothing()]


def tools_for(mode: str) -> list[Tool]:
    """The same peers for a set's html and text modes; on the multilingual set jusText knows every language."""
    multilingual = mode.startswith("ml-")
    return html_tools(multilingual) if mode.endswith("html") else text_tools(multilingual)


def justext_stoplist(multilingual: bool) -> tuple[frozenset[str], str]:
    """English for the English news set; for the mostly German set, the union of all jusText's stoplists.

    The union is what trafilatura's own jusText fallback uses when a page's language is not known
    (``jt_stoplist_init``): with the English list alone, German prose has almost no stopwords and
    jusText calls it boilerplate, which would measure the setting, not the tool.
    """
    import justext

    if not multilingual:
        return justext.get_stoplist("English"), "English stoplist"
    words = frozenset(w for lang in justext.get_stoplists() for w in justext.get_stoplist(lang))
    return words, "all stoplists"


def decode(src: Source) -> str:
    """Bytes to str for the peers that only take str: resiliparse's own charset detection, the same for all."""
    if isinstance(src, str):
        return src
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    return bytes_to_str(src, detect_encoding(src))


def _trafilatura_tools() -> list[Tool]:
    """trafilatura called exactly as in bench.py, and once more favouring precision (its documented switch)."""
    import trafilatura

    def default(src: Source, url: str | None) -> str:
        return trafilatura.extract(src, include_comments=False, include_tables=True) or ""

    def precise(src: Source, url: str | None) -> str:
        return trafilatura.extract(src, include_comments=False, include_tables=True, favor_precision=True) or ""

    call = "trafilatura.extract(html_bytes, include_comments=False, include_tables=True"
    return [
        Tool("trafilatura", "trafilatura", default, call + ")"),
        Tool("trafilatura (favor_precision)", "trafilatura", precise, call + ", favor_precision=True)"),
    ]


def _readability() -> Tool:
    """readability-lxml returns cleaned HTML; its blocks are put one per line so paragraphs do not run together.

    It is given decoded text: readability-lxml 0.8.4.1 raises on every bytes input (str regexes on bytes).
    """
    from readability import Document

    def extract(src: Source, url: str | None) -> str:
        return blocks_text(Document(decode(src)).summary(html_partial=True))

    return Tool(
        "readability-lxml", "readability-lxml", extract, "Document(decoded html).summary(html_partial=True) -> text"
    )


def blocks_text(markup: str) -> str:
    """Text of an HTML fragment, one line per block element, whitespace folded, empty lines dropped."""
    import lxml.html

    if not markup.strip():
        return ""
    root = lxml.html.fromstring(markup)
    for el in root.iter(*BLOCK_TAGS):
        el.text = "\n" + (el.text or "")
        el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _justext_html(multilingual: bool) -> Tool:
    """jusText on the raw page with its stoplist; the paragraphs it does not call boilerplate are kept."""
    import justext

    stoplist, which = justext_stoplist(multilingual)

    def extract(src: Source, url: str | None) -> str:
        return "\n".join(p.text for p in justext.justext(src, stoplist) if not p.is_boilerplate)

    name = f"jusText ({which})" if multilingual else "jusText"
    return Tool(name, "jusText", extract, f"justext.justext(html_bytes, {which}), non-boilerplate")


def _resiliparse() -> Tool:
    """resiliparse's main-content text extraction, on the page decoded by its own charset detection."""
    from resiliparse.extract.html2text import extract_plain_text

    def extract(src: Source, url: str | None) -> str:
        return extract_plain_text(decode(src), main_content=True)

    return Tool("resiliparse", "resiliparse", extract, "extract_plain_text(decoded html, main_content=True)")


def _newspaper() -> Tool:
    """newspaper4k parsing the given HTML: no download, no image fetching, no NLP.

    The language is detected from the page, as by default; where it is one whose tokenizer is an
    optional extra (Japanese, Korean: 4 pages here), the page is parsed again as English instead of
    failing. fetch_images=False because sizing the top image goes to the network.
    """
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "nltk is not installed": only its NLP step, which is not used
        import newspaper
    # dateutil, reading a page's date: "tzname EST identified but not understood" (harmless)
    warnings.filterwarnings("ignore", message="tzname .* identified but not understood")

    def parse(html_text: str, url: str, **language: str) -> str:
        article = newspaper.Article(url, fetch_images=False, **language)
        article.download(input_html=html_text)
        article.parse()
        return article.text

    def extract(src: Source, url: str | None) -> str:
        html_text, url = decode(src), url or "https://example.com/"
        try:
            return parse(html_text, url)
        except ImportError:  # the detected language needs nltk or tinysegmenter
            return parse(html_text, url, language="en")

    return Tool(
        "newspaper4k", "newspaper4k", extract, "Article(url, fetch_images=False) from html; 'en' if no tokenizer"
    )


def _c4_lines() -> Tool:
    """datatrove's C4 filter reduced to its line rules, as in bench.py: the document is never dropped."""
    from datatrove.data import Document
    from datatrove.pipeline.filters.c4_filters import C4QualityFilter

    f = C4QualityFilter(min_num_sentences=-1, filter_lorem_ipsum=False, filter_curly_bracket=False)

    def extract(src: Source, url: str | None) -> str:
        doc = Document(text=src, id="x")
        f.filter(doc)
        return doc.text

    return Tool("C4 line filter (datatrove)", "datatrove", extract, "C4QualityFilter(line rules).filter(doc); doc.text")


def _justext_lines(multilingual: bool) -> Tool:
    """jusText's classifier on text: each non-empty line becomes a <p> of a minimal page; good ones are kept."""
    import justext

    stoplist, which = justext_stoplist(multilingual)

    def extract(src: Source, url: str | None) -> str:
        page = "".join(f"<p>{html.escape(line)}</p>" for line in src.splitlines() if line.strip())
        if not page:
            return ""
        paragraphs = justext.justext(f"<html><body>{page}</body></html>", stoplist)
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    name = f"jusText (lines as paragraphs, {which})" if multilingual else "jusText (lines as paragraphs)"
    return Tool(name, "jusText", extract, f"justext over <p>line</p> blocks, {which}, non-boilerplate")


def _dedup_lines() -> Tool:
    """The cheapest boilerplate rule there is: a line seen before in the document goes (blank lines stay)."""

    def extract(src: Source, url: str | None) -> str:
        seen: set[str] = set()
        kept = []
        for line in src.splitlines():
            if line.strip() and line in seen:
                continue
            seen.add(line)
            kept.append(line)
        return "\n".join(kept)

    return Tool("exact-duplicate lines removed", "", extract, "keep the first occurrence of each line")


def _nothing() -> Tool:
    """The floor: the scraped text as is, to show what the chrome costs in precision."""
    return Tool("nothing (input as is)", "", lambda src, url: src, "identity")
