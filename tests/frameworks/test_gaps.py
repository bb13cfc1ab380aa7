"""Gap analysis: the Bến Tre 2020 scenario, a person's report in both languages, needs."""

from __future__ import annotations

import collections
import datetime as dt
import importlib.resources
import math

import pytest
import yaml

from competency import Official, structure
from competency.frameworks.gaps import GapKind, NeedArea, cohort_gaps, gap
from competency.model.assessment import Assessment, AssessmentMethod
from competency.synth import generate
from competency.training.plan import plan_training

ON = dt.date(2020, 4, 7)          # Bến Tre's provincial party secretary reviews the 2020 plan
TT13 = "vn.tt-13-2019-bnv.cong-chuc-xa"
DEGREE = {"dai_hoc", "thac_si", "tien_si"}
AT_LEAST_TRUNG_CAP = {"trung_cap", "cao_dang"} | DEGREE
COMMUNES = 20
FLAGGED = 4


def _data(*parts: str) -> dict:
    text = (importlib.resources.files("competency").joinpath("data", *parts)).read_text("utf-8")
    return yaml.safe_load(text)


@pytest.fixture(scope="module")
def ben_tre():
    """A synthetic Bến Tre commune roster as of 2020-04-07; a few communes are flagged as
    disadvantaged areas, as a province designates them."""
    records = list(generate(18 * COMMUNES, seed=7, on=ON, province="83", profile="commune"))
    flagged = sorted({r["unit"]["commune_code"] for r in records})[:FLAGGED]
    for record in records:
        if record["unit"]["commune_code"] in flagged:
            record["unit"]["disadvantaged_area"] = True
            record["unit"]["area_types"] = ["remote"]
    officials = [structure(r, Official) for r in records]
    return records, set(flagged), officials, cohort_gaps(officials, on=ON)


def _needs_degree_under_tt13(record: dict) -> bool:
    """Plain reading of Circular 13/2019: a commune civil servant must hold a university
    degree, except that trung cấp suffices in a disadvantaged area. Unknown is not 'without'."""
    day = ON.isoformat()
    current = [a for a in record.get("assignments", [])
               if a.get("start", "") <= day and (a.get("end") is None or day <= a["end"])]
    if record.get("category") != "cong_chuc" or record["unit"].get("level") != "commune" \
            or not current or record.get("education") is None:
        return False
    if any(a["title"] == "cc_xa.chi_huy_truong_quan_su" for a in current):
        return False                      # the commander follows the militia law instead
    held = {e["level"] for e in record["education"]
            if e.get("awarded_on") is None or e["awarded_on"] <= day}
    if held & DEGREE:
        return False
    flag = record["unit"].get("disadvantaged_area")
    if flag is True:
        return False                      # the exception: trung cấp is the need, if any
    return not (flag is None and held & AT_LEAST_TRUNG_CAP)  # undecided without the flag


def _found(cohort) -> set[str]:
    return {row.official_id for row in cohort.need_rows
            if row.need.area is NeedArea.EDUCATION and row.need.target == "dai_hoc"
            and TT13 in row.need.sources}


def test_ben_tre_officials_without_a_degree_are_found(ben_tre):
    """Who needs a degree under Circular 13/2019 equals a plain count over the records."""
    records, _, _, cohort = ben_tre
    expected = {r["id"] for r in records if _needs_degree_under_tt13(r)}
    assert len(expected) >= 20, "the scenario needs enough officials to open a class"
    assert _found(cohort) == expected
    assert len(_found(cohort)) == len(expected)


def test_ben_tre_grouped_by_commune(ben_tre):
    """Per commune: officials counted and those needing a degree match the records."""
    records, _, _, cohort = ben_tre
    per_commune = collections.Counter(r["unit"]["commune_code"] for r in records)
    lacking = collections.Counter(r["unit"]["commune_code"] for r in records
                                  if _needs_degree_under_tt13(r))
    groups = {g.key: g for g in cohort.by("unit")}
    assert {k: g.officials for k, g in groups.items()} == dict(per_commune)
    by_commune = collections.Counter(row.post.commune for row in cohort.need_rows
                                     if row.official_id in _found(cohort)
                                     and row.need.area is NeedArea.EDUCATION)
    assert by_commune == lacking


