"""``gaps --international`` and ``targets --international`` on the example roster, whose answer
is known by construction (see tests/targets/test_international_posts.py for the cases)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"
ROSTER = str(EXAMPLES / "international-posts-roster.jsonl")
ASSESSMENTS = str(EXAMPLES / "international-posts-assessments.jsonl")
OVERLAY = str(EXAMPLES / "international-posts-overlay.yaml")
ON = "2026-01-01"
NQ26 = "vn.nq-26-2018-tw.province"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "competency", *args], capture_output=True,
                          text=True, check=False, cwd=ROOT, env={"COLUMNS": "200", "NO_COLOR": "1",
                                                                 "PATH": "/usr/bin:/bin",
                                                                 "PYTHONPATH": str(ROOT / "src")})


def gaps(*extra: str) -> subprocess.CompletedProcess[str]:
    return run("gaps", ROSTER, "--on", ON, "--assessments", ASSESSMENTS, "--frameworks", OVERLAY,
               "--international", *extra)


def test_gaps_json_section_counts_people_and_names_them():
    result = gaps("--format", "json", "--by", "unit")
    assert result.returncode == 0, result.stderr
    section = json.loads(result.stdout)["international_posts"]
    total = section["total"]
    assert (total["posts"], total["holders"], total["capable"], total["lacking"],
            total["unknown"], total["gap"]) == (5, 5, 1, 3, 1, 3)
    assert total["who_lacking"] == ["QT-02", "QT-04", "QT-05"]
    assert total["missing"] == {"language-bac-4": 2, "international-experience": 1,
                                "foreign-language": 2}
    assert sum(g["holders"] for g in section["groups"]["unit"]) == 5
    assert "Traceback" not in result.stderr


def test_gaps_without_the_flag_has_no_section():
    result = run("gaps", ROSTER, "--on", ON, "--format", "json")
    assert "international_posts" not in json.loads(result.stdout)
    assert "international-facing" not in result.stderr and "nhiệm vụ quốc tế" not in result.stderr


def test_gaps_csv_is_the_section_one_row_per_group():
    result = gaps("--format", "csv", "--by", "position", "--lang", "en")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    head, body = rows[0], rows[1:]
    assert head[:3] == ["position", "key", "name"] and head[-1] == "officials lacking"
    by_key = {r[1]: dict(zip(head, r, strict=True)) for r in body}
    assert by_key["all"]["gap (people)"] == "3"
    assert by_key["chuyen_vien/QN.XTDL.01"]["missing international-experience"] == "1"
    assert by_key["pho_giam_doc_so"]["officials lacking"] == "QT-04"
    assert sum(int(r["posts"]) for k, r in by_key.items() if k != "all") == 5


def test_gaps_table_in_vietnamese_after_the_gaps_table():
    result = gaps("--by", "unit")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.index("Khoảng cách theo đơn vị") < text.index("Vị trí có nhiệm vụ quốc tế theo đơn vị")
    assert "Sở Công Thương" in text.split("Vị trí có nhiệm vụ quốc tế")[1]
    assert "(1) language-bac-4: Ngoại ngữ từ bậc 4 trở lên" in text
    assert "thiếu (3)" in text and "thiếu (4)" not in text
    assert ("vị trí có nhiệm vụ quốc tế: 5; người giữ: 5; thiếu năng lực: 3; chưa rõ: 1"
            in result.stderr)


def test_targets_json_section_uses_the_indicator_population_and_predicate():
    result = run("targets", ROSTER, "--on", ON, "--set", NQ26, "--international",
                 "--format", "json")
    assert result.returncode == 0, result.stderr
    section, = json.loads(result.stdout)["international_posts"]
    assert (section["set"], section["indicator"]) == (NQ26, "international")
    total = section["total"]
    # Only the provincial leaders QT-03 and QT-04; the framework competency is not a target's.
    assert (total["holders"], total["capable"], total["lacking"]) == (2, 1, 1)
    assert total["who_lacking"] == ["QT-04"]
    assert list(section["parts"]) == ["language-bac-4", "international-experience"]


def test_targets_table_names_who_lacks_which_part():
    result = run("targets", ROSTER, "--on", ON, "--set", NQ26, "--international", "--lang", "en")
    assert f"{NQ26} › international, lacking the capability: QT-04 (language-bac-4)" in result.stdout


def test_targets_xlsx_has_the_section_sheet(tmp_path):
    out = tmp_path / "targets.xlsx"
    result = run("targets", ROSTER, "--on", ON, "--set", NQ26, "--international",
                 "--format", "xlsx", "--out", str(out))
    assert result.returncode == 0, result.stderr
    sheet = openpyxl.load_workbook(out)["Vị trí quốc tế"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "chỉ tiêu" and rows[0][-1] == "mã hồ sơ thiếu năng lực"
    assert rows[1][0] == f"{NQ26} › international" and rows[1][-1] == "QT-04"


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_targets_sets_without_the_indicator_say_so(fmt):
    result = run("targets", ROSTER, "--on", ON, "--set", "vn.qd-2282-2020-ttg",
                 "--international", "--format", fmt, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "no indicator of the chosen sets uses the predicate able-international" in result.stderr


def test_frameworks_show_names_the_job_position_and_the_task():
    result = run("frameworks", "show", "vn.minh-hoa.chuyen-vien.hop-tac-quoc-te", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "; job position: hop_tac_quoc_te" in result.stdout
    assert "tasks: international — International tasks" in result.stdout
    plain = run("frameworks", "show", "vn.minh-hoa.lanh-dao-so.giam-doc").stdout
    assert "job position" not in plain and "tasks:" not in plain


def test_a_csv_roster_names_the_job_position_in_its_own_column(tmp_path):
    """The column "Vị trí việc làm" reaches assignments[].job_position, so a spreadsheet roster
    marks posts through a profile: X1 is counted, X2 (another job position) is not."""
    roster = tmp_path / "roster.csv"
    roster.write_text("Mã hồ sơ,Chức danh,Cấp,Mã tỉnh,Vị trí việc làm,Tên ngoại ngữ,Bậc ngoại ngữ\n"
                      "X1,chuyen_vien,province,22,hop_tac_quoc_te,en,bac_2\n"
                      "X2,chuyen_vien,province,22,van_thu,en,bac_2\n", "utf-8")
    result = run("gaps", str(roster), "--on", ON, "--international", "--format", "json")
    assert result.returncode == 0, result.stderr
    total = json.loads(result.stdout)["international_posts"]["total"]
    assert (total["posts"], total["who_lacking"]) == (1, ["X1"])
    assert total["missing"]["language-bac-4"] == 1
