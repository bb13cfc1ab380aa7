"""The contents of civil-servant fostering (nội dung bồi dưỡng), dated: a table, not a standard.

The list changed with the instruments (Decree 89/2021/NĐ-CP: four contents; Decree 171/2025/NĐ-CP:
five), so it is data with one period per instrument, and :meth:`ContentTable.on` answers which
contents were in force on a day. Nothing here is law; the dates and contents are in
``data/training/contents.yaml``.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools

import attrs

from competency.io.datafiles import shipped_table
from competency.law import Cited
from competency.vocab import Text, describe

__all__ = ["ContentPeriod", "ContentTable", "TrainingContent", "training_contents"]


@attrs.frozen(kw_only=True)
class TrainingContent:
    """One content of fostering."""

    code: str = attrs.field(metadata=describe("Content code.", "Mã nội dung.",
                                              pattern=r"^[a-z_]+$"))
    name: Text = attrs.field(metadata=describe("Name.", "Tên nội dung."))


@attrs.frozen(kw_only=True)
class ContentPeriod(Cited):
    """The contents one instrument lists, and when that list was in force."""

    valid_from: dt.date = attrs.field(metadata=describe("First day (inclusive).", "Từ ngày."))
    valid_until: dt.date | None = attrs.field(default=None, metadata=describe(
        "Last day (inclusive); absent while in force.", "Đến hết ngày."))
    contents: tuple[TrainingContent, ...] = attrs.field(metadata=describe(
        "Contents, in the instrument's order.", "Các nội dung bồi dưỡng.", minItems=1))


@attrs.frozen(kw_only=True)
class ContentTable:
    """The periods, earliest first; they do not overlap."""

    periods: tuple[ContentPeriod, ...] = attrs.field(metadata=describe(
        "Periods, earliest first.", "Các thời kỳ, từ sớm đến muộn.", minItems=1))

    def on(self, day: dt.date) -> ContentPeriod | None:
        """The period in force on ``day``; None before the first or in a gap."""
        for period in self.periods:
            if period.valid_from <= day and (period.valid_until is None
                                             or day <= period.valid_until):
                return period
        return None


def _problems(table: ContentTable) -> list[str]:
    problems = []
    for i, (early, late) in enumerate(itertools.pairwise(table.periods)):
        if early.valid_until is None or early.valid_until >= late.valid_from:
            problems.append(f"/periods/{i}/valid_until: must end before the next period starts "
                            f"({late.valid_from.isoformat()})")
    return problems


@functools.cache
def training_contents() -> ContentTable:
    """The table shipped with the package (rule R43)."""
    return shipped_table("training/contents.yaml", "table-training-contents", ContentTable,
                         _problems)
