"""Training plans: classes and costs, budget priority, no need lost, exports."""

from __future__ import annotations

import csv
import datetime as dt
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from competency.frameworks.gaps import Need, NeedArea, NeedRow, PostRef
from competency.law import Confidence
from competency.training.catalogue import ProgrammeCatalog
from competency.training.model import (
    ClassSize,
    ClosesEducation,
    ClosesPoliticalTheory,
    ClosesStateManagement,
    DeliveryMode,
    Duration,
    DurationUnit,
    Programme,
)
from competency.training.plan import UnfundedReason, plan_training
from competency.vocab import EducationLevel, PoliticalTheoryLevel, StateManagementProgramme, Text

LABEL = Text(vi="nhu cầu", en="need")


def need(area: str, target: str, level: int, *, legal: bool = True, due: dt.date | None = None,
         size: int = 1, language: str | None = None, accepted: tuple[str, ...] = ()) -> Need:
    return Need(area=NeedArea.parse(area), target=target, level=level, label=LABEL, legal=legal,
                due=due, size=size, language=language, accepted=accepted, sources=("test",))


def post(commune: str, province: str = "83") -> PostRef:
    return PostRef(title="cc_xa.tu_phap_ho_tich", unit_key=commune, unit_label=f"Xã {commune}",
                   level="commune", province=province, commune=commune)


def programme(pid: str, closes, *, unit_cost: int, min_size: int = 2, max_size: int = 4) -> Programme:
    return Programme(id=pid, name=Text(vi=pid, en=pid), closes=tuple(closes),
                     duration=Duration(amount=1, unit=DurationUnit.MONTHS),
                     class_size=ClassSize(min=min_size, max=max_size), unit_cost=unit_cost,
                     cost_confidence=Confidence.ILLUSTRATIVE, delivery=DeliveryMode.IN_PERSON,
                     confidence=Confidence.ILLUSTRATIVE)


DEGREE = programme("degree", [ClosesEducation(education=EducationLevel.DAI_HOC)], unit_cost=100)
THEORY = programme("theory", [ClosesPoliticalTheory(political_theory=PoliticalTheoryLevel.TRUNG_CAP)],
                   unit_cost=10)
BOTH = programme("theory-and-sm", [
    ClosesPoliticalTheory(political_theory=PoliticalTheoryLevel.CAO_CAP),
    ClosesStateManagement(state_management=StateManagementProgramme.CHUYEN_VIEN_CAO_CAP)],
    unit_cost=30)
CATALOG = ProgrammeCatalog.of([DEGREE, THEORY, BOTH])


def test_classes_are_ceil_n_over_max_filled_evenly():
    """9 participants with at most 4 per class: 3 classes of 3; cost 9 × unit cost."""
    rows = [NeedRow(official_id=f"O-{i}", post=post("00001"), need=need("education", "dai_hoc", 4))
            for i in range(9)]
    plan = plan_training(rows, CATALOG)
    [line] = plan.lines
    assert (line.participants, line.classes, line.class_sizes) == (9, math.ceil(9 / 4), (3, 3, 3))
    assert plan.total_cost == 9 * 100


def test_below_minimum_class_size_is_listed_unfunded():
    """One participant where a class needs two: no class, the need listed with the reason."""
    rows = [NeedRow(official_id="O-1", post=post("00001"), need=need("education", "dai_hoc", 4))]
    plan = plan_training(rows, CATALOG, area="commune")
    assert plan.lines == ()
    assert [(p.official_id, p.reason) for p in plan.unfunded] == [("O-1", UnfundedReason.BELOW_MIN)]


def test_need_without_programme_is_listed_unfunded():
    """Nothing closes a language need in this catalogue."""
    rows = [NeedRow(official_id="O-1", post=post("00001"), need=need("language", "bac_3", 2))]
    plan = plan_training(rows, CATALOG)
    assert [p.reason for p in plan.unfunded] == [UnfundedReason.NO_PROGRAMME]


