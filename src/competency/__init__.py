"""competency: Vietnamese civil-servant qualification standards as cited, dated data.

The public API; implementation modules are reached through these names.
"""

from __future__ import annotations

from importlib.metadata import version as _version
from typing import Any

from competency.errors import CompetencyError, DataFileError, InputError, UnknownTermError
from competency.frameworks.case import export_case, import_case
from competency.frameworks.catalogue import FrameworkCatalog
from competency.frameworks.gaps import CohortGaps, Gap, GapKind, GapReport, cohort_gaps, gap
from competency.frameworks.model import (
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
from competency.law import Confidence, LegalReference, Period
from competency.model.assessment import Assessment, AssessmentMethod
from competency.model.official import (
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
from competency.model.participation import Participation
from competency.rules.evaluate import Evaluation
from competency.rules.outcome import Outcome
from competency.schema.convert import StructureError, structure, unstructure
from competency.schema.validate import SchemaIssue
from competency.selection import (
    Candidate,
    Rejection,
    Selection,
    SelectionScheme,
    Unresolved,
    select,
)
from competency.standards.catalogue import Catalog, UnknownStandardError
from competency.standards.checking import DraftStandardError, PositionResult, check, evaluate
from competency.standards.evaluate import StandardResult
from competency.standards.explanation import Explanation, explain
from competency.standards.model import Standard
from competency.targets.measure import IndicatorResult, TargetReport, check_targets
from competency.targets.model import Indicator, TargetSet, TargetStatus
from competency.targets.trajectory import Trajectory, target_trajectory
from competency.training.catalogue import ProgrammeCatalog
from competency.training.evaluation import TrainingEvaluation, evaluate_training
from competency.training.model import Programme
from competency.training.plan import TrainingPlan, plan_training

__version__ = _version("competency")


def validate(instance: Any, kind: str = "official") -> list[SchemaIssue]:
    """Every schema error of ``instance`` (JSON pointer and message); empty when valid."""
    from competency.schema.validate import validator  # noqa: PLC0415

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
    "Explanation",
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
    "explain",
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
