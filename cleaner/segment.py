"""Step 2: cut text into blocks, the units that passes label.

A block is a maximal run of non-blank lines (a line holding only whitespace is blank). Its text
is its lines joined with `\\n` and stripped as a whole, so indentation inside the block stays.
Joining the blocks with one blank line and cutting again gives the same blocks, which is what
makes cleaning idempotent at the level of blocks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .document import Block


def segment(text: str, repair: Callable[[str], str] | None = None) -> list[Block]:
    """Blocks of `text` in order, numbered from 1.

    `repair` is applied to each block on its own, so that what it does to a block does not hang
    on the blocks around it (which cleaning may remove); a line it empties goes, and a block it
    empties is gone.
    """
    pieces: Iterable[str] = block_texts(text)
    if repair is not None:
        pieces = (_repaired(piece, repair) for piece in pieces)
    return [Block(index, piece) for index, piece in enumerate(filter(None, pieces), 1)]


def block_texts(text: str) -> list[str]:
    """The text of each block, as `segment` makes them when no repair is needed."""
    return [piece for piece in (piece.strip() for piece in _BLANK_LINES.split(text)) if piece]


# A line break, then at least one line of nothing but whitespace: what separates two blocks.
_BLANK_LINES = re.compile(r"\n\s*\n")


def _repaired(piece: str, repair: Callable[[str], str]) -> str:
    if not piece:
        return piece
    return "\n".join(line for line in repair(piece).split("\n") if line.strip()).strip()
