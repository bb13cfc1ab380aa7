"""``competency evaluate``: levels before and after training, and the classes' quality bands
(Circular 10/2017/TT-BNV), from a participations file and an assessments file."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.cli.test_cli import ROOT, run

PARTICIPATIONS = ROOT / "examples" / "participations.jsonl"
ASSESSMENTS = ROOT / "examples" / "assessments.jsonl"
ON = ["--on", "2024-06-30"]


def test_level_changes_by_unit_and_bands_by_class():
    """Unit 26734: levels 1→3 and 2→2 (mean 1.5→2.5); unit 26737: only the participant who
    completed is compared (2→3). Class L1 indexes 7.5 (Khá), L2 8.4 (Tốt); the programme
    7.95 (Khá). Every record of both files is counted."""
    result = run("evaluate", str(PARTICIPATIONS), "--assessments", str(ASSESSMENTS), *ON,
                 "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    changes = {c["unit"]: c for c in report["changes"]}
    assert (changes["26734"]["mean_before"], changes["26734"]["mean_after"]) == (1.5, 2.5)
    assert (changes["26734"]["improved"], changes["26734"]["unchanged"]) == (1, 1)
    assert (changes["26737"]["participants"], changes["26737"]["completed"],
            changes["26737"]["compared"]) == (2, 1, 1)
    assert {c["class_id"]: c["band"] for c in report["classes"]} == {"L1": "kha", "L2": "tot"}
    [programme] = report["quality"]
    assert programme["index"] == pytest.approx(7.95) and programme["band"] == "kha"
    assert report["participations"] == {"read": 4, "valid": 4, "invalid": 0}
    assert report["assessments"] == {"read": 8, "valid": 8, "invalid": 0}
    assert "[needs-check]" in report["bands_basis"]


def test_a_bad_row_is_located_and_counted(tmp_path):
    lines = PARTICIPATIONS.read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[1])
    broken["quality_index"] = "bảy"
    backwards = json.loads(lines[2])
    backwards["end"] = "2024-03-01"  # before its start
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join([lines[0], json.dumps(broken, ensure_ascii=False),
                               json.dumps(backwards), lines[3]]) + "\n", encoding="utf-8")
    result = run("evaluate", str(path), "--assessments", str(ASSESSMENTS), *ON)
    assert result.returncode == 1
    assert f"{path}:2: /quality_index: 'bảy' sai kiểu, cần: số" in result.stderr
    assert f"{path}:3: /end: earlier than start" in result.stderr
    assert f"{path}: ghi danh học: đọc 4, hợp lệ 2, không hợp lệ 2" in result.stderr
    assert "Traceback" not in result.stderr


def test_workbook_has_the_three_tables_typed(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "danh-gia.xlsx"
    result = run("evaluate", str(PARTICIPATIONS), "--assessments", str(ASSESSMENTS), *ON,
                 "--format", "xlsx", "--out", str(out))
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Thay đổi cấp độ", "Chất lượng chương trình", "Chất lượng lớp",
                               "Ghi chú"]
    classes = list(book["Chất lượng lớp"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[2], r[3]) for r in classes] == [("L1", 7.5, "Khá"), ("L2", 8.4, "Tốt")]
    assert all(sheet.auto_filter.ref for sheet in book.worksheets)


def test_without_assessments_only_participants_are_counted(tmp_path):
    copy = shutil.copy(PARTICIPATIONS, tmp_path / "p.jsonl")
    result = run("evaluate", str(copy), *ON, "--format", "json")
    report = json.loads(result.stdout)
    assert report["assessments"] is None
    assert all(c["compared"] == 0 for c in report["changes"])
    assert {c["class_id"] for c in report["classes"]} == {"L1", "L2"}


def _workbook(path, sheet, rows):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def test_spreadsheets_with_vietnamese_headers_give_the_same_report(tmp_path):
    """The example files as an XLSX of participations and a CSV of assessments, headers as an
    HR office writes them: the same report as from JSON Lines; a bad row is reported by sheet
    and row, and every row is counted."""
    lines = [json.loads(line) for line in PARTICIPATIONS.read_text(encoding="utf-8").splitlines()]
    header = ["STT", "Mã hồ sơ", "Mã chương trình", "Mã đơn vị", "Mã lớp", "Từ ngày",
              "Đến ngày", "Hoàn thành", "Chỉ số đánh giá chung"]
    rows = [[i, p["official_id"], p["programme"], p["unit"], p["class_id"],
             "/".join(reversed(p["start"].split("-"))), "/".join(reversed(p["end"].split("-"))),
             "có" if p["completed"] else "không", str(p["quality_index"]).replace(".", ",")]
            for i, p in enumerate(lines, 1)]
    bad = [5, "HCM-009", lines[0]["programme"], "26734", "L1", "04/03/2024", "31/02/2024", "có",
           "7,5"]
    xlsx = _workbook(tmp_path / "hoc-vien.xlsx", "Học viên",
                     [["Danh sách học viên"], header, *rows, bad])
    assessments = [json.loads(line) for line in ASSESSMENTS.read_text(encoding="utf-8").splitlines()]
    csv_path = tmp_path / "danh-gia.csv"
    csv_path.write_text("Mã hồ sơ,Mã năng lực,Cấp độ,Ngày đánh giá,Hình thức đánh giá\n" + "".join(
        f"{a['official_id']},{a['competency']},{a['level']},{a['assessed_on']},Kiểm tra\n"
        for a in assessments), encoding="utf-8")
    from_sheets = run("evaluate", str(xlsx), "--assessments", str(csv_path), *ON, "--format", "json")
    from_lines = run("evaluate", str(PARTICIPATIONS), "--assessments", str(ASSESSMENTS), *ON,
                     "--format", "json")
    assert from_sheets.returncode == 1
    assert f"{xlsx}:Học viên!7: cột 'Đến ngày' (end): '31/02/2024' không phải ngày hợp lệ" \
        in from_sheets.stderr
    sheets, reference = json.loads(from_sheets.stdout), json.loads(from_lines.stdout)
    assert sheets["participations"] == {"read": 5, "valid": 4, "invalid": 1}
    assert sheets["assessments"] == {"read": 8, "valid": 8, "invalid": 0}
    for key in ("changes", "quality", "classes"):
        assert sheets[key] == reference[key], key


def test_a_kind_without_spreadsheet_columns_is_refused(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("id\nx\n", encoding="utf-8")
    result = run("validate", str(path), "--kind", "standard")
    assert result.returncode == 2
    assert "a standard file is read from JSON or JSON Lines" in result.stderr


def test_an_empty_participations_or_assessments_file_is_an_error(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    for args in (["evaluate", str(empty)],
                 ["evaluate", str(PARTICIPATIONS), "--assessments", str(empty)]):
        result = run(*args, *ON)
        assert result.returncode == 2
        assert f"{empty}: no records in the file" in result.stderr
