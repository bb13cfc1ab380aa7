"""Training programmes (chương trình đào tạo, bồi dưỡng) and the training-quality bands.

A programme says which shortfalls it closes (an education level reached, a political-theory
level, a state-management programme, a language level, IT skill, or a competency at a level),
how long it lasts, how many participants a class takes, what it costs per participant and how
it is delivered. Unit costs are illustrative unless a source gives them.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Union

import attrs

from competency.law import Cited, Confidence, LegalReference
from competency.rules.nodes import CompetencyLevel, LanguageSpec
from competency.vocab import (
    CareerEventKind,
    EducationLevel,
    ITSkillLevel,
    PoliticalTheoryLevel,
    StateManagementProgramme,
    Term,
    Text,
    describe,
)

__all__ = [
    "ClassSize",
    "Closes",
    "ClosesCompetency",
    "ClosesEducation",
    "ClosesITSkill",
    "ClosesLanguage",
    "ClosesPoliticalTheory",
    "ClosesStateManagement",
    "ClosesTitle",
    "DeliveryMode",
    "Duration",
    "DurationUnit",
    "NeedSourceTable",
    "PoolRequirement",
    "Programme",
    "QualityBand",
    "QualityBandTable",
    "TitleProgramme",
]


class DeliveryMode(Term):
    """Hình thức tổ chức lớp."""

    IN_PERSON = ("in_person", "Tập trung, trực tiếp", "In person", ("truc tiep", "tap trung"))
    ONLINE = ("online", "Trực tuyến", "Online", ("truc tuyen",))
    HYBRID = ("hybrid", "Kết hợp trực tiếp và trực tuyến", "Hybrid", ("ket hop",))


class DurationUnit(enum.Enum):
    """Unit of a programme's length."""

    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"


_UNIT_TEXT = {DurationUnit.DAYS: ("ngày", "days"), DurationUnit.WEEKS: ("tuần", "weeks"),
              DurationUnit.MONTHS: ("tháng", "months"), DurationUnit.YEARS: ("năm", "years")}


@attrs.frozen(kw_only=True)
class Duration:
    """Length of a programme."""

    amount: float = attrs.field(metadata=describe("How many units.", "Số lượng.",
                                                  exclusiveMinimum=0))
    unit: DurationUnit = attrs.field(metadata=describe("days, weeks, months or years.",
                                                       "Đơn vị thời gian."))

    def text(self, lang: str = "vi") -> str:
        """``4 tuần`` / ``4 weeks``."""
        amount = int(self.amount) if float(self.amount).is_integer() else self.amount
        return f"{amount} {_UNIT_TEXT[self.unit][0 if lang == 'vi' else 1]}"


@attrs.frozen(kw_only=True)
class ClassSize:
    """Participants per class."""

    min: int = attrs.field(metadata=describe(
        "Fewest participants for a class to open.", "Số học viên tối thiểu để mở lớp.", minimum=1))
    max: int = attrs.field(metadata=describe(
        "Most participants per class.", "Số học viên tối đa mỗi lớp.", minimum=1))


# What a programme closes: a keyed union, one kind key per member (like rule nodes).

@attrs.frozen(kw_only=True)
class ClosesEducation:
    """Brings participants to an education level."""

    education: EducationLevel = attrs.field(metadata=describe(
        "Education level reached.", "Trình độ chuyên môn đạt được."))


@attrs.frozen(kw_only=True)
class ClosesPoliticalTheory:
    """Brings participants to a political-theory level."""

    political_theory: PoliticalTheoryLevel = attrs.field(metadata=describe(
        "Political-theory level reached.", "Trình độ lý luận chính trị đạt được."))


@attrs.frozen(kw_only=True)
class ClosesStateManagement:
    """Is (or counts as) a state-management programme."""

    state_management: StateManagementProgramme = attrs.field(metadata=describe(
        "State-management programme completed.", "Chương trình bồi dưỡng QLNN."))


@attrs.frozen(kw_only=True)
class ClosesLanguage:
    """Brings participants to a language level."""

    language: LanguageSpec = attrs.field(metadata=describe(
        "Level reached (and language taught; absent = counts for any foreign language).",
        "Bậc ngoại ngữ đạt được."))


@attrs.frozen(kw_only=True)
class ClosesITSkill:
    """Brings participants to an IT-skill level."""

    it_skill: ITSkillLevel = attrs.field(metadata=describe("IT-skill level reached.",
                                                           "Trình độ tin học đạt được."))


