"""After training: did levels rise, and how good were the classes?

:func:`evaluate_training` compares, for every programme and unit, each participant's
competency level before the programme (the assessment that counted the day before it
started) with the level after it (the assessment that counts on the evaluation date, if
made on or after the last day), for the competencies the programme is meant to close
(every competency assessed both times when the programme is unknown). It also averages
the classes' general evaluation index (0–10, from lecturers' and learners' survey forms
under Circular 10/2017/TT-BNV) per programme and names its quality band; the bands are
data (``data/training/quality-bands.yaml``) and marked needs-check.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from typing import Any

import attrs

from competency.model.assessment import Assessment
from competency.model.assessment_index import AssessmentIndex
from competency.model.official import Official
from competency.model.participation import Participation
from competency.training.catalogue import ProgrammeCatalog, quality_bands
from competency.training.model import ClosesCompetency, QualityBand, QualityBandTable

__all__ = ["ClassQuality", "LevelChange", "ProgrammeQuality", "TrainingEvaluation", "evaluate_training",
           "participations_from"]


@attrs.frozen(kw_only=True)
class LevelChange:
    """Levels before and after for one programme, unit and competency."""

    programme: str
    unit: str
    competency: str
    participants: int
    completed: int
    compared: int
    mean_before: float | None
    mean_after: float | None
    improved: int
    unchanged: int
    declined: int

    @property
    def mean_change(self) -> float | None:
        """Mean after minus mean before, over the participants assessed both times."""
        if self.mean_before is None or self.mean_after is None:
            return None
        return self.mean_after - self.mean_before


@attrs.frozen(kw_only=True)
class ProgrammeQuality:
    """The general evaluation index of a programme's classes and its band."""

    programme: str
    classes: int
    index: float | None
    band: QualityBand | None


@attrs.frozen(kw_only=True)
class ClassQuality:
    """The general evaluation index of one class and its band."""

    programme: str
    class_id: str
    index: float
    band: QualityBand


@attrs.frozen(kw_only=True)
class TrainingEvaluation:
    """Level changes by programme, unit and competency; quality by programme and class."""

    on: dt.date
    changes: tuple[LevelChange, ...]
    quality: tuple[ProgrammeQuality, ...]
    bands: QualityBandTable
    classes: tuple[ClassQuality, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {
            "on": self.on.isoformat(),
            "changes": [{**attrs.asdict(c), "mean_change": c.mean_change} for c in self.changes],
            "quality": [{"programme": q.programme, "classes": q.classes, "index": q.index,
                         "band": q.band.code if q.band else None,
                         "band_name": {"vi": q.band.name.vi, "en": q.band.name.en} if q.band
                         else None} for q in self.quality],
            "classes": [{"programme": c.programme, "class_id": c.class_id, "index": c.index,
                         "band": c.band.code} for c in self.classes],
            "bands_basis": self.bands.cite(),
            "bands_confidence": self.bands.confidence.value,
        }


def participations_from(officials: Iterable[Official]) -> list[Participation]:
    """Participation records built from the courses in officials' records."""
    found = []
    for official in officials:
        unit = official.unit
        label = None if unit is None else (unit.id or unit.commune_code or unit.name)
        found += [Participation(official_id=official.id, programme=t.programme, unit=label,
                                start=t.start, end=t.end, completed=t.completed, result=t.result)
                  for t in official.training or ()]
    return found


def _targets(programme: str, programmes: ProgrammeCatalog | None) -> tuple[str, ...] | None:
    if programmes is None or programme not in programmes.programmes:
        return None
    return tuple(c.competency.competency for c in programmes.get(programme).closes
                 if isinstance(c, ClosesCompetency))


def evaluate_training(records: Iterable[Participation | Official],
                      assessments: AssessmentIndex | Iterable[Assessment], *,
                      programmes: ProgrammeCatalog | None = None,
                      bands: QualityBandTable | None = None,
                      on: dt.date) -> TrainingEvaluation:
    """Levels before and after each programme, by unit; quality bands by programme.

    ``records`` are participation records (or officials, whose recorded courses are
    used). Only completed participations with a last day on or before ``on`` (default
    today) are compared; the others are counted as participants only. The competencies
    compared are those the programme closes (``programmes``, default the built-in ones);
    for a programme not in the catalogue, every competency assessed before it started.
    """
    table = bands if bands is not None else quality_bands()
    programmes = programmes if programmes is not None else ProgrammeCatalog.builtin()
    index = assessments if isinstance(assessments, AssessmentIndex) else AssessmentIndex(assessments)
    items: list[Participation] = []
    for record in records:
        items += participations_from([record]) if isinstance(record, Official) else [record]

    groups: dict[tuple[str, str, str], dict[str, Any]] = {}
    class_index: dict[str, dict[str, float]] = {}
    for i, item in enumerate(items):
        unit = item.unit or "?"
        if item.quality_index is not None:
            class_index.setdefault(item.programme, {}).setdefault(
                item.class_id or f"#{i}", item.quality_index)
        done = item.completed is not False and item.end is not None and item.end <= on
        start = item.start or item.end
        targets = _targets(item.programme, programmes)
        if targets is None:
            assessed_before = index.latest(item.official_id, (start or on) - dt.timedelta(days=1))
            targets = tuple(sorted(assessed_before))
        for competency in targets:
            entry = groups.setdefault((item.programme, unit, competency), {
                "participants": set(), "completed": set(), "pairs": []})
            entry["participants"].add(item.official_id)
            if not done or start is None or item.end is None:
                continue
            entry["completed"].add(item.official_id)
            before = index.before(item.official_id, competency, start)
            after = index.after(item.official_id, competency, item.end, on)
            if before is not None and after is not None:
                entry["pairs"].append((before.level, after.level))

    changes = []
    for (programme, unit, competency), entry in sorted(groups.items()):
        pairs = entry["pairs"]
        changes.append(LevelChange(
            programme=programme, unit=unit, competency=competency,
            participants=len(entry["participants"]), completed=len(entry["completed"]),
            compared=len(pairs),
            mean_before=statistics.fmean(b for b, _ in pairs) if pairs else None,
            mean_after=statistics.fmean(a for _, a in pairs) if pairs else None,
            improved=sum(a > b for b, a in pairs), unchanged=sum(a == b for b, a in pairs),
            declined=sum(a < b for b, a in pairs)))

    quality = []
    for programme in sorted({item.programme for item in items}):
        values = list(class_index.get(programme, {}).values())
        mean = statistics.fmean(values) if values else None
        quality.append(ProgrammeQuality(programme=programme, classes=len(values), index=mean,
                                        band=table.band(mean) if mean is not None else None))
    classes = tuple(ClassQuality(programme=programme, class_id=class_id, index=value,
                                 band=table.band(value))
                    for programme, by_class in sorted(class_index.items())
                    for class_id, value in sorted(by_class.items()))
    return TrainingEvaluation(on=on, changes=tuple(changes), quality=tuple(quality), bands=table,
                              classes=classes)
