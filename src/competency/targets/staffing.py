"""Commune staffing ceilings (Decree 33/2023/NĐ-CP): how many cadres and civil servants each
commune-level unit has against the most its kind and type allow.

A headcount per unit, not a share, so it sits beside the target sets rather than in them. The
ceilings and their period are data (``data/tables/commune-staffing.yaml``); a unit whose kind or
type the records do not give has no ceiling here and is reported as unknown, never as over.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

import attrs

from competency.io.datafiles import shipped_table
from competency.law import Cited
from competency.model.official import Official, Unit
from competency.model.selector import unit_key, unit_label
from competency.vocab import (
    AdministrativeLevel,
    CommuneKind,
    PersonnelCategory,
    UnitClass,
    describe,
)

__all__ = ["Ceiling", "StaffingTable", "UnitStaffing", "commune_staffing", "staffing_table"]

_COUNTED = (PersonnelCategory.CAN_BO, PersonnelCategory.CONG_CHUC)


@attrs.frozen(kw_only=True)
class Ceiling:
    """The most cadres and civil servants for units of these kinds and this type."""

    kinds: tuple[CommuneKind, ...] = attrs.field(metadata=describe(
        "Kinds of unit.", "Loại đơn vị (phường, xã, thị trấn).", minItems=1))
    unit_class: UnitClass = attrs.field(metadata=describe("Type of unit.", "Phân loại đơn vị."))
    max: int = attrs.field(metadata=describe("Most people.", "Số lượng tối đa.", minimum=1))


@attrs.frozen(kw_only=True)
class StaffingTable(Cited):
    """Ceilings by kind and type of commune-level unit, for a period."""

    valid_from: dt.date = attrs.field(metadata=describe("First day.", "Từ ngày."))
    valid_until: dt.date | None = attrs.field(default=None, metadata=describe(
        "Last day (inclusive).", "Đến hết ngày."))
    ceilings: tuple[Ceiling, ...] = attrs.field(metadata=describe(
        "Ceilings.", "Số lượng tối đa.", minItems=1))

    def in_force(self, day: dt.date) -> bool:
        """True when ``day`` is in the table's period."""
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def ceiling(self, unit: Unit) -> int | None:
        """The ceiling for ``unit``; None when its kind or type is not recorded."""
        for row in self.ceilings:
            if unit.commune_kind in row.kinds and unit.unit_class is row.unit_class:
                return row.max
        return None


@attrs.frozen(kw_only=True)
class UnitStaffing:
    """One unit: its headcount, its ceiling (None when unknown) and how far over it is."""

    unit: str
    label: str
    headcount: int
    ceiling: int | None

    @property
    def over(self) -> int | None:
        """People above the ceiling (0 when within); None when the ceiling is unknown."""
        return None if self.ceiling is None else max(0, self.headcount - self.ceiling)


@functools.cache
def staffing_table() -> StaffingTable:
    """The table shipped with the package (rule R55)."""
    return shipped_table("tables/commune-staffing.yaml", "table-commune-staffing",
                         StaffingTable)


def commune_staffing(officials: Iterable[Official], on: dt.date,
                     table: StaffingTable | None = None) -> list[UnitStaffing]:
    """Cadres and civil servants holding a post on ``on`` in each commune-level unit (the
    post's unit, else the official's), in order of first appearance; empty outside the
    table's period. Each person counts once per unit."""
    table = table or staffing_table()
    if not table.in_force(on):
        return []
    members: dict[str, set[str]] = {}
    units: dict[str, Unit] = {}
    for official in officials:
        if official.category not in _COUNTED:
            continue
        for post in official.current_assignments(on):
            unit = post.unit if post.unit is not None else official.unit
            key = unit_key(unit)
            if unit is None or key is None or unit.level is not AdministrativeLevel.COMMUNE:
                continue
            units.setdefault(key, unit)
            members.setdefault(key, set()).add(official.id)
    return [UnitStaffing(unit=key, label=unit_label(units[key]), headcount=len(ids),
                         ceiling=table.ceiling(units[key])) for key, ids in members.items()]