@attrs.frozen(kw_only=True)
class ClosesCompetency:
    """Brings participants to a level of a framework competency."""

    competency: CompetencyLevel = attrs.field(metadata=describe(
        "Competency and the level expected after the programme.",
        "Năng lực và cấp độ đạt được."))


@attrs.frozen(kw_only=True)
class ClosesTitle:
    """Is the fostering a title's standards call for (bồi dưỡng theo tiêu chuẩn chức danh)."""

    title: str = attrs.field(metadata=describe(
        "Title code (data/titles.yaml) whose title-based training the programme gives.",
        "Mã chức danh được bồi dưỡng theo tiêu chuẩn.", minLength=1))


Closes = Union[  # noqa: UP007  (a runtime union that cattrs and the schema generator read)
    ClosesEducation, ClosesPoliticalTheory, ClosesStateManagement, ClosesLanguage, ClosesITSkill,
    ClosesCompetency, ClosesTitle,
]


@attrs.frozen(kw_only=True)
class Programme(Cited):
    """Chương trình đào tạo, bồi dưỡng: what it closes, length, class size, cost."""

    id: str = attrs.field(metadata=describe(
        "Identifier, e.g. vn.minh-hoa.dai-hoc-vua-lam-vua-hoc.", "Mã chương trình.",
        pattern=r"^[a-z0-9][a-z0-9.-]*$"))
    name: Text = attrs.field(metadata=describe("Name.", "Tên chương trình."))
    closes: tuple[Closes, ...] = attrs.field(metadata=describe(
        "Shortfalls the programme closes.", "Nhu cầu chương trình đáp ứng.", minItems=1))
    duration: Duration = attrs.field(metadata=describe("Length.", "Thời gian đào tạo."))
    class_size: ClassSize = attrs.field(metadata=describe("Participants per class.",
                                                          "Quy mô lớp."))
    unit_cost: int = attrs.field(metadata=describe(
        "Cost per participant in VND.", "Kinh phí cho mỗi học viên (đồng).", minimum=0))
    cost_confidence: Confidence = attrs.field(metadata=describe(
        "How sure the unit cost is; illustrative unless a source gives it.",
        "Mức độ tin cậy của đơn giá."))
    delivery: DeliveryMode = attrs.field(metadata=describe("How classes are held.",
                                                           "Hình thức tổ chức."))
    abroad: bool = attrs.field(default=False, metadata=describe(
        "Held abroad.", "Đào tạo, bồi dưỡng ở nước ngoài."))
    provider: str | None = attrs.field(default=None, metadata=describe(
        "Training institution.", "Cơ sở đào tạo, bồi dưỡng."))
    legal_basis: tuple[LegalReference, ...] = attrs.field(default=(), metadata=describe(
        "Instruments that require or regulate the programme.", "Căn cứ pháp lý."))


@attrs.frozen(kw_only=True)
class QualityBand:
    """One band of the general evaluation index: lower bound inclusive, upper exclusive."""

    code: str = attrs.field(metadata=describe("Band code.", "Mã mức.", pattern=r"^[a-z_]+$"))
    name: Text = attrs.field(metadata=describe("Name.", "Tên mức."))
    min: float = attrs.field(metadata=describe("Lowest index (inclusive).", "Từ (bao gồm).",
                                               minimum=0, maximum=10))
    below: float | None = attrs.field(default=None, metadata=describe(
        "Upper bound (exclusive); absent for the top band (up to 10 inclusive).",
        "Đến dưới; để trống với mức cao nhất."))


