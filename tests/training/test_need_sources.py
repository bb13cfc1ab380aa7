"""Needs from titles, planning pools and targets, merged with legal needs and planned."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from competency import Official, structure
from competency.frameworks.gaps import Need, NeedArea, NeedRow, NeedSource, PostRef
from competency.standards.catalogue import Catalog
from competency.targets.catalogue import get_target_set
from competency.targets.needs import target_needs
from competency.training.catalogue import ProgrammeCatalog, need_sources
from competency.training.model import ClosesTitle, Duration, DurationUnit
from competency.training.plan import UnfundedReason, plan_training
from competency.training.sources import _after, combine, planning_needs, title_needs
from competency.vocab import Text
from tests.training.test_plan import CATALOG, THEORY, need, post, programme

ON = dt.date(2025, 1, 1)
TABLE = need_sources()
TABLES = Catalog.builtin().tables
COMMUNE = {"name": "Xã A", "level": "commune", "province_code": "22", "commune_code": "07000"}


def official(**fields) -> Official:
    record = {"id": "QN-1", "category": "can_bo", "unit": COMMUNE, **fields}
    return structure(record, Official)


def secretary(**fields) -> Official:
    return official(assignments=[{"title": "cb_xa.bi_thu", "start": "2021-06-01",
                                  "first_appointed": "2021-06-01"}], **fields)


def rule_for(title: str):
    return next(r for r in TABLE.titles if title in r.titles)


def months_later(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    return day.replace(year=day.year + year, month=month + 1)


# -- title-based training --------------------------------------------------------------------

def test_a_title_need_is_due_the_period_of_the_data_after_the_latest_election():
    rule = rule_for("cb_xa.bi_thu")
    assert rule.within.unit is DurationUnit.MONTHS
    person = secretary(career=[{"kind": "bau_cu", "on": "2021-06-01", "title": "cb_xa.bi_thu"},
                               {"kind": "bau_cu", "on": "2024-03-10", "title": "cb_xa.bi_thu"},
                               {"kind": "bau_cu", "on": "2025-06-01", "title": "cb_xa.bi_thu"}])
    (row,) = title_needs(person, ON, TABLE)
    # the election after the as-of date does not count; the latest before it does
    assert row.need.due == months_later(dt.date(2024, 3, 10), int(rule.within.amount))
    assert (row.need.area, row.need.target, row.need.origin) == (
        NeedArea.TITLE, "cb_xa.bi_thu", NeedSource.TITLE)
    assert row.need.sources == (rule.id,) and not row.need.legal


def test_without_a_career_event_the_period_runs_from_first_appointment():
    (row,) = title_needs(secretary(), ON, TABLE)
    assert row.need.due == months_later(dt.date(2021, 6, 1), int(rule_for("cb_xa.bi_thu").within.amount))


def test_an_accepted_course_completed_means_no_title_need():
    code = rule_for("cb_xa.bi_thu").accepted[0]
    done = secretary(training=[{"programme": code, "end": "2022-01-10", "completed": True}])
    later = secretary(training=[{"programme": code, "end": "2025-05-10", "completed": True}])
    failed = secretary(training=[{"programme": code, "end": "2022-01-10", "completed": False}])
    assert title_needs(done, ON, TABLE) == []
    assert len(title_needs(later, ON, TABLE)) == 1     # not yet completed on the as-of date
    assert len(title_needs(failed, ON, TABLE)) == 1


def test_a_post_no_rule_names_has_no_title_need():
    clerk = official(assignments=[{"title": "cc_xa.tu_phap_ho_tich", "start": "2021-06-01"}])
    assert title_needs(clerk, ON, TABLE) == []


def test_no_title_or_planning_rule_applies_before_its_instrument_takes_effect():
    """A rule's ``valid_from`` (its instrument's effective date) bounds it: a commune secretary
    in 2020 has no national title need, and a director pool before 2024-05-01 no planning need."""
    rule = rule_for("cb_xa.bi_thu")
    person = secretary()
    before = rule.valid_from - dt.timedelta(days=1)
    assert title_needs(person, before, TABLE) == []
    assert title_needs(person, rule.valid_from, TABLE)
    pool = next(r for r in TABLE.planning if "giam_doc_so" in r.titles)
    planned = leader([{"title": "giam_doc_so", "term": "2020-2025"}])
    assert planning_needs(planned, pool.valid_from - dt.timedelta(days=1), TABLE, TABLES) == []
    assert planning_needs(planned, pool.valid_from, TABLE, TABLES)


def test_commune_planning_rules_end_with_the_commune_regime():
    """The commune pools follow Decree 33/2023's standards, which end on 2025-06-30."""
    commune = [r for r in TABLE.planning if any(t.startswith("cb_xa.") for t in r.titles)]
    assert commune and all(r.valid_until == dt.date(2025, 6, 30) for r in commune)
    planned = official(assignments=[{"title": "cb_xa.pho_bi_thu", "start": "2021-06-01"}],
                       planning_pools=[{"title": "cb_xa.bi_thu", "term": "2025-2030"}])
    assert planning_needs(planned, dt.date(2025, 6, 30), TABLE, TABLES)
    assert planning_needs(planned, dt.date(2025, 7, 1), TABLE, TABLES) == []


