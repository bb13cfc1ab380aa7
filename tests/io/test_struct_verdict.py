"""The msgspec verdict never accepts a line the reference path refuses.

`validate` takes a JSON Lines line as valid when the Structs written from the official
schema decode it, no date is after LATEST_DATE and its id is new; any other line takes
the reference path (orjson or json, jsonschema, the converter's number checks), whose
messages are the report's. Here every line the fast verdict accepts is judged by the
reference path too, on drawn records, broken ones, the synthetic roster's invalid records
and hand-written edge cases; and `validate` prints the same bytes with it and without.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from competency import synth
from competency.cli import app
from competency.io import limits
from competency.io import roster as roster_module
from competency.io.roster import _judge
from competency.schema.convert import unstructure
from competency.schema.verdict import struct_verdict
from competency.standards.consistency import builtin_term_periods, period_notes
from tests.io.test_fast_validation import _SLOW, VALID, broken
from tests.strategies import officials

pytest.importorskip("msgspec")

FAST = struct_verdict("official")
JUDGE = _judge("r.jsonl", "official", redact=False)


def fast_accepts(line: bytes) -> bool:
    """The fast verdict of `validate`: decoded by the Structs, no date after LATEST_DATE."""
    record = FAST(line)
    return record is not None and not record.later_than(limits.LATEST_DATE)


def reference_accepts(line: bytes) -> bool:
    return type(JUDGE(1, line)) is dict


def assert_never_more_lenient(line: bytes) -> None:
    if fast_accepts(line):
        assert reference_accepts(line), line


def encodings(record: Any) -> list[bytes]:
    """The ways a writer may put a record on a line."""
    return [json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass"),
            json.dumps(record).encode(), json.dumps(record, separators=(",", ":")).encode()]


@_SLOW
@given(st.one_of(VALID, broken()))
def test_drawn_and_broken_records(instance):
    for line in encodings(instance):
        assert_never_more_lenient(line)


@given(officials)
def test_valid_officials_take_the_fast_path(official):
    """The fast path is taken, not only safe: every record of a valid official is decoded,
    and its notes read from the Structs are those read from the record."""
    data = unstructure(official)
    for line in encodings(data):
        record = FAST(line)
        assert record is not None, line
        assert record.id == data["id"]
        table = builtin_term_periods()
        assert period_notes(record, table) == period_notes(data, table)


def _twice(node: dict[str, Any], key: str) -> str:
    """The JSON text of ``node`` with its member ``key`` written twice, the last time last."""
    body = json.dumps(node)[1:-1]
    return "{" + body + ", " + json.dumps(key) + ": " + json.dumps(node[key]) + "}"


@given(officials, st.data())
def test_a_key_given_twice_is_never_fast(official, data):
    """At the top of the record, or in its unit: msgspec keeps the last, the reference refuses."""
    record = unstructure(official)
    key = data.draw(st.sampled_from(sorted(record)))
    lines = [_twice(record, key)]
    if record.get("unit"):
        unit = record["unit"]
        inner = _twice(unit, data.draw(st.sampled_from(sorted(unit))))
        lines.append(json.dumps({**record, "unit": None}).replace('"unit": null', '"unit": ' + inner))
    for line in lines:
        assert FAST(line.encode()) is None, line
        assert not reference_accepts(line.encode())


def test_the_synthetic_rosters_invalid_records():
    records = list(synth.generate(400, seed=5, on=dt.date(2025, 6, 30), invalid_share=0.5))
    refused = 0
    for record in records:
        for line in encodings(record):
            assert_never_more_lenient(line)
            refused += not reference_accepts(line)
    assert refused >= 3 * 200  # the invalid half is refused in every encoding


OK = '{"id": "A"}'
EDGE_CASES = [
    # a final newline passes a pattern's `$` in Python, and a date's too
    '{"id": "A", "unit": {"province_code": "12\\n"}}',
    '{"id": "A", "unit": {"province_code": "12\\n\\n"}}',
    '{"id": "A", "birth_date": "2020-01-01\\n"}',
    '{"id": "A", "facts": [{"code": "abc\\n", "value": true}]}',
    # lone surrogates, as values and as keys; a pair is one character
    '{"id": "\\ud800"}', '{"id": "A", "full_name": "\\udc00x"}', '{"id": "A\\ud800\\u0041"}',
    '{"id": "A", "\\ud800": 1}', '{"id": "\\ud83d\\ude00"}',
    # a key given twice, at the top, nested, with null twice, with the same value
    '{"id": "A", "id": "B"}', '{"id": "A", "full_name": null, "full_name": null}',
    '{"id": "A", "unit": {"name": "x", "name": "x"}}',
    '{"id": "A", "assignments": [{"title": "t", "title": "t"}]}',
    '{"id": "A", "full_name": "a:b", "full_name": "a:b"}', '{"id": "A", "full_name": "a:b"}',
    '{"id": "A", "full_name": "a\\u003ab"}', '{"id": "A", "full_name": "a\\u003Ab"}',
    # numbers: float-valued integers, huge ones, non-numbers
    '{"id": "A", "ratings": [{"year": 2020.0, "rating": "hoan_thanh"}]}',
    '{"id": "A", "ratings": [{"year": 2e3, "rating": "hoan_thanh"}]}',
    '{"id": "A", "training": [{"programme": "p", "periods": 40.0}]}',
    '{"id": "A", "training": [{"programme": "p", "periods": 123456789012345678901234567890}]}',
    '{"id": "A", "languages": [{"language": "en", "score": 1' + "0" * 400 + "}]}",
    '{"id": "A", "languages": [{"language": "en", "score": 1' + "0" * 305 + "}]}",
    '{"id": "A", "languages": [{"language": "en", "score": 1e999}]}',
    '{"id": "A", "languages": [{"language": "en", "score": NaN}]}',
    '{"id": "A", "languages": [{"language": "en", "score": -0.0}]}',
    '{"id": "A", "languages": [{"language": "en", "score": 5}]}',
    '{"id": "A", "training": [{"programme": "p", "periods": ' + "9" * 5000 + "}]}",
    # dates: year 0000, impossible days, other ISO forms, later than LATEST_DATE
    '{"id": "A", "birth_date": "0000-01-01"}', '{"id": "A", "birth_date": "0001-01-01"}',
    '{"id": "A", "birth_date": "2023-02-29"}', '{"id": "A", "birth_date": "2024-02-29"}',
    '{"id": "A", "birth_date": "20240101"}', '{"id": "A", "birth_date": "2024-W01-1"}',
    '{"id": "A", "birth_date": "2024-01-01T00:00:00"}', '{"id": "A", "birth_date": "٢٠٢٠-01-01"}',
    '{"id": "A", "birth_date": "9999-12-31"}', '{"id": "A", "birth_date": "2199-12-31"}',
    '{"id": "A", "assignments": [{"title": "t", "end": "2200-01-01"}]}',
    '{"id": "A", "career": [{"kind": "bo_nhiem", "on": "2020-01-01", "term_end": "9999-01-01"}]}',
    # null where the schema has no null, empty and unknown values
    '{"id": null}', '{"id": ""}', '{"id": "A", "ratings": [{"year": null, "rating": "hoan_thanh"}]}',
    '{"id": "A", "career": [{"kind": "bo_nhiem", "on": null}]}', '{"id": "A", "zz": 1}',
    '{"id": "A", "assignments": [null]}', '{"id": "A", "unit": {"area_types": [null]}}',
    # not an object, not JSON, two values
    "[]", '"A"', '{"id": "A"', '{"id": "A"} {}', '{"id": "A"},', "\xff",
]


@pytest.mark.parametrize("line", EDGE_CASES)
def test_edge_cases(line):
    assert_never_more_lenient(line.encode("utf-8", "surrogatepass"))


def test_the_edge_cases_are_mostly_invalid_and_some_fast():
    """The list holds lines both ways: refused by the reference, and accepted fast."""
    lines = [line.encode("utf-8", "surrogatepass") for line in EDGE_CASES]
    assert sum(not reference_accepts(line) for line in lines) >= 40
    assert {line for line in EDGE_CASES if fast_accepts(line.encode())} >= {
        '{"id": "\\ud83d\\ude00"}', '{"id": "A", "birth_date": "2199-12-31"}',
        '{"id": "A", "full_name": "a:b"}',
        '{"id": "A", "languages": [{"language": "en", "score": 5}]}'}


def test_a_date_after_latest_date_is_seen_at_any_depth():
    for line in ('{"id": "A", "party_joined_on": "2200-01-01"}',
                 '{"id": "A", "assignments": [{"title": "t", "start": "2200-01-01"}]}',
                 '{"id": "A", "facts": [{"code": "x", "value": true, "on": "2200-01-01"}]}'):
        record = FAST(line.encode())
        assert record is not None
        assert record.later_than(limits.LATEST_DATE)
        assert not record.later_than(dt.date(2200, 1, 1))


# -- validate prints the same bytes with the fast verdict and without -----------------------

@pytest.fixture(scope="module")
def roster(tmp_path_factory) -> Path:
    """A synthetic roster with invalid records, notes, repeated ids and odd lines."""
    records = list(synth.generate(1200, seed=3, on=dt.date(2025, 6, 30), invalid_share=0.03))
    for number, record in enumerate(records):
        posts = record.get("assignments")
        if number % 50 == 0 and isinstance(posts, list) and posts and isinstance(posts[0], dict):
            posts[0].update(start="2025-09-01", unit={"level": "district"})
    lines = [json.dumps(r, ensure_ascii=number % 2 == 0) for number, r in enumerate(records)]
    lines[7] = lines[3]  # a repeated id
    lines[11:11] = [line for line in EDGE_CASES if "\\ud800" not in line]
    path = tmp_path_factory.mktemp("verdict") / "roster.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _validate(path: Path, *options: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(app, ["validate", str(path), "--lang", "en", *options])
    return done.exit_code, done.stdout, done.stderr


@pytest.mark.parametrize("options", [("--jobs", "1"), ("--jobs", "1", "--format", "json"),
                                     ("--jobs", "2"), ("--jobs", "1", "--redact")])
def test_validate_prints_the_same_with_the_fast_verdict_and_without(roster, monkeypatch, options):
    monkeypatch.setattr(roster_module, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(roster_module, "_PART_BYTES", 100_000)
    calls = []

    def counted(kind: str) -> Any:
        verdict = struct_verdict(kind)
        return lambda line: calls.append(line) or verdict(line)

    monkeypatch.setattr(roster_module, "struct_verdict", counted)
    fast = _validate(roster, *options)
    monkeypatch.setattr(roster_module, "struct_verdict", lambda kind: None)
    reference = _validate(roster, *options)
    assert fast == reference
    code, out, err = fast
    assert code == 1
    assert "duplicate id" in out + err and "duplicate key" in out + err
    assert "LATEST_DATE" in out + err and "note:" in err
    if options[1] == "1":  # one process: the calls are seen here
        assert len(calls) > 1000


def test_without_msgspec_there_is_no_fast_verdict(monkeypatch):
    """The reference path is then the only one (the identity test above runs it)."""
    assert struct_verdict.__wrapped__("standard") is None  # no Structs for this kind
    monkeypatch.setitem(sys.modules, "msgspec", None)  # as if not installed
    assert struct_verdict.__wrapped__("official") is None
