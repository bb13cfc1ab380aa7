"""Which assessment counts: the latest valid one, a test before a self-assessment on the same day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from competency.model.assessment import Assessment, AssessmentMethod

__all__ = [
    "AssessmentIndex",
]



# -- assessments ---------------------------------------------------------------------------------

_METHOD_WEIGHT = {AssessmentMethod.TEST: 0, AssessmentMethod.TRAINING_RESULT: 1,
                  AssessmentMethod.MULTI_RATER: 2, AssessmentMethod.MANAGER: 3,
                  AssessmentMethod.SELF: 4}


def _precedence(a: Assessment) -> tuple[Any, ...]:
    """Sort key: the assessment that counts comes first.

    The latest date wins; on the same day a test outranks a training result, then a 360
    assessment, the manager's and last a self-assessment; then the lower level (the
    cautious reading); then the evidence text, so that the order never depends on input order.
    """
    return (-a.assessed_on.toordinal(), _METHOD_WEIGHT[a.method], a.level, a.evidence or "",
            a.framework or "")


class AssessmentIndex:
    """Assessments by official, answering which level counts on a date."""

    def __init__(self, assessments: Iterable[Assessment] = ()) -> None:
        self._by_official: dict[str, list[Assessment]] = defaultdict(list)
        for assessment in assessments:
            self._by_official[assessment.official_id].append(assessment)

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_official.values())

    def of(self, official_id: str) -> list[Assessment]:
        """Every assessment of the official, as given."""
        return list(self._by_official.get(official_id, ()))

    def latest(self, official_id: str, on: dt.date, *,
               framework: str | None = None) -> dict[str, Assessment]:
        """Competency id → the assessment that counts on ``on``: the latest valid one.

        Assessments made after ``on`` or expired by then do not count. With ``framework``,
        assessments tied to another framework are ignored (untied ones still count).
        """
        chosen: dict[str, Assessment] = {}
        for assessment in sorted(self._by_official.get(official_id, ()), key=_precedence):
            if not assessment.valid_on(on):
                continue
            if framework is not None and assessment.framework not in (None, framework):
                continue
            chosen.setdefault(assessment.competency, assessment)
        return chosen

    def levels(self, official_id: str, on: dt.date, *,
               framework: str | None = None) -> dict[str, int]:
        """Competency id → level that counts on ``on`` (for rules and gap analysis)."""
        return {c: a.level for c, a in self.latest(official_id, on, framework=framework).items()}

    def before(self, official_id: str, competency: str, day: dt.date) -> Assessment | None:
        """The assessment that counted the day before ``day``."""
        return self.latest(official_id, day - dt.timedelta(days=1)).get(competency)

    def after(self, official_id: str, competency: str, day: dt.date,
              on: dt.date) -> Assessment | None:
        """The assessment that counts on ``on``, if it was made on or after ``day``."""
        found = self.latest(official_id, on).get(competency)
        return found if found is not None and found.assessed_on >= day else None


