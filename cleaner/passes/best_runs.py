"""The maximum-sum run of a range of scores, asked of many ranges of one list in O(log n) each.

The page-chrome pass looks for the best run of the whole page, then again on each side of every
run it keeps: a page cut into many runs of prose would cost a scan of what is left per run, time
quadratic in the page. In prefix sums P (P[k] = sum of the first k scores), the run that ends at
i and scores most starts at the rightmost lowest P[j] for j <= i, and scores P[i + 1] - P[j]; a
segment tree over P answers both for any range. It gives exactly what the left-to-right scan
(`best_run`) gives, ties included: the earliest end, and the latest start for it.
Scores are sums of halves, so the sums are exact in floating point and the two agree bit for bit.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate

SCANS_BEFORE_TREE = 4  # whole-list scans' worth of plain scanning before the tree is built


def best_run(scores: Sequence[float], lo: int, hi: int) -> tuple[float, int, int]:
    """The maximum-sum run of scores[lo:hi] as (sum, first, last); last < first when none is positive."""
    best, best_first, best_last = 0.0, lo, lo - 1
    total, first = 0.0, lo
    for i in range(lo, hi):
        if total <= 0:
            total, first = scores[i], i
        else:
            total += scores[i]
        if total > best:
            best, best_first, best_last = total, first, i
    return best, best_first, best_last


class RunFinder:
    """`best_run` over ranges of one list: scans while they are few, a `BestRuns` tree once the
    scans would add up to more than SCANS_BEFORE_TREE scans of the list (most pages never get there)."""

    def __init__(self, scores: Sequence[float]) -> None:
        self._scores = scores
        self._left = SCANS_BEFORE_TREE * len(scores)
        self._tree: BestRuns | None = None

    def best(self, lo: int, hi: int) -> tuple[float, int, int]:
        if self._tree is None and hi - lo > self._left:
            self._tree = BestRuns(self._scores)
        if self._tree is not None:
            return self._tree.best(lo, hi)
        self._left -= hi - lo
        return best_run(self._scores, lo, hi)


# A node over P[a..b]: (lowest P, its rightmost place, highest P, its leftmost place,
#                       best rise P[k] - P[j] with j < k, the smallest such k), no rise: -inf
_Node = tuple[float, int, float, int, float, int]
_NO_RISE = float("-inf")


def _merge(left: _Node, right: _Node) -> _Node:
    low_l, low_at_l, high_l, high_at_l, rise_l, end_l = left
    low_r, low_at_r, high_r, high_at_r, rise_r, end_r = right
    low, low_at = (low_r, low_at_r) if low_r <= low_l else (low_l, low_at_l)
    high, high_at = (high_l, high_at_l) if high_l >= high_r else (high_r, high_at_r)
    rise, end = rise_l, end_l  # the best rise, and on a tie the earliest end (the left half's come first)
    for value, at in ((high_r - low_l, high_at_r), (rise_r, end_r)):
        if value > rise or (value == rise and at < end):
            rise, end = value, at
    return low, low_at, high, high_at, rise, end


class BestRuns:
    """`best(lo, hi)` is `best_run(scores, lo, hi)`, in O(log n) time per range."""

    def __init__(self, scores: Sequence[float]) -> None:
        self._prefix = [0.0, *accumulate(scores)]
        size = 1
        while size < len(self._prefix):
            size *= 2
        self._size = size
        self._tree: list[_Node | None] = [None] * (2 * size)
        for k, value in enumerate(self._prefix):
            self._tree[size + k] = (value, k, value, k, _NO_RISE, -1)
        for node in range(size - 1, 0, -1):
            self._tree[node] = _join(self._tree[2 * node], self._tree[2 * node + 1])

    def best(self, lo: int, hi: int) -> tuple[float, int, int]:
        """The maximum-sum run of scores[lo:hi] as (sum, first, last); last < first when none is positive."""
        if hi <= lo:
            return 0.0, lo, lo - 1
        found = self._query(lo, hi)  # P[lo..hi]: runs from lo up to hi - 1
        if found is None or found[4] <= 0:
            return 0.0, lo, lo - 1
        rise, end = found[4], found[5]
        start = self._query(lo, end - 1)[1]  # the rightmost lowest P[j], lo <= j < end
        return rise, start, end - 1

    def _query(self, a: int, b: int) -> _Node | None:
        """The node over P[a..b], merged left to right from the tree's nodes."""
        left: _Node | None = None
        right: _Node | None = None
        a += self._size
        b += self._size + 1
        while a < b:
            if a & 1:
                left = _join(left, self._tree[a])
                a += 1
            if b & 1:
                b -= 1
                right = _join(self._tree[b], right)
            a //= 2
            b //= 2
        return _join(left, right)


def _join(left: _Node | None, right: _Node | None) -> _Node | None:
    if left is None:
        return right
    if right is None:
        return left
    return _merge(left, right)
