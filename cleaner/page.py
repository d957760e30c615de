"""The working state that passes read and label: the blocks, the rules in force, the metadata."""

from __future__ import annotations

from dataclasses import dataclass, field

from .document import Block, Document, Removal
from .ruleset import RuleSet


@dataclass(slots=True)
class Page:
    """One document on its way through the passes.

    `doc` is the result being filled (metadata now, text at assembly); `blocks` keep their
    labels. Passes never delete or edit a block: they call `drop`, and the first label wins.
    """

    blocks: list[Block]
    rules: RuleSet
    doc: Document = field(default_factory=Document)
    whole_page: bool | None = None  # True: menus and footers surround the article; None: judge

    _kept: list[Block] | None = field(default=None, init=False, repr=False)

    def kept(self) -> list[Block]:
        """The blocks no pass has dropped, in order (the same list until the next drop: read it, don't change it)."""
        if self._kept is None:
            self._kept = [b for b in self.blocks if b.removal is None]
        return self._kept

    def drop(self, block: Block, kind: str, rule: str, reason: str) -> None:
        """Label `block` as removed, unless an earlier pass already did."""
        if block.removal is None:
            block.removal = removal(kind, rule, reason)
            self._kept = None


_REMOVALS: dict[tuple[str, str, str], Removal] = {}
MAX_REMOVALS = 4096


def removal(kind: str, rule: str, reason: str) -> Removal:
    """The `Removal` for these words: one shared instance (it is immutable), since a page drops
    dozens of blocks for the same few reasons and making each anew costs more than looking it up."""
    key = (kind, rule, reason)
    found = _REMOVALS.get(key)
    if found is None:
        if len(_REMOVALS) >= MAX_REMOVALS:
            _REMOVALS.clear()
        found = _REMOVALS[key] = Removal(kind, rule, reason)
    return found
