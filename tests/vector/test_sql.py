"""The SQL target against the polars target and the reference evaluator, row for row.

The facts are built once (by the vectorised evaluator's batch builder), then each standard
is evaluated three ways: the DuckDB query of :func:`competency.vector.sql.standard_sql`,
the polars expressions of :func:`competency.vector.check_frame` and the reference
:func:`competency.check`. Records and requirement trees are drawn with the strategies
of ``tests/test_vector.py``; synthetic rosters are checked at the dates where the built-in
standards change.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import attrs
import pytest

pl = pytest.importorskip("polars")
duckdb = pytest.importorskip("duckdb")

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from competency import model as m
from competency import synth
from competency.cli import app
from competency.rules import leaves as rule_leaves
from competency.rules import nodes as n
from competency.schema.convert import structure, unstructure
from competency.vector._compile import UnsupportedLeafError
from competency.vector._engine import _Batch, _Plan
from competency.vector.sql import (
    RESULT_SCHEMA,
    _ArrowStream,
    check_sql,
    fact_columns,
    standard_sql,
)
from competency.vector.sql._expr import Sql as SqlExpr
from competency.vector.sql._expr import SqlBackend, literal
from tests import strategies as s
from tests.vector import test_vector as tv

CATALOG = tv.CATALOG
TRANSITIONS = [dt.date(2019, 12, 24), dt.date(2019, 12, 25), dt.date(2021, 7, 31),
               dt.date(2021, 8, 1), dt.date(2023, 7, 31), dt.date(2023, 8, 1),
               dt.date(2024, 12, 25), dt.date(2024, 12, 26), dt.date(2025, 6, 30),
               dt.date(2025, 7, 1), dt.date(2028, 8, 1), dt.date(2028, 8, 2), dt.date.today()]
COMPARED: Counter[str] = Counter()  # rows compared per test, printed at the end (pytest -s)


@pytest.fixture(scope="module", autouse=True)
def _summary():
    yield
    print("\nSQL rows compared:", dict(COMPARED), "total", sum(COMPARED.values()))


def batch_of(people, on, catalog):
    """The vectorised evaluator's batch for ``people``, and its fact frame (one row per
    (official, post) pair, or None when no fact is read)."""
    plan = _Plan(on, catalog, False)
    batch = _Batch(plan)
    for official in people:
        batch.add(unstructure(official))
    facts = batch.facts() if plan.columns and len(batch) else None
    return plan, batch, facts


def duckdb_run(parts):
    """The rows of each ``(view, fact table, DuckDB query reading the view)``, in DuckDB."""
    con = duckdb.connect()
    try:
        for view, table, _ in parts:
            con.register(view, _ArrowStream(table))
        return [row for _, _, query in parts for row in con.sql(query).fetchall()]
    finally:
        con.close()


def sql_rows(people, on, catalog, *, label="rows", run=duckdb_run):
    """The SQL results (DuckDB by default; ``run`` executes the queries elsewhere), in the
    order of the polars frame; asserts all three agree.

    Returns the polars frame, so that this can stand in for ``test_vector.assert_same``.
    """
    plan, batch, facts = batch_of(people, on, catalog)
    frame = batch.frame()
    expected = tv.reference_rows(people, on, catalog)
    assert list(frame.iter_rows()) == expected, "the polars target differs from the reference"
    if not len(batch):
        return frame
    rows = pl.DataFrame({"fact_row": pl.Series(range(len(batch)), dtype=pl.UInt32()),
                         "official_id": pl.Series(batch.ids, dtype=pl.String()),
                         "title": pl.Series(batch.titles, dtype=pl.String()),
                         "std": pl.Series(batch.standards, dtype=pl.UInt32()),
                         "pair": pl.Series(batch.pair_of_row, dtype=pl.UInt32())})
    got: list[tuple | None] = [None] * len(batch)
    parts = []
    for (k,), group in rows.group_by("std", maintain_order=True):
        if plan.in_force[k].tested_at is not None:  # tested at an event: not an SQL target
            for row in group["fact_row"]:
                got[row] = expected[row][:7]
            continue
        table = group.select("fact_row", "official_id", "title")
        if facts is not None:
            table = pl.concat([table, facts[group["pair"]]], how="horizontal")
        view = f"facts_{k}"
        parts.append((view, table, standard_sql(plan.in_force[k], on, catalog.tables, view,
                                                carry=["fact_row"])))
    for *result, row in run(parts):
        assert got[row] is None
        got[row] = tuple(result)
    for row, (mine, theirs) in enumerate(zip(got, expected, strict=True)):
        assert mine == theirs[:7], (row, on, mine, theirs)
    COMPARED[label] += len(got)
    return frame


officials = tv.officials
arbitrary = s.officials


# -- built-in standards -----------------------------------------------------------------------

@pytest.mark.parametrize("on", TRANSITIONS, ids=str)
@settings(tv.SETTINGS, max_examples=25)
@given(people=st.lists(officials, min_size=1, max_size=6))
def test_builtin_standards_on_drawn_records(on, people):
    sql_rows(people, on, CATALOG, label="builtin, drawn records")


@settings(tv.SETTINGS, max_examples=40)
@given(people=st.lists(officials, min_size=1, max_size=6), on=tv.AS_OF)
def test_builtin_standards_on_drawn_records_and_dates(people, on):
    sql_rows(people, on, CATALOG, label="builtin, drawn records and dates")


@pytest.mark.parametrize("on", [dt.date(2019, 12, 24), dt.date(2019, 12, 25),
                                dt.date(2023, 7, 31), dt.date(2023, 8, 1),
                                dt.date(2025, 6, 30), dt.date(2025, 7, 1), dt.date.today()],
                         ids=str)
def test_synthetic_rosters(on):
    people = [structure(r, m.Official) for r in synth.generate(500, seed=21, on=on)]
    people += [structure(r, m.Official)
               for r in synth.generate(300, seed=22, on=on, profile="commune")]
    frame = sql_rows(people, on, CATALOG, label="synthetic rosters")
    assert frame.height > len(people) // 2
    assert sql_rows(people[:200], on + dt.timedelta(days=1), CATALOG,
                    label="synthetic rosters").height > 0


def test_provisions_appear_in_sql_results():
    on = dt.date(2023, 8, 1)
    people = [structure(r, m.Official)
              for r in synth.generate(800, seed=3, on=on, profile="commune")]
    frame = sql_rows(people, on, CATALOG, label="synthetic rosters")
    assert frame["provision"].drop_nulls().len() > 0
    assert set(frame["outcome"].unique()) == {"met", "unmet", "unknown"}


@pytest.mark.parametrize("on", TRANSITIONS, ids=str)
def test_every_builtin_query_runs_on_its_declared_columns(on):
    """Each standard in force gets a query that DuckDB binds and runs on a typed table."""
    con = duckdb.connect()
    for standard in CATALOG.in_force(on):
        columns = fact_columns(standard, on)
        assert list(columns)[:2] == ["official_id", "title"]
        con.sql("CREATE OR REPLACE TABLE facts (" + ", ".join(
            f"{name} {kind}" for name, kind in columns.items()) + ")")
        con.sql("INSERT INTO facts (official_id, title) VALUES ('P-1', 'post')")
        result = con.sql(standard_sql(standard, on)).fetchall()
        assert [r[:3] for r in result] == [("P-1", "post", standard.id)]
        assert result[0][3] in ("met", "unmet", "unknown")


# -- randomly drawn requirement trees --------------------------------------------------------------

@settings(tv.SETTINGS, max_examples=150)
@given(tv.standards(), st.lists(officials, min_size=1, max_size=5), tv.AS_OF)
def test_drawn_trees(standard, people, on):
    sql_rows(people, on, tv.one_standard(standard), label="drawn trees")


@settings(tv.SETTINGS, max_examples=60)
@given(tv.standards(), st.lists(arbitrary.map(lambda o: attrs.evolve(
    o, assignments=(m.Assignment(title="post"), *(o.assignments or ())))), max_size=3), tv.AS_OF)
def test_drawn_trees_on_arbitrary_records(standard, people, on):
    sql_rows(people, on, tv.one_standard(standard), label="drawn trees, arbitrary records")


def test_edge_records_leaf_by_leaf(monkeypatch):
    """``test_vector``'s directed edge cases (birthdays, month ends, ratings), through SQL."""
    monkeypatch.setattr(tv, "assert_same", lambda people, on, catalog: sql_rows(
        people, on, catalog, label="edge records"))
    tv.test_edge_records_leaf_by_leaf()


