"""Lookup tables the rules read: retirement ages, political-theory and language equivalences.

They are law (or, for language certificates, a common correspondence) and so they are
data with their citations, loaded from ``data/tables/``.
"""

from __future__ import annotations

import calendar
import datetime as dt

import attrs

from competency.law import Confidence, LegalReference
from competency.model.official import LanguageSkill, PoliticalTheory
from competency.vocab import (
    AdministrativeLevel,
    Gender,
    LanguageLevel,
    PoliticalTheoryDiploma,
    PoliticalTheoryLevel,
    Regime,
    Term,
    Text,
    describe,
)

__all__ = [
    "CertificateScale",
    "Equivalence",
    "LanguageCertificateTable",
    "PoliticalTheoryTable",
    "RegimePeriod",
    "RegimeTable",
    "RetirementAgeRow",
    "RetirementAgeTable",
    "ScoreThreshold",
    "Tables",
    "TermPeriod",
    "TermPeriodTable",
    "add_months",
]

_BASIS = describe("Citations.", "Căn cứ pháp lý.", minItems=1)
_CONFIDENCE = describe("How sure the table is.", "Mức độ tin cậy.")
_NOTE = describe("Remarks.", "Ghi chú.")


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@attrs.frozen(kw_only=True)
class RetirementAgeRow:
    """Statutory retirement age for one gender and birth period."""

    gender: Gender = attrs.field(metadata=describe("Gender.", "Giới tính."))
    born_from: dt.date | None = attrs.field(default=None, metadata=describe(
        "First birth date of the period (inclusive); absent = open.", "Sinh từ ngày."))
    born_until: dt.date | None = attrs.field(default=None, metadata=describe(
        "Last birth date of the period (inclusive); absent = open.", "Sinh đến ngày."))
    years: int = attrs.field(metadata=describe("Age: years.", "Tuổi: năm.", minimum=0))
    months: int = attrs.field(default=0, metadata=describe(
        "Age: additional months.", "Tuổi: tháng.", minimum=0, maximum=11))

    def covers(self, birth_date: dt.date, gender: Gender) -> bool:
        """True when the row is the one for this birth date and gender."""
        return (gender is self.gender
                and (self.born_from is None or self.born_from <= birth_date)
                and (self.born_until is None or birth_date <= self.born_until))


@attrs.frozen(kw_only=True)
class RetirementAgeTable:
    """Retirement age in normal working conditions, by gender and birth period."""

    legal_basis: tuple[LegalReference, ...] = attrs.field(metadata=_BASIS)
    confidence: Confidence = attrs.field(metadata=_CONFIDENCE)
    note: Text | None = attrs.field(default=None, metadata=_NOTE)
    schedule: tuple[RetirementAgeRow, ...] = attrs.field(metadata=describe(
        "Rows by gender and birth period.", "Lộ trình tuổi nghỉ hưu.", minItems=1))

    def retirement_date(self, birth_date: dt.date, gender: Gender) -> dt.date | None:
        """The day the statutory retirement age is reached, or None outside the table."""
        for row in self.schedule:
            if row.covers(birth_date, gender):
                return add_months(birth_date, row.years * 12 + row.months)
        return None


@attrs.frozen(kw_only=True)
class Equivalence:
    """A political-theory diploma and the level it counts as."""

    diploma: PoliticalTheoryDiploma = attrs.field(metadata=describe("Diploma.", "Văn bằng."))
    level: PoliticalTheoryLevel = attrs.field(metadata=describe(
        "Level it counts as.", "Được tính là trình độ."))


@attrs.frozen(kw_only=True)
class PoliticalTheoryTable:
    """Which level each political-theory diploma or confirmation counts as."""

    legal_basis: tuple[LegalReference, ...] = attrs.field(metadata=_BASIS)
    confidence: Confidence = attrs.field(metadata=_CONFIDENCE)
    note: Text | None = attrs.field(default=None, metadata=_NOTE)
    equivalences: tuple[Equivalence, ...] = attrs.field(metadata=describe(
        "Diploma → level.", "Văn bằng → trình độ.", minItems=1))

    def level(self, held: PoliticalTheory) -> PoliticalTheoryLevel | None:
        """The level a diploma counts as, or None when the table does not list it."""
        for row in self.equivalences:
            if row.diploma is held.diploma:
                return row.level
        return None


@attrs.frozen(kw_only=True)
class ScoreThreshold:
    """A minimum score and the level it corresponds to."""

    min_score: float = attrs.field(metadata=describe("Minimum score.", "Điểm tối thiểu.", minimum=0))
    level: LanguageLevel = attrs.field(metadata=describe("Level.", "Bậc."))


@attrs.frozen(kw_only=True)
class CertificateScale:
    """Thresholds of one certificate (IELTS, TOEIC, …)."""

    name: str = attrs.field(metadata=describe("Certificate name.", "Tên chứng chỉ.", minLength=1))
    thresholds: tuple[ScoreThreshold, ...] = attrs.field(metadata=describe(
        "Score thresholds.", "Ngưỡng điểm.", minItems=1))


