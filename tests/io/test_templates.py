"""Templates (mẫu nhập liệu): what a workbook offers is what the readers accept.

A template is filled the way a user fills it (through its drop-downs, date cells, numbers
within the checks), saved, and read back through the ordinary readers with no error.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from competency.errors import InputError
from competency.io._cells import Vocabulary, is_none_marker
from competency.io.assessments import read_assessments, read_participations
from competency.io.roster import checked_records
from competency.io.templates import (
    GUIDE_SHEET,
    KINDS,
    LISTS_SHEET,
    Choice,
    build_template,
    template_columns,
)
from tests.cli.test_cli import run

openpyxl = pytest.importorskip("openpyxl")

YEARS = (2023, 2024)
LISTS = {"competency": [Choice("drafting", "Soạn thảo văn bản"), Choice("it-use", "")],
         "programme": [Choice("qlnn-chuyen-vien", ""), Choice("tin-hoc-co-ban", "")]}
READERS = {"roster": checked_records, "assessments": read_assessments,
           "participations": read_participations}
KINDS_LANGS = [(k, lang) for k in KINDS for lang in ("vi", "en")]


def _save(tmp_path: Path, kind: str, lang: str) -> Path:
    path = tmp_path / f"{kind}-{lang}.xlsx"
    build_template(kind, lang, years=YEARS, lists=LISTS).save(path)
    return path


def _validations(sheet) -> dict[str, object]:
    """Column letter → the data validation that covers it from row 2 to the end."""
    found = {}
    for check in sheet.data_validations.dataValidation:
        for cells in str(check.sqref).split():
            letter, first, last = re.fullmatch(r"([A-Z]+)(\d+):\1(\d+)", cells).groups()
            assert (first, last) == ("2", "1048576")
            found[letter] = check
    return found


def _list_values(workbook, formula: str) -> list[str]:
    """The values a list validation offers, read from the range it names."""
    sheet, letter, first, last = re.fullmatch(r"'(.+)'!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)",
                                              formula).groups()
    return [workbook[sheet][f"{letter}{row}"].value for row in range(int(first), int(last) + 1)]


@pytest.mark.parametrize(("kind", "lang"), KINDS_LANGS)
def test_headers_are_the_columns_the_readers_match(kind, lang):
    """Every header of a template names its own column for the reader of its kind."""
    columns_of = KINDS[kind]
    ratings = 0
    for item in template_columns(kind, lang, years=YEARS):
        position = ratings if item.column.path[0] == "ratings" else 0
        matched = columns_of.match(item.header, position=position)
        assert matched is not None and matched.name == item.column.name, item.header
        ratings += item.column.path[0] == "ratings"
    assert ratings == (len(YEARS) if kind == "roster" else 0)


@pytest.mark.parametrize(("kind", "lang"), KINDS_LANGS)
def test_every_drop_down_value_is_accepted_by_its_column(kind, lang):
    """Each listed value converts (a vocabulary label to the code beside it), or records none."""
    for item in template_columns(kind, lang, years=YEARS, lists=LISTS):
        for choice in item.choices:
            if item.column.none and is_none_marker(choice.value):
                continue
            converted = item.column.cell(choice.value)
            if isinstance(item.column.cell, Vocabulary):
                assert converted == choice.note, (item.header, choice)


def test_coded_columns_have_list_validations_on_the_lists_sheet(tmp_path):
    """Drop-downs refer to ranges of 'Danh mục' holding the column's values; dates are checked
    and shown dd/mm/yyyy; codes are text; the header row is frozen."""
    workbook = openpyxl.load_workbook(_save(tmp_path, "roster", "vi"))
    data = workbook.worksheets[0]
    assert data.freeze_panes == "A2"
    checks = _validations(data)
    headers = {cell.value: cell.column_letter for cell in data[1]}
    items = {i.header: i for i in template_columns("roster", "vi", years=YEARS)}
    assert set(headers) == set(items)
    for header, letter in headers.items():
        item, check = items[header], checks.get(letter)
        if item.choices:
            assert check is not None and check.type == "list", header
            assert check.formula1.startswith(f"'{LISTS_SHEET}'!$"), check.formula1
            assert _list_values(workbook, check.formula1) == [c.value for c in item.choices]
    coded = ["Cấp", "Trình độ chuyên môn", "Đối tượng", "Ngạch", "Chức vụ", "Lý luận chính trị",
             "Ngoại ngữ", "Tin học", "Quản lý nhà nước", "Giới tính", "Xếp loại 2024"]
    assert all(checks[headers[h]].type == "list" for h in coded)
    assert checks[headers["Trình độ chuyên môn"]].showErrorMessage  # a closed vocabulary
    assert not checks[headers["Ngạch"]].showErrorMessage             # other professions' ranks
    for header in ("Ngày sinh", "Ngày tuyển dụng", "Ngày vào Đảng"):
        assert checks[headers[header]].type == "date"
        assert data.column_dimensions[headers[header]].number_format.lower() == "dd/mm/yyyy"
    assert data.column_dimensions[headers["Mã xã"]].number_format == "@"
    assert checks[headers["Mã xã"]].formula1 == "5"


def test_catalogue_names_are_never_formulas(tmp_path):
    """A programme named like a formula is written as text on the lists sheet."""
    path = tmp_path / "p.xlsx"
    build_template("participations", lists={"programme": [Choice("x", "=1+2")]}).save(path)
    listed = openpyxl.load_workbook(path)[LISTS_SHEET]
    [cell] = [c for row in listed.iter_rows() for c in row if c.value == "=1+2"]
    assert cell.data_type == "s"


def test_numbers_are_checked_within_their_schema_bounds(tmp_path):
    """The assessed level is a whole number 1–5 and the quality index 0–10, as the schemas say."""
    assessments = openpyxl.load_workbook(_save(tmp_path, "assessments", "en")).worksheets[0]
    level = _validations(assessments)["C"]
    assert assessments["C1"].value == "level"
    assert (level.type, level.operator, level.formula1, level.formula2) == (
        "whole", "between", "1", "5")
    participations = openpyxl.load_workbook(_save(tmp_path, "participations", "vi")).worksheets[0]
    index = _validations(participations)["I"]
    assert participations["I1"].value == "Chỉ số đánh giá chung"
    assert (index.type, index.formula1, index.formula2) == ("decimal", "0", "10")


def test_guide_sheet_explains_every_column(tmp_path):
    """One guide row per column: header, field, meanings in both languages, values, required."""
    workbook = openpyxl.load_workbook(_save(tmp_path, "assessments", "vi"))
    guide = workbook[GUIDE_SHEET]
    rows = {r[0]: r for r in guide.iter_rows(values_only=True) if r[1]}
    assert set(rows) - {"Cột · Column"} == {i.header for i in template_columns("assessments")}
    official = rows["Mã hồ sơ"]
    assert official[1] == "official_id" and official[5].startswith("bắt buộc")
    assert rows["Người đánh giá"][5].startswith("không bắt buộc")
    method = rows["Hình thức đánh giá"]
    assert method[2] == "Hình thức đánh giá." and "assessed" in method[3]
    assert LISTS_SHEET in method[4] and method[6].startswith(f"'{LISTS_SHEET}'!")


def _value(item, workbook, check, row: int):
    """What a user enters in a column: a drop-down value, a date, a number within the check."""
    if check is not None and check.type == "list":
        values = [v for v in _list_values(workbook, check.formula1) if not is_none_marker(v)]
        return values[row % len(values)]
    if check is not None and check.type == "date":
        return dt.date(2015 + row, 3, 1)
    if check is not None and check.type == "textLength":
        return str(row).zfill(int(check.formula1))
    if check is not None:
        return int(check.formula1) + row
    if item.column.name == "language_score":
        return 6.5
    return f"{item.column.name}-{row}"


@pytest.mark.parametrize(("kind", "lang"), KINDS_LANGS)
def test_filled_template_reads_back_without_errors(tmp_path, kind, lang):
    """Three rows filled through the drop-downs read back as three valid records, with the
    codes of the labels chosen; the guide and lists sheets give no record."""
    path = _save(tmp_path, kind, lang)
    workbook = openpyxl.load_workbook(path)
    data = workbook.worksheets[0]
    checks = _validations(data)
    items = template_columns(kind, lang, years=YEARS, lists=LISTS)
    for row in (2, 3, 4):
        for position, item in enumerate(items, 1):
            letter = data.cell(row=1, column=position).column_letter
            data.cell(row=row, column=position,
                      value=_value(item, workbook, checks.get(letter), row))
    workbook.save(path)
    records = list(READERS[kind](path))
    assert [r.errors for r in records] == [(), (), ()]
    assert [r.raw.location.row for r in records] == [2, 3, 4]
    assert {r.raw.location.sheet for r in records} == {data.title}
    first = records[0].raw.data
    if kind == "roster":
        level = data.cell(row=2, column=next(
            p for p, i in enumerate(items, 1) if i.column.name == "education_level")).value
        assert first["education"][0]["level"] == next(
            c.note for i in items if i.column.name == "education_level" for c in i.choices
            if c.value == level)
        assert [r["year"] for r in first["ratings"]] == list(YEARS)
        assert first["birth_date"] == "2017-03-01"
        assert first["unit"]["commune_code"] == "00002"
    elif kind == "assessments":
        assert (first["competency"], first["level"]) == ("drafting", 3)  # 1 + row 2
    else:
        assert first["programme"] == "qlnn-chuyen-vien" and first["completed"] is True


@pytest.mark.parametrize("kind", list(KINDS))
def test_empty_template_is_an_empty_file(tmp_path, kind):
    """A template nobody filled in is refused as a file without records, not read as 0."""
    with pytest.raises(InputError, match="no records in the file"):
        list(READERS[kind](_save(tmp_path, kind, "vi")))


def test_cli_writes_a_template_with_catalogue_ids(tmp_path):
    """`competency template assessments` lists the built-in framework's competency ids;
    a roster gets three rating years by default; another suffix is refused."""
    path = tmp_path / "danh-gia.xlsx"
    done = run("template", "assessments", str(path), "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "assessments template, 7 columns, 2 with a drop-down list" in done.stderr
    workbook = openpyxl.load_workbook(path)
    check = _validations(workbook.worksheets[0])["B"]
    assert "drafting" in _list_values(workbook, check.formula1)
    roster = tmp_path / "danh-sach.xlsx"
    assert run("template", "roster", str(roster), "--year", "2024").returncode == 0
    headers = [c.value for c in openpyxl.load_workbook(roster).worksheets[0][1]]
    assert [h for h in headers if h.startswith("Xếp loại")] == ["Xếp loại 2024"]
    refused = run("template", "roster", str(tmp_path / "r.csv"))
    assert refused.returncode == 2 and "a template is an .xlsx workbook" in refused.stderr
