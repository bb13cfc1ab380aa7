"""Training needs that no unmet standard gives: a title's own fostering, a planning pool's call.

A **title need** (bồi dưỡng theo tiêu chuẩn chức danh) arises for a current post named by a
rule of ``data/training/need-sources.yaml`` when the record shows none of the rule's accepted
courses completed; its deadline is the latest election or appointment to the post (career
events, else the post's ``first_appointed`` or ``start``) plus the rule's period. A
**planning need** (quy hoạch) arises for a planning pool whose planned post a rule names,
when the political theory held is below the rule's level. Both are kept with the rule id in
``sources``, so a plan reads back to the rule, and neither is ``legal``: the law is met
today, the need is for what comes next.

:func:`combine` merges every source's needs of one official, so that one course closing
two causes is planned once; the merged need keeps its most binding source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from competency.frameworks.gaps import Need, NeedArea, NeedRow, NeedSource, PostRef
from competency.frameworks.gaps._needs import merge_needs
from competency.model.official import Assignment, Official
from competency.rules.leaves import held_on
from competency.rules.tables import Tables
from competency.training.model import (
    Duration,
    DurationUnit,
    NeedSourceTable,
    PoolRequirement,
    TitleProgramme,
)
from competency.vocab import Text

__all__ = ["combine", "planning_needs", "source_needs", "title_needs"]

def _after(day: dt.date, period: Duration) -> dt.date:
    """``day`` plus ``period``: whole calendar months (the last day when the month is
    shorter), or days and weeks as such."""
    if period.unit in (DurationUnit.DAYS, DurationUnit.WEEKS):
        return day + dt.timedelta(days=period.amount * (7 if period.unit is DurationUnit.WEEKS else 1))
    months = round(period.amount * (12 if period.unit is DurationUnit.YEARS else 1))
    year, month = divmod(day.month - 1 + months, 12)
    first = dt.date(day.year + year, month + 1, 1)
    following = first.replace(year=first.year + first.month // 12, month=first.month % 12 + 1)
    return first.replace(day=min(day.day, (following - dt.timedelta(days=1)).day))


def _current(official: Official, on: dt.date) -> list[Assignment]:
    return [a for a in official.assignments or ()
            if (a.start is None or a.start <= on) and (a.end is None or on <= a.end)]


def _taken(official: Official, post: Assignment, rule: TitleProgramme, on: dt.date
           ) -> dt.date | None:
    """The day the post was last taken by one of the rule's events, on or before ``on``."""
    days = [e.on for e in official.career or ()
            if e.kind in rule.events and e.title in (None, post.title) and e.on <= on]
    return max(days) if days else (post.first_appointed or post.start)


def _done(official: Official, rule: TitleProgramme, on: dt.date) -> bool:
    return any(t.programme in rule.accepted and t.completed is not False
               and (t.end or t.start or on) <= on for t in official.training or ())


def title_needs(official: Official, on: dt.date, table: NeedSourceTable) -> list[NeedRow]:
    """The title-based fostering each current post of ``official`` still calls for."""
    rows = []
    for post in _current(official, on):
        for rule in table.titles:
            if (not rule.in_force(on) or post.title not in rule.titles
                    or _done(official, rule, on)):
                continue
            taken = _taken(official, post, rule, on)
            due = None if taken is None else _after(taken, rule.within)
            need = Need(area=NeedArea.TITLE, target=post.title, level=0, legal=False, due=due,
                        sources=(rule.id,), origin=NeedSource.TITLE,
                        label=Text(vi=f"{NeedArea.TITLE.vi}: {rule.programme.vi}",
                                   en=f"{NeedArea.TITLE.en}: {rule.programme.en}"))
            rows.append(NeedRow(official_id=official.id, post=PostRef.of(official, post),
                                need=need))
    return rows


def _pool_open(term: str | None, on: dt.date) -> bool:
    return term is None or int(term[-4:]) >= on.year


def _political_theory(official: Official, on: dt.date, tables: Tables) -> int:
    levels = [tables.political_theory.level(p) for p in held_on(official.political_theory, on) or ()]
    return max((lv.order for lv in levels if lv is not None), default=-1)


def _pool_need(rule: PoolRequirement, held: int) -> Need | None:
    target = rule.political_theory
    if held >= target.order:
        return None
    return Need(area=NeedArea.POLITICAL_THEORY, target=target.code, level=target.order,
                legal=False, size=target.order - max(held, -1), sources=(rule.id,),
                origin=NeedSource.PLANNING,
                label=Text(vi=f"{NeedArea.POLITICAL_THEORY.vi}: {target.vi}",
                           en=f"{NeedArea.POLITICAL_THEORY.en}: {target.en}"))


def planning_needs(official: Official, on: dt.date, table: NeedSourceTable, tables: Tables
                   ) -> list[NeedRow]:
    """What the planning pools of ``official`` call for before appointment."""
    current = _current(official, on)
    if not current:
        return []
    post = PostRef.of(official, current[0])
    held = _political_theory(official, on, tables)
    rows = []
    for pool in official.planning_pools or ():
        if not _pool_open(pool.term, on):
            continue
        for rule in table.planning:
            applies = rule.in_force(on) and pool.title in rule.titles
            need = _pool_need(rule, held) if applies else None
            if need is not None:
                rows.append(NeedRow(official_id=official.id, post=post, need=need))
    return rows


def source_needs(official: Official, on: dt.date, table: NeedSourceTable, tables: Tables
                 ) -> list[NeedRow]:
    """Title and planning needs of one official."""
    return title_needs(official, on, table) + planning_needs(official, on, table, tables)


def combine(rows: Iterable[NeedRow]) -> list[NeedRow]:
    """One need per official and subject, whatever its sources (see :func:`merge_needs`).

    Officials keep the order they first appear in; the post kept is the first given.
    """
    posts: dict[str, PostRef] = {}
    needs: dict[str, list[Need]] = {}
    for row in rows:
        posts.setdefault(row.official_id, row.post)
        needs.setdefault(row.official_id, []).append(row.need)
    return [NeedRow(official_id=who, post=posts[who], need=need)
            for who, items in needs.items() for need in merge_needs(items)]
