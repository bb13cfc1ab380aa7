"""The SQL of each fact group: one builder per :attr:`Fact.kind`, sharing one query.

A builder returns one SQL expression per column of its fact, over ``p``: a row per (record,
current post), with the record's columns, ``_post`` (the assignment) and ``_unit`` (the unit
that governs it). Whatever Python looks up in a table or computes with a function is a
joined table here: vocabularies as ``(code, value)`` tables, value-dependent functions
(folding, retirement, certificate levels, languages) as tables of the distinct values the
roster holds, answered in Python by the same functions (:mod:`competency.vector.sql.facts`
registers them). Lists with a lookup per item are unnested and aggregated per record (or per
post); lists without one are read with list functions. ISO dates compare as text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from competency.vector._flatten import Fact
from competency.vector.sql._expr import literal
from competency.vocab import (
    AdministrativeLevel,
    AreaType,
    EducationLevel,
    Gender,
    LanguageLevel,
    PerformanceRating,
    PersonnelCategory,
    PoliticalTheoryDiploma,
)

__all__ = ["ITEM", "Query", "UnsupportedFactError", "build"]

ITEM = "i.it"
"""An item of the list a :meth:`Query.items` aggregate unnests."""


class UnsupportedFactError(ValueError):
    """A fact group with no SQL form."""


class Query:
    """The parts of one fact query: common table expressions, joins, lookup tables."""

    def __init__(self, on: str) -> None:
        self.on = literal(on).text
        self.joins: list[str] = []
        self._groups: dict[tuple[str, str, str], _Items] = {}
        self.vocabularies: dict[str, tuple[str, type]] = {}  # table -> (how, vocabulary)
        self.values: dict[str, list[str]] = {}  # value table -> queries giving its keys
        self._count = 0

    def alias(self, stem: str) -> str:
        self._count += 1
        return f"_facts_{stem}{self._count}"

    def vocabulary(self, how: str, cls: type) -> str:
        """The ``(code, value)`` table of ``how`` (orders, codes, bits) for ``cls``."""
        name = f"_facts_{how}_{cls.__name__.lower()}"
        self.vocabularies[name] = (how, cls)
        return name

    def value_table(self, name: str, keys: str) -> str:
        """The table of ``name`` (see ``facts.VALUE_TABLES``) over the keys ``keys`` selects
        (a query over ``_facts_base``); its rows are the distinct keys found."""
        self.values.setdefault(f"_facts_{name}", []).append(keys)
        return f"_facts_{name}"

    def join(self, table: str, condition: Callable[[str], str]) -> str:
        """A left join of ``table`` on ``condition(alias)``; the alias."""
        alias = self.alias("j")
        self.joins.append(f"LEFT JOIN {table} AS {alias} ON {condition(alias)}")
        return alias

    def items(self, scope: str, values: str, select: Mapping[str, str], where: str = "TRUE",
              joins: Sequence[tuple[str, str, str]] = ()) -> dict[str, str]:
        """Aggregates over the items of the list ``values`` (:data:`ITEM`, numbered ``i._i``
        from 1), per record (``scope`` "official") or per post ("post"), of the items
        ``where`` keeps, with ``(alias, table, condition)`` joins: a reference to each of
        ``select``. Records or posts without such items have no row there (their aggregates
        are null). Aggregates over the same items share one unnesting."""
        group = self._groups.get((scope, values, where))
        if group is None:
            group = self._groups[scope, values, where] = _Items(self.alias("i"), scope, values,
                                                                where)
            keys = " AND ".join(f"{group.name}.{k} = p.{k}" for k in group.keys)
            self.joins.append(f"LEFT JOIN {group.name} ON {keys}")
        for alias, table, condition in joins:
            assert group.joins.setdefault(alias, (table, condition)) == (table, condition), alias
        found = {}
        for column, expr in select.items():
            found[column] = f"{group.name}.a{len(group.aggregates)}"
            group.aggregates.append(expr)
        return found

    def ctes(self) -> list[str]:
        """The common table expressions of the aggregates over items."""
        return [group.sql() for group in self._groups.values()]

    def held(self, item: str) -> str:
        """``leaves.held_on``: obtained by the date (``awarded_on`` absent or not after it)."""
        return f"({item}.awarded_on IS NULL OR {item}.awarded_on <= {self.on})"


class _Items:
    """The unnested items of one list, the joins they need, the aggregates asked of them."""

    def __init__(self, name: str, scope: str, values: str, where: str) -> None:
        self.name, self.values, self.where = name, values, where
        self.keys = ["_record"] if scope == "official" else ["_record", "_position"]
        self.source = "_facts_base" if scope == "official" else "_facts_rows"
        self.joins: dict[str, tuple[str, str]] = {}
        self.aggregates: list[str] = []

    def sql(self) -> str:
        joined = "".join(f" LEFT JOIN {table} AS {alias} ON {condition}"
                         for alias, (table, condition) in self.joins.items())
        columns = [f"i.{k}" for k in self.keys] + [
            f"{expr} AS a{n}" for n, expr in enumerate(self.aggregates)]
        return (f"{self.name} AS (SELECT {', '.join(columns)} FROM (SELECT "
                f"{', '.join(self.keys)}, UNNEST({self.values}) AS it, "
                f"generate_subscripts({self.values}, 1) AS _i FROM {self.source}) AS i{joined} "
                f"WHERE {self.where} GROUP BY ALL)")


def either(first: str, second: str) -> str:
    """Python's ``first or second`` on optional text: an empty text counts as absent."""
    return f"coalesce(nullif({first}, ''), {second})"


