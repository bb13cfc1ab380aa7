"""The requirement tree: standards written as data.

Each node is a small frozen class with an ``id`` and exactly one kind key
(``all_of``, ``min_education``, …), so a YAML mapping says what it is by the key it
uses. The evaluator keeps one function per kind; thresholds live only in the data.
"""

from __future__ import annotations

import datetime as dt
import enum
import sys
from typing import Union

import attrs

from competency.law import Confidence, LegalReference
from competency.vocab import (
    AdministrativeLevel,
    AreaType,
    EducationLevel,
    Gender,
    ITSkillLevel,
    LanguageLevel,
    PerformanceRating,
    PersonnelCategory,
    PoliticalTheoryDiploma,
    PoliticalTheoryLevel,
    StateManagementProgramme,
    Text,
    describe,
)

__all__ = [
    "Age",
    "AgeBounds",
    "AllOf",
    "AnyOf",
    "BornOnOrAfter",
    "CategoryCondition",
    "CompetencyLevel",
    "EthnicityCondition",
    "EthnicitySpec",
    "Fact",
    "FieldOfStudy",
    "FieldOfStudySpec",
    "GenderCondition",
    "HighSchool",
    "HoldsPoliticalTheoryDiploma",
    "InternationalEvidence",
    "InternationalExperience",
    "JobPositionPlacement",
    "LanguageSpec",
    "MinCompetencyLevel",
    "MinEducation",
    "MinITSkill",
    "MinLanguage",
    "MinPoliticalTheory",
    "Node",
    "Not",
    "OpenQuestion",
    "Ratings",
    "RatingsSpec",
    "RemainingSpec",
    "RemainingWorkingMonths",
    "StateManagement",
    "TrainingPeriods",
    "TrainingPeriodsSpec",
    "UnitCondition",
    "UnitSpec",
    "When",
    "WhenSpec",
    "YearsOfService",
    "children",
    "title_field",
    "walk",
]



def title_field() -> Text | None:
    return attrs.field(default=None, metadata=describe(
        "Name of the requirement shown in explanations.", "Tên yêu cầu."))


@attrs.frozen(kw_only=True)
class _Node:
    """Fields shared by every node."""

    id: str = attrs.field(metadata=describe(
        "Identifier, unique within the standard (kebab-case).", "Mã yêu cầu.",
        pattern=r"^[a-z0-9][a-z0-9-]*$"))
    title: Text | None = title_field()
    legal_basis: tuple[LegalReference, ...] | None = attrs.field(default=None, metadata=describe(
        "Citations for this requirement (added to the standard's).", "Căn cứ pháp lý riêng."))
    confidence: Confidence | None = attrs.field(default=None, metadata=describe(
        "Confidence of this requirement when it differs from the standard's.",
        "Mức độ tin cậy riêng."))


# -- combinators --------------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class AllOf(_Node):
    """Every child must be met."""

    all_of: tuple[Node, ...] = attrs.field(metadata=describe(
        "Requirements that must all be met.", "Các yêu cầu phải đáp ứng đồng thời.", minItems=1))


@attrs.frozen(kw_only=True)
class AnyOf(_Node):
    """At least one child must be met (alternatives, exceptions)."""

    any_of: tuple[Node, ...] = attrs.field(metadata=describe(
        "Alternatives; one suffices.", "Các phương án, đáp ứng một là đủ.", minItems=1))


@attrs.frozen(kw_only=True)
class Not(_Node):
    """The child must not be met."""

    negated: Node = attrs.field(metadata=describe(
        "Requirement that must not hold.", "Điều kiện không được thỏa mãn.", json_name="not"))


@attrs.frozen(kw_only=True)
class WhenSpec:
    """A conditional requirement."""

    condition: Node = attrs.field(metadata=describe(
        "Condition on the official or unit.", "Điều kiện áp dụng.", json_name="if"))
    then: Node = attrs.field(metadata=describe(
        "Requirement applied when the condition holds.", "Yêu cầu khi điều kiện thỏa mãn."))


@attrs.frozen(kw_only=True)
class When(_Node):
    """``then`` applies only when ``if`` holds; otherwise the node is met (not applicable)."""

    when: WhenSpec = attrs.field(metadata=describe("Condition and requirement.", "Điều kiện và yêu cầu."))


