"""Copies of the dev benchmark's pages for `duplicates.py`: republished, edited, and same-site look-alikes.

For each page of the news set (`scrapinghub/`) and of the multilingual set (`multilingual/`), in
both the forms the sets hold (raw HTML and scraped text):

- the **original**: the page as it is;
- a **republished copy**: its article (the news set's true article body; on the multilingual set,
  which has no bodies, cleaner's clean text of the page) inside another site's page, in place of
  that page's own article: its menus, sidebars, teasers and footer stay, its headline becomes the
  story's title. As HTML, the donor page's article elements are replaced in its DOM; as scraped
  text, its article blocks in its scraped text;
- an **edited copy**: the same article with one sentence in ten rewritten (a third of its words
  replaced by other words of the article) and two paragraphs swapped or dropped, inside a third
  site's page the same way.

The other pages of the same site (same host, `www.` and web.archive.org's prefix folded) are
look-alikes that are no copies: same chrome, other stories. Every random choice comes from a
`random.Random` seeded by the seed and the page's key, and each copy's host is the donor first in
an order hashed from the seed, the page and the donor, so a page's copies do not depend on the
others, and a donor that joins or leaves moves only the copies it hosts. A donor page is one
whose article cleaner finds as whole elements (blocks) of the page, so that swapping them leaves
its chrome whole; pages without enough article are never a donor.
"""

from __future__ import annotations

import hashlib
import itertools
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
from corpus import load_corpus
from lxml import etree

import cleaner

SETS = {"news": ("html", "text"), "multilingual": ("ml-html", "ml-text")}
FORMS = ("html", "text")
KINDS = ("original", "republished", "edited")
MIN_DONOR_BLOCKS = 3  # a donor's article must be at least this many blocks...
MIN_DONOR_COVER = 0.8  # ...holding this share of its clean text, found as whole blocks of the page
PROBE_FOUND = 0.8  # ...and cleaning it with another article in their place gives that article's shingles
OWN_LEFT = 0.1  # ...and at most this share of its own
SENTENCE_END = re.compile(r"(?<=[.!?…。])(\s+)")


@dataclass(frozen=True)
class Page:
    """One page of a set, in both its forms, with the article its copies carry."""

    key: str
    dataset: str
    site: str
    url: str | None
    html: bytes
    text: str
    title: str
    article: tuple[str, ...]  # paragraphs


@dataclass(frozen=True)
class Doc:
    """One document of the benchmark's stream: which story it carries, as what, from which site."""

    id: str
    story: str  # the key of the page whose article it is
    site: str
    kind: str  # original, republished, edited
    form: str  # html, text
    source: bytes | str
    url: str | None
    edit: str = ""  # what the edited copy's paragraphs went through: "swap" or "drop"
    article: str = ""  # the article it carries (the edited one, for an edited copy)


@dataclass
class Corpus:
    """The benchmark's documents in stream order (originals first, then the copies shuffled), by form."""

    docs: dict[str, list[Doc]]
    pages: int
    donors: int
    skipped: dict[str, int] = field(default_factory=dict)


def site_of(url: str | None) -> str:
    """The site a page is from: its host without `www.`; an archived page's original host; a
    `hard::name.tld-...` key of the multilingual set, its name's domain."""
    if not url:
        return ""
    if url.startswith("hard::"):
        return ".".join(url.removeprefix("hard::").split("-")[0].split(".")[:2]).lower()
    archived = re.match(r"https?://web\.archive\.org/web/\d+/(.+)", url)
    if archived:
        inner = archived.group(1)
        url = inner if "://" in inner else f"http://{inner}"
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def load_pages(data: Path) -> list[Page]:
    """The pages of both sets, each with its two forms and its article's paragraphs."""
    pages: list[Page] = []
    for dataset, (html_mode, text_mode) in SETS.items():
        html, text = load_corpus(html_mode, data), load_corpus(text_mode, data)
        for key, source in html.docs.items():
            if key not in text.docs:
                continue
            url = html.urls.get(key)
            clean = cleaner.clean(source, url=_http(url))
            body = html.truth[key].get("articleBody") if dataset == "news" else None
            pages.append(
                Page(
                    key=key,
                    dataset=dataset,
                    site=site_of(url),
                    url=_http(url),
                    html=source,
                    text=text.docs[key],
                    title=clean.title or "",
                    article=paragraphs(body) if body is not None else blocks(clean.text),
                )
            )
    return pages


def _http(url: str | None) -> str | None:
    return url if url and url.startswith(("http://", "https://")) else None


def _short(key: str) -> str:
    return hashlib.blake2b(key.encode(), digest_size=6).hexdigest()


def paragraphs(text: str) -> tuple[str, ...]:
    """A text's lines, spacing collapsed: the paragraphs of a news body (one a line)."""
    return tuple(p for p in (" ".join(line.split()) for line in text.split("\n")) if p)


