"""Periods and citations."""

import datetime as dt

from hypothesis import given

from competency.law import Confidence, LegalReference, Period
from tests.strategies import DATES, periods


def test_period_bounds_are_inclusive():
    """A standard in force from 2019-12-25 to 2023-07-31 covers both ends, not the days around."""
    period = Period(start=dt.date(2019, 12, 25), end=dt.date(2023, 7, 31))
    assert period.contains(dt.date(2019, 12, 25))
    assert period.contains(dt.date(2023, 7, 31))
    assert not period.contains(dt.date(2019, 12, 24))
    assert not period.contains(dt.date(2023, 8, 1))


@given(periods, DATES)
def test_open_ends_contain_everything_on_their_side(period, day):
    """An open start or end never excludes a date on that side."""
    expected = ((period.start is None or period.start <= day)
                and (period.end is None or day <= period.end))
    assert period.contains(day) is expected


def test_citation_shows_doubt():
    """A needs-check citation says so wherever it is printed."""
    ref = LegalReference(instrument="13/2019/TT-BNV", article="Điều 1 khoản 1",
                         confidence=Confidence.NEEDS_CHECK)
    assert ref.cite() == "13/2019/TT-BNV, Điều 1 khoản 1 [needs-check]"
    sure = LegalReference(instrument="33/2023/NĐ-CP", confidence=Confidence.CONFIRMED)
    assert sure.cite() == "33/2023/NĐ-CP"
