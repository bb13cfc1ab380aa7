"""Date arithmetic of a working life: years of age and service, and the retirement date."""

from __future__ import annotations

import datetime as dt

__all__ = ["DAY", "add_months", "plus_years", "retirement_date",
           "retirement_months", "years", "years_before"]

DAY = dt.timedelta(days=1)
_YEAR_DAYS = 365.2425


def plus_years(day: dt.date, years: float) -> dt.date:
    return day + dt.timedelta(days=round(years * _YEAR_DAYS))


def years_before(day: dt.date, years: float) -> dt.date:
    """``day`` minus whole days of ``years`` (truncated, unlike :func:`plus_years`)."""
    return day - dt.timedelta(days=int(years * _YEAR_DAYS))


def add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError  # pragma: no cover


def years(a: dt.date, b: dt.date) -> float:
    return (b - a).days / _YEAR_DAYS


def retirement_months(gender: str, year: int) -> int:
    """Normal retirement age in months in ``year`` (Labour Code 2019, Decree 135/2020)."""
    if gender == "male":
        return 720 + 3 * min(max(year - 2020, 0), 8)
    return 660 + 4 * min(max(year - 2020, 0), 15)


def retirement_date(birth: dt.date, gender: str) -> dt.date:
    """The day the normal retirement age is reached under the roadmap."""
    for year in range(birth.year + 55, birth.year + 64):
        day = add_months(birth, retirement_months(gender, year))
        if day.year <= year:
            return day
    return add_months(birth, retirement_months(gender, birth.year + 63))
