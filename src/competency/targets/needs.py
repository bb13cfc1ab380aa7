"""A workforce target turned into training needs: the gap in people, for the programme named.

The gap of an indicator (``ceil(min × population) − met``, as :func:`check_targets` counts
it) becomes that many needs for the programme a province names for the indicator. The
candidates are the members of the population who do not meet the predicate (members whose
outcome is unknown need data, not training); the closest come first: fewest unmet
requirements in the predicate's tree, then the official's id. So the same roster always
gives the same people, and those one course is most likely to bring over the line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from competency.frameworks.gaps import Need, NeedArea, NeedRow, NeedSource, PostRef
from competency.model.official import Official
from competency.model.selector import match
from competency.rules.evaluate import Evaluation, evaluate_node
from competency.rules.leaves import Context
from competency.rules.outcome import Outcome
from competency.standards.catalogue import Catalog
from competency.targets.model import Counting, Indicator, TargetSet
from competency.vocab import Text

__all__ = ["TargetCandidates", "target_needs"]


def _unmet_leaves(ev: Evaluation) -> int:
    if not ev.children:
        return int(ev.outcome is Outcome.UNMET)
    return sum(_unmet_leaves(child) for child in ev.children)


def _indicator(target_set: TargetSet, indicator_id: str) -> Indicator:
    for indicator in target_set.indicators:
        if indicator.id == indicator_id:
            return indicator
    known = ", ".join(i.id for i in target_set.indicators)
    msg = f"target set {target_set.id!r} has no indicator {indicator_id!r}; expected one of: {known}"
    raise ValueError(msg)


class TargetCandidates:
    """The members of one indicator's population, read one official at a time.

    :meth:`rows` gives the needs once every official has been added, so a roster is
    streamed, never held: only the members who do not meet the indicator are kept.
    """

    def __init__(self, target_set: TargetSet, indicator_id: str, programme: str, *,
                 on: dt.date, catalog: Catalog | None = None) -> None:
        self.target_set = target_set
        self.indicator = _indicator(target_set, indicator_id)
        if self.indicator.counts is not Counting.PEOPLE:
            msg = (f"indicator {indicator_id!r} counts units; only indicators counting people "
                   "give needs")
            raise ValueError(msg)
        self.programme = programme
        self.on = on
        self.tables = (catalog or Catalog.builtin()).tables
        self.met = self.population = 0
        self.candidates: list[tuple[int, str, PostRef]] = []

    def add(self, official: Official) -> None:
        """Count one official (nothing when outside the population)."""
        indicator = self.indicator
        member, post = match(indicator.population, official, self.on)
        if not member:
            return
        ctx = Context(official=official, on=self.on, tables=self.tables, assignment=post)
        if indicator.where is not None and evaluate_node(indicator.where, ctx).outcome is not Outcome.MET:
            return
        ev = evaluate_node(indicator.predicate, ctx)
        self.population += 1
        self.met += ev.outcome is Outcome.MET
        if ev.outcome is Outcome.UNMET and post is not None:
            self.candidates.append((_unmet_leaves(ev), official.id, PostRef.of(official, post)))

    @property
    def gap(self) -> int:
        """People short of the lower bound (0 with no population)."""
        return self.indicator.target.gap(self.met, self.population) or 0

    def rows(self) -> list[NeedRow]:
        """One need per person of the gap, closest first."""
        indicator = self.indicator
        label = Text(vi=f"{NeedSource.TARGET.vi}: {indicator.title.vi}",
                     en=f"{NeedSource.TARGET.en}: {indicator.title.en}")
        need = Need(area=NeedArea.PROGRAMME, target=self.programme, level=0, legal=False,
                    due=indicator.deadline, sources=(f"{self.target_set.id}#{indicator.id}",),
                    origin=NeedSource.TARGET, label=label)
        return [NeedRow(official_id=who, post=where, need=need)
                for _, who, where in sorted(self.candidates, key=lambda c: c[:2])[:self.gap]]


def target_needs(officials: Iterable[Official], target_set: TargetSet, indicator_id: str,
                 programme: str, *, on: dt.date, catalog: Catalog | None = None) -> list[NeedRow]:
    """Needs for ``programme``, one per person of the indicator's gap on ``on``, closest first."""
    tally = TargetCandidates(target_set, indicator_id, programme, on=on, catalog=catalog)
    for official in officials:
        tally.add(official)
    return tally.rows()
