"""Competency frameworks (khung năng lực): the record kind, its catalogue, gaps and CASE interchange.

Each module has one job; import the public names from here.
"""

from __future__ import annotations

from competency.frameworks.catalogue import (
    FrameworkCatalog,
    UnknownFrameworkError,
    framework_problems,
    load_framework_file,
)
from competency.frameworks.model import (
    LEVELS,
    Competency,
    CompetencyGroup,
    CompetencyGroupKind,
    Framework,
    LevelDescriptor,
    PositionProfile,
    PositionRef,
    PositionTask,
    PositionType,
    PostTask,
    PostTaskTable,
    RequiredLevel,
    ScaleLevel,
)
from competency.frameworks.tasks import carries, post_tasks, task_posts

__all__ = [
    "LEVELS",
    "Competency",
    "CompetencyGroup",
    "CompetencyGroupKind",
    "Framework",
    "FrameworkCatalog",
    "LevelDescriptor",
    "PositionProfile",
    "PositionRef",
    "PositionTask",
    "PositionType",
    "PostTask",
    "PostTaskTable",
    "RequiredLevel",
    "ScaleLevel",
    "UnknownFrameworkError",
    "carries",
    "framework_problems",
    "load_framework_file",
    "post_tasks",
    "task_posts",
]
