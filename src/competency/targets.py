"""Workforce targets as data, and where a roster stands against them.

A :class:`TargetSet` (one instrument, or one group of an instrument's targets) holds
:class:`Indicator` entries. An indicator counts a population (selectors over officials
and their current posts, optionally narrowed by a rule such as "under 40"), evaluates a
predicate from the rule tree for each member, and compares the share that meets it with
a target range. Some indicators count units instead of people: the share of agencies and
local governments where at least one member of the population meets the predicate
(Decision 2282/QĐ-TTg: units with a woman among their key leaders).

:func:`check_targets` streams a roster once and reports, per indicator and group, the
numerator, denominator, share, status and the gap in people (or units) to the lower bound.
Members whose predicate is unknown are reported apart and never counted as meeting it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import fractions
import functools
import math
import types
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import attrs

from competency._data import index_by_id, load_list_file
from competency._fields import describe
from competency.catalog import Catalog
from competency.errors import CompetencyError, DataFileError
from competency.law import Confidence, LegalReference
from competency.model import Official
from competency.population import Selector, match, unit_key, unit_label
from competency.rules.evaluate import evaluate_node
from competency.rules.leaves import Context
from competency.rules.nodes import Node, Text, walk
from competency.rules.outcome import Outcome, disjunction
from competency.vocab import Term

__all__ = [
    "Counting",
    "Indicator",
    "IndicatorResult",
    "TargetRange",
    "TargetReport",
    "TargetSet",
    "TargetStatus",
    "Trajectory",
    "UnknownTargetSetError",
    "builtin_target_sets",
    "check_targets",
    "get_target_set",
    "load_target_file",
    "target_trajectory",
]

GroupBy = Literal["unit", "province"]
_GROUPINGS = ("unit", "province")


class Counting(enum.Enum):
    """What an indicator counts: people, or units that have at least one member meeting it."""

    PEOPLE = "people"
    UNITS = "units"


class TargetStatus(Term):
    """Where a share stands against its target range."""

    MET = ("met", "Đạt chỉ tiêu", "Met")
    BELOW = ("below", "Dưới chỉ tiêu", "Below target")
    ABOVE = ("above", "Vượt mức trên của chỉ tiêu", "Above the target range")
    NO_POPULATION = ("no_population", "Không có đối tượng", "No population")


def _exact(value: float) -> fractions.Fraction:
    """The decimal written in the data (0.15 is 3/20, not the nearest binary fraction)."""
    return fractions.Fraction(repr(value))


@attrs.frozen(kw_only=True)
class TargetRange:
    """A share to reach, as fractions: at least ``min`` and, when given, at most ``max``."""

    min: float = attrs.field(metadata=describe(
        "Lowest share accepted (0.15 = 15%).", "Tỷ lệ tối thiểu (0,15 = 15%).",
        minimum=0, maximum=1))
    max: float | None = attrs.field(default=None, metadata=describe(
        "Highest share of the range, when the target is a range (0.20 = 20%).",
        "Tỷ lệ tối đa khi chỉ tiêu là một khoảng.", minimum=0, maximum=1))

    def status(self, numerator: int, denominator: int) -> TargetStatus:
        """Met, below, above or no population, compared exactly (no rounding)."""
        if denominator == 0:
            return TargetStatus.NO_POPULATION
        if numerator < _exact(self.min) * denominator:
            return TargetStatus.BELOW
        if self.max is not None and numerator > _exact(self.max) * denominator:
            return TargetStatus.ABOVE
        return TargetStatus.MET

    def gap(self, numerator: int, denominator: int) -> int | None:
        """How many more must meet the predicate to reach ``min``; never negative."""
        if denominator == 0:
            return None
        return max(0, math.ceil(_exact(self.min) * denominator) - numerator)

    def __str__(self) -> str:
        def pct(x: float) -> str:
            return f"{float(_exact(x) * 100):g}%"
        return f"{pct(self.min)}–{pct(self.max)}" if self.max is not None else f"≥ {pct(self.min)}"


@attrs.frozen(kw_only=True)
class Indicator:
    """One target: a population, a predicate, the share to reach and by when."""

    id: str = attrs.field(metadata=describe(
        "Identifier, unique within the set (kebab-case).", "Mã chỉ tiêu.",
        pattern=r"^[a-z0-9][a-z0-9-]*$"))
    title: Text = attrs.field(metadata=describe("Title.", "Tên chỉ tiêu."))
    population: tuple[Selector, ...] = attrs.field(metadata=describe(
        "Who is counted: an official belongs when one selector matches a current post.",
        "Đối tượng tính: khớp một trong các bộ chọn.", minItems=1))
    where: Node | None = attrs.field(default=None, metadata=describe(
        "Further condition on the population (e.g. under 40); members for whom it is unknown "
        "are reported apart.", "Điều kiện thêm đối với đối tượng tính (ví dụ dưới 40 tuổi)."))
    predicate: Node = attrs.field(metadata=describe(
        "What a member must meet to count towards the target.", "Tiêu chí được tính đạt."))
    counts: Counting = attrs.field(default=Counting.PEOPLE, metadata=describe(
        "people: share of members; units: share of units with at least one member meeting the "
        "predicate.", "Tính theo người hoặc theo đơn vị."))
    target: TargetRange = attrs.field(metadata=describe("Share to reach.", "Tỷ lệ phải đạt."))
    deadline: dt.date = attrs.field(metadata=describe("Date to reach it by.", "Thời hạn."))
    legal_basis: tuple[LegalReference, ...] | None = attrs.field(default=None, metadata=describe(
        "Citations for this indicator (else the set's).", "Căn cứ pháp lý riêng."))
    confidence: Confidence | None = attrs.field(default=None, metadata=describe(
        "Confidence when it differs from the set's.", "Mức độ tin cậy riêng."))
    note: Text | None = attrs.field(default=None, metadata=describe(
        "How the population and predicate read the text.", "Ghi chú cách hiểu."))


@attrs.frozen(kw_only=True)
class TargetSet:
    """Workforce targets of one instrument (or one group of them), with citations."""

    id: str = attrs.field(metadata=describe(
        "Identifier, e.g. vn.nq-26-2018-tw.province.", "Mã bộ chỉ tiêu.",
        pattern=r"^[a-z0-9][a-z0-9.-]*$"))
    title: Text = attrs.field(metadata=describe("Title.", "Tên bộ chỉ tiêu."))
    confidence: Confidence = attrs.field(metadata=describe(
        "How sure the figures are.", "Mức độ tin cậy."))
    illustrative: bool = attrs.field(default=False, metadata=describe(
        "An example built by this project, not an official text.", "Ví dụ minh họa."))
    legal_basis: tuple[LegalReference, ...] = attrs.field(metadata=describe(
        "Citations.", "Căn cứ pháp lý.", minItems=1))
    note: Text | None = attrs.field(default=None, metadata=describe("Remarks.", "Ghi chú."))
    indicators: tuple[Indicator, ...] = attrs.field(metadata=describe(
        "Indicators.", "Các chỉ tiêu.", minItems=1))


# -- loading ------------------------------------------------------------------------------

@attrs.define(eq=False, str=False)
class UnknownTargetSetError(CompetencyError, KeyError):
    """A target-set id that is not built in."""

    set_id: str
    known: tuple[str, ...]

    def __str__(self) -> str:
        close = difflib.get_close_matches(self.set_id, self.known, n=3, cutoff=0.5)
        hint = f"; did you mean: {', '.join(close)}?" if close else ""
        return f"unknown target set {self.set_id!r}{hint}; known: {', '.join(self.known)}"


def _consistency(target_set: TargetSet, pointer: str) -> list[str]:
    problems = []
    if target_set.illustrative and target_set.confidence is not Confidence.ILLUSTRATIVE:
        problems.append(f"{pointer}/confidence: an illustrative set must have confidence "
                        "'illustrative'")
    ids = [i.id for i in target_set.indicators]
    problems += [f"{pointer}/indicators: duplicate indicator id {i!r}"
                 for i in sorted({i for i in ids if ids.count(i) > 1})]
    for k, indicator in enumerate(target_set.indicators):
        here = f"{pointer}/indicators/{k}"
        nodes = walk(indicator.predicate) + (walk(indicator.where) if indicator.where else [])
        names = [node.id for node in nodes]
        problems += [f"{here}: duplicate node id {i!r}"
                     for i in sorted({i for i in names if names.count(i) > 1})]
        target = indicator.target
        if target.max is not None and target.max < target.min:
            problems.append(f"{here}/target: max {target.max} is below min {target.min}")
    return problems


def load_target_file(text: str, source: str) -> list[TargetSet]:
    """Parse, validate and structure a target file (``target_sets: [...]``)."""
    sets = load_list_file(text, source, key="target_sets", kind="target-set", cls=TargetSet)
    problems = [p for i, s in enumerate(sets) for p in _consistency(s, f"/target_sets/{i}")]
    if problems:
        raise DataFileError(source=source, problems=tuple(problems))
    return sets


@functools.cache
def builtin_target_sets() -> Mapping[str, TargetSet]:
    """The target sets shipped in ``data/targets/``, by id (read-only)."""
    found, _ = index_by_id("targets", load_target_file, "target set")
    return types.MappingProxyType(dict(sorted(found.items())))


def get_target_set(set_id: str) -> TargetSet:
    """The built-in target set with this id."""
    sets = builtin_target_sets()
    try:
        return sets[set_id]
    except KeyError:
        raise UnknownTargetSetError(set_id, tuple(sets)) from None


def _resolve(targets: TargetSet | str | Iterable[TargetSet | str] | None) -> tuple[TargetSet, ...]:
    if targets is None:
        return tuple(builtin_target_sets().values())
    if isinstance(targets, (TargetSet, str)):
        targets = [targets]
    return tuple(get_target_set(t) if isinstance(t, str) else t for t in targets)


# -- results ------------------------------------------------------------------------------

_ALL = Text(vi="Toàn bộ", en="All")


@attrs.frozen(kw_only=True)
class IndicatorResult:
    """One indicator for one group (``group`` None: the whole population) as of a date."""

    target_set: TargetSet
    indicator: Indicator
    on: dt.date
    group: str | None
    group_label: str | None
    numerator: int
    denominator: int
    unknown: int
    undetermined: int
    unknown_ids: tuple[str, ...]
    status: TargetStatus
    gap: int | None

    @property
    def share(self) -> float | None:
        """numerator / denominator; None when there is no population."""
        return self.numerator / self.denominator if self.denominator else None

    @property
    def counts(self) -> Counting:
        """People or units."""
        return self.indicator.counts

    @property
    def target(self) -> TargetRange:
        """The target range."""
        return self.indicator.target

    @property
    def deadline(self) -> dt.date:
        """The date the target is due."""
        return self.indicator.deadline

    @property
    def confidence(self) -> Confidence:
        """The indicator's confidence, else the set's."""
        return self.indicator.confidence or self.target_set.confidence

    @property
    def citations(self) -> tuple[LegalReference, ...]:
        """The indicator's citations, else the set's."""
        return self.indicator.legal_basis or self.target_set.legal_basis

    @property
    def illustrative(self) -> bool:
        """True when the set, the indicator or a rule of it is an example, not the text."""
        nodes = walk(self.indicator.predicate) + (
            walk(self.indicator.where) if self.indicator.where else [])
        return (self.target_set.illustrative or self.confidence is Confidence.ILLUSTRATIVE
                or any(node.confidence is Confidence.ILLUSTRATIVE for node in nodes))

    def label(self, lang: str = "vi") -> str:
        """The group's label, or "all"."""
        return self.group_label if self.group is not None and self.group_label else _ALL[lang]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {
            "set": self.target_set.id,
            "indicator": self.indicator.id,
            "title": {"vi": self.indicator.title.vi, "en": self.indicator.title.en},
            "on": self.on.isoformat(),
            "group": self.group,
            "group_label": self.group_label,
            "counts": self.counts.value,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "share": self.share,
            "unknown": self.unknown,
            "undetermined": self.undetermined,
            "unknown_ids": list(self.unknown_ids),
            "target": {"min": self.target.min, "max": self.target.max},
            "status": self.status.code,
            "gap": self.gap,
            "deadline": self.deadline.isoformat(),
            "citation": "; ".join(c.cite() for c in self.citations),
            "confidence": self.confidence.value,
            "illustrative": self.illustrative,
        }


