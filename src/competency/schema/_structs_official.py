"""msgspec Structs of ``schemas/official.schema.json``, written from the schema by
``competency schemas`` (:mod:`competency.schema.structs`): do not edit.

A record these Structs decode is valid against the schema; one they refuse is for the
reference validator to judge.
"""

# ruff: noqa: E501

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from msgspec import UNSET, Meta, Struct, UnsetType, field

__all__ = ["ROOT", "Assignment", "CareerEvent", "Education", "ITSkill", "LanguageSkill", "Official",
    "PlanningPool", "PoliticalTheory", "Rating", "RecordedFact", "StateManagementCertificate",
    "TrainingRecord", "Unit"]


class RecordedFact(Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    """A fact the record states about the person (a code of ``data/facts.yaml``), true or false, as
    checked on a date: what the personnel file holds and no field models."""

    code: Annotated[str, Meta(pattern='^[a-z][a-z0-9_]*\\Z')]
    value: bool
    on: dt.date | None | UnsetType = UNSET

    def later_than(self, day: dt.date) -> bool:
        """Whether a date of the record is after ``day``."""
        if self.on and self.on > day:
            return True
        return False


class CareerEvent(Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    """Một sự kiện trong quá trình công tác: recruitment, election, appointment, reappointment,
    planning, transfer, rotation, secondment, rank placement, resignation or retirement, dated."""

    kind: Literal['tuyen_dung', 'bau_cu', 'bo_nhiem', 'bo_nhiem_lai', 'quy_hoach', 'dieu_dong', 'luan_chuyen', 'biet_phai', 'xep_ngach', 'thoi_viec', 'nghi_huu']
    on: dt.date
    title: Annotated[str, Meta(min_length=1)] | None | UnsetType = UNSET
    rank: Annotated[str, Meta(min_length=1)] | None | UnsetType = UNSET
    term_end: dt.date | None | UnsetType = UNSET
    decision: str | None | UnsetType = UNSET

    def later_than(self, day: dt.date) -> bool:
        """Whether a date of the record is after ``day``."""
        if self.on and self.on > day:
            return True
        if self.term_end and self.term_end > day:
            return True
        return False


class PlanningPool(Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    """Quy hoạch: inclusion in the planning pool for a post and term."""

    title: Annotated[str, Meta(min_length=1)]
    term: Annotated[str, Meta(pattern='^[0-9]{4}-[0-9]{4}\\Z')] | None | UnsetType = UNSET
    level: Literal['commune', 'district', 'province', 'central'] | None | UnsetType = UNSET

    def later_than(self, day: dt.date) -> bool:
        """Whether a date of the record is after ``day``."""
        return False


class Rating(Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    """Xếp loại: the annual performance rating for one year."""

    year: Annotated[int, Meta(ge=1945, le=2100)]
    rating: Literal['khong_hoan_thanh', 'hoan_thanh', 'hoan_thanh_tot', 'hoan_thanh_xuat_sac']

    def later_than(self, day: dt.date) -> bool:
        """Whether a date of the record is after ``day``."""
        return False


class TrainingRecord(Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    """Đào tạo, bồi dưỡng: a course attended."""

    programme: Annotated[str, Meta(min_length=1)]
    name: str | None | UnsetType = UNSET
    start: dt.date | None | UnsetType = UNSET
    end: dt.date | None | UnsetType = UNSET
    abroad: bool | None | UnsetType = UNSET
    country: Annotated[str, Meta(pattern='^[A-Z]{2}\\Z')] | None | UnsetType = UNSET
    completed: bool | None | UnsetType = UNSET
    result: str | None | UnsetType = UNSET
    periods: Annotated[int, Meta(ge=0, le=9223372036854775807)] | None | UnsetType = UNSET

    def later_than(self, day: dt.date) -> bool:
        """Whether a date of the record is after ``day``."""
        if self.start and self.start > day:
            return True
        if self.end and self.end > day:
            return True
        return False


class StateManagementCertificate(Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    """Quản lý nhà nước: a state-management programme completed."""

    programme: Literal['chuyen_vien', 'chuyen_vien_chinh', 'chuyen_vien_cao_cap', 'lanh_dao_cap_phong', 'lanh_dao_cap_so']
    awarded_on: dt.date | None | UnsetType = UNSET

    def later_than(self, day: dt.date) -> bool:
        """Whether a date of the record is after ``day``."""
        if self.awarded_on and self.awarded_on > day:
            return True
        return False


class ITSkill(Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    """Tin học: IT-skill standard reached."""

    level: Literal['basic', 'advanced']
    certificate: str | None | UnsetType = UNSET
    awarded_on: dt.date | None | UnsetType = UNSET

    def later_than(self, day: dt.date) -> bool:
        """Whether a date of the record is after ``day``."""
        if self.awarded_on and self.awarded_on > day:
            return True
        return False


class LanguageSkill(Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    """Ngoại ngữ: a language with its level on the six-level framework or a certificate."""

    language: Annotated[str, Meta(min_length=1)]
    level: Literal['bac_1', 'bac_2', 'bac_3', 'bac_4', 'bac_5', 'bac_6'] | None | UnsetType = UNSET
    certificate: str | None | UnsetType = UNSET
    score: Annotated[float, Meta(ge=0, le=1e+300)] | None | UnsetType = UNSET
    awarded_on: dt.date | None | UnsetType = UNSET

    def later_than(self, day: dt.date) -> bool:
        """Whether a date of the record is after ``day``."""
        if self.awarded_on and self.awarded_on > day:
            return True
        return False


class PoliticalTheory(Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    """Lý luận chính trị: one diploma or equivalence confirmation."""

    diploma: Literal['so_cap', 'trung_cap', 'trung_cap_hanh_chinh', 'cao_cap', 'cao_cap_hanh_chinh', 'cu_nhan_chinh_tri', 'xac_nhan_trung_cap', 'xac_nhan_cao_cap']
    awarded_on: dt.date | None | UnsetType = UNSET

    def later_than(self, day: dt.date) -> bool:
        """Whether a date of the record is after ``day``."""
        if self.awarded_on and self.awarded_on > day:
            return True
        return False


class Education(Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    """Trình độ chuyên môn: one diploma."""

    level: Literal['thpt', 'so_cap', 'trung_cap', 'cao_dang', 'dai_hoc', 'thac_si', 'tien_si']
    f_field: str | None | UnsetType = field(default=UNSET, name='field')
    institution: str | None | UnsetType = UNSET
    awarded_on: dt.date | None | UnsetType = UNSET
    abroad: bool | None | UnsetType = UNSET

    def later_than(self, day: dt.date) -> bool:
        """Whether a date of the record is after ``day``."""
        if self.awarded_on and self.awarded_on > day:
            return True
        return False


class Assignment(Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    """Chức vụ, chức danh: a post held, with its rank and dates."""

    title: Annotated[str, Meta(min_length=1)]
    rank: Annotated[str, Meta(min_length=1)] | None | UnsetType = UNSET
    unit: Unit | None | UnsetType = UNSET
    start: dt.date | None | UnsetType = UNSET
    end: dt.date | None | UnsetType = UNSET
    first_appointed: dt.date | None | UnsetType = UNSET
    leadership: bool | None | UnsetType = UNSET
    international: bool | None | UnsetType = UNSET
    job_position: Annotated[str, Meta(min_length=1)] | None | UnsetType = UNSET
    placed_in_job_position: bool | None | UnsetType = UNSET

    def later_than(self, day: dt.date) -> bool:
        """Whether a date of the record is after ``day``."""
        if self.start and self.start > day:
            return True
        if self.end and self.end > day:
            return True
        if self.first_appointed and self.first_appointed > day:
            return True
        return False


class Unit(Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    """Đơn vị: the agency or local government an official works in."""

    id: str | None | UnsetType = UNSET
    name: str | None | UnsetType = UNSET
    level: Literal['commune', 'district', 'province', 'central'] | None | UnsetType = UNSET
    province_code: Annotated[str, Meta(pattern='^[0-9]{2}\\Z')] | None | UnsetType = UNSET
    district_code: Annotated[str, Meta(pattern='^[0-9]{3}\\Z')] | None | UnsetType = UNSET
    commune_code: Annotated[str, Meta(pattern='^[0-9]{5}\\Z')] | None | UnsetType = UNSET
    disadvantaged_area: bool | None | UnsetType = UNSET
    area_types: list[Literal['mountainous', 'highland', 'border', 'island', 'remote', 'ethnic_minority', 'especially_difficult']] | None | UnsetType = UNSET
    commune_kind: Literal['phuong', 'xa', 'thi_tran'] | None | UnsetType = UNSET
    unit_class: Literal['loai_1', 'loai_2', 'loai_3'] | None | UnsetType = UNSET

    def later_than(self, day: dt.date) -> bool:
        """Whether a date of the record is after ``day``."""
        return False


class Official(Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    """Hồ sơ cán bộ, công chức, viên chức: everything the rules read about one person."""

    id: Annotated[str, Meta(min_length=1)]
    full_name: str | None | UnsetType = UNSET
    birth_date: dt.date | None | UnsetType = UNSET
    gender: Literal['male', 'female'] | None | UnsetType = UNSET
    ethnicity: str | None | UnsetType = UNSET
    national_id: str | None | UnsetType = UNSET
    category: Literal['can_bo', 'cong_chuc', 'vien_chuc'] | None | UnsetType = UNSET
    recruited_on: dt.date | None | UnsetType = UNSET
    service_start: dt.date | None | UnsetType = UNSET
    unit: Unit | None | UnsetType = UNSET
    assignments: list[Assignment] | None | UnsetType = UNSET
    high_school: bool | None | UnsetType = UNSET
    education: list[Education] | None | UnsetType = UNSET
    political_theory: list[PoliticalTheory] | None | UnsetType = UNSET
    languages: list[LanguageSkill] | None | UnsetType = UNSET
    it_skills: list[ITSkill] | None | UnsetType = UNSET
    state_management: list[StateManagementCertificate] | None | UnsetType = UNSET
    training: list[TrainingRecord] | None | UnsetType = UNSET
    ratings: list[Rating] | None | UnsetType = UNSET
    planning_pools: list[PlanningPool] | None | UnsetType = UNSET
    career: list[CareerEvent] | None | UnsetType = UNSET
    party_member: bool | None | UnsetType = UNSET
    party_joined_on: dt.date | None | UnsetType = UNSET
    facts: list[RecordedFact] | None | UnsetType = UNSET

    def later_than(self, day: dt.date) -> bool:
        """Whether a date of the record is after ``day``."""
        if self.birth_date and self.birth_date > day:
            return True
        if self.recruited_on and self.recruited_on > day:
            return True
        if self.service_start and self.service_start > day:
            return True
        for item in self.assignments or ():
            if item.later_than(day):
                return True
        for item in self.education or ():
            if item.later_than(day):
                return True
        for item in self.political_theory or ():
            if item.later_than(day):
                return True
        for item in self.languages or ():
            if item.later_than(day):
                return True
        for item in self.it_skills or ():
            if item.later_than(day):
                return True
        for item in self.state_management or ():
            if item.later_than(day):
                return True
        for item in self.training or ():
            if item.later_than(day):
                return True
        for item in self.career or ():
            if item.later_than(day):
                return True
        if self.party_joined_on and self.party_joined_on > day:
            return True
        for item in self.facts or ():
            if item.later_than(day):
                return True
        return False


ROOT = Official
"""The class of a whole record."""
