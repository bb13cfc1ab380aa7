"""The fast verdict on Parquet rows never accepts a row the reference path refuses.

`validate` takes a Parquet row as valid when the polars expressions compiled from the
schema accept it (and its id is its own); every other row is read as a record and
judged by the reference path (jsonschema, LATEST_DATE, the converter's numbers), whose
messages are the report's. Here each row the fast verdict accepts is judged by that
reference path too, on drawn records, broken ones, the synthetic roster's invalid records
and single-field mutations; a small schema checks the keywords the official one does not
use; and `validate` prints the same bytes with the fast verdict and without.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from competency import synth
from competency.cli import app
from competency.io import parquet_verdict
from competency.io.parquet import parquet_columns, read_parquet
from competency.io.parquet_verdict import _Compiler, judged_rows, row_verdict, rust_pattern
from competency.io.roster import _judge
from competency.standards.consistency import (
    PERIOD_NOTE_FIELDS,
    builtin_term_periods,
    period_notes,
)
from tests.io.test_fast_validation import _SLOW, VALID, broken

pl = pytest.importorskip("polars")

COLUMNS = parquet_columns("official")
ON = dt.date(2025, 6, 30)


def write_rows(records: list[Any], path: Path, columns: dict[str, Any] = COLUMNS) -> int:
    """The records that fit the columns, one row each, as a Parquet file; how many."""
    frames = []
    for record in records:
        try:
            frames.append(pl.DataFrame([record], schema=columns, strict=True))
        except Exception:  # noqa: BLE001 - a value of another type: not a row of this file
            continue
    frame = pl.concat(frames) if frames else pl.DataFrame(schema=columns)
    frame.write_parquet(path)
    return frame.height


def verdicts(path: Path) -> list[tuple[bool, bool, Any]]:
    """(fast, reference, record) of each row: the fast verdict, and the reference path's on
    the record the reader gives."""
    judge = _judge(path.name, "official", redact=False)
    fast = [ok for ok, _ in judged_rows(path, path.name, "official")]
    reference = [type(judge(r.location.line, r)) is dict for r in read_parquet(path, path.name)]
    records = [r.data for r in read_parquet(path, path.name)]
    return list(zip(fast, reference, records, strict=True))


def assert_never_more_lenient(path: Path) -> list[tuple[bool, bool, Any]]:
    found = verdicts(path)
    for fast, reference, record in found:
        assert reference or not fast, record
    return found


@_SLOW
@given(st.lists(st.one_of(VALID, broken()), min_size=1, max_size=4))
def test_drawn_and_broken_records(tmp_path_factory, records):
    path = tmp_path_factory.mktemp("drawn") / "r.parquet"
    write_rows(records, path)
    assert_never_more_lenient(path)


def test_the_synthetic_rosters_invalid_records(tmp_path):
    records = list(synth.generate(600, seed=5, on=ON, invalid_share=0.5))
    path = tmp_path / "r.parquet"
    write_rows(records, path)
    found = assert_never_more_lenient(path)
    assert sum(not reference for _, reference, _ in found) >= 150  # broken ones fit the columns


def test_the_valid_rows_of_a_synthetic_roster_are_accepted(tmp_path):
    """Not only safe but taken: at least 99% of the valid rows are accepted fast."""
    path = tmp_path / "r.parquet"
    write_rows(list(synth.generate(2000, seed=11, on=ON)), path)
    found = assert_never_more_lenient(path)
    valid = [fast for fast, reference, _ in found if reference]
    assert len(valid) >= 1900
    assert sum(valid) >= 0.99 * len(valid)


def _base() -> dict[str, Any]:
    """A valid official with a value in every place a mutation below changes."""
    return {
        "id": "A1", "birth_date": "1980-02-29", "gender": "female",
        "unit": {"name": "UBND", "level": "commune", "province_code": "01",
                 "commune_code": "00001", "area_types": ["border", "island"]},
        "assignments": [{"title": "cc_xa.van_phong", "start": "2020-01-01",
                         "unit": {"area_types": ["remote"]}}],
        "education": [{"level": "dai_hoc", "awarded_on": "2002-06-30"}],
        "languages": [{"language": "en", "level": "bac_3", "score": 6.5}],
        "ratings": [{"year": 2023, "rating": "hoan_thanh"}],
        "planning_pools": [{"title": "pho_chu_tich", "term": "2025-2030"}],
        "training": [{"programme": "p", "periods": 40, "country": "VN"}],
        "facts": [{"code": "resident", "value": True, "on": "2024-01-01"}],
        "career": [{"kind": "bo_nhiem", "on": "2020-01-01", "term_end": "2025-01-01"}],
    }


MUTATIONS: list[tuple[str, Any]] = [
    ("/gender", "M"), ("/unit/level", "xa"), ("/education/0/level", "DH"),
    ("/birth_date", "2024-02-30"), ("/birth_date", "2023-02-29"), ("/birth_date", "0000-01-01"),
    ("/birth_date", "0001-01-01"), ("/birth_date", "2020-1-01"), ("/birth_date", "20200101"),
    ("/birth_date", "2020-01-01\n"), ("/birth_date", "٢٠٢٠-01-01"), ("/birth_date", "9999-12-31"),
    ("/birth_date", "2199-12-31"), ("/assignments/0/start", "2200-01-01"),
    ("/career/0/term_end", "2200-01-01"), ("/facts/0/on", "2300-01-01"),
    ("/unit/province_code", "001"), ("/unit/province_code", "12\n"),
    ("/unit/province_code", "12\n\n"), ("/unit/province_code", "١٢"),
    ("/unit/commune_code", "1234"), ("/planning_pools/0/term", "nhiệm kỳ 2025 - 2030"),
    ("/training/0/country", "vn"), ("/facts/0/code", "Resident"), ("/facts/0/code", "r\n"),
    ("/id", ""), ("/assignments/0/title", ""), ("/languages/0/language", ""),
    ("/ratings/0/year", 1900), ("/ratings/0/year", 2101), ("/ratings/0/year", 2100),
    ("/languages/0/score", -0.5), ("/languages/0/score", 0.0), ("/languages/0/score", -0.0),
    ("/languages/0/score", float("nan")), ("/languages/0/score", float("inf")),
    ("/training/0/periods", -1), ("/unit/area_types", ["border", "border"]),
    ("/unit/area_types", ["nowhere"]), ("/unit/area_types", [None]),
    ("/assignments/0/unit/area_types", ["hill"]), ("/assignments", [None]),
    ("/ratings/0/rating", None), ("/career/0/on", None), ("/facts/0/value", None),
    ("/id", None), ("/education", []), ("/unit", {}),
]


def _set(record: dict[str, Any], pointer: str, value: Any) -> dict[str, Any]:
    record = copy.deepcopy(record)
    *parents, last = [int(p) if p.isdigit() else p for p in pointer.split("/")[1:]]
    node: Any = record
    for step in parents:
        node = node[step]
    node[last] = value
    return record


def test_single_field_mutations(tmp_path):
    """Each mutation in its own row: bad codes, impossible and late dates, pattern
    misses (a final newline passes ``$`` in Python), empty required text, bounds, NaN,
    repeated and null list elements, null required fields."""
    records = [_base()] + [_set(_base(), pointer, value) for pointer, value in MUTATIONS]
    path = tmp_path / "r.parquet"
    assert write_rows(records, path) == len(records)
    found = assert_never_more_lenient(path)
    assert found[0][:2] == (True, True)
    refused = sum(not reference for _, reference, _ in found)
    assert refused >= 30
    # the near misses the reference takes are taken fast too (not everything refused)
    taken = {json.dumps(MUTATIONS[n - 1], ensure_ascii=False)
             for n, (fast, _, _) in enumerate(found) if n and fast}
    for pointer, value in [("/birth_date", "2199-12-31"), ("/ratings/0/year", 2100),
                           ("/languages/0/score", 0.0), ("/unit/province_code", "12\n"),
                           ("/education", []), ("/unit", {})]:
        assert json.dumps([pointer, value], ensure_ascii=False) in taken


# -- files without a fast verdict ---------------------------------------------------------

def test_an_unknown_or_retyped_column_means_no_fast_verdict(tmp_path):
    columns = dict(COLUMNS)
    assert row_verdict("official", columns) is not None
    assert row_verdict("official", {"id": pl.String, "unit": COLUMNS["unit"]}) is not None
    assert row_verdict("official", {**columns, "email": pl.String}) is None
    assert row_verdict("official", {**columns, "birth_date": pl.Date}) is None
    assert row_verdict("official", {**columns, "ratings": pl.List(pl.Struct(
        {"year": pl.Float64, "rating": pl.String}))}) is None
    assert row_verdict("official", {**columns, "unit": pl.Struct(
        {"name": pl.String, "ma_xa": pl.String})}) is None
    assert row_verdict("standard", {"id": pl.String}) is None  # a kind without columns


# -- keywords the official schema does not use --------------------------------------------

SMALL = {
    "type": "object", "additionalProperties": False, "required": ["code"],
    "properties": {
        "code": {"type": "string", "maxLength": 3, "const": "abc"},
        "tags": {"type": ["array", "null"], "items": {"type": "string"}, "uniqueItems": True,
                 "minItems": 1, "maxItems": 2},
        "points": {"type": "array", "items": {"type": "number"}, "uniqueItems": True},
        "share": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
        "choice": {"oneOf": [{"type": "null"}, {"type": "integer", "minimum": 1}]},
        "both": {"allOf": [{"type": "integer"}, {"maximum": 5}]},
        "never": {"type": "string", "not": {"const": "x"}},
        "word": {"type": "string", "pattern": "\\w+"},
        "dotted": {"type": "string", "pattern": "^a.b$"},
        "flag": {"type": "boolean", "enum": [True]},
    },
}
SMALL_COLUMNS = {"code": pl.String, "tags": pl.List(pl.String), "points": pl.List(pl.Float64),
                 "share": pl.Float64, "choice": pl.Int64, "both": pl.Int64, "never": pl.String,
                 "word": pl.String, "dotted": pl.String, "flag": pl.Boolean}
SMALL_ROWS = [
    {"code": "abc"}, {"code": "abd"}, {"code": "abcd"}, {},
    {"code": "abc", "tags": ["a"]}, {"code": "abc", "tags": ["a", "a"]},
    {"code": "abc", "tags": []}, {"code": "abc", "tags": ["a", "b", "c"]},
    {"code": "abc", "points": [1.0]}, {"code": "abc", "points": [0.0, -0.0]},
    {"code": "abc", "share": 0.5}, {"code": "abc", "share": 0.0}, {"code": "abc", "share": 1.0},
    {"code": "abc", "choice": 1}, {"code": "abc", "choice": 0},
    {"code": "abc", "both": 5}, {"code": "abc", "both": 6},
    {"code": "abc", "never": "y"}, {"code": "abc", "never": "x"},
    {"code": "abc", "word": "ab"}, {"code": "abc", "word": "٣"}, {"code": "abc", "word": "-"},
    {"code": "abc", "dotted": "a-b"}, {"code": "abc", "dotted": "a\nb"},
    {"code": "abc", "flag": True}, {"code": "abc", "flag": False},
]


def test_keywords_of_a_small_schema_against_jsonschema():
    frame = pl.DataFrame(SMALL_ROWS, schema=SMALL_COLUMNS, strict=True)
    fast = frame.select(_Compiler(SMALL, "2199-12-31").root(SMALL, SMALL_COLUMNS)).to_series()
    reference = jsonschema.Draft202012Validator(SMALL)
    for ok, row in zip(fast, frame.iter_rows(named=True), strict=True):
        record = {k: v for k, v in row.items() if v is not None}
        assert reference.is_valid(record) or not ok, record
    accepted = [row for ok, row in zip(fast, SMALL_ROWS, strict=True) if ok]
    assert accepted == [{"code": "abc"}, {"code": "abc", "tags": ["a"]},
                        {"code": "abc", "points": [1.0]}, {"code": "abc", "share": 0.5}, {"code": "abc", "choice": 1},
                        {"code": "abc", "both": 5}, {"code": "abc", "flag": True}]


@pytest.mark.parametrize("pattern", ["^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "^[a-z][a-z0-9_]*$",
                                     "^[A-Z]{2}$", "^[0-9]{4}-[0-9]{4}$", "ab|cd", "^x(?:y|z)+"])
@given(text=st.text(st.sampled_from("09az_AZ-y\n٣ "), max_size=12))
def test_translated_patterns_search_as_python_does(pattern, text):
    rust = rust_pattern(pattern)
    assert rust is not None
    found = pl.Series([text]).str.contains(rust)[0]
    assert found == (re.search(pattern, text) is not None), (pattern, text)


@pytest.mark.parametrize("pattern", ["\\d+", "\\w", "a.b", "(?i)a", "[^a]", "a(?=b)", "^a$|^b$",
                                     "a\\Z", "\\bx"])
def test_patterns_that_may_read_otherwise_are_not_translated(pattern):
    assert rust_pattern(pattern) is None


# -- validate prints the same bytes with the fast verdict and without ----------------------

@pytest.fixture(scope="module")
def roster(tmp_path_factory) -> Path:
    """A Parquet roster with invalid rows, notes, repeated ids and late dates."""
    records = list(synth.generate(1500, seed=3, on=ON, invalid_share=0.05))
    for number, record in enumerate(records):
        posts = record.get("assignments")
        if number % 50 == 0 and isinstance(posts, list) and posts and isinstance(posts[0], dict):
            posts[0].update(start="2025-09-01", unit={"level": "district"})
    records[7] = copy.deepcopy(records[3])  # a repeated id
    records[9]["birth_date"] = "9999-12-31"
    records[10:10] = [_set(_base(), pointer, value) for pointer, value in MUTATIONS]
    path = tmp_path_factory.mktemp("verdict") / "roster.parquet"
    write_rows(records, path)
    return path


def _run(*args: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(app, [*args, "--lang", "en"])
    return done.exit_code, done.stdout, done.stderr


@pytest.mark.parametrize("options", [(), ("--format", "json"), ("--redact",)])
def test_validate_prints_the_same_with_the_fast_verdict_and_without(roster, monkeypatch,
                                                                    options):
    calls = []

    def counted(kind: str, columns: Any) -> Any:
        calls.append(kind)
        return row_verdict(kind, columns)

    monkeypatch.setattr(parquet_verdict, "row_verdict", counted)
    fast = _run("validate", str(roster), *options)
    monkeypatch.setattr(parquet_verdict, "row_verdict", lambda kind, columns: None)
    reference = _run("validate", str(roster), *options)
    assert calls == ["official"]
    assert fast == reference
    code, out, err = fast
    assert code == 1
    assert "duplicate id" in out + err and "LATEST_DATE" in out + err and "note:" in err


def test_check_reads_the_same_with_the_fast_verdict_and_without(roster, monkeypatch, tmp_path):
    args = ("check", str(roster), "--on", "2025-06-30", "--format", "csv")
    fast = _run(*args)
    monkeypatch.setattr(parquet_verdict, "row_verdict", lambda kind, columns: None)
    assert fast == _run(*args)
    assert fast[1].count("\n") > 100


def test_a_file_with_an_unknown_column_is_judged_by_the_reference_alone(tmp_path, monkeypatch):
    records = list(synth.generate(300, seed=4, on=ON, invalid_share=0.05))
    columns = {**COLUMNS, "ghi_chu": pl.String}
    for number, record in enumerate(records):
        if number % 7 == 0:
            record["ghi_chu"] = "x"
    path = tmp_path / "r.parquet"
    write_rows(records, path, columns)
    assert not any(ok for ok, _ in judged_rows(path, "r.parquet", "official"))
    fast = _run("validate", str(path))
    monkeypatch.setattr(parquet_verdict, "row_verdict", lambda kind, columns: None)
    assert fast == _run("validate", str(path))
    assert "unknown field" in fast[1] + fast[2]


def test_a_valid_row_is_read_with_the_parts_its_notes_read(tmp_path):
    """Only the named parts of an accepted row are made; a refused row is read whole."""
    records = [_base(), _set(_base(), "/gender", "M"), {"id": "B"}]
    path = tmp_path / "r.parquet"
    write_rows(records, path)
    whole = [r.data for r in read_parquet(path, "r.parquet")]
    rows = list(judged_rows(path, "r.parquet", "official",
                            fields=("unit.level", "assignments.start", "assignments.unit.level")))
    assert [ok for ok, _ in rows] == [True, False, True]
    assert rows[0][1].data == {"unit": {"level": "commune"},
                               "assignments": [{"start": "2020-01-01", "unit": {}}]}
    assert rows[1][1].data == whole[1]
    assert rows[2][1].data == {}
    nothing = list(judged_rows(path, "r.parquet", "official", fields=()))
    assert [r.data for _, r in nothing] == [{}, whole[1], {}]
    assert [r.location.line for _, r in nothing] == [1, 2, 3]


def test_the_parts_period_notes_reads_give_its_notes(tmp_path):
    """PERIOD_NOTE_FIELDS names every part period_notes reads: its notes on the parts are
    its notes on the whole record, for notes from the post's unit, the official's unit
    and the rank."""
    table = builtin_term_periods()
    records = list(synth.generate(300, seed=9, on=ON))
    for number, record in enumerate(records):
        posts = record.get("assignments") or [{"title": "t"}]
        record["assignments"] = posts
        if number % 3 == 0:
            posts[0].update(start="2025-09-01", unit={"level": "district"})
        elif number % 3 == 1:
            record["unit"] = {"level": "district"}
            posts[0].update(start="2025-09-01")
            posts[0].pop("unit", None)
        else:
            posts[0].update(start="2020-01-01", rank="chuyen_gia_cao_cap")
    path = tmp_path / "r.parquet"
    write_rows(records, path)
    whole = [period_notes(r.data, table) for r in read_parquet(path, "r.parquet")]
    parts = [period_notes(r.data, table) for ok, r in
             judged_rows(path, "r.parquet", "official", fields=PERIOD_NOTE_FIELDS) if ok]
    assert len(parts) == len(whole) == 300
    assert parts == whole
    assert all(whole)


def test_a_file_with_some_of_the_columns_has_a_fast_verdict(tmp_path):
    """Columns left out, and struct fields left out, are fields left out of every row."""
    columns = {"id": pl.String, "unit": pl.Struct({"level": pl.String,
                                                   "province_code": pl.String}),
               "ratings": COLUMNS["ratings"]}
    records = [{"id": "A", "unit": {"level": "commune", "province_code": "01"},
                "ratings": [{"year": 2020, "rating": "hoan_thanh"}]},
               {"id": "B", "unit": {"level": "xa"}},
               {"id": "C", "unit": {"province_code": "1"}},
               {"id": "D", "ratings": [{"year": 2020}]},
               {"id": "E"}, {"unit": {"level": "commune"}}]
    path = tmp_path / "r.parquet"
    assert write_rows(records, path, columns) == 6
    found = assert_never_more_lenient(path)
    assert [fast for fast, _, _ in found] == [True, False, False, False, True, False]
    assert [reference for _, reference, _ in found] == [True, False, False, False, True, False]