# -- leaves -------------------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class MinEducation(_Node):
    """Education at or above a level."""

    min_education: EducationLevel = attrs.field(metadata=describe(
        "Lowest education level accepted.", "Trình độ chuyên môn tối thiểu."))


@attrs.frozen(kw_only=True)
class HighSchool(_Node):
    """Upper-secondary graduation (tốt nghiệp THPT)."""

    high_school: bool = attrs.field(metadata=describe(
        "Whether THPT graduation is required.", "Yêu cầu tốt nghiệp THPT."))


@attrs.frozen(kw_only=True)
class FieldOfStudySpec:
    """Accepted fields of study."""

    fields: tuple[str, ...] = attrs.field(metadata=describe(
        "Accepted fields (matched ignoring accents and case).", "Chuyên ngành được chấp nhận.",
        minItems=1))
    min_level: EducationLevel | None = attrs.field(default=None, metadata=describe(
        "Lowest level of the diploma in that field.", "Trình độ tối thiểu của văn bằng."))


@attrs.frozen(kw_only=True)
class FieldOfStudy(_Node):
    """A diploma in one of the accepted fields."""

    field_of_study: FieldOfStudySpec = attrs.field(metadata=describe(
        "Accepted fields and level.", "Chuyên ngành và trình độ."))


@attrs.frozen(kw_only=True)
class MinPoliticalTheory(_Node):
    """Political theory at or above a level, diplomas counted through the equivalence table."""

    min_political_theory: PoliticalTheoryLevel = attrs.field(metadata=describe(
        "Lowest political-theory level.", "Trình độ lý luận chính trị tối thiểu."))


@attrs.frozen(kw_only=True)
class HoldsPoliticalTheoryDiploma(_Node):
    """One of the listed political-theory diplomas held, by its own name (no equivalence)."""

    political_theory_diploma: tuple[PoliticalTheoryDiploma, ...] = attrs.field(metadata=describe(
        "Diplomas accepted.", "Văn bằng được chấp nhận.", minItems=1))


@attrs.frozen(kw_only=True)
class LanguageSpec:
    """A language level, for any foreign language or a given one."""

    level: LanguageLevel = attrs.field(metadata=describe("Lowest level.", "Bậc tối thiểu."))
    language: str | None = attrs.field(default=None, metadata=describe(
        "ISO 639-1 code; absent means any foreign language.", "Ngôn ngữ; để trống là bất kỳ."))


@attrs.frozen(kw_only=True)
class MinLanguage(_Node):
    """A foreign language at or above a level; certificates counted through the table."""

    min_language: LanguageSpec = attrs.field(metadata=describe(
        "Level and language.", "Bậc và ngôn ngữ."))


@attrs.frozen(kw_only=True)
class MinITSkill(_Node):
    """IT skill at or above a level."""

    min_it_skill: ITSkillLevel = attrs.field(metadata=describe(
        "Lowest IT-skill level.", "Trình độ tin học tối thiểu."))


@attrs.frozen(kw_only=True)
class StateManagement(_Node):
    """One of the listed state-management programmes completed."""

    state_management: tuple[StateManagementProgramme, ...] = attrs.field(metadata=describe(
        "Programmes accepted.", "Chương trình được chấp nhận.", minItems=1))


@attrs.frozen(kw_only=True)
class AgeBounds:
    """Inclusive bounds in whole years."""

    min: int | None = attrs.field(default=None, metadata=describe(
        "Lowest value (inclusive).", "Giá trị tối thiểu.", minimum=0))
    max: int | None = attrs.field(default=None, metadata=describe(
        "Highest value (inclusive).", "Giá trị tối đa.", minimum=0))


@attrs.frozen(kw_only=True)
class Age(_Node):
    """Age in whole years at the as-of date."""

    age: AgeBounds = attrs.field(metadata=describe("Age bounds.", "Giới hạn tuổi."))


class RemainingFrom(enum.Enum):
    """Date from which remaining working time is counted."""

    FIRST_APPOINTED = "first_appointed"
    ON = "on"


