"""Records to columns: one row per (official, post) pair, with the facts the leaves read.

Facts are computed in Python once per record and per post, from the record's JSON layout (the
dict a roster line parses to, already valid against the official schema; attrs officials are
unstructured to it first), only for the fact groups the compiled standards ask for; thresholds
and combinators stay in the compiled expressions. Dates are ISO strings here (``YYYY-MM-DD``
sorts as the date does) and date columns are converted once per batch. Evidence is filtered by
the as-of date exactly as the reference leaves do (``awarded_on`` absent or on/before the date;
a list that is ``None`` is unknown, an empty one is a recorded "none").
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import polars as pl

from competency.model.official import LanguageSkill, PoliticalTheory
from competency.rules.leaves import is_foreign_language
from competency.rules.tables import Tables
from competency.vocab import (
    AdministrativeLevel,
    AreaType,
    EducationLevel,
    Gender,
    ITSkillLevel,
    LanguageLevel,
    PerformanceRating,
    PersonnelCategory,
    PoliticalTheoryDiploma,
    fold,
)
from competency.vocab import PoliticalTheoryDiploma as Diploma
from competency.vocab import StateManagementProgramme as Programme

__all__ = ["Fact", "code_of", "mask_of"]

Record = Mapping[str, Any]

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


@functools.cache
def _codes(cls: type) -> dict[str, int]:
    """JSON code -> :func:`code_of`."""
    return {member.code: i for i, member in enumerate(cls)}


@functools.cache
def _bits(cls: type) -> dict[str, int]:
    """JSON code -> its bit in :func:`mask_of`."""
    return {member.code: 1 << i for i, member in enumerate(cls)}


@functools.cache
def _orders(cls: type) -> dict[str, int]:
    """JSON code -> the member's position in the official order."""
    return {member.code: member.order for member in cls}


def _held(items: list[Record] | None, on: str) -> list[Record] | None:
    """``leaves.held_on`` on JSON items: obtained by ``on`` (ISO), None when unrecorded."""
    if items is None:
        return None
    return [i for i in items if i.get("awarded_on") is None or i["awarded_on"] <= on]


def _leveled(held: list[Record] | None, level_of: Callable[[Record], int | None]
             ) -> tuple[Any, ...]:
    """(record says nothing, highest graded level, some evidence could not be graded)."""
    if held is None:
        return (True, None, False)
    best, ungraded = None, False
    for item in held:
        level = level_of(item)
        if level is None:
            ungraded = True
        elif best is None or level > best:
            best = level
    return (False, best, ungraded)


_EDUCATION_ORDER = _orders(EducationLevel)
_IT_ORDER = _orders(ITSkillLevel)
_GENDER_CODE = _codes(Gender)
_CATEGORY_CODE = _codes(PersonnelCategory)

# -- what the tables say, per code ------------------------------------------------------------


