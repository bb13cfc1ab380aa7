"""The fact columns computed in DuckDB against the Python facts, row for row and type for type.

The expected frame is built independently, by calling every :class:`Fact`'s Python ``fn`` on
every current post of every record (as the vector engine's batch builder does), then
compared with :meth:`FactQuery.frame` over the same records as a nested table (from dicts,
from JSON Lines, from Parquet): synthetic rosters at several dates and provinces, records
drawn by hypothesis (aimed at the built-in standards, and drawn from the JSON Schema), and
hand-made edge cases.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter

import pytest

pl = pytest.importorskip("polars")
duckdb = pytest.importorskip("duckdb")

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from polars.testing import assert_frame_equal

from competency import model as m
from competency import synth
from competency.io.parquet import parquet_columns, write_parquet
from competency.schema.convert import unstructure
from competency.schema.validate import load_schema
from competency.standards.catalogue import Catalog
from competency.vector import _flatten as f
from competency.vector._engine import _facts_frame, _Plan
from competency.vector.sql import _ArrowStream
from competency.vector.sql._expr import literal
from competency.vector.sql.facts import KEYS, FactQuery, UnsupportedFactError, roster_types
from tests import strategies as s
from tests.vector import test_vector as tv

CATALOG = Catalog.builtin()
COLUMNS = parquet_columns("official")
COMPARED: Counter[str] = Counter()
FIXED = [f.EDUCATION, f.POLITICAL, f.IT_SKILL, f.language_fact(None), f.EDU_ITEMS,
         f.HIGH_SCHOOL, f.STATE_MANAGEMENT, f.DIPLOMAS, f.PERSON, f.RETIREMENT, f.RATINGS_NONE,
         f.INTERNATIONAL, f.APPOINTED, f.JOB_POSITION]


@pytest.fixture(scope="module", autouse=True)
def _summary():
    yield
    print("\nfact rows compared:", dict(COMPARED), "total", sum(COMPARED.values()))


def every_fact(records, extra_years=(2024,)):
    """Every fact group, the parametrised ones for values found in ``records`` (and a few
    that are not): post facts interleaved, to check the column order."""
    years = {r["year"] for rec in records for r in rec.get("ratings") or ()}
    ended = {int(day[:4]) for rec in records for c in rec.get("training") or ()
             if (day := c.get("end") or c.get("start"))}
    codes = {x["code"] for rec in records for x in rec.get("facts") or ()}
    languages = {x["language"] for rec in records for x in rec.get("languages") or ()}
    pick = lambda values, n: sorted(values, key=str)[:n]  # noqa: E731
    facts = [*FIXED[:5], f.UNIT, *FIXED[5:],
             *(f.language_fact(x) for x in pick(languages, 3) + ["EN", "fr"]),
             *(f.ratings_fact(y) for y in pick(years, 3) + list(extra_years)),
             *(f.stated_fact(c) for c in pick(codes, 3) + ["viet_nam_nationality"]),
             *(f.training_periods_fact(y) for y in pick(ended, 3) + list(extra_years))]
    return list({fact.key: fact for fact in facts}.values())


def python_frame(records, facts, on):
    """The expected frame, from the Python facts on every current post."""
    plan = _Plan(on, CATALOG, False)
    found, on_iso, rows = plan.lookups, plan.on_iso, []
    for number, record in enumerate(records):
        for position, post in enumerate(plan.current_posts(record)):
            unit = post.get("unit")
            if unit is None:
                unit = record.get("unit")
            row = [number, position, record["id"], post["title"], record.get("category"),
                   None if unit is None else unit.get("level"), post.get("rank"),
                   None if unit is None else unit.get("province_code")]
            for fact in facts:
                row += (fact.fn(record, on_iso, found) if fact.scope == "official"
                        else fact.fn(record, post, unit, on_iso, found))
            rows.append(tuple(row))
    return _facts_frame([*KEYS.items(), *(c for fact in facts for c in fact.columns)], rows)


def sql_frame(frame, facts, on, con=None):
    """:meth:`FactQuery.frame` over a nested frame of records (``_record`` added)."""
    con = con or duckdb.connect()
    con.register("roster", _ArrowStream(frame.with_row_index("_record")))
    try:
        return FactQuery(facts, on, f.lookups(CATALOG.tables)).frame(con, "roster")
    finally:
        con.unregister("roster")


def assert_same(records, on, facts=None, source="dicts", label="records"):
    facts = every_fact(records) if facts is None else facts
    if source == "dicts":  # not strict: a JSON integer may fill a number (Float64) column
        frame = pl.DataFrame(records, schema=COLUMNS, strict=False)
    else:
        lines = b"\n".join(json.dumps(r, ensure_ascii=False).encode() for r in records)
        frame = pl.read_ndjson(io.BytesIO(lines), schema=COLUMNS)
    got, expected = sql_frame(frame, facts, on), python_frame(records, facts, on)
    assert got.schema == expected.schema
    for name in expected.columns:  # the first differing column names itself
        assert got[name].equals(expected[name]), (name, on, got.filter(
            got[name].ne_missing(expected[name])).head(3), expected.filter(
            got[name].ne_missing(expected[name])).head(3))
    assert_frame_equal(got, expected)
    COMPARED[label] += expected.height
    return got


# -- synthetic rosters --------------------------------------------------------------------------

ROSTER_DATE = dt.date(2025, 7, 1)


@pytest.mark.parametrize(("seed", "made", "province", "profile"),
                         [(1, ROSTER_DATE, None, "mixed"),
                          (2, dt.date(2024, 3, 1), "83", "commune"),
                          (3, ROSTER_DATE, "01", "mixed"), (4, ROSTER_DATE, "86", "commune")])
@pytest.mark.parametrize("on", [dt.date(2019, 12, 24), dt.date(2025, 6, 30), ROSTER_DATE,
                                dt.date(2031, 1, 1)])
def test_synthetic_rosters(seed, made, province, profile, on):
    """Rosters made on one date, read before (posts not yet begun, evidence not yet held),
    on it and after it (posts ended)."""
    records = list(synth.generate(300, seed=seed, on=made, province=province, profile=profile))
    got = assert_same(records, on, source="dicts" if seed % 2 else "ndjson", label="synthetic")
    assert got.height > 0


def test_the_builtin_catalogue_facts_on_a_roster():
    """The facts a date's compiled standards read, as the bulk pipeline asks for them."""
    records = list(synth.generate(500, seed=7, on=ROSTER_DATE))
    plan = _Plan(ROSTER_DATE, CATALOG, False)
    assert plan.post_facts and plan.official_facts
    assert_same(records, ROSTER_DATE, plan.official_facts + plan.post_facts, label="catalogue")