def blocks(text: str) -> tuple[str, ...]:
    """A clean text's blocks, each with its lines (a list, a table, a code block, a verse): a copy
    shows them as the page did, not as one paragraph a line."""
    return tuple(b for b in ("\n".join(paragraphs(block)) for block in text.split("\n\n")) if b)


def _norm(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- putting an article into a donor


def _article_blocks(page: Page) -> set[str]:
    """The donor's own article, as cleaner finds it: the blocks to replace."""
    return set(paragraphs(cleaner.clean(page.html, url=page.url).text)) | set(
        paragraphs(cleaner.clean(page.text, url=page.url).text)
    )


def _html_hits(root: etree._Element, blocks: set[str]) -> list[etree._Element]:
    """The outermost elements of the body whose whole text is one of the article's blocks."""
    hits: list[etree._Element] = []
    body = root.find("body")
    for el in (body if body is not None else root).iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        if _norm(el.text_content()) in blocks and not any(a in hits for a in el.iterancestors()):
            hits.append(el)
    return hits


def _text_hits(text: str, blocks: set[str]) -> list[int]:
    """The indexes of the scraped text's blank-line-separated blocks that are article blocks."""
    return [n for n, block in enumerate(text.split("\n\n")) if _norm(block) in blocks]


def _cover(found: list[str], blocks: set[str]) -> float:
    return sum(map(len, found)) / max(1, sum(map(len, blocks)))


def is_donor(page: Page, blocks: set[str], probe: tuple[str, ...]) -> bool:
    """Whether the page's article (`blocks`) can be swapped for another in both forms, leaving its
    chrome whole: its article is found as whole blocks of the page, and cleaning the page with the
    `probe` article in their place gives the probe's text, not the page's own (which a page can
    also hold outside its body's text, in JSON-LD or a script)."""
    root = lxml.html.document_fromstring(page.html)
    html_found = [_norm(el.text_content()) for el in _html_hits(root, blocks)]
    chunks = page.text.split("\n\n")
    text_found = [_norm(chunks[n]) for n in _text_hits(page.text, blocks)]
    if not all(len(f) >= MIN_DONOR_BLOCKS and _cover(f, blocks) >= MIN_DONOR_COVER for f in (html_found, text_found)):
        return False
    own, wanted = shingles(" ".join(sorted(blocks))), shingles(" ".join(probe))  # sorted: the same in every process
    for source in (into_html(page, blocks, "", probe), into_text(page, blocks, probe)):
        out = shingles(cleaner.clean(source, url=_donor_url(page)).text)
        if len(out & wanted) < PROBE_FOUND * len(wanted) or len(out & own) > OWN_LEFT * len(own):
            return False
    return True


def shingles(text: str) -> set[tuple[str, ...]]:
    """Runs of five words, case folded: how much of one text is in another, whatever its lines."""
    words = text.casefold().split()
    return {tuple(words[n : n + 5]) for n in range(max(0, len(words) - 4))}


def _donor_url(donor: Page) -> str | None:
    """Where a copy in the donor's page is said to be: the donor's site (its site rules apply)."""
    return f"https://{donor.site}/" if donor.site else None


def into_html(donor: Page, blocks: set[str], title: str, article: tuple[str, ...]) -> bytes:
    """The donor's page with its article elements replaced by `article` (at the first one's place)
    and its first headline by `title`. The donor's JSON-LD that carries its story's text goes too:
    a page that publishes another article describes that one, and an extractor that reads
    `articleBody` would otherwise find the donor's story in the copy."""
    root = lxml.html.document_fromstring(donor.html)
    for script in [s for s in root.iter("script") if s.get("type") == "application/ld+json"]:
        if "articleBody" in (script.text or ""):
            script.drop_tree()
    hits = _html_hits(root, blocks)
    box = etree.Element("div", {"class": "story-body"})
    for text in article:  # a block's lines, a line break between each two
        paragraph = etree.SubElement(box, "p")
        first, *others = text.split("\n")
        paragraph.text = first
        for line in others:
            etree.SubElement(paragraph, "br").tail = line
    first = hits[0]
    box.tail = first.tail
    first.getparent().replace(first, box)
    for el in hits[1:]:
        el.drop_tree()
    for h1 in root.iter("h1"):
        h1.clear()
        h1.text = title
        break
    return lxml.html.tostring(root, encoding="utf-8", doctype="<!DOCTYPE html>")


def into_text(donor: Page, blocks: set[str], article: tuple[str, ...]) -> str:
    """The donor's scraped text with its article blocks replaced by `article`'s paragraphs."""
    chunks = donor.text.split("\n\n")
    hits = set(_text_hits(donor.text, blocks))
    out: list[str] = []
    for n, chunk in enumerate(chunks):
        if n == min(hits):
            out.extend(article)
        elif n not in hits:
            out.append(chunk)
    return "\n\n".join(out)


# ---------------------------------------------------------------- editing an article


def edited(article: tuple[str, ...], rng: random.Random) -> tuple[tuple[str, ...], str]:
    """One sentence in ten rewritten (a third of its words replaced by other words of the article),
    then two paragraphs swapped or dropped (swapped when fewer than four are there)."""
    sentences = [SENTENCE_END.split(p) for p in article]  # sentences at even places, the spacing between at odd
    places = [(i, j) for i, parts in enumerate(sentences) for j in range(0, len(parts), 2)]
    vocabulary = [w for p in article for w in p.split()]
    for i, j in rng.sample(places, max(1, round(len(places) / 10))):
        sentences[i][j] = _rewritten(sentences[i][j], rng.randrange(3), vocabulary, rng)
    paras = ["".join(parts) for parts in sentences]
    if len(paras) < 2:
        return tuple(paras), "none"
    how = "drop" if len(paras) >= 4 and rng.random() < 0.5 else "swap"
    a, b = rng.sample(range(len(paras)), 2)
    if how == "swap":
        paras[a], paras[b] = paras[b], paras[a]
    else:
        paras = [p for n, p in enumerate(paras) if n not in (a, b)]
    return tuple(paras), how


def _rewritten(sentence: str, first: int, vocabulary: list[str], rng: random.Random) -> str:
    """Every third word from `first` on replaced by a word of the article; line breaks kept."""
    count = itertools.count()

    def replace(word: re.Match[str]) -> str:
        n = next(count)
        return rng.choice(vocabulary) if n >= first and (n - first) % 3 == 0 else word.group()

    return _WORD.sub(replace, sentence)


_WORD = re.compile(r"\S+")


# ---------------------------------------------------------------- the whole corpus


def make_corpus(data: Path, seed: int = 13) -> Corpus:
    """Every page's original, republished and edited copies, in both forms, in stream order."""
    pages = load_pages(data)
    blocks = {p.key: _article_blocks(p) for p in pages}
    probes = {dataset: _probe(pages, dataset) for dataset in SETS}
    donors = [p for p in pages if is_donor(p, blocks[p.key], probes[p.dataset])]
    docs: dict[str, list[Doc]] = {form: [] for form in FORMS}
    copies: dict[str, list[Doc]] = {form: [] for form in FORMS}
    skipped = {"no article": 0}
    for page in pages:
        for form in FORMS:
            source = page.html if form == "html" else page.text
            doc_id, article = f"{page.key}/original/{form}", "\n\n".join(page.article)
            doc = Doc(doc_id, page.key, page.site, "original", form, source, page.url, "", article)
            docs[form].append(doc)
        if not page.article:
            skipped["no article"] += 1
            continue
        for form, doc in _copies(page, donors, blocks, seed):
            copies[form].append(doc)
    for form in FORMS:
        random.Random(f"{seed}:order:{form}").shuffle(copies[form])
        docs[form].extend(copies[form])
    return Corpus(docs=docs, pages=len(pages), donors=len(donors), skipped=skipped)


def _rank(seed: int, page: Page, donor: Page, kind: str) -> bytes:
    """The donor's place in this page's order of hosts for a copy kind: a hash of the four."""
    return hashlib.blake2b(f"{seed}:{kind}:{page.key}:{donor.key}".encode(), digest_size=8).digest()


def _probe(pages: list[Page], dataset: str) -> tuple[str, ...]:
    """The article a donor is tried with: the set's longest of at most 30 paragraphs (its first
    page's, if none has 4 to 30)."""
    fits = [p.article for p in pages if p.dataset == dataset and 4 <= len(p.article) <= 30]
    return max(fits, key=lambda a: sum(map(len, a)), default=next(p.article for p in pages if p.dataset == dataset))


def _copies(page: Page, donors: list[Page], blocks: dict[str, set[str]], seed: int) -> Iterator[tuple[str, Doc]]:
    """The page's republished and edited copies, each in a donor page of another site (two sites).

    Each copy's host is the donor that ranks first for this page and copy kind (`_rank`), not a
    draw from the list: a donor that joins or leaves the list (cleaning found its article, or no
    longer does) moves only the copies it hosts, so two revisions' figures differ by what their
    cleaning does, not by every copy moving to another host."""
    elsewhere = [d for d in donors if d.site != page.site and d.dataset == page.dataset]
    first = min(elsewhere, key=lambda d: _rank(seed, page, d, "republished"))
    second = min((d for d in elsewhere if d.site != first.site), key=lambda d: _rank(seed, page, d, "edited"))
    article, how = edited(page.article, random.Random(f"{seed}:{page.key}"))
    for kind, donor, paras, edit in (("republished", first, page.article, ""), ("edited", second, article, how)):
        url = f"{_donor_url(donor)}{kind}/{_short(page.key)}" if donor.site else None
        html = into_html(donor, blocks[donor.key], page.title, paras)
        text = into_text(donor, blocks[donor.key], paras)
        for form, source in (("html", html), ("text", text)):
            doc_id, article = f"{page.key}/{kind}/{form}", "\n\n".join(paras)
            yield form, Doc(doc_id, page.key, donor.site, kind, form, source, url, edit, article)
