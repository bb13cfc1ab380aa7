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
from competency.serialize import StructureError, structure, unstructure

__version__ = _version("competency")


def validate(instance: Any, kind: str = "official") -> list[SchemaIssue]:
    """Every schema error of ``instance`` (JSON pointer and message); empty when valid."""
    from competency.schema import validator  # noqa: PLC0415

    return validator(kind).errors(instance)


__all__ = [
    "Assignment",
    "Catalog",
    "CompetencyError",
    "Confidence",
    "DataFileError",
    "DraftStandardError",
    "Education",
    "Evaluation",
    "ITSkill",
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
    "SchemaIssue",
    "Standard",
    "StandardResult",
    "StateManagementCertificate",
    "StructureError",
    "TrainingRecord",
    "Unit",
    "UnknownStandardError",
    "UnknownTermError",
    "__version__",
    "check",
    "evaluate",
    "structure",
    "unstructure",
    "validate",
]
