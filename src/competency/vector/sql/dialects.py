"""The DuckDB query of a standard in other SQL dialects, spelled by sqlglot's transpiler.

The DuckDB query is the one tested against the reference evaluator; Spark SQL, Trino and
PostgreSQL get the same query rewritten by :func:`sqlglot.transpile`, not spellings written
here, so that a construct sqlglot cannot carry over is refused instead of guessed.
"""

from __future__ import annotations

from competency.errors import CompetencyError

__all__ = ["DIALECTS", "UnsupportedDialectError", "in_dialect"]

DIALECTS = ("duckdb", "spark", "trino", "postgres")
"""The dialects :func:`in_dialect` writes (names as sqlglot spells them)."""


class UnsupportedDialectError(CompetencyError, ValueError):
    """A dialect that is not offered, or a query the transpiler cannot carry into it."""


def in_dialect(query: str, dialect: str) -> str:
    """``query`` (DuckDB, from :func:`~competency.vector.sql.standard_sql`) in ``dialect``.

    Comments are kept (as ``/* … */``). Needs sqlglot (the ``sql`` extra) for any dialect
    but DuckDB.
    """
    if dialect not in DIALECTS:
        raise UnsupportedDialectError(f"unknown SQL dialect {dialect!r}; expected one of: "
                                      f"{', '.join(DIALECTS)}")
    if dialect == "duckdb":
        return query
    import sqlglot
    from sqlglot.errors import ErrorLevel, SqlglotError

    try:
        [text] = sqlglot.transpile(query, read="duckdb", write=dialect, pretty=True,
                                   unsupported_level=ErrorLevel.RAISE)
    except SqlglotError as exc:
        raise UnsupportedDialectError(f"the query cannot be written in {dialect}: {exc}") from None
    return text + "\n"
