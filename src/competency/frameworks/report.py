"""Cohort gaps as one JSON-ready document.

``competency gaps --format json`` and the HTTP service answer in this shape.
"""

from __future__ import annotations

from typing import Any

from competency.frameworks.gaps import CohortGaps
from competency.io.roster import Tally

__all__ = ["gaps_document"]


def gaps_document(tally: Tally, cohort: CohortGaps, by: str,
                  assessed: Tally | None = None) -> dict[str, Any]:
    """``gaps --format json``: the records read, the cohort's gaps by ``by``, the assessments."""
    data: dict[str, Any] = {"records": tally.as_dict(), **cohort.as_dict(by=[by])}
    if assessed is not None:
        data["assessments"] = assessed.as_dict()
    return data
