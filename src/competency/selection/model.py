"""Selection schemes as data: dated regimes, commitments, quotas and tie-breaks.

A scheme keeps each instrument's eligibility rules and service commitment as a
:class:`Regime` with its period, so that the rules applied follow the dispatch date.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
from collections.abc import Mapping

import attrs

from competency.errors import CompetencyError, UnknownItemError
from competency.law import Cited, Confidence, LegalReference
from competency.model.selector import Selector
from competency.rules.nodes import Node
from competency.selection._criteria import ID_PATTERN, Criterion
from competency.vocab import Text, describe

__all__ = [
    "TIE_BREAK_FACTS",
    "Commitment",
    "NoRegimeError",
    "Quota",
    "QuotaGroup",
    "QuotaPool",
    "Regime",
    "SelectionScheme",
    "UnknownSchemeError",
]


@attrs.frozen(kw_only=True)
class Commitment:
    """What a selected official undertakes, shown with every result."""

    service_multiple: float | None = attrs.field(default=None, metadata=describe(
        "Minimum service after training, as a multiple of the training period.",
        "Thời gian cam kết phục vụ, tính bằng số lần thời gian đào tạo.", minimum=1))
    text: Text = attrs.field(metadata=describe(
        "The service commitment.", "Cam kết thời gian phục vụ."))
    repayment: Text | None = attrs.field(default=None, metadata=describe(
        "When training costs must be repaid.", "Trường hợp phải đền bù chi phí đào tạo."))
    legal_basis: tuple[LegalReference, ...] = attrs.field(metadata=describe(
        "Citations.", "Căn cứ pháp lý.", minItems=1))


@attrs.frozen(kw_only=True)
class Regime:
    """The eligibility rules and commitment of one instrument, for its period."""

    id: str = attrs.field(metadata=describe("Identifier.", "Mã.", **ID_PATTERN))
    title: Text = attrs.field(metadata=describe("Title.", "Tên."))
    valid_from: dt.date | None = attrs.field(metadata=describe(
        "First dispatch date it governs (inclusive); null when unknown.", "Áp dụng từ ngày."))
    valid_until: dt.date | None = attrs.field(default=None, metadata=describe(
        "Last dispatch date it governs (inclusive); absent while in force.",
        "Áp dụng đến ngày."))
    confidence: Confidence = attrs.field(metadata=describe("Confidence.", "Mức độ tin cậy."))
    legal_basis: tuple[LegalReference, ...] = attrs.field(metadata=describe(
        "Citations.", "Căn cứ pháp lý.", minItems=1))
    note: Text | None = attrs.field(default=None, metadata=describe("Remarks.", "Ghi chú."))
    eligibility: Node = attrs.field(metadata=describe(
        "Conditions a candidate must meet on the dispatch date.", "Điều kiện được cử đi."))
    commitment: Commitment = attrs.field(metadata=describe(
        "Service commitment and repayment.", "Cam kết phục vụ và đền bù."))

    def in_force(self, day: dt.date) -> bool:
        """True when ``day`` is in the regime's period (an unknown start is open)."""
        return ((self.valid_from is None or self.valid_from <= day)
                and (self.valid_until is None or day <= self.valid_until))


class QuotaGroup(enum.Enum):
    """What a per-group quota counts by."""

    UNIT = "unit"
    PROVINCE = "province"
    FIELD = "field"  # field of study of the highest diploma held


@attrs.frozen(kw_only=True)
class QuotaPool:
    """A share of the places, for the candidates its condition admits (e.g. doctorates for
    master's holders); pools are filled in order, each candidate in at most one."""

    id: str = attrs.field(metadata=describe("Identifier.", "Mã.", **ID_PATTERN))
    title: Text = attrs.field(metadata=describe("Title.", "Tên."))
    places: int = attrs.field(metadata=describe("Places of the pool.", "Chỉ tiêu.", minimum=0))
    members: Node | None = attrs.field(default=None, metadata=describe(
        "Who may take a place of this pool (a requirement tree; absent: every candidate).",
        "Đối tượng của chỉ tiêu này."))


