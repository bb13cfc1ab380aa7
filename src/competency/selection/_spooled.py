"""The selection of a national roster: the same result as :func:`select`, in flat memory.

Candidates are read one at a time and each is spooled to disk (:class:`~competency.io.spool.Spool`)
as soon as it is placed, with only what the reports show (no record, no evaluation tree):
memory holds counters and one sorted run, whatever the roster's size. Ranking reads the
entries back in rank order; the quotas are filled in that one pass.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from competency.io.spool import Spool
from competency.model.official import Official
from competency.selection._ranking import Entry, allotted, rank_key, stable_order
from competency.selection._results import Candidate, Rejection, RejectionRow, Report, Unresolved
from competency.selection._select import placed, prepare
from competency.selection.model import Quota, Regime, SelectionScheme
from competency.standards.catalogue import Catalog

__all__ = ["SpooledSelection", "select_spooled"]


@attrs.frozen(kw_only=True, eq=False)
class SpooledSelection(Report):
    """A selection whose candidates are on disk, read back in order (as often as wanted)."""

    scheme: SelectionScheme
    regime: Regime
    on: dt.date
    quota: Quota | None
    ranked: Spool[Candidate]
    ineligible: Spool[RejectionRow]
    unknown: Spool[Unresolved]
    out_of_scope: int

    def close(self) -> None:
        """Delete the spooled candidates."""
        for spool in (self.ranked, self.ineligible, self.unknown):
            spool.close()


def select_spooled(candidates: Iterable[Official], scheme: SelectionScheme | str,
                   on: dt.date, *, quota: int | Quota | None = None,
                   catalog: Catalog | None = None) -> SpooledSelection:
    """:func:`~competency.selection.select` for any roster size: every number and every
    order is the same; the candidates keep no evaluation (``eligibility`` is ``None``)."""
    plan, regime, places = prepare(scheme, on, quota)
    key = rank_key(plan)
    entries: Spool[Entry] = Spool()
    ineligible: Spool[RejectionRow] = Spool()
    unknown: Spool[Unresolved] = Spool()
    outside = 0
    for item in placed(candidates, plan, regime, on, places, catalog):
        if item is None:
            outside += 1
        elif isinstance(item, Entry):
            entries.add(key(item), item.lean())
        elif isinstance(item, Rejection):
            ineligible.add(stable_order(item), item.row())
        else:
            unknown.add(stable_order(item), attrs.evolve(item, eligibility=None))
    ranked: Spool[Candidate] = Spool()
    for candidate in allotted(entries, places):
        ranked.add(candidate.rank, candidate)
    entries.close()
    return SpooledSelection(scheme=plan, regime=regime, on=on, quota=places, ranked=ranked,
                            ineligible=ineligible, unknown=unknown, out_of_scope=outside)
