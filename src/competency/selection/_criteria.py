"""Scoring criteria of a selection scheme: what is read from a record and how it scores.

Each criterion is its own class with one distinguishing key (``years_of_service``,
``ratings``, ``language``, ``younger``, ``bonus``), so that a scheme file names the kind of a
criterion by its shape alone and the schema lists each with its own fields.
"""

from __future__ import annotations

from typing import Union

import attrs

from competency.rules.nodes import Node
from competency.vocab import LanguageLevel, PerformanceRating, Text, describe

__all__ = [
    "ID_PATTERN",
    "AgeCriterion",
    "Criterion",
    "LanguageCriterion",
    "LanguageScale",
    "LevelPoints",
    "PerYear",
    "RatingPoints",
    "RatingScale",
    "RatingsCriterion",
    "RuleBonus",
    "RuleCriterion",
    "ServiceCriterion",
    "YoungerSpec",
]

ID_PATTERN = {"pattern": r"^[a-z0-9][a-z0-9-]*$"}
"""Schema pattern of the kebab-case ids of criteria and regimes."""


@attrs.frozen(kw_only=True)
class _Criterion:
    """Fields shared by every criterion."""

    id: str = attrs.field(metadata=describe(
        "Identifier, unique within the scheme (kebab-case).", "Mã tiêu chí.", **ID_PATTERN))
    title: Text | None = attrs.field(default=None, metadata=describe(
        "Name shown in the score breakdown.", "Tên tiêu chí."))
    weight: float = attrs.field(default=1.0, metadata=describe(
        "Multiplier applied to the capped points.", "Trọng số.", minimum=0))
    cap: float | None = attrs.field(default=None, metadata=describe(
        "Most points the criterion gives before weighting.", "Điểm tối đa trước trọng số.",
        minimum=0))


@attrs.frozen(kw_only=True)
class PerYear:
    """Points per whole year."""

    points_per_year: float = attrs.field(metadata=describe(
        "Points per whole year.", "Điểm cho mỗi năm.", minimum=0))


@attrs.frozen(kw_only=True)
class ServiceCriterion(_Criterion):
    """Whole years of service (from service start, else recruitment) at the date."""

    years_of_service: PerYear = attrs.field(metadata=describe(
        "Points per year of service.", "Điểm theo số năm công tác."))


@attrs.frozen(kw_only=True)
class RatingPoints:
    """Points for one annual rating."""

    rating: PerformanceRating = attrs.field(metadata=describe("Rating.", "Mức xếp loại."))
    points: float = attrs.field(metadata=describe("Points.", "Điểm.", minimum=0))


@attrs.frozen(kw_only=True)
class RatingScale:
    """Sum of the points of the last ``years`` rated years before the date."""

    years: int = attrs.field(metadata=describe("Years counted.", "Số năm tính.", minimum=1))
    points: tuple[RatingPoints, ...] = attrs.field(metadata=describe(
        "Points per rating; ratings not listed give none.", "Điểm theo mức xếp loại.",
        minItems=1))


@attrs.frozen(kw_only=True)
class RatingsCriterion(_Criterion):
    """Annual ratings of recent years."""

    ratings: RatingScale = attrs.field(metadata=describe(
        "Years and points.", "Số năm và điểm theo xếp loại."))


@attrs.frozen(kw_only=True)
class LevelPoints:
    """Points from a language level up."""

    level: LanguageLevel = attrs.field(metadata=describe("Level.", "Bậc."))
    points: float = attrs.field(metadata=describe("Points.", "Điểm.", minimum=0))


@attrs.frozen(kw_only=True)
class LanguageScale:
    """Points for the highest level held (certificates through the equivalence table)."""

    language: str | None = attrs.field(default=None, metadata=describe(
        "ISO 639-1 code; absent means any foreign language (an entry recorded with an ISO "
        "639-1 code other than vi; entries naming an ethnic-minority language do not count).",
        "Mã ngôn ngữ ISO 639-1; để trống là bất kỳ ngoại ngữ nào."))
    points: tuple[LevelPoints, ...] = attrs.field(metadata=describe(
        "The highest listed level at or below the level held gives its points.",
        "Điểm theo bậc.", minItems=1))


@attrs.frozen(kw_only=True)
class LanguageCriterion(_Criterion):
    """Foreign-language level."""

    language: LanguageScale = attrs.field(metadata=describe(
        "Language and points by level.", "Ngôn ngữ và điểm theo bậc."))


@attrs.frozen(kw_only=True)
class YoungerSpec:
    """Points for each whole year below an age."""

    below: int = attrs.field(metadata=describe("Age.", "Tuổi mốc.", minimum=0))
    points_per_year: float = attrs.field(metadata=describe(
        "Points per year below that age.", "Điểm cho mỗi năm dưới tuổi mốc.", minimum=0))


@attrs.frozen(kw_only=True)
class AgeCriterion(_Criterion):
    """Younger candidates score more: (below − age) × points, never negative."""

    younger: YoungerSpec = attrs.field(metadata=describe(
        "Age and points per year.", "Tuổi mốc và điểm."))


@attrs.frozen(kw_only=True)
class RuleBonus:
    """Points when a rule is met."""

    condition: Node = attrs.field(metadata=describe(
        "Rule that earns the points.", "Điều kiện được cộng điểm.", json_name="if"))
    points: float = attrs.field(metadata=describe("Points.", "Điểm.", minimum=0))


@attrs.frozen(kw_only=True)
class RuleCriterion(_Criterion):
    """A bonus for meeting a rule (e.g. priority to women)."""

    bonus: RuleBonus = attrs.field(metadata=describe(
        "Rule and points.", "Điều kiện và điểm cộng."))


Criterion = Union[  # noqa: UP007  (a runtime union that cattrs and the schema generator read)
    ServiceCriterion, RatingsCriterion, LanguageCriterion, AgeCriterion, RuleCriterion]
