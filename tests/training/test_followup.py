"""After training: levels before and after, and the Circular 10/2017 quality bands."""

from __future__ import annotations

import datetime as dt

import pytest

from competency import Official, structure
from competency.law import Confidence
from competency.model.assessment import Assessment, AssessmentMethod
from competency.model.participation import Participation
from competency.training.catalogue import ProgrammeCatalog, quality_bands
from competency.training.evaluation import evaluate_training, participations_from

DRAFTING = "vn.minh-hoa.soan-thao-van-ban"   # closes drafting at level 3


@pytest.mark.parametrize(("index", "band"), [
    (0, "kem"), (1.99, "kem"), (2, "yeu"), (3.99, "yeu"), (4, "trung_binh"), (5.99, "trung_binh"),
    (6, "kha"), (7.99, "kha"), (8, "tot"), (10, "tot")])
def test_quality_bands_of_circular_10_2017(index, band):
    """Poor < 2 ≤ Weak < 4 ≤ Average < 6 ≤ Good < 8 ≤ Excellent ≤ 10."""
    assert quality_bands().band(index).code == band


def test_quality_bands_are_marked_needs_check():
    """The circular's status after Decree 171/2025 is unknown: the table says so."""
    table = quality_bands()
    assert table.confidence is Confidence.NEEDS_CHECK
    assert table.cite() == "10/2017/TT-BNV [needs-check]"
    with pytest.raises(ValueError, match="0–10"):
        table.band(10.5)


def _a(official: str, level: int, day: str) -> Assessment:
    return Assessment(official_id=official, competency="drafting", level=level,
                      assessed_on=dt.date.fromisoformat(day), method=AssessmentMethod.TEST)


def test_levels_before_and_after_per_programme_and_unit():
    """Before = level the day before the start; after = level now, if assessed since the end."""
    records = [
        Participation(official_id="A", programme=DRAFTING, unit="28756", class_id="L1",
                      start=dt.date(2024, 3, 4), end=dt.date(2024, 3, 8), completed=True,
                      quality_index=7.5),
        Participation(official_id="B", programme=DRAFTING, unit="28756", class_id="L1",
                      start=dt.date(2024, 3, 4), end=dt.date(2024, 3, 8), completed=True,
                      quality_index=7.5),
        Participation(official_id="C", programme=DRAFTING, unit="28759", class_id="L2",
                      start=dt.date(2024, 3, 4), end=dt.date(2024, 3, 8), completed=False,
                      quality_index=8.5),
    ]
    assessments = [_a("A", 1, "2023-12-01"), _a("A", 3, "2024-04-01"),
                   _a("B", 2, "2023-12-01"), _a("B", 2, "2024-04-01"),
                   _a("C", 1, "2023-12-01"), _a("C", 2, "2024-04-01")]
    result = evaluate_training(records, assessments, programmes=ProgrammeCatalog.builtin(),
                               on=dt.date(2024, 6, 30))
    by_unit = {c.unit: c for c in result.changes}
    first = by_unit["28756"]
    assert (first.participants, first.completed, first.compared) == (2, 2, 2)
    assert (first.mean_before, first.mean_after, first.mean_change) == (1.5, 2.5, 1.0)
    assert (first.improved, first.unchanged, first.declined) == (1, 1, 0)
    second = by_unit["28759"]
    assert (second.participants, second.completed, second.compared) == (1, 0, 0)
    [quality] = result.quality
    assert quality.classes == 2 and quality.index == pytest.approx((7.5 + 8.5) / 2)
    assert quality.band.code == "tot"


def test_officials_courses_can_be_evaluated():
    """Courses recorded in officials' records count as participation records."""
    official = structure({"id": "A", "unit": {"commune_code": "28756"}, "training": [
        {"programme": DRAFTING, "start": "2024-03-04", "end": "2024-03-08", "completed": True}]},
        Official)
    [record] = participations_from([official])
    assert (record.official_id, record.unit, record.programme) == ("A", "28756", DRAFTING)
    result = evaluate_training([official], [_a("A", 2, "2024-01-01"), _a("A", 3, "2024-05-01")],
                               programmes=ProgrammeCatalog.builtin(), on=dt.date(2024, 6, 30))
    assert [(c.mean_before, c.mean_after) for c in result.changes] == [(2.0, 3.0)]
