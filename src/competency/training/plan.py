"""Training plans: cohort needs turned into classes, participants and costs.

:func:`plan_training` takes the needs of a :class:`~competency.frameworks.gaps.CohortGaps` (or any
iterable of :class:`~competency.frameworks.gaps.NeedRow`), picks for each the programme that closes
it (the lowest sufficient level, then the cheapest, then by id), and groups participants
by programme and area (province, district, commune or unit). One official attends a
programme once even when it closes several of their needs.

Classes: a group of ``n`` participants opens ``ceil(n / max)`` classes filled evenly;
fewer than the programme's minimum class size opens no class. Cost: participants times
the unit cost per participant (VND).

Needs come from every source (:class:`~competency.frameworks.gaps.NeedSource`: an unmet
standard, a title's own fostering, a planning pool, a workforce target, a competency
shortfall); a title need is closed by a programme that ``closes`` the title, a target need by
the programme the target names. Among the programmes reaching the lowest sufficient level,
those in ``preferred`` (a province's own) come before the others, then the cheapest.

With a budget, participations are funded in a fixed priority order: needs required by a
standard before the others; then the earliest deadline (a standard not met with no
transitional deadline comes before one with a deadline); then the largest gap; then the
official's id. A participation that no longer fits the budget is skipped and the next
ones are tried. A class opens only when its minimum number of places fits the budget at
the moment its most urgent participant is reached, so no class is funded below its minimum
and a class that cannot open holds no money. Every need ends either funded or listed unfunded with a reason
(no programme, over budget, too few participants to open a class); none is lost.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from competency.frameworks.gaps import CohortGaps, Need, NeedArea, NeedRow, NeedSource, PostRef
from competency.io.sheets import Amount, Sheet, write_csv, write_xlsx
from competency.io.titles import title_names
from competency.law import Confidence
from competency.training.catalogue import ProgrammeCatalog
from competency.training.model import (
    ClosesCompetency,
    ClosesEducation,
    ClosesITSkill,
    ClosesLanguage,
    ClosesPoliticalTheory,
    ClosesStateManagement,
    ClosesTitle,
    Programme,
)
from competency.vocab import (
    EducationLevel,
    ITSkillLevel,
    LanguageLevel,
    PoliticalTheoryLevel,
    Term,
)

__all__ = [
    "AREAS",
    "DEFAULT_PRIORITIES",
    "PRIORITY_KEYS",
    "PlanLine",
    "PlannedNeed",
    "ProgrammeReview",
    "SourceSummary",
    "TrainingPlan",
    "UnfundedReason",
    "UnitCost",
    "closing_level",
    "plan_training",
]

DEFAULT_PRIORITIES: tuple[str, ...] = ("legal", "deadline", "size", "official")
"""Default funding order: legal requirement, deadline, size of gap, official id."""

PRIORITY_KEYS = frozenset((*DEFAULT_PRIORITIES, "source"))
"""``source`` (legal, title, planning, target, competency: :class:`NeedSource` order) is
available but not a default."""
AREAS = ("all", "province", "district", "commune", "unit")
"""Where classes are grouped (opened); ``all`` pools the whole roster."""


class UnfundedReason(Term):
    """Why a need is left without a place in a class."""

    NO_PROGRAMME = ("no_programme", "Chưa có chương trình đáp ứng", "No programme closes it")
    BUDGET = ("budget", "Vượt quá kinh phí", "Over budget")
    BELOW_MIN = ("below_min_class_size", "Không đủ số học viên tối thiểu để mở lớp",
                 "Too few participants to open a class")


def closing_level(programme: Programme, need: Need) -> int | None:
    """The level ``programme`` brings a participant to for ``need``; None if it does not close it.

    A programme reaching a higher level also closes a lower need (a degree closes a
    trung cấp need); a state-management need is closed by one of its accepted programmes;
    a language programme closes a need for its language or for any foreign language; a
    target need names its programme.
    """
    if need.area is NeedArea.PROGRAMME:
        return 0 if programme.id in (need.accepted or (need.target,)) else None
    for closes in programme.closes:
        if need.area is NeedArea.EDUCATION and isinstance(closes, ClosesEducation):
            if closes.education >= EducationLevel.parse(need.target):
                return closes.education.order
        elif need.area is NeedArea.POLITICAL_THEORY and isinstance(closes, ClosesPoliticalTheory):
            if closes.political_theory >= PoliticalTheoryLevel.parse(need.target):
                return closes.political_theory.order
        elif need.area is NeedArea.IT_SKILL and isinstance(closes, ClosesITSkill):
            if closes.it_skill >= ITSkillLevel.parse(need.target):
                return closes.it_skill.order
        elif need.area is NeedArea.STATE_MANAGEMENT and isinstance(closes, ClosesStateManagement):
            if closes.state_management.code in (need.accepted or (need.target,)):
                return 0
        elif need.area is NeedArea.LANGUAGE and isinstance(closes, ClosesLanguage):
            spec = closes.language
            same = need.language is None or (spec.language or "").casefold() == need.language.casefold()
            if same and spec.level >= LanguageLevel.parse(need.target):
                return spec.level.order
        elif need.area is NeedArea.COMPETENCY and isinstance(closes, ClosesCompetency):
            spec = closes.competency
            if spec.competency == need.target and spec.level >= need.level:
                return spec.level
        elif need.area is NeedArea.TITLE and isinstance(closes, ClosesTitle):
            if closes.title == need.target:
                return 0
    return None


def _choose(programmes: Sequence[Programme], need: Need, preferred: frozenset[str]
            ) -> Programme | None:
    options = [(level, p.id not in preferred, p.unit_cost, p.id, p) for p in programmes
               if (level := closing_level(p, need)) is not None]
    return min(options, key=lambda o: o[:4])[4] if options else None


def _area_of(post: PostRef, area: str | Callable[[PostRef], str]) -> str:
    if callable(area):
        return area(post)
    value = {"all": "*", "province": post.province, "district": post.district,
             "commune": post.commune, "unit": post.unit_key}[area]
    return value or "?"


@attrs.frozen(kw_only=True)
class PlannedNeed:
    """One need of one official, with the programme chosen and what became of it."""

    official_id: str
    post: PostRef
    need: Need
    programme: str | None
    area: str
    funded: bool
    reason: UnfundedReason | None = None

    def priority(self, order: Sequence[str]) -> tuple[Any, ...]:
        """Sort key for funding under ``order`` (keys of :data:`PRIORITY_KEYS`)."""
        need = self.need
        parts = {
            "legal": (0 if need.legal else 1,),
            # a legal need with no deadline (no transitional window) is the most urgent
            "deadline": ((0, dt.date.min) if need.legal and need.due is None
                         else (1, need.due or dt.date.max),),
            "size": (-need.size,),
            "official": (self.official_id,),
            "source": (need.origin.order,),
        }
        key: tuple[Any, ...] = ()
        for name in order:
            key += parts[name]
        return (*key, need.area.code, need.target, self.programme or "")


@attrs.frozen(kw_only=True)
class PlanLine:
    """Participants of one programme in one area, in classes, with the cost."""

    programme: Programme
    area: str
    officials: tuple[str, ...]
    class_sizes: tuple[int, ...]

    @property
    def participants(self) -> int:
        """How many participants."""
        return len(self.officials)

    @property
    def classes(self) -> int:
        """How many classes open."""
        return len(self.class_sizes)

    @property
    def cost(self) -> int:
        """Participants times the unit cost (VND)."""
        return self.participants * self.programme.unit_cost


@attrs.frozen(kw_only=True)
class UnitCost:
    """What the plan costs for one unit (participants from it and their cost)."""

    unit: str
    label: str
    participants: int
    cost: int


@attrs.frozen(kw_only=True)
class SourceSummary:
    """What one source of needs accounts for in a plan.

    A participation counts under the source of its most urgent need; a class line under
    the source most of its participants come from (the more binding on a tie). So each
    column sums to the plan's totals.
    """

    source: NeedSource
    needs: int
    funded: int
    unfunded: int
    participants: int
    classes: int
    cost: int


@attrs.frozen(kw_only=True)
class ProgrammeReview:
    """A programme whose classes last year did not close the gap it was meant to."""

    programme: str
    band: str | None
    band_name: dict[str, str] | None
    index: float | None
    compared: int
    improved: int
    planned: int

    @property
    def reasons(self) -> tuple[str, ...]:
        """``quality`` (band below the threshold), ``no_gain`` (no participant improved)."""
        found = ("quality",) if self.band is not None else ()
        return found + (("no_gain",) if self.compared and not self.improved else ())


@attrs.frozen(kw_only=True)
class TrainingPlan:
    """The classes to open, what they cost, and every need funded or not."""

    on: dt.date | None
    budget: int | None
    priorities: tuple[str, ...]
    area: str
    lines: tuple[PlanLine, ...]
    by_unit: tuple[UnitCost, ...]
    funded: tuple[PlannedNeed, ...]
    unfunded: tuple[PlannedNeed, ...]
    participation_sources: tuple[tuple[str, str, NeedSource], ...] = ()
    """(official, programme, source) of each funded participation."""
    reviews: tuple[ProgrammeReview, ...] = ()

    @property
    def total_cost(self) -> int:
        """Sum of every line's cost (VND)."""
        return sum(line.cost for line in self.lines)

    @property
    def needs(self) -> int:
        """Every need planned: funded plus unfunded."""
        return len(self.funded) + len(self.unfunded)

    def by_source(self) -> tuple[SourceSummary, ...]:
        """Needs, participants, classes and cost per source, every source listed."""
        of = {(who, prog): src for who, prog, src in self.participation_sources}
        counts = {src: [0, 0, 0, 0, 0] for src in NeedSource}
        for item in self.funded + self.unfunded:
            counts[item.need.origin][1 if item.funded else 2] += 1
        for line in self.lines:
            sources = [of[(who, line.programme.id)] for who in line.officials]
            for src in sources:
                counts[src][0] += 1
                counts[src][4] += line.programme.unit_cost
            if sources:
                top = min(set(sources), key=lambda s: (-sources.count(s), s.order))
                counts[top][3] += line.classes
        return tuple(SourceSummary(source=src, needs=v[1] + v[2], funded=v[1], unfunded=v[2],
                                   participants=v[0], classes=v[3], cost=v[4])
                     for src, v in counts.items())

    def illustrative_costs(self) -> bool:
        """True when any unit cost used is not confirmed."""
        return any(line.programme.cost_confidence is not Confidence.CONFIRMED
                   for line in self.lines)

    def as_dict(self, listed: Callable[[Iterable[Any]], Any] = list) -> dict[str, Any]:
        """JSON-ready data; ``listed`` makes the list of unfunded needs (a
        :class:`~competency.io.json_stream.Rows` streams it)."""
        return {
            "on": self.on.isoformat() if self.on else None, "budget": self.budget,
            "priorities": list(self.priorities), "area": self.area,
            "total_cost": self.total_cost, "needs": self.needs, "funded": len(self.funded),
            "unfunded": len(self.unfunded),
            "lines": [{"programme": ln.programme.id, "name": {"vi": ln.programme.name.vi,
                                                              "en": ln.programme.name.en},
                       "area": ln.area, "participants": ln.participants, "classes": ln.classes,
                       "class_sizes": list(ln.class_sizes), "unit_cost": ln.programme.unit_cost,
                       "cost": ln.cost, "cost_confidence": ln.programme.cost_confidence.value,
                       "officials": list(ln.officials)} for ln in self.lines],
            "by_unit": [attrs.asdict(u) for u in self.by_unit],
            "by_source": [{**attrs.asdict(s, filter=lambda a, _: a.name != "source"),
                           "source": s.source.code} for s in self.by_source()],
            "reviews": [{**attrs.asdict(r), "reasons": list(r.reasons)} for r in self.reviews],
            "unfunded_needs": listed({"official_id": p.official_id, "unit": p.post.unit_key,
                                      "need": p.need.describe("en"), "legal": p.need.legal,
                                      "origin": p.need.origin.code,
                                      "sources": list(p.need.sources),
                                      "due": p.need.due.isoformat() if p.need.due else None,
                                      "programme": p.programme,
                                      "reason": p.reason.code if p.reason else None}
                                     for p in self.unfunded),
        }

    # -- exports --------------------------------------------------------------------------------

    def tables(self) -> dict[str, tuple[list[str], list[list[Any]]]]:
        """Sheet name → (Vietnamese headers, rows): what the XLSX and CSV files hold."""
        summary_rows = [
            ["Ngày xét", self.on],
            ["Kinh phí được giao (đồng)",
             Amount(self.budget) if self.budget is not None else "không giới hạn"],
            ["Tổng kinh phí kế hoạch (đồng)", Amount(self.total_cost)],
            ["Số lớp", sum(ln.classes for ln in self.lines)],
            ["Số lượt học viên", sum(ln.participants for ln in self.lines)],
            ["Số nhu cầu", self.needs],
            ["Đã bố trí", len(self.funded)],
            ["Chưa bố trí", len(self.unfunded)],
            ["Thứ tự ưu tiên", ", ".join(self.priorities)],
            ["Mã địa bàn mở lớp", self.area],
            ["Ghi chú", "Đơn giá là giá trị minh họa, không phải định mức chính thức."
             if self.illustrative_costs() else ""],
        ]
        lines = [[i, ln.programme.id, ln.programme.name.vi, ln.area, ln.participants, ln.classes,
                  " + ".join(map(str, ln.class_sizes)), Amount(ln.programme.unit_cost),
                  Amount(ln.cost),
                  ln.programme.delivery.vi, "Nước ngoài" if ln.programme.abroad else "Trong nước",
                  ln.programme.duration.text("vi"), ln.programme.cost_confidence.label("vi")]
                 for i, ln in enumerate(self.lines, 1)]
        units = [[i, u.unit, u.label, u.participants, Amount(u.cost)]
                 for i, u in enumerate(self.by_unit, 1)]
        sources = [[s.source.code, s.source.vi, s.needs, s.funded, s.unfunded, s.participants,
                    s.classes, Amount(s.cost)] for s in self.by_source()]
        reviews = [[r.programme, r.band_name["vi"] if r.band_name else "", r.index, r.compared,
                    r.improved, r.planned] for r in self.reviews]

        def need_row(i: int, p: PlannedNeed) -> list[Any]:
            return [i, p.official_id, p.post.unit_key, p.post.unit_label, p.post.title,
                    title_names().get(p.post.title or "", ""), p.need.describe("vi"), "Có" if p.need.legal else "Không",
                    p.need.due, p.need.size, p.need.origin.vi,
                    "; ".join(p.need.sources), p.programme or "", p.area,
                    "Đã bố trí" if p.funded else "Chưa bố trí",
                    p.reason.vi if p.reason else ""]

        need_head = ["STT", "Mã hồ sơ", "Mã đơn vị", "Tên đơn vị", "Mã chức danh", "Chức danh",
                     "Nhu cầu", "Bắt buộc theo tiêu chuẩn", "Hạn đáp ứng", "Mức thiếu hụt",
                     "Nguồn nhu cầu", "Mã căn cứ", "Mã chương trình", "Mã địa bàn", "Tình trạng",
                     "Lý do chưa bố trí"]
        review_sheet = {"Chương trình cần xem lại": (
            ["Mã chương trình", "Xếp loại chất lượng", "Chỉ số đánh giá chung",
             "Số người được so sánh", "Số người tiến bộ", "Số học viên năm nay"], reviews)
        } if reviews else {}
        return {
            "Tổng hợp": (["Chỉ tiêu", "Giá trị"], summary_rows),
            "Kế hoạch lớp": (["STT", "Mã chương trình", "Tên chương trình", "Mã địa bàn",
                              "Số học viên", "Số lớp", "Sĩ số các lớp", "Đơn giá (đồng/học viên)",
                              "Thành tiền (đồng)", "Hình thức", "Trong nước/Nước ngoài",
                              "Thời gian", "Độ tin cậy đơn giá"], lines),
            "Kinh phí theo đơn vị": (["STT", "Mã đơn vị", "Tên đơn vị", "Số lượt học viên",
                                      "Kinh phí (đồng)"], units),
            "Theo nguồn nhu cầu": (["Mã nguồn", "Nguồn nhu cầu", "Số nhu cầu", "Đã bố trí",
                                    "Chưa bố trí", "Số lượt học viên", "Số lớp",
                                    "Kinh phí (đồng)"], sources),
            "Nhu cầu": (need_head, [need_row(i, p) for i, p in
                                    enumerate(self.funded + self.unfunded, 1)]),
            **review_sheet,
        }

    def to_xlsx(self, path: Path | str) -> Path:
        """Write the plan as a workbook, one sheet per table, Vietnamese headers."""
        target = Path(path)
        write_xlsx([Sheet(name=name, headers=head, rows=rows)
                    for name, (head, rows) in self.tables().items()], target)
        return target

    def to_csv(self, path: Path | str, table: str = "Kế hoạch lớp") -> Path:
        """Write one table as CSV (UTF-8 with BOM, so spreadsheets read the accents)."""
        head, rows = self.tables()[table]
        target = Path(path)
        write_csv(Sheet(name=table, headers=head, rows=rows), target)
        return target


