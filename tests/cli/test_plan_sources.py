"""``competency plan`` with every source of needs: a province's overlay, per-source summary,
last year's evaluation, and Vietnamese output with no English word."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from competency.synth import generate
from tests.cli.test_cli import ROOT, run

OVERLAY = ROOT / "docs" / "examples" / "quang-ninh-overlay.yaml"
ON = "2025-01-01"


@pytest.fixture(scope="module")
def roster(tmp_path_factory):
    path = tmp_path_factory.mktemp("qn") / "quang-ninh.jsonl"
    records = generate(3000, seed=4, on=dt.date.fromisoformat(ON), province="22")
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def plan_json(roster, tmp_path, *extra):
    out = tmp_path / "plan.json"
    result = run("plan", str(roster), "--on", ON, "--plan-overlay", str(OVERLAY),
                 "--out", str(out), *extra)
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text(encoding="utf-8")), result


def test_needs_from_four_sources_each_counted_and_summed(roster, tmp_path):
    budget = 15_000_000_000
    data, _ = plan_json(roster, tmp_path, "--budget", str(budget))
    by = {s["source"]: s for s in data["by_source"]}
    assert {k for k, s in by.items() if s["funded"]} >= {"legal", "title", "planning", "target"}
    for key, total in (("needs", data["needs"]), ("funded", data["funded"]),
                       ("unfunded", data["unfunded"]), ("cost", data["total_cost"]),
                       ("classes", sum(ln["classes"] for ln in data["lines"])),
                       ("participants", sum(ln["participants"] for ln in data["lines"]))):
        assert sum(s[key] for s in by.values()) == total, key
    assert data["total_cost"] <= budget
    assert all(n["reason"] for n in data["unfunded_needs"])
    assert {n["origin"] for n in data["unfunded_needs"]} <= set(by)
    # the province's abroad course takes the target needs
    abroad = [ln for ln in data["lines"] if ln["programme"] == "qn.minh-hoa.nuoc-ngoai-hoi-nhap"]
    assert abroad and abroad[0]["participants"] <= by["target"]["participants"]


def test_sources_can_be_left_out(roster, tmp_path):
    data, _ = plan_json(roster, tmp_path, "--sources", "legal")
    assert [s["source"] for s in data["by_source"] if s["needs"]] == ["legal"]
    every, _ = plan_json(roster, tmp_path)
    legal = {s["source"]: s["needs"] for s in every["by_source"]}["legal"]
    assert data["needs"] < every["needs"] and data["needs"] >= legal


def test_last_years_evaluation_is_reported(roster, tmp_path):
    last = tmp_path / "last.json"
    last.write_text(json.dumps({"quality": [{"programme": "qn.minh-hoa.chuc-danh-xa",
                                             "index": 1.0}]}), encoding="utf-8")
    data, result = plan_json(roster, tmp_path, "--evaluation", str(last), "--lang", "en")
    (review,) = data["reviews"]
    planned = sum(ln["participants"] for ln in data["lines"]
                  if ln["programme"] == "qn.minh-hoa.chuc-danh-xa")
    assert review["programme"] == "qn.minh-hoa.chuc-danh-xa" and review["planned"] == planned > 0
    assert "Programmes to review" in result.stdout


def test_a_bad_evaluation_file_is_a_located_error(roster, tmp_path):
    last = tmp_path / "last.json"
    last.write_text('{"quality": [\n  {"programme": 3}]}', encoding="utf-8")
    result = run("plan", str(roster), "--on", ON, "--evaluation", str(last))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"{last}" in result.stderr and "/quality/0/programme" in result.stderr


def test_vietnamese_output_has_no_english_word(roster):
    result = run("plan", str(roster), "--on", ON, "--plan-overlay", str(OVERLAY), "--lang", "vi",
                 "--budget", "15000000000")
    assert result.returncode == 0, result.stderr
    text = result.stdout + result.stderr
    assert "Theo nguồn nhu cầu" in text and "Tổng kinh phí" in text
    # every line without its codes, ids, paths and flags in brackets
    words = set()
    for line in text.splitlines():
        line = re.sub(r"\[[^\]]*\]|\([^)]*\.yaml[^)]*\)|\S*[/._]\S*|\b[a-z]+-[a-z-]+\b", " ", line)
        words |= set(re.findall(r"[A-Za-z]{4,}", line))
    english = {"programme", "participants", "classes", "cost", "Total", "budget", "Needs",
               "funded", "unfunded", "source", "records", "area", "wrote", "overlay"}
    assert not words & english, words & english


def test_last_years_participations_are_evaluated_on_the_way(roster, tmp_path):
    taken = ROOT / "docs" / "examples" / "quang-ninh-2024-participations.jsonl"
    data, result = plan_json(roster, tmp_path, "--evaluation", str(taken), "--lang", "en")
    weak = [r for r in data["reviews"] if "quality" in r["reasons"]]
    assert [r["programme"] for r in weak] == ["qn.minh-hoa.chuc-danh-xa"]
    lines = taken.read_text(encoding="utf-8").splitlines()
    assert f"last year's participations: read {len(lines)}, valid {len(lines)}" in result.stderr


def test_an_unknown_source_is_refused(roster):
    result = run("plan", str(roster), "--on", ON, "--sources", "legal,rumour")
    assert result.returncode == 2 and "rumour" in result.stderr and "Traceback" not in result.stderr
