"""The ranked selection itself: every candidate sorted into exactly one place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

import attrs

from competency.law import Confidence
from competency.model.official import Official
from competency.model.selector import match, unit_label
from competency.rules.evaluate import evaluate_node
from competency.rules.leaves import Context
from competency.rules.outcome import Outcome
from competency.selection._ranking import (
    Entry,
    allot,
    effective_quota,
    pool_ids,
    priority_of,
    quota_group,
    rank_key,
    stable_order,
)
from competency.selection._results import Rejection, Selection, Unresolved
from competency.selection._scoring import criterion_scores
from competency.selection.catalogue import get_scheme
from competency.selection.model import Quota, Regime, SelectionScheme
from competency.standards.catalogue import Catalog
from competency.vocab import Text

__all__ = ["placed", "prepare", "select"]


def prepare(scheme: SelectionScheme | str, on: dt.date, quota: int | Quota | None
           ) -> tuple[SelectionScheme, Regime, Quota | None]:
    """The scheme, the regime in force on ``on`` and the quota that applies."""
    plan = get_scheme(scheme) if isinstance(scheme, str) else scheme
    return plan, plan.regime(on), effective_quota(plan, quota)


def placed(candidates: Iterable[Official], plan: SelectionScheme, regime: Regime, on: dt.date,
           places: Quota | None, catalog: Catalog | None = None
           ) -> Iterator[Entry | Rejection | Unresolved | None]:
    """Each candidate, one at a time, as an entry to rank, a rejection, an unresolved case,
    or ``None`` (outside the scheme's scope on ``on``)."""
    tables = (catalog or Catalog.builtin()).tables
    per = None if places is None else places.per
    flagged = regime.confidence is Confidence.NEEDS_CHECK
    for official in candidates:
        if not official.recruited_by(on):  # not yet in service: no candidate on that date
            yield None
            continue
        if plan.scope is not None:
            member, post = match(plan.scope, official, on)
            if not member:
                yield None
                continue
        else:
            post = next(iter(official.current_assignments(on)), None)
        ctx = Context(official=official, on=on, tables=tables, assignment=post)
        ev = attrs.evolve(evaluate_node(regime.eligibility, ctx, citations=regime.legal_basis,
                                        needs_check=flagged), cited_here=True)
        label = None if ctx.unit is None else unit_label(ctx.unit)
        if ev.outcome is Outcome.UNMET:
            yield Rejection(official_id=official.id, unit=label, failing=tuple(ev.culprits()),
                            eligibility=ev)
            continue
        if ev.outcome is Outcome.UNKNOWN:
            missing = tuple(Text(vi=c.message("vi"), en=c.message("en")) for c in ev.culprits())
            yield Unresolved(official_id=official.id, unit=label, missing=missing, eligibility=ev)
            continue
        scores, lacking = criterion_scores(plan.criteria, ctx)
        if lacking:
            yield Unresolved(official_id=official.id, unit=label, missing=tuple(lacking),
                             eligibility=ev)
            continue
        yield Entry(official=official, post_unit=label,
                    score=round(sum(s.points for s in scores), 6),
                    breakdown=tuple(scores), group=quota_group(per, official, ctx),
                    eligibility=ev, pools=pool_ids(places, ctx),
                    priority=priority_of(places, official, post))


def select(candidates: Iterable[Official], scheme: SelectionScheme | str,
           on: dt.date, *, quota: int | Quota | None = None,
           catalog: Catalog | None = None) -> Selection:
    """Rank the candidates for ``scheme`` as of ``on`` (the dispatch date).

    The regime in force on ``on`` gives the eligibility rules and the commitment.
    ``quota`` replaces the scheme's total number of places (an int) or its whole quota
    (a :class:`Quota`). Every candidate ends in exactly one place of the result.
    """
    plan, regime, places = prepare(scheme, on, quota)
    entries: list[Entry] = []
    ineligible: list[Rejection] = []
    unknown: list[Unresolved] = []
    outside = 0
    for item in placed(candidates, plan, regime, on, places, catalog):
        if item is None:
            outside += 1
        elif isinstance(item, Entry):
            entries.append(item)
        elif isinstance(item, Rejection):
            ineligible.append(item)
        else:
            unknown.append(item)
    entries.sort(key=rank_key(plan))
    ranked = allot(entries, places)
    return Selection(scheme=plan, regime=regime, on=on, quota=places, ranked=tuple(ranked),
                     ineligible=tuple(sorted(ineligible, key=stable_order)),
                     unknown=tuple(sorted(unknown, key=stable_order)), out_of_scope=outside)
