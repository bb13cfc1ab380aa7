"""The vectorised evaluator against the reference one: same rows, outcomes, deadlines, provisions.

Differential tests over drawn records (built-in standards and randomly drawn requirement
trees with transitional provisions, covering every leaf kind and combinator), and over
synthetic rosters at the dates where the built-in standards change.
"""

from __future__ import annotations

import datetime as dt
import itertools

import attrs
import pytest

pl = pytest.importorskip("polars")

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from competency import model as m
from competency import standards as std
from competency import synth
from competency import vocab as v
from competency.law import Confidence
from competency.rules import nodes as n
from competency.rules.leaves import LEAVES, Finding
from competency.rules.outcome import Outcome
from competency.schema.convert import structure
from competency.standards.catalogue import Catalog
from competency.standards.checking import check
from competency.vector import SCHEMA, check_frame, compile_catalog, supported_kinds
from competency.vocab import Text
from tests import strategies as s

CATALOG = Catalog.builtin()
KEY_DATES = [dt.date(2019, 12, 24), dt.date(2019, 12, 25), dt.date(2021, 7, 31),
             dt.date(2021, 8, 1), dt.date(2023, 7, 31), dt.date(2023, 8, 1),
             dt.date(2024, 12, 25), dt.date(2024, 12, 26), dt.date(2025, 6, 30),
             dt.date(2025, 7, 1), dt.date(2028, 8, 1), dt.date(2028, 8, 2)]
AS_OF = st.sampled_from(KEY_DATES) | st.dates(min_value=dt.date(2012, 1, 1),
                                               max_value=dt.date(2031, 12, 31))
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def reference_rows(officials, on, catalog):
    return [(o.id, r.title, r.standard.id, r.outcome.code, r.due,
             None if r.provision is None else r.provision.id,
             [ev.rule_id for ev in r.failing()], r.event.code, r.tested_on, r.next_test)
            for o in officials for r in check(o, on, catalog=catalog)]


def assert_same(officials, on, catalog=None, **kwargs):
    catalog = catalog or CATALOG
    frame = check_frame(officials, on, catalog, **kwargs)
    assert frame.schema == SCHEMA
    expected = reference_rows(officials, on, catalog)
    got = list(frame.iter_rows())
    assert len(got) == len(expected)
    for row, (mine, theirs) in enumerate(zip(got, expected, strict=True)):
        assert mine == theirs, (row, on, mine, theirs)
    return frame


# -- records aimed at the built-in standards -------------------------------------------------------

TITLES = sorted({t for std in CATALOG for t in (std.applies_to.titles or ())}) + ["other"]
DAY = st.dates(min_value=dt.date(1975, 1, 1), max_value=dt.date(2032, 12, 31))
PAST = st.dates(min_value=dt.date(1975, 1, 1), max_value=dt.date(2011, 12, 31))


def usually(strategy):
    """Mostly a value, sometimes ``None`` (unknown), so that rows are often decided."""
    return st.one_of(strategy, strategy, strategy, st.none())


def evidence(strategy):
    """Mostly some items, sometimes none recorded, sometimes unknown."""
    items = st.lists(strategy, min_size=1, max_size=3).map(tuple)
    return st.one_of(items, items, items, st.just(()), st.none())


dated = {"awarded_on": st.one_of(st.none(), PAST, DAY)}
units = st.builds(m.Unit, level=usually(st.sampled_from([v.AdministrativeLevel.COMMUNE,
                                                          *v.AdministrativeLevel])),
                  province_code=s.optional(st.sampled_from(["01", "79", "83"])),
                  disadvantaged_area=usually(st.booleans()),
                  area_types=s.lists(st.sampled_from(v.AreaType)))
posts = st.builds(m.Assignment, title=st.sampled_from(TITLES),
                  rank=s.optional(st.sampled_from(["01.001", "01.002", "01.003", "01.004",
                                                   "01.005"])),
                  unit=s.optional(units), start=usually(PAST), end=st.none() | st.none() | DAY,
                  first_appointed=st.one_of(st.none(), PAST, DAY),
                  international=s.optional(st.booleans()))
