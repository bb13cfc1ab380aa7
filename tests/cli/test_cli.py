"""The command line: exit codes, counts that add up, locations and pointers, no tracebacks."""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "sample-roster.jsonl"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "competency", *args], capture_output=True,
                          text=True, check=False, cwd=ROOT)


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = json.dumps({"id": "A-1", "category": "cong_chuc", "education": [{"level": "dai_hoc"}]})


def test_validate_reports_each_invalid_record_and_counts_all(tmp_path):
    """read = valid + invalid; each error has file:line and a JSON pointer; exit 1."""
    roster = write_jsonl(tmp_path / "r.jsonl", [
        GOOD,
        '{"id": "A-2", "birth_date": "2023-02-30"}',
        '{"id": "A-3", "education": [{"level": "dai_hocc"}]',  # malformed JSON
        json.dumps({"full_name": "Nguyễn Văn A"}),             # missing id
        GOOD.replace("A-1", "A-5"),
    ])
    result = run("validate", str(roster))
    assert result.returncode == 1
    assert f"{roster}: đọc 5, hợp lệ 2, không hợp lệ 3" in result.stdout
    assert f"{roster}:2: /birth_date: '2023-02-30' không phải ngày hợp lệ" in result.stderr
    assert f"{roster}:3: " in result.stderr
    assert f"{roster}:4: /: thiếu trường bắt buộc 'id'" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_json_output_adds_up(tmp_path):
    """--format json gives the same counts and one entry per invalid record."""
    roster = write_jsonl(tmp_path / "r.jsonl", [GOOD, '{"id": 5}'])
    result = run("validate", str(roster), "--format", "json")
    report = json.loads(result.stdout)
    assert report["summary"] == {"read": 2, "valid": 1, "invalid": 1}
    assert report["invalid"] == [{"location": f"{roster}:2", "id": None,
                                  "errors": ["/id: 5 is not of type 'string'"]}]


def test_all_valid_exits_zero(tmp_path):
    """A clean file exits 0."""
    result = run("validate", str(write_jsonl(tmp_path / "r.jsonl", [GOOD])))
    assert (result.returncode, result.stdout.strip()) == (0, f"{tmp_path / 'r.jsonl'}: đọc 1, hợp lệ 1, không hợp lệ 0")


@pytest.mark.parametrize("name", ["missing.jsonl", "roster.docx"])
def test_unusable_input_exits_two_without_traceback(tmp_path, name):
    """A missing file or an unknown format is one clear message and exit 2."""
    path = tmp_path / name
    if name.endswith(".docx"):
        path.write_text("x")
    result = run("validate", str(path))
    assert result.returncode == 2
    assert result.stderr.startswith("error:")
    assert "Traceback" not in result.stderr


def test_schemas_check_detects_a_stale_file(tmp_path):
    """`competency schemas --check` fails on a folder whose schema differs from the model."""
    assert run("schemas", "--out", str(tmp_path)).returncode == 0
    assert run("schemas", "--check", "--out", str(tmp_path)).returncode == 0
    path = tmp_path / "official.schema.json"
    path.write_text(path.read_text("utf-8").replace("Họ và tên", "Tên"), encoding="utf-8")
    result = run("schemas", "--check", "--out", str(tmp_path))
    assert result.returncode == 1
    assert "official.schema.json: stale" in result.stderr


def test_standards_list_on_a_date_shows_those_in_force():
    """On 2024-01-01 Decree 33/2023 is in force for commune staff; Circular 13/2019 is not."""
    result = run("standards", "list", "--on", "2024-01-01", "--format", "json")
    listed = {s["id"]: s for s in json.loads(result.stdout)}
    assert "vn.nd-33-2023.cong-chuc-xa" in listed
    assert "vn.tt-13-2019-bnv.cong-chuc-xa" not in listed
    assert any("33/2023/NĐ-CP" in c for c in listed["vn.nd-33-2023.cong-chuc-xa"]["instruments"])
    assert all(s["valid_from"] is None or s["valid_from"] <= "2024-01-01" for s in listed.values())


def test_unknown_standard_is_a_clear_error():
    """A mistyped id suggests the right one."""
    result = run("standards", "show", "vn.tt-13-2019-bnv.cong-chuc-xaa")
    assert result.returncode == 2
    assert "did you mean: vn.tt-13-2019-bnv.cong-chuc-xa" in result.stderr


def test_redact_keeps_personal_values_out_of_messages(tmp_path):
    """--redact hides values of x-pii fields (birth date, name) but not of other fields."""
    roster = write_jsonl(tmp_path / "r.jsonl", [
        '{"id": "A-1", "birth_date": "1980-06-31", "full_name": 5, "category": "congchuc"}'])
    result = run("validate", str(roster), "--redact", "--lang", "en")
    assert "1980-06-31" not in result.stderr
    assert f"{roster}:1: /birth_date: <redacted> is not a 'date'" in result.stderr
    assert f"{roster}:1: /full_name: <redacted> is not of type 'string', 'null'" in result.stderr
    assert "'congchuc' is not one of" in result.stderr