def test_ben_tre_disadvantaged_communes_are_not_counted(ben_tre):
    """Officials of flagged communes never need a degree, though some there lack one."""
    records, flagged, _, cohort = ben_tre
    in_flagged_without_degree = [
        r["id"] for r in records if r["unit"]["commune_code"] in flagged
        and r.get("category") == "cong_chuc" and r.get("education") is not None
        and not {e["level"] for e in r["education"]
                 if e.get("awarded_on") is None or e["awarded_on"] <= ON.isoformat()} & DEGREE]
    assert in_flagged_without_degree, "the scenario must include such officials"
    assert not set(in_flagged_without_degree) & _found(cohort)
    assert all(row.post.commune not in flagged for row in cohort.need_rows
               if row.need.target == "dai_hoc")


def test_ben_tre_plan_opens_degree_classes(ben_tre):
    """One line per area for the degree: participants, ceil(n / max) classes, n × unit cost."""
    records, _, _, cohort = ben_tre
    n = sum(_needs_degree_under_tt13(r) for r in records)
    programme = next(p for p in _data("training", "programmes.yaml")["programmes"]
                     if {"education": "dai_hoc"} in p["closes"])
    plan = plan_training(cohort)
    [line] = [ln for ln in plan.lines if ln.programme.id == programme["id"]]
    assert line.area == "83"
    assert line.participants == n
    assert line.classes == math.ceil(n / programme["class_size"]["max"])
    assert sum(line.class_sizes) == n
    assert all(programme["class_size"]["min"] <= size <= programme["class_size"]["max"]
               for size in line.class_sizes)
    assert line.cost == n * programme["unit_cost"]


# -- one official -------------------------------------------------------------------------------

PROFILE = "vn.minh-hoa.cong-chuc-xa.tu-phap-ho-tich"
RECORD = {
    "id": "BTR-000123", "birth_date": "1990-05-01", "gender": "female", "category": "cong_chuc",
    "recruited_on": "2015-03-01",
    "unit": {"name": "Xã An Hiệp", "level": "commune", "province_code": "83",
             "commune_code": "28756", "disadvantaged_area": False},
    "assignments": [{"title": "cc_xa.tu_phap_ho_tich", "rank": "01.004", "start": "2015-03-01"}],
    "high_school": True,
    "education": [{"level": "trung_cap", "field": "Luật", "awarded_on": "2012-06-30"}],
    "it_skills": [{"level": "basic", "awarded_on": "2016-01-10"}],
}
ASSESSED_ON = dt.date(2020, 3, 1)
LEVELS = {"ethics": 3, "organising-work": 2, "drafting": 2, "communication": 1,
          "coordination": 2, "it": 2, "foreign-language": 1, "guiding": 2, "appraising": 2}


def _assessments() -> list[Assessment]:
    found = [Assessment(official_id="BTR-000123", competency=c, level=lv, assessed_on=ASSESSED_ON,
                        method=AssessmentMethod.MANAGER, evidence="Đánh giá năm 2019")
             for c, lv in LEVELS.items()]
    # an older, higher result and a later one after the as-of date do not count
    found.append(Assessment(official_id="BTR-000123", competency="drafting", level=3,
                            assessed_on=dt.date(2018, 1, 1), method=AssessmentMethod.SELF))
    found.append(Assessment(official_id="BTR-000123", competency="communication", level=4,
                            assessed_on=dt.date(2021, 1, 1), method=AssessmentMethod.TEST))
    found.append(Assessment(official_id="SOMEONE-ELSE", competency="drafting", level=5,
                            assessed_on=ASSESSED_ON, method=AssessmentMethod.TEST))
    return found


@pytest.fixture(scope="module")
def report():
    """The gap report of one commune civil servant on 2020-06-01."""
    return gap(structure(RECORD, Official), PROFILE, on=dt.date(2020, 6, 1),
               assessments=_assessments())


def test_person_report_joins_legal_and_competency_gaps(report):
    """A legal shortfall (no degree, due 2024-12-25) first, then competency shortfalls by size."""
    profile = next(p for p in _data("frameworks", "vn-minh-hoa-2025.yaml")["profiles"]
                   if p["id"] == PROFILE)
    short = {r["competency"]: r["level"] - LEVELS[r["competency"]] for r in profile["required"]
             if r["level"] > LEVELS[r["competency"]]}
    legal = [g for g in report.gaps if g.kind is GapKind.LEGAL_UNMET]
    competency = [g for g in report.gaps if g.kind is GapKind.COMPETENCY]
    assert [(g.source, g.rule) for g in legal] == [(TT13, "university")]
    assert legal[0].due == dt.date(2024, 12, 25)   # incumbents recruited before 2019-12-25: 5 years
    assert {g.rule: g.size for g in competency} == short
    assert report.gaps[0].kind is GapKind.LEGAL_UNMET
    sizes = [g.size for g in competency]
    assert sizes == sorted(sizes, reverse=True)
    assert [g.kind.order for g in report.gaps] == sorted(g.kind.order for g in report.gaps)