@attrs.frozen(kw_only=True)
class RemainingSpec:
    """Minimum remaining working time before statutory retirement."""

    min: int = attrs.field(metadata=describe("Months.", "Số tháng.", minimum=0))
    at: RemainingFrom = attrs.field(default=RemainingFrom.FIRST_APPOINTED, metadata=describe(
        "Counted from the first appointment to the post, or from the as-of date.",
        "Tính từ ngày bổ nhiệm lần đầu hoặc ngày xét."))


@attrs.frozen(kw_only=True)
class RemainingWorkingMonths(_Node):
    """Enough working time left before the statutory retirement age."""

    remaining_working_months: RemainingSpec = attrs.field(metadata=describe(
        "Minimum months left.", "Thời gian công tác còn lại tối thiểu."))


@attrs.frozen(kw_only=True)
class YearsOfService(_Node):
    """Whole years since the start of service (or recruitment)."""

    years_of_service: AgeBounds = attrs.field(metadata=describe(
        "Bounds in years.", "Số năm công tác."))


@attrs.frozen(kw_only=True)
class CompetencyLevel:
    """A competency and the lowest proficiency level accepted."""

    competency: str = attrs.field(metadata=describe("Competency id.", "Mã năng lực.", minLength=1))
    level: int = attrs.field(metadata=describe("Level 1–5.", "Cấp độ 1–5.", minimum=1, maximum=5))


@attrs.frozen(kw_only=True)
class MinCompetencyLevel(_Node):
    """An assessed competency at or above a level."""

    min_competency_level: CompetencyLevel = attrs.field(metadata=describe(
        "Competency and level.", "Năng lực và cấp độ."))


@attrs.frozen(kw_only=True)
class UnitSpec:
    """Facts about the unit of the post; every given key must hold."""

    disadvantaged_area: bool | None = attrs.field(default=None, metadata=describe(
        "Disadvantaged-area flag.", "Vùng khó khăn."))
    levels: tuple[AdministrativeLevel, ...] | None = attrs.field(default=None, metadata=describe(
        "Accepted administrative levels.", "Cấp hành chính."))
    area_types: tuple[AreaType, ...] | None = attrs.field(default=None, metadata=describe(
        "Any of these area types.", "Loại vùng."))


@attrs.frozen(kw_only=True)
class UnitCondition(_Node):
    """A condition on the unit (for exceptions such as disadvantaged areas)."""

    unit: UnitSpec = attrs.field(metadata=describe("Unit facts.", "Điều kiện về đơn vị."))


@attrs.frozen(kw_only=True)
class CategoryCondition(_Node):
    """The official is in one of these personnel categories."""

    category: tuple[PersonnelCategory, ...] = attrs.field(metadata=describe(
        "Accepted categories.", "Đối tượng.", minItems=1))


@attrs.frozen(kw_only=True)
class GenderCondition(_Node):
    """The official's recorded gender."""

    gender: Gender = attrs.field(metadata=describe("Gender.", "Giới tính."))


@attrs.frozen(kw_only=True)
class EthnicitySpec:
    """Ethnic groups accepted or excluded (matched ignoring accents and case)."""

    any_of: tuple[str, ...] | None = attrs.field(default=None, metadata=describe(
        "One of these groups.", "Thuộc một trong các dân tộc."))
    none_of: tuple[str, ...] | None = attrs.field(default=None, metadata=describe(
        "None of these groups (e.g. [Kinh] for ethnic minorities).", "Không thuộc các dân tộc."))


@attrs.frozen(kw_only=True)
class EthnicityCondition(_Node):
    """The official's recorded ethnic group."""

    ethnicity: EthnicitySpec = attrs.field(metadata=describe("Groups.", "Dân tộc."))


@attrs.frozen(kw_only=True)
class RatingsSpec:
    """The last ``years`` rated years before the as-of date all at or above ``min``."""

    min: PerformanceRating = attrs.field(metadata=describe("Lowest rating.", "Mức tối thiểu."))
    years: int = attrs.field(metadata=describe("Consecutive years.", "Số năm liên tiếp.", minimum=1))


@attrs.frozen(kw_only=True)
class Ratings(_Node):
    """Annual ratings over recent years."""

    ratings: RatingsSpec = attrs.field(metadata=describe("Ratings required.", "Yêu cầu xếp loại."))