# -- planning pools --------------------------------------------------------------------------

def leader(pools, theory=None) -> Official:
    return official(category="cong_chuc",
                    unit={"name": "Sở X", "level": "province", "province_code": "22"},
                    assignments=[{"title": "truong_phong", "start": "2020-01-01"}],
                    planning_pools=pools, political_theory=theory or [])


def test_a_pool_for_a_director_post_calls_for_the_level_of_the_data():
    rule = next(r for r in TABLE.planning if "giam_doc_so" in r.titles)
    person = leader([{"title": "giam_doc_so", "term": "2025-2030"}],
                    [{"diploma": "trung_cap_hanh_chinh", "awarded_on": "2015-01-01"}])
    (row,) = planning_needs(person, ON, TABLE, TABLES)
    assert (row.need.area, row.need.target, row.need.origin) == (
        NeedArea.POLITICAL_THEORY, rule.political_theory.code, NeedSource.PLANNING)
    assert row.need.sources == (rule.id,)


def test_no_planning_need_when_the_level_is_held_or_the_term_is_over():
    held = leader([{"title": "giam_doc_so", "term": "2025-2030"}],
                  [{"diploma": "cao_cap", "awarded_on": "2015-01-01"}])
    over = leader([{"title": "giam_doc_so", "term": "2015-2020"}])
    other = leader([{"title": "chuyen_vien", "term": "2025-2030"}])
    assert planning_needs(held, ON, TABLE, TABLES) == []
    assert planning_needs(over, ON, TABLE, TABLES) == []
    assert planning_needs(other, ON, TABLE, TABLES) == []


def test_combine_keeps_one_need_the_higher_level_and_the_most_binding_source():
    where = post("00001")
    legal = need("political_theory", "trung_cap", 1, due=dt.date(2026, 1, 1))
    pool = Need(area=NeedArea.POLITICAL_THEORY, target="cao_cap", level=2, label=legal.label,
                legal=False, sources=("pool",), origin=NeedSource.PLANNING)
    (row,) = combine([NeedRow(official_id="A", post=where, need=legal),
                      NeedRow(official_id="A", post=where, need=pool)])
    assert (row.need.target, row.need.origin, row.need.legal) == ("cao_cap", NeedSource.LEGAL, True)
    assert set(row.need.sources) == {"test", "pool"}
    two = combine([NeedRow(official_id="A", post=where, need=pool),
                   NeedRow(official_id="B", post=where, need=pool)])
    assert [r.official_id for r in two] == ["A", "B"]


# -- planning with every source --------------------------------------------------------------

