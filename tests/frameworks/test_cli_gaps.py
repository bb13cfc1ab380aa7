"""``competency gaps``, ``plan`` and ``frameworks``: counts add up, exit codes, files written."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from competency.synth import generate

ROOT = Path(__file__).resolve().parents[2]
ON = "2020-04-07"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "competency", *args], capture_output=True,
                          text=True, check=False, cwd=ROOT)


@pytest.fixture(scope="module")
def roster(tmp_path_factory) -> Path:
    """A commune roster of 20 communes as of 2020-04-07 with one broken record at line 4."""
    path = tmp_path_factory.mktemp("gaps") / "roster.jsonl"
    records = [json.dumps(r, ensure_ascii=False)
               for r in generate(360, seed=3, on=dt.date.fromisoformat(ON), province="83",
                                 profile="commune")]
    records.insert(3, json.dumps({"id": "BROKEN", "birth_date": "2020-02-30"}))
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    return path


def test_gaps_json_counts_add_up_and_invalid_records_are_reported(roster):
    """read = valid + invalid, the broken record named with file:line; exit 1."""
    result = run("gaps", str(roster), "--on", ON, "--format", "json", "--by", "position")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["records"] == {"read": 361, "valid": 360, "invalid": 1}
    assert report["officials"] == 360
    assert sum(g["officials"] for g in report["groups"]["position"]) == 360
    assert f"{roster}:4: /birth_date" in result.stderr
    assert "Traceback" not in result.stderr


def test_person_report_in_english(roster):
    """--id prints one official's report, gaps numbered, with citations."""
    report = json.loads(run("gaps", str(roster), "--on", ON, "--format", "json",
                            "--names").stdout)
    official = report["total"]["subjects"][0]["who"][0]
    result = run("gaps", str(roster), "--on", ON, "--id", official, "--lang", "en")
    assert result.stdout.startswith(f"{official} · post: ")
    assert "  1. " in result.stdout


def test_plan_writes_workbook_and_csv(roster, tmp_path):
    """--out plan.xlsx and plan.csv (+ plan.needs.csv); the total fits the budget."""
    xlsx, plan_csv = tmp_path / "plan.xlsx", tmp_path / "plan.csv"
    budget = 500_000_000
    result = run("plan", str(roster), "--on", ON, "--budget", str(budget), "--out", str(xlsx),
                 "--lang", "en")
    assert result.returncode == 1 and xlsx.exists()
    assert "Total cost" in result.stdout and "[illustrative]" in result.stdout
    openpyxl = pytest.importorskip("openpyxl")
    summary = dict(openpyxl.load_workbook(xlsx).worksheets[0].iter_rows(min_row=2, values_only=True))
    assert summary["Tổng kinh phí kế hoạch (đồng)"] <= budget
    assert summary["Số nhu cầu"] == summary["Đã bố trí"] + summary["Chưa bố trí"]
    run("plan", str(roster), "--on", ON, "--programmes", "built-in", "--out", str(plan_csv))
    assert plan_csv.read_text(encoding="utf-8-sig").startswith("STT,Mã chương trình,")
    assert (tmp_path / "plan.needs.csv").exists()


def test_missing_roster_is_unusable_input(tmp_path):
    """A missing file exits 2 with one message, no traceback."""
    result = run("gaps", str(tmp_path / "missing.jsonl"))
    assert result.returncode == 2 and "no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_frameworks_export_and_import_case(tmp_path):
    """export-case then import-case gives back a loadable frameworks file."""
    package = tmp_path / "case.json"
    framework = "vn.minh-hoa.khung-nang-luc-cong-chuc"
    assert run("frameworks", "export-case", framework, "--out", str(package)).returncode == 0
    assert json.loads(package.read_text("utf-8"))["CFDocument"]["adoptionStatus"] == "Illustrative"
    yaml_file = tmp_path / "back.yaml"
    result = run("frameworks", "import-case", str(package), "--out", str(yaml_file))
    assert result.returncode == 0, result.stderr
    shown = run("frameworks", "show", framework, "--frameworks", str(yaml_file), "--lang", "en")
    assert shown.returncode == 0 and "[illustrative]" in shown.stdout
    assert "Drafting and issuing documents" in shown.stdout


def test_gaps_keeps_names_only_when_asked(roster):
    """Counts only by default (memory flat in the roster's size); --names lists who is behind
    each count, and the counts are the same either way."""
    plain = json.loads(run("gaps", str(roster), "--on", ON, "--format", "json").stdout)
    named = json.loads(run("gaps", str(roster), "--on", ON, "--format", "json",
                           "--names").stdout)
    assert all("who" not in s for s in plain["total"]["subjects"])
    assert all(len(s["who"]) == s["count"] for s in named["total"]["subjects"])
    assert all(len(set(s["who"])) == s["count"] for s in named["total"]["subjects"])

    def counts(doc):
        return [(s["kind"], s["source"], s["rule"], s["count"]) for s in doc["total"]["subjects"]]

    assert counts(plain) == counts(named) and plain["needs"] == named["needs"] > 0