def _or_empty(values: str, expr: str, empty: str) -> str:
    """``expr`` for a recorded list, null for an unrecorded one, ``empty`` when nothing counts."""
    return f"CASE WHEN {values} IS NULL THEN NULL ELSE coalesce({expr}, {empty}) END"


Builder = Callable[[Query, Fact], list[str]]
_BUILDERS: dict[str, Builder] = {}


def _builds(kind: str) -> Callable[[Builder], Builder]:
    def register(fn: Builder) -> Builder:
        _BUILDERS[kind] = fn
        return fn
    return register


def build(query: Query, fact: Fact) -> list[str]:
    """The column expressions of ``fact``, its tables and joins added to ``query``."""
    builder = _BUILDERS.get(fact.kind) if fact.kind is not None else None
    if builder is None:
        raise UnsupportedFactError(f"fact {fact.key!r} (kind {fact.kind!r}) has no SQL form")
    expressions = builder(query, fact)
    assert len(expressions) == len(fact.columns), fact
    return expressions


def _code_join(q: Query, how: str, cls: type, code: str) -> str:
    """The value of ``code`` in the ``how`` table of ``cls``, by a join."""
    alias = q.join(q.vocabulary(how, cls), lambda a: f"{a}.code = {code}")
    return f"{alias}.value"


def _level_of(q: Query, levels: tuple[str | None, Any]) -> tuple[str, list[tuple[str, str, str]]]:
    """The graded level of :data:`ITEM` (null when it cannot be graded), and its joins."""
    field, source = levels
    if source == "language":  # the recorded level, else the certificate's
        lv, cert = q.vocabulary("orders", LanguageLevel), q.value_table(
            "certificates", "SELECT it.certificate, it.score FROM (SELECT UNNEST(languages) "
            "AS it FROM _facts_base) WHERE it.level IS NULL AND it.certificate IS NOT NULL "
            "AND it.score IS NOT NULL")
        return ("CASE WHEN i.it.level IS NOT NULL THEN lv.value ELSE cert.value END",
                [("lv", lv, "lv.code = i.it.level"),
                 ("cert", cert, "cert.certificate = i.it.certificate AND cert.score = i.it.score")])
    table = q.vocabulary("political", PoliticalTheoryDiploma) if source == "political" else (
        q.vocabulary("orders", source))
    return "lv.value", [("lv", table, f"lv.code = {ITEM}.{field}")]


@_builds("leveled")
def _leveled(q: Query, fact: Fact) -> list[str]:
    """(no list, highest graded level held, some held item not graded)."""
    attribute = fact.params["attribute"]
    if fact.params.get("levels") is None:
        raise UnsupportedFactError(f"fact {fact.key!r}: no SQL form of its levels (levels=)")
    level, joins = _level_of(q, fact.params["levels"])
    where = q.held(ITEM)
    if "language" in fact.params:  # the given language (case-folded), else any foreign one
        wanted = fact.params["language"]
        table = q.value_table("languages", "SELECT UNNEST(languages).language FROM _facts_base")
        joins = [*joins, ("lf", table, "lf.language = i.it.language")]
        where += (f" AND lf.folded = {literal(wanted.casefold()).text}" if wanted
                  else " AND lf.foreign")
    a = q.items("official", attribute, {"best": f"max({level})",
                                        "ungraded": f"bool_or({level} IS NULL)"}, where, joins)
    return [f"p.{attribute} IS NULL", a["best"], f"coalesce({a['ungraded']}, FALSE)"]


def _fold(q: Query, keys: str) -> str:
    return q.value_table("fold", keys)


@_builds("edu_items")
def _edu_items(q: Query, fact: Fact) -> list[str]:
    fold = _fold(q, "SELECT UNNEST(education).field FROM _facts_base")
    lv = q.vocabulary("orders", EducationLevel)
    a = q.items("official", "education", {
        "items": "list_transform(list_sort(list({'i': i._i, 'level': lv.value, "
                 "'field': fd.folded})), lambda x: {'level': x.level, 'field': x.field})"},
        q.held(ITEM), [("lv", lv, "lv.code = i.it.level"), ("fd", fold, "fd.text = i.it.field")])
    return [_or_empty("p.education", a["items"], "[]")]


@_builds("high_school")
def _high_school(q: Query, fact: Fact) -> list[str]:
    return ["p.high_school"]


def _mask(q: Query, scope: str, values: str, code: str, cls: type, where: str = "TRUE") -> str:
    """The bit set of the codes (``code`` of each :data:`ITEM`) of the list ``values`` (a
    column, or a field of one, of ``p``), null when the list is null."""
    a = q.items(scope, values, {"mask": "bit_or(b.value)"}, where,
                [("b", q.vocabulary("bits", cls), f"b.code = {code}")])
    return _or_empty(f"p.{values}", a["mask"], "0")


