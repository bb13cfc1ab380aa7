"""Workforce targets: the Quảng Ninh scenario counted independently, unit-counting indicators,
exact shares and gaps, trajectories, the international-experience rule and the target data."""

from __future__ import annotations

import datetime as dt
import fractions
import math
from pathlib import Path

import pytest
import yaml

from competency import Official, Outcome, TargetStatus, check_targets, structure, target_trajectory
from competency.errors import DataFileError
from competency.law import Confidence
from competency.rules.evaluate import evaluate_node
from competency.rules.leaves import Context
from competency.rules.nodes import InternationalEvidence, InternationalExperience
from competency.standards.catalogue import Catalog
from competency.synth import generate
from competency.targets.catalogue import builtin_target_sets, get_target_set, load_target_file
from competency.targets.model import Counting, TargetRange

ROOT = Path(__file__).resolve().parents[2]
ON = dt.date(2025, 1, 1)
QUANG_NINH = "22"
PROVINCIAL = "vn.nq-26-2018-tw.province"
WOMEN = "vn.qd-2282-2020-ttg"
LEVELS = ["bac_1", "bac_2", "bac_3", "bac_4", "bac_5", "bac_6"]


# -- an independent reading of the records, in plain Python over the dicts -----------------------

def _certificate_thresholds() -> dict[str, list[tuple[float, str]]]:
    data = yaml.safe_load((ROOT / "src/competency/data/tables/language-certificates.yaml")
                          .read_text(encoding="utf-8"))
    return {c["name"].casefold(): [(float(t["min_score"]), t["level"]) for t in c["thresholds"]]
            for c in data["certificates"]}


CERTIFICATES = _certificate_thresholds()


def current_posts(record: dict, on: dt.date) -> list[dict]:
    day = on.isoformat()
    return [a for a in record.get("assignments") or []
            if a.get("start", day) <= day and a.get("end", day) >= day]


def post_level(record: dict, post: dict) -> str | None:
    unit = post.get("unit") or record.get("unit") or {}
    return unit.get("level")


def age(record: dict, on: dt.date) -> int | None:
    if "birth_date" not in record:
        return None
    born = dt.date.fromisoformat(record["birth_date"])
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def language_level(entry: dict) -> int | None:
    """Index in LEVELS of the entry's level: recorded, else from the certificate score."""
    if "level" in entry:
        return LEVELS.index(entry["level"])
    scale = CERTIFICATES.get((entry.get("certificate") or "").casefold())
    if scale is None or "score" not in entry:
        return None
    reached = [LEVELS.index(level) for minimum, level in scale if entry["score"] >= minimum]
    return max(reached) if reached else None


def has_language(record: dict, minimum: str, on: dt.date) -> bool | None:
    """True / False / None (unknown) for "a language at ``minimum`` or above"."""
    if "languages" not in record:
        return None
    held = [e for e in record["languages"] if e.get("awarded_on", on.isoformat()) <= on.isoformat()]
    levels = [language_level(e) for e in held]
    known = [lv for lv in levels if lv is not None]
    if known and max(known) >= LEVELS.index(minimum):
        return True
    return None if len(known) < len(levels) else False


def has_international_experience(record: dict, on: dt.date) -> bool | None:
    day, unknown = on.isoformat(), False
    if "assignments" not in record:
        unknown = True
    for post in record.get("assignments") or []:
        if post.get("start", day) > day:
            continue
        if post.get("international") is True:
            return True
        unknown = unknown or "international" not in post
    if "training" not in record:
        unknown = True
    for course in record.get("training") or []:
        when = course.get("end") or course.get("start")
        if when is not None and when > day:
            continue
        if course.get("abroad") is True and course.get("completed") is not False:
            return True
        unknown = unknown or "abroad" not in course
    return None if unknown else False


def kleene_and(*values: bool | None) -> bool | None:
    if False in values:
        return False
    return None if None in values else True


def expected_gap(minimum: str, numerator: int, denominator: int) -> int:
    return max(0, math.ceil(fractions.Fraction(minimum) * denominator) - numerator)


