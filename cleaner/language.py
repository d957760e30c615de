"""Which language a text is in (ISO 639-1), from its longest blocks, with py3langid."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from .document import Block

SAMPLE_CHARS = 2000
MIN_CHARS = 20


def detect_language(blocks: Sequence[Block]) -> str | None:
    """The language of the longest blocks (up to SAMPLE_CHARS), or None for too little text."""
    sample, size = [], 0
    for block in sorted(blocks, key=lambda b: -len(b.folded)):
        if size >= SAMPLE_CHARS:
            break
        sample.append(block.folded)
        size += len(block.folded)
    if size < MIN_CHARS:
        return None
    return _classify()(" ".join(sample)[: SAMPLE_CHARS * 2])[0]


@cache
def _classify():
    """py3langid loads its model on first use (about half a second); only pay for it once."""
    from py3langid import classify

    return classify
