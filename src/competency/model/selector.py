"""Populations: which officials a workforce indicator or a selection scheme counts.

A population is a list of :class:`Selector`; an official belongs when one selector
matches one of their current posts (or, for a selector that names no post facts, the
official's own record). Within a selector every given key must match; a key the record
leaves unknown does not match, so an official is never counted on a guess.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from competency.model.official import Assignment, Official, Unit
from competency.vocab import AdministrativeLevel, PersonnelCategory, describe

__all__ = ["Selector", "match", "unit_key", "unit_label"]


@attrs.frozen(kw_only=True)
class Selector:
    """Officials with a current post matching every given key; omitted keys match anyone."""

    categories: tuple[PersonnelCategory, ...] | None = attrs.field(default=None, metadata=describe(
        "Personnel categories.", "Đối tượng: cán bộ, công chức, viên chức."))
    levels: tuple[AdministrativeLevel, ...] | None = attrs.field(default=None, metadata=describe(
        "Administrative levels of the post's unit.", "Cấp hành chính của đơn vị."))
    leadership: bool | None = attrs.field(default=None, metadata=describe(
        "Whether the post is a leadership or management post.", "Chức vụ lãnh đạo, quản lý."))
    titles: tuple[str, ...] | None = attrs.field(default=None, metadata=describe(
        "Position or title codes (data/titles.yaml).", "Mã chức vụ, chức danh."))
    ranks: tuple[str, ...] | None = attrs.field(default=None, metadata=describe(
        "Rank codes.", "Mã ngạch."))
    job_positions: tuple[str, ...] | None = attrs.field(default=None, metadata=describe(
        "Job positions (vị trí việc làm) of the post, as written in assignments[].job_position.",
        "Vị trí việc làm."))
    units: tuple[str, ...] | None = attrs.field(default=None, metadata=describe(
        "Unit ids or names (exact).", "Mã hoặc tên đơn vị."))
    provinces: tuple[str, ...] | None = attrs.field(default=None, metadata=describe(
        "Province codes of the post's unit.", "Mã tỉnh của đơn vị."))
    in_planning_pool: bool | None = attrs.field(default=None, metadata=describe(
        "Whether the official is in a planning pool (quy hoạch) for any post.",
        "Có trong quy hoạch."))

    def _post_keys(self) -> bool:
        return any(k is not None for k in (self.leadership, self.titles, self.ranks,
                                           self.job_positions))

    def matches(self, official: Official, post: Assignment | None) -> bool:
        """True when every given key matches ``post`` (``None``: the official's own record)."""
        if post is None and self._post_keys():
            return False
        unit: Unit | None = (post.unit if post is not None else None) or official.unit
        pools = official.planning_pools
        checks = (
            (self.categories, official.category),
            (self.levels, None if unit is None else unit.level),
            (self.titles, None if post is None else post.title),
            (self.ranks, None if post is None else post.rank),
            (self.job_positions, None if post is None else post.job_position),
            (self.provinces, None if unit is None else unit.province_code),
        )
        if not all(accepted is None or value in accepted for accepted, value in checks):
            return False
        if self.units is not None and (
                unit is None or not ({unit.id, unit.name} & set(self.units))):
            return False
        if self.leadership is not None and (post is None or post.leadership is not self.leadership):
            return False
        return self.in_planning_pool is None or (
            pools is not None and bool(pools) is self.in_planning_pool)


def match(selectors: Iterable[Selector], official: Official,
          on: dt.date) -> tuple[bool, Assignment | None]:
    """(member, post): whether the official belongs on ``on`` and through which current post.

    The first current post that a selector matches is the one rules are evaluated for;
    an official with no current post is matched on the record alone. An official recruited
    after ``on`` belongs to nothing on that date.
    """
    if not official.recruited_by(on):
        return False, None
    posts: tuple[Assignment | None, ...] = official.current_assignments(on) or (None,)
    for post in posts:
        if any(selector.matches(official, post) for selector in selectors):
            return True, post
    return False, None


def unit_key(unit: Unit | None) -> str | None:
    """A key that tells units apart: the unit id, else its codes and name; None when unknown."""
    if unit is None:
        return None
    if unit.id:
        return unit.id
    parts = [unit.province_code, unit.district_code, unit.commune_code, unit.name]
    if unit.name is None and unit.commune_code is None:
        return None
    return "|".join(p or "" for p in parts)


def unit_label(unit: Unit | None) -> str:
    """The unit's name (or id) for reports."""
    if unit is None:
        return "?"
    return unit.name or unit.id or unit.commune_code or "?"
