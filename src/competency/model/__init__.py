"""What users send: an official's record, assessments, training participation, and selectors.

Each module has one job; import the public names from here.
"""

from __future__ import annotations

from competency.model.assessment import (
    Assessment,
    AssessmentMethod,
)
from competency.model.assessment_index import (
    AssessmentIndex,
)
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
    RecordedFact,
    StateManagementCertificate,
    TrainingRecord,
    Unit,
)
from competency.model.participation import (
    Participation,
)
from competency.model.selector import (
    Selector,
    match,
    unit_key,
    unit_label,
)

__all__ = [
    "Assessment",
    "AssessmentIndex",
    "AssessmentMethod",
    "Assignment",
    "Education",
    "ITSkill",
    "LanguageSkill",
    "Official",
    "Participation",
    "PlanningPool",
    "PoliticalTheory",
    "Position",
    "Rating",
    "RecordedFact",
    "Selector",
    "StateManagementCertificate",
    "TrainingRecord",
    "Unit",
    "match",
    "unit_key",
    "unit_label",
]
