"""competency: Vietnamese civil-servant qualification standards as cited, dated data.

The public API; implementation modules are reached through these names.
"""

from __future__ import annotations

from importlib.metadata import version as _version
from typing import Any

from competency.catalog import Catalog, UnknownStandardError
from competency.check import DraftStandardError, PositionResult, check, evaluate
from competency.errors import CompetencyError, DataFileError, InputError, UnknownTermError
from competency.law import Confidence, LegalReference, Period
from competency.model import (
    Assignment,
    Education,
    ITSkill,
    LanguageSkill,
    Official,
    PlanningPool,
    PoliticalTheory,
    Position,
    Rating,
    StateManagementCertificate,
    TrainingRecord,
    Unit,
)
from competency.rules.evaluate import Evaluation, StandardResult
from competency.rules.nodes import Standard
from competency.rules.outcome import Outcome
from competency.schema import SchemaIssue
from competency.selection import (
    Candidate,
    Rejection,
    Selection,
    SelectionScheme,
    Unresolved,
    select,
)
from competency.serialize import StructureError, structure, unstructure
from competency.targets import (
    Indicator,
    IndicatorResult,
    TargetReport,
    TargetSet,
    TargetStatus,
    Trajectory,
    check_targets,
    target_trajectory,
)

__version__ = _version("competency")


def validate(instance: Any, kind: str = "official") -> list[SchemaIssue]:
    """Every schema error of ``instance`` (JSON pointer and message); empty when valid."""
    from competency.schema import validator  # noqa: PLC0415

    return validator(kind).errors(instance)


__all__ = [
    "Assignment",
    "Candidate",
    "Catalog",
    "CompetencyError",
    "Confidence",
    "DataFileError",
    "DraftStandardError",
    "Education",
    "Evaluation",
    "ITSkill",
    "Indicator",
    "IndicatorResult",
    "InputError",
    "LanguageSkill",
    "LegalReference",
    "Official",
    "Outcome",
    "Period",
    "PlanningPool",
    "PoliticalTheory",
    "Position",
    "PositionResult",
    "Rating",
    "Rejection",
    "SchemaIssue",
    "Selection",
    "SelectionScheme",
    "Standard",
    "StandardResult",
    "StateManagementCertificate",
    "StructureError",
    "TargetReport",
    "TargetSet",
    "TargetStatus",
    "TrainingRecord",
    "Trajectory",
    "Unit",
    "UnknownStandardError",
    "UnknownTermError",
    "Unresolved",
    "__version__",
    "check",
    "check_targets",
    "evaluate",
    "select",
    "structure",
    "target_trajectory",
    "unstructure",
    "validate",
]