class _Lookups:
    """Table answers for JSON codes, computed once per :class:`Tables` object."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.political = {d.code: _order_or_none(tables.political_theory.level(
            PoliticalTheory(diploma=d))) for d in PoliticalTheoryDiploma}
        self.certificates: dict[tuple[str, float], int | None] = {}
        self.retirement: dict[tuple[str, str], str | None] = {}

    def language_level(self, item: Record) -> int | None:
        """The recorded level, else the level the certificate score corresponds to."""
        level = item.get("level")
        if level is not None:
            return _orders(LanguageLevel)[level]
        certificate, score = item.get("certificate"), item.get("score")
        if certificate is None or score is None:
            return None
        key = (certificate, score)
        if key not in self.certificates:
            skill = LanguageSkill(language="en", certificate=certificate, score=float(score))
            self.certificates[key] = _order_or_none(self.tables.languages.level(skill))
        return self.certificates[key]

    def retires(self, birth_date: str, gender: str) -> str | None:
        """The retirement date (ISO) of a birth date and gender, None outside the table."""
        key = (birth_date, gender)
        if key not in self.retirement:
            day = self.tables.retirement.retirement_date(dt.date.fromisoformat(birth_date),
                                                         Gender.parse(gender))
            self.retirement[key] = None if day is None else day.isoformat()
        return self.retirement[key]


def _order_or_none(term: Any) -> int | None:
    return None if term is None else term.order


_LOOKUPS: dict[int, _Lookups] = {}


def lookups(tables: Tables) -> _Lookups:
    """The lookups of ``tables`` (a table object is recognised by identity)."""
    found = _LOOKUPS.get(id(tables))
    if found is None or found.tables is not tables:
        if len(_LOOKUPS) > 8:
            _LOOKUPS.clear()
        found = _LOOKUPS[id(tables)] = _Lookups(tables)
    return found


# -- fact groups -------------------------------------------------------------------------------


class Fact:
    """A group of columns computed together from a record (or from one of its posts).

    ``scope`` is ``"official"`` (``fn(record, on, lookups)``) or ``"post"``
    (``fn(record, assignment, unit, on, lookups)``); records, posts and units are JSON
    dicts, ``on`` an ISO date. A ``pl.Date`` column is filled with ISO strings.

    ``kind`` and ``params`` name the same computation for other targets: the SQL fact query
    (:mod:`competency.vector.sql.facts`) builds its fragment from them, so each fact's two
    definitions sit together here.
    """

    def __init__(self, key: str, scope: str, columns: Sequence[tuple[str, pl.DataType]],
                 fn: Callable[..., tuple[Any, ...]], kind: str | None = None,
                 params: Mapping[str, Any] | None = None) -> None:
        self.key = key
        self.scope = scope
        self.columns = tuple(columns)
        self.fn = fn
        self.kind = kind
        self.params: Mapping[str, Any] = dict(params or {})

    def __repr__(self) -> str:
        return f"Fact({self.key!r})"


def _b() -> pl.DataType:
    return pl.Boolean()


def _leveled_columns(name: str) -> list[tuple[str, pl.DataType]]:
    return [(f"{name}_none", _b()), (f"{name}_max", pl.Int16()), (f"{name}_ungraded", _b())]


def leveled_fact(name: str, attribute: str,
                 level_of: Callable[[_Lookups], Callable[[Record], int | None]],
                 levels: Any = None) -> Fact:
    """``levels`` says where the SQL finds an item's level (see ``vector.sql._facts``)."""
    def fn(record: Record, on: str, found: _Lookups) -> tuple[Any, ...]:
        return _leveled(_held(record.get(attribute), on), level_of(found))
    return Fact(name, "official", _leveled_columns(name), fn, "leveled",
                {"attribute": attribute, "levels": levels})


def _education_level(found: _Lookups) -> Callable[[Record], int | None]:
    return lambda item: _EDUCATION_ORDER[item["level"]]


def _political_level(found: _Lookups) -> Callable[[Record], int | None]:
    return lambda item: found.political[item["diploma"]]


def _it_level(found: _Lookups) -> Callable[[Record], int | None]:
    return lambda item: _IT_ORDER[item["level"]]


EDUCATION = leveled_fact("edu", "education", _education_level, ("level", EducationLevel))
POLITICAL = leveled_fact("pt", "political_theory", _political_level, ("diploma", "political"))
IT_SKILL = leveled_fact("it", "it_skills", _it_level, ("level", ITSkillLevel))


@functools.cache
def language_fact(language: str | None) -> Fact:
    """Languages: the given one (case-insensitive), or any foreign language."""
    name = "lang_" + ("any" if language is None else f"x{language.encode().hex()}")
    wanted = None if language is None else language.casefold()

    def fn(record: Record, on: str, found: _Lookups) -> tuple[Any, ...]:
        held = _held(record.get("languages"), on)
        if held is not None and wanted:
            held = [s for s in held if s["language"].casefold() == wanted]
        elif held is not None:
            held = [s for s in held if is_foreign_language(s["language"])]
        return _leveled(held, found.language_level)
    return Fact(name, "official", _leveled_columns(name), fn, "leveled",
                {"attribute": "languages", "levels": (None, "language"), "language": language})


_fold = functools.lru_cache(maxsize=4096)(fold)


def _edu_items(record: Record, on: str, found: _Lookups) -> tuple[Any, ...]:
    held = _held(record.get("education"), on)
    if held is None:
        return (None,)
    return ([{"level": _EDUCATION_ORDER[e["level"]],
              "field": None if e.get("field") is None else _fold(e["field"])} for e in held],)