def test_date_arithmetic_matches_the_leaves():
    from competency.vector._compile import months_between, whole_years

    b = SqlBackend()
    days = tv.EDGE_DAYS
    con = duckdb.connect()
    con.register("pairs", _ArrowStream(pl.DataFrame(
        {"a": [a for a in days for _ in days], "b": [b_ for _ in days for b_ in days]})))
    months = months_between(b, b.col("a"), b.col("b"))
    got = con.sql(f"SELECT a, b, {months} FROM pairs").fetchall()
    assert [x for _, _, x in got] == [rule_leaves.months_between(a, b_) for a, b_, _ in got]
    for on in (dt.date(2024, 2, 29), dt.date(2025, 2, 28), dt.date(2025, 3, 1),
               dt.date(2025, 12, 31)):
        got = con.sql(f"SELECT a, {whole_years(b, b.col('a'), on)} FROM pairs").fetchall()
        assert [x for _, x in got] == [rule_leaves.whole_years(a, on) for a, _ in got]
    # A literal start folds into the query; the clamping still reads the end column.
    start = dt.date(2024, 1, 31)
    got = con.sql(f"SELECT b, {months_between(b, b.date(start), b.col('b'))} FROM pairs"
                  ).fetchall()
    assert [x for _, x in got] == [rule_leaves.months_between(start, b_) for b_, _ in got]
    COMPARED["date arithmetic"] += 6 * len(got)