def _rows(needs: CohortGaps | Iterable[NeedRow]) -> list[NeedRow]:
    return list(needs.need_rows if isinstance(needs, CohortGaps) else needs)


def _split(n: int, programme: Programme) -> tuple[int, ...]:
    classes = math.ceil(n / programme.class_size.max)
    base, extra = divmod(n, classes)
    return tuple(base + 1 if i < extra else base for i in range(classes))


def _fund(ranked: list[tuple[tuple[str, str], list[PlannedNeed]]],
          hopeless: set[tuple[str, str]], catalog: ProgrammeCatalog,
          budget: int | None) -> list[tuple[str, str]]:
    """Participations funded in priority order, within budget, a class at a time.

    The first time a class is reached it opens only if its minimum number of places (its
    most urgent participants) fits the budget; otherwise it stays closed. Once open, each
    further participant is funded while the budget allows. So no class is funded below
    its minimum size and no money is held by a class that cannot open.
    """
    members: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for key, items in ranked:
        members.setdefault((key[1], items[0].area), []).append(key)
    opened: set[tuple[str, str]] = set()
    closed = set(hopeless)
    funded: set[tuple[str, str]] = set()
    spent = 0
    for key, items in ranked:
        group = (key[1], items[0].area)
        if group in closed or key in funded:
            continue
        cost = catalog.get(key[1]).unit_cost
        places = [key] if group in opened else members[group][:catalog.get(key[1]).class_size.min]
        if budget is not None and spent + cost * len(places) > budget:
            if group not in opened:
                closed.add(group)
            continue
        opened.add(group)
        funded.update(places)
        spent += cost * len(places)
    return [key for key, _ in ranked if key in funded]


