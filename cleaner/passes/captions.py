"""Photo captions and credits: a caption rendered twice, or a short block ending in a picture credit."""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter

from ..document import Block, fold
from ..page import Page
from ..shape import ends_sentence

_CREDIT_WORDS = (
    r"(?-i:AP|PA|AFP|EPA|EFE|TASS)|Reuters|Getty|Images?|Wire|Shutterstock|Alamy|Photo|Photograph|Pool|Handout"
    r"|Press Service|via \w+|Xinhua|Anadolu|Bloomberg|Sputnik|Supplied|File"
)
# "(PA Wire)", "(AP)", "(via REUTERS)", "(UKRAINIAN PRESIDENTIAL PRESS SERVICE/AFP via Getty Images)"
_CREDIT_SUFFIX = re.compile(rf"\((?:[^()]*[\s/])?(?:{_CREDIT_WORDS})(?:[\s/][^()]*)?\)$", re.IGNORECASE)
# "EPA-EFE/Maciej Kulczynski POLAND OUT", "REUTERS/Gleb Garanich", "AP Photo/Efrem Lukatsky"
_WIRE_CREDIT = re.compile(
    r"\b(?:REUTERS|Reuters|AFP|EPA(?:-EFE)?|AP(?: Photo)?|Getty Images|XINHUA|Anadolu(?: Agency)?|SPUTNIK)"
    r"\s?/\s?[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}(?: (?:[A-Z]{2,}\s?)+OUT)?\.?$"
)
MAX_CAPTION_WORDS = 90  # a doubled caption or a wire caption may be long
MAX_CREDITED_WORDS = 40  # a paragraph ending in "(AP)" past this length is text; "REUTERS/Name" is never text


class Captions:
    """Drop photo captions: doubled lines, and short blocks that end in a photo or wire credit."""

    name = "captions"

    def run(self, page: Page) -> None:
        for block in page.kept():
            if block.words > MAX_CAPTION_WORDS:
                continue
            if _is_doubled(block):
                page.drop(block, "photo-caption", "caption.doubled", "a caption rendered twice in a row")
            elif _ends_in_wire_credit(block.body) or (
                block.words <= MAX_CREDITED_WORDS and _ends_in_credit(block.body)
            ):
                page.drop(block, "photo-caption", "caption.credit-suffix", "a short block ending in a photo credit")


def _is_doubled(block: Block) -> bool:
    if "\n" not in block.text:
        return False
    lines = [fold(line) for line in block.lines]
    half = len(lines) // 2
    return half > 0 and len(lines) % 2 == 0 and lines[:half] == lines[half:]


def _ends_in_wire_credit(text: str) -> bool:
    return "/" in text and _WIRE_CREDIT.search(text) is not None


def _ends_in_credit(text: str) -> bool:
    """A caption followed by its credit; a credit alone ("(Reuters)") is left to the source-line pass."""
    if not text.endswith(")"):
        return False
    credit = _CREDIT_SUFFIX.search(text)
    return credit is not None and credit.start() > 0 and not ends_sentence(text)


GALLERY_REACH = 4  # blocks on either side of a gallery counter that belong to its slide
MIN_COUNTERS = 2  # gallery counters within reach of a slide's blocks
MAX_SLIDE_WORDS = 60  # a caption, however long, is shorter than this
CAPTION_OVERLAP = 0.6  # share of word sequences two slide blocks share when they are one caption


class GalleryCaptions:
    """Drop captions a photo gallery shows more than once around its counters ("Image 1 of 5").

    A gallery renders each slide's caption in the slide, in a thumbnail strip and in a
    lightbox; as text they are near-copies within a few blocks of a counter (exact copies are
    the duplicate pass's, which keeps the first). The article near a gallery is written once,
    so only text repeated with changes goes, every copy of it.
    """

    name = "gallery-captions"

    def run(self, page: Page) -> None:
        blocks = page.blocks
        counters = [i for i, b in enumerate(blocks) if b.removal is not None and b.removal.kind == "gallery-widget"]
        if len(counters) < MIN_COUNTERS:
            return
        sequences = {
            j: _word_sequences(blocks[j])
            for j in _near_counters(counters, len(blocks))
            if blocks[j].kept and blocks[j].words <= MAX_SLIDE_WORDS
        }
        for j in sorted(_repeated_captions(sequences)):
            page.drop(blocks[j], "photo-caption", "caption.gallery-repeat", "a caption a gallery shows again")