# -- drawn records ------------------------------------------------------------------------------

recorded_facts = s.lists(st.builds(m.RecordedFact,
                                   code=st.sampled_from(["viet_nam_nationality", "resident"]),
                                   value=st.booleans(), on=s.optional(tv.DAY)))
officials = st.builds(lambda o, facts, periods: unstructure(o) | (
    {} if facts is None else {"facts": [unstructure(x) for x in facts]}) | _with_periods(
    unstructure(o), periods), tv.officials, recorded_facts,
    st.lists(st.none() | st.integers(0, 200), max_size=3))


def _with_periods(record, periods):
    """Periods on some of the drawn courses (the model strategy draws none)."""
    if not record.get("training"):
        return {}
    courses = [dict(c) for c in record["training"]]
    for course, value in zip(courses, periods, strict=False):
        if value is not None:
            course["periods"] = value
    return {"training": courses}


DRAW = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])


@DRAW
@given(st.lists(officials, min_size=1, max_size=6), tv.AS_OF)
def test_drawn_records(records, on):
    assert_same(records, on, source="ndjson", label="drawn")


_INT64 = 2**63
_SCHEMA_DRAWN = from_schema(load_schema("official"),
                            custom_formats={"date": s.DATES.map(lambda d: d.isoformat())})


def _fits(value):
    """No integer beyond 64 bits (a Parquet/Arrow column cannot hold it)."""
    if isinstance(value, bool):
        return True
    if isinstance(value, int):
        return -_INT64 <= value < _INT64
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return all(_fits(v) for v in items)


