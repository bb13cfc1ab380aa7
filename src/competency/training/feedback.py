"""Last year's evaluation read back into this year's plan: which programmes did not work.

A programme is reported for review when its classes' mean quality index falls in a band
below the threshold of ``data/training/quality-bands.yaml`` (``review_below``), or when
participants were assessed before and after it and none improved. The plan still uses the
programme (the review is for people to decide), and says how many it plans for it now.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from competency.errors import DataFileError
from competency.training.catalogue import quality_bands
from competency.training.evaluation import TrainingEvaluation
from competency.training.model import QualityBandTable
from competency.training.plan import ProgrammeReview, TrainingPlan

__all__ = ["review_programmes", "with_reviews"]


def _number(value: Any, pointer: str, source: str, *, whole: bool = False) -> Any:
    ok = isinstance(value, int) if whole else isinstance(value, (int, float))
    if value is None and not whole:
        return None
    if not ok or isinstance(value, bool):
        raise DataFileError(source=source, problems=(
            f"{pointer}: expected {'a whole number' if whole else 'a number'}, got {value!r}",))
    return value


def _list(data: Mapping[str, Any], key: str, source: str) -> list[Mapping[str, Any]]:
    items = data.get(key, [])
    if not isinstance(items, list) or not all(isinstance(i, Mapping) for i in items):
        raise DataFileError(source=source, problems=(f"/{key}: expected a list of objects",))
    for i, item in enumerate(items):
        if not isinstance(item.get("programme"), str):
            raise DataFileError(source=source, problems=(
                f"/{key}/{i}/programme: expected a programme id",))
    return items


def review_programmes(evaluation: TrainingEvaluation | Mapping[str, Any],
                      planned: Mapping[str, int], *, bands: QualityBandTable | None = None,
                      source: str = "(evaluation)") -> tuple[ProgrammeReview, ...]:
    """Programmes to review, from an evaluation (or the JSON ``competency evaluate`` writes)."""
    table = bands if bands is not None else quality_bands()
    data = evaluation.as_dict() if isinstance(evaluation, TrainingEvaluation) else evaluation
    if not isinstance(data, Mapping) or not ("quality" in data or "changes" in data):
        raise DataFileError(source=source, problems=(
            "/: expected the JSON output of 'competency evaluate' (keys quality, changes)",))
    threshold = next((b for b in table.bands if b.code == table.review_below), None)
    gains: dict[str, list[int]] = {}
    for i, row in enumerate(_list(data, "changes", source)):
        counts = gains.setdefault(row["programme"], [0, 0])
        counts[0] += _number(row.get("compared", 0), f"/changes/{i}/compared", source, whole=True)
        counts[1] += _number(row.get("improved", 0), f"/changes/{i}/improved", source, whole=True)
    index: dict[str, float | None] = {}
    for i, row in enumerate(_list(data, "quality", source)):
        value = _number(row.get("index"), f"/quality/{i}/index", source)
        if value is not None and not 0 <= value <= 10:
            raise DataFileError(source=source, problems=(
                f"/quality/{i}/index: expected an index on the 0–10 scale, got {value!r}",))
        index[row["programme"]] = value
    reviews = []
    for programme in sorted(set(gains) | set(index)):
        value = index.get(programme)
        band = table.band(value) if value is not None else None
        low = band is not None and threshold is not None and band.min < threshold.min
        compared, improved = gains.get(programme, [0, 0])
        if low or (compared and not improved):
            reviews.append(ProgrammeReview(
                programme=programme, band=band.code if low and band else None,
                band_name={"vi": band.name.vi, "en": band.name.en} if low and band else None,
                index=value, compared=compared, improved=improved,
                planned=planned.get(programme, 0)))
    return tuple(reviews)


def with_reviews(plan: TrainingPlan, evaluation: TrainingEvaluation | Mapping[str, Any], *,
                 source: str = "(evaluation)") -> TrainingPlan:
    """``plan`` with its review section filled from last year's evaluation."""
    planned: dict[str, int] = {}
    for line in plan.lines:
        planned[line.programme.id] = planned.get(line.programme.id, 0) + line.participants
    return attrs.evolve(plan, reviews=review_programmes(evaluation, planned, source=source))
