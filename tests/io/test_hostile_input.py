"""Hostile or odd input on the reading side: refused or noted clearly, every record counted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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


# -- YAML data files: nested aliases, repeated keys ---------------------------------------

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8))


def test_yaml_billion_laughs_is_refused_quickly():
    """Nine levels of ten aliases would be a billion nodes once expanded."""
    import time

    from competency.io import limits
    from competency.io.safe_yaml import load_yaml
    assert len(LAUGHS) < 500
    started = time.perf_counter()
    with pytest.raises(ValueError, match=(
            f"more than {limits.MAX_YAML_NODES:,} values once its aliases are expanded")):
        load_yaml(LAUGHS)
    assert time.perf_counter() - started < 2


def test_cli_overlay_with_billion_laughs_exits_two_quickly(tmp_path):
    import subprocess
    import sys
    overlay = tmp_path / "bomb.yaml"
    overlay.write_text(LAUGHS)
    roster = tmp_path / "r.jsonl"
    roster.write_text(good("A-1") + "\n")
    result = subprocess.run([sys.executable, "-m", "competency", "check", str(roster),
                             "--on", "2025-06-30", "--overlay", str(overlay)],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert "values once its aliases are expanded" in result.stderr
    assert "Traceback" not in result.stderr


def test_yaml_aliases_within_the_limit_still_load():
    from competency.io.safe_yaml import load_yaml
    assert load_yaml("a: &x {k: 1}\nb: *x\nc: {<<: *x, k: 2}\n") == {
        "a": {"k": 1}, "b": {"k": 1}, "c": {"k": 2}}


def test_yaml_repeated_key_is_refused_with_its_line():
    from competency.io.safe_yaml import load_yaml
    with pytest.raises(ValueError, match=r"^key 'id' given twice in a mapping \(line 3; "
                                         r"first on line 1\)$"):
        load_yaml("id: a\nname: b\nid: c\n")
    with pytest.raises(ValueError, match=r"line 3"):
        load_yaml("list:\n  - {k: 1,\n     k: 2}\n")


# -- XLSX: decompression bombs; rows beyond the limit -------------------------------------

def workbook(path: Path, rows: list[list[object]], *, sheets: int = 1) -> Path:
    import openpyxl
    book = openpyxl.Workbook()
    book.remove(book.active)
    for number in range(sheets):
        sheet = book.create_sheet(f"S{number + 1}")
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_xlsx_that_inflates_beyond_the_limit_is_refused_before_reading(tmp_path, monkeypatch):
    import zipfile

    from competency.errors import InputError
    from competency.io import limits
    path = workbook(tmp_path / "bomb.xlsx", [["id"], ["A-1"]])
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.bin", b"\0" * (24 << 20))
    assert path.stat().st_size < 1 << 20
    monkeypatch.setattr(limits, "MAX_XLSX_BYTES", 16 << 20)
    with pytest.raises(InputError, match=(
            r"inflates to 25,\d+,\d+ bytes, more than the 16,777,216 bytes read "
            r"\(MAX_XLSX_BYTES\)")):
        read(path)


def test_xlsx_that_inflates_too_many_times_is_refused(tmp_path, monkeypatch):
    import zipfile

    from competency.errors import InputError
    from competency.io import limits
    path = workbook(tmp_path / "bomb.xlsx", [["id"], ["A-1"]])
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.bin", b"\0" * (24 << 20))
    monkeypatch.setattr(limits, "RATIO_CHECKED_BYTES", 1 << 20)
    with pytest.raises(InputError, match=r"inflates \d+ times.*\(MAX_XLSX_RATIO\)"):
        read(path)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_rows_beyond_the_limit_end_the_file_with_one_invalid_record(tmp_path, monkeypatch, kind):
    from competency.io import limits
    monkeypatch.setattr(limits, "MAX_ROWS", 5)
    rows = [["id", "category"], *[[f"A-{n}", "cong_chuc"] for n in range(1, 10)]]
    if kind == "csv":
        path = tmp_path / "r.csv"
        path.write_text("".join(",".join(r) + "\n" for r in rows))
    else:
        path = workbook(tmp_path / "r.xlsx", rows[:5], sheets=3)
    records = read(path)
    assert [r.ok for r in records] == [True] * 4 + [False]
    assert records[-1].problems == (
        "more than 5 rows in the file (MAX_ROWS); this row and the rest were not read",)
    expected = f"{path}:6" if kind == "csv" else f"{path}:S2!1"
    assert str(records[-1].location) == expected


# -- duplicate official ids: the first wins, later ones are invalid -----------------------

DUPLICATE = "/id: duplicate id {id!r}, first at {first}; only the first record with an id is used"


def test_repeated_id_in_jsonl_is_invalid_after_the_first(tmp_path):
    roster = tmp_path / "r.jsonl"
    roster.write_text("\n".join([good("A-1"), good("A-2"), good("A-1"), '{"id": "A-1"}']) + "\n")
    message = DUPLICATE.format(id="A-1", first=f"{roster}:1")
    checked = list(checked_records(roster))
    assert [c.errors[-1:] for c in checked] == [(), (), (message,), (message,)]
    assert [c.official is not None for c in checked] == [True, True, False, False]
    tally = Tally()
    reported = list(reported_records(roster, tally, jobs=1))
    assert [str(r.raw.location) for r in reported] == [f"{roster}:3", f"{roster}:4"]
    assert reported[0].errors == (message,)
    assert tally.as_dict() == {"read": 4, "valid": 2, "invalid": 2}


def test_repeated_id_is_found_across_parts_on_several_processes(tmp_path, monkeypatch):
    from competency.io import roster as roster_module
    monkeypatch.setattr(roster_module, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(roster_module, "_PART_BYTES", 200)
    roster = tmp_path / "r.jsonl"
    lines = [good(f"A-{n}") for n in range(40)] + [good("A-3"), '{"id": "A-5", "x": 1}']
    roster.write_text("\n".join(lines) + "\n")
    tally = Tally()
    reported = list(reported_records(roster, tally, jobs=2))
    assert [str(r.raw.location) for r in reported] == [f"{roster}:41", f"{roster}:42"]
    assert reported[0].errors == (DUPLICATE.format(id="A-3", first=f"{roster}:4"),)
    assert reported[1].errors[-1] == DUPLICATE.format(id="A-5", first=f"{roster}:6")
    assert tally.as_dict() == {"read": 42, "valid": 40, "invalid": 2}


def test_repeated_id_in_a_workbook_names_the_first_row(tmp_path):
    path = workbook(tmp_path / "r.xlsx", [["id", "category"], ["A-1", "cong_chuc"],
                                          ["A-1", "cong_chuc"]])
    checked = list(checked_records(path))
    assert checked[1].errors == (DUPLICATE.format(id="A-1", first=f"{path}:S1!2"),)


def test_cli_check_and_targets_count_a_repeated_id_once(tmp_path):
    import subprocess
    import sys
    roster = tmp_path / "r.jsonl"
    roster.write_text("\n".join([good("A-1"), good("A-2"), good("A-1")]) + "\n")
    for command in (["check", str(roster), "--on", "2025-06-30", "--lang", "en"],
                    ["targets", str(roster), "--on", "2025-06-30", "--lang", "en"],
                    ["validate", str(roster), "--lang", "en"]):
        result = subprocess.run([sys.executable, "-m", "competency", *command],
                                capture_output=True, text=True, check=False)
        assert "read 3, valid 2, invalid 1" in result.stdout + result.stderr, command
        assert f"{roster}:3: " + DUPLICATE.format(id="A-1", first=f"{roster}:1") in result.stderr, command


# -- UTF-16 and UTF-32 files, with their byte order mark ----------------------------------

WIDE_CONSOLE = {**os.environ, "COLUMNS": "300"}
WIDE = ["utf-16", "utf-16-be", "utf-32", "utf-32-be"]


def wide(text: str, encoding: str) -> bytes:
    """Text with a byte order mark, as Windows tools write UTF-16 and UTF-32."""
    import codecs
    boms = {"utf-16": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
            "utf-32": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}
    plain = {"utf-16": "utf-16-le", "utf-16-be": "utf-16-be", "utf-32": "utf-32-le",
             "utf-32-be": "utf-32-be"}
    return boms[encoding] + text.encode(plain[encoding])


@pytest.mark.parametrize("encoding", WIDE)
def test_wide_jsonl_is_read_by_its_byte_order_mark(tmp_path, encoding):
    roster = tmp_path / "r.jsonl"
    roster.write_bytes(wide(good("A-1") + "\n" + good("Ệ-2") + "\n{bad\n", encoding))
    records = read(roster)
    assert [(r.location.line, r.ok) for r in records] == [(1, True), (2, True), (3, False)]
    assert records[1].data["id"] == "Ệ-2"
    assert tally_of(roster).as_dict() == {"read": 3, "valid": 2, "invalid": 1}


@pytest.mark.parametrize("encoding", WIDE)
def test_wide_json_and_csv_are_read_by_their_byte_order_mark(tmp_path, encoding):
    document = tmp_path / "r.json"
    document.write_bytes(wide("[" + good("A-1") + "]", encoding))
    assert [r.data["id"] for r in read(document)] == ["A-1"]
    table = tmp_path / "r.csv"
    table.write_bytes(wide("id,category\nÂ-1,cong_chuc\n", encoding))
    assert [(r.data["id"], r.ok) for r in read(table)] == [("Â-1", True)]


def test_wide_jsonl_line_too_long_is_one_invalid_record(tmp_path):
    roster = tmp_path / "r.jsonl"
    roster.write_bytes(wide('{"id": "' + "x" * 300 + '"}\n' + good("A-2") + "\n", "utf-16"))
    from competency.io._json import read_jsonl
    records = list(read_jsonl(roster, str(roster), max_line_bytes=100))
    assert [(r.location.line, r.ok) for r in records] == [(1, False), (2, True)]


def test_vector_engine_refuses_wide_jsonl_clearly(tmp_path):
    import subprocess
    import sys
    roster = tmp_path / "r.jsonl"
    roster.write_bytes(wide(good("A-1") + "\n", "utf-16"))
    result = subprocess.run([sys.executable, "-m", "competency", "check", str(roster), "--on",
                             "2025-06-30", "--engine", "vector", "--format", "jsonl"],
                            capture_output=True, text=True, check=False, env=WIDE_CONSOLE)
    assert result.returncode == 2
    assert "is UTF-16 text; --engine vector reads UTF-8 JSON Lines" in result.stderr


# -- empty inputs, folders and devices ----------------------------------------------------

def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "competency", *args], capture_output=True,
                          text=True, check=False, env=WIDE_CONSOLE, timeout=60)


def empty_inputs(tmp_path: Path) -> list[Path]:
    import openpyxl
    paths = []
    for name, content in [("e.jsonl", ""), ("blank.jsonl", "\n\n"), ("e.json", "[]"),
                          ("e.csv", ""), ("header.csv", "id,category\n")]:
        path = tmp_path / name
        path.write_text(content)
        paths.append(path)
    openpyxl.Workbook().save(tmp_path / "e.xlsx")
    return [*paths, tmp_path / "e.xlsx"]


@pytest.mark.parametrize("command", [["validate"], ["check", "--on", "2025-06-30"],
                                     ["targets", "--on", "2025-06-30"]])
def test_a_roster_without_records_is_an_error(tmp_path, command):
    for path in empty_inputs(tmp_path):
        result = run_cli(command[0], str(path), *command[1:])
        assert result.returncode == 2, (path, result.stdout, result.stderr)
        assert f"error: {path}: no records in the file" in result.stderr, path


def test_vector_engine_on_an_empty_file_a_folder_or_a_device(tmp_path):
    vector = ["--on", "2025-06-30", "--engine", "vector", "--format", "jsonl"]
    empty = tmp_path / "e.jsonl"
    empty.write_text("\n")
    folder = tmp_path / "d.jsonl"
    folder.mkdir()
    device = tmp_path / "zero.jsonl"
    device.symlink_to("/dev/zero")
    for path, message in [(empty, "no records in the file"), (folder, "not a file (a folder)"),
                          (device, "not a regular file"), (tmp_path / "absent.jsonl",
                                                           "no such file")]:
        result = run_cli("check", str(path), *vector)
        assert result.returncode == 2, path
        assert f"error: {path}: {message}" in result.stderr, (path, result.stderr)
        assert "Errno" not in result.stderr
    result = run_cli("validate", str(device))
    assert (result.returncode, f"error: {device}: not a regular file" in result.stderr) == (2, True)


# -- CSV: a tab before a formula is kept --------------------------------------------------

@pytest.mark.parametrize("text", ["\t=1+2", "\r=1+2", " \t+1", "\t@SUM(A1)", "\t-1+2"])
def test_whitespace_before_a_formula_sign_is_kept(tmp_path, text):
    """Stripping it would turn a value a spreadsheet shows as text into a formula."""
    from competency.io._cells import cell_text
    assert cell_text(text) == text
    assert cell_text(text + "  ") == text
    roster = tmp_path / "r.csv"
    roster.write_text('id,category,full_name\nA-1,cong_chuc,"' + text + '"\n', newline="")
    assert read(roster)[0].data["full_name"] == text


def test_whitespace_around_plain_text_is_still_trimmed():
    from competency.io._cells import cell_text
    assert cell_text("\t Nguyễn Văn A \t") == "Nguyễn Văn A"


# -- title rows above the header ----------------------------------------------------------

@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_as_many_title_rows_as_the_limit_are_skipped_above_the_header(tmp_path, kind):
    from competency.io import limits
    titles = [[f"Tiêu đề {n}"] for n in range(limits.MAX_TITLE_ROWS)]
    rows = [*titles, ["id", "category"], ["A-1", "cong_chuc"]]
    if kind == "csv":
        path = tmp_path / "r.csv"
        path.write_text("".join(",".join(r) + "\n" for r in rows))
        header = f"{path}:{len(titles) + 1}"
    else:
        path = workbook(tmp_path / "r.xlsx", rows)
        header = f"{path}:S1!{len(titles) + 1}"
    records = read(path)
    assert [r.ok for r in records] == [True]
    assert records[0].notes[0].startswith(f"row(s) above the header at {header} skipped as "
                                          f"titles: 'Tiêu đề 0', ")


# -- XLSX: formulas without a saved value -------------------------------------------------

def test_formula_without_a_saved_value_is_noted_with_its_cell(tmp_path):
    """openpyxl writes formulas without results, as scripts and some exports do."""
    path = workbook(tmp_path / "r.xlsx", [["id", "category", "full_name"],
                                          ["A-1", "cong_chuc", "=CONCAT(\"a\",\"b\")"],
                                          ["A-2", "cong_chuc", "Nguyễn Văn B"]])
    records = read(path)
    assert records[0].notes == ("formula without a saved value in S1!C2; open and save the "
                                "workbook in Excel, or export values",)
    assert records[1].notes == ()
    assert [r.ok for r in records] == [True, True]


def test_formulas_with_saved_values_are_not_noted(tmp_path):
    import zipfile
    path = workbook(tmp_path / "r.xlsx", [["id", "category"], ["A-1", "cong_chuc"]])
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = next(n for n in parts if n.startswith("xl/worksheets/sheet"))
    parts[sheet] = parts[sheet].replace(b'<c r="A2" t="inlineStr"><is><t>A-1</t></is></c>',
                                        b'<c r="A2" t="str"><f>"A-1"</f><v>A-1</v></c>')
    assert b"<f>" in parts[sheet]
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    records = read(path)
    assert (records[0].data["id"], records[0].notes) == ("A-1", ())


# -- dates far in the future --------------------------------------------------------------

LATE = ("/recruited_on: '9999-12-31' is later than 2199-12-31, the latest date a record may "
        "hold (LATEST_DATE); leave an unknown date out")


def test_a_placeholder_date_far_in_the_future_is_invalid(tmp_path):
    roster = tmp_path / "r.jsonl"
    roster.write_text(json.dumps({**GOOD, "recruited_on": "9999-12-31"}) + "\n"
                      + json.dumps({**GOOD, "id": "A-2", "recruited_on": "2199-12-31"}) + "\n"
                      + json.dumps({**GOOD, "id": "A-3", "assignments": [
                          {"title": "cc_xa.tu_phap_ho_tich", "start": "3000-01-01"}]}) + "\n")
    checked = list(checked_records(roster))
    assert checked[0].errors == (LATE,)
    assert checked[1].errors == ()
    assert checked[2].errors == ("/assignments/0/start: '3000-01-01' is later than 2199-12-31, "
                                 "the latest date a record may hold (LATEST_DATE); leave an "
                                 "unknown date out",)
    tally = Tally()
    reported = list(reported_records(roster, tally, jobs=1))
    assert [r.errors for r in reported] == [checked[0].errors, checked[2].errors]
    table = tmp_path / "r.csv"
    table.write_text("id,category,recruited_on\nA-1,cong_chuc,31/12/9999\n")
    assert list(checked_records(table))[0].errors == (LATE + "",)


@pytest.mark.parametrize("name", ["r.json", "r.jsonl"])
def test_a_lone_surrogate_makes_the_record_invalid(tmp_path, name):
    roster = tmp_path / name
    roster.write_text('{"id": "A-1", "full_name": "x\\ud800y"}\n')
    records = read(roster)
    assert records[0].problems == ("/full_name: a lone surrogate (\\ud800) is not text",)
    assert tally_of(roster).as_dict() == {"read": 1, "valid": 0, "invalid": 1}


def test_every_limit_is_in_the_limits_page():
    """docs/limits.md names each limit of competency.io.limits."""
    from competency.io import limits
    page = (Path(__file__).resolve().parents[2] / "docs" / "limits.md").read_text("utf-8")
    for name in limits.__all__:
        assert f"`{name}`" in page, name
    assert "limits.md" in (Path(__file__).resolve().parents[2] / "mkdocs.yml").read_text("utf-8")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_vector_engine_counts_a_repeated_id_once(tmp_path, jobs):
    pytest.importorskip("polars")
    roster = tmp_path / "r.jsonl"
    official = {**GOOD, "assignments": [{"title": "cc_xa.tu_phap_ho_tich", "start": "2020-01-01"}],
                "unit": {"name": "Xã A", "level": "commune"}}
    roster.write_text("\n".join(json.dumps({**official, "id": i}) for i in
                                ["A-1", "A-2", "A-1"]) + "\n")
    result = run_cli("check", str(roster), "--on", "2025-06-30", "--engine", "vector",
                     "--format", "jsonl", "--jobs", jobs, "--lang", "en")
    reference = run_cli("check", str(roster), "--on", "2025-06-30", "--format", "jsonl",
                        "--lang", "en")
    assert "read 3, valid 2, invalid 1" in result.stderr, result.stderr
    assert f"{roster}:3: " + DUPLICATE.format(id="A-1", first=f"{roster}:1") in result.stderr
    ids = [json.loads(line)["official_id"] for line in result.stdout.splitlines()]
    assert sorted(ids) == ["A-1", "A-2"]
    assert sorted(json.loads(line)["official_id"] for line in reference.stdout.splitlines()) \
        == sorted(ids)


def test_an_event_after_the_as_of_date_is_noted_not_invalid(tmp_path):
    roster = tmp_path / "r.jsonl"
    roster.write_text(json.dumps({**GOOD, "recruited_on": "2026-03-01", "assignments": [
        {"title": "cc_xa.tu_phap_ho_tich", "start": "2020-01-01", "end": "2030-01-01"}]}) + "\n")
    for command in ("check", "targets"):
        result = run_cli(command, str(roster), "--on", "2025-06-30", "--lang", "en")
        assert f"{roster}:1: note: /recruited_on: 2026-03-01 is after the as-of date " \
               "2025-06-30" in result.stderr, command
        assert "/assignments/0/end" not in result.stderr
        assert "read 1, valid 1, invalid 0" in result.stdout + result.stderr


def test_xlsx_of_a_zip_version_python_cannot_read_is_refused(tmp_path):
    """Found by fuzzing: zipfile raises NotImplementedError for zip versions above 6.3."""
    from competency.errors import InputError
    path = workbook(tmp_path / "r.xlsx", [["id"], ["A-1"]])
    data = bytearray(path.read_bytes())
    central = data.find(b"PK\x01\x02")
    data[central + 6] = 64
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match=r"not a readable XLSX workbook \(zip file version 6.4\)"):
        read(path)


def test_yaml_lone_surrogate_is_refused_with_its_line():
    """Found by fuzzing an overlay: the compiled validator cannot take such a string."""
    from competency.io.safe_yaml import load_yaml
    with pytest.raises(ValueError, match=r"^a lone surrogate is not text \(line 2\)$"):
        load_yaml('a: 1\nb: "x\\ud800"\n')


@pytest.mark.parametrize("text", ["null: 1\n", "1: a\n", "? [a]\n: 1\n"])
def test_yaml_key_that_is_not_text_is_refused(text):
    """Found by fuzzing an overlay: a null or number key reached the compiled validator."""
    from competency.io.safe_yaml import load_yaml
    with pytest.raises(ValueError, match=r"is not text \(line 1\); write it in quotes$"):
        load_yaml(text)
