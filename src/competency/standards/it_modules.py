"""The IT-skill standard's modules (IU01–IU15) and which level a set of passed modules reaches.

Circular 03/2014/TT-BTTTT defines the basic and advanced standards by modules passed. The
module list and the counts are data (``data/tables/it-modules.yaml``); :meth:`ITModuleTable.level`
derives the level from the modules a person passed, so a roster that records modules rather
than a certificate can be graded the same way.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import attrs

from competency.io.datafiles import shipped_table
from competency.law import Cited
from competency.vocab import ITSkillLevel, Text, describe

__all__ = ["ITModule", "ITModuleTable", "LevelRule", "ModuleCount", "it_modules"]


@attrs.frozen(kw_only=True)
class ITModule:
    """One module of the standard."""

    code: str = attrs.field(metadata=describe("Module code (IU01…).", "Mã mô đun.",
                                              pattern=r"^IU[0-9]{2}$"))
    name: Text = attrs.field(metadata=describe("Name.", "Tên mô đun."))
    group: str = attrs.field(metadata=describe("Group of modules (basic, advanced).",
                                               "Nhóm mô đun.", pattern=r"^[a-z_]+$"))


@attrs.frozen(kw_only=True)
class ModuleCount:
    """Modules of one group that must be passed: ``min`` of them, or all when absent."""

    group: str = attrs.field(metadata=describe("Group.", "Nhóm.", pattern=r"^[a-z_]+$"))
    min: int | None = attrs.field(default=None, metadata=describe(
        "How many of the group's modules; absent = all of them.", "Số mô đun tối thiểu.",
        minimum=1))


@attrs.frozen(kw_only=True)
class LevelRule:
    """A level and the module counts that reach it (all must hold)."""

    level: ITSkillLevel = attrs.field(metadata=describe("Level reached.", "Chuẩn đạt được."))
    requires: tuple[ModuleCount, ...] = attrs.field(metadata=describe(
        "Counts per group, all required.", "Yêu cầu theo nhóm.", minItems=1))


@attrs.frozen(kw_only=True)
class ITModuleTable(Cited):
    """The modules and the level rules, lowest level first."""

    modules: tuple[ITModule, ...] = attrs.field(metadata=describe(
        "Modules.", "Các mô đun.", minItems=1))
    levels: tuple[LevelRule, ...] = attrs.field(metadata=describe(
        "Level rules, lowest first.", "Quy tắc xác định chuẩn, từ thấp đến cao.", minItems=1))

    def level(self, passed: Iterable[str]) -> ITSkillLevel | None:
        """The highest level the passed module codes reach; None when none is reached."""
        done = {code.upper() for code in passed}
        reached = None
        for rule in self.levels:
            if all(self._holds(count, done) for count in rule.requires):
                reached = rule.level
        return reached

    def _holds(self, count: ModuleCount, done: set[str]) -> bool:
        group = {m.code for m in self.modules if m.group == count.group}
        need = len(group) if count.min is None else count.min
        return len(group & done) >= need


def _problems(table: ITModuleTable) -> list[str]:
    groups = {m.code: m.group for m in table.modules}
    problems = [f"/modules: {code} is listed twice" for code in groups
                if sum(m.code == code for m in table.modules) > 1]
    for i, rule in enumerate(table.levels):
        for j, count in enumerate(rule.requires):
            size = sum(g == count.group for g in groups.values())
            if size == 0 or (count.min is not None and count.min > size):
                problems.append(f"/levels/{i}/requires/{j}: group {count.group} has {size} "
                                "modules")
    return problems


@functools.cache
def it_modules() -> ITModuleTable:
    """The table shipped with the package (rule R49)."""
    return shipped_table("tables/it-modules.yaml", "table-it-modules", ITModuleTable, _problems)
