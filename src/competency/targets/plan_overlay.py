"""A province's plan overlay: its own programmes and unit costs, its targets, and its priorities.

One file (``plan --plan-overlay FILE``) says what a province brings to the national data
when it plans training: programmes (courses abroad, sector specialisation…) chosen before
the built-in ones where they close the same need, target sets of its own, which programme
turns each target's gap into needs, title-based and planning-pool rules of its own (a
provincial plan's classes for commune secretaries, say), and the funding order. It adds to
the built-in data and never replaces an item under the same id.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import attrs

from competency.errors import DataFileError
from competency.io.datafiles import parse_yaml, read_data_file, schema_problems, structured
from competency.law import Confidence
from competency.targets.catalogue import TARGET_SETS, builtin_target_sets
from competency.targets.model import Counting, TargetSet
from competency.training.catalogue import PROGRAMMES, need_sources
from competency.training.model import PoolRequirement, Programme, TitleProgramme
from competency.training.plan import PRIORITY_KEYS
from competency.vocab import Text, describe

__all__ = ["PlanOverlay", "TargetProgramme", "load_plan_overlay"]


@attrs.frozen(kw_only=True)
class TargetProgramme:
    """The programme that turns an indicator's gap into training needs."""

    target_set: str = attrs.field(metadata=describe(
        "Target set id (built-in or of this file).", "Mã bộ chỉ tiêu.", minLength=1))
    indicator: str = attrs.field(metadata=describe("Indicator id.", "Mã chỉ tiêu.", minLength=1))
    programme: str = attrs.field(metadata=describe(
        "Programme id that closes the gap.", "Mã chương trình đáp ứng.", minLength=1))
    note: Text | None = attrs.field(default=None, metadata=describe("Remarks.", "Ghi chú."))


@attrs.frozen(kw_only=True)
class PlanOverlay:
    """What a province adds to the national data when it plans training."""

    confidence: Confidence = attrs.field(metadata=describe(
        "How sure the file's figures are.", "Mức độ tin cậy."))
    note: Text | None = attrs.field(default=None, metadata=describe("Remarks.", "Ghi chú."))
    priorities: tuple[str, ...] | None = attrs.field(default=None, metadata=describe(
        "Funding order: some of legal, source, deadline, size, official.",
        "Thứ tự ưu tiên bố trí kinh phí."))
    programmes: tuple[Programme, ...] = attrs.field(default=(), metadata=describe(
        "The province's programmes, chosen first where they close a need.",
        "Chương trình của tỉnh."))
    target_sets: tuple[TargetSet, ...] = attrs.field(default=(), metadata=describe(
        "The province's own target sets.", "Bộ chỉ tiêu của tỉnh."))
    target_needs: tuple[TargetProgramme, ...] = attrs.field(default=(), metadata=describe(
        "Targets whose gap in people becomes needs for a programme.",
        "Chỉ tiêu được chuyển thành nhu cầu đào tạo."))
    titles: tuple[TitleProgramme, ...] = attrs.field(default=(), metadata=describe(
        "The province's own title-based fostering rules, added to the national ones.",
        "Quy định bồi dưỡng theo chức danh của tỉnh."))
    planning: tuple[PoolRequirement, ...] = attrs.field(default=(), metadata=describe(
        "The province's own planning-pool rules, added to the national ones.",
        "Yêu cầu đối với người trong quy hoạch của tỉnh."))

    def target_set(self, set_id: str) -> TargetSet:
        """A set of this file, else a built-in one."""
        for item in self.target_sets:
            if item.id == set_id:
                return item
        return builtin_target_sets()[set_id]


def _problems(overlay: PlanOverlay, programme_ids: Iterable[str]) -> list[str]:
    found = [f"/priorities/{i}: unknown priority {key!r}; expected some of: "
             f"{', '.join(sorted(PRIORITY_KEYS))}"
             for i, key in enumerate(overlay.priorities or ()) if key not in PRIORITY_KEYS]
    known = set(programme_ids)
    for i, item in enumerate(overlay.programmes):
        found += PROGRAMMES.problems(item, f"/programmes/{i}")
        if item.id in known:
            found.append(f"/programmes/{i}/id: programme {item.id!r} is already defined; "
                         "give it a new id")
    for i, target_set in enumerate(overlay.target_sets):
        found += TARGET_SETS.problems(target_set, f"/target_sets/{i}")
        if target_set.id in builtin_target_sets():
            found.append(f"/target_sets/{i}/id: target set {target_set.id!r} is already "
                         "defined; give it a new id")
    national = need_sources()
    taken = {r.id for r in (*national.titles, *national.planning)}
    for key, rules in (("titles", overlay.titles), ("planning", overlay.planning)):
        found += [f"/{key}/{i}/id: rule {rule.id!r} is already defined; give it a new id"
                  for i, rule in enumerate(rules) if rule.id in taken]
    offered = known | {p.id for p in overlay.programmes}
    for i, link in enumerate(overlay.target_needs):
        here = f"/target_needs/{i}"
        try:
            target_set = overlay.target_set(link.target_set)
        except KeyError:
            found.append(f"{here}/target_set: unknown target set {link.target_set!r}")
            continue
        indicator = next((x for x in target_set.indicators if x.id == link.indicator), None)
        if indicator is None:
            found.append(f"{here}/indicator: {link.target_set!r} has no indicator "
                         f"{link.indicator!r}")
        elif indicator.counts is not Counting.PEOPLE:
            found.append(f"{here}/indicator: {link.indicator!r} counts units; only an "
                         "indicator counting people gives training needs")
        if link.programme not in offered:
            found.append(f"{here}/programme: unknown programme {link.programme!r}")
    return found


def load_plan_overlay(path: Path, programme_ids: Iterable[str]) -> PlanOverlay:
    """Read, validate and check a plan overlay; ``programme_ids`` are those already offered.

    Every problem of the file is reported together, each with its JSON pointer.
    """
    source = str(path)
    data = parse_yaml(read_data_file(path), source)
    problems = schema_problems(data, "plan-overlay")
    if problems:
        raise DataFileError(source=source, problems=tuple(problems))
    overlay: PlanOverlay = structured(data, PlanOverlay, source)
    problems = _problems(overlay, programme_ids)
    if problems:
        raise DataFileError(source=source, problems=tuple(problems))
    return overlay
