"""Every source's training needs for one roster, ready for :func:`plan_training`.

Unmet standards and competency shortfalls come from the roster's gaps; title-based and
planning-pool needs from ``data/training/need-sources.yaml``; target needs from the targets
a plan overlay turns into needs. One official's needs from several sources are merged, so
one course closing two causes is planned once (see :func:`competency.training.sources.combine`).

:class:`NeedTap` sits between the roster and :func:`cohort_gaps`: it reads each official as
it streams by, so a roster is read once and never held in memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

import attrs

from competency.frameworks.gaps import CohortGaps, NeedRow, NeedSource
from competency.model.official import Official
from competency.standards.catalogue import Catalog
from competency.targets.needs import TargetCandidates
from competency.targets.plan_overlay import PlanOverlay
from competency.training.catalogue import need_sources
from competency.training.model import NeedSourceTable
from competency.training.sources import combine, source_needs

__all__ = ["NeedTap", "roster_needs"]


class NeedTap:
    """Title, planning and target needs of the officials that pass through :meth:`read`."""

    def __init__(self, *, on: dt.date, overlay: PlanOverlay | None = None,
                 sources: Iterable[NeedSource] = tuple(NeedSource),
                 catalog: Catalog | None = None, table: NeedSourceTable | None = None) -> None:
        self.on = on
        self.wanted = frozenset(sources)
        rules = table if table is not None else need_sources()
        if overlay is not None:
            rules = attrs.evolve(rules, titles=rules.titles + overlay.titles,
                                 planning=rules.planning + overlay.planning)
        self.rules = rules
        self.tables = (catalog or Catalog.builtin()).tables
        self.rows: list[NeedRow] = []
        links = overlay.target_needs if overlay is not None and NeedSource.TARGET in self.wanted \
            else ()
        self.targets = [TargetCandidates(overlay.target_set(link.target_set), link.indicator,
                                         link.programme, on=on, catalog=catalog)
                        for link in links if overlay is not None]

    def read(self, officials: Iterable[Official]) -> Iterator[Official]:
        """The officials, unchanged, each one's title and planning needs noted on the way."""
        own = bool(self.wanted & {NeedSource.TITLE, NeedSource.PLANNING})
        for official in officials:
            if own:
                self.rows += source_needs(official, self.on, self.rules, self.tables)
            for target in self.targets:
                target.add(official)
            yield official

    def needs(self, cohort: CohortGaps) -> list[NeedRow]:
        """Every source's needs, merged per official; ``cohort`` holds the roster's gaps."""
        rows = list(cohort.need_rows) + self.rows
        for target in self.targets:
            rows += target.rows()
        return combine(r for r in rows if r.need.origin in self.wanted)


def roster_needs(officials: Iterable[Official], cohort: CohortGaps, *, on: dt.date,
                 overlay: PlanOverlay | None = None,
                 sources: Iterable[NeedSource] = tuple(NeedSource),
                 catalog: Catalog | None = None, table: NeedSourceTable | None = None,
                 ) -> list[NeedRow]:
    """The needs of ``officials`` from the ``sources`` asked for, merged per official.

    ``cohort`` is the roster's gaps on ``on`` (its legal and competency needs), already
    computed; to read the roster once, pass it through :meth:`NeedTap.read` instead.
    """
    tap = NeedTap(on=on, overlay=overlay, sources=sources, catalog=catalog, table=table)
    for _ in tap.read(officials):
        pass
    return tap.needs(cohort)
