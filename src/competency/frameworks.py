"""The catalogue of frameworks and position profiles, and reading assessments.

Built-in frameworks and profiles live in ``competency/data/frameworks/*.yaml`` (read
through :mod:`importlib.resources`); a province or ministry adds its own with a file of
the same format, loaded by path. A file holds two lists, ``frameworks`` and
``profiles``; each item is validated against its schema, then checked for what a schema
cannot express (unique ids, levels within 1–5, profiles naming competencies the
framework has).

Assessments are records (JSON Lines, JSON, CSV or XLSX) read like rosters: every record
is valid or reported with its location. :class:`AssessmentIndex` answers "which level
counts for this official and competency on this date": the latest valid assessment.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from competency._data import data_files, parse_yaml, read_data_file, schema_problems, structured
from competency.errors import CompetencyError, DataFileError, InputError
from competency.framework import (
    Assessment,
    AssessmentMethod,
    Framework,
    PositionProfile,
)
from competency.io import RawRecord, read_records
from competency.model import Assignment, Official

__all__ = [
    "AssessmentIndex",
    "CheckedAssessment",
    "FrameworkCatalog",
    "UnknownFrameworkError",
    "assessments_from",
    "framework_problems",
    "load_framework_file",
    "read_assessments",
]

_LISTS = {"frameworks": ("framework", Framework), "profiles": ("position-profile", PositionProfile)}


@attrs.define(eq=False, str=False)
class UnknownFrameworkError(CompetencyError, KeyError):
    """A framework or profile id the catalogue does not hold."""

    what: str
    wanted: str
    known: tuple[str, ...]

    def __str__(self) -> str:
        close = difflib.get_close_matches(self.wanted, self.known, n=3, cutoff=0.5)
        hint = f"; did you mean: {', '.join(close)}?" if close else ""
        return f"unknown {self.what} {self.wanted!r}{hint}"


def _duplicates(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    twice: set[str] = set()
    for value in values:
        (twice if value in seen else seen).add(value)
    return sorted(twice)


def framework_problems(framework: Framework, pointer: str) -> list[str]:
    """Checks a schema cannot express: unique ids, levels listed once and in order."""
    problems = []
    if framework.illustrative and framework.confidence.value != "illustrative":
        problems.append(f"{pointer}/confidence: an illustrative framework must have "
                        "confidence 'illustrative'")
    problems += [f"{pointer}/groups: duplicate group id {g!r}"
                 for g in _duplicates(g.id for g in framework.groups)]
    problems += [f"{pointer}/groups: duplicate competency id {c!r}"
                 for c in _duplicates(c.id for c in framework.competencies())]
    problems += [f"{pointer}/scale: level {lv} given twice"
                 for lv in _duplicates(str(s.level) for s in framework.scale)]
    for g, group in enumerate(framework.groups):
        for c, competency in enumerate(group.competencies):
            levels = [d.level for d in competency.levels]
            problems += [f"{pointer}/groups/{g}/competencies/{c}/levels: level {lv} given twice"
                         for lv in _duplicates(map(str, levels))]
            if levels != sorted(levels):
                problems.append(f"{pointer}/groups/{g}/competencies/{c}/levels: "
                                "levels must be listed lowest first")
    return problems


def _profile_problems(profile: PositionProfile, pointer: str,
                      frameworks: Mapping[str, Framework]) -> list[str]:
    framework = frameworks.get(profile.framework)
    if framework is None:
        return [f"{pointer}/framework: no framework with id {profile.framework!r}"]
    problems = [f"{pointer}/required: competency {c!r} listed twice"
                for c in _duplicates(r.competency for r in profile.required)]
    for i, required in enumerate(profile.required):
        if framework.competency(required.competency) is None:
            problems.append(f"{pointer}/required/{i}/competency: {framework.id} has no "
                            f"competency {required.competency!r}")
    if profile.illustrative and profile.confidence.value != "illustrative":
        problems.append(f"{pointer}/confidence: an illustrative profile must have "
                        "confidence 'illustrative'")
    return problems


def load_framework_file(text: str, source: str, *,
                        known: Mapping[str, Framework] | None = None,
                        ) -> tuple[list[Framework], list[PositionProfile]]:
    """Parse, validate and check one frameworks file; all problems reported together.

    Profiles may name a framework of the same file or one of ``known``.
    """
    data = parse_yaml(text, source)
    if not isinstance(data, dict):
        raise DataFileError(source=source, problems=(
            "/: expected a mapping with 'frameworks' and/or 'profiles' lists",))
    problems = [f"/: unknown key {key!r}; expected frameworks or profiles"
                for key in data if key not in _LISTS]
    for key, (kind, _) in _LISTS.items():
        items = data.get(key, [])
        if not isinstance(items, list):
            problems.append(f"/{key}: expected a list")
            continue
        for i, item in enumerate(items):
            problems += schema_problems(item, kind, prefix=f"/{key}/{i}")
    if problems:
        raise DataFileError(source=source, problems=tuple(problems))
    frameworks = [structured(item, Framework, source) for item in data.get("frameworks", [])]
    profiles = [structured(item, PositionProfile, source) for item in data.get("profiles", [])]
    available = {**(known or {}), **{f.id: f for f in frameworks}}
    problems = [p for i, f in enumerate(frameworks) for p in framework_problems(f, f"/frameworks/{i}")]
    problems += [p for i, p_ in enumerate(profiles)
                 for p in _profile_problems(p_, f"/profiles/{i}", available)]
    problems += [f"/frameworks: duplicate id {d!r}" for d in _duplicates(f.id for f in frameworks)]
    problems += [f"/profiles: duplicate id {d!r}" for d in _duplicates(p.id for p in profiles)]
    if problems:
        raise DataFileError(source=source, problems=tuple(problems))
    return frameworks, profiles


def _matches(profile: PositionProfile, official: Official, assignment: Assignment) -> bool:
    position = profile.position
    if position.title != assignment.title:
        return False
    unit = assignment.unit or official.unit
    if position.level is not None and (unit is None or unit.level is not position.level):
        return False
    return position.rank is None or assignment.rank == position.rank


@attrs.frozen(kw_only=True)
class FrameworkCatalog:
    """Frameworks and position profiles by id, and the file each came from."""

    frameworks: Mapping[str, Framework]
    profiles: Mapping[str, PositionProfile]
    sources: Mapping[str, str]

    @classmethod
    @functools.cache
    def builtin(cls) -> FrameworkCatalog:
        """The frameworks and profiles shipped with the package."""
        catalog = cls(frameworks={}, profiles={}, sources={})
        for source, text in data_files("frameworks"):
            catalog = catalog._plus(text, source)
        return catalog

    def _plus(self, text: str, source: str) -> FrameworkCatalog:
        frameworks, profiles = load_framework_file(text, source, known=self.frameworks)
        return attrs.evolve(
            self,
            frameworks={**self.frameworks, **{f.id: f for f in frameworks}},
            profiles={**self.profiles, **{p.id: p for p in profiles}},
            sources={**self.sources, **{f"framework:{f.id}": source for f in frameworks},
                     **{f"profile:{p.id}": source for p in profiles}})

    def with_file(self, path: Path) -> FrameworkCatalog:
        """This catalogue plus the frameworks and profiles of a file (same id replaces)."""
        text = read_data_file(path)
        return self._plus(text, str(path))

    def framework(self, framework_id: str) -> Framework:
        """The framework with this id."""
        try:
            return self.frameworks[framework_id]
        except KeyError:
            raise UnknownFrameworkError("framework", framework_id, tuple(self.frameworks)) from None

    def profile(self, profile_id: str) -> PositionProfile:
        """The position profile with this id."""
        try:
            return self.profiles[profile_id]
        except KeyError:
            raise UnknownFrameworkError("profile", profile_id, tuple(self.profiles)) from None

    def profiles_for(self, official: Official, assignment: Assignment) -> list[PositionProfile]:
        """Profiles whose position matches the post (title, and level and rank when given)."""
        return [p for _, p in sorted(self.profiles.items())
                if _matches(p, official, assignment)]


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


@attrs.frozen(kw_only=True)
class CheckedAssessment:
    """An assessment record after validation: the structured assessment, or the errors."""

    raw: RawRecord
    assessment: Assessment | None
    errors: tuple[str, ...]


def read_assessments(path: Path | str, *, fmt: str | None = None) -> Iterator[CheckedAssessment]:
    """Read, validate and structure each assessment record of a file, streaming."""
    for raw in read_records(path, format=fmt):
        if raw.data is None or raw.problems:
            yield CheckedAssessment(raw=raw, assessment=None,
                                    errors=raw.problems or ("no record could be read",))
            continue
        problems = schema_problems(raw.data, "assessment")
        if problems:
            yield CheckedAssessment(raw=raw, assessment=None, errors=tuple(problems))
            continue
        try:
            value = structured(raw.data, Assessment, str(raw.location))
        except DataFileError as exc:
            yield CheckedAssessment(raw=raw, assessment=None, errors=exc.problems)
            continue
        if value.valid_until is not None and value.valid_until < value.assessed_on:
            yield CheckedAssessment(raw=raw, assessment=None, errors=(
                "/valid_until: earlier than assessed_on",))
            continue
        yield CheckedAssessment(raw=raw, assessment=value, errors=())


def assessments_from(path: Path | str) -> list[Assessment]:
    """Every valid assessment of a file; an invalid record raises :class:`InputError`."""
    found = []
    for checked in read_assessments(path):
        if checked.assessment is None:
            raise InputError(f"{checked.raw.location}: {'; '.join(checked.errors)}")
        found.append(checked.assessment)
    return found

