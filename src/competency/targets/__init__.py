"""Workforce targets (chỉ tiêu): the record kind, its catalogue, measuring a roster, trajectories.

Each module has one job; import the public names from here.
"""

from __future__ import annotations

from competency.targets.catalogue import (
    UnknownTargetSetError,
    builtin_target_sets,
    get_target_set,
    load_target_file,
    resolve_target_sets,
)
from competency.targets.measure import (
    IndicatorResult,
    TargetReport,
    check_targets,
)
from competency.targets.model import (
    GROUPINGS,
    Counting,
    GroupBy,
    Indicator,
    TargetRange,
    TargetSet,
    TargetStatus,
)
from competency.targets.needs import TargetCandidates, target_needs
from competency.targets.plan_needs import NeedTap, roster_needs
from competency.targets.plan_overlay import PlanOverlay, TargetProgramme, load_plan_overlay
from competency.targets.posts import (
    PostGroup,
    TaskPosts,
    capability_predicate,
    international,
)
from competency.targets.trajectory import (
    Trajectory,
    target_trajectory,
)

__all__ = [
    "GROUPINGS",
    "Counting",
    "GroupBy",
    "Indicator",
    "IndicatorResult",
    "NeedTap",
    "PlanOverlay",
    "PostGroup",
    "TargetRange",
    "TargetReport",
    "TargetCandidates",
    "TargetProgramme",
    "TargetSet",
    "TargetStatus",
    "TaskPosts",
    "Trajectory",
    "UnknownTargetSetError",
    "builtin_target_sets",
    "capability_predicate",
    "check_targets",
    "get_target_set",
    "international",
    "load_plan_overlay",
    "load_target_file",
    "resolve_target_sets",
    "roster_needs",
    "target_needs",
    "target_trajectory",
]