def _near_counters(counters: list[int], count: int) -> list[int]:
    """The blocks with MIN_COUNTERS counters within GALLERY_REACH of them: a slide's blocks have two
    (their own and a neighbour's, or the thumbnail strip's); one counter alone may be a stray widget
    beside the article. `counters` is in order, so two bisections count those in reach."""
    return [
        j
        for j in range(count)
        if bisect_right(counters, j + GALLERY_REACH) - bisect_left(counters, j - GALLERY_REACH) >= MIN_COUNTERS
    ]


Sequences = frozenset[tuple[str, ...]]


def _repeated_captions(sequences: dict[int, set[tuple[str, ...]]]) -> set[int]:
    """The blocks that share CAPTION_OVERLAP of their word sequences (of the smaller one's) with another.

    Comparing every pair is quadratic in a gallery's blocks, and a gallery may show thousands. The
    same answer, found from an index of which blocks hold each sequence: blocks of equal sequences
    are copies of one another; for the others, a partner that shares `t` of a block's `k` sequences
    holds one of any `k - t + 1` of them (its "prefix", the rarest), or, when it is the smaller of
    the two, the block holds one of the partner's prefix. Each block stops at its first partner.
    """
    groups: dict[Sequences, list[int]] = {}
    for j, own in sequences.items():
        if own:
            groups.setdefault(frozenset(own), []).append(j)
    found = {j for members in groups.values() if len(members) > 1 for j in members}
    sets = list(groups)
    frequency = Counter(seq for own in sets for seq in own)
    prefixes = [_prefix(own, frequency) for own in sets]
    holding: dict[tuple[str, ...], list[int]] = {}  # sequence -> the sets that hold it
    prefixed: dict[tuple[str, ...], list[int]] = {}  # sequence -> the sets whose prefix holds it
    for n, own in enumerate(sets):
        for seq in own:
            holding.setdefault(seq, []).append(n)
        for seq in prefixes[n]:
            prefixed.setdefault(seq, []).append(n)
    paired = [False] * len(sets)
    for n, own in enumerate(sets):
        if paired[n]:
            continue
        candidates = itertools.chain(
            (m for seq in prefixes[n] for m in holding[seq]), (m for seq in own for m in prefixed.get(seq, ()))
        )
        partner = next((m for m in candidates if m != n and _overlap(own, sets[m])), None)
        if partner is not None:
            paired[n] = paired[partner] = True
    found.update(j for n, own in enumerate(sets) if paired[n] for j in groups[own])
    return found


def _needed(size: int) -> int:
    """Sequences two blocks share, the smaller of `size` sequences, when they are one caption."""
    return max(1, math.ceil(CAPTION_OVERLAP * size))


def _overlap(a: Sequences, b: Sequences) -> bool:
    return len(a & b) >= _needed(min(len(a), len(b)))


def _prefix(own: Sequences, frequency: Counter) -> list[tuple[str, ...]]:
    """The rarest `k - t + 1` of a block's `k` sequences: a block sharing `t` of them shares one of these."""
    ranked = sorted(own, key=lambda seq: (frequency[seq], seq))
    return ranked[: len(own) - _needed(len(own)) + 1]


def _word_sequences(block: Block) -> set[tuple[str, ...]]:
    words = _GALLERY_WORD.findall(block.casefolded)
    return {tuple(words[i : i + 4]) for i in range(len(words) - 3)}


_GALLERY_WORD = re.compile(r"\w+")