def _checked_order(priorities: Sequence[str], budget: int | None,
                   area: str | Callable[[PostRef], str]) -> tuple[str, ...]:
    """The priority keys, the official's id last; bad arguments are refused before any work."""
    order = tuple(priorities)
    unknown = [k for k in order if k not in PRIORITY_KEYS]
    if unknown:
        msg = f"unknown priority {unknown[0]!r}; expected some of: {', '.join(DEFAULT_PRIORITIES)}"
        raise ValueError(msg)
    if budget is not None and budget < 0:
        msg = f"the budget must be 0 or more, got {budget}"
        raise ValueError(msg)
    if isinstance(area, str) and area not in AREAS:
        msg = f"unknown area {area!r}; expected one of: {', '.join(AREAS)}"
        raise ValueError(msg)
    return order if "official" in order else (*order, "official")


def _assign(needs: CohortGaps | Iterable[NeedRow], catalog: ProgrammeCatalog,
            area: str | Callable[[PostRef], str], preferred: frozenset[str]) -> list[PlannedNeed]:
    """Each need with the programme that closes it (or none) and the area its class is in."""
    available = sorted(catalog, key=lambda p: p.id)
    chosen_for: dict[tuple[str, ...], Programme | None] = {}
    planned = []
    for row in _rows(needs):
        key = (*row.need.key(), row.need.target, str(row.need.level))
        if key not in chosen_for:
            chosen_for[key] = _choose(available, row.need, preferred)
        programme = chosen_for[key]
        planned.append(PlannedNeed(official_id=row.official_id, post=row.post, need=row.need,
                                   programme=programme.id if programme else None,
                                   area=_area_of(row.post, area), funded=False,
                                   reason=None if programme else UnfundedReason.NO_PROGRAMME))
    return planned


