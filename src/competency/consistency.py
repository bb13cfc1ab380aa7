"""Checks a schema cannot make: does a record use a level or rank on a date it did not exist?

Such a record is still valid (it may describe a past post in a later roster); the checks
give notes that a reader should see, with the citation of the period.
"""

from __future__ import annotations

import datetime as dt

from competency.errors import UnknownTermError
from competency.model import Official
from competency.rules.tables import TermPeriod, TermPeriodTable
from competency.vocab import Rank, Term

__all__ = ["period_notes"]


def _outside(period: TermPeriod, day: dt.date) -> str | None:
    if period.valid_until is not None and day > period.valid_until:
        return f"which ended on {period.valid_until.isoformat()}"
    if period.valid_from is not None and day < period.valid_from:
        return f"which began on {period.valid_from.isoformat()}"
    return None


def _note(where: str, member: Term, day: dt.date, table: TermPeriodTable) -> str | None:
    period = table.period(member)
    if period is None:
        return None
    outside = _outside(period, day)
    if outside is None:
        return None
    cites = "; ".join(ref.cite() for ref in period.legal_basis)
    return (f"{where}: {type(member).__name__} {member.code!r} on {day.isoformat()}, {outside}"
            f" ({cites})")


def period_notes(official: Official, table: TermPeriodTable) -> tuple[str, ...]:
    """Notes for posts that start at a level, or with a rank, outside the period it existed."""
    notes = []
    for index, post in enumerate(official.assignments or ()):
        if post.start is None:
            continue
        where = f"/assignments/{index}"
        unit = post.unit or official.unit
        if unit is not None and unit.level is not None:
            notes.append(_note(where, unit.level, post.start, table))
        if post.rank is not None:
            try:
                notes.append(_note(where, Rank.parse(post.rank), post.start, table))
            except UnknownTermError:
                continue
    return tuple(n for n in notes if n)
