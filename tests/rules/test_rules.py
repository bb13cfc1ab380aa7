"""The evaluator: leaf semantics, unknown versus none, as-of dates, transitional windows."""

from __future__ import annotations

import datetime as dt

import pytest

from competency.model.official import Official
from competency.rules.outcome import Outcome
from competency.schema.convert import structure
from competency.standards.catalogue import Catalog, load_standard_file
from competency.standards.evaluate import evaluate_standard

STANDARD = """
standards:
  - id: test.commune
    title: {vi: Công chức xã (thử), en: Commune civil servant (test)}
    subject: test
    applies_to: {categories: [cong_chuc], levels: [commune]}
    valid_from: 2019-12-25
    confidence: confirmed
    legal_basis: [{instrument: TEST/2019, confidence: confirmed}]
    requirements:
      id: all
      all_of:
        - {id: age, age: {min: 18}}
        - id: education
          any_of:
            - {id: university, min_education: dai_hoc}
            - id: disadvantaged
              all_of:
                - {id: in-area, unit: {disadvantaged_area: true}}
                - {id: trung-cap, min_education: trung_cap}
        - {id: it, min_it_skill: basic, confidence: needs-check}
        - id: young-leaders-only
          when:
            if: {id: is-woman, gender: female}
            then: {id: ratings, ratings: {min: hoan_thanh_tot, years: 2}}
    transitional:
      - id: incumbents
        applies_when: {recruited_before: 2019-12-25}
        rules: [education, it]
        due: 2024-12-25
        legal_basis: [{instrument: TEST/2019, article: Điều 9, confidence: needs-check}]
  - id: test.cadre
    title: {vi: Cán bộ (thử), en: Cadre (test)}
    subject: test-cadre
    applies_to: {}
    valid_from: null
    confidence: confirmed
    legal_basis: [{instrument: TEST/2021, confidence: confirmed}]
    requirements: {id: term, remaining_working_months: {min: 60, at: first_appointed}}
"""

BASE = {"id": "T-1", "birth_date": "1990-01-01", "gender": "male", "category": "cong_chuc",
        "recruited_on": "2015-03-01",
        "unit": {"level": "commune", "disadvantaged_area": False},
        "assignments": [{"title": "cc_xa.tu_phap_ho_tich", "start": "2015-03-01"}],
        "education": [{"level": "trung_cap", "awarded_on": "2012-06-30"}],
        "it_skills": [{"level": "basic"}]}


@pytest.fixture(scope="module")
def standards():
    return {s.id: s for s in load_standard_file(STANDARD, "test.yaml")}


@pytest.fixture(scope="module")
def tables():
    return Catalog.builtin().tables


def run(standards, tables, on="2020-06-01", standard="test.commune", **changes):
    official = structure({**BASE, **changes}, Official)
    assignment = (official.assignments or (None,))[0]
    return evaluate_standard(standards[standard], official, dt.date.fromisoformat(on),
                             tables=tables, assignment=assignment)


def culprit_ids(result):
    return sorted(ev.rule_id for ev in result.failing())


def test_incumbent_without_degree_is_unmet_with_a_deadline(standards, tables):
    """Recruited 2015 with only trung cấp: unmet, due 2024-12-25 under the provision."""
    result = run(standards, tables)
    assert result.outcome is Outcome.UNMET
    assert result.due == dt.date(2024, 12, 25)
    assert result.provision.id == "incumbents"
    assert culprit_ids(result) == ["in-area", "university"]
    education = next(ev for ev in result.evaluation.walk() if ev.rule_id == "education")
    assert education.due == dt.date(2024, 12, 25)
    assert "Điều 9" in education.message("vi")


def test_recruited_after_the_standard_gets_no_deadline(standards, tables):
    """Recruited 2020: the same shortfall is plainly unmet."""
    result = run(standards, tables, recruited_on="2020-02-01")
    assert (result.outcome, result.due, result.provision) == (Outcome.UNMET, None, None)


def test_deadline_disappears_once_passed(standards, tables):
    """On 2024-12-26 the window is over: unmet, no due date."""
    assert run(standards, tables, on="2024-12-26").due is None
    assert run(standards, tables, on="2024-12-25").due == dt.date(2024, 12, 25)


def test_a_window_does_not_cover_rules_outside_it(standards, tables):
    """Under 18 is not covered by the provision: no deadline is offered."""
    result = run(standards, tables, birth_date="2005-01-01")
    assert result.outcome is Outcome.UNMET
    assert result.due is None
    assert "age" in culprit_ids(result)


def test_disadvantaged_area_exception(standards, tables):
    """The same person in a disadvantaged-area commune meets the standard."""
    result = run(standards, tables, unit={"level": "commune", "disadvantaged_area": True})
    assert result.outcome is Outcome.MET
    assert result.failing() == []


def test_no_education_data_is_unknown_not_unmet(standards, tables):
    """A record silent on education gives unknown; one recording none gives unmet."""
    silent = {k: v for k, v in BASE.items() if k != "education"}
    result = evaluate_standard(standards["test.commune"], structure(silent, Official),
                               dt.date(2020, 6, 1), tables=tables)
    assert result.outcome is Outcome.UNKNOWN
    assert culprit_ids(result) == ["university"]
    assert run(standards, tables, education=[]).outcome is Outcome.UNMET