EDU_ITEMS = Fact("edu_items", "official", [("edu_items", pl.List(pl.Struct(
    {"level": pl.Int16(), "field": pl.String()})))], _edu_items, "edu_items")


def _high_school(record: Record, on: str, found: _Lookups) -> tuple[Any, ...]:
    return (record.get("high_school"),)


HIGH_SCHOOL = Fact("high_school", "official", [("high_school", _b())], _high_school,
                   "high_school")


def _mask(codes: Iterable[str], cls: type) -> int:
    bits, mask = _bits(cls), 0
    for code in codes:
        mask |= bits[code]
    return mask


def _state_management(record: Record, on: str, found: _Lookups) -> tuple[Any, ...]:
    held = _held(record.get("state_management"), on)
    return (None if held is None else _mask((c["programme"] for c in held), Programme),)


STATE_MANAGEMENT = Fact("sm", "official", [("sm_mask", pl.Int64())], _state_management, "mask",
                        {"attribute": "state_management", "field": "programme",
                         "vocabulary": Programme})


def _diplomas(record: Record, on: str, found: _Lookups) -> tuple[Any, ...]:
    held = _held(record.get("political_theory"), on)
    return (None if held is None else _mask((p["diploma"] for p in held), Diploma),)


DIPLOMAS = Fact("ptd", "official", [("ptd_mask", pl.Int64())], _diplomas, "mask",
                {"attribute": "political_theory", "field": "diploma", "vocabulary": Diploma})
assert len(Diploma) < 63
assert len(Programme) < 63


def _code(value: str | None, cls: type) -> int | None:
    return None if value is None else _codes(cls)[value]


def _person(record: Record, on: str, found: _Lookups) -> tuple[Any, ...]:
    ethnicity, recruited = record.get("ethnicity"), record.get("recruited_on")
    gender, category = record.get("gender"), record.get("category")
    return (record.get("birth_date"),
            None if gender is None else _GENDER_CODE[gender],
            None if category is None else _CATEGORY_CODE[category],
            None if ethnicity is None else _fold(ethnicity),
            record.get("service_start") or recruited,
            recruited)


PERSON = Fact("person", "official", [("birth_date", pl.Date()), ("gender", pl.Int8()),
                                     ("category", pl.Int8()), ("ethnicity", pl.String()),
                                     ("service_from", pl.Date()), ("recruited_on", pl.Date())],
              _person, "person")
assert len(Gender) < 100 and len(PersonnelCategory) < 100


def _retires(record: Record, on: str, found: _Lookups) -> tuple[Any, ...]:
    born, gender = record.get("birth_date"), record.get("gender")
    if born is None or gender is None:
        return (None,)
    day = found.retirement.get((born, gender), _MISSING)
    return (found.retires(born, gender) if day is _MISSING else day,)


_MISSING = object()


RETIREMENT = Fact("retires", "official", [("retires", pl.Date())], _retires, "retires")


@functools.cache
def ratings_fact(year: int) -> Fact:
    """The rating recorded for one year (the last entry for the year wins, as in a dict)."""
    orders = _orders(PerformanceRating)

    def fn(record: Record, on: str, found: _Lookups) -> tuple[Any, ...]:
        ratings = record.get("ratings")
        if ratings is None:
            return (None,)
        chosen = None
        for r in ratings:
            if r["year"] == year:
                chosen = orders[r["rating"]]
        return (chosen,)
    return Fact(f"rating_{year}", "official", [(f"rating_{year}", pl.Int8())], fn, "rating",
                {"year": year})


def _ratings_none(record: Record, on: str, found: _Lookups) -> tuple[Any, ...]:
    return (record.get("ratings") is None,)


RATINGS_NONE = Fact("ratings_none", "official", [("ratings_none", _b())], _ratings_none,
                    "ratings_none")


def _state(items: list[Record] | None, keep: Callable[[Record], bool],
           flag: Callable[[Record], bool | None]) -> int:
    """Per kind of evidence: 2 found, 1 nothing found but something unclear, 0 none."""
    found, unknown = False, items is None
    for item in items or ():
        if not keep(item):
            continue
        value = flag(item)
        found = found or value is True
        unknown = unknown or value is None
    return 2 if found else (1 if unknown else 0)


