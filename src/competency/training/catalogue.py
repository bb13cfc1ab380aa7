"""The catalogue of programmes and the quality-band table, loaded from data.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Mapping
from pathlib import Path

import attrs

from competency.errors import UnknownItemError
from competency.io.catalogue import Catalogue, Shelf, duplicates
from competency.io.datafiles import (
    shipped_table,
)
from competency.training.model import NeedSourceTable, Programme, QualityBandTable

__all__ = [
    "PROGRAMMES",
    "ProgrammeCatalog",
    "UnknownProgrammeError",
    "load_programme_file",
    "need_sources",
    "quality_bands",
]


UnknownProgrammeError = UnknownItemError
"""Deprecated alias of :class:`~competency.errors.UnknownItemError`."""


def _programme_problems(programme: Programme, pointer: str) -> list[str]:
    size = programme.class_size
    if size.min > (size.max + 1) // 2:
        # ceil(n / max) classes filled evenly never fall under min only when min <= (max + 1) // 2
        return [(f"{pointer}/class_size: min {size.min} must be at most half of max {size.max} "
                "(rounded up), so that classes split evenly never fall under the minimum")]
    return []


PROGRAMMES: Shelf[Programme] = Shelf(
    noun="programme", folder="training", key="programmes", schema="training-programme",
    cls=Programme, problems=_programme_problems, only="programmes.yaml")
"""Where programmes are stored: ``data/training/programmes.yaml``, a ``programmes`` list."""


def load_programme_file(text: str, source: str) -> list[Programme]:
    """Parse, validate and check one programmes file; all problems reported together."""
    return PROGRAMMES.load(text, source)


@attrs.frozen(kw_only=True)
class ProgrammeCatalog(Catalogue[Programme]):
    """Training programmes by id, in file order."""

    shelf: Shelf[Programme] = PROGRAMMES

    @property
    def programmes(self) -> Mapping[str, Programme]:
        """Programme id → programme."""
        return self.items

    @classmethod
    @functools.cache
    def builtin(cls) -> ProgrammeCatalog:
        """The illustrative programmes shipped with the package."""
        return cls.shipped(PROGRAMMES)

    @classmethod
    def from_file(cls, path: Path) -> ProgrammeCatalog:
        """The programmes of one file (they replace the built-in ones)."""
        return cls.from_pairs(PROGRAMMES, []).with_file(path)

    @classmethod
    def of(cls, programmes: Iterable[Programme]) -> ProgrammeCatalog:
        """A catalogue of the given programmes."""
        return cls.from_pairs(PROGRAMMES, [("(given)", p) for p in programmes])

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.items.values())


def _band_problems(table: QualityBandTable) -> list[str]:
    problems = []
    bands = table.bands
    if bands[0].min != 0:
        problems.append("/bands/0/min: the first band must start at 0")
    for i, (low, high) in enumerate(itertools.pairwise(bands)):
        if low.below != high.min:
            problems.append(f"/bands/{i}/below: must equal the next band's min ({high.min})")
    if bands[-1].below is not None:
        problems.append(f"/bands/{len(bands) - 1}/below: the top band has no upper bound")
    if table.review_below is not None and table.review_below not in {b.code for b in bands}:
        problems.append(f"/review_below: {table.review_below!r} is not a band code")
    return problems


@functools.cache
def quality_bands() -> QualityBandTable:
    """The training-quality bands shipped with the package (Circular 10/2017/TT-BNV)."""
    return shipped_table("training/quality-bands.yaml", "table-training-quality",
                         QualityBandTable, _band_problems)


def _need_source_problems(table: NeedSourceTable) -> list[str]:
    ids = [r.id for r in table.titles] + [r.id for r in table.planning]
    return [f"/: duplicate rule id {i!r}" for i in duplicates(ids)]


@functools.cache
def need_sources() -> NeedSourceTable:
    """Title-based and planning-pool training rules shipped with the package."""
    return shipped_table("training/need-sources.yaml", "table-training-needs", NeedSourceTable,
                         _need_source_problems)
