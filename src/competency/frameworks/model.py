"""Competency frameworks (khung năng lực) and position profiles (hồ sơ vị trí việc làm).

A framework groups competencies (general, professional, managerial); each competency has
a definition and a descriptor for each proficiency level (cấp độ 1–5) with behavioural
indicators. A position profile names a post by title code, administrative level and rank,
lists the qualification standards that apply to it and the level it requires in each
competency.
"""

from __future__ import annotations

import datetime as dt

import attrs

from competency.law import Cited, Confidence, LegalReference
from competency.model.selector import Selector
from competency.vocab import AdministrativeLevel, Term, Text, describe

__all__ = [
    "LEVELS",
    "CapabilityRef",
    "Competency",
    "CompetencyGroup",
    "CompetencyGroupKind",
    "Framework",
    "LevelDescriptor",
    "PositionProfile",
    "PositionRef",
    "PositionTask",
    "PositionType",
    "PostTask",
    "PostTaskTable",
    "RequiredLevel",
    "ScaleLevel",
    "TaskCompetency",
]

LEVELS = range(1, 6)
"""Proficiency levels (cấp độ) 1 to 5."""

_ID = r"^[a-z0-9][a-z0-9-]*$"
_DOTTED_ID = r"^[a-z0-9][a-z0-9.-]*$"


# -- vocabularies -------------------------------------------------------------------------------

class PositionType(Term):
    """Nhóm vị trí việc làm by the nature of the work (Decree 62/2020/NĐ-CP, Article 5)."""

    LEADERSHIP = ("leadership", "Vị trí việc làm lãnh đạo, quản lý",
                  "Leadership and management", ("lanh dao, quan ly", "lanh dao quan ly", "lanh dao"))
    SPECIALISED = ("specialised", "Vị trí việc làm chuyên môn, nghiệp vụ chuyên ngành",
                   "Specialised professional",
                   ("chuyen mon, nghiep vu chuyen nganh", "chuyen nganh", "specialized"))
    SHARED = ("shared", "Vị trí việc làm chuyên môn, nghiệp vụ dùng chung",
              "Shared professional", ("chuyen mon, nghiep vu dung chung", "dung chung"))
    SUPPORT = ("support", "Vị trí việc làm hỗ trợ, phục vụ", "Support and service",
               ("ho tro, phuc vu", "ho tro phuc vu", "ho tro", "phuc vu"))


class PositionTask(Term):
    """Nhiệm vụ đặc thù của một vị trí: what a post's work involves beyond its title.

    A post carries a task when its position profile lists it, or when the record says so
    (``assignments[].international`` for the international task)."""

    INTERNATIONAL = ("international", "Nhiệm vụ quốc tế (quan hệ, giao tiếp, làm việc với đối tác "
                     "nước ngoài)", "International tasks (relations and work with foreign partners)",
                     ("quoc te", "doi ngoai", "hop tac quoc te"))


class CompetencyGroupKind(Term):
    """Nhóm năng lực: general (chung), professional (chuyên môn), managerial (quản lý)."""

    GENERAL = ("general", "Năng lực chung", "General competencies", ("chung",))
    PROFESSIONAL = ("professional", "Năng lực chuyên môn", "Professional competencies",
                    ("chuyen mon",))
    MANAGERIAL = ("managerial", "Năng lực quản lý", "Managerial competencies",
                  ("quan ly", "lanh dao quan ly", "leadership"))


# -- frameworks -----------------------------------------------------------------------------------


def _confidence_flag(illustrative: bool, confidence: Confidence, lang: str | None = None) -> str:
    """`` [illustrative]`` (or the confidence) when not confirmed; empty otherwise. The code,
    or its label in ``lang`` when given."""
    tag = Confidence.ILLUSTRATIVE if illustrative else confidence
    if tag is Confidence.CONFIRMED:
        return ""
    return f" [{tag.label(lang) if lang else tag.value}]"

@attrs.frozen(kw_only=True)
class ScaleLevel:
    """What a proficiency level means across the framework."""

    level: int = attrs.field(metadata=describe("Level 1–5.", "Cấp độ 1–5.", minimum=1, maximum=5))
    name: Text = attrs.field(metadata=describe("Name of the level.", "Tên cấp độ."))
    description: Text = attrs.field(metadata=describe(
        "What the level means for every competency.", "Ý nghĩa chung của cấp độ."))


@attrs.frozen(kw_only=True)
class LevelDescriptor:
    """One proficiency level of one competency: a description and behavioural indicators."""

    level: int = attrs.field(metadata=describe("Level 1–5.", "Cấp độ 1–5.", minimum=1, maximum=5))
    description: Text = attrs.field(metadata=describe(
        "What an official at this level does.", "Mô tả cấp độ."))
    indicators: tuple[Text, ...] = attrs.field(default=(), metadata=describe(
        "Observable behaviours (biểu hiện hành vi) showing the level.", "Biểu hiện hành vi."))


