"""Hypothesis strategies for every model class (and the rule tree), in one place.

New model classes get a strategy here; the property tests draw from these.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from competency import model as m
from competency import vocab as v
from competency.law import Confidence, InstrumentKind, LegalReference, Period

DATES = st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2040, 12, 31))
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=20)


def optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    """``None`` (unknown) or a value."""
    return st.none() | strategy


def lists(strategy: st.SearchStrategy) -> st.SearchStrategy:
    """``None`` (unknown), an empty tuple (recorded none) or some values."""
    return st.none() | st.lists(strategy, max_size=3).map(tuple)


def digits(n: int) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=n, max_size=n)


units = st.builds(
    m.Unit, id=optional(TEXT), name=optional(TEXT), level=optional(st.sampled_from(v.AdministrativeLevel)),
    province_code=optional(digits(2)), district_code=optional(digits(3)),
    commune_code=optional(digits(5)), disadvantaged_area=optional(st.booleans()),
    area_types=lists(st.sampled_from(v.AreaType)))

assignments = st.builds(
    m.Assignment, title=TEXT, rank=optional(st.sampled_from([r.code for r in v.Rank])),
    unit=optional(units), start=optional(DATES), end=optional(DATES),
    first_appointed=optional(DATES), leadership=optional(st.booleans()),
    international=optional(st.booleans()),
    job_position=optional(st.sampled_from(["hop_tac_quoc_te", "QN.XTDL.01", "van_thu"])))

education = st.builds(m.Education, level=st.sampled_from(v.EducationLevel), field=optional(TEXT),
                      institution=optional(TEXT), awarded_on=optional(DATES),
                      abroad=optional(st.booleans()))
political_theory = st.builds(m.PoliticalTheory, diploma=st.sampled_from(v.PoliticalTheoryDiploma),
                             awarded_on=optional(DATES))
languages = st.builds(m.LanguageSkill, language=st.sampled_from(["en", "fr", "zh", "ja", "ru"]),
                      level=optional(st.sampled_from(v.LanguageLevel)),
                      certificate=optional(st.sampled_from(["IELTS", "TOEIC", "VSTEP"])),
                      score=optional(st.floats(min_value=0, max_value=990, allow_nan=False)),
                      awarded_on=optional(DATES))
it_skills = st.builds(m.ITSkill, level=st.sampled_from(v.ITSkillLevel), certificate=optional(TEXT),
                      awarded_on=optional(DATES))
state_management = st.builds(m.StateManagementCertificate,
                             programme=st.sampled_from(v.StateManagementProgramme),
                             awarded_on=optional(DATES))
training = st.builds(m.TrainingRecord, programme=TEXT, name=optional(TEXT), start=optional(DATES),
                     end=optional(DATES), abroad=optional(st.booleans()),
                     country=optional(st.sampled_from(["JP", "FR", "SG", "AU"])),
                     completed=optional(st.booleans()), result=optional(TEXT))
ratings = st.builds(m.Rating, year=st.integers(1990, 2030),
                    rating=st.sampled_from(v.PerformanceRating))
planning_pools = st.builds(m.PlanningPool, title=TEXT,
                           term=optional(st.sampled_from(["2020-2025", "2025-2030"])),
                           level=optional(st.sampled_from(v.AdministrativeLevel)))
positions = st.builds(m.Position, title=TEXT, rank=optional(TEXT), unit=optional(units))

officials = st.builds(
    m.Official, id=TEXT, full_name=optional(TEXT), birth_date=optional(DATES),
    gender=optional(st.sampled_from(v.Gender)), ethnicity=optional(TEXT),
    national_id=optional(digits(12)), category=optional(st.sampled_from(v.PersonnelCategory)),
    recruited_on=optional(DATES), service_start=optional(DATES), unit=optional(units),
    assignments=lists(assignments), high_school=optional(st.booleans()),
    education=lists(education), political_theory=lists(political_theory),
    languages=lists(languages), it_skills=lists(it_skills),
    state_management=lists(state_management), training=lists(training),
    ratings=lists(ratings), planning_pools=lists(planning_pools),
    party_member=optional(st.booleans()), party_joined_on=optional(DATES))

legal_references = st.builds(
    LegalReference, instrument=TEXT, kind=optional(st.sampled_from(InstrumentKind)),
    issuer=optional(TEXT), title=optional(TEXT), article=optional(TEXT), issued=optional(DATES),
    effective=optional(DATES), url=optional(TEXT), confidence=st.sampled_from(Confidence),
    note=optional(TEXT))

periods = st.builds(Period, start=optional(DATES), end=optional(DATES))


# -- competency frameworks (competency.frameworks.model), for the CASE round trip ------------------------

from competency import frameworks as fw  # noqa: E402
from competency.vocab import Text  # noqa: E402

KEBAB = st.from_regex(r"[a-z0-9][a-z0-9-]{0,10}", fullmatch=True)
texts = st.builds(Text, vi=TEXT, en=TEXT)


@st.composite
def _levels(draw: st.DrawFn) -> tuple[fw.LevelDescriptor, ...]:
    numbers = sorted(draw(st.lists(st.integers(1, 5), unique=True, max_size=5)))
    return tuple(fw.LevelDescriptor(level=n, description=draw(texts),
                                    indicators=tuple(draw(st.lists(texts, max_size=2))))
                 for n in numbers)


@st.composite
def _groups(draw: st.DrawFn) -> tuple[fw.CompetencyGroup, ...]:
    competency_ids = draw(st.lists(KEBAB, min_size=1, max_size=5, unique=True))
    group_ids = draw(st.lists(KEBAB, min_size=1, max_size=min(3, len(competency_ids)),
                              unique=True))
    groups = []
    for i, group_id in enumerate(group_ids):
        mine = competency_ids[i::len(group_ids)]
        groups.append(fw.CompetencyGroup(
            id=group_id, kind=draw(st.sampled_from(fw.CompetencyGroupKind)), name=draw(texts),
            competencies=tuple(fw.Competency(id=c, name=draw(texts), definition=draw(texts),
                                             levels=draw(_levels()),
                                             case_type=draw(optional(st.sampled_from(
                                                 ("Standard", "Skill", "Element")))))
                               for c in mine),
            case_type=draw(optional(st.sampled_from(("Domain", "Cluster", "Strand"))))))
    return tuple(groups)


@st.composite
def _frameworks(draw: st.DrawFn) -> fw.Framework:
    confidence = draw(st.sampled_from(Confidence))
    scale = sorted(draw(st.lists(st.integers(1, 5), unique=True, max_size=5)))
    return fw.Framework(
        id=draw(st.from_regex(r"[a-z0-9][a-z0-9.-]{0,20}", fullmatch=True)), title=draw(texts),
        creator=draw(TEXT), publisher=draw(optional(TEXT)), version=draw(optional(TEXT)),
        valid_from=draw(optional(DATES)), valid_until=draw(optional(DATES)),
        confidence=confidence,
        illustrative=draw(st.booleans()) if confidence is Confidence.ILLUSTRATIVE else False,
        legal_basis=tuple(draw(st.lists(legal_references, max_size=2))), note=draw(optional(texts)),
        scale=tuple(fw.ScaleLevel(level=n, name=draw(texts), description=draw(texts))
                    for n in scale),
        groups=draw(_groups()))


frameworks = _frameworks()
