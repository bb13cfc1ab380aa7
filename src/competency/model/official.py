"""An official's record as frozen attrs classes.

Unknown is not none: a field that is ``None`` means the record does not say; an empty
tuple means the record says there is nothing (no foreign language, no training).
Rules evaluate the first as ``unknown`` and the second as a plain fact.
"""

from __future__ import annotations

import datetime as dt

import attrs

from competency.vocab import (
    AdministrativeLevel,
    AreaType,
    CareerEventKind,
    CommuneKind,
    EducationLevel,
    Gender,
    ITSkillLevel,
    LanguageLevel,
    PerformanceRating,
    PersonnelCategory,
    PoliticalTheoryDiploma,
    StateManagementProgramme,
    UnitClass,
    describe,
)

__all__ = [
    "Assignment",
    "CareerEvent",
    "Education",
    "ITSkill",
    "LanguageSkill",
    "Official",
    "PlanningPool",
    "PoliticalTheory",
    "Position",
    "Rating",
    "RecordedFact",
    "StateManagementCertificate",
    "TrainingRecord",
    "Unit",
]

_AWARDED = describe("Date the diploma or certificate was awarded; unknown if absent.",
                    "Ngày cấp văn bằng, chứng chỉ.")


def _awarded() -> dt.date | None:
    return attrs.field(default=None, metadata=_AWARDED)


@attrs.frozen(kw_only=True)
class Unit:
    """Đơn vị: the agency or local government an official works in."""

    id: str | None = attrs.field(default=None, metadata=describe(
        "Unit identifier in the source system.", "Mã đơn vị trong hệ thống nguồn."))
    name: str | None = attrs.field(default=None, metadata=describe(
        "Unit name, e.g. Xã An Hiệp.", "Tên đơn vị."))
    level: AdministrativeLevel | None = attrs.field(default=None, metadata=describe(
        "Administrative level.", "Cấp hành chính."))
    province_code: str | None = attrs.field(default=None, metadata=describe(
        "Province code (mã tỉnh) of the national list of administrative units.", "Mã tỉnh.",
        pattern=r"^[0-9]{2}$"))
    district_code: str | None = attrs.field(default=None, metadata=describe(
        "District code (mã huyện), for dates before two-level local government.", "Mã huyện.",
        pattern=r"^[0-9]{3}$"))
    commune_code: str | None = attrs.field(default=None, metadata=describe(
        "Commune code (mã xã).", "Mã xã.", pattern=r"^[0-9]{5}$"))
    disadvantaged_area: bool | None = attrs.field(default=None, metadata=describe(
        "Whether the unit is in a mountainous, island, ethnic-minority or especially difficult area.",
        "Đơn vị thuộc vùng miền núi, hải đảo, dân tộc thiểu số, đặc biệt khó khăn."))
    area_types: tuple[AreaType, ...] | None = attrs.field(default=None, metadata=describe(
        "Which kinds of disadvantaged area apply.", "Loại vùng khó khăn."))
    commune_kind: CommuneKind | None = attrs.field(default=None, metadata=describe(
        "For a commune-level unit: ward, commune or commune-level town.", "Phường, xã, thị trấn."))
    unit_class: UnitClass | None = attrs.field(default=None, metadata=describe(
        "Classification of the administrative unit (type I, II or III).",
        "Phân loại đơn vị hành chính (loại I, II, III)."))


