"""Last year's evaluation in this year's plan, and the province's plan overlay file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from competency import Official, structure
from competency.errors import DataFileError
from competency.frameworks.gaps import CohortGaps, NeedRow, NeedSource
from competency.targets.plan_needs import NeedTap
from competency.targets.plan_overlay import load_plan_overlay
from competency.training.catalogue import ProgrammeCatalog, quality_bands
from competency.training.feedback import review_programmes, with_reviews
from competency.training.plan import plan_training
from tests.training.test_plan import CATALOG, need, post

ROOT = Path(__file__).resolve().parents[2]
BANDS = quality_bands()
THRESHOLD = next(b for b in BANDS.bands if b.code == BANDS.review_below)


def test_the_review_threshold_is_a_band_of_the_data():
    assert THRESHOLD.min > 0, "a threshold at the lowest band would never report anything"


def test_a_programme_rated_below_the_threshold_or_with_no_gain_is_reported():
    low, high = THRESHOLD.min - 0.5, THRESHOLD.min + 0.5
    evaluation = {"quality": [{"programme": "weak", "index": low},
                              {"programme": "fine", "index": high}],
                  "changes": [{"programme": "flat", "compared": 4, "improved": 0},
                              {"programme": "fine", "compared": 4, "improved": 3},
                              {"programme": "unmeasured", "compared": 0, "improved": 0}]}
    reviews = {r.programme: r for r in review_programmes(evaluation, {"weak": 12})}
    assert set(reviews) == {"weak", "flat"}
    assert reviews["weak"].reasons == ("quality",) and reviews["weak"].planned == 12
    assert reviews["weak"].band == BANDS.band(low).code
    assert reviews["flat"].reasons == ("no_gain",) and reviews["flat"].planned == 0


def test_the_plan_counts_this_years_participants_of_a_reviewed_programme():
    rows = [NeedRow(official_id=f"O-{i}", post=post("00001"), need=need("education", "dai_hoc", 4))
            for i in range(3)]
    plan = with_reviews(plan_training(rows, CATALOG),
                        {"quality": [{"programme": "degree", "index": 0.5}]})
    (review,) = plan.reviews
    assert (review.programme, review.planned) == ("degree", 3)
    assert plan.as_dict()["reviews"][0]["reasons"] == ["quality"]
    assert "Chương trình cần xem lại" in plan.tables()


@pytest.mark.parametrize(("data", "pointer"), [
    ({"quality": [{"programme": "x", "index": "high"}]}, "/quality/0/index"),
    ({"quality": [{"programme": "x", "index": 2}, {"programme": "y", "index": 12}]},
     "/quality/1/index"),
    ({"changes": [{"programme": "x", "compared": 1.5}]}, "/changes/0/compared"),
    ({"changes": [{"compared": 1}]}, "/changes/0/programme"),
    ({"results": []}, "/"),
])
def test_a_bad_evaluation_is_a_located_error(data, pointer):
    with pytest.raises(DataFileError) as caught:
        review_programmes(data, {}, source="last.json")
    assert caught.value.source == "last.json"
    assert caught.value.problems[0].startswith(f"{pointer}: ")


# -- the plan overlay --------------------------------------------------------------------------

EXAMPLE = ROOT / "docs" / "examples" / "quang-ninh-overlay.yaml"
BUILT_IN = ProgrammeCatalog.builtin().ids()


def test_the_quang_ninh_example_loads_and_is_marked_illustrative():
    overlay = load_plan_overlay(EXAMPLE, BUILT_IN)
    assert overlay.confidence.value == "illustrative"
    assert all(p.cost_confidence.value == "illustrative" for p in overlay.programmes)
    assert any(p.abroad for p in overlay.programmes)
    offered = {p.id for p in overlay.programmes} | set(BUILT_IN)
    assert all(link.programme in offered for link in overlay.target_needs)
    assert {i.target.min for i in overlay.target_set("qn.minh-hoa.2025-2030").indicators
            if i.id in ("women", "science-technology")} == {0.10}


def test_an_overlay_with_bad_references_reports_every_problem(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("""confidence: illustrative
priorities: [legal, cheapest]
target_needs:
  - {target_set: vn.nq-26-2018-tw.province, indicator: international, programme: nowhere}
  - {target_set: vn.nq-26-2018-tw.province, indicator: nope, programme: vn.minh-hoa.tin-hoc-co-ban}
  - {target_set: missing, indicator: x, programme: y}
  - {target_set: vn.qd-2282-2020-ttg, indicator: agencies-with-woman-key-leader-2025,
     programme: vn.minh-hoa.tin-hoc-co-ban}
""", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_plan_overlay(bad, BUILT_IN)
    problems = caught.value.problems
    assert [p.split(":")[0] for p in problems] == [
        "/priorities/1", "/target_needs/0/programme", "/target_needs/1/indicator",
        "/target_needs/2/target_set", "/target_needs/3/indicator"]
    assert "counts units" in problems[-1]


def test_an_overlay_cannot_replace_a_built_in_programme(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "id: qn.minh-hoa.trung-cap-llct-hc", "id: vn.minh-hoa.trung-cap-llct-hc")
    bad = tmp_path / "clash.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match="already defined"):
        load_plan_overlay(bad, BUILT_IN)


def test_an_overlay_failing_its_schema_names_the_pointer(tmp_path):
    bad = tmp_path / "schema.yaml"
    bad.write_text("confidence: sure\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_plan_overlay(bad, BUILT_IN)
    assert caught.value.problems[0].startswith("/confidence: ")


BEN_TRE = ROOT / "docs" / "examples" / "ben-tre-2020-plan-overlay.yaml"


def test_a_provincial_title_rule_adds_needs_only_in_its_own_period():
    """Bến Tre's 2020 plan (an overlay) calls for a class for its commune secretaries in 2020;
    the national rule starts only with Decree 89/2021, and the province's ends with 2020."""
    overlay = load_plan_overlay(BEN_TRE, BUILT_IN)
    assert overlay.titles and all(r.confidence.value == "illustrative" for r in overlay.titles)
    secretary = structure({"id": "BT-9", "category": "can_bo",
                           "unit": {"name": "Xã An Hiệp", "level": "commune",
                                    "province_code": "83", "commune_code": "29000"},
                           "assignments": [{"title": "cb_xa.bi_thu", "start": "2015-10-01",
                                            "first_appointed": "2015-10-01"}]}, Official)

    def title_rules(day, with_overlay):
        tap = NeedTap(on=day, overlay=overlay if with_overlay else None,
                      sources=(NeedSource.TITLE,))
        list(tap.read([secretary]))
        return [r.need.sources for r in tap.needs(CohortGaps(on=day))]

    spring = dt.date(2020, 4, 7)
    assert title_rules(spring, with_overlay=False) == []
    assert title_rules(spring, with_overlay=True) == [("bt.minh-hoa.2020.bi-thu-xa",)]
    assert title_rules(dt.date(2021, 3, 1), with_overlay=True) == []


def test_an_overlay_cannot_replace_a_national_title_rule(tmp_path):
    text = BEN_TRE.read_text(encoding="utf-8").replace(
        "id: bt.minh-hoa.2020.chu-tich-xa", "id: vn.minh-hoa.chuc-danh-chu-tich-ubnd-xa")
    bad = tmp_path / "clash.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_plan_overlay(bad, BUILT_IN)
    assert caught.value.problems == ("/titles/1/id: rule 'vn.minh-hoa.chuc-danh-chu-tich-ubnd-xa' "
                                     "is already defined; give it a new id",)