def count(records: list[dict], member, predicate) -> tuple[int, int, int]:
    """(met, population, unknown) over the records."""
    population = [r for r in records if member(r)]
    results = [predicate(r) for r in population]
    return results.count(True), len(population), results.count(None)


def provincial_leader(record: dict) -> bool:
    """Resolution 26's provincial leaders as the data reads them: department (deputy) directors."""
    return any(p["title"] in {"giam_doc_so", "pho_giam_doc_so"} and p.get("leadership") is True
               and post_level(record, p) == "province" for p in current_posts(record, ON))


def under_40(record: dict) -> bool | None:
    years = age(record, ON)
    return None if years is None else years < 40


def able_international(record: dict) -> bool | None:
    return kleene_and(has_language(record, "bac_4", ON), has_international_experience(record, ON))


# -- the Quảng Ninh scenario --------------------------------------------------------------------

@pytest.fixture(scope="module")
def quang_ninh() -> list[dict]:
    return list(generate(3000, seed=1, on=ON, province=QUANG_NINH))


@pytest.fixture(scope="module")
def quang_ninh_report(quang_ninh):
    return check_targets((structure(r, Official) for r in quang_ninh), [PROVINCIAL, WOMEN], ON)


def test_quang_ninh_uses_resolution_26_provincial_set_and_says_so():
    """The Quảng Ninh 2030 figures are Resolution 26's provincial targets; the set says so."""
    target_set = get_target_set(PROVINCIAL)
    assert "Quảng Ninh" in target_set.note.en and "Quảng Ninh" in target_set.note.vi
    assert [c.instrument for c in target_set.legal_basis] == ["26-NQ/TW"]
    targets = {i.id: (i.target.min, i.target.max) for i in target_set.indicators}
    assert targets == {"under-40": (0.15, 0.20), "international": (0.25, 0.35)}


@pytest.mark.parametrize(("indicator", "predicate", "minimum"), [
    ("under-40", under_40, "0.15"),
    ("international", able_international, "0.25"),
])
def test_quang_ninh_report_agrees_with_an_independent_count(quang_ninh, quang_ninh_report,
                                                             indicator, predicate, minimum):
    """As of 2025-01-01, each Resolution 26 provincial indicator's share and gap in people
    equal a count made in plain Python over the synthetic Quảng Ninh records."""
    met, population, unknown = count(quang_ninh, provincial_leader, predicate)
    assert population > 20  # the roster has provincial leaders to count
    result = quang_ninh_report.get(PROVINCIAL, indicator)
    assert (result.numerator, result.denominator, result.unknown) == (met, population, unknown)
    assert result.share == pytest.approx(met / population)
    assert result.gap == expected_gap(minimum, met, population)
    below = fractions.Fraction(met, population) < fractions.Fraction(minimum)
    assert result.status is (TargetStatus.BELOW if below else TargetStatus.MET)
    assert result.counts is Counting.PEOPLE
    assert len(result.unknown_ids) == unknown


def test_the_international_indicator_is_marked_illustrative(quang_ninh_report):
    """The operational definition of "able to work internationally" shows as illustrative."""
    assert quang_ninh_report.get(PROVINCIAL, "international").illustrative
    assert not quang_ninh_report.get(PROVINCIAL, "under-40").illustrative
    assert quang_ninh_report.get(PROVINCIAL, "under-40").confidence is Confidence.NEEDS_CHECK


def test_empty_population_has_no_share_and_no_gap():
    """A commune-only roster has no provincial leaders: status no_population, no share, no gap."""
    records = list(generate(300, seed=4, on=ON, province=QUANG_NINH, profile="commune"))
    assert not any(provincial_leader(r) for r in records)
    report = check_targets([structure(r, Official) for r in records], PROVINCIAL, ON)
    for result in report.results:
        counts = (result.numerator, result.denominator, result.share, result.gap)
        assert counts == (0, 0, None, None)
        assert result.status is TargetStatus.NO_POPULATION
    assert report.officials == 300


# -- units, not people --------------------------------------------------------------------------

