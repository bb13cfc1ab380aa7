"""Ranking the eligible candidates and filling the places a quota allows.

The order is total and ignores the input order: score, the scheme's tie-breaks, the
official id, then the record itself (for duplicate ids).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from competency.model.official import Assignment, Official
from competency.model.selector import unit_key
from competency.rules.evaluate import Evaluation, evaluate_node
from competency.rules.leaves import Context
from competency.rules.outcome import Outcome
from competency.schema.convert import unstructure
from competency.selection._results import Candidate, CriterionScore, Rejection, Unresolved
from competency.selection.model import (
    TIE_BREAK_FACTS,
    Quota,
    QuotaGroup,
    QuotaPool,
    SelectionScheme,
)
from competency.vocab import Gender, Text, fold

__all__ = ["Entry", "allot", "allotted", "effective_quota", "quota_group", "rank_key",
           "stable_order"]


def _field(official: Official, on: dt.date) -> str | None:
    held = [e for e in official.education or () if e.awarded_on is None or e.awarded_on <= on]
    if not held:
        return None
    top = max(held, key=lambda e: e.level)
    return fold(top.field) if top.field else None


def quota_group(per: QuotaGroup | None, official: Official, ctx: Context) -> str | None:
    """The group a per-group quota counts the candidate in (None when not grouped)."""
    if per is QuotaGroup.UNIT:
        return unit_key(ctx.unit)
    if per is QuotaGroup.PROVINCE:
        return None if ctx.unit is None else ctx.unit.province_code
    if per is QuotaGroup.FIELD:
        return _field(official, ctx.on)
    return None


def _fact_key(name: str, official: Official) -> tuple[Any, ...]:
    born = official.birth_date
    if name == "younger_first":
        return (born is None, -(born.toordinal()) if born else 0)
    if name == "older_first":
        return (born is None, born.toordinal() if born else 0)
    if name == "longer_service_first":
        start = official.service_start or official.recruited_on
        return (start is None, start.toordinal() if start else 0)
    return (official.gender is not Gender.FEMALE,)  # women_first


@attrs.frozen
class Entry:
    """An eligible, scored candidate waiting for its rank; a spooled entry keeps neither the
    record nor its evaluation (``None``), only what the report shows."""

    official: Official | None
    post_unit: str | None
    score: float
    breakdown: tuple[CriterionScore, ...]
    group: str | None
    eligibility: Evaluation | None
    pools: tuple[str, ...] = ()
    """The quota pools whose condition the candidate meets, in the quota's order."""
    priority: int = 0
    """Index of the first priority group the candidate belongs to (none: after them all)."""
    official_id: str = attrs.field(
        default=attrs.Factory(lambda self: self.official.id if self.official else "",
                              takes_self=True))

    def lean(self) -> Entry:
        """The entry without the record and its evaluation (what a spool keeps)."""
        return attrs.evolve(self, official=None, eligibility=None)


def pool_ids(places: Quota | None, ctx: Context) -> tuple[str, ...]:
    """The pools whose condition the candidate meets; an unknown condition admits no one."""
    if places is None:
        return ()
    return tuple(p.id for p in places.pools
                 if p.members is None or evaluate_node(p.members, ctx).outcome is Outcome.MET)


def priority_of(places: Quota | None, official: Official, post: Assignment | None) -> int:
    """Index of the first priority group the candidate belongs to; after them all if none."""
    groups = () if places is None else places.priority
    return next((i for i, group in enumerate(groups) if group.matches(official, post)),
                len(groups))


def rank_key(scheme: SelectionScheme) -> Callable[[Entry], tuple[Any, ...]]:
    """Sort key: score, the scheme's tie-breaks, the official id, then the record itself."""
    def key(entry: Entry) -> tuple[Any, ...]:
        assert entry.official is not None, "an entry is ranked before it is spooled"
        points = {s.criterion: s.points for s in entry.breakdown}
        parts: list[Any] = [entry.priority, -entry.score]
        for name in scheme.tie_breaks:
            parts.append(_fact_key(name, entry.official) if name in TIE_BREAK_FACTS
                         else (-points.get(name, 0.0),))
        parts.append(entry.official.id)
        parts.append(json.dumps(unstructure(entry.official), sort_keys=True, ensure_ascii=False))
        return tuple(parts)
    return key


def effective_quota(scheme: SelectionScheme, quota: int | Quota | None) -> Quota | None:
    """The scheme's quota, its total replaced by an int or the whole replaced by a Quota."""
    if isinstance(quota, Quota):
        return quota
    if isinstance(quota, int) and not isinstance(quota, bool):
        if quota < 0:
            msg = f"quota must be zero or more, got {quota}"
            raise ValueError(msg)
        return attrs.evolve(scheme.quota or Quota(), total=quota)
    return scheme.quota


def stable_order(item: Rejection | Unresolved) -> tuple[str, str]:
    """Sort key of the unranked, so that their order never depends on the input order."""
    return item.official_id, json.dumps([m.message("en") for m in item.failing]
                                        if isinstance(item, Rejection)
                                        else [t.en for t in item.missing])


def _pool_for(entry: Entry, pools: tuple[QuotaPool, ...],
              left: dict[str, int]) -> tuple[str | None, Text | None]:
    """The first pool with a place left that the entry may take, or why there is none."""
    for pool in pools:
        if pool.id in entry.pools and left[pool.id] > 0:
            return pool.id, None
    names = [p for p in pools if p.id in entry.pools]
    if names:
        return None, Text(vi="Đã đủ chỉ tiêu: " + ", ".join(f"{p.title.vi} ({p.places})"
                                                         for p in names),
                          en="Full: " + ", ".join(f"{p.title.en} ({p.places})" for p in names))
    return None, Text(vi="Không thuộc chỉ tiêu nào: " + ", ".join(p.title.vi for p in pools),
                      en="In none of the pools: " + ", ".join(p.title.en for p in pools))


def allot(entries: list[Entry], places: Quota | None) -> list[Candidate]:
    """Rank the sorted entries (see :func:`allotted`)."""
    return list(allotted(entries, places))


def allotted(entries: Iterable[Entry], places: Quota | None) -> Iterator[Candidate]:
    """Rank the sorted entries one at a time; those past the total, their group's limit or
    every pool they may take are reserves, with the reason."""
    total = None if places is None else places.total
    limit = None if places is None else places.max_per_group
    pools = () if places is None else places.pools
    left = {p.id: p.places for p in pools}
    taken: dict[str | None, int] = {}
    chosen = 0
    for rank, entry in enumerate(entries, start=1):
        reason, pool = None, None
        if total is not None and chosen >= total:
            reason = Text(vi=f"Ngoài tổng chỉ tiêu ({total})", en=f"Beyond the {total} places")
        elif limit is not None and taken.get(entry.group, 0) >= limit:
            where = entry.group if entry.group is not None else "?"
            reason = Text(vi=f"Nhóm {where} đã đủ chỉ tiêu ({limit} người mỗi nhóm)",
                          en=f"Group {where} is full ({limit} per group)")
        elif pools:
            pool, reason = _pool_for(entry, pools, left)
        selected = reason is None
        if selected:
            chosen += 1
            taken[entry.group] = taken.get(entry.group, 0) + 1
            if pool is not None:
                left[pool] -= 1
        yield Candidate(official_id=entry.official_id, rank=rank, score=entry.score,
                        breakdown=entry.breakdown, selected=selected, reason=reason,
                        unit=entry.post_unit, group=entry.group,
                        eligibility=entry.eligibility, pool=pool, pools=entry.pools,
                        priority=entry.priority)