def _course_flag(course: Record) -> bool | None:
    abroad = course.get("abroad")
    return None if abroad is None else (abroad is True and course.get("completed") is not False)


def _international(record: Record, on: str, found: _Lookups) -> tuple[Any, ...]:
    def started(post: Record) -> bool:
        return post.get("start") is None or post["start"] <= on

    def taken(course: Record) -> bool:
        day = course.get("end") or course.get("start")
        return day is None or day <= on

    return (_state(record.get("assignments"), started, lambda p: p.get("international")),
            _state(record.get("training"), taken, _course_flag),
            _state(_held(record.get("education"), on), lambda d: True,
                   lambda d: d.get("abroad")))


INTERNATIONAL = Fact("intl", "official", [("intl_assignment", pl.Int8()),
                                          ("intl_training_abroad", pl.Int8()),
                                          ("intl_degree_abroad", pl.Int8())], _international,
                     "intl")


def _unit(record: Record, assignment: Record | None, unit: Record | None, on: str,
          found: _Lookups) -> tuple[Any, ...]:
    if unit is None:
        return (None, None, None)
    areas = unit.get("area_types")
    return (unit.get("disadvantaged_area"),
            _code(unit.get("level"), AdministrativeLevel),
            None if areas is None else _mask(areas, AreaType))


UNIT = Fact("unit", "post", [("unit_disadvantaged", _b()), ("unit_level", pl.Int8()),
                             ("unit_area_mask", pl.Int64())], _unit, "unit")
assert len(AreaType) < 63 and len(AdministrativeLevel) < 100


def _appointed(record: Record, assignment: Record | None, unit: Record | None, on: str,
               found: _Lookups) -> tuple[Any, ...]:
    if assignment is None:
        return (None,)
    return (assignment.get("first_appointed") or assignment.get("start"),)


APPOINTED = Fact("appointed", "post", [("appointed", pl.Date())], _appointed, "appointed")


def _job_position(record: Record, assignment: Record | None, unit: Record | None, on: str,
                  found: _Lookups) -> tuple[Any, ...]:
    if assignment is None:
        return (None,)
    return (True if assignment.get("job_position") else assignment.get("placed_in_job_position"),)


JOB_POSITION = Fact("job_placed", "post", [("job_placed", pl.Boolean())], _job_position,
                    "job_placed")


@functools.cache
def stated_fact(code: str) -> Fact:
    """The value a record states for one fact code on the date (the latest dated check, else
    the first undated one), or null."""
    def fn(record: Record, on: str, found: _Lookups) -> tuple[Any, ...]:
        best, best_key = None, None
        for item in record.get("facts") or ():
            day = item.get("on")
            if item["code"] != code or (day is not None and day > on):
                continue
            key = (day is not None, day or on)
            if best_key is None or key > best_key:
                best, best_key = item["value"], key
        return (best,)
    return Fact(f"fact_{code}", "official", [(f"fact_{code}", pl.Boolean())], fn, "stated",
                {"code": code})


@functools.cache
def training_periods_fact(year: int) -> Fact:
    """Periods of the courses ended in ``year`` (not recorded as abandoned), whether a course
    that may count is undated or gives no length, and whether there is no training list."""
    def fn(record: Record, on: str, found: _Lookups) -> tuple[Any, ...]:
        courses = record.get("training")
        if courses is None:
            return (0, False, True)
        total, unsure = 0, False
        for course in courses:
            day = course.get("end") or course.get("start")
            if course.get("completed") is False or (
                    day is not None and (int(day[:4]) != year or day > on)):
                continue
            if day is None or course.get("periods") is None:
                unsure = True
                continue
            total += course["periods"]
        return (total, unsure, False)
    return Fact(f"periods_{year}", "official", [(f"periods_{year}", pl.Int64()),
                                                (f"periods_{year}_unsure", pl.Boolean()),
                                                (f"periods_{year}_none", pl.Boolean())], fn,
                "periods", {"year": year})
