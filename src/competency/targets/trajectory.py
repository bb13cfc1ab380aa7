"""Indicator results over several as-of dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from competency.model.official import Official
from competency.standards.catalogue import Catalog
from competency.targets.measure import IndicatorResult, TargetReport, check_targets
from competency.targets.model import GroupBy, TargetSet

__all__ = [
    "Trajectory",
    "target_trajectory",
]

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