@attrs.frozen(kw_only=True)
class Quota:
    """How many are selected: overall, per unit, province or field of study, and by pools
    (degree, field, unit), with priority groups served first."""

    total: int | None = attrs.field(default=None, metadata=describe(
        "Places in all.", "Tổng chỉ tiêu.", minimum=0))
    per: QuotaGroup | None = attrs.field(default=None, metadata=describe(
        "Group with its own limit.", "Nhóm có giới hạn riêng."))
    max_per_group: int | None = attrs.field(default=None, metadata=describe(
        "Places per group.", "Chỉ tiêu mỗi nhóm.", minimum=1))
    note: Text | None = attrs.field(default=None, metadata=describe(
        "Where the figures come from.", "Nguồn số liệu."))
    pools: tuple[QuotaPool, ...] = attrs.field(default=(), metadata=describe(
        "Places split by degree, field or unit, filled in order; none: one list.",
        "Chỉ tiêu theo trình độ, ngành, đơn vị."))
    priority: tuple[Selector, ...] = attrs.field(default=(), metadata=describe(
        "Groups served first, in order (leaders, planning pools), before the ranking.",
        "Nhóm được ưu tiên xét trước (lãnh đạo, quy hoạch)."))


TIE_BREAK_FACTS: Mapping[str, Text] = types.MappingProxyType({
    "younger_first": Text(vi="người trẻ hơn trước", en="younger first"),
    "older_first": Text(vi="người nhiều tuổi hơn trước", en="older first"),
    "longer_service_first": Text(vi="thời gian công tác dài hơn trước",
                                 en="longer service first"),
    "women_first": Text(vi="ưu tiên nữ", en="women first"),
})
"""Tie-breaks read from the record (an unknown birth date, service start or gender sorts
last); a criterion id also works (more points first)."""


@attrs.frozen(kw_only=True)
class SelectionScheme(Cited):
    """A training scheme: who may go, how candidates are ranked, how many places."""

    id: str = attrs.field(metadata=describe(
        "Identifier, e.g. vn.postgraduate-dispatch.", "Mã chương trình.",
        pattern=r"^[a-z0-9][a-z0-9.-]*$"))
    title: Text = attrs.field(metadata=describe("Title.", "Tên."))
    scope: tuple[Selector, ...] | None = attrs.field(default=None, metadata=describe(
        "Who may be a candidate at all (e.g. one province); absent means anyone.",
        "Phạm vi đối tượng."))
    regimes: tuple[Regime, ...] = attrs.field(metadata=describe(
        "Eligibility and commitment by period.", "Điều kiện theo từng thời kỳ.", minItems=1))
    criteria: tuple[Criterion, ...] = attrs.field(metadata=describe(
        "Scoring criteria, summed.", "Các tiêu chí chấm điểm.", minItems=1))
    scoring_confidence: Confidence = attrs.field(metadata=describe(
        "Confidence of the scoring (illustrative where no instrument sets one).",
        "Mức độ tin cậy của cách chấm điểm."))
    scoring_note: Text | None = attrs.field(default=None, metadata=describe(
        "Where the scoring comes from.", "Nguồn cách chấm điểm."))
    tie_breaks: tuple[str, ...] = attrs.field(default=(), metadata=describe(
        "After the score, in order: criterion ids (more points first) or younger_first, "
        "older_first, longer_service_first, women_first; the official id always comes last.",
        "Thứ tự ưu tiên khi bằng điểm; cuối cùng luôn là mã hồ sơ."))
    quota: Quota | None = attrs.field(default=None, metadata=describe(
        "Places.", "Chỉ tiêu."))

    def regime(self, day: dt.date) -> Regime:
        """The regime in force on ``day``."""
        for regime in self.regimes:
            if regime.in_force(day):
                return regime
        raise NoRegimeError(self, day)


class NoRegimeError(CompetencyError, LookupError):
    """No regime of a scheme governs the date asked for."""

    def __init__(self, scheme: SelectionScheme, day: dt.date) -> None:
        periods = "; ".join(f"{r.id}: {r.valid_from or '…'} → {r.valid_until or '…'}"
                            for r in scheme.regimes)
        super().__init__(f"{scheme.id}: no regime in force on {day.isoformat()} ({periods})")


UnknownSchemeError = UnknownItemError
"""Deprecated alias of :class:`~competency.errors.UnknownItemError`."""