class InternationalEvidence(enum.Enum):
    """Evidence accepted as international experience."""

    ASSIGNMENT = "assignment"  # a post involving international relations work (công tác đối ngoại)
    TRAINING_ABROAD = "training_abroad"  # a course attended abroad
    DEGREE_ABROAD = "degree_abroad"  # a diploma earned abroad


@attrs.frozen(kw_only=True)
class InternationalExperience(_Node):
    """International experience by the as-of date: any one of the accepted kinds of evidence."""

    international_experience: tuple[InternationalEvidence, ...] = attrs.field(metadata=describe(
        "Kinds of evidence accepted (assignment, training_abroad, degree_abroad); one suffices.",
        "Minh chứng kinh nghiệm quốc tế được chấp nhận; có một là đủ.", minItems=1))


@attrs.frozen(kw_only=True)
class Fact(_Node):
    """A fact about the person that the record states (``facts[]``), named by a code of
    ``data/facts.yaml``: nationality, residence, a priority group, standing for re-election."""

    fact: str = attrs.field(metadata=describe(
        "Fact code (data/facts.yaml); met when the record states it true, unmet when false.",
        "Mã thông tin (data/facts.yaml).", pattern=r"^[a-z][a-z0-9_]*$"))


@attrs.frozen(kw_only=True)
class BornOnOrAfter(_Node):
    """Born on or after a date (Party age rules are written as birth-date cutoffs)."""

    born_on_or_after: dt.date = attrs.field(metadata=describe(
        "Earliest birth date accepted (inclusive).", "Sinh từ ngày (bao gồm)."))


@attrs.frozen(kw_only=True)
class JobPositionPlacement(_Node):
    """The post has been placed in an approved job position (vị trí việc làm) and its rank."""

    placed_in_job_position: bool = attrs.field(metadata=describe(
        "Whether placement is required (true).", "Đã được bố trí vào vị trí việc làm."))


@attrs.frozen(kw_only=True)
class TrainingPeriodsSpec:
    """Fostering periods (tiết) required in a calendar year: ``year``, else the last calendar
    year before the as-of date."""

    min: int = attrs.field(metadata=describe("Periods (tiết).", "Số tiết tối thiểu.", minimum=1))
    year: int | None = attrs.field(default=None, metadata=describe(
        "Calendar year counted; absent = the year before the as-of date.", "Năm tính.",
        minimum=1945, maximum=2100))


@attrs.frozen(kw_only=True)
class TrainingPeriods(_Node):
    """Enough fostering in a year: the periods of the courses ended in that year, summed."""

    training_periods: TrainingPeriodsSpec = attrs.field(metadata=describe(
        "Periods required per calendar year.", "Số tiết bồi dưỡng mỗi năm."))


@attrs.frozen(kw_only=True)
class OpenQuestion(_Node):
    """A requirement the sources leave open (delegated to rules not encoded, or a duty with
    no deadline given): always unknown, never unmet, with the reason shown."""

    open_question: Text = attrs.field(metadata=describe(
        "What is missing to decide it.", "Điều còn thiếu để kết luận."))


Node = Union[  # noqa: UP007  (a runtime union that cattrs and the schema generator read)
    AllOf, AnyOf, Not, When, MinEducation, HighSchool, FieldOfStudy, MinPoliticalTheory,
    HoldsPoliticalTheoryDiploma,
    MinLanguage, MinITSkill, StateManagement, Age, RemainingWorkingMonths, YearsOfService,
    MinCompetencyLevel, UnitCondition, CategoryCondition, GenderCondition, EthnicityCondition,
    Ratings, InternationalExperience, Fact, BornOnOrAfter, JobPositionPlacement, TrainingPeriods,
    OpenQuestion,
]



def walk(node: Node) -> list[Node]:
    """The node and all its descendants, depth first."""
    found: list[Node] = [node]
    for child in children(node):
        found.extend(walk(child))
    return found


def children(node: Node) -> tuple[Node, ...]:
    """The direct children of a combinator; empty for a leaf."""
    if isinstance(node, AllOf):
        return node.all_of
    if isinstance(node, AnyOf):
        return node.any_of
    if isinstance(node, Not):
        return (node.negated,)
    if isinstance(node, When):
        return (node.when.condition, node.when.then)
    return ()


for _cls in (AllOf, AnyOf, Not, WhenSpec, When):
    attrs.resolve_types(_cls, globalns=vars(sys.modules[__name__]))