languages = st.builds(
    m.LanguageSkill, language=st.sampled_from(["en", "EN", "fr", "vi", "Tày", "zh", "eng"]),
    level=s.optional(st.sampled_from(v.LanguageLevel)),
    certificate=s.optional(st.sampled_from(["IELTS", " toeic ", "VSTEP", "TOEFL iBT", "XYZ"])),
    score=s.optional(st.sampled_from([0.0, 4.0, 5.5, 6.0, 120.0, 550.0, 990.0])), **dated)
FIELDS = ["Luật", "luat", "Kinh tế", "Công nghệ thông tin", "Hành chính"]
HIGH = [v.EducationLevel.DAI_HOC, v.EducationLevel.THAC_SI]
officials = st.builds(
    m.Official, id=st.sampled_from(["P-1", "P-2", "P-3"]),
    birth_date=usually(st.dates(min_value=dt.date(1955, 1, 1), max_value=dt.date(2005, 12, 31))),
    gender=usually(st.sampled_from(v.Gender)),
    ethnicity=s.optional(st.sampled_from(["Kinh", "kinh", "Tày", "Khmer", "Hmông"])),
    category=usually(st.sampled_from([v.PersonnelCategory.CONG_CHUC, *v.PersonnelCategory])),
    recruited_on=usually(st.one_of(PAST, DAY)), service_start=s.optional(DAY),
    unit=usually(units),
    assignments=st.lists(posts, min_size=1, max_size=2).map(tuple) | s.lists(posts),
    high_school=usually(st.booleans()),
    education=evidence(st.builds(m.Education,
                                 level=st.sampled_from(HIGH) | st.sampled_from(v.EducationLevel),
                                 field=s.optional(st.sampled_from(FIELDS)),
                                 abroad=s.optional(st.booleans()), **dated)),
    political_theory=evidence(st.builds(m.PoliticalTheory,
                                        diploma=st.sampled_from(v.PoliticalTheoryDiploma),
                                        **dated)),
    languages=evidence(languages),
    it_skills=evidence(st.builds(m.ITSkill, level=st.sampled_from(v.ITSkillLevel), **dated)),
    state_management=evidence(st.builds(m.StateManagementCertificate,
                                        programme=st.sampled_from(v.StateManagementProgramme),
                                        **dated)),
    training=s.lists(st.builds(m.TrainingRecord, programme=st.just("p"), start=s.optional(DAY),
                               end=s.optional(DAY), abroad=s.optional(st.booleans()),
                               completed=s.optional(st.booleans()))),
    ratings=evidence(st.builds(m.Rating, year=st.integers(2008, 2032),
                               rating=st.sampled_from(v.PerformanceRating))),
)


@SETTINGS
@given(st.lists(officials, min_size=1, max_size=6), AS_OF)
def test_builtin_standards_match_the_reference(people, on):
    assert_same(people, on)


# -- randomly drawn requirement trees ------------------------------------------------------------

BASIS = CATALOG.get("vn.nd-33-2023.cong-chuc-xa").legal_basis
X = "x"  # placeholder id; ids are rewritten to be unique


def some(strategy, min_size=1):
    return st.lists(strategy, min_size=min_size, max_size=3, unique=True).map(tuple)


bounds = st.builds(n.AgeBounds, min=s.optional(st.integers(0, 60)),
                   max=s.optional(st.integers(0, 70)))