def _participations(planned: list[PlannedNeed], order: tuple[str, ...]
                    ) -> list[tuple[tuple[str, str], list[PlannedNeed]]]:
    """One participation per (official, programme), most urgent first: it carries the
    priority of its most urgent need."""
    participations: dict[tuple[str, str], list[PlannedNeed]] = {}
    for item in planned:
        if item.programme is not None:
            participations.setdefault((item.official_id, item.programme), []).append(item)
    return sorted(participations.items(), key=lambda kv: min(p.priority(order) for p in kv[1]))


def _too_small(ranked: list[tuple[tuple[str, str], list[PlannedNeed]]],
               catalog: ProgrammeCatalog) -> set[tuple[str, str]]:
    """(programme, area) groups with fewer participants than the programme's smallest class."""
    demand: dict[tuple[str, str], int] = {}
    for (_, prog), items in ranked:
        group = (prog, items[0].area)
        demand[group] = demand.get(group, 0) + 1
    return {g for g, n in demand.items() if n < catalog.get(g[0]).class_size.min}


def _settle(planned: list[PlannedNeed], funded: set[tuple[str, str]],
            hopeless: set[tuple[str, str]]) -> None:
    """Mark every need, in place, funded or unfunded with the reason (in place, so that
    a national roster's needs are never held twice)."""
    for i, item in enumerate(planned):
        if item.programme is None:
            continue
        if (item.official_id, item.programme) in funded:
            planned[i] = attrs.evolve(item, funded=True)
        else:
            too_few = (item.programme, item.area) in hopeless
            planned[i] = attrs.evolve(item, reason=UnfundedReason.BELOW_MIN if too_few
                                      else UnfundedReason.BUDGET)


