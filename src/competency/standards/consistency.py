"""Checks a schema cannot make: does a record use a level or rank on a date it did not exist?

Such a record is still valid (it may describe a past post in a later roster); the checks
give notes that a reader should see, with the citation of the period.

The checks read either a structured :class:`~competency.model.Official` or the
schema-valid record itself (a JSON dict), so that ``validate`` need not structure a
record to note it; both give the same notes.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any

from competency.errors import UnknownTermError
from competency.model.official import Official
from competency.rules.tables import TermPeriod, TermPeriodTable
from competency.vocab import AdministrativeLevel, Rank, Term

__all__ = ["PERIOD_NOTE_FIELDS", "builtin_term_periods", "period_notes"]

PERIOD_NOTE_FIELDS = ("unit.level", "assignments.start", "assignments.rank",
                      "assignments.unit.level")
"""The parts of an official :func:`period_notes` reads (dotted, a list's elements stepped
into): a reader may give it those alone."""


@functools.cache
def builtin_term_periods() -> TermPeriodTable:
    """The shipped term-periods table: ``Catalog.builtin().tables.term_periods``, loaded alone.

    ``validate`` needs this one table, not every standard of the catalogue.
    """
    from competency.standards.catalogue import _load_table  # the catalogue's own loader

    return _load_table("term-periods")


def _outside(period: TermPeriod, day: dt.date) -> str | None:
    if period.valid_until is not None and day > period.valid_until:
        return f"which ended on {period.valid_until.isoformat()}"
    if period.valid_from is not None and day < period.valid_from:
        return f"which began on {period.valid_from.isoformat()}"
    return None


def _note(where: str, member: Term, day: dt.date, period: TermPeriod) -> str | None:
    outside = _outside(period, day)
    if outside is None:
        return None
    cites = "; ".join(ref.cite() for ref in period.legal_basis)
    return (f"{where}: {type(member).__name__} {member.code!r} on {day.isoformat()}, {outside}"
            f" ({cites})")


class _Periods:
    """The periods of one table by level code and by rank as written, each looked up once."""

    _RANKS_KEPT = 4096
    """Rank spellings remembered; a roster repeats a few."""

    def __init__(self, table: TermPeriodTable) -> None:
        self.table = table
        self.levels: dict[str, tuple[Term, TermPeriod]] = {}
        for level in AdministrativeLevel:
            period = table.period(level)
            if period is not None:
                self.levels[level.code] = (level, period)
        self.ranks: dict[str, tuple[Term, TermPeriod] | None] = {}

    def rank(self, text: str) -> tuple[Term, TermPeriod] | None:
        """The rank ``text`` names and its period; None for an unknown rank or one always there."""
        if text in self.ranks:
            return self.ranks[text]
        try:
            member = Rank.parse(text)
        except UnknownTermError:
            found = None
        else:
            period = self.table.period(member)
            found = None if period is None else (member, period)
        if len(self.ranks) < self._RANKS_KEPT:
            self.ranks[text] = found
        return found


_UNSEEN: Any = object()

_LAST: list[_Periods] = []


def _periods(table: TermPeriodTable) -> _Periods:
    """The lookup of ``table``: kept for the last table, which is the one a run uses."""
    if not _LAST or _LAST[0].table is not table:
        _LAST[:] = [_Periods(table)]
    return _LAST[0]


def _post_notes(notes: list[str], periods: _Periods, index: int, start: dt.date | str | None,
                level: str | None, rank: str | None) -> None:
    """The notes of one post (its start, the level code of its unit, its rank) on ``notes``."""
    if start is None:
        return
    hits = (periods.levels.get(level) if level is not None else None,
            periods.rank(rank) if rank is not None else None)
    for hit in hits:
        if hit is None:
            continue
        day = start if isinstance(start, dt.date) else dt.date.fromisoformat(start)
        note = _note(f"/assignments/{index}", hit[0], day, hit[1])
        if note:
            notes.append(note)


def period_notes(official: Official | Mapping[str, Any] | Any,
                 table: TermPeriodTable) -> tuple[str, ...]:
    """Notes for posts that start at a level, or with a rank, outside the period it existed.

    ``official`` is a structured official, a schema-valid official record (JSON-shaped:
    dates as ISO strings, levels as codes) or such a record decoded to the Structs of
    :mod:`competency.schema.verdict`: all read the same.
    """
    periods = _periods(table)
    notes: list[str] = []
    if not isinstance(official, Mapping):
        # Read by attribute: an Official, or a record decoded to Structs, whose absent
        # fields are falsy (None, or msgspec's UNSET) and whose levels may be codes.
        for index, post in enumerate(official.assignments or ()):
            unit = post.unit or official.unit
            level = getattr(unit.level, "code", unit.level) or None if unit else None
            _post_notes(notes, periods, index, post.start or None, level, post.rank or None)
        return tuple(notes)
    # A record as read: every valid record of a roster comes here, so posts with nothing
    # to note (no start; a level and rank that always existed) are passed over quickly.
    levels, ranks = periods.levels, periods.ranks
    default = official.get("unit")
    for index, post in enumerate(official.get("assignments") or ()):
        start = post.get("start")
        if start is None:
            continue
        unit = post.get("unit")
        if unit is None:
            unit = default
        level = None if unit is None else unit.get("level")
        rank = post.get("rank")
        if level not in levels and (rank is None or ranks.get(rank, _UNSEEN) is None):
            continue
        _post_notes(notes, periods, index, start, level, rank)
    return tuple(notes)