def key_leader(record: dict) -> bool:
    """Decision 2282's key leaders as the data reads them."""
    titles = {"province": {"giam_doc_so", "pho_giam_doc_so"},
              "district": {"truong_phong", "pho_truong_phong"},
              "commune": {"cb_xa.chu_tich_hdnd", "cb_xa.pho_chu_tich_hdnd", "cb_xa.chu_tich_ubnd",
                          "cb_xa.pho_chu_tich_ubnd"}}
    return any(p["title"] in titles.get(post_level(record, p), set())
               for p in current_posts(record, ON))


def unit_of(record: dict) -> str:
    unit = record["unit"]
    return unit.get("id") or "|".join(unit.get(k, "") for k in (
        "province_code", "district_code", "commune_code", "name"))


def test_agencies_with_a_woman_key_leader_counts_units(quang_ninh, quang_ninh_report):
    """Decision 2282: the share of units with at least one woman among their key leaders,
    counted independently by grouping the records by unit."""
    units: dict[str, list[str | None]] = {}
    for record in quang_ninh:
        if key_leader(record):
            units.setdefault(unit_of(record), []).append(record.get("gender"))
    with_woman = sum("female" in genders for genders in units.values())
    unknown = sum("female" not in g and None in g for g in units.values())
    for indicator, minimum in [("agencies-with-woman-key-leader-2025", "0.60"),
                               ("agencies-with-woman-key-leader-2030", "0.75")]:
        result = quang_ninh_report.get(WOMEN, indicator)
        assert result.counts is Counting.UNITS
        assert (result.numerator, result.denominator, result.unknown) == (
            with_woman, len(units), unknown)
        assert result.gap == expected_gap(minimum, with_woman, len(units))


def _leader(ident: str, unit: str, gender: str | None,
            title: str = "cb_xa.chu_tich_ubnd") -> Official:
    record = {"id": ident, "category": "can_bo",
              "unit": {"id": unit, "name": f"Xã {unit}", "level": "commune", "province_code": "22"},
              "assignments": [{"title": title, "start": "2021-06-01", "leadership": True}]}
    if gender is not None:
        record["gender"] = gender
    return structure(record, Official)


def test_unit_counting_by_hand():
    """Unit A has a woman chair; B only men; C a man and a leader of unknown gender; D's woman is
    not a key leader. So 1 of 3 units meets, C is unknown, and 60% of 3 needs 2: gap 1."""
    roster = [_leader("A1", "A", "male"), _leader("A2", "A", "female"), _leader("B1", "B", "male"),
              _leader("B2", "B", "male"), _leader("C1", "C", "male"), _leader("C2", "C", None),
              _leader("D1", "D", "female", title="cc_xa.tu_phap_ho_tich")]
    report = check_targets(roster, WOMEN, ON, by="unit")
    overall = report.get(WOMEN, "agencies-with-woman-key-leader-2025")
    assert (overall.numerator, overall.denominator, overall.unknown, overall.gap) == (1, 3, 1, 1)
    assert overall.unknown_ids == ("Xã C",)
    per_unit = {r.group: (r.numerator, r.denominator, r.status)
                for r in report.results
                if r.indicator.id == "agencies-with-woman-key-leader-2025" and r.group}
    assert per_unit == {"A": (1, 1, TargetStatus.MET), "B": (0, 1, TargetStatus.BELOW),
                        "C": (0, 1, TargetStatus.BELOW)}


# -- exact shares, statuses and gaps ---------------------------------------------------------------

@pytest.mark.parametrize(("numerator", "status", "gap"), [
    (2, TargetStatus.BELOW, 1),   # 10% of 20; 15% of 20 is 3 people
    (3, TargetStatus.MET, 0),     # exactly 15%
    (4, TargetStatus.MET, 0),     # exactly 20%: the upper bound is inclusive
    (5, TargetStatus.ABOVE, 0),   # 25%
])
def test_range_status_and_gap_are_exact(numerator, status, gap):
    """15–20% of 20 people, compared without rounding."""
    target = TargetRange(min=0.15, max=0.20)
    assert (target.status(numerator, 20), target.gap(numerator, 20)) == (status, gap)