def test_one_programme_closing_two_needs_is_one_participation():
    """Advanced theory and the senior state-management certificate in one course, paid once."""
    rows = [NeedRow(official_id=f"O-{i}", post=post("00001"), need=n)
            for i in range(2)
            for n in (need("political_theory", "cao_cap", 2),
                      need("state_management", "chuyen_vien_cao_cap", 0,
                           accepted=("chuyen_vien_cao_cap",)))]
    plan = plan_training(rows, CATALOG)
    [line] = plan.lines
    assert (line.programme.id, line.participants, plan.total_cost) == ("theory-and-sm", 2, 2 * 30)
    assert len(plan.funded) == 4


def test_budget_funds_legal_needs_first_then_deadline_then_size():
    """With room for two theory places: legal before competency, no deadline before one."""
    rows = [
        NeedRow(official_id="A", post=post("1"), need=need("political_theory", "trung_cap", 1,
                                                            due=dt.date(2024, 12, 25))),
        NeedRow(official_id="B", post=post("1"), need=need("political_theory", "trung_cap", 1)),
        NeedRow(official_id="C", post=post("1"), need=need("political_theory", "trung_cap", 1,
                                                            legal=False, size=3)),
        NeedRow(official_id="D", post=post("1"), need=need("political_theory", "trung_cap", 1,
                                                            due=dt.date(2024, 12, 25), size=2)),
    ]
    plan = plan_training(rows, CATALOG, budget=20)
    assert sorted(p.official_id for p in plan.funded) == ["B", "D"]
    assert [p.official_id for p in plan.unfunded] == ["A", "C"]
    assert {p.reason for p in plan.unfunded} == {UnfundedReason.BUDGET}


def test_unknown_priority_is_refused():
    """A typo in the priority keys is an error, not a silent reordering."""
    with pytest.raises(ValueError, match="unknown priority"):
        plan_training([], CATALOG, priorities=("legal", "deadlines"))


# -- properties ---------------------------------------------------------------------------------

NEEDS = [need("education", "dai_hoc", 4, due=dt.date(2024, 12, 25), size=2),
         need("education", "trung_cap", 2),
         need("it_skill", "basic", 0),
         need("political_theory", "trung_cap", 1),
         need("state_management", "chuyen_vien", 0, accepted=("chuyen_vien",)),
         need("language", "bac_6", 5),
         need("competency", "drafting", 3, legal=False, size=1),
         need("competency", "communication", 3, legal=False, size=2)]

rows_strategy = st.lists(
    st.builds(lambda i, c, p, n: NeedRow(official_id=f"SYN-{i:04d}", post=post(c, p), need=n),
              st.integers(0, 60), st.sampled_from(["28756", "28759", "28762"]),
              st.sampled_from(["83", "22"]), st.sampled_from(NEEDS)),
    max_size=80).map(lambda rows: list({(r.official_id, r.need.key()): r for r in rows}.values()))


@settings(max_examples=40, deadline=None)
@given(rows_strategy, st.none() | st.integers(0, 3_000_000_000),
       st.sampled_from(["province", "commune"]), st.randoms(use_true_random=False))
def test_budget_plan_is_deterministic_and_loses_no_need(rows, budget, area, rnd):
    """Same inputs (in any order) give the same plan; every need is funded or unfunded."""
    plan = plan_training(rows, budget=budget, area=area)
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    assert plan_training(shuffled, budget=budget, area=area) == plan
    seen = sorted((p.official_id, p.need.key()) for p in plan.funded + plan.unfunded)
    assert seen == sorted((r.official_id, r.need.key()) for r in rows)
    assert budget is None or plan.total_cost <= budget
    for line in plan.lines:
        size = line.programme.class_size
        assert all(size.min <= n <= size.max for n in line.class_sizes)
        assert line.cost == line.participants * line.programme.unit_cost
    assert sum(u.cost for u in plan.by_unit) == plan.total_cost
    assert all(p.reason is not None for p in plan.unfunded)
    if budget is None:
        assert UnfundedReason.BUDGET not in {p.reason for p in plan.unfunded}


# -- exports ------------------------------------------------------------------------------------

