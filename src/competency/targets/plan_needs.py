"""Every source's training needs for one roster, ready for :func:`plan_training`.

Unmet standards and competency shortfalls come from the roster's gaps; title-based and
planning-pool needs from ``data/training/need-sources.yaml``; target needs from the targets
a plan overlay turns into needs. One official's needs from several sources are merged, so
one course closing two causes is planned once (see :func:`competency.training.sources.combine`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from competency.frameworks.gaps import CohortGaps, NeedRow, NeedSource
from competency.model.official import Official
from competency.standards.catalogue import Catalog
from competency.targets.needs import target_needs
from competency.targets.plan_overlay import PlanOverlay
from competency.training.catalogue import need_sources
from competency.training.model import NeedSourceTable
from competency.training.sources import combine, source_needs

__all__ = ["roster_needs"]


def roster_needs(officials: Sequence[Official], cohort: CohortGaps, *, on: dt.date,
                 overlay: PlanOverlay | None = None,
                 sources: Iterable[NeedSource] = tuple(NeedSource),
                 catalog: Catalog | None = None, table: NeedSourceTable | None = None,
                 ) -> list[NeedRow]:
    """The needs of ``officials`` from the ``sources`` asked for, merged per official.

    ``cohort`` is the roster's gaps on ``on`` (its legal and competency needs).
    """
    wanted = set(sources)
    rules = table if table is not None else need_sources()
    tables = (catalog or Catalog.builtin()).tables
    rows: list[NeedRow] = list(cohort.need_rows)
    if wanted & {NeedSource.TITLE, NeedSource.PLANNING}:
        for official in officials:
            rows += source_needs(official, on, rules, tables)
    if overlay is not None and NeedSource.TARGET in wanted:
        for link in overlay.target_needs:
            rows += target_needs(officials, overlay.target_set(link.target_set), link.indicator,
                                 link.programme, on=on, catalog=catalog)
    return combine(r for r in rows if r.need.origin in wanted)