def test_gap_uses_the_decimal_written_not_the_binary_float():
    """35% of 20 is 7 people (0.35 × 20 in floating point is 7.000000000000001)."""
    assert TargetRange(min=0.35).gap(6, 20) == 1
    assert TargetRange(min=0.35).status(7, 20) is TargetStatus.MET


def test_commune_leaders_under_40_excludes_older_and_reports_unknown_ages():
    """Decision 1659's commune-leaders indicator counts only leaders under 40; one without a
    birth date is reported as undetermined and is not in the denominator."""
    def leader(ident, born, level):
        record = {"id": ident, "category": "can_bo",
                  "unit": {"level": "commune", "province_code": "22", "name": "Xã X"},
                  "assignments": [{"title": "cb_xa.chu_tich_ubnd", "leadership": True}],
                  "languages": [{"language": "en", "level": level}]}
        if born:
            record["birth_date"] = born
        return structure(record, Official)

    roster = [leader("Y1", "1990-01-01", "bac_3"), leader("Y2", "1991-01-01", "bac_2"),
              leader("O1", "1970-01-01", "bac_5"), leader("U1", None, "bac_3")]
    result = check_targets(roster, "vn.qd-1659-2019-ttg", ON).get(
        "vn.qd-1659-2019-ttg", "commune-leaders-under-40-bac-3-2030")
    assert (result.numerator, result.denominator, result.undetermined) == (1, 2, 1)
    assert result.status is TargetStatus.MET  # 50% ≥ 25%


# -- trajectory and streaming -------------------------------------------------------------------

def test_trajectory_follows_each_indicator_across_dates(quang_ninh):
    """The same roster as of 2025-01-01 and 2030-01-01: the under-40 counts at each date equal
    an independent count at that date."""
    officials = [structure(r, Official) for r in quang_ninh]
    later = dt.date(2030, 1, 1)
    trajectory = target_trajectory([(later, officials), (ON, officials)], PROVINCIAL)
    series = trajectory.series(PROVINCIAL, "under-40")
    assert [p.on for p in series] == [ON, later]
    for point in series:
        def leader(r, day=point.on):
            return any(p["title"] in {"giam_doc_so", "pho_giam_doc_so"}
                       and p.get("leadership") is True and post_level(r, p) == "province"
                       for p in current_posts(r, day))

        def young(r, day=point.on):
            years = age(r, day)
            return None if years is None else years < 40

        assert (point.numerator, point.denominator) == count(quang_ninh, leader, young)[:2]


def test_officials_are_read_once_as_a_stream(quang_ninh):
    """A generator is consumed once; every official read is counted."""
    stream = (structure(r, Official) for r in quang_ninh[:200])
    report = check_targets(stream, PROVINCIAL, ON)
    assert report.officials == 200
    assert next(stream, None) is None


# -- the international-experience rule ---------------------------------------------------------

NODE = InternationalExperience(id="intl", international_experience=(
    InternationalEvidence.ASSIGNMENT, InternationalEvidence.TRAINING_ABROAD))


def intl(**record) -> Outcome:
    official = structure({"id": "I-1", **record}, Official)
    ctx = Context(official=official, on=ON, tables=Catalog.builtin().tables)
    return evaluate_node(NODE, ctx).outcome