def test_exports_have_vietnamese_headers(tmp_path):
    """XLSX sheets and CSV files carry Vietnamese headers and the same figures."""
    openpyxl = pytest.importorskip("openpyxl")
    rows = [NeedRow(official_id=f"O-{i}", post=post("00001"), need=need("education", "dai_hoc", 4))
            for i in range(random.Random(1).randint(5, 9))]
    plan = plan_training(rows, CATALOG, budget=10_000)
    book = openpyxl.load_workbook(plan.to_xlsx(tmp_path / "plan.xlsx"), read_only=True)
    assert book.sheetnames == ["Tổng hợp", "Kế hoạch lớp", "Kinh phí theo đơn vị",
                               "Theo nguồn nhu cầu", "Nhu cầu"]
    header = next(book["Kế hoạch lớp"].iter_rows(values_only=True))
    assert header[:6] == ("STT", "Mã chương trình", "Tên chương trình", "Mã địa bàn",
                          "Số học viên", "Số lớp")
    data = list(book["Kế hoạch lớp"].iter_rows(min_row=2, values_only=True))
    assert [(r[4], r[8]) for r in data] == [(len(rows), len(rows) * 100)]
    with plan.to_csv(tmp_path / "plan.csv").open(encoding="utf-8-sig") as stream:
        table = list(csv.reader(stream))
    assert table[0][8] == "Thành tiền (đồng)" and table[1][8] == str(len(rows) * 100)
    with plan.to_csv(tmp_path / "needs.csv", table="Nhu cầu").open(encoding="utf-8-sig") as stream:
        needs = list(csv.reader(stream))
    assert needs[0][1] == "Mã hồ sơ" and len(needs) == 1 + len(rows)


def test_a_class_that_cannot_open_takes_no_budget():
    """Three degree students (minimum 4) rank first but can never fill a class: the budget goes to
    the four theory students instead, and raising the budget never closes their class."""
    degree = programme("degree", [ClosesEducation(education=EducationLevel.DAI_HOC)], unit_cost=10,
                       min_size=4, max_size=10)
    theory = programme("theory", [ClosesPoliticalTheory(political_theory=PoliticalTheoryLevel.TRUNG_CAP)],
                       unit_cost=10, min_size=4, max_size=10)
    catalog = ProgrammeCatalog.of([degree, theory])
    rows = [NeedRow(official_id=f"D-{i}", post=post("1"), need=need("education", "dai_hoc", 4))
            for i in range(3)]
    rows += [NeedRow(official_id=f"T-{i}", post=post("1"),
                     need=need("political_theory", "trung_cap", 1, legal=False)) for i in range(4)]
    for budget in (40, 50, 60, 70, None):
        plan = plan_training(rows, catalog, budget=budget)
        assert [(line.programme.id, line.participants) for line in plan.lines] == [("theory", 4)]
        assert {p.official_id: p.reason for p in plan.unfunded} == {
            f"D-{i}": UnfundedReason.BELOW_MIN for i in range(3)}


def test_a_starved_class_gives_way_to_a_more_urgent_one():
    """Budget for five places: four urgent theory places open a class; the one place left cannot
    open a degree class (minimum 2), so both degree students are unfunded for lack of budget."""
    theory = programme("theory", [ClosesPoliticalTheory(political_theory=PoliticalTheoryLevel.TRUNG_CAP)],
                       unit_cost=10, min_size=2, max_size=10)
    degree = programme("degree", [ClosesEducation(education=EducationLevel.DAI_HOC)], unit_cost=10,
                       min_size=2, max_size=10)
    catalog = ProgrammeCatalog.of([degree, theory])
    rows = [NeedRow(official_id=f"T-{i}", post=post("1"),
                    need=need("political_theory", "trung_cap", 1, due=dt.date(2024, 1, 1)))
            for i in range(4)]
    rows += [NeedRow(official_id=f"D-{i}", post=post("1"), need=need("education", "dai_hoc", 4,
                                                                     legal=False))
             for i in range(2)]
    plan = plan_training(rows, catalog, budget=50)
    assert [(line.programme.id, line.participants) for line in plan.lines] == [("theory", 4)]
    assert {p.official_id: p.reason for p in plan.unfunded} == {
        "D-0": UnfundedReason.BUDGET, "D-1": UnfundedReason.BUDGET}
    assert plan.total_cost == 40
