"""Which language a text is in (ISO 639-1), read from its prose with py3langid.

Only prose blocks (sentences of some length) are read: menus and buttons are too short to
tell a language by.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from .document import Block
from .shape import prose_like

SAMPLE_CHARS = 1000
MIN_CHARS = 40  # below this much prose a guess is noise


def detect_language(blocks: Sequence[Block]) -> str | None:
    """The language of the longest prose blocks (up to SAMPLE_CHARS), or None for too little prose."""
    sample, size = [], 0
    for block in sorted((b for b in blocks if prose_like(b, min_words=8)), key=lambda b: -len(b.folded)):
        if size >= SAMPLE_CHARS:
            break
        sample.append(block.folded)
        size += len(block.folded)
    if size < MIN_CHARS:
        return None
    return _classify()(" ".join(sample)[:SAMPLE_CHARS])[0]


@cache
def _classify():
    """py3langid loads its model on first use (about half a second); pay for it once."""
    from py3langid import classify

    return classify
