"""The standards' SQL in other dialects: transpiled by sqlglot, parsed back, and the DuckDB
query still runs."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("polars")
duckdb = pytest.importorskip("duckdb")
sqlglot = pytest.importorskip("sqlglot")

from typer.testing import CliRunner  # noqa: E402

from competency.cli import app  # noqa: E402
from competency.standards.catalogue import Catalog  # noqa: E402
from competency.vector.sql import fact_columns, standard_sql  # noqa: E402
from competency.vector.sql.dialects import (  # noqa: E402
    DIALECTS,
    UnsupportedDialectError,
    in_dialect,
)

CATALOG = Catalog.builtin()
DATES = [dt.date(2019, 12, 25), dt.date(2021, 8, 1), dt.date(2024, 1, 1), dt.date(2025, 7, 1)]
COMMUNE = "vn.nd-33-2023.cong-chuc-xa"
ON = dt.date(2024, 1, 1)


@pytest.mark.parametrize("on", DATES, ids=str)
def test_every_query_parses_in_duckdb_and_transpiled_in_postgres(on):
    standards = CATALOG.in_force(on)
    assert standards
    for standard in standards:
        query = standard_sql(standard, on, CATALOG.tables)
        assert sqlglot.parse_one(query, read="duckdb").find(sqlglot.exp.Select) is not None
        for dialect in ("postgres", "spark", "trino"):
            text = in_dialect(query, dialect)
            parsed = sqlglot.parse_one(text, read=dialect)
            assert parsed.find(sqlglot.exp.Select) is not None, (standard.id, dialect)
            assert "list_concat" not in text.lower(), (standard.id, dialect)


def _facts() -> duckdb.DuckDBPyConnection:
    columns = fact_columns(CATALOG.get(COMMUNE), ON)
    con = duckdb.connect()
    con.sql("CREATE TABLE facts (" + ", ".join(f"{k} {t}" for k, t in columns.items()) + ")")
    con.sql("INSERT INTO facts (official_id, title, birth_date, high_school, edu_none, "
            "edu_max, edu_ungraded, recruited_on) VALUES "
            "('A', 'x', DATE '1990-05-01', TRUE, FALSE, 4, FALSE, DATE '2015-01-01'), "
            "('B', 'x', DATE '1990-05-01', FALSE, FALSE, 4, FALSE, DATE '2015-01-01'), "
            "('C', 'x', NULL, TRUE, FALSE, 4, FALSE, NULL)")
    return con


def test_the_duckdb_query_still_runs_and_the_postgres_one_means_the_same():
    """DuckDB runs its query; the Postgres text, read back into DuckDB, gives the same rows."""
    query = standard_sql(CATALOG.get(COMMUNE), ON, CATALOG.tables)
    assert in_dialect(query, "duckdb") == query
    con = _facts()
    rows = con.sql(query).fetchall()
    assert [(r[0], r[3]) for r in rows] == [("A", "met"), ("B", "unmet"), ("C", "unknown")]
    postgres = in_dialect(query, "postgres")
    assert "ARRAY_CAT" in postgres and "TEXT[]" in postgres
    back = sqlglot.transpile(postgres, read="postgres", write="duckdb")[0]
    assert con.sql(back).fetchall() == rows


def test_an_unknown_dialect_is_refused():
    with pytest.raises(UnsupportedDialectError, match="expected one of: duckdb, spark"):
        in_dialect("SELECT 1", "oracle")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_cli_writes_each_dialect(dialect):
    result = CliRunner().invoke(app, ["standards", "sql", COMMUNE, "--on", "2024-01-01",
                                      "--dialect", dialect])
    assert result.exit_code == 0, result.output
    sqlglot.parse_one(result.stdout, read=dialect)
    assert ("list_concat" in result.stdout) == (dialect == "duckdb")


def test_cli_refuses_an_unknown_dialect():
    result = CliRunner().invoke(app, ["standards", "sql", COMMUNE, "--dialect", "oracle"])
    assert result.exit_code == 2
    assert "unknown dialect 'oracle'" in result.output
