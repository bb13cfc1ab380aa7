"""Workforce targets as data: target sets, indicators, target ranges.

A :class:`TargetSet` (one instrument, or one group of an instrument's targets) holds
:class:`Indicator` entries. An indicator counts a population, evaluates a predicate from the
rule tree for each member, and compares the share that meets it with a target range.
"""

from __future__ import annotations

import datetime as dt
import enum
import fractions
import math
from typing import Literal

import attrs

from competency.law import Cited, Confidence, LegalReference
from competency.model.selector import Selector
from competency.rules.nodes import Node
from competency.vocab import Term, Text, describe

__all__ = [
    "GROUPINGS",
    "Counting",
    "GroupBy",
    "Indicator",
    "TargetRange",
    "TargetSet",
    "TargetStatus",
]

GroupBy = Literal["unit", "province"]
GROUPINGS = ("unit", "province")


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
class TargetSet(Cited):
    """Workforce targets of one instrument (or one group of them), with citations."""

    id: str = attrs.field(metadata=describe(
        "Identifier, e.g. vn.nq-26-2018-tw.province.", "Mã bộ chỉ tiêu.",
        pattern=r"^[a-z0-9][a-z0-9.-]*$"))
    title: Text = attrs.field(metadata=describe("Title.", "Tên bộ chỉ tiêu."))
    indicators: tuple[Indicator, ...] = attrs.field(metadata=describe(
        "Indicators.", "Các chỉ tiêu.", minItems=1))