def _lines(funded_keys: list[tuple[str, str]], areas: dict[tuple[str, str], str],
           catalog: ProgrammeCatalog) -> tuple[PlanLine, ...]:
    """The classes: one line per (programme, area), its participants split evenly."""
    members: dict[tuple[str, str], list[str]] = {}
    for key in funded_keys:
        members.setdefault((key[1], areas[key]), []).append(key[0])
    return tuple(PlanLine(programme=catalog.get(prog), area=where,
                          officials=tuple(sorted(who)),
                          class_sizes=_split(len(who), catalog.get(prog)))
                 for (prog, where), who in sorted(members.items()))


def _unit_costs(funded_keys: list[tuple[str, str]], posts: dict[tuple[str, str], PostRef],
                catalog: ProgrammeCatalog) -> tuple[UnitCost, ...]:
    """Participants and cost by the unit each participant works in."""
    units: dict[str, list[Any]] = {}
    for key in funded_keys:
        post = posts[key]
        entry = units.setdefault(post.unit_key, [post.unit_label, 0, 0])
        entry[1] += 1
        entry[2] += catalog.get(key[1]).unit_cost
    return tuple(UnitCost(unit=u, label=v[0], participants=v[1], cost=v[2])
                 for u, v in sorted(units.items()))


def plan_training(needs: CohortGaps | Iterable[NeedRow],
                  programmes: ProgrammeCatalog | Iterable[Programme] | None = None, *,
                  budget: int | None = None,
                  priorities: Sequence[str] = DEFAULT_PRIORITIES,
                  area: str | Callable[[PostRef], str] = "province",
                  preferred: Iterable[str] = (), on: dt.date | None = None) -> TrainingPlan:
    """Turn needs into a costed plan; see the module documentation for the rules.

    ``priorities`` reorders the keys ``legal``, ``deadline``, ``size`` and ``official``
    (the official's id is always the last tie-break) and may add ``source``; ``area`` groups
    classes by ``province``, ``district``, ``commune`` or ``unit`` (or a function of the
    post); ``preferred`` names the programmes chosen first where they close a need; ``on``
    dates the plan when ``needs`` are rows (a :class:`CohortGaps` carries its date).
    """
    order = _checked_order(priorities, budget, area)
    catalog = programmes if isinstance(programmes, ProgrammeCatalog) else (
        ProgrammeCatalog.builtin() if programmes is None else ProgrammeCatalog.of(programmes))
    planned = _assign(needs, catalog, area, frozenset(preferred))
    ranked = _participations(planned, order)
    hopeless = _too_small(ranked, catalog)
    funded_keys = _fund(ranked, hopeless, catalog, budget)
    paid = set(funded_keys)
    first = {key: items[0] for key, items in ranked}
    sources = tuple((key[0], key[1], min(items, key=lambda p: p.priority(order)).need.origin)
                    for key, items in ranked if key in paid)
    del ranked  # the participations hold the needs: let them go before the needs are settled
    _settle(planned, paid, hopeless)

    def ordered(funded: bool) -> tuple[PlannedNeed, ...]:
        return tuple(sorted((p for p in planned if p.funded is funded),
                            key=lambda p: p.priority(order)))

    plan = TrainingPlan(
        on=needs.on if isinstance(needs, CohortGaps) else on, budget=budget, priorities=order,
        area=area if isinstance(area, str) else "custom",
        lines=_lines(funded_keys, {k: p.area for k, p in first.items()}, catalog),
        by_unit=_unit_costs(funded_keys, {k: p.post for k, p in first.items()}, catalog),
        funded=ordered(True), unfunded=ordered(False), participation_sources=sources)
    assert plan.needs == len(planned), "every need is funded or listed unfunded"
    assert budget is None or plan.total_cost <= budget
    return plan
