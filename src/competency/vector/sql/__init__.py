"""The requirement trees as SQL: one query per standard over a table of facts.

:func:`standard_sql` gives a DuckDB query that reads a fact table (one row per official and
current post, with the columns of :func:`fact_columns`) and returns, for every row,
``official_id``, ``title``, ``standard``, ``outcome`` (``met``/``unmet``/``unknown``),
``due`` and ``provision``: the outcome, deadline and transitional provision of
:func:`competency.check` and :func:`competency.vector.check_frame`. The query is
compiled by the same compiler as the polars expressions of :mod:`competency.vector`, from
the same tree walk and leaves.

Which rows a standard applies to is the caller's choice: the query evaluates the standard
for every row it reads (select them with a view, a ``WHERE`` on the title or category, or a
join with a table of applicable standards). :func:`check_sql` runs the queries in DuckDB.

Generating a query needs the ``vector`` extra; running it here needs ``duckdb`` (the ``sql``
extra: ``pip install competency[sql]``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import polars as pl

from competency.rules.tables import Tables
from competency.standards.catalogue import Catalog
from competency.standards.model import Standard, Transitional
from competency.vector._compile import (
    MET,
    UNKNOWN,
    UNMET,
    Compiler,
    UnsupportedLeafError,
    compile_requirements,
    failing_rules,
)
from competency.vector._engine import SCHEMA
from competency.vector.sql._expr import Sql, SqlBackend, identifier, literal

__all__ = ["RESULT_SCHEMA", "UnsupportedLeafError", "check_sql", "fact_columns", "standard_sql"]

_KEYS = ("official_id", "title")


def _compile(standard: Standard, on: dt.date, tables: Tables | None
             ) -> tuple[Compiler, SqlBackend, Sql, list[tuple[Transitional, Sql]], Sql]:
    backend = SqlBackend()
    compiler = Compiler(on, tables if tables is not None else Catalog.builtin().tables, backend)
    outcome, provisions = compile_requirements(compiler, standard)
    return compiler, backend, outcome, provisions, failing_rules(compiler, standard.requirements)


def _sql_type(dtype: pl.DataType, quote: Callable[[str], str] = identifier) -> str:
    """The DuckDB type of a polars type; ``quote`` spells the names of struct fields."""
    if isinstance(dtype, pl.List):
        return f"{_sql_type(dtype.inner, quote)}[]"
    if isinstance(dtype, pl.Struct):
        return "STRUCT(" + ", ".join(f"{quote(field.name)} {_sql_type(field.dtype, quote)}"
                                     for field in dtype.fields) + ")"
    names = {pl.Boolean: "BOOLEAN", pl.Int8: "TINYINT", pl.Int16: "SMALLINT",
             pl.Int32: "INTEGER", pl.Int64: "BIGINT", pl.UInt32: "UINTEGER",
             pl.Float64: "DOUBLE", pl.Date: "DATE", pl.String: "VARCHAR"}
    for kind, name in names.items():
        if dtype == kind:  # an instance or the class (as nested schema types may be)
            return name
    raise TypeError(f"no SQL type for {dtype}")


def fact_columns(standard: Standard, on: dt.date, tables: Tables | None = None
                 ) -> dict[str, str]:
    """The columns the query of ``standard`` on ``on`` reads, with their DuckDB types.

    ``official_id`` and ``title`` first, then the fact columns (see the SQL guide for their
    meaning), in the order the compiler first needs them.
    """
    compiler, *_ = _compile(standard, on, tables)
    columns = dict.fromkeys(_KEYS, "VARCHAR")
    for fact in compiler.facts.values():
        columns.update({name: _sql_type(dtype) for name, dtype in fact.columns})
    return columns


def _select(items: Sequence[tuple[str, str | None]], indent: str = "    ") -> str:
    """``expression AS name`` lines, each after its comment, comma-separated."""
    lines = []
    for i, (item, comment) in enumerate(items):
        if comment:
            lines.append(f"{indent}-- {comment}")
        lines.append(indent + item + ("," if i < len(items) - 1 else ""))
    return "\n".join(lines)


def _continuous(standards: Iterable[Standard]) -> None:
    """A standard tested at an event reads a different date on every row: not one query."""
    for standard in standards:
        if standard.tested_at is not None:
            raise ValueError(f"{standard.id} is tested at {standard.event.code}, at a date that "
                             "differs from row to row; the SQL target evaluates one as-of date")


def standard_sql(standard: Standard, on: dt.date, tables: Tables | None = None,
                 table: str = "facts", *, carry: Iterable[str] = ()) -> str:
    """A DuckDB query evaluating ``standard`` as of ``on`` on every row of
    ``table``.

    ``table`` is a table or view name, or a parenthesised subquery; it must hold the
    columns of :func:`fact_columns`. The result has ``official_id``, ``title``,
    ``standard``, ``outcome``, ``due``, ``provision`` and ``failing`` (rule ids), then the
    columns named in
    ``carry`` (passed through, e.g. a row key). ``tables`` is accepted for symmetry with
    :func:`competency.vector.compile_catalog`; the lookups it holds are already columns of
    the fact table. Raises :class:`UnsupportedLeafError` for a leaf kind with no compiled
    form.
    """
    _, backend, outcome, provisions, failing = _compile(standard, on, tables)
    cites = "; ".join(c.cite() for c in standard.legal_basis)
    head = [f"-- {standard.id}: {standard.title.en}",
            f"-- as of {on.isoformat()}" + (f"; {cites}" if cites else ""),
            (f"-- One row per (official, post) of {' '.join(table.split())}; "
             "rule outcomes: 2 met, 1 unknown, 0 unmet.")]
    leaves = [("*", None)] + [(f"{expr.text} AS {name}", comment)
                               for name, comment, expr in backend.leaves]
    windows: list[tuple[str, Transitional]] = []
    steps = [("*", None), (f"{outcome.text} AS outcome_code", "[outcome] the requirement tree"),
             (f"{failing.text} AS failing",
              "[failing] ids of the rules that make the outcome unmet or unknown")]
    for provision, window in provisions:
        name = backend.unique("window", provision.id)
        windows.append((name, provision))
        cited = "; ".join(c.cite() for c in provision.legal_basis)
        comment = (f"[{provision.id}] transitional provision for {', '.join(provision.rules)}"
                   f", due {provision.due.isoformat()}" + (f" — {cited}" if cited else ""))
        steps.append((f"{window.text} AS {name}", " ".join(comment.split())))
    if windows:
        due = " ".join(f"WHEN outcome_code = {UNMET} AND {name} THEN {literal(p.due).text}"
                       for name, p in windows)
        which = " ".join(f"WHEN outcome_code = {UNMET} AND {name} THEN {literal(p.id).text}"
                         for name, p in windows)
        due, which = f"CASE {due} END", f"CASE {which} END"
    else:
        due, which = "CAST(NULL AS DATE)", "CAST(NULL AS VARCHAR)"
    final = [*(identifier(k) for k in _KEYS),
             f"{literal(standard.id).text} AS standard",
             (f"CASE outcome_code WHEN {MET} THEN 'met' WHEN {UNKNOWN} THEN 'unknown' "
              "ELSE 'unmet' END AS outcome"),
             f"{due} AS due", f"{which} AS provision", "failing",
             *(identifier(c) for c in carry)]
    return "\n".join([
        *head,
        "WITH leaves AS (", "  SELECT", _select(leaves), f"  FROM {table}", "),",
        "outcomes AS (", "  SELECT", _select(steps), "  FROM leaves", ")",
        "SELECT", _select([(item, None) for item in final], "  "), "FROM outcomes",
    ]) + "\n"


class _ArrowStream:
    """An Arrow C stream of a frame, which DuckDB scans without pyarrow."""

    def __init__(self, frame: Any) -> None:
        self.frame = frame

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        return self.frame.__arrow_c_stream__(requested_schema)


RESULT_SCHEMA = pl.Schema({name: dtype for name, dtype in SCHEMA.items()
                           if name not in ("event", "tested_on", "next_test")})
"""Columns of :func:`check_sql`: those of the vector engine but the event columns, since every
standard it evaluates is tested continuously, at ``on``."""


def _to_frame(relation: Any) -> pl.DataFrame:
    frame = pl.DataFrame(relation) if hasattr(relation, "__arrow_c_stream__") else relation.pl()
    return frame.select(pl.col(name).cast(dtype) for name, dtype in RESULT_SCHEMA.items())


def check_sql(facts: Any, on: dt.date, catalog: Catalog | None = None, *,
              standards: Iterable[str] | None = None, connection: Any = None,
              include_drafts: bool = False) -> pl.DataFrame:
    """Standards evaluated in DuckDB over a fact table, as a frame of
    :data:`competency.vector.SCHEMA`.

    ``facts`` is a polars frame, anything else DuckDB can scan (an Arrow table, a pandas
    frame), or the name of a table or view of ``connection``. When it has a ``standard``
    column, each standard is evaluated on the rows naming it (the caller's applicability);
    otherwise every standard (``standards``, or those in force on ``on``) is evaluated on
    every row. Rows come standard by standard, in the order of the table within each.
    """
    import duckdb

    cat = catalog if catalog is not None else Catalog.builtin()
    con = connection if connection is not None else duckdb.connect()
    registered = None
    if isinstance(facts, str):
        name = facts
    else:
        name = registered = "competency_facts"
        source = _ArrowStream(facts) if isinstance(facts, pl.DataFrame) else facts
        con.register(name, source)
    try:
        columns = set(con.sql(f"SELECT * FROM {name} LIMIT 0").columns)
        if standards is not None:
            chosen = [cat.get(s) for s in standards]
            _continuous(chosen)
        else:
            chosen = [s for s in cat.in_force(on, include_drafts=include_drafts)
                      if s.tested_at is None]
        if "standard" in columns:
            present = {row[0] for row in con.sql(f"SELECT DISTINCT standard FROM {name}"
                                                  ).fetchall()}
            chosen = [s for s in chosen if s.id in present]
        parts = []
        for standard in chosen:
            needed = fact_columns(standard, on, cat.tables)
            missing = [c for c in needed if c not in columns]
            if missing:
                raise ValueError(f"{standard.id}: the fact table lacks {', '.join(missing)}")
            table = name if "standard" not in columns else (
                f"(SELECT * FROM {name} WHERE standard = {literal(standard.id).text})")
            parts.append(_to_frame(con.sql(standard_sql(standard, on, cat.tables, table))))
    finally:
        if registered is not None:
            con.unregister(registered)
    return pl.concat(parts, how="vertical") if parts else pl.DataFrame(schema=RESULT_SCHEMA)