@attrs.frozen(kw_only=True)
class Competency:
    """Năng lực: a competency with its definition and level descriptors."""

    id: str = attrs.field(metadata=describe(
        "Identifier, unique within the framework (kebab-case), e.g. drafting.", "Mã năng lực.",
        pattern=_ID))
    name: Text = attrs.field(metadata=describe("Name.", "Tên năng lực."))
    definition: Text = attrs.field(metadata=describe("Definition.", "Định nghĩa."))
    levels: tuple[LevelDescriptor, ...] = attrs.field(default=(), metadata=describe(
        "Descriptors by level, lowest first.", "Mô tả theo cấp độ."))
    case_type: str | None = attrs.field(default=None, metadata=describe(
        "CASE item type (CFItemType) it was imported with, when not Competency; exported "
        "with it.", "Loại mục CASE (CFItemType) khi nhập, nếu khác Competency.", minLength=1))

    def descriptor(self, level: int) -> LevelDescriptor | None:
        """The descriptor of ``level``, if the framework gives one."""
        return next((d for d in self.levels if d.level == level), None)


@attrs.frozen(kw_only=True)
class CompetencyGroup:
    """Nhóm năng lực: general, professional or managerial competencies."""

    id: str = attrs.field(metadata=describe("Identifier (kebab-case).", "Mã nhóm.", pattern=_ID))
    kind: CompetencyGroupKind = attrs.field(metadata=describe("Kind of group.", "Loại nhóm."))
    name: Text = attrs.field(metadata=describe("Name.", "Tên nhóm."))
    competencies: tuple[Competency, ...] = attrs.field(metadata=describe(
        "Competencies of the group.", "Các năng lực.", minItems=1))
    case_type: str | None = attrs.field(default=None, metadata=describe(
        "CASE item type (CFItemType) it was imported with, when not Competency Group "
        "(Cluster, Domain, Standard …); exported with it.",
        "Loại mục CASE (CFItemType) khi nhập, nếu khác Competency Group.", minLength=1))


@attrs.frozen(kw_only=True)
class Framework(Cited):
    """Khung năng lực: competencies in groups, with a five-level scale, cited and dated."""

    id: str = attrs.field(metadata=describe(
        "Identifier, e.g. vn.minh-hoa.khung-nang-luc-2025.", "Mã khung năng lực.",
        pattern=_DOTTED_ID))
    title: Text = attrs.field(metadata=describe("Title.", "Tên khung năng lực."))
    creator: str = attrs.field(metadata=describe(
        "Body that issued the framework.", "Cơ quan ban hành, xây dựng.", minLength=1))
    publisher: str | None = attrs.field(default=None, metadata=describe(
        "Body that makes the framework available.", "Cơ quan công bố."))
    version: str | None = attrs.field(default=None, metadata=describe(
        "Version or edition.", "Phiên bản."))
    valid_from: dt.date | None = attrs.field(default=None, metadata=describe(
        "First day in use (inclusive).", "Ngày bắt đầu áp dụng."))
    valid_until: dt.date | None = attrs.field(default=None, metadata=describe(
        "Last day in use (inclusive).", "Ngày cuối cùng áp dụng."))
    legal_basis: tuple[LegalReference, ...] = attrs.field(default=(), metadata=describe(
        "Instruments the framework follows.", "Căn cứ pháp lý."))
    scale: tuple[ScaleLevel, ...] = attrs.field(default=(), metadata=describe(
        "Meaning of each proficiency level, lowest first.", "Thang cấp độ."))
    groups: tuple[CompetencyGroup, ...] = attrs.field(metadata=describe(
        "Competency groups.", "Các nhóm năng lực.", minItems=1))

    def competencies(self) -> tuple[Competency, ...]:
        """Every competency, group by group."""
        return tuple(c for g in self.groups for c in g.competencies)

    def competency(self, competency_id: str) -> Competency | None:
        """The competency with this id, if the framework has it."""
        return next((c for c in self.competencies() if c.id == competency_id), None)

    def group_of(self, competency_id: str) -> CompetencyGroup | None:
        """The group holding the competency."""
        return next((g for g in self.groups
                     if any(c.id == competency_id for c in g.competencies)), None)

    def flag(self, lang: str | None = None) -> str:
        """`` [illustrative]`` (or the confidence) when not confirmed; empty otherwise."""
        return _confidence_flag(self.illustrative, self.confidence, lang)


# -- position profiles ---------------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class PositionRef:
    """The post a profile describes: title code, administrative level, rank."""

    title: str = attrs.field(metadata=describe(
        "Title code (data/titles.yaml), e.g. cc_xa.tu_phap_ho_tich.", "Mã chức danh.",
        minLength=1))
    level: AdministrativeLevel | None = attrs.field(default=None, metadata=describe(
        "Administrative level of the unit; absent = any.", "Cấp hành chính."))
    rank: str | None = attrs.field(default=None, metadata=describe(
        "Rank code (mã ngạch); absent = any.", "Mã ngạch.", minLength=1))
    job_position: str | None = attrs.field(default=None, metadata=describe(
        "Job position (vị trí việc làm) as records write it in assignments[].job_position; "
        "absent = any.", "Vị trí việc làm.", minLength=1))

    def selector(self) -> Selector:
        """The officials' posts this position covers: its title, at its level, rank and job
        position if given."""
        return Selector(titles=(self.title,),
                        levels=None if self.level is None else (self.level,),
                        ranks=None if self.rank is None else (self.rank,),
                        job_positions=None if self.job_position is None else (self.job_position,))


