"""Which standards govern a post, from a few values of the JSON record.

The reference (:func:`competency.standards.applicability.tests_for`) reads structured
officials; structuring a record costs far more than evaluating it. When no selector of the
catalogue reads more than the official's category, the unit's level and province, the title
and the rank, those five values decide which standards select the post and under which
regime, so the answer is memoised on them. A standard tested continuously then governs or not
on the as-of date alone; one tested at an event governs when it is in force, under the post's
regime, on the date of the event, which is computed per post by the reference's own
:func:`~competency.standards.applicability.event_date` from the only parts of the record it
reads (recruitment date, career events, the post's dates and title).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from competency.model.official import Assignment, CareerEvent, Official, Unit
from competency.rules.tables import RegimeTable
from competency.standards.applicability import event_date, governs
from competency.standards.model import Standard
from competency.vocab import (
    AdministrativeLevel,
    CareerEventKind,
    PersonnelCategory,
    StandardEvent,
)

__all__ = ["KeyedApplicability", "reads_more"]

Record = Mapping[str, Any]
Key = tuple[Any, ...]


def reads_more(standards: Sequence[Standard]) -> bool:
    """Whether a selector reads more of the record than the five values of a key."""
    return any(s.applies_to.leadership is not None or s.applies_to.units is not None
               or s.applies_to.in_planning_pool is not None
               or s.applies_to.job_positions is not None for s in standards)


class _Selected:
    """What the five values decide: the continuous standards that govern the post on the
    as-of date, and the event standards that select it (whether they govern depends on the
    date of the event)."""

    def __init__(self, view: tuple[Official, Assignment], continuous: list[Standard],
                 events: list[Standard]) -> None:
        self.view = view
        self.continuous = continuous
        self.events = events


class KeyedApplicability:
    """``Catalog.tests_for`` a post, as the indices of the standards in ``index``."""

    def __init__(self, continuous: Sequence[Standard], events: Sequence[Standard],
                 on: dt.date, regimes: RegimeTable, index: Mapping[str, int]) -> None:
        self.continuous = continuous
        self.events = events
        self.on = on
        self.regimes = regimes
        self.index = index
        self._selected: dict[Key, _Selected] = {}
        self._plain: dict[Key, list[int]] = {}  # keys no event standard selects

    def chosen(self, record: Record, unit: Record | None, assignment: Record) -> list[int]:
        """The indices of the standards that govern this current post, in id order."""
        level = None if unit is None else unit.get("level")
        province = None if unit is None else unit.get("province_code")
        key = (record.get("category"), level, assignment["title"], assignment.get("rank"),
               province)
        plain = self._plain.get(key)
        if plain is not None:
            return plain
        selected = self._selected.get(key)
        if selected is None:
            selected = self._selected[key] = self._select(key)
            if not selected.events:
                plain = self._plain[key] = self._indices(selected.continuous)
                return plain
        official, post = _event_view(record, assignment)
        view_official, view_post = selected.view
        found = list(selected.continuous)
        days: dict[StandardEvent, dt.date] = {}  # one date per kind of event
        for standard in selected.events:
            day = days.get(standard.event)
            if day is None:
                day = days[standard.event] = event_date(standard.event, official, post,
                                                        self.on) or self.on
            if governs(standard, view_official, view_post, day, self.regimes):
                found.append(standard)
        return self._indices(found)

    def _select(self, key: Key) -> _Selected:
        official, post = view = _selector_view(*key)
        continuous = [s for s in self.continuous
                      if governs(s, official, post, self.on, self.regimes)]
        return _Selected(view, continuous, [s for s in self.events
                                            if s.applies_to.matches(official, post)])

    def _indices(self, found: list[Standard]) -> list[int]:
        """As the reference gives them: sorted by id, without the superseded ones."""
        replaced = {old for s in found for old in s.supersedes}
        return [self.index[s.id] for s in sorted(found, key=lambda s: s.id)
                if s.id not in replaced]


def _selector_view(category: str | None, level: str | None, title: str, rank: str | None,
                   province: str | None) -> tuple[Official, Assignment]:
    """The five values an applicability selector reads, as the objects it reads them from
    (codes of a valid record: the enumerations take them as they are)."""
    unit = Unit(level=None if level is None else AdministrativeLevel(level),
                province_code=province)
    official = Official(id="selector", unit=unit, category=None if category is None
                        else PersonnelCategory(category))
    return official, Assignment(title=title, rank=rank)


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _event_view(record: Record, assignment: Record) -> tuple[Official, Assignment]:
    """What :func:`event_date` reads of an official and a post (a record valid against the
    official schema: dates are ISO dates, kinds are codes)."""
    events = tuple(CareerEvent(kind=CareerEventKind(e["kind"]), on=dt.date.fromisoformat(e["on"]),
                               title=e.get("title"), term_end=_date(e.get("term_end")))
                   for e in record.get("career") or ())
    official = Official(id=record["id"], recruited_on=_date(record.get("recruited_on")),
                        career=events)
    return official, Assignment(title=assignment["title"], start=_date(assignment.get("start")),
                                first_appointed=_date(assignment.get("first_appointed")))
