"""Step 2: cut text into blocks, the units that passes label.

A block is a maximal run of non-blank lines (a line holding only whitespace is blank). Its text
is its lines joined with `\\n` and stripped as a whole, so indentation inside the block stays.
Joining the blocks with one blank line and cutting again gives the same blocks, which is what
makes cleaning idempotent at the level of blocks.
"""

from __future__ import annotations

from .document import Block


def segment(text: str) -> list[Block]:
    """Blocks of `text` in order, numbered from 1."""
    blocks: list[Block] = []
    run: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            run.append(line)
        elif run:
            blocks.append(Block(len(blocks) + 1, "\n".join(run).strip()))
            run = []
    if run:
        blocks.append(Block(len(blocks) + 1, "\n".join(run).strip()))
    return blocks