leaves = st.one_of(
    st.builds(n.MinEducation, id=st.just(X), min_education=st.sampled_from(v.EducationLevel)),
    st.builds(n.HighSchool, id=st.just(X), high_school=st.booleans()),
    st.builds(n.FieldOfStudy, id=st.just(X), field_of_study=st.builds(
        n.FieldOfStudySpec, fields=some(st.sampled_from(FIELDS + ["Lu-ật", "LUẬT"])),
        min_level=s.optional(st.sampled_from(v.EducationLevel)))),
    st.builds(n.MinPoliticalTheory, id=st.just(X),
              min_political_theory=st.sampled_from(v.PoliticalTheoryLevel)),
    st.builds(n.MinLanguage, id=st.just(X), min_language=st.builds(
        n.LanguageSpec, level=st.sampled_from(v.LanguageLevel),
        language=s.optional(st.sampled_from(["en", "En", "fr", "Tày", "vi"])))),
    st.builds(n.MinITSkill, id=st.just(X), min_it_skill=st.sampled_from(v.ITSkillLevel)),
    st.builds(n.StateManagement, id=st.just(X),
              state_management=some(st.sampled_from(v.StateManagementProgramme))),
    st.builds(n.HoldsPoliticalTheoryDiploma, id=st.just(X),
              political_theory_diploma=some(st.sampled_from(v.PoliticalTheoryDiploma))),
    st.builds(n.Age, id=st.just(X), age=bounds),
    st.builds(n.RemainingWorkingMonths, id=st.just(X), remaining_working_months=st.builds(
        n.RemainingSpec, min=st.integers(0, 400), at=st.sampled_from(n.RemainingFrom))),
    st.builds(n.YearsOfService, id=st.just(X), years_of_service=bounds),
    st.builds(n.MinCompetencyLevel, id=st.just(X), min_competency_level=st.builds(
        n.CompetencyLevel, competency=st.just("c"), level=st.integers(1, 5))),
    st.builds(n.UnitCondition, id=st.just(X), unit=st.builds(
        n.UnitSpec, disadvantaged_area=s.optional(st.booleans()),
        levels=s.optional(some(st.sampled_from(v.AdministrativeLevel))),
        area_types=s.optional(some(st.sampled_from(v.AreaType))))),
    st.builds(n.CategoryCondition, id=st.just(X),
              category=some(st.sampled_from(v.PersonnelCategory))),
    st.builds(n.GenderCondition, id=st.just(X), gender=st.sampled_from(v.Gender)),
    st.builds(n.EthnicityCondition, id=st.just(X), ethnicity=st.builds(
        n.EthnicitySpec, any_of=s.optional(some(st.sampled_from(["Kinh", "Tày", "khmer"]))),
        none_of=s.optional(some(st.sampled_from(["kinh", "Tay", "Hmông"]))))),
    st.builds(n.Ratings, id=st.just(X), ratings=st.builds(
        n.RatingsSpec, min=st.sampled_from(v.PerformanceRating), years=st.integers(1, 4))),
    st.builds(n.InternationalExperience, id=st.just(X),
              international_experience=some(st.sampled_from(n.InternationalEvidence))),
)
trees = st.recursive(leaves, lambda kids: st.one_of(
    st.builds(n.AllOf, id=st.just(X), all_of=st.lists(kids, min_size=1, max_size=3).map(tuple)),
    st.builds(n.AnyOf, id=st.just(X), any_of=st.lists(kids, min_size=1, max_size=3).map(tuple)),
    st.builds(n.Not, id=st.just(X), negated=kids),
    st.builds(n.When, id=st.just(X), when=st.builds(n.WhenSpec, condition=kids, then=kids)),
), max_leaves=8)


def relabel(node, counter):
    """The same tree with unique ids n0, n1, … (depth first)."""
    new = f"n{next(counter)}"
    if isinstance(node, n.AllOf):
        return attrs.evolve(node, id=new, all_of=tuple(relabel(c, counter) for c in node.all_of))
    if isinstance(node, n.AnyOf):
        return attrs.evolve(node, id=new, any_of=tuple(relabel(c, counter) for c in node.any_of))
    if isinstance(node, n.Not):
        return attrs.evolve(node, id=new, negated=relabel(node.negated, counter))
    if isinstance(node, n.When):
        spec = n.WhenSpec(condition=relabel(node.when.condition, counter),
                          then=relabel(node.when.then, counter))
        return attrs.evolve(node, id=new, when=spec)
    return attrs.evolve(node, id=new)


