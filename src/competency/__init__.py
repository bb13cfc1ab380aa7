"""competency: Vietnamese civil-servant qualification standards as cited, dated data.

The public API; implementation modules are reached through these names.
"""

from __future__ import annotations

from importlib.metadata import version as _version
from typing import Any

from competency.case import export_case, import_case
from competency.catalog import Catalog, UnknownStandardError
from competency.check import DraftStandardError, PositionResult, check, evaluate
from competency.errors import CompetencyError, DataFileError, InputError, UnknownTermError
from competency.followup import TrainingEvaluation, evaluate_training
from competency.framework import (
    Assessment,
    AssessmentMethod,
    Competency,
    CompetencyGroup,
    CompetencyGroupKind,
    Framework,
    LevelDescriptor,
    PositionProfile,
    PositionRef,
    PositionType,
    RequiredLevel,
    ScaleLevel,
)
from competency.frameworks import FrameworkCatalog
from competency.gaps import CohortGaps, Gap, GapKind, GapReport, cohort_gaps, gap
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
from competency.plan import TrainingPlan, plan_training
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
from competency.training import Participation, Programme, ProgrammeCatalog

__version__ = _version("competency")


def validate(instance: Any, kind: str = "official") -> list[SchemaIssue]:
    """Every schema error of ``instance`` (JSON pointer and message); empty when valid."""
    from competency.schema import validator  # noqa: PLC0415

    return validator(kind).errors(instance)


__all__ = [
    "Assessment",
    "AssessmentMethod",
    "Assignment",
    "Candidate",
    "Catalog",
    "CohortGaps",
    "Competency",
    "CompetencyError",
    "CompetencyGroup",
    "CompetencyGroupKind",
    "Confidence",
    "DataFileError",
    "DraftStandardError",
    "Education",
    "Evaluation",
    "Framework",
    "FrameworkCatalog",
    "Gap",
    "GapKind",
    "GapReport",
    "ITSkill",
    "Indicator",
    "IndicatorResult",
    "InputError",
    "LanguageSkill",
    "LegalReference",
    "LevelDescriptor",
    "Official",
    "Outcome",
    "Participation",
    "Period",
    "PlanningPool",
    "PoliticalTheory",
    "Position",
    "PositionProfile",
    "PositionRef",
    "PositionResult",
    "PositionType",
    "Programme",
    "ProgrammeCatalog",
    "Rating",
    "Rejection",
    "RequiredLevel",
    "ScaleLevel",
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
    "TrainingEvaluation",
    "TrainingPlan",
    "TrainingRecord",
    "Trajectory",
    "Unit",
    "UnknownStandardError",
    "UnknownTermError",
    "Unresolved",
    "__version__",
    "check",
    "check_targets",
    "cohort_gaps",
    "evaluate",
    "evaluate_training",
    "export_case",
    "gap",
    "import_case",
    "plan_training",
    "select",
    "structure",
    "target_trajectory",
    "unstructure",
    "validate",
]