@attrs.frozen(kw_only=True)
class LanguageCertificateTable:
    """Correspondence of international certificates to the six-level framework."""

    legal_basis: tuple[LegalReference, ...] = attrs.field(metadata=_BASIS)
    confidence: Confidence = attrs.field(metadata=_CONFIDENCE)
    note: Text | None = attrs.field(default=None, metadata=_NOTE)
    certificates: tuple[CertificateScale, ...] = attrs.field(metadata=describe(
        "Certificates.", "Chứng chỉ.", minItems=1))

    def level(self, skill: LanguageSkill) -> LanguageLevel | None:
        """The recorded level, else the level the certificate score corresponds to."""
        if skill.level is not None:
            return skill.level
        if skill.certificate is None or skill.score is None:
            return None
        name = skill.certificate.strip().casefold()
        for scale in self.certificates:
            if scale.name.casefold() == name:
                reached = [t.level for t in scale.thresholds if skill.score >= t.min_score]
                return max(reached) if reached else None
        return None


@attrs.frozen(kw_only=True)
class TermPeriod:
    """When a vocabulary member exists in law (e.g. the district level, a new rank)."""

    vocabulary: str = attrs.field(metadata=describe(
        "Vocabulary name, e.g. AdministrativeLevel.", "Tên danh mục.", minLength=1))
    code: str = attrs.field(metadata=describe("Member code.", "Mã.", minLength=1))
    valid_from: dt.date | None = attrs.field(default=None, metadata=describe(
        "First day it exists (inclusive); absent = before any date of interest.", "Từ ngày."))
    valid_until: dt.date | None = attrs.field(default=None, metadata=describe(
        "Last day it exists (inclusive); absent = still exists.", "Đến ngày."))
    legal_basis: tuple[LegalReference, ...] = attrs.field(metadata=_BASIS)
    note: Text | None = attrs.field(default=None, metadata=_NOTE)


@attrs.frozen(kw_only=True)
class TermPeriodTable:
    """Vocabulary members that exist only for part of the time."""

    confidence: Confidence = attrs.field(metadata=_CONFIDENCE)
    periods: tuple[TermPeriod, ...] = attrs.field(metadata=describe(
        "Periods.", "Thời kỳ.", minItems=1))

    def period(self, member: Term) -> TermPeriod | None:
        """The period of a member, or None when it has always existed."""
        for row in self.periods:
            if row.vocabulary == type(member).__name__ and row.code == member.code:
                return row
        return None


@attrs.frozen(kw_only=True)
class RegimePeriod:
    """Posts at these levels fall under ``regime`` during the period."""

    regime: Regime = attrs.field(metadata=describe("The regime.", "Chế độ."))
    levels: tuple[AdministrativeLevel, ...] = attrs.field(metadata=describe(
        "Administrative levels of the post's unit.", "Cấp hành chính của đơn vị.", minItems=1))
    valid_from: dt.date | None = attrs.field(default=None, metadata=describe(
        "First day (inclusive); absent = before any date of interest.", "Từ ngày."))
    valid_until: dt.date | None = attrs.field(default=None, metadata=describe(
        "Last day (inclusive); absent = still in force.", "Đến ngày."))
    legal_basis: tuple[LegalReference, ...] = attrs.field(metadata=_BASIS)
    note: Text | None = attrs.field(default=None, metadata=_NOTE)

    def covers(self, level: AdministrativeLevel, day: dt.date) -> bool:
        """True when a post at ``level`` on ``day`` falls under this period's regime."""
        return (level in self.levels and (self.valid_from is None or self.valid_from <= day)
                and (self.valid_until is None or day <= self.valid_until))


@attrs.frozen(kw_only=True)
class RegimeTable:
    """Which regime governs a post on a date: the first period that covers it, else the default."""

    confidence: Confidence = attrs.field(metadata=_CONFIDENCE)
    default: Regime = attrs.field(metadata=describe(
        "The regime of every post no period covers.", "Chế độ áp dụng cho các trường hợp khác."))
    default_basis: tuple[LegalReference, ...] = attrs.field(metadata=_BASIS)
    periods: tuple[RegimePeriod, ...] = attrs.field(metadata=describe(
        "Periods.", "Thời kỳ.", minItems=1))

    def regime(self, level: AdministrativeLevel | None, day: dt.date) -> Regime | None:
        """The regime of a post at ``level`` on ``day``; None when the level is unknown."""
        if level is None:
            return None
        for period in self.periods:
            if period.covers(level, day):
                return period.regime
        return self.default


@attrs.frozen(kw_only=True)
class Tables:
    """All lookup tables together, as the evaluator receives them."""

    retirement: RetirementAgeTable
    political_theory: PoliticalTheoryTable
    languages: LanguageCertificateTable
    term_periods: TermPeriodTable
    regimes: RegimeTable