TITLE_COURSE = programme("title-course", [ClosesTitle(title="cb_xa.bi_thu")], unit_cost=7)
TARGET_COURSE = programme("target-course", [ClosesTitle(title="unused")], unit_cost=50)


def source_need(origin: NeedSource, i: int) -> Need:
    label = Text(vi="n", en="n")
    if origin is NeedSource.TITLE:
        return Need(area=NeedArea.TITLE, target="cb_xa.bi_thu", level=0, label=label, legal=False,
                    due=dt.date(2025, 1, 1) + dt.timedelta(days=i), origin=origin)
    if origin is NeedSource.TARGET:
        return Need(area=NeedArea.PROGRAMME, target="target-course", level=0, label=label,
                    legal=False, origin=origin)
    if origin is NeedSource.PLANNING:
        return Need(area=NeedArea.POLITICAL_THEORY, target="trung_cap", level=1, label=label,
                    legal=False, origin=origin)
    if origin is NeedSource.COMPETENCY:
        return Need(area=NeedArea.COMPETENCY, target="nowhere", level=3, label=label, legal=False)
    return need("education", "dai_hoc", 4)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(list(NeedSource)), min_size=1, max_size=40),
       st.one_of(st.none(), st.integers(min_value=0, max_value=2_000)))
def test_per_source_counts_sum_to_the_totals(origins, budget):
    rows = [NeedRow(official_id=f"O-{i:02}", post=post("00001"), need=source_need(o, i))
            for i, o in enumerate(origins)]
    catalog = ProgrammeCatalog.of([*CATALOG, TITLE_COURSE, TARGET_COURSE])
    plan = plan_training(rows, catalog, budget=budget)
    summary = {s.source: s for s in plan.by_source()}
    assert set(summary) == set(NeedSource)
    assert sum(s.needs for s in summary.values()) == plan.needs == len(rows)
    assert sum(s.funded for s in summary.values()) == len(plan.funded)
    assert sum(s.participants for s in summary.values()) == sum(ln.participants for ln in plan.lines)
    assert sum(s.classes for s in summary.values()) == sum(ln.classes for ln in plan.lines)
    assert sum(s.cost for s in summary.values()) == plan.total_cost
    assert budget is None or plan.total_cost <= budget
    for origin in NeedSource:
        assert summary[origin].needs == origins.count(origin)
    assert all(p.reason is not None for p in plan.unfunded)
    # a competency need no programme closes is unfunded for that reason
    assert all(p.reason is UnfundedReason.NO_PROGRAMME for p in plan.unfunded
               if p.need.origin is NeedSource.COMPETENCY)


def test_title_and_target_needs_go_to_their_programmes():
    rows = [NeedRow(official_id=f"O-{i}", post=post("00001"), need=source_need(o, i))
            for i, o in enumerate([NeedSource.TITLE] * 2 + [NeedSource.TARGET] * 2)]
    catalog = ProgrammeCatalog.of([*CATALOG, TITLE_COURSE, TARGET_COURSE])
    plan = plan_training(rows, catalog)
    assert {ln.programme.id: ln.participants for ln in plan.lines} == {
        "title-course": 2, "target-course": 2}


def test_preferred_programmes_win_among_those_reaching_the_same_level():
    dear = programme("province-theory", THEORY.closes, unit_cost=THEORY.unit_cost * 3)
    rows = [NeedRow(official_id=f"O-{i}", post=post("00001"),
                    need=need("political_theory", "trung_cap", 1)) for i in range(3)]
    catalog = ProgrammeCatalog.of([*CATALOG, dear])
    assert [ln.programme.id for ln in plan_training(rows, catalog).lines] == ["theory"]
    chosen = plan_training(rows, catalog, preferred=["province-theory"])
    assert [ln.programme.id for ln in chosen.lines] == ["province-theory"]