@DRAW
@given(st.lists(_SCHEMA_DRAWN, min_size=1, max_size=4), tv.AS_OF)
def test_schema_drawn_records(records, on):
    """Any record the schema accepts, however odd its texts and numbers."""
    assume(all(_fits(r) for r in records))
    assert_same(records, on, label="schema-drawn")


# -- edge cases ---------------------------------------------------------------------------------

ON = dt.date(2025, 1, 1)
UNIT = {"level": "commune", "province_code": "83", "disadvantaged_area": True,
        "area_types": ["ethnic_minority", "island", "ethnic_minority"]}
EDGES = [
    {"id": "no-posts"},
    {"id": "empty-posts", "assignments": []},
    {"id": "ended", "assignments": [{"title": "t", "end": "2024-12-31"}]},
    {"id": "not-yet", "assignments": [{"title": "t", "start": "2025-01-02"}]},
    {"id": "null-lists", "assignments": [{"title": "t"}], "education": None, "languages": None,
     "ratings": None, "training": None, "facts": None, "state_management": None,
     "political_theory": None, "it_skills": None},
    {"id": "empty-lists", "assignments": [{"title": "t", "unit": {}}], "education": [],
     "languages": [], "ratings": [], "training": [], "facts": [], "state_management": [],
     "political_theory": [], "it_skills": [], "unit": UNIT},
    {"id": "units", "unit": UNIT, "category": "cong_chuc",
     "assignments": [{"title": "own", "rank": "01.003", "start": "2020-01-01",
                      "end": "2025-01-01", "unit": {"level": "province", "area_types": []}},
                     {"title": "past", "end": "2020-01-01"},
                     {"title": "record's", "first_appointed": "", "start": "2021-03-04",
                      "job_position": "van_thu"},
                     {"title": "empty", "unit": {}, "job_position": "",
                      "placed_in_job_position": False}]},
    {"id": "later", "birth_date": "1970-05-06", "gender": "female", "ethnicity": "Hmông",
     "service_start": "", "recruited_on": "1995-01-01",
     "assignments": [{"title": "t", "international": True, "start": "2026-01-01"},
                     {"title": "u", "international": None}],
     "education": [{"level": "dai_hoc", "field": "Luật Kinh tế", "awarded_on": "2026-01-01",
                    "abroad": True},
                   {"level": "thac_si", "field": "", "abroad": None},
                   {"level": "cao_dang", "awarded_on": "2025-01-01"}],
     "political_theory": [{"diploma": "cao_cap", "awarded_on": "2025-01-02"},
                          {"diploma": "so_cap"}],
     "state_management": [{"programme": "chuyen_vien", "awarded_on": "2030-01-01"},
                          {"programme": "chuyen_vien"}, {"programme": "chuyen_vien_chinh"}],
     "languages": [{"language": "EN", "certificate": "IELTS", "score": 6.5},
                   {"language": "en", "certificate": "TOEIC", "score": 550,
                    "awarded_on": "2025-06-01"},
                   {"language": "fr", "level": "bac_3"}, {"language": "Tày"},
                   {"language": "vi", "level": "bac_6"}, {"language": "zh", "certificate": "XYZ",
                                                       "score": 3}],
     "ratings": [{"year": 2024, "rating": "hoan_thanh_tot"},
                 {"year": 2024, "rating": "khong_hoan_thanh"},
                 {"year": 2023, "rating": "hoan_thanh_xuat_sac"}],
     "training": [{"programme": "p"}, {"programme": "q", "end": "2024-05-01", "periods": 40},
                  {"programme": "r", "start": "2024-02-01", "periods": 8, "completed": True},
                  {"programme": "s", "end": "2024-09-01", "periods": 99, "completed": False},
                  {"programme": "t", "start": "2024-10-01"},
                  {"programme": "u", "end": "", "start": "2024-11-01", "periods": 1,
                   "abroad": True},
                  {"programme": "v", "end": "2026-01-01", "periods": 5, "abroad": True}],
     "facts": [{"code": "resident", "value": True},
               {"code": "resident", "value": False},
               {"code": "viet_nam_nationality", "value": False, "on": "2020-01-01"},
               {"code": "viet_nam_nationality", "value": True, "on": "2024-01-01"},
               {"code": "viet_nam_nationality", "value": False, "on": "2024-01-01"},
               {"code": "viet_nam_nationality", "value": False, "on": "2026-01-01"},
               {"code": "viet_nam_nationality", "value": True}]},
]


