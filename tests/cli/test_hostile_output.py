"""Every report written as CSV or XLSX keeps hostile text inert: no value becomes a formula.

The roster's ids and unit names are the payloads of OWASP's CSV-injection page; each report
command runs on it and its file is read back (CSV with :mod:`csv`, XLSX with openpyxl).
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from tests.cli.test_cli import SAMPLE, run

openpyxl = pytest.importorskip("openpyxl")

PAYLOADS = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1+2", "-2+3", "@SUM(A1)",
            "\t=1+2", "\r=1"]
LIVE = re.compile(r"^[=+@\t\r]|^-(?![\d.]+$)")
"""A cell a spreadsheet would evaluate; ``-`` followed by digits only is a plain number."""


@pytest.fixture(scope="module")
def roster(tmp_path_factory):
    """The sample roster with every id and unit name replaced by a payload."""
    path = tmp_path_factory.mktemp("hostile") / "roster.jsonl"
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    records = []
    for number, line in enumerate(lines):
        record = json.loads(line)
        payload = PAYLOADS[number % len(PAYLOADS)]
        record["id"] = f"{payload}{number}"
        if record.get("unit"):
            record["unit"]["name"] = payload
        records.append(json.dumps(record, ensure_ascii=False))
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    return path


def _csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"))) for cell in row]


def _assert_inert_csv(text: str) -> None:
    cells = _csv_cells(text)
    live = [cell for cell in cells if LIVE.match(cell)]
    assert live == []
    assert any(cell.startswith("'=") for cell in cells), "the payloads must reach the report"


def _assert_inert_xlsx(path) -> None:
    book = openpyxl.load_workbook(path)  # formulas as written, not cached values
    values = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}: {cell.value!r}"
                values.append(cell.value)
    assert any(isinstance(v, str) and v.startswith("=HYPERLINK") for v in values), \
        "the payloads must reach the workbook, as text"


CSV_RUNS = {
    "check": ["check", "{roster}", "--on", "2020-06-01", "--format", "csv"],
    "check-vector": ["check", "{roster}", "--on", "2020-06-01", "--format", "csv",
                     "--engine", "vector"],
    "gaps": ["gaps", "{roster}", "--on", "2020-06-01", "--by", "unit", "--format", "csv"],
    "select": ["select", "{roster}", "--scheme", "vn.postgraduate-dispatch", "--on",
               "2020-06-01", "--format", "csv"],
    "targets": ["targets", "{roster}", "--on", "2020-06-01", "--by", "unit", "--format", "csv"],
    "diff": ["diff", "{roster}", "--from", "2019-12-24", "--to", "2019-12-25", "--format", "csv"],
}

XLSX_RUNS = {
    "check": ["check", "{roster}", "--on", "2020-06-01", "--format", "xlsx"],
    "select": ["select", "{roster}", "--scheme", "vn.postgraduate-dispatch", "--on",
               "2020-06-01", "--format", "xlsx"],
    "targets": ["targets", "{roster}", "--on", "2020-06-01", "--by", "unit", "--format", "xlsx"],
    "plan": ["plan", "{roster}", "--on", "2020-06-01", "--area", "all"],
    "diff": ["diff", "{roster}", "--from", "2019-12-24", "--to", "2019-12-25", "--format", "xlsx"],
}


@pytest.mark.parametrize("name", sorted(CSV_RUNS))
def test_csv_reports_write_no_live_formula(name, roster):
    result = run(*(arg.format(roster=roster) for arg in CSV_RUNS[name]))
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    _assert_inert_csv(result.stdout)


@pytest.mark.parametrize("name", sorted(XLSX_RUNS))
def test_xlsx_reports_write_text_not_formulas(name, roster, tmp_path):
    out = tmp_path / f"{name}.xlsx"
    result = run(*(arg.format(roster=roster) for arg in XLSX_RUNS[name]), "--out", str(out))
    assert result.returncode in (0, 1), result.stderr
    _assert_inert_xlsx(out)


def test_plan_csv_files_write_no_live_formula(roster, tmp_path):
    out = tmp_path / "plan.csv"
    result = run("plan", str(roster), "--on", "2020-06-01", "--area", "all", "--out", str(out))
    assert result.returncode in (0, 1), result.stderr
    written = sorted(tmp_path.glob("plan*.csv"))
    assert written
    for path in written:
        assert [c for c in _csv_cells(path.read_text(encoding="utf-8")) if LIVE.match(c)] == []


def test_messages_keep_locations_and_brackets_verbatim(tmp_path):
    """A console message is plain text: ``file:100:`` is no emoji, ``[bold]`` no markup."""
    roster = tmp_path / "file"
    roster.mkdir()
    path = roster / "r.jsonl"
    good = json.dumps({"id": "A-1", "category": "cong_chuc"})
    lines = [good] * 99 + ['{"id": "[bold]x[/bold]", "birth_date": "2023-02-30"}']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("validate", str(path))
    assert f"{path}:100: " in result.stderr
    assert "💯" not in result.stderr + result.stdout


def test_an_overlay_replacing_a_national_standard_says_so():
    """Every command that loads an overlay names the national standard it replaces."""
    overlay = "docs/examples/overlay-ben-tre.yaml"
    roster = "docs/examples/ben-tre-2020-commune-roster.jsonl"
    note = (f"{overlay}: ghi chú: 'bt.ben-tre-2023.cong-chuc-xa-tu-phap' thay thế tiêu chuẩn "
            "quốc gia 'vn.nd-33-2023.cong-chuc-xa' (33/2023/NĐ-CP, Điều 10 khoản 2)")
    for args in (["check", roster, "--on", "2024-06-01", "--overlay", overlay],
                 ["diff", roster, "--from", "2024-06-01", "--with", overlay],
                 ["gaps", roster, "--on", "2024-06-01", "--overlay", overlay]):
        result = run(*args)
        assert note in result.stderr, args
    assert "replaces" not in run("check", roster, "--on", "2024-06-01").stderr