def test_explain_shows_each_requirement_with_its_citation():
    """`explain` prints the tree for one official: the failing degree rule with the circular and
    the deadline of the transitional provision; other records are not shown."""
    result = run("explain", str(SAMPLE), "--id", "MAU-0001", "--on", "2020-06-01", "--lang", "en")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("MAU-0001 · cc_xa.tu_phap_ho_tich · vn.tt-13-2019-bnv.cong-chuc-xa")
    university = next(line for line in lines if "[university]" in line)
    assert university.lstrip().startswith("✗")
    education = next(line for line in lines if "[education]" in line)
    assert "must comply by 2024-12-25" in education and "13/2019/TT-BNV" in education
    assert "MAU-0002" not in result.stdout


def test_check_csv_has_one_row_per_result(tmp_path):
    """CSV output: a header and one row per (official, post, standard), summary on stderr."""
    result = run("check", str(SAMPLE), "--on", "2020-06-01", "--format", "csv")
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert rows and set(rows[0]) == {"official_id", "title", "standard", "instrument", "outcome",
                                     "due", "provision", "failing", "tested_on"}
    mau1 = [r for r in rows if r["official_id"] == "MAU-0001"]
    assert [(r["standard"], r["outcome"], r["due"], r["provision"]) for r in mau1] == [
        ("vn.tt-13-2019-bnv.cong-chuc-xa", "unmet", "2024-12-25", "incumbents-5-years")]
    assert "hồ sơ: đọc 38, hợp lệ 38, không hợp lệ 0" in result.stderr


def test_validate_notes_levels_and_ranks_used_outside_their_period(tmp_path):
    """A post at district level starting after 2025-06-30, or with the senior-expert rank before
    2025-07-01, is valid but noted with the period's citation; in-period posts give no note."""
    roster = write_jsonl(tmp_path / "r.jsonl", [
        json.dumps({"id": "A", "unit": {"level": "district"},
                    "assignments": [{"title": "chuyen_vien", "start": "2025-09-01"}]}),
        json.dumps({"id": "B", "unit": {"level": "district"},
                    "assignments": [{"title": "chuyen_vien", "start": "2025-06-30"}]}),
        json.dumps({"id": "C", "assignments": [{"title": "x", "rank": "chuyen_gia_cao_cap",
                                                "start": "2025-06-30"}]}),
    ])
    result = run("validate", str(roster), "--lang", "en")
    assert result.returncode == 0
    assert f"{roster}: read 3, valid 3, invalid 0 (2 with notes)" in result.stdout
    notes = [line for line in result.stderr.splitlines() if ": note: " in line]
    assert notes == [
        f"{roster}:1: note: /assignments/0: AdministrativeLevel 'district' on 2025-09-01, which "
        "ended on 2025-06-30 (chính quyền địa phương hai cấp [needs-check])",
        f"{roster}:3: note: /assignments/0: Rank 'chuyen_gia_cao_cap' on 2025-06-30, which began "
        "on 2025-07-01 (80/2025/QH15, Điều 24)",
    ]


def test_spreadsheet_in_spreadsheet_out(tmp_path):
    """An XLSX roster with Vietnamese headers is checked; the bad row is reported as
    file:Sheet!row with its column; results go to a workbook with Vietnamese headers."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append(["Mã", "Họ và tên", "Ngày sinh", "Đối tượng", "Cấp", "Vùng khó khăn",
                  "Chức danh", "Ngày tuyển dụng", "Tốt nghiệp THPT", "Trình độ chuyên môn",
                  "Tin học"])
    sheet.append(["X-1", "Nguyễn Văn A", "01/02/1990", "Công chức", "Cấp xã", "Không",
                  "cc_xa.tu_phap_ho_tich", "01/03/2015", "Có", "Trung cấp", "Cơ bản"])
    sheet.append(["X-2", "Trần Thị B", "05/06/1992", "Công chức", "Cấp xã", "Có",
                  "cc_xa.tu_phap_ho_tich", "01/03/2015", "Có", "Trung cấp", "Cơ bản"])
    sheet.append(["X-3", "Lê C", "05/06/1992", "Công chức", "Cấp xã", "Không",
                  "cc_xa.tu_phap_ho_tich", "01/03/2015", "Có", "Đại họcc", "Cơ bản"])
    roster = tmp_path / "ds.xlsx"
    book.save(roster)
    out = tmp_path / "ket-qua.xlsx"
    result = run("check", str(roster), "--on", "2020-06-01", "--format", "xlsx", "--out", str(out))
    assert result.returncode == 1
    assert f"{roster}:Danh sách!4: cột 'Trình độ chuyên môn'" in result.stderr
    assert "hồ sơ: đọc 3, hợp lệ 2, không hợp lệ 1" in result.stderr
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Mã hồ sơ", "Mã chức danh", "Chức danh")
    outcomes = {row[0]: (row[10], row[11]) for row in rows[1:]}
    assert outcomes == {"X-1": ("Chưa đạt", dt.datetime(2024, 12, 25)), "X-2": ("Đạt", None)}
