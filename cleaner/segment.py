"""Step 2: cut text into blocks, the units that passes label.

A block is a maximal run of non-blank lines (a line holding only whitespace is blank). Its text
is its lines joined with `\\n` and stripped as a whole, so indentation inside the block stays.
Joining the blocks with one blank line and cutting again gives the same blocks, which is what
makes cleaning idempotent at the level of blocks.
"""

from __future__ import annotations

from collections.abc import Callable

from .document import Block


def segment(text: str, repair: Callable[[str], str] | None = None) -> list[Block]:
    """Blocks of `text` in order, numbered from 1.

    `repair` is applied to each block on its own, so that what it does to a block does not hang
    on the blocks around it (which cleaning may remove); a line it empties goes, and a block it
    empties is gone.
    """
    blocks: list[Block] = []
    run: list[str] = []
    for line in [*text.split("\n"), ""]:
        if line.strip():
            run.append(line)
        elif run:
            block = _block_text(run, repair)
            if block:
                blocks.append(Block(len(blocks) + 1, block))
            run = []
    return blocks


def _block_text(lines: list[str], repair: Callable[[str], str] | None) -> str:
    text = "\n".join(lines)
    if repair is not None:
        text = "\n".join(line for line in repair(text).split("\n") if line.strip())
    return text.strip()