@pytest.mark.parametrize("source", ["dicts", "ndjson"])
@pytest.mark.parametrize("on", [ON, dt.date(2025, 1, 2), dt.date(2026, 1, 1)])
def test_edge_cases(source, on):
    """Null and empty lists, evidence awarded after the date, units on the post, on the
    record and ``{}``, several current posts and none, certificate scores, a year rated
    twice, courses without periods or dates, checks on the same day."""
    facts = [*every_fact(EDGES, extra_years=(2023, 2025)), f.language_fact("tày"),
             f.language_fact("")]
    got = assert_same(EDGES, on, facts, source=source, label="edge cases")
    assert set(got["official_id"]) >= {"null-lists", "empty-lists", "units", "later"}
    assert got.filter(pl.col("official_id") == "units").height == (3 if on == ON else 2)


def test_the_edge_cases_say_what_python_says():
    """A few values spelled out, so that a shared mistake of both paths would show."""
    got = assert_same(EDGES, ON, [f.UNIT, f.ratings_fact(2024), f.training_periods_fact(2024),
                                  f.stated_fact("viet_nam_nationality"),
                                  f.stated_fact("resident"), f.EDU_ITEMS],
                      label="edge cases")
    row = got.filter(pl.col("official_id") == "later").row(0, named=True)
    later = {"rating_2024": row["rating_2024"], "periods": row["periods_2024"],
             "unsure": row["periods_2024_unsure"], "nationality": row["fact_viet_nam_nationality"],
             "resident": row["fact_resident"]}
    rated = f._orders(f.PerformanceRating)["khong_hoan_thanh"]
    assert later == {"rating_2024": rated, "periods": 40 + 8 + 1, "unsure": True,
                     "nationality": True, "resident": True}
    assert [i["field"] for i in row["edu_items"]] == ["", None]
    units = got.filter(pl.col("official_id") == "units")
    assert units["_unit_level"].to_list() == ["province", "commune", None]
    assert units["unit_area_mask"].to_list()[0] == 0 and units["unit_area_mask"][2] is None
    empty = got.filter(pl.col("official_id") == "empty-lists").row(0, named=True)
    null = got.filter(pl.col("official_id") == "null-lists").row(0, named=True)
    assert (empty["edu_items"], null["edu_items"]) == ([], None)


def test_missing_columns_read_as_null():
    """A table with only some of the roster's columns: the others are null, as an absent
    field is."""
    records = [{k: v for k, v in r.items() if k in ("id", "assignments", "languages", "unit")}
               for r in EDGES]
    frame = pl.DataFrame(records, schema={k: COLUMNS[k] for k in
                                          ("id", "assignments", "languages", "unit")},
                         strict=False)
    facts = every_fact(EDGES)
    assert_frame_equal(sql_frame(frame, facts, ON), python_frame(records, facts, ON))


def test_struct_fields_left_out_read_as_null():
    """A table whose structs hold only some fields (as another tool may write them)."""
    con = duckdb.connect()
    con.sql("CREATE TEMP TABLE roster AS SELECT * FROM (VALUES "
            "(0, 'a', [{'title': 't', 'start': '2020-01-01'}], [{'language': 'en', 'score': 6}]), "
            "(1, 'b', [{'title': 'u', 'start': '2026-01-01'}, {'title': 'v', 'start': NULL}], "
            "NULL)) AS r(_record, id, assignments, languages)")
    records = [{"id": "a", "assignments": [{"title": "t", "start": "2020-01-01"}],
                "languages": [{"language": "en", "score": 6}]},
               {"id": "b", "assignments": [{"title": "u", "start": "2026-01-01"},
                                           {"title": "v"}]}]
    facts = every_fact(records)
    got = FactQuery(facts, ON, f.lookups(CATALOG.tables)).frame(con, "roster")
    assert_frame_equal(got, python_frame(records, facts, ON))
    assert got["_position"].to_list() == [0, 0]