@attrs.frozen(kw_only=True)
class TargetReport:
    """Every indicator of the sets checked, overall and per group, as of one date."""

    on: dt.date
    by: str | None
    target_sets: tuple[TargetSet, ...]
    results: tuple[IndicatorResult, ...]
    officials: int

    def get(self, set_id: str, indicator_id: str, group: str | None = None) -> IndicatorResult:
        """The result of one indicator for one group (None: overall)."""
        for result in self.results:
            if (result.target_set.id, result.indicator.id, result.group) == (
                    set_id, indicator_id, group):
                return result
        msg = f"no result for {set_id} › {indicator_id} (group {group!r})"
        raise KeyError(msg)

    def overall(self) -> list[IndicatorResult]:
        """The whole-population result of each indicator."""
        return [r for r in self.results if r.group is None]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data: the sets checked and every result."""
        return {"on": self.on.isoformat(), "by": self.by, "officials": self.officials,
                "sets": [{"id": s.id, "title": {"vi": s.title.vi, "en": s.title.en},
                          "confidence": s.confidence.value, "illustrative": s.illustrative,
                          "citation": "; ".join(c.cite() for c in s.legal_basis)}
                         for s in self.target_sets],
                "results": [r.as_dict() for r in self.results]}


# -- checking -----------------------------------------------------------------------------

@attrs.define
class _People:
    numerator: int = 0
    denominator: int = 0
    unknown: int = 0
    undetermined: int = 0
    ids: list[str] = attrs.Factory(list)


@attrs.define
class _Units:
    states: dict[str, Outcome] = attrs.Factory(dict)
    labels: dict[str, str] = attrs.Factory(dict)
    undetermined: int = 0


def _group(by: str | None, ctx: Context) -> tuple[str, str] | None:
    unit = ctx.unit
    if by == "unit":
        key = unit_key(unit)
        return (key, unit_label(unit)) if key is not None else ("?", "?")
    if by == "province":
        code = None if unit is None else unit.province_code
        return (code, code) if code is not None else ("?", "?")
    return None


def check_targets(officials: Iterable[Official],
                  targets: TargetSet | str | Iterable[TargetSet | str] | None = None,
                  on: dt.date | None = None, *, by: GroupBy | None = None,
                  catalog: Catalog | None = None, keep_ids: int = 100) -> TargetReport:
    """Where the officials stand on ``on`` (default today) against the targets' indicators.

    ``targets`` is a set, a set id, several of either, or None for every built-in set.
    ``by`` adds a result per unit or per province beside the overall one. The officials
    are read once, as a stream; ``keep_ids`` bounds how many ids of members with an
    unknown predicate each result lists (the count is always exact).
    """
    if by is not None and by not in _GROUPINGS:
        msg = f"by must be one of {', '.join(_GROUPINGS)} or None, got {by!r}"
        raise ValueError(msg)
    on = on or dt.date.today()
    sets = _resolve(targets)
    tables = (catalog or Catalog.builtin()).tables
    plan = [(s, i) for s in sets for i in s.indicators]
    tallies: list[dict[str | None, Any]] = [{} for _ in plan]
    labels: list[dict[str | None, str]] = [{} for _ in plan]
    seen = 0
    for official in officials:
        seen += 1
        for k, (_, indicator) in enumerate(plan):
            member, post = match(indicator.population, official, on)
            if not member:
                continue
            ctx = Context(official=official, on=on, tables=tables, assignment=post)
            condition = (Outcome.MET if indicator.where is None
                         else evaluate_node(indicator.where, ctx).outcome)
            if condition is Outcome.UNMET:
                continue
            group = _group(by, ctx)
            keys: list[str | None] = [None]
            if group is not None:
                keys.append(group[0])
                labels[k][group[0]] = group[1]
            people = indicator.counts is Counting.PEOPLE
            tally = tallies[k]
            for key in keys:
                tally.setdefault(key, _People() if people else _Units())
            if condition is Outcome.UNKNOWN:
                for key in keys:
                    tally[key].undetermined += 1
                continue
            outcome = evaluate_node(indicator.predicate, ctx).outcome
            if people:
                for key in keys:
                    t: _People = tally[key]
                    t.denominator += 1
                    t.numerator += outcome is Outcome.MET
                    if outcome is Outcome.UNKNOWN:
                        t.unknown += 1
                        if len(t.ids) < keep_ids:
                            t.ids.append(official.id)
                continue
            unit = unit_key(ctx.unit)
            for key in keys:
                u: _Units = tally[key]
                if unit is None:
                    u.undetermined += 1
                    continue
                u.states[unit] = disjunction([u.states.get(unit, Outcome.UNMET), outcome])
                u.labels.setdefault(unit, unit_label(ctx.unit))
    results = []
    for k, (target_set, indicator) in enumerate(plan):
        tally = tallies[k]
        tally.setdefault(None, _People() if indicator.counts is Counting.PEOPLE else _Units())
        others = sorted((key for key in tally if key is not None),
                        key=lambda key: (labels[k].get(key, ""), key))
        for key in [None, *others]:
            results.append(_result(target_set, indicator, on, key,
                                   None if key is None else labels[k].get(key), tally[key]))
    return TargetReport(on=on, by=by, target_sets=sets, results=tuple(results), officials=seen)


def _result(target_set: TargetSet, indicator: Indicator, on: dt.date, key: str | None,
            label: str | None, tally: _People | _Units) -> IndicatorResult:
    if isinstance(tally, _People):
        num, den, unknown, ids = tally.numerator, tally.denominator, tally.unknown, tally.ids
    else:
        states = tally.states
        num = sum(s is Outcome.MET for s in states.values())
        den = len(states)
        unknown_units = sorted(u for u, s in states.items() if s is Outcome.UNKNOWN)
        unknown = len(unknown_units)
        ids = [tally.labels[u] for u in unknown_units]
    return IndicatorResult(
        target_set=target_set, indicator=indicator, on=on, group=key, group_label=label,
        numerator=num, denominator=den, unknown=unknown, undetermined=tally.undetermined,
        unknown_ids=tuple(ids), status=indicator.target.status(num, den),
        gap=indicator.target.gap(num, den))


# -- trajectory ---------------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class Trajectory:
    """Reports at several dates, to follow each indicator over time."""

    reports: tuple[TargetReport, ...]

    def series(self, set_id: str, indicator_id: str,
               group: str | None = None) -> list[IndicatorResult]:
        """The indicator's result at each date (dates without that group are skipped)."""
        points = []
        for report in self.reports:
            try:
                points.append(report.get(set_id, indicator_id, group))
            except KeyError:
                continue
        return points

    def keys(self) -> list[tuple[str, str, str | None]]:
        """(set, indicator, group) of every series, in first-seen order."""
        seen: dict[tuple[str, str, str | None], None] = {}
        for report in self.reports:
            for r in report.results:
                seen.setdefault((r.target_set.id, r.indicator.id, r.group), None)
        return list(seen)


def target_trajectory(snapshots: Iterable[tuple[dt.date, Iterable[Official]]],
                      targets: TargetSet | str | Iterable[TargetSet | str] | None = None, *,
                      by: GroupBy | None = None, catalog: Catalog | None = None) -> Trajectory:
    """:func:`check_targets` for each (date, roster) snapshot, in date order."""
    reports = [check_targets(roster, targets, on, by=by, catalog=catalog)
               for on, roster in snapshots]
    return Trajectory(reports=tuple(sorted(reports, key=lambda r: r.on)))