# -- the API and the command line --------------------------------------------------------------------

def test_check_sql_follows_a_standard_column():
    on = dt.date(2025, 7, 1)
    people = [structure(r, m.Official) for r in synth.generate(300, seed=5, on=on)]
    plan, batch, facts = batch_of(people, on, CATALOG)
    facts = facts[pl.Series(batch.pair_of_row)]
    table = facts.with_columns(official_id=pl.Series(batch.ids), title=pl.Series(batch.titles),
                               standard=pl.Series([plan.in_force[k].id
                                                   for k in batch.standards]))
    result = check_sql(table, on)
    assert result.schema == RESULT_SCHEMA
    # Standards tested at an event read another date on each row: check_sql leaves them out.
    expected = [row[:7] for row in tv.reference_rows(people, on, CATALOG) if row[7] == "continuous"]
    assert len(expected) < len(tv.reference_rows(people, on, CATALOG))
    assert sorted(result.iter_rows(), key=repr) == sorted(expected, key=repr)
    with pytest.raises(ValueError, match="tested at appointment"):
        check_sql(table, on, standards=["vn.nd-29-2024.giam-doc-so"])
    assert check_sql(table.head(0), on).height == 0
    one = check_sql(table.drop("standard"), on, standards=["vn.cv-bcd-2025.cong-chuc-xa"])
    assert one.height == table.height and set(one["standard"]) == {"vn.cv-bcd-2025.cong-chuc-xa"}
    with pytest.raises(ValueError, match="lacks"):
        check_sql(table.select("official_id", "title"), on, standards=[table["standard"][0]])


def test_a_leaf_kind_without_a_compiled_form_is_refused(monkeypatch):
    monkeypatch.setitem(rule_leaves.LEAVES, tv._Shoe, tv._shoe)
    base = CATALOG.get("vn.nd-33-2023.cong-chuc-xa")
    tree = n.AllOf(id="root", all_of=(base.requirements, tv._Shoe(id="shoe", shoe=1)))
    with pytest.raises(UnsupportedLeafError, match="_Shoe"):
        standard_sql(attrs.evolve(base, requirements=tree), dt.date(2024, 1, 1))


