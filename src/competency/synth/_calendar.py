"""Date arithmetic of a working life: years of age and service, and the retirement date."""

from __future__ import annotations

import datetime as dt
import functools

from competency.rules.tables import add_months
from competency.standards.catalogue import Catalog
from competency.vocab import Gender

__all__ = ["DAY", "add_months", "plus_years", "retirement_date",
           "retirement_months", "years", "years_before"]

DAY = dt.timedelta(days=1)
_YEAR_DAYS = 365.2425


def plus_years(day: dt.date, years: float) -> dt.date:
    return day + dt.timedelta(days=round(years * _YEAR_DAYS))


def years_before(day: dt.date, years: float) -> dt.date:
    """``day`` minus whole days of ``years`` (truncated, unlike :func:`plus_years`)."""
    return day - dt.timedelta(days=int(years * _YEAR_DAYS))


def years(a: dt.date, b: dt.date) -> float:
    return (b - a).days / _YEAR_DAYS


@functools.cache
def _ages_by_year(gender: str) -> tuple[dict[int, int], int, int]:
    """Retirement age in months by the calendar year it is reached, from the statutory table
    (``data/tables/retirement-age.yaml``), with the ages before and after the roadmap."""
    rows = [r for r in Catalog.builtin().tables.retirement.schedule if r.gender.code == gender]
    by_year: dict[int, int] = {}
    for row in rows:
        months = row.years * 12 + row.months
        for born in (row.born_from, row.born_until):
            if born is not None:
                by_year.setdefault(add_months(born, months).year, months)
    first = min(rows, key=lambda r: r.born_from or dt.date.min)
    last = max(rows, key=lambda r: r.born_from or dt.date.min)
    return by_year, first.years * 12 + first.months, last.years * 12 + last.months


def retirement_months(gender: str, year: int) -> int:
    """Normal retirement age in months for those who reach it in ``year``."""
    by_year, before, after = _ages_by_year(gender)
    if year in by_year:
        return by_year[year]
    return before if year < min(by_year) else after


def retirement_date(birth: dt.date, gender: str) -> dt.date:
    """The day the normal retirement age is reached (the statutory table)."""
    day = Catalog.builtin().tables.retirement.retirement_date(birth, Gender(gender))
    if day is None:  # pragma: no cover  (the table covers every birth date)
        msg = f"no retirement age for {gender} born {birth}"
        raise ValueError(msg)
    return day