# -- Parquet ------------------------------------------------------------------------------------

def test_a_parquet_roster(tmp_path):
    """Records written by ``write_parquet`` and read by DuckDB itself, numbered by row."""
    # write_parquet refuses a JSON integer where the schema says number: scores as floats.
    edges = [r | {"languages": [x | {"score": float(x["score"])} if "score" in x else x
                                for x in r["languages"]]} if r.get("languages") else r
             for r in EDGES]
    records = list(synth.generate(300, seed=5, on=ROSTER_DATE)) + edges
    path = tmp_path / "roster.parquet"
    assert write_parquet(((i, r) for i, r in enumerate(records)), path, "official",
                         lambda tag, message: pytest.fail(message)) == len(records)
    facts = every_fact(records)
    con = duckdb.connect()
    con.sql(f"CREATE TEMP VIEW roster AS SELECT *, CAST(file_row_number AS UINTEGER) AS _record "
            f"FROM read_parquet('{path}', file_row_number = true)")
    got = FactQuery(facts, ON, f.lookups(CATALOG.tables)).frame(con, "roster")
    assert_frame_equal(got, python_frame(records, facts, ON))
    COMPARED["parquet"] += got.height
    assert {r[0] for r in con.sql("SHOW TABLES").fetchall()} == {"roster"}


def test_json_lines_read_by_duckdb(tmp_path):
    """JSON Lines read by DuckDB's own reader with the roster's column types."""
    path = tmp_path / "roster.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in EDGES),
                    encoding="utf-8")
    types = "{" + ", ".join(f"{literal(k).text}: {literal(v).text}"
                            for k, v in roster_types().items()) + "}"
    con = duckdb.connect()
    con.sql(f"CREATE TEMP TABLE lines AS SELECT * FROM read_json('{path}', columns = {types}, "
            "format = 'newline_delimited')")
    con.sql("CREATE TEMP TABLE roster AS SELECT *, CAST(row_number() OVER (ORDER BY id) - 1 "
            "AS UINTEGER) AS _record FROM lines")
    records = sorted(EDGES, key=lambda r: r["id"])
    facts = every_fact(records)
    got = FactQuery(facts, ON, f.lookups(CATALOG.tables)).frame(con, "roster")
    assert_frame_equal(got, python_frame(records, facts, ON))


# -- errors -------------------------------------------------------------------------------------

def test_a_column_twice_is_refused():
    with pytest.raises(ValueError, match="edu_none"):
        FactQuery([f.EDUCATION, f.PERSON, f.EDUCATION], ON, f.lookups(CATALOG.tables))


def test_a_fact_without_sql_is_named():
    odd = f.Fact("odd", "official", [("odd", pl.Boolean())], lambda record, on, found: (True,))
    with pytest.raises(UnsupportedFactError, match="'odd'"):
        FactQuery([f.EDUCATION, odd], ON, f.lookups(CATALOG.tables))


def test_a_leveled_fact_without_sql_levels_is_named():
    odd = f.leveled_fact("odd", "education", f._education_level)
    with pytest.raises(UnsupportedFactError, match="'odd'"):
        FactQuery([odd], ON, f.lookups(CATALOG.tables))


def test_a_table_without_record_numbers_is_refused():
    con = duckdb.connect()
    con.sql("CREATE TEMP TABLE roster AS SELECT 'a' AS id")
    with pytest.raises(ValueError, match="_record"):
        FactQuery([f.EDUCATION], ON, f.lookups(CATALOG.tables)).frame(con, "roster")


def test_no_current_post_gives_an_empty_frame_of_the_columns():
    facts = every_fact(EDGES)
    got = sql_frame(pl.DataFrame(EDGES[:4], schema=COLUMNS, strict=False), facts, ON)
    assert got.height == 0
    assert got.schema == python_frame(EDGES[:4], facts, ON).schema