def test_expressions_fold_literals_and_parenthesise_by_precedence():
    a, b = SqlExpr("a"), SqlExpr("b")
    assert str((a - b) - 1) == "a - b - 1"
    assert str(a - (b - 1)) == "a - (b - 1)"
    assert str((a + 1) * 2) == "(a + 1) * 2"
    assert str((a >= 1) & (b < 2) & ~(a == b)) == "a >= 1 AND b < 2 AND NOT (a = b)"
    assert str((a == 1) | ((a == 2) & (b == 3))) == "a = 1 OR (a = 2 AND b = 3)"
    assert str(literal(True) & (a > 0)) == "a > 0"
    assert str(2 - literal(2)) == "0"
    assert str(literal("l'x")) == "'l''x'"
    backend = SqlBackend()
    assert str(backend.least([literal(2), a, literal(2)])) == "a"
    assert str(backend.greatest([literal(0), a, b])) == "GREATEST(a, b)"
    assert str(backend.year(backend.date(dt.date(2025, 7, 1)))) == "2025"
    assert str(backend.case([(literal(False), 1), (a > 0, 1), (literal(True), 2)], 0)) == (
        "CASE WHEN a > 0 THEN 1 WHEN TRUE THEN 2 ELSE 0 END")
    assert str(backend.case([(literal(True), 2), (a > 0, 1)], 0)) == "2"
    with pytest.raises(TypeError):
        bool(a == b)


def test_cli_prints_a_query_that_runs():
    runner = CliRunner()
    result = runner.invoke(app, ["standards", "sql", "vn.nd-33-2023.cong-chuc-xa",
                                 "--on", "2024-01-01", "--table", "roster_facts"])
    assert result.exit_code == 0, result.output
    query = result.stdout
    assert query.startswith("-- vn.nd-33-2023.cong-chuc-xa: ")
    assert "FROM roster_facts" in query and "-- [high-school]" in query
    standard = CATALOG.get("vn.nd-33-2023.cong-chuc-xa")
    columns = fact_columns(standard, dt.date(2024, 1, 1))
    con = duckdb.connect()
    con.sql("CREATE TABLE roster_facts (" + ", ".join(f"{k} {t}" for k, t in columns.items())
            + ")")
    con.sql("INSERT INTO roster_facts (official_id, title, birth_date, high_school, edu_none, "
            "edu_max, edu_ungraded, recruited_on) VALUES "
            "('A', 'x', DATE '1990-05-01', TRUE, FALSE, 4, FALSE, DATE '2015-01-01'), "
            "('B', 'x', DATE '1990-05-01', FALSE, FALSE, 4, FALSE, DATE '2015-01-01'), "
            "('C', 'x', NULL, TRUE, FALSE, 4, FALSE, NULL)")
    assert con.sql(query).fetchall() == [
        ("A", "x", standard.id, "met", None, None, []),
        ("B", "x", standard.id, "unmet", dt.date(2028, 8, 1), "art-38-5-years", ["high-school"]),
        ("C", "x", standard.id, "unknown", None, None, ["age"])]
    later = runner.invoke(app, ["standards", "sql", "vn.nd-33-2023.cong-chuc-xa",
                                "--on", "2030-01-01", "--lang", "en"])
    assert later.exit_code == 0 and "not in force" in later.stderr
    assert "CAST(NULL AS DATE) AS due" in later.stdout  # the window has closed
    assert "tested" not in later.stderr
    event = runner.invoke(app, ["standards", "sql", "vn.nd-29-2024.giam-doc-so", "--on",
                                "2025-01-01", "--lang", "en"])
    assert event.exit_code == 0
    assert "is tested at appointment and at each reappointment; the query reads every row as " \
           "of 2025-01-01" in event.stderr