def test_unknown_unit_flag_keeps_exception_open(standards, tables):
    """Trung cấp with an unknown area flag: the exception may apply, so unknown."""
    result = run(standards, tables, unit={"level": "commune"}, recruited_on="2020-02-01")
    assert result.outcome is Outcome.UNKNOWN
    assert culprit_ids(result) == ["in-area"]


def test_evidence_after_the_date_is_ignored(standards, tables):
    """A degree awarded in 2021 does not count on 2020-06-01, and does on 2021-07-01."""
    later = [{"level": "trung_cap"}, {"level": "dai_hoc", "awarded_on": "2021-06-30"}]
    assert run(standards, tables, education=later).outcome is Outcome.UNMET
    assert run(standards, tables, on="2021-07-01", education=later).outcome is Outcome.MET


def test_age_counts_whole_years_to_the_birthday(standards, tables):
    """18 on the 18th birthday, 17 the day before."""
    changes = {"birth_date": "2002-06-01", "education": [{"level": "dai_hoc"}]}
    assert run(standards, tables, on="2020-06-01", **changes).outcome is Outcome.MET
    assert run(standards, tables, on="2020-05-31", **changes).outcome is Outcome.UNMET


def test_when_applies_only_if_the_condition_holds(standards, tables):
    """Ratings are required of women here: missing ratings make a woman unknown, a man met."""
    ok = {"education": [{"level": "dai_hoc"}]}
    assert run(standards, tables, **ok).outcome is Outcome.MET
    woman = run(standards, tables, gender="female", **ok)
    assert woman.outcome is Outcome.UNKNOWN
    assert culprit_ids(woman) == ["ratings"]
    rated = [{"year": 2019, "rating": "hoan_thanh_tot"}, {"year": 2018, "rating": "hoan_thanh_xuat_sac"}]
    assert run(standards, tables, gender="female", ratings=rated, **ok).outcome is Outcome.MET
    low = [{"year": 2019, "rating": "hoan_thanh"}, {"year": 2018, "rating": "hoan_thanh_tot"}]
    assert run(standards, tables, gender="female", ratings=low, **ok).outcome is Outcome.UNMET


def test_needs_check_is_shown_in_the_explanation(standards, tables):
    """A node marked needs-check says so in its message."""
    result = run(standards, tables, it_skills=[])
    it = next(ev for ev in result.evaluation.walk() if ev.rule_id == "it")
    assert it.needs_check
    assert "[needs-check]" in it.message("en")


@pytest.mark.parametrize(("birth", "gender", "appointed", "outcome"), [
    # Men born from 1966-04 retire at 62: born 1970-06-15 → retires 2032-06-15.
    ("1970-06-15", "male", "2027-06-15", Outcome.MET),     # exactly 60 months left
    ("1970-06-15", "male", "2027-06-16", Outcome.UNMET),   # one day short of 60 months
    # Women born 1972-01..1972-08 retire at 58 years 4 months: 1972-03-10 → 2030-07-10.
    ("1972-03-10", "female", "2025-07-10", Outcome.MET),
    ("1972-03-10", "female", "2025-08-01", Outcome.UNMET),
])
def test_remaining_working_time_uses_the_retirement_schedule(standards, tables, birth, gender,
                                                               appointed, outcome):
    """Months from first appointment to the statutory retirement date, per the schedule table."""
    result = run(standards, tables, standard="test.cadre", on="2025-09-01", birth_date=birth,
                 gender=gender, assignments=[{"title": "cb_xa.bi_thu", "start": appointed,
                                              "first_appointed": appointed}])
    assert result.outcome is outcome


def test_unknown_first_appointment_is_unknown(standards, tables):
    """Without a first-appointment or start date the remaining time cannot be counted."""
    result = run(standards, tables, standard="test.cadre", assignments=[{"title": "cb_xa.bi_thu"}])
    assert result.outcome is Outcome.UNKNOWN


def test_ethnic_languages_are_not_graded_as_foreign_languages(tables):
    """An ethnic-minority language recorded by name does not count as a foreign language (it is not
    graded on the six-level framework); an ungraded foreign language leaves the rule unknown."""
    (standard,) = load_standard_file("""
standards:
  - id: test.language
    title: {vi: Ngoại ngữ, en: Language}
    subject: test
    applies_to: {}
    valid_from: null
    confidence: confirmed
    legal_basis: [{instrument: TEST, confidence: confirmed}]
    requirements: {id: language, min_language: {level: bac_2}}
""", "t.yaml")

    def outcome(languages):
        official = structure({"id": "L", "languages": languages}, Official)
        return evaluate_standard(standard, official, dt.date(2024, 1, 1), tables=tables).outcome

    assert outcome([{"language": "Khmer"}]) is Outcome.UNMET
    assert outcome([{"language": "Khmer"}, {"language": "en", "level": "bac_3"}]) is Outcome.MET
    assert outcome([{"language": "en"}]) is Outcome.UNKNOWN
    assert outcome([{"language": "en", "certificate": "IELTS", "score": 4.5}]) is Outcome.MET
