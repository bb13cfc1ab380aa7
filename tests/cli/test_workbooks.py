"""Report workbooks are spreadsheets an HR officer can sort and total without converting.

Each report command writes its workbook for the sample roster; openpyxl reads it back: dates
are date cells, money has a thousands format, shares are percentages, every sheet has an
autofilter, and Vietnamese sheets show words, codes only in the ``Mã …`` columns.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from competency.law import Confidence
from competency.rules.outcome import Outcome
from competency.targets.model import TargetStatus
from tests.cli.test_cli import SAMPLE, run

openpyxl = pytest.importorskip("openpyxl")

RUNS = {
    "check": ["check", str(SAMPLE), "--on", "2020-06-01", "--format", "xlsx"],
    "select": ["select", str(SAMPLE), "--scheme", "vn.postgraduate-dispatch", "--on",
               "2020-06-01", "--format", "xlsx"],
    "targets": ["targets", str(SAMPLE), "--on", "2020-06-01", "--by", "unit", "--format", "xlsx"],
    "plan": ["plan", "{synthetic}", "--on", "2025-06-30", "--area", "all",
             "--budget", "5000000000"],
    "diff": ["diff", str(SAMPLE), "--from", "2019-12-24", "--to", "2019-12-25",
             "--format", "xlsx"],
}

CODES = sorted({*(c.value for c in Confidence), *(o.code for o in Outcome),
                *(s.code for s in TargetStatus), "people", "units", "True", "False"}, key=len)
ENGLISH_CODE = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, CODES)) + r")(?![\w-])")
"""A vocabulary code standing alone, as a machine writes it and a reader should not see it."""


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    folder = tmp_path_factory.mktemp("books")
    synthetic = folder / "synthetic.jsonl"  # large enough for classes to open
    assert run("synth", "600", "--seed", "3", "--on", "2025-06-30", "--out",
               str(synthetic)).returncode == 0
    found = {}
    for name, args in RUNS.items():
        out = folder / f"{name}.xlsx"
        result = run(*(a.format(synthetic=synthetic) for a in args), "--out", str(out))
        assert result.returncode in (0, 1), result.stderr
        found[name] = openpyxl.load_workbook(out)
    return found


def _columns(sheet):
    """Header → the cells below it."""
    rows = list(sheet.iter_rows())
    return {str(cell.value): [row[i] for row in rows[1:] if i < len(row)]
            for i, cell in enumerate(rows[0])}


@pytest.mark.parametrize("name", sorted(RUNS))
def test_every_sheet_has_an_autofilter_and_a_frozen_header(name, books):
    for sheet in books[name].worksheets:
        assert sheet.auto_filter.ref, sheet.title
        assert sheet.freeze_panes == "A2"


@pytest.mark.parametrize("name", sorted(RUNS))
def test_vietnamese_sheets_show_words_not_codes(name, books):
    for sheet in books[name].worksheets:
        for header, cells in _columns(sheet).items():
            if header.startswith("Mã"):
                continue  # a code column, beside the words
            for cell in cells:
                if isinstance(cell.value, str):
                    assert not ENGLISH_CODE.search(cell.value), \
                        f"{name} {sheet.title}!{cell.coordinate} ({header}): {cell.value!r}"
                assert not isinstance(cell.value, bool), f"{sheet.title}!{cell.coordinate}"


def _typed(books, name, sheet, header):
    cells = [c for c in _columns(books[name][sheet])[header] if c.value is not None]
    assert cells, f"{name} {sheet}: no value under {header!r}"
    return cells


@pytest.mark.parametrize(("name", "sheet", "header"), [
    ("check", "Kết quả", "Ngày xét"), ("check", "Kết quả", "Thời hạn đáp ứng"),
    ("targets", "Chỉ tiêu", "Ngày tính"), ("targets", "Chỉ tiêu", "Thời hạn"),
    ("plan", "Nhu cầu", "Hạn đáp ứng"),
])
def test_dates_are_date_cells_shown_day_first(books, name, sheet, header):
    for cell in _typed(books, name, sheet, header):
        assert isinstance(cell.value, dt.datetime) and cell.is_date
        assert cell.number_format == "DD/MM/YYYY"


@pytest.mark.parametrize(("sheet", "header"), [
    ("Kế hoạch lớp", "Thành tiền (đồng)"), ("Kế hoạch lớp", "Đơn giá (đồng/học viên)"),
    ("Kinh phí theo đơn vị", "Kinh phí (đồng)"),
])
def test_amounts_are_numbers_with_thousands_separators(books, sheet, header):
    for cell in _typed(books, "plan", sheet, header):
        assert type(cell.value) is int and cell.number_format == "#,##0"


def test_plan_total_is_a_number_that_adds_up(books):
    summary = {row[0].value: row[1] for row in books["plan"]["Tổng hợp"].iter_rows(min_row=2)}
    total = summary["Tổng kinh phí kế hoạch (đồng)"]
    assert total.number_format == "#,##0"
    lines = _typed(books, "plan", "Kế hoạch lớp", "Thành tiền (đồng)")
    assert total.value == sum(c.value for c in lines) > 0


def test_shares_are_percentages(books):
    for header in ("Tỷ lệ đạt", "Chỉ tiêu tối thiểu"):
        for cell in _typed(books, "targets", "Chỉ tiêu", header):
            assert isinstance(cell.value, float | int) and 0 <= cell.value <= 1
            assert cell.number_format == "0.0%"


def test_counts_are_numbers(books):
    for header in ("Số đạt", "Tổng số"):
        for cell in _typed(books, "targets", "Chỉ tiêu", header):
            assert type(cell.value) is int
