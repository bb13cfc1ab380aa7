"""The catalogue of frameworks and position profiles: built in, or from a file of the same format.

A file holds two lists, ``frameworks`` and ``profiles``; each item is validated against its
schema, then checked for what a schema cannot express (unique ids, levels within 1–5,
profiles naming competencies the framework has).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path

import attrs

from competency.errors import DataFileError, UnknownItemError
from competency.frameworks.model import Framework, PositionProfile
from competency.io.catalogue import duplicates
from competency.io.datafiles import (
    data_files,
    parse_yaml,
    read_data_file,
    schema_problems,
    structured,
)
from competency.model.official import Assignment, Official

__all__ = [
    "FrameworkCatalog",
    "UnknownFrameworkError",
    "framework_problems",
    "load_framework_file",
]

_LISTS = {"frameworks": ("framework", Framework), "profiles": ("position-profile", PositionProfile)}


UnknownFrameworkError = UnknownItemError
"""Deprecated alias of :class:`~competency.errors.UnknownItemError`."""


def framework_problems(framework: Framework, pointer: str) -> list[str]:
    """Checks a schema cannot express: unique ids, levels listed once and in order."""
    problems = []
    if framework.illustrative and framework.confidence.value != "illustrative":
        problems.append(f"{pointer}/confidence: an illustrative framework must have "
                        "confidence 'illustrative'")
    problems += [f"{pointer}/groups: duplicate group id {g!r}"
                 for g in duplicates(g.id for g in framework.groups)]
    problems += [f"{pointer}/groups: duplicate competency id {c!r}"
                 for c in duplicates(c.id for c in framework.competencies())]
    problems += [f"{pointer}/scale: level {lv} given twice"
                 for lv in duplicates(str(s.level) for s in framework.scale)]
    for g, group in enumerate(framework.groups):
        for c, competency in enumerate(group.competencies):
            levels = [d.level for d in competency.levels]
            problems += [f"{pointer}/groups/{g}/competencies/{c}/levels: level {lv} given twice"
                         for lv in duplicates(map(str, levels))]
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
                for c in duplicates(r.competency for r in profile.required)]
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
    problems += [f"/frameworks: duplicate id {d!r}" for d in duplicates(f.id for f in frameworks)]
    problems += [f"/profiles: duplicate id {d!r}" for d in duplicates(p.id for p in profiles)]
    if problems:
        raise DataFileError(source=source, problems=tuple(problems))
    return frameworks, profiles


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
            raise UnknownItemError("framework", framework_id, tuple(self.frameworks)) from None

    def profile(self, profile_id: str) -> PositionProfile:
        """The position profile with this id."""
        try:
            return self.profiles[profile_id]
        except KeyError:
            raise UnknownItemError("profile", profile_id, tuple(self.profiles)) from None

    def profiles_for(self, official: Official, assignment: Assignment) -> list[PositionProfile]:
        """Profiles whose position matches the post (title, and level and rank when given)."""
        return [p for _, p in sorted(self.profiles.items())
                if p.position.selector().matches(official, assignment)]