@attrs.frozen(kw_only=True)
class QualityBandTable:
    """Bands of the training-quality index (0–10), with the instrument that sets them."""

    legal_basis: tuple[LegalReference, ...] = attrs.field(metadata=describe(
        "Citations.", "Căn cứ pháp lý.", minItems=1))
    confidence: Confidence = attrs.field(metadata=describe("How sure the table is.",
                                                           "Mức độ tin cậy."))
    note: Text | None = attrs.field(default=None, metadata=describe("Remarks.", "Ghi chú."))
    bands: tuple[QualityBand, ...] = attrs.field(metadata=describe(
        "Bands, lowest first.", "Các mức, từ thấp đến cao.", minItems=1))
    review_below: str | None = attrs.field(default=None, metadata=describe(
        "Band code: a programme whose classes rate below it is reported for review in the "
        "next plan.", "Mức dưới đó chương trình được đề nghị xem lại khi lập kế hoạch."))

    def band(self, index: float) -> QualityBand:
        """The band an index on the 0–10 scale falls in."""
        if not 0 <= index <= 10:
            msg = f"a quality index is on the 0–10 scale, got {index}"
            raise ValueError(msg)
        for band in self.bands:
            if band.min <= index and (band.below is None or index < band.below):
                return band
        msg = f"no band covers {index}"
        raise ValueError(msg)

    def cite(self, lang: str | None = None) -> str:
        """The citations, with the confidence flag (its label in ``lang`` when given)."""
        text = "; ".join(c.cite(lang) for c in self.legal_basis)
        flag = f"[{self.confidence.label(lang) if lang else self.confidence.value}]"
        return text if self.confidence is Confidence.CONFIRMED or flag in text else f"{text} {flag}"




@attrs.frozen(kw_only=True)
class _NeedRule:
    """What every need rule states: its id, when it applies (from its instrument's effective
    date, so that no rule calls for training before the law that asks for it), its
    citations and how sure it is."""

    id: str = attrs.field(metadata=describe("Rule id.", "Mã quy định.",
                                            pattern=r"^[a-z0-9][a-z0-9.-]*$"))
    valid_from: dt.date = attrs.field(metadata=describe(
        "First day the rule applies (its instrument's effective date).", "Áp dụng từ ngày."))
    valid_until: dt.date | None = attrs.field(default=None, metadata=describe(
        "Last day (inclusive); absent = still in force.", "Đến ngày."))
    legal_basis: tuple[LegalReference, ...] = attrs.field(metadata=describe(
        "Citations.", "Căn cứ pháp lý.", minItems=1))
    confidence: Confidence = attrs.field(metadata=describe("How sure the rule is.",
                                                           "Mức độ tin cậy."))
    note: Text | None = attrs.field(default=None, metadata=describe("Remarks.", "Ghi chú."))

    def in_force(self, day: dt.date) -> bool:
        """Whether the rule applies on ``day``."""
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


@attrs.frozen(kw_only=True)
class TitleProgramme(_NeedRule):
    """A title that calls for its own fostering within a period after the post is taken."""

    titles: tuple[str, ...] = attrs.field(metadata=describe(
        "Title codes the rule applies to.", "Các mã chức danh áp dụng.", minItems=1))
    events: tuple[CareerEventKind, ...] = attrs.field(metadata=describe(
        "How the post is taken (election, appointment…): the period runs from the latest.",
        "Sự kiện tính thời hạn (bầu cử, bổ nhiệm…).", minItems=1))
    programme: Text = attrs.field(metadata=describe(
        "The fostering required.", "Chương trình bồi dưỡng phải hoàn thành."))
    accepted: tuple[str, ...] = attrs.field(default=(), metadata=describe(
        "Programme codes in a record that show it done.", "Mã khóa học được công nhận."))
    within: Duration = attrs.field(metadata=describe(
        "Period after taking the post.", "Thời hạn kể từ khi nhận chức danh."))


@attrs.frozen(kw_only=True)
class PoolRequirement(_NeedRule):
    """Quy hoạch: the political theory a member of a planning pool is to reach before appointment."""

    titles: tuple[str, ...] = attrs.field(metadata=describe(
        "Planned posts (title codes).", "Chức danh quy hoạch.", minItems=1))
    political_theory: PoliticalTheoryLevel = attrs.field(metadata=describe(
        "Level to reach before appointment.", "Trình độ lý luận chính trị cần đạt."))


@attrs.frozen(kw_only=True)
class NeedSourceTable:
    """Training needs that come from a post or a planning pool rather than an unmet standard."""

    confidence: Confidence = attrs.field(metadata=describe("How sure the table is.",
                                                           "Mức độ tin cậy."))
    note: Text | None = attrs.field(default=None, metadata=describe("Remarks.", "Ghi chú."))
    titles: tuple[TitleProgramme, ...] = attrs.field(default=(), metadata=describe(
        "Title-based training (bồi dưỡng theo tiêu chuẩn chức danh).",
        "Bồi dưỡng theo tiêu chuẩn chức danh."))
    planning: tuple[PoolRequirement, ...] = attrs.field(default=(), metadata=describe(
        "What planning pools call for before appointment.", "Yêu cầu đối với người trong quy hoạch."))