@attrs.frozen(kw_only=True)
class Assignment:
    """Chức vụ, chức danh: a post held, with its rank and dates."""

    title: str = attrs.field(metadata=describe(
        "Position or title code, e.g. cc_xa.tu_phap_ho_tich or giam_doc_so.",
        "Mã chức vụ, chức danh.", minLength=1))
    rank: str | None = attrs.field(default=None, metadata=describe(
        "Rank code (mã ngạch), e.g. 01.003.", "Mã ngạch.", minLength=1))
    unit: Unit | None = attrs.field(default=None, metadata=describe(
        "Unit of this post when it differs from the official's unit.", "Đơn vị của chức vụ."))
    start: dt.date | None = attrs.field(default=None, metadata=describe(
        "Start of the assignment.", "Ngày bắt đầu giữ chức vụ."))
    end: dt.date | None = attrs.field(default=None, metadata=describe(
        "End of the assignment; absent while current.", "Ngày thôi giữ chức vụ."))
    first_appointed: dt.date | None = attrs.field(default=None, metadata=describe(
        "Date first appointed to this title (age rules count from it).",
        "Ngày bổ nhiệm lần đầu vào chức vụ."))
    leadership: bool | None = attrs.field(default=None, metadata=describe(
        "Whether the post is a leadership or management post.", "Chức vụ lãnh đạo, quản lý."))
    international: bool | None = attrs.field(default=None, metadata=describe(
        "Whether the post involves international relations work.", "Công tác đối ngoại."))
    job_position: str | None = attrs.field(default=None, metadata=describe(
        "Job position (vị trí việc làm) the post is placed in, by code or name.",
        "Vị trí việc làm được bố trí.", minLength=1))
    placed_in_job_position: bool | None = attrs.field(default=None, metadata=describe(
        "Whether the post has been placed in an approved job position and its rank; a "
        "job_position given counts as placed.", "Đã bố trí vào vị trí việc làm và ngạch."))

    def current_on(self, day: dt.date) -> bool:
        """True when the assignment covers ``day`` (unknown start counts as covering)."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@attrs.frozen(kw_only=True)
class Position:
    """A post to check a person against (vị trí): title, rank and the level of its unit."""

    title: str = attrs.field(metadata=describe("Position or title code.", "Mã chức danh.",
                                               minLength=1))
    rank: str | None = attrs.field(default=None, metadata=describe("Rank code.", "Mã ngạch."))
    unit: Unit | None = attrs.field(default=None, metadata=describe("Unit of the post.", "Đơn vị."))

    def as_assignment(self, official_unit: Unit | None,
                      appointed: dt.date | None = None) -> Assignment:
        """The assignment the official would hold (their own unit unless the post names one),
        appointed on ``appointed``: a post checked as of a date is a prospective appointment."""
        return Assignment(title=self.title, rank=self.rank, unit=self.unit or official_unit,
                          start=appointed, first_appointed=appointed)


@attrs.frozen(kw_only=True)
class Education:
    """Trình độ chuyên môn: one diploma."""

    level: EducationLevel = attrs.field(metadata=describe("Education level.", "Trình độ."))
    field: str | None = attrs.field(default=None, metadata=describe(
        "Field of study (chuyên ngành), as written on the diploma.", "Chuyên ngành đào tạo."))
    institution: str | None = attrs.field(default=None, metadata=describe(
        "Awarding institution.", "Cơ sở đào tạo."))
    awarded_on: dt.date | None = _awarded()
    abroad: bool | None = attrs.field(default=None, metadata=describe(
        "Whether the degree was earned abroad.", "Đào tạo ở nước ngoài."))


@attrs.frozen(kw_only=True)
class PoliticalTheory:
    """Lý luận chính trị: one diploma or equivalence confirmation."""

    diploma: PoliticalTheoryDiploma = attrs.field(metadata=describe(
        "Diploma or confirmation held.", "Văn bằng, giấy xác nhận."))
    awarded_on: dt.date | None = _awarded()


@attrs.frozen(kw_only=True)
class LanguageSkill:
    """Ngoại ngữ: a language with its level on the six-level framework or a certificate."""

    language: str = attrs.field(metadata=describe(
        "ISO 639-1 code, e.g. en, fr, zh; or the name of an ethnic-minority language.",
        "Ngôn ngữ.", minLength=1))
    level: LanguageLevel | None = attrs.field(default=None, metadata=describe(
        "Level on the six-level framework.", "Bậc năng lực ngoại ngữ."))
    certificate: str | None = attrs.field(default=None, metadata=describe(
        "Certificate name, e.g. IELTS, TOEIC, VSTEP.", "Tên chứng chỉ."))
    score: float | None = attrs.field(default=None, metadata=describe(
        "Certificate score, e.g. 6.5 for IELTS.", "Điểm chứng chỉ.", minimum=0))
    awarded_on: dt.date | None = _awarded()


@attrs.frozen(kw_only=True)
class ITSkill:
    """Tin học: IT-skill standard reached."""

    level: ITSkillLevel = attrs.field(metadata=describe("IT-skill level.", "Trình độ tin học."))
    certificate: str | None = attrs.field(default=None, metadata=describe(
        "Certificate name.", "Tên chứng chỉ."))
    awarded_on: dt.date | None = _awarded()


@attrs.frozen(kw_only=True)
class StateManagementCertificate:
    """Quản lý nhà nước: a state-management programme completed."""

    programme: StateManagementProgramme = attrs.field(metadata=describe(
        "Programme completed.", "Chương trình bồi dưỡng."))
    awarded_on: dt.date | None = _awarded()


@attrs.frozen(kw_only=True)
class TrainingRecord:
    """Đào tạo, bồi dưỡng: a course attended."""

    programme: str = attrs.field(metadata=describe(
        "Programme identifier.", "Mã chương trình.", minLength=1))
    name: str | None = attrs.field(default=None, metadata=describe(
        "Programme name.", "Tên chương trình."))
    start: dt.date | None = attrs.field(default=None, metadata=describe(
        "First day.", "Ngày bắt đầu."))
    end: dt.date | None = attrs.field(default=None, metadata=describe(
        "Last day.", "Ngày kết thúc."))
    abroad: bool | None = attrs.field(default=None, metadata=describe(
        "Held abroad.", "Đào tạo ở nước ngoài."))
    country: str | None = attrs.field(default=None, metadata=describe(
        "ISO 3166-1 alpha-2 country code when abroad.", "Quốc gia.", pattern=r"^[A-Z]{2}$"))
    completed: bool | None = attrs.field(default=None, metadata=describe(
        "Whether the course was completed.", "Đã hoàn thành."))
    result: str | None = attrs.field(default=None, metadata=describe(
        "Result as recorded (grade or score).", "Kết quả."))
    periods: int | None = attrs.field(default=None, metadata=describe(
        "Length in periods (tiết; a day is 8 periods).", "Số tiết.", minimum=0))


@attrs.frozen(kw_only=True)
class Rating:
    """Xếp loại: the annual performance rating for one year."""

    year: int = attrs.field(metadata=describe("Year rated.", "Năm đánh giá.",
                                              minimum=1945, maximum=2100))
    rating: PerformanceRating = attrs.field(metadata=describe("Rating.", "Mức xếp loại."))


@attrs.frozen(kw_only=True)
class PlanningPool:
    """Quy hoạch: inclusion in the planning pool for a post and term."""

    title: str = attrs.field(metadata=describe(
        "Post planned for.", "Chức danh quy hoạch.", minLength=1))
    term: str | None = attrs.field(default=None, metadata=describe(
        "Term, e.g. 2025-2030.", "Nhiệm kỳ.", pattern=r"^[0-9]{4}-[0-9]{4}$"))
    level: AdministrativeLevel | None = attrs.field(default=None, metadata=describe(
        "Level of the planned post.", "Cấp quy hoạch."))


@attrs.frozen(kw_only=True)
class CareerEvent:
    """Một sự kiện trong quá trình công tác: recruitment, election, appointment, reappointment,
    planning, transfer, rotation, secondment, rank placement, resignation or retirement, dated.

    Standards tested at an event (appointment, reappointment) read these dates; the groups of
    the national database (Decree 27/2026/NĐ-CP) record the same events."""

    kind: CareerEventKind = attrs.field(metadata=describe("What happened.", "Loại sự kiện."))
    on: dt.date = attrs.field(metadata=describe(
        "Effective date of the decision.", "Ngày có hiệu lực của quyết định."))
    title: str | None = attrs.field(default=None, metadata=describe(
        "Post concerned (title code), when the event concerns a post.", "Chức vụ, chức danh.",
        minLength=1))
    rank: str | None = attrs.field(default=None, metadata=describe(
        "Rank concerned (rank code), for a rank placement.", "Mã ngạch.", minLength=1))
    term_end: dt.date | None = attrs.field(default=None, metadata=describe(
        "Last day of the term the appointment is for, when the decision states it.",
        "Ngày hết thời hạn bổ nhiệm."))
    decision: str | None = attrs.field(default=None, metadata=describe(
        "Number of the decision.", "Số quyết định."))


@attrs.frozen(kw_only=True)
class RecordedFact:
    """A fact the record states about the person (a code of ``data/facts.yaml``), true or
    false, as checked on a date: what the personnel file holds and no field models."""

    code: str = attrs.field(metadata=describe(
        "Fact code (data/facts.yaml).", "Mã thông tin.", pattern=r"^[a-z][a-z0-9_]*$"))
    value: bool = attrs.field(metadata=describe("Whether it holds.", "Đúng hay không."))
    on: dt.date | None = attrs.field(default=None, metadata=describe(
        "Date it was checked; a later check replaces an earlier one.", "Ngày xác nhận."))


@attrs.frozen(kw_only=True)
class Official:
    """Hồ sơ cán bộ, công chức, viên chức: everything the rules read about one person."""

    id: str = attrs.field(metadata=describe(
        "Identifier in the source system; the only identity reports show.",
        "Mã hồ sơ.", minLength=1))
    full_name: str | None = attrs.field(default=None, metadata=describe(
        "Full name.", "Họ và tên.", pii=True))
    birth_date: dt.date | None = attrs.field(default=None, metadata=describe(
        "Date of birth.", "Ngày sinh.", pii=True))
    gender: Gender | None = attrs.field(default=None, metadata=describe(
        "Gender.", "Giới tính.", pii=True))
    ethnicity: str | None = attrs.field(default=None, metadata=describe(
        "Ethnic group (dân tộc), e.g. Kinh, Tày, Khmer.", "Dân tộc.", pii=True))
    national_id: str | None = attrs.field(default=None, metadata=describe(
        "Citizen identity number (CCCD); never shown in reports.", "Số định danh cá nhân.",
        pii=True))
    category: PersonnelCategory | None = attrs.field(default=None, metadata=describe(
        "Personnel category.", "Đối tượng: cán bộ, công chức, viên chức."))
    recruited_on: dt.date | None = attrs.field(default=None, metadata=describe(
        "Date recruited into the current category (transitional provisions read it).",
        "Ngày tuyển dụng."))
    service_start: dt.date | None = attrs.field(default=None, metadata=describe(
        "Start of public service counted for years of service.", "Ngày bắt đầu công tác."))
    unit: Unit | None = attrs.field(default=None, metadata=describe(
        "Unit the official works in.", "Đơn vị công tác."))
    assignments: tuple[Assignment, ...] | None = attrs.field(default=None, metadata=describe(
        "Posts held, current and past.", "Chức vụ, chức danh."))
    high_school: bool | None = attrs.field(default=None, metadata=describe(
        "Finished upper-secondary school (tốt nghiệp THPT).", "Tốt nghiệp trung học phổ thông."))
    education: tuple[Education, ...] | None = attrs.field(default=None, metadata=describe(
        "Diplomas; an empty list records none.", "Trình độ chuyên môn."))
    political_theory: tuple[PoliticalTheory, ...] | None = attrs.field(default=None, metadata=describe(
        "Political-theory diplomas; an empty list records none.", "Lý luận chính trị."))
    languages: tuple[LanguageSkill, ...] | None = attrs.field(default=None, metadata=describe(
        "Foreign and ethnic languages; an empty list records none.", "Ngoại ngữ."))
    it_skills: tuple[ITSkill, ...] | None = attrs.field(default=None, metadata=describe(
        "IT-skill certificates; an empty list records none.", "Tin học."))
    state_management: tuple[StateManagementCertificate, ...] | None = attrs.field(
        default=None, metadata=describe(
            "State-management programmes completed; an empty list records none.",
            "Quản lý nhà nước."))
    training: tuple[TrainingRecord, ...] | None = attrs.field(default=None, metadata=describe(
        "Courses attended.", "Quá trình đào tạo, bồi dưỡng."))
    ratings: tuple[Rating, ...] | None = attrs.field(default=None, metadata=describe(
        "Annual performance ratings.", "Kết quả đánh giá, xếp loại hằng năm."))
    planning_pools: tuple[PlanningPool, ...] | None = attrs.field(default=None, metadata=describe(
        "Planning pools (quy hoạch) the official is in.", "Quy hoạch."))
    career: tuple[CareerEvent, ...] | None = attrs.field(default=None, metadata=describe(
        "Career events, dated (quá trình công tác); an empty list records none.",
        "Quá trình công tác: tuyển dụng, bầu cử, bổ nhiệm, bổ nhiệm lại, …"))
    party_member: bool | None = attrs.field(default=None, metadata=describe(
        "Member of the Communist Party of Vietnam.", "Đảng viên.", pii=True))
    party_joined_on: dt.date | None = attrs.field(default=None, metadata=describe(
        "Date joined the Party.", "Ngày vào Đảng.", pii=True))
    facts: tuple[RecordedFact, ...] | None = attrs.field(default=None, metadata=describe(
        "Other facts the rules read (nationality, residence, priority groups, …), by code of "
        "data/facts.yaml; a code not listed is unknown.", "Thông tin khác theo mã.", pii=True))

    def recruited_by(self, day: dt.date) -> bool:
        """False when the record says the official was recruited after ``day``: not yet in
        service then, so in no population and no candidate list of that date."""
        return self.recruited_on is None or self.recruited_on <= day

    def current_assignments(self, day: dt.date) -> tuple[Assignment, ...]:
        """Assignments that cover ``day``; empty when none is recorded or none covers it."""
        return tuple(a for a in self.assignments or () if a.current_on(day))
