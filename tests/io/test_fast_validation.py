"""The fast validation path agrees with the reference, record by record.

`validate` gives its verdict with the compiled validator (jsonschema-rs), reads JSON Lines
with orjson, never structures a valid record, and may share a large file among processes.
Each shortcut is checked here against the slow path it replaces: the reference
`jsonschema` validator, the standard `json` module, `checked_records`, one process.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from competency import synth
from competency.io import COLUMNS, SourceLocation, read_records
from competency.io import roster as roster_module
from competency.io._json import _slow_line, parse_line
from competency.io.roster import Tally, checked_records, reported_records
from competency.schema.convert import unstructure
from competency.schema.validate import _pointer, load_schema, validator
from competency.standards.consistency import builtin_term_periods, period_notes
from tests.strategies import DATES, officials

pytest.importorskip("jsonschema_rs")

FAST = validator("official")
COMPILED = FAST._compiled
REFERENCE = FAST._reference


def compiled_pointers(instance: Any) -> set[str]:
    return {_pointer(error.instance_path) for error in COMPILED.iter_errors(instance)}


def reference_pointers(instance: Any) -> set[str]:
    return {_pointer(error.absolute_path) for error in REFERENCE.iter_errors(instance)}


# -- drawn records, valid and broken --------------------------------------------------------

_DRAWN = from_schema(load_schema("official"),
                     custom_formats={"date": DATES.map(lambda d: d.isoformat())})
VALID = st.one_of(officials.map(unstructure), _DRAWN)

ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
BAD_DATES = ["2023-02-30", "1999-00-10", "2021-13-01", "0000-01-01", "2020-1-01", "20200101",
             "2020-01-01\n", "2020-01-01T00:00", "٢٠٢٠-01-01"]
JUNK = st.one_of(
    st.integers(-10, 3000), st.floats(allow_nan=False), st.booleans(), st.none(),
    st.text(max_size=6), st.just("bogus"), st.sampled_from(BAD_DATES), st.just("12\n"),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(),
                                                         max_size=2))


def _slots(node: Any, found: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Every (container, key or index) of a JSON value, outermost first."""
    if isinstance(node, dict):
        for key, value in node.items():
            found.append((node, key))
            _slots(value, found)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.append((node, index))
            _slots(value, found)
    return found


def _objects(node: Any) -> list[dict[str, Any]]:
    found = [node] if isinstance(node, dict) else []
    for value in node.values() if isinstance(node, dict) else node if isinstance(node, list) else ():
        found += _objects(value)
    return found


@st.composite
def broken(draw: st.DrawFn) -> dict[str, Any]:
    """A valid record with one to three mutations: a wrong value (type, enum code, date,
    pattern), a key removed (required ones among them) or an unknown key added."""
    record = copy.deepcopy(draw(VALID))
    for _ in range(draw(st.integers(1, 3))):
        move = draw(st.sampled_from(["replace", "remove", "add", "date", "text"]))
        slots = _slots(record, [])
        texts = [(c, k) for c, k in slots if isinstance(c[k], str)]
        dates = [(c, k) for c, k in texts if ISO_DATE.match(c[k])]
        if move == "date" and dates:
            container, key = draw(st.sampled_from(dates))
            container[key] = draw(st.sampled_from(BAD_DATES))
        elif move == "text" and texts:  # a code with a trailing newline, or a near miss
            container, key = draw(st.sampled_from(texts))
            container[key] = container[key] + draw(st.sampled_from(["\n", "\n\n", "x", " "]))
        elif move in ("replace", "date", "text") and slots:
            container, key = draw(st.sampled_from(slots))
            container[key] = draw(JUNK)
        elif move == "remove":
            holders = [o for o in _objects(record) if o]
            if holders:
                holder = draw(st.sampled_from(holders))
                del holder[draw(st.sampled_from(sorted(holder)))]
        else:
            holder = draw(st.sampled_from(_objects(record)))
            holder[draw(st.sampled_from(["zz_unknown", "ghi_chu", "Id"]))] = draw(JUNK)
    return record


_SLOW = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                        HealthCheck.data_too_large])


@_SLOW
@given(st.one_of(VALID, broken()))
def test_compiled_and_reference_validators_agree_on_verdict_and_pointers(instance):
    """Same verdict, and errors at the same JSON pointers (the error lines are the
    reference's, found from the places the compiled validator points at)."""
    assert FAST.is_valid(instance) == REFERENCE.is_valid(instance)
    assert compiled_pointers(instance) == reference_pointers(instance)


@_SLOW
@given(broken())
def test_narrowed_errors_are_the_errors_of_the_whole_record(instance):
    """The reference run on the properties the compiled validator flags finds every error."""
    whole = validator("official", fast=False).errors(instance)
    assert FAST.errors(instance) == whole
    assert FAST.errors(instance, redact=True) == \
        validator("official", fast=False).errors(instance, redact=True)


@pytest.mark.parametrize(("value", "valid"), [
    ("0000-01-01", False), ("0001-01-01", True), ("2024-02-29", True), ("2023-02-29", False)])
def test_year_zero_is_not_a_date_on_either_path(value, valid):
    """Python's dates (the reference) start at year 1; the compiled validator follows."""
    record = {"id": "A", "birth_date": value}
    assert FAST.is_valid(record) is valid
    assert REFERENCE.is_valid(record) is valid


def test_a_pattern_ends_where_the_reference_says():
    """A final newline passes a pattern's `$` in the reference; the compiled one agrees."""
    for code, valid in (("12", True), ("12\n", True), ("12\n\n", False), ("1", False)):
        record = {"id": "A", "unit": {"province_code": code}}
        assert FAST.is_valid(record) is REFERENCE.is_valid(record) is valid