@_builds("mask")
def _mask_fact(q: Query, fact: Fact) -> list[str]:
    return [_mask(q, "official", fact.params["attribute"], f"{ITEM}.{fact.params['field']}",
                  fact.params["vocabulary"], q.held(ITEM))]


@_builds("person")
def _person(q: Query, fact: Fact) -> list[str]:
    fold = _fold(q, "SELECT ethnicity FROM _facts_base")
    ethnicity = q.join(fold, lambda a: f"{a}.text = p.ethnicity")
    return ["p.birth_date", _code_join(q, "codes", Gender, "p.gender"),
            _code_join(q, "codes", PersonnelCategory, "p.category"), f"{ethnicity}.folded",
            either("p.service_start", "p.recruited_on"), "p.recruited_on"]


@_builds("retires")
def _retires(q: Query, fact: Fact) -> list[str]:
    table = q.value_table("retirement", "SELECT birth_date, gender FROM _facts_base "
                                        "WHERE birth_date IS NOT NULL AND gender IS NOT NULL")
    alias = q.join(table, lambda a: f"{a}.birth_date = p.birth_date AND {a}.gender = p.gender")
    return [f"{alias}.retires"]


@_builds("rating")
def _rating(q: Query, fact: Fact) -> list[str]:
    """The last rating recorded for the year."""
    year = literal(int(fact.params["year"])).text
    return [_code_join(q, "orders", PerformanceRating,
                       f"list_filter(p.ratings, lambda x: x.year = {year})[-1].rating")]


@_builds("ratings_none")
def _ratings_none(q: Query, fact: Fact) -> list[str]:
    return ["p.ratings IS NULL"]


def _state(values: str, keep: str, found: str, unclear: str) -> str:
    """``_flatten._state`` on a list (``x`` an item): 2 found, 1 unclear or no list, 0 none."""
    def some(condition: str) -> str:
        return f"len(list_filter({values}, lambda x: ({keep}) AND ({condition}))) > 0"
    return (f"CASE WHEN {some(found)} THEN 2 WHEN {values} IS NULL OR {some(unclear)} THEN 1 "
            "ELSE 0 END")


@_builds("intl")
def _international(q: Query, fact: Fact) -> list[str]:
    on = q.on
    day = either('x."end"', "x.start")
    return [_state("p.assignments", f"x.start IS NULL OR x.start <= {on}",
                   "x.international IS TRUE", "x.international IS NULL"),
            _state("p.training", f"{day} IS NULL OR {day} <= {on}",
                   "x.abroad IS TRUE AND x.completed IS DISTINCT FROM FALSE", "x.abroad IS NULL"),
            _state("p.education", q.held("x"), "x.abroad IS TRUE", "x.abroad IS NULL")]


@_builds("unit")
def _unit(q: Query, fact: Fact) -> list[str]:
    return ["p._unit.disadvantaged_area",
            _code_join(q, "codes", AdministrativeLevel, "p._unit.level"),
            _mask(q, "post", "_unit.area_types", ITEM, AreaType)]


@_builds("appointed")
def _appointed(q: Query, fact: Fact) -> list[str]:
    return [either("p._post.first_appointed", "p._post.start")]


@_builds("job_placed")
def _job_placed(q: Query, fact: Fact) -> list[str]:
    return ["CASE WHEN coalesce(p._post.job_position, '') <> '' THEN TRUE "
            "ELSE p._post.placed_in_job_position END"]


@_builds("stated")
def _stated(q: Query, fact: Fact) -> list[str]:
    """The latest dated check on or before the date, else the first undated one."""
    day = either('i.it."on"', q.on)  # Python's key: (dated, day or the date), first wins
    a = q.items("official", "facts", {
        "value": f"max({{'dated': i.it.\"on\" IS NOT NULL, 'day': {day}, 'first': -i._i, "
                 "'value': i.it.value}).value"},
        f'i.it.code = {literal(fact.params["code"]).text} '
        f'AND (i.it."on" IS NULL OR i.it."on" <= {q.on})')
    return [a["value"]]


@_builds("periods")
def _periods(q: Query, fact: Fact) -> list[str]:
    """Periods of the courses ended in the year, not abandoned; undated or unsized ones."""
    day = either('i.it."end"', "i.it.start")
    year = literal(int(fact.params["year"])).text
    a = q.items("official", "training", {
        "total": f"sum(i.it.periods) FILTER (WHERE {day} IS NOT NULL)",
        "unsure": f"bool_or({day} IS NULL OR i.it.periods IS NULL)"},
        f"i.it.completed IS DISTINCT FROM FALSE AND ({day} IS NULL OR "
        f"(TRY_CAST(substr({day}, 1, 4) AS BIGINT) = {year} AND {day} <= {q.on}))")
    return [f"coalesce({a['total']}, 0)", f"coalesce({a['unsure']}, FALSE)", "p.training IS NULL"]