@st.composite
def standards(draw):
    tree = relabel(draw(trees), itertools.count())
    ids = [node.id for node in n.walk(tree)]
    provisions = []
    for k in range(draw(st.integers(0, 3))):
        condition = draw(st.none() | st.none() | trees)
        trigger = std.TransitionalTrigger(
            recruited_before=draw(s.optional(DAY)), appointed_before=draw(s.optional(DAY)),
            condition=None if condition is None else relabel(condition, itertools.count(100)))
        provisions.append(std.Transitional(
            id=f"p{k}", applies_when=trigger, legal_basis=BASIS,
            rules=tuple(draw(st.lists(st.sampled_from(ids[:3]) | st.sampled_from(ids),
                                      min_size=1, max_size=3, unique=True))),
            due=draw(st.sampled_from(KEY_DATES) | st.dates(min_value=dt.date(2015, 1, 1),
                                                          max_value=dt.date(2035, 12, 31)))))
    return std.Standard(id="t.drawn", title=Text(vi="t", en="t"), subject="t",
                      applies_to=std.AppliesTo(), valid_from=None,
                      confidence=Confidence.CONFIRMED, legal_basis=BASIS, requirements=tree,
                      transitional=tuple(provisions))


def one_standard(standard):
    return Catalog(standards={standard.id: standard}, tables=CATALOG.tables,
                   sources={standard.id: "test"})


@settings(SETTINGS, max_examples=120)
@given(standards(), st.lists(officials, min_size=1, max_size=5), AS_OF)
def test_drawn_trees_match_the_reference(standard, people, on):
    assert_same(people, on, one_standard(standard))


@SETTINGS
@given(standards(), st.lists(s.officials.map(lambda o: attrs.evolve(
    o, assignments=(m.Assignment(title="post"), *(o.assignments or ())))), max_size=3), AS_OF)
def test_drawn_trees_on_arbitrary_records(standard, people, on):
    assert_same(people, on, one_standard(standard))


# -- synthetic rosters ----------------------------------------------------------------------------

@pytest.mark.parametrize("facts", ["sql", "python"])
@pytest.mark.parametrize("on", [dt.date(2019, 12, 24), dt.date(2019, 12, 25),
                                dt.date(2023, 8, 1), dt.date(2025, 7, 1)])
def test_synthetic_rosters_match_the_reference(on, facts, monkeypatch):
    """Both sources of the fact columns: DuckDB (the default with the sql extra) and the
    Python facts (without it)."""
    monkeypatch.setenv("COMPETENCY_FACTS", facts)
    if facts == "sql":
        pytest.importorskip("duckdb")
    people = [structure(r, m.Official) for r in synth.generate(700, seed=11, on=on)]
    people += [structure(r, m.Official)
               for r in synth.generate(300, seed=12, on=on, profile="commune")]
    frame = assert_same(people, on, batch_size=333)
    assert frame.height > len(people) // 2
    for later in (on + dt.timedelta(days=1), dt.date(2024, 12, 25), dt.date(2028, 8, 1)):
        assert_same(people[:300], later)


def test_provisions_and_deadlines_appear():
    on = dt.date(2023, 8, 1)
    people = [structure(r, m.Official)
              for r in synth.generate(1500, seed=3, on=on, profile="commune")]
    frame = assert_same(people, on)
    assert frame["provision"].drop_nulls().len() > 0
    assert set(frame["outcome"].unique()) == {"met", "unmet", "unknown"}


# -- API details ----------------------------------------------------------------------------------

def test_every_reference_leaf_kind_compiles():
    assert set(supported_kinds()) == {t.__name__ for t in LEAVES}
    compiled = compile_catalog(dt.date(2025, 7, 1))
    assert compiled and all(c.vectorised for c in compiled.values())


def test_every_shipped_standard_compiles_on_every_date():
    """No standard in the data (drafts included) falls back to the reference evaluator."""
    from competency.vector._compile import compile_standard

    standards = list(CATALOG)
    assert len(standards) >= 18
    for on in KEY_DATES:
        for standard in standards:
            compiled = compile_standard(standard, on, CATALOG.tables)
            assert compiled.vectorised, compiled.fallback


def test_a_post_unit_recorded_empty_is_the_post_unit():
    """An empty post unit (``{}``) is not absent: the official's unit does not stand in."""
    official = m.Official(id="U-1", category=v.PersonnelCategory.CONG_CHUC,
                          unit=m.Unit(level=v.AdministrativeLevel.COMMUNE),
                          assignments=(m.Assignment(title="cc_xa.van_hoa_xa_hoi", unit=m.Unit()),))
    on = dt.date(2021, 8, 1)
    assert check(official, on) == []
    assert assert_same([official], on).height == 0
    moved = attrs.evolve(official, assignments=(m.Assignment(title="cc_xa.van_hoa_xa_hoi"),))
    assert assert_same([moved], on).height > 0