# -- orjson reads a line as json does ------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                max_size=3),
    max_leaves=12)


def _line(draw: st.DrawFn) -> bytes:
    text = json.dumps(draw(st.dictionaries(st.text(max_size=4), JSON_VALUES, max_size=4)
                           | JSON_VALUES), ensure_ascii=draw(st.booleans()))
    raw = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):  # and broken: a byte changed, cut short or doubled
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.sampled_from([b"", b",", b"\xff", b"}", b"\\", b'"', b"NaN",
                                               b"1e999", b"9" * 30])) + raw[at + 1:]
    return raw.strip()


@given(st.data())
def test_fast_line_reading_equals_the_reference_reading(data):
    """Values, problems and messages of a JSON Lines line: orjson when it can, json's else."""
    raw = _line(data.draw)
    where = SourceLocation(file="r.jsonl", line=3)
    fast, slow = parse_line(raw, where), _slow_line(raw, where)
    assert (repr(fast.data), fast.problems, fast.location) == \
        (repr(slow.data), slow.problems, slow.location)


def test_integers_beyond_64_bits_stay_integers():
    """orjson would read them as floats; such lines are read by json."""
    for text in ('{"a": 123456789012345678901234567890}', '{"a": -9223372036854775809}'):
        record = parse_line(text.encode(), SourceLocation(file="r.jsonl", line=1))
        assert type(record.data["a"]) is int


# -- notes from the record as read ---------------------------------------------------------

@given(officials)
def test_period_notes_of_a_record_equal_those_of_its_official(official):
    """The notes `validate` computes from the raw record are those of the structured one."""
    periods = builtin_term_periods()
    assert period_notes(unstructure(official), periods) == period_notes(official, periods)


# -- the lean path against checked_records -------------------------------------------------

@pytest.fixture(scope="module")
def roster(tmp_path_factory) -> Path:
    """A synthetic roster with ~2% invalid records, some notes and a few odd numbers."""
    records = list(synth.generate(1500, seed=11, on=dt.date(2026, 1, 1), invalid_share=0.02))
    for number, record in enumerate(records):  # posts at a level, or in a rank, out of its time
        posts = record.get("assignments")
        if not (isinstance(posts, list) and posts and isinstance(posts[0], dict)):
            continue
        if number % 40 == 0:
            posts[0].update(start="2025-09-01", unit={"level": "district"})
        elif number % 45 == 0:
            posts[0].update(start="2025-06-30", rank="Chuyên gia cao cấp")
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines[5] = lines[5].replace('"year": 2023', '"year": 2023.0')       # schema: yes; converter: no
    lines[9] = '{"id": "X-9", "languages": [{"language": "en", "score": 1' + "0" * 400 + "}]}"
    lines[12] = '{"id": "X-12", "birth_date": "0000-01-01"}'
    lines[20] = '{"id": "X-20"'                                           # not JSON
    lines[30] = ""                                                        # blank line
    path = tmp_path_factory.mktemp("lean") / "roster.jsonl"
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _by_checked_records(path: Path) -> tuple[Tally, list[tuple[str, tuple[str, ...], tuple[str, ...]]]]:
    """What validate printed when it structured every record: the slow path."""
    tally, lines = Tally(), []
    periods = builtin_term_periods()
    for record in checked_records(path):
        tally.add(record)
        notes = record.raw.notes
        if record.official is not None:
            notes += period_notes(record.official, periods)
        if notes or record.errors:
            lines.append((str(record.raw.location), record.errors, notes))
    return tally, lines


def _by_reported_records(path: Path, **options: Any):
    tally = Tally()

    def notes(data: dict[str, Any]) -> tuple[str, ...]:
        return period_notes(data, builtin_term_periods())

    lines = [(str(r.raw.location), r.errors, r.raw.notes)
             for r in reported_records(path, tally, notes=notes, **options)]
    return tally, lines


def test_lean_path_and_checked_records_agree_on_every_record(roster):
    """Same valid/invalid split, same error strings and notes at the same lines."""
    slow_tally, slow = _by_checked_records(roster)
    lean_tally, lean = _by_reported_records(roster, jobs=1)
    assert slow_tally.invalid >= 30
    assert lean_tally == slow_tally
    assert lean == slow
    assert any(notes for _, _, notes in lean)


def test_processes_give_what_one_process_gives(roster, monkeypatch):
    """A file cut into parts among processes: the same records, lines and counts, in order."""
    one_tally, one = _by_reported_records(roster, jobs=1)
    monkeypatch.setattr(roster_module, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(roster_module, "_PART_BYTES", 20_000)
    many_tally, many = _by_reported_records(roster, jobs=2)
    assert (many_tally, many) == (one_tally, one)


def test_lean_path_agrees_on_a_spreadsheet_export(roster, tmp_path):
    """CSV rows go through the same lean path (column names in the messages)."""
    flat = [c for c in COLUMNS if all(not isinstance(p, int) for p in c.path)][:12]
    rows = [";".join(c.name for c in flat)]
    for raw in list(read_records(roster))[:300]:
        data = raw.data or {}
        cells = []
        for column in flat:
            value: Any = data
            for part in column.path:
                value = value.get(part) if isinstance(value, dict) else None
            cells.append("" if value is None or isinstance(value, dict | list) else str(value))
        rows.append(";".join(c.replace(";", ",") for c in cells))
    path = tmp_path / "roster.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert _by_reported_records(path, jobs=1) == _by_checked_records(path)