@attrs.frozen(kw_only=True)
class RequiredLevel:
    """The level a position requires in one competency."""

    competency: str = attrs.field(metadata=describe("Competency id.", "Mã năng lực.", pattern=_ID))
    level: int = attrs.field(metadata=describe(
        "Required level 1–5.", "Cấp độ yêu cầu 1–5.", minimum=1, maximum=5))


@attrs.frozen(kw_only=True)
class PositionProfile:
    """Hồ sơ vị trí việc làm: the standards that apply to a post and the competencies it needs."""

    id: str = attrs.field(metadata=describe(
        "Identifier, e.g. vn.minh-hoa.cong-chuc-xa.tu-phap-ho-tich.", "Mã hồ sơ vị trí.",
        pattern=_DOTTED_ID))
    title: Text = attrs.field(metadata=describe("Name of the position.", "Tên vị trí việc làm."))
    position: PositionRef = attrs.field(metadata=describe("The post.", "Chức danh, cấp, ngạch."))
    position_type: PositionType = attrs.field(metadata=describe(
        "Kind of position (Decree 62/2020/NĐ-CP).", "Nhóm vị trí việc làm."))
    framework: str = attrs.field(metadata=describe(
        "Id of the competency framework the levels refer to.", "Mã khung năng lực.",
        pattern=_DOTTED_ID))
    standards: tuple[str, ...] = attrs.field(default=(), metadata=describe(
        "Ids of the qualification standards that apply to the post; those in force on the "
        "as-of date are evaluated.", "Các tiêu chuẩn áp dụng."))
    required: tuple[RequiredLevel, ...] = attrs.field(default=(), metadata=describe(
        "Required level per competency.", "Cấp độ năng lực yêu cầu."))
    tasks: tuple[PositionTask, ...] = attrs.field(default=(), metadata=describe(
        "Tasks the position carries (international: relations and work with foreign "
        "partners); each task's required capability is data (data/tables/post-tasks.yaml).",
        "Nhiệm vụ đặc thù của vị trí."))
    confidence: Confidence = attrs.field(metadata=describe("How sure the profile is.",
                                                           "Mức độ tin cậy."))
    illustrative: bool = attrs.field(default=False, metadata=describe(
        "An example, not an approved profile.", "Ví dụ minh họa."))
    note: Text | None = attrs.field(default=None, metadata=describe("Remarks.", "Ghi chú."))

    def flag(self, lang: str | None = None) -> str:
        """`` [illustrative]`` (or the confidence) when not confirmed; empty otherwise."""
        return _confidence_flag(self.illustrative, self.confidence, lang)


# -- tasks of posts ------------------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class CapabilityRef:
    """A workforce-target indicator whose predicate is the capability a task requires, so the
    rule is written once, in the target set."""

    target_set: str = attrs.field(metadata=describe(
        "Target-set id, e.g. vn.nq-26-2018-tw.province.", "Mã bộ chỉ tiêu.", pattern=_DOTTED_ID))
    indicator: str = attrs.field(metadata=describe(
        "Indicator id within the set, e.g. international.", "Mã chỉ tiêu.", pattern=_ID))


@attrs.frozen(kw_only=True)
class TaskCompetency:
    """A framework competency a task requires, at a level."""

    framework: str = attrs.field(metadata=describe(
        "Framework id.", "Mã khung năng lực.", pattern=_DOTTED_ID))
    competency: str = attrs.field(metadata=describe("Competency id.", "Mã năng lực.", pattern=_ID))
    level: int = attrs.field(metadata=describe(
        "Required level 1–5.", "Cấp độ yêu cầu 1–5.", minimum=1, maximum=5))


@attrs.frozen(kw_only=True)
class PostTask(Cited):
    """What a post with a task requires of its holder: a rule (by reference) and competencies."""

    task: PositionTask = attrs.field(metadata=describe("The task.", "Nhiệm vụ."))
    name: Text = attrs.field(metadata=describe("Name.", "Tên."))
    capability: CapabilityRef = attrs.field(metadata=describe(
        "The indicator whose predicate the holder must meet; each part of an all_of is "
        "reported apart.", "Chỉ tiêu có tiêu chí người giữ vị trí phải đạt."))
    competencies: tuple[TaskCompetency, ...] = attrs.field(default=(), metadata=describe(
        "Framework competencies the holder must reach (read from assessments).",
        "Năng lực theo khung phải đạt."))


@attrs.frozen(kw_only=True)
class PostTaskTable:
    """The tasks posts can carry and what each requires of the holder."""

    tasks: tuple[PostTask, ...] = attrs.field(metadata=describe(
        "One entry per task.", "Mỗi nhiệm vụ một mục.", minItems=1))

    def get(self, task: PositionTask) -> PostTask:
        """The entry of ``task``."""
        for entry in self.tasks:
            if entry.task is task:
                return entry
        msg = f"no entry for task {task.code!r} in the post-tasks table"
        raise KeyError(msg)
