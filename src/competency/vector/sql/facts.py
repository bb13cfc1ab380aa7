"""The fact columns of the vector engine computed in DuckDB, from a roster in its nested layout.

:class:`FactQuery` gives, for a table of records (the columns of
``competency.io.parquet.parquet_columns("official")`` and a ``_record`` number), one row per
(record, current post) with the columns the Python facts of :mod:`competency.vector._flatten`
give, value for value: the per-record Python loop of the vector engine, in one query. What
Python looks up is looked up by joins: vocabulary tables, and tables of the distinct values
of the roster answered by the same Python functions (:data:`VALUE_TABLES`), so no table of
the law is copied into SQL.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import polars as pl

from competency.io.parquet import parquet_columns
from competency.rules.leaves import is_foreign_language
from competency.vector._flatten import Fact, _bits, _codes, _Lookups, _orders
from competency.vector.sql import _ArrowStream, _sql_type
from competency.vector.sql._facts import Query, UnsupportedFactError, build
from competency.vocab import fold

if TYPE_CHECKING:
    import duckdb

__all__ = ["KEYS", "VALUE_TABLES", "FactQuery", "UnsupportedFactError", "roster_types"]

KEYS = pl.Schema({"_record": pl.UInt32(), "_position": pl.UInt32(), "official_id": pl.String(),
                  "title": pl.String(), "_category": pl.String(), "_unit_level": pl.String(),
                  "_rank": pl.String(), "_province": pl.String()})
"""The columns before the facts: the row's record and post, and what applicability reads."""

_KEY_SQL = ["p._record", "p._position", "p.id", "p._post.title", "p.category",
            "p._unit.level", "p._post.rank", "p._unit.province_code"]

ValueFn = Callable[[_Lookups, tuple[Any, ...]], tuple[Any, ...]]
VALUE_TABLES: dict[str, tuple[dict[str, pl.DataType], dict[str, pl.DataType], ValueFn]] = {
    "_facts_fold": ({"text": pl.String()}, {"folded": pl.String()},
                    lambda found, key: (fold(key[0]),)),
    "_facts_retirement": ({"birth_date": pl.String(), "gender": pl.String()},
                          {"retires": pl.String()}, lambda found, key: (found.retires(*key),)),
    "_facts_certificates": (
        {"certificate": pl.String(), "score": pl.Float64()}, {"value": pl.Int64()},
        lambda found, key: (found.language_level({"certificate": key[0], "score": key[1]}),)),
    "_facts_languages": ({"language": pl.String()},
                         {"folded": pl.String(), "foreign": pl.Boolean()},
                         lambda found, key: (key[0].casefold(), is_foreign_language(key[0]))),
}
"""Value tables: key columns, answer columns, and the Python answer for a key (no key null)."""


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@functools.cache
def _roster_columns() -> pl.Schema:
    return pl.Schema(parquet_columns("official"))


def roster_types() -> dict[str, str]:
    """The DuckDB type of every roster column, e.g. for ``read_json(..., columns=...)``,
    which reads JSON Lines into the layout :class:`FactQuery` reads."""
    return {name: _sql_type(dtype, _quoted) for name, dtype in _roster_columns().items()}


def _vocabulary(how: str, cls: type, found: _Lookups) -> dict[str, int | None]:
    if how == "political":
        return found.political
    return {"orders": _orders, "codes": _codes, "bits": _bits}[how](cls)