def test_person_report_in_vietnamese_and_english(report):
    """Both languages carry the citation, the deadline, the sizes and the illustrative flag."""
    vi = "\n".join(report.lines("vi"))
    en = "\n".join(report.lines("en"))
    for text in (vi, en):
        assert "BTR-000123" in text
        assert "13/2019/TT-BNV" in text
        assert "2024-12-25" in text
        assert "[illustrative]" in text
    assert "Chưa đạt tiêu chuẩn" in vi and "Thiếu hụt năng lực" in vi
    assert "thiếu 2 cấp độ" in vi and "phải đáp ứng trước 2024-12-25" in vi
    assert "Standard not met" in en and "Competency shortfall" in en
    assert "short by 2 levels" in en and "must comply by 2024-12-25" in en
    assert "Giao tiếp, ứng xử" in vi and "Communication and conduct" in en


def test_person_report_needs(report):
    """Needs: the degree (legal, with its deadline) before the competency needs."""
    first, *rest = report.needs
    assert (first.area, first.target, first.legal, first.due) == (
        NeedArea.EDUCATION, "dai_hoc", True, dt.date(2024, 12, 25))
    assert {n.target for n in rest} == {"communication", "drafting", "guiding"}
    assert not any(n.legal for n in rest)


def test_latest_valid_assessment_counts(report):
    """The 2020 level (2) of drafting counts, not the 2018 one (3) nor a later test (4)."""
    found = {g.rule: g.found.en for g in report.gaps if g.kind is GapKind.COMPETENCY}
    assert found["drafting"].startswith("level 2 (2020-03-01")
    assert found["communication"].startswith("level 1 ")


def test_trung_cap_is_the_need_in_a_disadvantaged_area():
    """Without any diploma in a disadvantaged commune, the need is trung cấp, not a degree."""
    record = {**RECORD, "education": [],
              "unit": {**RECORD["unit"], "disadvantaged_area": True}}
    result = gap(structure(record, Official), PROFILE, on=dt.date(2020, 6, 1),
                 assessments={c: 5 for c in LEVELS})
    assert [(n.area, n.target) for n in result.needs] == [(NeedArea.EDUCATION, "trung_cap")]


def test_unknown_education_is_a_data_gap_not_a_need():
    """No education recorded: the standard is undecided and nothing is planned."""
    record = {k: v for k, v in RECORD.items() if k != "education"}
    result = gap(structure(record, Official), PROFILE, on=dt.date(2020, 6, 1),
                 assessments={c: 5 for c in LEVELS})
    assert {g.kind for g in result.gaps} == {GapKind.LEGAL_UNKNOWN}
    assert result.needs == ()


def test_no_assessment_is_reported_as_not_assessed():
    """A required competency without an assessment is a gap of its own kind, never a need."""
    record = {**RECORD, "education": [{"level": "dai_hoc", "awarded_on": "2012-06-30"}]}
    result = gap(structure(record, Official), PROFILE, on=dt.date(2020, 6, 1))
    assert result.gaps and {g.kind for g in result.gaps} == {GapKind.COMPETENCY_UNASSESSED}
    assert result.needs == ()


def test_who_lists_each_official_once_in_roster_order(ben_tre):
    """``who`` with and without filters: every official whose report has a matching gap,
    once, in the order of the roster (recounted from the individual reports)."""
    records, _, officials, cohort = ben_tre
    reports = [gap(o, None, on=ON) for o in officials]
    order = [o.id for o in officials]
    for kind in (None, GapKind.LEGAL_UNMET, GapKind.COMPETENCY_UNASSESSED):
        expected = [r.official_id for r in reports
                    if any(kind is None or g.kind is kind for g in r.gaps)]
        found = cohort.who(kind)
        assert found == expected
        assert found == sorted(found, key=order.index) and len(set(found)) == len(found)
    assert cohort.who(GapKind.LEGAL_UNMET, rule="university")
    assert set(cohort.who(GapKind.LEGAL_UNMET, rule="university")) < set(cohort.who())
