"""Officials to columns: one row per (official, post) pair, with the facts the leaves read.

Facts are computed in Python once per record and per post, only for the fact groups the
compiled standards ask for; thresholds and combinators stay in the polars expressions.
Evidence is filtered by the as-of date exactly as the reference leaves do
(``awarded_on`` absent or on/before the date; a list that is ``None`` is unknown, an empty
one is a recorded "none").
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import polars as pl

from competency.model import Assignment, Official, Unit
from competency.rules.leaves import held_on, is_foreign_language
from competency.rules.tables import Tables
from competency.vocab import AdministrativeLevel, AreaType, Gender, PersonnelCategory, fold
from competency.vocab import StateManagementProgramme as Programme

__all__ = ["Fact", "code_of", "mask_of"]

# -- integer codes of vocabularies ------------------------------------------------------------


@functools.cache
def _index(cls: type) -> dict[Any, int]:
    return {member: i for i, member in enumerate(cls)}


def code_of(member: Any) -> int:
    """A stable small integer for a vocabulary member (declaration order)."""
    return _index(type(member))[member]


def mask_of(members: Iterable[Any]) -> int:
    """A bit set of vocabulary members."""
    mask = 0
    for member in members:
        mask |= 1 << code_of(member)
    return mask


def _order(term: Any) -> int | None:
    return None if term is None else term.order


def _leveled(held: list[Any] | None, level_of: Callable[[Any], Any]) -> tuple[Any, ...]:
    """(record says nothing, highest graded level, some evidence could not be graded)."""
    if held is None:
        return (True, None, False)
    best, ungraded = None, False
    for item in held:
        level = level_of(item)
        if level is None:
            ungraded = True
        elif best is None or level.order > best:
            best = level.order
    return (False, best, ungraded)


# -- fact groups -------------------------------------------------------------------------------


class Fact:
    """A group of columns computed together from a record (or from one of its posts).

    ``scope`` is ``"official"`` (``fn(official, on, tables)``) or ``"post"``
    (``fn(official, assignment, unit, on, tables)``).
    """

    def __init__(self, key: str, scope: str, columns: Sequence[tuple[str, pl.DataType]],
                 fn: Callable[..., tuple[Any, ...]]) -> None:
        self.key = key
        self.scope = scope
        self.columns = tuple(columns)
        self.fn = fn

    def __repr__(self) -> str:
        return f"Fact({self.key!r})"


def _b() -> pl.DataType:
    return pl.Boolean()


def leveled_fact(name: str, attribute: str, level_of: Callable[[Tables], Callable[[Any], Any]]
                 ) -> Fact:
    def fn(official: Official, on: dt.date, tables: Tables) -> tuple[Any, ...]:
        return _leveled(held_on(getattr(official, attribute), on), level_of(tables))
    return Fact(name, "official", [(f"{name}_none", _b()), (f"{name}_max", pl.Int16()),
                                   (f"{name}_ungraded", _b())], fn)


EDUCATION = leveled_fact("edu", "education", lambda t: lambda e: e.level)
POLITICAL = leveled_fact("pt", "political_theory", lambda t: t.political_theory.level)
IT_SKILL = leveled_fact("it", "it_skills", lambda t: lambda s: s.level)


@functools.cache
def language_fact(language: str | None) -> Fact:
    """Languages: the given one (case-insensitive), or any foreign language."""
    name = "lang_" + ("any" if language is None else f"x{language.encode().hex()}")
    wanted = None if language is None else language.casefold()

    def fn(official: Official, on: dt.date, tables: Tables) -> tuple[Any, ...]:
        held = held_on(official.languages, on)
        if held is not None and language:
            held = [s for s in held if s.language.casefold() == wanted]
        elif held is not None:
            held = [s for s in held if is_foreign_language(s.language)]
        return _leveled(held, tables.languages.level)
    return Fact(name, "official", [(f"{name}_none", _b()), (f"{name}_max", pl.Int16()),
                                   (f"{name}_ungraded", _b())], fn)


def _edu_items(official: Official, on: dt.date, tables: Tables) -> tuple[Any, ...]:
    held = held_on(official.education, on)
    if held is None:
        return (None,)
    return ([{"level": _order(e.level), "field": None if e.field is None else fold(e.field)}
             for e in held],)


EDU_ITEMS = Fact("edu_items", "official", [("edu_items", pl.List(pl.Struct(
    {"level": pl.Int16(), "field": pl.String()})))], _edu_items)


def _high_school(official: Official, on: dt.date, tables: Tables) -> tuple[Any, ...]:
    return (official.high_school,)


HIGH_SCHOOL = Fact("high_school", "official", [("high_school", _b())], _high_school)


def _state_management(official: Official, on: dt.date, tables: Tables) -> tuple[Any, ...]:
    held = held_on(official.state_management, on)
    return (None if held is None else mask_of(c.programme for c in held),)


STATE_MANAGEMENT = Fact("sm", "official", [("sm_mask", pl.Int64())], _state_management)
assert len(Programme) < 63


_fold = functools.lru_cache(maxsize=4096)(fold)


def _person(official: Official, on: dt.date, tables: Tables) -> tuple[Any, ...]:
    return (official.birth_date,
            None if official.gender is None else code_of(official.gender),
            None if official.category is None else code_of(official.category),
            None if official.ethnicity is None else _fold(official.ethnicity),
            official.service_start or official.recruited_on,
            official.recruited_on)


PERSON = Fact("person", "official", [("birth_date", pl.Date()), ("gender", pl.Int8()),
                                     ("category", pl.Int8()), ("ethnicity", pl.String()),
                                     ("service_from", pl.Date()), ("recruited_on", pl.Date())],
              _person)
assert len(Gender) < 100 and len(PersonnelCategory) < 100


_RETIREMENT_CACHE: dict[int, tuple[Tables, dict[tuple[dt.date, Gender], dt.date | None]]] = {}


def _retires(official: Official, on: dt.date, tables: Tables) -> tuple[Any, ...]:
    if official.birth_date is None or official.gender is None:
        return (None,)
    held = _RETIREMENT_CACHE.get(id(tables))
    if held is None or held[0] is not tables:  # a table object is hashed by identity here
        if len(_RETIREMENT_CACHE) > 8:
            _RETIREMENT_CACHE.clear()
        held = _RETIREMENT_CACHE[id(tables)] = (tables, {})
    cache, key = held[1], (official.birth_date, official.gender)
    if key not in cache:
        cache[key] = tables.retirement.retirement_date(official.birth_date, official.gender)
    return (cache[key],)


RETIREMENT = Fact("retires", "official", [("retires", pl.Date())], _retires)


@functools.cache
def ratings_fact(year: int) -> Fact:
    """The rating recorded for one year (the last entry for the year wins, as in a dict)."""
    def fn(official: Official, on: dt.date, tables: Tables) -> tuple[Any, ...]:
        if official.ratings is None:
            return (None,)
        found = None
        for r in official.ratings:
            if r.year == year:
                found = r.rating.order
        return (found,)
    return Fact(f"rating_{year}", "official", [(f"rating_{year}", pl.Int8())], fn)


def _ratings_none(official: Official, on: dt.date, tables: Tables) -> tuple[Any, ...]:
    return (official.ratings is None,)


RATINGS_NONE = Fact("ratings_none", "official", [("ratings_none", _b())], _ratings_none)


def _international(official: Official, on: dt.date, tables: Tables) -> tuple[Any, ...]:
    """Per kind of evidence: 2 found, 1 nothing found but something unclear, 0 none."""
    found = unknown = False
    if official.assignments is None:
        unknown = True
    for post in official.assignments or ():
        if post.start is not None and post.start > on:
            continue
        found = found or post.international is True
        unknown = unknown or post.international is None
    post_state = 2 if found else (1 if unknown else 0)
    found = unknown = False
    if official.training is None:
        unknown = True
    for course in official.training or ():
        day = course.end or course.start
        if day is not None and day > on:
            continue
        found = found or (course.abroad is True and course.completed is not False)
        unknown = unknown or course.abroad is None
    training_state = 2 if found else (1 if unknown else 0)
    found = unknown = False
    held = held_on(official.education, on)
    if held is None:
        unknown = True
    for diploma in held or ():
        found = found or diploma.abroad is True
        unknown = unknown or diploma.abroad is None
    degree_state = 2 if found else (1 if unknown else 0)
    return (post_state, training_state, degree_state)


INTERNATIONAL = Fact("intl", "official", [("intl_assignment", pl.Int8()),
                                          ("intl_training_abroad", pl.Int8()),
                                          ("intl_degree_abroad", pl.Int8())], _international)


def _unit(official: Official, assignment: Assignment | None, unit: Unit | None, on: dt.date,
          tables: Tables) -> tuple[Any, ...]:
    if unit is None:
        return (None, None, None)
    return (unit.disadvantaged_area,
            None if unit.level is None else code_of(unit.level),
            None if unit.area_types is None else mask_of(unit.area_types))


UNIT = Fact("unit", "post", [("unit_disadvantaged", _b()), ("unit_level", pl.Int8()),
                             ("unit_area_mask", pl.Int64())], _unit)
assert len(AreaType) < 63 and len(AdministrativeLevel) < 100


def _appointed(official: Official, assignment: Assignment | None, unit: Unit | None,
               on: dt.date, tables: Tables) -> tuple[Any, ...]:
    if assignment is None:
        return (None,)
    return (assignment.first_appointed or assignment.start,)


APPOINTED = Fact("appointed", "post", [("appointed", pl.Date())], _appointed)