def _table(columns: dict[str, pl.DataType], rows: Sequence[tuple[Any, ...]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=columns, orient="row")


class FactQuery:
    """The fact columns of a roster in SQL (DuckDB): one row per (record, current post).

    Columns: :data:`KEYS`, then those of ``facts`` in order, with their polars types. A post
    is current when it started on or before ``on`` and has not ended before it (open bounds
    absent); its unit is its own when given (``{}`` included), else the record's.
    """

    def __init__(self, facts: Sequence[Fact], on: dt.date, lookups: _Lookups) -> None:
        self.facts = list(facts)
        self.on = on.isoformat()
        self.lookups = lookups
        self.query = Query(self.on)
        columns = [f"CAST({expr} AS {sql}) AS {name}" for (name, sql), expr in zip(
            [(n, _sql_type(pl.String() if t == pl.Date() else t)) for n, t in KEYS.items()],
            _KEY_SQL, strict=True)]
        self.columns: list[tuple[str, pl.DataType]] = []
        for fact in self.facts:
            for (name, dtype), expr in zip(fact.columns, build(self.query, fact), strict=True):
                text = pl.String() if dtype == pl.Date() else dtype
                columns.append(f"CAST({expr} AS {_sql_type(text)}) AS {name}")
                self.columns.append((name, dtype))
        names = [*KEYS, *(name for name, _ in self.columns)]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            raise ValueError(f"fact columns named twice: {', '.join(twice)} (each fact once)")
        self.select = ",\n  ".join(columns)

    def sql(self, base: str) -> str:
        """The query, after the common table expression ``_facts_base`` (the records)."""
        on, q = self.query.on, self.query
        current = (f"list_filter(assignments, lambda a: (a.start IS NULL OR a.start <= {on}) "
                   f'AND (a."end" IS NULL OR {on} <= a."end"))')
        rows = ("_facts_rows AS (SELECT *, CASE WHEN _post.unit IS NULL THEN unit ELSE "
                "_post.unit END AS _unit FROM (SELECT *, UNNEST(_current) AS _post, "
                "generate_subscripts(_current, 1) - 1 AS _position FROM (SELECT *, "
                f"{current} AS _current FROM _facts_base)))")
        ctes = ",\n".join([f"_facts_base AS ({base})", rows, *q.ctes()])
        return (f"WITH {ctes}\nSELECT\n  {self.select}\nFROM _facts_rows AS p\n"
                + "".join(join + "\n" for join in q.joins) + "ORDER BY p._record, p._position")

    def frame(self, con: duckdb.DuckDBPyConnection, relation: str) -> pl.DataFrame:
        """The rows of ``relation`` (a table or view of ``con``: ``_record``, 0-based, and
        any of the roster's columns, cast to :func:`roster_types`: an absent column, or an
        absent field of a struct, reads as null), ordered by record and post.
        """
        present = set(con.sql(f"SELECT * FROM {relation} LIMIT 0").columns)
        if "_record" not in present:
            raise ValueError(f"{relation}: no _record column (the 0-based record number)")
        base = "SELECT _record, " + ", ".join(
            f"CAST({_quoted(name) if name in present else 'NULL'} AS {sql}) AS {_quoted(name)}"
            for name, sql in roster_types().items()) + f" FROM {relation}"
        registered: list[str] = []

        def register(name: str, table: pl.DataFrame) -> None:
            con.register(name, _ArrowStream(table))
            registered.append(name)

        try:
            for name, (how, cls) in self.query.vocabularies.items():
                mapping = _vocabulary(how, cls, self.lookups)
                register(name, _table({"code": pl.String(), "value": pl.Int64()},
                                      list(mapping.items())))
            for name, sources in self.query.values.items():
                keys, answers, answer = VALUE_TABLES[name]
                found = con.sql(f"WITH _facts_base AS ({base}) SELECT DISTINCT * FROM ("
                                + " UNION ALL ".join(sources) + f") AS k({', '.join(keys)})"
                                ).fetchall()
                register(name, _table({**keys, **answers}, [
                    (*key, *answer(self.lookups, key)) for key in found
                    if all(v is not None for v in key)]))
            result = pl.DataFrame(con.sql(self.sql(base)))
        finally:
            for name in registered:
                con.unregister(name)
        if result.width == 0:
            result = pl.DataFrame(schema=[*KEYS.items(), *self.columns])
        dates = [name for name, dtype in self.columns if dtype == pl.Date()]
        return result.with_columns(pl.col(dates).str.to_date("%Y-%m-%d")).cast(
            dict([*KEYS.items(), *self.columns]))
