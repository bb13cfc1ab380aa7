"""Hostile or odd input on the reading side: refused or noted clearly, every record counted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from competency.io import RawRecord, read_records
from competency.io.roster import Tally, checked_records, reported_records

GOOD = {"id": "A-1", "category": "cong_chuc"}


def good(identifier: str) -> str:
    return json.dumps({**GOOD, "id": identifier})


def read(path: Path, **options: str) -> list[RawRecord]:
    return list(read_records(path, **options))


def tally_of(path: Path) -> Tally:
    tally = Tally()
    for _ in reported_records(path, tally, jobs=1):
        pass
    return tally


# -- JSON: huge integers, NaN and infinities, duplicate keys ------------------------------

BIG = "9" * 5000
HOSTILE_VALUES = {
    "huge integer": (BIG, "/x: an integer of 5000 digits; at most 4300 digits are read"),
    "NaN": ("NaN", "/x: NaN is not a JSON number"),
    "Infinity": ("Infinity", "/x: Infinity is not a JSON number"),
    "-Infinity": ("-Infinity", "/x: -Infinity is not a JSON number"),
    "1e999": ("1e999", "/x: 1e999 is too large for a number"),
}


@pytest.mark.parametrize("name", HOSTILE_VALUES)
def test_jsonl_hostile_number_is_one_invalid_record(tmp_path, name):
    """The line is invalid with a clear message; the lines after it are still read."""
    text, message = HOSTILE_VALUES[name]
    roster = tmp_path / "r.jsonl"
    roster.write_text(good("A-1") + '\n{"id": "A-2", "x": ' + text + "}\n" + good("A-3") + "\n")
    records = read(roster)
    assert [r.location.line for r in records] == [1, 2, 3]
    assert [r.ok for r in records] == [True, False, True]
    assert records[1].problems == (message,)
    assert records[1].data["id"] == "A-2"
    assert tally_of(roster).as_dict() == {"read": 3, "valid": 2, "invalid": 1}
    checked = list(checked_records(roster))
    assert [bool(c.errors) for c in checked] == [False, True, False]


@pytest.mark.parametrize("name", HOSTILE_VALUES)
def test_json_hostile_number_is_one_invalid_record(tmp_path, name):
    text, message = HOSTILE_VALUES[name]
    roster = tmp_path / "r.json"
    roster.write_text("[" + good("A-1") + ',\n{"id": "A-2", "x": ' + text + "},\n"
                      + good("A-3") + "]")
    records = read(roster)
    assert [r.location.line for r in records] == [1, 2, 3]
    assert [r.ok for r in records] == [True, False, True]
    assert records[1].problems == (message,)


def test_jsonl_duplicate_key_is_refused_with_its_pointer(tmp_path):
    roster = tmp_path / "r.jsonl"
    roster.write_text('{"id": "A", "id": "B"}\n'
                      '{"id": "C", "category": "cong_chuc", "education": '
                      '[{"level": "dai_hoc", "level": "thac_si"}]}\n'
                      + good("D") + "\n")
    records = read(roster)
    assert records[0].problems == ("/id: duplicate key 'id' (the object gives it twice)",)
    assert records[1].problems == (
        "/education/0/level: duplicate key 'level' (the object gives it twice)",)
    assert records[2].ok
    assert tally_of(roster).as_dict() == {"read": 3, "valid": 1, "invalid": 2}


def test_json_duplicate_key_is_refused(tmp_path):
    roster = tmp_path / "r.json"
    roster.write_text('[{"id": "A", "category": "cong_chuc", "id": "B"}, ' + good("C") + "]")
    records = read(roster)
    assert records[0].problems == ("/id: duplicate key 'id' (the object gives it twice)",)
    assert records[1].ok


def test_jsonl_key_lookalikes_in_strings_are_not_duplicates(tmp_path):
    """A string holding ``":`` must not make a record look as if it had more keys."""
    roster = tmp_path / "r.jsonl"
    roster.write_text(json.dumps({**GOOD, "full_name": 'a": b": c'}) + "\n")
    assert read(roster)[0].ok


@pytest.mark.parametrize("line", ['{"id": "A", "id" : "B"}', '{"id": "A", "x": "\\u003a", "id": "B"}',
                                  '{"id":"A","id":"B"}'])
def test_jsonl_duplicate_key_written_any_way_is_refused(tmp_path, line):
    """Spacing or escapes that change how many colons the text has do not hide a repeated key."""
    roster = tmp_path / "r.jsonl"
    roster.write_text(line + "\n")
    assert read(roster)[0].problems[-1] == "/id: duplicate key 'id' (the object gives it twice)"


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "-Infinity", "1e999"])
def test_csv_score_that_is_not_a_finite_number_is_invalid(tmp_path, text):
    roster = tmp_path / "r.csv"
    roster.write_text(f"id,category,language_score\nA-1,cong_chuc,{text}\nA-2,cong_chuc,6.5\n")
    records = read(roster)
    assert records[0].problems == (f"column 'language_score': {text!r} is not a number",)
    assert records[1].ok


def test_xlsx_score_that_is_not_a_finite_number_is_invalid():
    from competency.io._cells import CellError, Number
    with pytest.raises(CellError, match="is not a number"):
        Number()(float("inf"))


# -- CSV: an unterminated quote -----------------------------------------------------------

def test_csv_unterminated_quote_is_reported_with_the_lines_it_swallowed(tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("id,category,full_name\nA-1,cong_chuc,x\nA-2,cong_chuc,\"broken\n"
                      "A-3,cong_chuc,y\nA-4,cong_chuc,z\n")
    records = read(roster)
    assert [str(r.location) for r in records] == [f"{roster}:2", f"{roster}:3"]
    assert records[0].ok
    assert records[1].problems == (
        "unreadable CSV row: a quote opened on line 3 is never closed; lines 3 to 5 "
        "were read as one row (2 lines after line 3)",)
    assert tally_of(roster).as_dict() == {"read": 2, "valid": 1, "invalid": 1}


def test_csv_text_after_a_closing_quote_is_an_unreadable_row(tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text('id,category,full_name\nA-1,cong_chuc,"x"y\nA-2,cong_chuc,z\n')
    records = read(roster)
    assert records[0].problems[0].startswith("unreadable CSV row: ")
    assert records[1].ok


def test_csv_quoted_cell_over_several_lines_is_still_read(tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text('id,category,full_name\nA-1,cong_chuc,"two\nlines"\nA-2,cong_chuc,z\n')
    records = read(roster)
    assert [r.ok for r in records] == [True, True]
    assert records[0].data["full_name"] == "two\nlines"