def test_a_record_with_a_lone_surrogate_is_answered_by_the_reference():
    """JSON allows a lone surrogate, a column does not: that record's facts are taken with
    ``?`` in its place and its results come from the reference evaluator; the others are
    evaluated in columns as usual, with either source of facts."""
    pytest.importorskip("duckdb")
    on = dt.date(2024, 1, 1)
    people = [structure(r, m.Official) for r in synth.generate(60, seed=5, on=on,
                                                                 profile="commune")]
    people[3] = attrs.evolve(people[3], ethnicity="T\ud800y")
    assert assert_same(people, on).height > 0


def test_a_batch_duckdb_cannot_read_takes_the_python_facts(monkeypatch):
    """When DuckDB refuses a batch's lines, the batch's facts are the Python facts, read back
    from those lines: the same answers as the reference."""
    pytest.importorskip("duckdb")
    from competency.vector import _sql_source

    refused: list[int] = []

    def cannot_read(self, lines, pairs):
        refused.append(len(lines))
        return None

    monkeypatch.setattr(_sql_source.SqlFacts, "frame", cannot_read)
    on = dt.date(2025, 7, 1)
    people = [structure(r, m.Official) for r in synth.generate(80, seed=6, on=on)]
    assert assert_same(people, on).height > 0
    assert refused  # the DuckDB path was taken, and refused


def test_no_officials_gives_an_empty_frame():
    frame = check_frame([], dt.date(2025, 7, 1))
    assert frame.height == 0 and frame.schema == SCHEMA


@attrs.frozen(kw_only=True)
class _Shoe(n._Node):
    """A leaf kind the compiler does not know."""

    shoe: int


def _shoe(node, ctx):
    met = ctx.official.high_school is True
    return Finding(outcome=Outcome.MET if met else Outcome.UNMET,
                   required=Text(vi="x", en="x"), found=Text(vi="x", en="x"))


def test_unknown_leaf_kinds_fall_back_to_the_reference(monkeypatch):
    monkeypatch.setitem(LEAVES, _Shoe, _shoe)
    base = CATALOG.get("vn.nd-33-2023.cong-chuc-xa")
    tree = n.AllOf(id="root", all_of=(base.requirements, _Shoe(id="shoe", shoe=1)))
    standard = attrs.evolve(base, id="t.shoe", requirements=tree, applies_to=std.AppliesTo())
    catalog = one_standard(standard)
    on = dt.date(2023, 8, 1)
    compiled = compile_catalog(on, catalog)["t.shoe"]
    assert not compiled.vectorised and "_Shoe" in compiled.fallback
    people = [structure(r, m.Official) for r in synth.generate(200, seed=4, on=on)]
    assert_same(people, on, catalog)


# -- directed cases at the edges the drawn records rarely reach ---------------------------------

EDGE_DAYS = sorted({dt.date(y, mo, d) for y in (2019, 2020, 2023, 2024, 2025)
                    for mo, d in ((1, 1), (1, 31), (2, 1), (2, 28), (3, 1), (3, 30), (3, 31),
                                  (4, 30), (6, 15), (8, 31), (12, 31))}
                   | {dt.date(2020, 2, 29), dt.date(2024, 2, 29)})


def test_date_arithmetic_matches_the_leaves():
    from competency.rules import leaves
    from competency.vector._compile import _months_between, _whole_years

    pairs = [(a, b) for a in EDGE_DAYS for b in EDGE_DAYS]
    frame = pl.DataFrame({"a": [a for a, _ in pairs], "b": [b for _, b in pairs]})
    months = frame.select(_months_between(pl.col("a"), pl.col("b")))[:, 0].to_list()
    assert months == [leaves.months_between(a, b) for a, b in pairs]
    for on in (dt.date(2024, 2, 29), dt.date(2025, 2, 28), dt.date(2025, 3, 1),
               dt.date(2025, 12, 31)):
        years = frame.select(_whole_years(pl.col("a"), on))[:, 0].to_list()
        assert years == [leaves.whole_years(a, on) for a, _ in pairs]


