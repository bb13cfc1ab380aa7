"""Commune staffing ceilings of Decree 33/2023 (R55): wards of type I/II/III 23/21/19, communes and
towns 22/20/18, 2023-08-01 to 2025-06-30. Headcounts are built by hand (dossier §1.1)."""

from __future__ import annotations

import datetime as dt

import pytest

from competency import Official, structure
from competency.targets.staffing import commune_staffing, staffing_table

ON = dt.date(2024, 6, 1)


def _staff(unit: dict, n: int, prefix: str, category: str = "cong_chuc") -> list[Official]:
    return [structure({"id": f"{prefix}{i}", "category": category, "unit": unit,
                       "assignments": [{"title": "cc_xa.van_hoa_xa_hoi", "start": "2020-01-01"}]},
                      Official) for i in range(n)]


@pytest.mark.parametrize(("kind", "unit_class", "ceiling"), [
    ("phuong", "loai_1", 23), ("phuong", "loai_2", 21), ("phuong", "loai_3", 19),
    ("xa", "loai_1", 22), ("xa", "loai_2", 20), ("thi_tran", "loai_3", 18),
])
def test_ceiling_by_kind_and_type(kind, unit_class, ceiling):
    unit = {"id": "U", "level": "commune", "commune_kind": kind, "unit_class": unit_class}
    (row,) = commune_staffing(_staff(unit, 20, "S"), ON)
    assert (row.headcount, row.ceiling, row.over) == (20, ceiling, max(0, 20 - ceiling))


def test_cadres_and_civil_servants_count_together_public_employees_do_not():
    unit = {"id": "W", "name": "Phường 1", "level": "commune", "commune_kind": "phuong",
            "unit_class": "loai_3"}
    roster = (_staff(unit, 12, "C") + _staff(unit, 9, "K", "can_bo")
              + _staff(unit, 5, "V", "vien_chuc"))
    (row,) = commune_staffing(roster, ON)
    assert (row.label, row.headcount, row.ceiling, row.over) == ("Phường 1", 21, 19, 2)


def test_a_unit_without_kind_or_type_has_no_ceiling():
    (row,) = commune_staffing(_staff({"id": "X", "level": "commune", "commune_kind": "xa"}, 30, "S"),
                              ON)
    assert row.ceiling is None and row.over is None


def test_only_in_force_from_2023_08_01_to_2025_06_30():
    unit = {"id": "U", "level": "commune", "commune_kind": "xa", "unit_class": "loai_1"}
    roster = _staff(unit, 3, "S")
    assert [bool(commune_staffing(roster, day)) for day in (
        dt.date(2023, 7, 31), dt.date(2023, 8, 1), dt.date(2025, 6, 30), dt.date(2025, 7, 1))] == [
        False, True, True, False]
    assert staffing_table().valid_until == dt.date(2025, 6, 30)


def test_units_above_commune_level_are_not_counted():
    unit = {"id": "P", "level": "province", "commune_kind": "xa", "unit_class": "loai_1"}
    assert commune_staffing(_staff(unit, 3, "S"), ON) == []
