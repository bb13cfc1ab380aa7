"""Agency duties written as targets of 100%: job-position placement by 2027-07-01 (R18) and 40
periods of fostering a year under Decree 101/2017 (R42). Counts are worked out by hand from the
records below (dossier §1.2, §8.1)."""

from __future__ import annotations

import datetime as dt

import pytest

from competency import Official, structure
from competency.targets import check_targets
from competency.targets.model import TargetStatus

PLACEMENT = "vn.nd-170-2025.vi-tri-viec-lam"
FOSTERING = "vn.nd-101-2017.boi-duong-hang-nam"


def _official(ident: str, post: dict | None = None, **extra) -> Official:
    record = {"id": ident, "category": "cong_chuc",
              "unit": {"id": "S1", "level": "province", "name": "Sở Nội vụ", "province_code": "22"},
              "assignments": [{"title": "chuyen_vien", "rank": "01.003", "start": "2015-01-01",
                               **(post or {})}], **extra}
    return structure(record, Official)


def test_placement_counts_placed_unplaced_and_unrecorded():
    roster = [_official("P1", {"job_position": "Chuyên viên tổ chức cán bộ"}),
              _official("P2", {"placed_in_job_position": True}),
              _official("P3", {"placed_in_job_position": False}),
              _official("P4")]
    result = check_targets(roster, PLACEMENT, dt.date(2026, 1, 1)).get(PLACEMENT, "placed-2027")
    assert (result.numerator, result.denominator, result.unknown) == (2, 4, 1)
    assert result.status is TargetStatus.BELOW and result.gap == 2
    assert result.deadline == dt.date(2027, 7, 1)


def test_everyone_placed_meets_the_target():
    roster = [_official(f"Q{i}", {"placed_in_job_position": True}) for i in range(3)]
    result = check_targets(roster, PLACEMENT, dt.date(2027, 7, 1)).get(PLACEMENT, "placed-2027")
    assert result.status is TargetStatus.MET and result.gap == 0


def _course(start: str, end: str, periods: int | None, completed: bool | None = True) -> dict:
    course = {"programme": "boi-duong", "start": start, "end": end, "completed": completed}
    if periods is not None:
        course["periods"] = periods
    return course


@pytest.mark.parametrize(("training", "counted", "unknown"), [
    ([_course("2019-05-06", "2019-05-10", 40)], 1, 0),                       # one 5-day course
    ([_course("2019-03-01", "2019-03-02", 16), _course("2019-10-01", "2019-10-03", 24)], 1, 0),
    ([_course("2019-03-01", "2019-03-02", 16), _course("2019-10-01", "2019-10-02", 16)], 0, 0),
    ([_course("2018-12-01", "2018-12-05", 40)], 0, 0),                       # the year before
    ([_course("2019-05-06", "2019-05-10", 40, completed=False)], 0, 0),      # not completed
    ([_course("2019-05-06", "2019-05-10", None)], 0, 1),                     # length not recorded
    (None, 0, 1),                                                            # no training list
])
def test_fostering_2019_sums_the_periods_of_the_year(training, counted, unknown):
    extra = {} if training is None else {"training": training}
    result = check_targets([_official("F1", **extra)], FOSTERING,
                           dt.date(2020, 1, 15)).get(FOSTERING, "fostered-2019")
    assert (result.numerator, result.denominator, result.unknown) == (counted, 1, unknown)


def test_a_course_after_the_as_of_date_does_not_count_yet():
    official = _official("F2", training=[_course("2019-11-04", "2019-11-08", 40)])
    early = check_targets([official], FOSTERING, dt.date(2019, 6, 1)).get(FOSTERING, "fostered-2019")
    late = check_targets([official], FOSTERING, dt.date(2019, 12, 31)).get(FOSTERING, "fostered-2019")
    assert (early.numerator, late.numerator) == (0, 1)