def _leaf_catalog(nodes):
    standards = {}
    for i, node in enumerate(nodes):
        standard = std.Standard(id=f"t.leaf-{i:03d}", title=Text(vi="t", en="t"), subject="t",
                              applies_to=std.AppliesTo(), valid_from=None,
                              confidence=Confidence.CONFIRMED, legal_basis=BASIS,
                              requirements=attrs.evolve(node, id="leaf"))
        standards[standard.id] = standard
    return Catalog(standards=standards, tables=CATALOG.tables,
                   sources=dict.fromkeys(standards, "test"))


def test_edge_records_leaf_by_leaf():
    import random

    rng = random.Random(7)
    on_days = [dt.date(2024, 2, 29), dt.date(2025, 3, 31), dt.date(2025, 7, 1)]
    nodes = [n.Ratings(id=X, ratings=n.RatingsSpec(min=rating, years=years))
             for rating in v.PerformanceRating for years in (1, 2, 3)]
    nodes += [n.FieldOfStudy(id=X, field_of_study=n.FieldOfStudySpec(fields=("Luật",),
                                                                       min_level=level))
              for level in (None, v.EducationLevel.DAI_HOC)]
    nodes += [n.RemainingWorkingMonths(id=X, remaining_working_months=n.RemainingSpec(
        min=months, at=at)) for months in (0, 59, 60, 61, 119, 120, 121) for at in n.RemainingFrom]
    nodes += [n.Age(id=X, age=n.AgeBounds(min=age, max=age)) for age in range(40, 66)]
    nodes += [n.YearsOfService(id=X, years_of_service=n.AgeBounds(min=y)) for y in range(8)]
    nodes += [n.HighSchool(id=X, high_school=flag) for flag in (True, False)]
    nodes += [n.InternationalExperience(id=X, international_experience=kinds)
              for k in (1, 2, 3) for kinds in itertools.combinations(n.InternationalEvidence, k)]
    catalog = _leaf_catalog(nodes)
    maybe = (True, False, None)
    for on in on_days:
        people = []
        for i in range(120):
            day = rng.choice(EDGE_DAYS)
            birth = dt.date(rng.randint(1960, 1985), day.month, min(day.day, 28) if
                            day.month == 2 else day.day)
            if i % 3 == 0:  # a birthday on, or a day either side of, the as-of date
                birth = dt.date(rng.randint(1960, 1985), on.month, min(on.day, 28))
                birth += dt.timedelta(days=rng.choice((-1, 0, 1)))
            elif i % 10 == 1:
                birth = None
            years = range(on.year - 5, on.year + 1)
            ratings = tuple(m.Rating(year=y, rating=rng.choice(list(v.PerformanceRating)))
                            for y in years for _ in range(rng.choice((0, 1, 1, 1, 2))))
            people.append(m.Official(
                id=f"E-{i}", birth_date=birth, gender=rng.choice(list(v.Gender)),
                service_start=rng.choice(EDGE_DAYS),
                assignments=(m.Assignment(title="post", first_appointed=rng.choice(EDGE_DAYS)),
                             *(m.Assignment(title="past", start=rng.choice(EDGE_DAYS),
                                            end=dt.date(2019, 1, 1),
                                            international=rng.choice(maybe))
                               for _ in range(rng.randint(0, 2)))),
                high_school=rng.choice(maybe),
                training=tuple(m.TrainingRecord(programme="p", start=rng.choice(EDGE_DAYS),
                                                end=rng.choice((None, *EDGE_DAYS)),
                                                abroad=rng.choice(maybe),
                                                completed=rng.choice(maybe))
                               for _ in range(rng.randint(0, 2))) if i % 7 else None,
                ratings=ratings if rng.random() < 0.9 else None,
                education=tuple(m.Education(level=rng.choice(list(v.EducationLevel)),
                                            field=rng.choice(["luat", "Kinh tế", None]),
                                            abroad=rng.choice(maybe),
                                            awarded_on=rng.choice((None, *EDGE_DAYS)))
                                for _ in range(rng.randint(0, 2)))))
        assert_same(people, on, catalog)