@pytest.mark.parametrize(("record", "outcome"), [
    ({"assignments": [{"title": "chuyen_vien", "start": "2020-01-01", "international": True}],
      "training": []}, Outcome.MET),
    ({"assignments": [{"title": "chuyen_vien", "start": "2026-01-01", "international": True}],
      "training": []}, Outcome.UNMET),  # the post starts after the date
    ({"assignments": [{"title": "chuyen_vien", "international": False}],
      "training": [{"programme": "bd.x", "end": "2024-05-01", "abroad": True}]}, Outcome.MET),
    ({"assignments": [{"title": "chuyen_vien", "international": False}],
      "training": [{"programme": "bd.x", "end": "2024-05-01", "abroad": True, "completed": False}]},
     Outcome.UNMET),  # abandoned course
    ({"assignments": [{"title": "chuyen_vien", "international": False}], "training": []},
     Outcome.UNMET),
    ({"assignments": [{"title": "chuyen_vien"}], "training": []}, Outcome.UNKNOWN),
    ({"assignments": [{"title": "chuyen_vien", "international": False}]}, Outcome.UNKNOWN),
    ({"assignments": [{"title": "chuyen_vien", "international": False}], "training": [],
      "education": [{"level": "thac_si", "abroad": True}]}, Outcome.UNMET),  # not accepted here
])
def test_international_experience(record, outcome):
    """A post in international work or a course abroad counts; missing flags make it unknown."""
    assert intl(**record) is outcome


# -- the data ------------------------------------------------------------------------------------

def test_built_in_sets_carry_the_confidence_of_their_sources():
    """Resolution 26 (a cut-off English report) needs checking; Decisions 1659 and 2282 are
    confirmed; the commune rows of 1659 need checking (their population cannot be selected)."""
    sets = builtin_target_sets()
    assert {k: v.confidence for k, v in sets.items()} == {
        "vn.nd-101-2017.boi-duong-hang-nam": Confidence.CONFIRMED,
        "vn.nd-170-2025.vi-tri-viec-lam": Confidence.CONFIRMED,
        "vn.nq-26-2018-tw.central": Confidence.NEEDS_CHECK,
        "vn.nq-26-2018-tw.province": Confidence.NEEDS_CHECK,
        "vn.nq-26-2018-tw.strategic": Confidence.NEEDS_CHECK,
        "vn.qd-1659-2019-ttg": Confidence.CONFIRMED,
        "vn.qd-2282-2020-ttg": Confidence.CONFIRMED,
    }
    language = {i.id: (i.target.min, i.deadline.year)
                for i in sets["vn.qd-1659-2019-ttg"].indicators}
    assert language["central-bac-4-2025"] == (0.50, 2025)
    assert language["province-district-bac-4-2030"] == (0.35, 2030)
    assert language["commune-leaders-under-40-bac-3-2030"] == (0.25, 2030)
    needs_check = {i.id for i in sets["vn.qd-1659-2019-ttg"].indicators
                   if i.confidence is Confidence.NEEDS_CHECK}
    assert needs_check == {"commune-bac-3-2025", "commune-bac-3-2030",
                           "commune-leaders-under-40-bac-3-2025",
                           "commune-leaders-under-40-bac-3-2030"}


BAD = """
target_sets:
  - id: test.bad
    title: {vi: Thử, en: Test}
    confidence: confirmed
    illustrative: true
    legal_basis: [{instrument: X/2020, confidence: confirmed}]
    indicators:
      - id: a
        title: {vi: A, en: A}
        population: [{levels: [province]}]
        predicate: {id: p, age: {max: 39}}
        target: {min: 0.4, max: 0.3}
        deadline: 2030-12-31
      - id: a
        title: {vi: A, en: A}
        population: [{levels: [province]}]
        predicate: {id: p, gender: female}
        target: {min: 1.5}
        deadline: 2030-12-31
"""


def test_bad_target_file_reports_every_problem_with_its_pointer():
    """A share above 1 fails the schema; then duplicate ids, max < min and an illustrative set
    without illustrative confidence are reported together."""
    with pytest.raises(DataFileError) as caught:
        load_target_file(BAD, "bad.yaml")
    assert any(p.startswith("/target_sets/0/indicators/1/target/min: 1.5 is greater than")
               for p in caught.value.problems)
    fixed = BAD.replace("min: 1.5", "min: 0.5")
    with pytest.raises(DataFileError) as caught:
        load_target_file(fixed, "bad.yaml")
    assert caught.value.problems == (
        "/target_sets/0/confidence: an illustrative set must have confidence 'illustrative'",
        "/target_sets/0/indicators: duplicate indicator id 'a'",
        "/target_sets/0/indicators/0/target: max 0.3 is below min 0.4",
    )
