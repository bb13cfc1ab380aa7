"""A standard as data: who it applies to, when, its requirement tree and provisions.
"""

from __future__ import annotations

import datetime as dt

import attrs

from competency.law import Cited, LegalReference
from competency.model.selector import Selector
from competency.rules.nodes import Node, title_field
from competency.vocab import (
    Regime,
    StandardEvent,
    Text,
    describe,
)

__all__ = [
    "AppliesTo",
    "Standard",
    "TermLength",
    "TestedAt",
    "Transitional",
    "TransitionalTrigger",
]


# -- standards ----------------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class AppliesTo(Selector):
    """Who a standard applies to: a selector over the official and the post being checked,
    and the regimes it governs (``data/tables/regimes.yaml`` says which regime a post is under
    on a date); omitted keys match anyone."""

    regimes: tuple[Regime, ...] | None = attrs.field(default=None, metadata=describe(
        "Regimes governed: a rank standard governs the general regime only, so it never applies "
        "to a commune post before 2025-07-01, whatever rank code the record carries.",
        "Chế độ áp dụng."))


@attrs.frozen(kw_only=True)
class TermLength:
    """How long an appointment lasts, so when the next test (reappointment) falls due."""

    years: int = attrs.field(metadata=describe("Years.", "Số năm.", minimum=1, maximum=10))
    legal_basis: tuple[LegalReference, ...] = attrs.field(metadata=describe(
        "Citations.", "Căn cứ pháp lý.", minItems=1))


@attrs.frozen(kw_only=True)
class TestedAt:
    """When a standard tests a person, and why: an appointment standard is tested at the
    appointment and at each reappointment, not on every day of the term."""

    event: StandardEvent = attrs.field(metadata=describe("The event.", "Thời điểm xét."))
    term: TermLength | None = attrs.field(default=None, metadata=describe(
        "Term of an appointment: the next test is due at its end.", "Thời hạn bổ nhiệm."))
    legal_basis: tuple[LegalReference, ...] = attrs.field(metadata=describe(
        "Citations for the event.", "Căn cứ pháp lý.", minItems=1))
    note: Text | None = attrs.field(default=None, metadata=describe("Remarks.", "Ghi chú."))


@attrs.frozen(kw_only=True)
class TransitionalTrigger:
    """Who a transitional provision covers."""

    recruited_before: dt.date | None = attrs.field(default=None, metadata=describe(
        "Recruited before this date.", "Tuyển dụng trước ngày."))
    appointed_before: dt.date | None = attrs.field(default=None, metadata=describe(
        "Appointed to the post before this date.", "Bổ nhiệm trước ngày."))
    condition: Node | None = attrs.field(default=None, metadata=describe(
        "A requirement the official must meet to be covered (e.g. works in a disadvantaged area).",
        "Điều kiện để được áp dụng quy định chuyển tiếp."))


@attrs.frozen(kw_only=True)
class Transitional:
    """A window for incumbents: covered rules stay unmet but carry a deadline."""

    id: str = attrs.field(metadata=describe("Identifier.", "Mã điều khoản.",
                                            pattern=r"^[a-z0-9][a-z0-9-]*$"))
    title: Text | None = title_field()
    applies_when: TransitionalTrigger = attrs.field(metadata=describe(
        "Who is covered.", "Đối tượng áp dụng."))
    rules: tuple[str, ...] = attrs.field(metadata=describe(
        "Ids of the requirements covered.", "Các yêu cầu được áp dụng.", minItems=1))
    due: dt.date = attrs.field(metadata=describe("Deadline to comply.", "Thời hạn đáp ứng."))
    legal_basis: tuple[LegalReference, ...] = attrs.field(metadata=describe(
        "Citations.", "Căn cứ pháp lý.", minItems=1))


@attrs.frozen(kw_only=True)
class Standard(Cited):
    """A qualification standard (tiêu chuẩn): who, what, since when, under which instrument."""

    id: str = attrs.field(metadata=describe(
        "Identifier, e.g. vn.tt-13-2019-bnv.cong-chuc-xa.", "Mã tiêu chuẩn.",
        pattern=r"^[a-z0-9][a-z0-9.-]*$"))
    title: Text = attrs.field(metadata=describe("Title.", "Tên tiêu chuẩn."))
    subject: str = attrs.field(metadata=describe(
        "Succession key: standards with the same subject replace each other over time.",
        "Nhóm đối tượng dùng để nối các tiêu chuẩn kế tiếp nhau.", minLength=1))
    applies_to: AppliesTo = attrs.field(metadata=describe("Who it applies to.", "Phạm vi áp dụng."))
    valid_from: dt.date | None = attrs.field(metadata=describe(
        "First day in force (inclusive); null when unknown.", "Ngày bắt đầu áp dụng."))
    valid_until: dt.date | None = attrs.field(default=None, metadata=describe(
        "Last day in force (inclusive); absent while in force.", "Ngày cuối cùng áp dụng."))
    supersedes: tuple[str, ...] = attrs.field(default=(), metadata=describe(
        "Ids of the standards it replaces.", "Thay thế tiêu chuẩn."))
    requirements: Node = attrs.field(metadata=describe("The requirement tree.", "Các yêu cầu."))
    tested_at: TestedAt | None = attrs.field(default=None, metadata=describe(
        "The event at which the standard is tested; absent = continuously, while the post is held.",
        "Thời điểm xét tiêu chuẩn; không ghi = thường xuyên."))
    transitional: tuple[Transitional, ...] = attrs.field(default=(), metadata=describe(
        "Transitional provisions.", "Quy định chuyển tiếp."))

    @property
    def event(self) -> StandardEvent:
        """The event at which the standard is tested."""
        return StandardEvent.CONTINUOUS if self.tested_at is None else self.tested_at.event

    def in_force(self, day: dt.date) -> bool:
        """True when ``day`` is within the standard's period (an unknown start is open)."""
        return ((self.valid_from is None or self.valid_from <= day)
                and (self.valid_until is None or day <= self.valid_until))


for _cls in (TransitionalTrigger, Standard):
    attrs.resolve_types(_cls)
