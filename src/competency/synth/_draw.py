"""Random draws built on ``random()`` alone.

``random()`` is the one method whose sequence Python keeps stable for a given seed, so
drawing only through these helpers keeps a seed's roster the same on every version.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import random
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["Weighted", "between", "chance", "index", "item", "triangular", "uniform"]


class Weighted:
    """A weighted choice over fixed items; picks with one ``random()`` call."""

    __slots__ = ("_cum", "_items", "_total")

    def __init__(self, pairs: Iterable[tuple[Any, float]]) -> None:
        items: list[Any] = []
        cum: list[float] = []
        total = 0.0
        for item, weight in pairs:
            if weight > 0:
                total += float(weight)
                items.append(item)
                cum.append(total)
        if not items:
            msg = "a weighted choice needs at least one positive weight"
            raise ValueError(msg)
        self._items = tuple(items)
        self._cum = tuple(cum)
        self._total = total

    @classmethod
    def of(cls, weights: Mapping[str, float]) -> Weighted:
        """From a mapping, in sorted key order (independent of the mapping's order)."""
        return cls(sorted(weights.items()))

    def pick(self, rng: random.Random) -> Any:
        index = bisect.bisect_right(self._cum, rng.random() * self._total)
        return self._items[min(index, len(self._items) - 1)]


def chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


def index(rng: random.Random, n: int) -> int:
    return min(int(rng.random() * n), n - 1)


def item(rng: random.Random, items: Sequence[Any]) -> Any:
    return items[index(rng, len(items))]


def uniform(rng: random.Random, lo: float, hi: float) -> float:
    return lo + (hi - lo) * rng.random()


def triangular(rng: random.Random, lo: float, hi: float, mode: float) -> float:
    u = rng.random()
    c = (mode - lo) / (hi - lo)
    if u < c:
        return lo + math.sqrt(u * (hi - lo) * (mode - lo))
    return hi - math.sqrt((1 - u) * (hi - lo) * (hi - mode))


def between(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    """A uniform date in ``[lo, hi]``; ``hi`` when the window is empty."""
    span = (hi - lo).days
    if span <= 0:
        return hi
    return lo + dt.timedelta(days=int(rng.random() * (span + 1)))
