"""Training (đào tạo, bồi dưỡng): programmes, their catalogue, plans and evaluation after training.

Each module has one job; import the public names from here.
"""

from __future__ import annotations

from competency.training.catalogue import (
    ProgrammeCatalog,
    UnknownProgrammeError,
    load_programme_file,
    quality_bands,
)
from competency.training.evaluation import (
    LevelChange,
    ProgrammeQuality,
    TrainingEvaluation,
    evaluate_training,
    participations_from,
)
from competency.training.model import (
    ClassSize,
    Closes,
    ClosesCompetency,
    ClosesEducation,
    ClosesITSkill,
    ClosesLanguage,
    ClosesPoliticalTheory,
    ClosesStateManagement,
    DeliveryMode,
    Duration,
    DurationUnit,
    Programme,
    QualityBand,
    QualityBandTable,
)
from competency.training.plan import (
    AREAS,
    DEFAULT_PRIORITIES,
    PRIORITY_KEYS,
    PlanLine,
    PlannedNeed,
    TrainingPlan,
    UnfundedReason,
    UnitCost,
    closing_level,
    plan_training,
)

__all__ = [
    "AREAS",
    "DEFAULT_PRIORITIES",
    "PRIORITY_KEYS",
    "ClassSize",
    "Closes",
    "ClosesCompetency",
    "ClosesEducation",
    "ClosesITSkill",
    "ClosesLanguage",
    "ClosesPoliticalTheory",
    "ClosesStateManagement",
    "DeliveryMode",
    "Duration",
    "DurationUnit",
    "LevelChange",
    "PlanLine",
    "PlannedNeed",
    "Programme",
    "ProgrammeCatalog",
    "ProgrammeQuality",
    "QualityBand",
    "QualityBandTable",
    "TrainingEvaluation",
    "TrainingPlan",
    "UnfundedReason",
    "UnitCost",
    "UnknownProgrammeError",
    "closing_level",
    "evaluate_training",
    "load_programme_file",
    "participations_from",
    "plan_training",
    "quality_bands",
]
