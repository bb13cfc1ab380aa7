"""Gap analysis: where a person, or a whole unit's staff, falls short of a position.

:func:`gap` joins, for one official on one date, the qualification rules that are unmet
or unknown (from :func:`competency.check`'s evaluator, with the deadlines of transitional
provisions) and the competency shortfalls against a position profile (required level,
assessed level, size), each with its citation or framework reference, ordered by
severity: legal requirements not met, then legal requirements that cannot be decided for
want of data, then competency shortfalls, then competencies not yet assessed; within a
kind, larger shortfalls first.

Each report also lists the training **needs** the gaps translate into: for a standard
that is not met, the smallest set of trainable requirements (education level, political
theory, state-management programme, language, IT skill, competency level) that would
meet it, so that a university degree is asked only where the trung cấp exception of a
disadvantaged area does not apply. Requirements no course can close (age, a condition on
the unit) are gaps but not needs; data that is missing is never a training need.

:func:`cohort_gaps` streams over a roster and aggregates by unit, position,
administrative level and kind of gap (counts, shares, who), keeping the needs for
:func:`competency.training.plan.plan_training`.

The parts live in private modules, one job each: the report model (``_report``), needs
from requirement trees (``_needs``), the gaps of a standard or a profile
(``_shortfalls``), one official's report (``_person``) and a whole roster
(``_cohort``); import them from here.
"""

from __future__ import annotations

# DIMENSIONS and SubjectStats (the aliased imports) stay importable here, though not in __all__.
from competency.frameworks.gaps._cohort import DIMENSIONS as DIMENSIONS
from competency.frameworks.gaps._cohort import (
    CohortGaps,
    GroupStats,
    NeedRow,
    cohort_gaps,
    title_names,
)
from competency.frameworks.gaps._cohort import SubjectStats as SubjectStats
from competency.frameworks.gaps._person import gap
from competency.frameworks.gaps._report import (
    Gap,
    GapKind,
    GapReport,
    Need,
    NeedArea,
    NeedSource,
    PostRef,
)

__all__ = [
    "CohortGaps",
    "Gap",
    "GapKind",
    "GapReport",
    "GroupStats",
    "Need",
    "NeedArea",
    "NeedSource",
    "NeedRow",
    "PostRef",
    "cohort_gaps",
    "gap",
    "title_names",
]