def test_the_source_priority_funds_title_needs_before_target_needs():
    rows = [NeedRow(official_id=f"T-{i}", post=post("00001"), need=source_need(NeedSource.TARGET, i))
            for i in range(2)]
    rows += [NeedRow(official_id=f"Z-{i}", post=post("00001"), need=source_need(NeedSource.TITLE, i))
             for i in range(2)]
    catalog = ProgrammeCatalog.of([TITLE_COURSE, TARGET_COURSE])
    plan = plan_training(rows, catalog, budget=2 * TITLE_COURSE.unit_cost,
                         priorities=("legal", "source", "official"))
    assert {p.official_id for p in plan.funded} == {"Z-0", "Z-1"}
    assert {p.reason for p in plan.unfunded} == {UnfundedReason.BUDGET}


# -- targets ---------------------------------------------------------------------------------

def director(i: int, level: str | None) -> Official:
    languages = [{"language": "en", "level": level, "awarded_on": "2020-01-01"}] if level else []
    return structure({
        "id": f"D-{i:02}", "category": "cong_chuc", "birth_date": "1975-01-01",
        "unit": {"name": f"Sở {i}", "level": "province", "province_code": "22"},
        "assignments": [{"title": "giam_doc_so", "start": "2020-01-01", "leadership": True,
                         "international": False}],
        "training": [], "languages": languages}, Official)


def test_a_target_gap_becomes_that_many_needs_for_the_closest_officials():
    target_set = get_target_set("vn.nq-26-2018-tw.province")
    rng = random.Random(7)
    people = [director(i, rng.choice([None, "bac_2", "bac_4"])) for i in range(20)]
    rows = target_needs(people, target_set, "international", "abroad", on=ON)
    indicator = next(i for i in target_set.indicators if i.id == "international")
    # nobody has international experience: nobody meets it, the gap is the lower bound
    assert len(rows) == indicator.target.gap(0, len(people))
    assert all(r.need.target == "abroad" and r.need.origin is NeedSource.TARGET for r in rows)
    assert rows[0].need.due == indicator.deadline
    # those with bậc 4 already miss one requirement only: they come first
    closest = sorted(p.id for p in people if p.languages and p.languages[0].level.code == "bac_4")
    chosen = [r.official_id for r in rows]
    assert chosen[:len(closest)] == closest[:len(chosen)]


def test_an_unknown_indicator_is_refused():
    with pytest.raises(ValueError, match="no indicator 'nope'"):
        target_needs([], get_target_set("vn.nq-26-2018-tw.province"), "nope", "x", on=ON)


def test_title_needs_reach_the_plan_through_a_post_ref():
    (row,) = title_needs(secretary(), ON, TABLE)
    assert isinstance(row.post, PostRef) and row.post.title == "cb_xa.bi_thu"


@pytest.mark.parametrize(("start", "amount", "unit", "due"), [
    (dt.date(2024, 1, 31), 1, "months", dt.date(2024, 2, 29)),
    (dt.date(2024, 3, 10), 12, "months", dt.date(2025, 3, 10)),
    (dt.date(2024, 11, 30), 2, "months", dt.date(2025, 1, 30)),
    (dt.date(2024, 2, 29), 1, "years", dt.date(2025, 2, 28)),
    (dt.date(2024, 12, 25), 2, "weeks", dt.date(2025, 1, 8)),
])
def test_a_period_is_counted_in_calendar_months_or_in_days(start, amount, unit, due):
    assert _after(start, Duration(amount=amount, unit=DurationUnit(unit))) == due


def test_commune_secretaries_get_a_title_class_from_the_built_in_programmes():
    catalog = ProgrammeCatalog.builtin()
    people = [structure({"id": f"BT-{i:02}", "category": "can_bo", "unit": COMMUNE,
                         "assignments": [{"title": "cb_xa.bi_thu", "start": "2024-01-01"}]},
                        Official) for i in range(40)]
    rows = [row for p in people for row in title_needs(p, ON, TABLE)]
    plan = plan_training(rows, catalog)
    (line,) = plan.lines
    assert any(getattr(c, "title", None) == "cb_xa.bi_thu" for c in line.programme.closes)
    assert line.participants == len(people) and not plan.unfunded
