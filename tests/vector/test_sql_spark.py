"""The Spark SQL form of every standard the SQL target compiles, run on a local Spark session
over the fact tables of ``test_sql``, against the reference evaluator, row for row.

The fact tables are written as Parquet (by polars) and read by Spark, as a cluster job would
read them; the queries are the DuckDB ones transpiled by ``in_dialect(query, "spark")``.
The queries of one data set run as one job (``UNION ALL``), since Spark spends about a
second planning each. Marked ``spark``: left out of ``make test``; ``make test-spark``
installs pyspark and runs them (``-s`` prints the number of rows compared).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.spark

pl = pytest.importorskip("polars")
duckdb = pytest.importorskip("duckdb")
pytest.importorskip("sqlglot")
pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java on the PATH", allow_module_level=True)

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402

from competency import model as m  # noqa: E402
from competency import synth  # noqa: E402
from competency.schema.convert import structure  # noqa: E402
from competency.vector.sql import fact_columns, standard_sql  # noqa: E402
from competency.vector.sql.dialects import in_dialect  # noqa: E402
from tests.vector import test_sql as ts  # noqa: E402
from tests.vector import test_vector as tv  # noqa: E402

CATALOG = ts.CATALOG
COMPARED = ts.COMPARED  # sql_rows counts there
RAN: set[str] = set()  # standards whose Spark query ran


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    """A local Spark session (two cores, no UI, UTC, the loopback address) for the module."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (SparkSession.builder.master("local[2]").appName("competency-sql-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.driver.host", "127.0.0.1")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("warehouse")))
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    print("\nSpark rows compared:", dict(COMPARED), "total", sum(COMPARED.values()),
          f"; standards run: {len(RAN)}")


@pytest.fixture(scope="module")
def run(spark, tmp_path_factory):
    """``test_sql.sql_rows``'s ``run``: each fact table to Parquet, read by Spark as the
    query's view; the Spark texts of the queries as one ``UNION ALL`` job."""
    counter, folder = itertools.count(), tmp_path_factory.mktemp("facts")

    def execute(parts):
        if not parts:
            return []
        texts = []
        for view, table, query in parts:
            path = folder / f"{view}-{next(counter)}.parquet"
            table.write_parquet(path)
            spark.read.parquet(str(path)).createOrReplaceTempView(view)
            texts.append(f"SELECT * FROM (\n{in_dialect(query, 'spark')}) AS part")
            RAN.add(query.split(":", 1)[0].removeprefix("-- "))
        return [tuple(row) for row in spark.sql("\nUNION ALL\n".join(texts)).collect()]

    return execute


def test_synthetic_rosters(run):
    """``test_sql``'s synthetic rosters at the dates where the built-in standards change."""
    for on in (dt.date(2019, 12, 24), dt.date(2019, 12, 25), dt.date(2023, 7, 31),
               dt.date(2023, 8, 1), dt.date(2025, 6, 30), dt.date(2025, 7, 1), dt.date.today()):
        people = [structure(r, m.Official) for r in synth.generate(500, seed=21, on=on)]
        people += [structure(r, m.Official)
                   for r in synth.generate(300, seed=22, on=on, profile="commune")]
        assert ts.sql_rows(people, on, CATALOG, run=run, label="synthetic rosters").height > 0


def test_provisions_appear_in_spark_results(run):
    on = dt.date(2023, 8, 1)
    people = [structure(r, m.Official)
              for r in synth.generate(800, seed=3, on=on, profile="commune")]
    frame = ts.sql_rows(people, on, CATALOG, run=run, label="synthetic rosters")
    assert frame["provision"].drop_nulls().len() > 0


@settings(tv.SETTINGS, max_examples=40)
@given(people=st.lists(ts.officials, min_size=1, max_size=12),
       on=st.sampled_from(ts.TRANSITIONS))
def test_builtin_standards_on_drawn_records(run, people, on):
    ts.sql_rows(people, on, CATALOG, run=run, label="builtin, drawn records")


@settings(tv.SETTINGS, max_examples=60)
@given(tv.standards(), st.lists(ts.officials, min_size=1, max_size=5), tv.AS_OF)
def test_drawn_trees(run, standard, people, on):
    ts.sql_rows(people, on, tv.one_standard(standard), run=run, label="drawn trees")


def test_edge_records_leaf_by_leaf(run, monkeypatch):
    """``test_vector``'s directed edge cases (birthdays, month ends, ratings), on Spark."""
    monkeypatch.setattr(tv, "assert_same", lambda people, on, catalog: ts.sql_rows(
        people, on, catalog, run=run, label="edge records"))
    tv.test_edge_records_leaf_by_leaf()


def _typed_row(standard, on, folder: Path) -> pl.DataFrame:
    """One row of ``standard``'s declared fact columns, typed by DuckDB, through Parquet."""
    con = duckdb.connect()
    con.sql("CREATE TABLE facts (" + ", ".join(
        f"{name} {kind}" for name, kind in fact_columns(standard, on).items()) + ")")
    con.sql("INSERT INTO facts (official_id, title) VALUES ('P-1', 'post')")
    path = folder / f"{standard.id}.parquet"
    con.sql(f"COPY facts TO '{path}' (FORMAT parquet)")
    con.close()
    return pl.read_parquet(path)


@pytest.mark.parametrize("on", ts.TRANSITIONS, ids=str)
def test_every_builtin_query_runs_on_its_declared_columns(run, on, tmp_path):
    """Every standard in force, on a row of nulls: Spark answers as DuckDB does."""
    parts, expected = [], []
    for k, standard in enumerate(CATALOG.in_force(on)):
        table = _typed_row(standard, on, tmp_path).with_columns(
            fact_row=pl.lit(k, dtype=pl.UInt32()))
        view = f"facts_{k}"
        query = standard_sql(standard, on, CATALOG.tables, view, carry=["fact_row"])
        parts.append((view, table, query))
        expected += ts.duckdb_run([parts[-1]])
    assert sorted(run(parts), key=lambda r: r[-1]) == expected
    COMPARED["declared columns"] += len(expected)


def test_without_ansi_mode(spark, run, monkeypatch, tmp_path):
    """The edge cases and the rows of nulls again with ``spark.sql.ansi.enabled=false``, the
    Spark 3 default (where, for one, ``SIZE(NULL)`` is -1, not NULL)."""
    before = spark.conf.get("spark.sql.ansi.enabled")
    spark.conf.set("spark.sql.ansi.enabled", "false")
    try:
        monkeypatch.setattr(tv, "assert_same", lambda people, on, catalog: ts.sql_rows(
            people, on, catalog, run=run, label="edge records, ANSI off"))
        tv.test_edge_records_leaf_by_leaf()
        for on in ts.TRANSITIONS:
            test_every_builtin_query_runs_on_its_declared_columns(run, on, tmp_path)
    finally:
        spark.conf.set("spark.sql.ansi.enabled", before)


def test_every_standard_ran(spark):
    """Runs last in the module: each built-in standard's Spark query ran at least once."""
    compiled = {s.id for on in ts.TRANSITIONS for s in CATALOG.in_force(on)}
    assert compiled <= RAN, sorted(compiled - RAN)
