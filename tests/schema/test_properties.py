"""Properties of the built-in standards: monotonicity and as-of dates, over drawn records."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from competency import model as m
from competency import vocab as v
from competency.rules.nodes import Not, walk
from competency.rules.outcome import Outcome
from competency.standards.catalogue import Catalog
from competency.standards.evaluate import evaluate_standard
from tests import strategies as s

CATALOG = Catalog.builtin()
MONOTONE = [std for std in CATALOG if not any(isinstance(n, Not) for n in walk(std.requirements))]
AS_OF = st.dates(min_value=dt.date(2012, 1, 1), max_value=dt.date(2030, 12, 31))
PAST = st.dates(min_value=dt.date(1980, 1, 1), max_value=dt.date(2011, 12, 31))


def some(strategy):
    return st.lists(strategy, min_size=1, max_size=2).map(tuple)


def mostly_high(vocabulary, high):
    """Draws favour the levels that meet most standards, so that 'met' records are common."""
    return st.sampled_from(high) | st.sampled_from(list(vocabulary))


dated = {"awarded_on": st.none() | PAST}
officials = st.builds(
    m.Official, id=st.just("P-1"),
    birth_date=st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2002, 12, 31)),
    gender=st.sampled_from(v.Gender), category=st.sampled_from(v.PersonnelCategory),
    recruited_on=s.optional(PAST), service_start=s.optional(PAST),
    unit=st.builds(m.Unit, level=st.sampled_from(v.AdministrativeLevel),
                   disadvantaged_area=s.optional(st.booleans()),
                   area_types=s.lists(st.sampled_from(v.AreaType))),
    assignments=st.builds(m.Assignment, title=st.just("post"), start=PAST,
                          first_appointed=s.optional(PAST)).map(lambda a: (a,)),
    high_school=st.just(True) | s.optional(st.booleans()),
    education=s.optional(some(st.builds(
        m.Education, level=mostly_high(v.EducationLevel, [v.EducationLevel.DAI_HOC, v.EducationLevel.THAC_SI]),
        **dated))),
    political_theory=s.optional(some(st.builds(
        m.PoliticalTheory, diploma=mostly_high(v.PoliticalTheoryDiploma, [v.PoliticalTheoryDiploma.CAO_CAP]),
        **dated))),
    languages=s.optional(some(st.builds(m.LanguageSkill, language=st.just("en"),
                                        level=st.sampled_from(v.LanguageLevel), **dated))),
    it_skills=s.optional(some(st.builds(m.ITSkill, level=st.sampled_from(v.ITSkillLevel), **dated))),
    state_management=s.optional(some(st.builds(
        m.StateManagementCertificate, programme=st.sampled_from(v.StateManagementProgramme), **dated))),
    ratings=s.optional(st.lists(st.builds(m.Rating, year=st.integers(2010, 2030),
                                          rating=st.sampled_from(v.PerformanceRating)),
                                max_size=4).map(tuple)),
)


def outcome(standard, official, on):
    return evaluate_standard(standard, official, on, tables=CATALOG.tables,
                             assignment=official.assignments[0]).outcome


def raise_education(official, data):
    entries = official.education
    assume(entries)
    i = data.draw(st.integers(0, len(entries) - 1))
    higher = [lv for lv in v.EducationLevel if lv > entries[i].level]
    assume(higher)
    new = attrs.evolve(entries[i], level=data.draw(st.sampled_from(higher)))
    return attrs.evolve(official, education=entries[:i] + (new,) + entries[i + 1:])


def add_evidence(official, data, day):
    field, item = data.draw(st.sampled_from([
        ("education", st.builds(m.Education, level=st.sampled_from(v.EducationLevel))),
        ("political_theory", st.builds(m.PoliticalTheory, diploma=st.sampled_from(v.PoliticalTheoryDiploma))),
        ("languages", st.builds(m.LanguageSkill, language=st.just("en"), level=st.sampled_from(v.LanguageLevel))),
        ("it_skills", st.builds(m.ITSkill, level=st.sampled_from(v.ITSkillLevel))),
        ("state_management", st.builds(m.StateManagementCertificate,
                                       programme=st.sampled_from(v.StateManagementProgramme))),
    ]))
    current = getattr(official, field)
    assume(current is not None)
    entry = attrs.evolve(data.draw(item), awarded_on=day)
    return attrs.evolve(official, **{field: (*current, entry)})


TRUTH = {Outcome.UNMET: 0, Outcome.UNKNOWN: 1, Outcome.MET: 2}


@settings(suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(standard=st.sampled_from(MONOTONE), official=officials, on=AS_OF, data=st.data())
def test_raising_a_level_never_lowers_the_outcome(standard, official, on, data):
    """A higher diploma, or one more qualification, never moves an outcome down
    (unmet < unknown < met): in particular it never turns met into unmet."""
    before = outcome(standard, official, on)
    improved = raise_education(official, data) if data.draw(st.booleans()) else \
        add_evidence(official, data, on)
    assert TRUTH[outcome(standard, improved, on)] >= TRUTH[before]


@settings(suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(standard=st.sampled_from(list(CATALOG)), official=officials, on=AS_OF, data=st.data())
def test_evidence_dated_after_the_as_of_date_changes_nothing(standard, official, on, data):
    """A qualification awarded after ``on`` is ignored on ``on``."""
    later = on + dt.timedelta(days=data.draw(st.integers(1, 4000)))
    extended = add_evidence(official, data, later)
    assert outcome(standard, extended, on) is outcome(standard, official, on)
