"""Where a roster stands against its targets: indicator results by group.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from competency.law import Confidence, LegalReference
from competency.model.official import Official
from competency.model.selector import match, unit_key, unit_label
from competency.rules.evaluate import evaluate_node
from competency.rules.leaves import Context
from competency.rules.nodes import walk
from competency.rules.outcome import Outcome, disjunction
from competency.standards.catalogue import Catalog
from competency.targets.catalogue import resolve_target_sets
from competency.targets.model import (
    GROUPINGS,
    Counting,
    GroupBy,
    Indicator,
    TargetRange,
    TargetSet,
    TargetStatus,
)
from competency.vocab import Text

__all__ = [
    "IndicatorResult",
    "TargetReport",
    "check_targets",
]

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
                  targets: TargetSet | str | Iterable[TargetSet | str] | None,
                  on: dt.date, *, by: GroupBy | None = None,
                  catalog: Catalog | None = None, keep_ids: int = 100) -> TargetReport:
    """Where the officials stand on ``on`` against the targets' indicators.

    ``targets`` is a set, a set id, several of either, or None for every built-in set.
    ``by`` adds a result per unit or per province beside the overall one. The officials
    are read once, as a stream; ``keep_ids`` bounds how many ids of members with an
    unknown predicate each result lists (the count is always exact).
    """
    if by is not None and by not in GROUPINGS:
        msg = f"by must be one of {', '.join(GROUPINGS)} or None, got {by!r}"
        raise ValueError(msg)
    sets = resolve_target_sets(targets)
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


