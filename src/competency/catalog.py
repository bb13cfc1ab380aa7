"""The catalogue of standards and tables: loaded from data, validated, looked up by date.

Built-in data lives in ``competency/data/`` (one YAML file per instrument) and is read
through :mod:`importlib.resources`. A province adds its own rules with an overlay file
of the same format, loaded by path; an overlay standard that ``supersedes`` a built-in
one replaces it for the officials both apply to.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import importlib.resources
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from competency._data import (
    index_by_id,
    load_list_file,
    read_data_file,
    schema_problems,
    structured,
)
from competency._yaml import load_yaml
from competency.errors import CompetencyError, DataFileError
from competency.law import Confidence
from competency.model import Assignment, Official, Unit
from competency.rules.nodes import AppliesTo, Standard, walk
from competency.rules.tables import (
    LanguageCertificateTable,
    PoliticalTheoryTable,
    RetirementAgeTable,
    Tables,
    TermPeriodTable,
)

__all__ = ["Catalog", "UnknownStandardError", "load_standard_file", "matches"]

_TABLES = {
    "term-periods": ("table-term-periods", TermPeriodTable),
    "retirement-age": ("table-retirement-age", RetirementAgeTable),
    "political-theory": ("table-political-theory", PoliticalTheoryTable),
    "language-certificates": ("table-language-certificates", LanguageCertificateTable),
}


@attrs.define(eq=False, str=False)
class UnknownStandardError(CompetencyError, KeyError):
    """A standard id that the catalogue does not hold."""

    standard_id: str
    known: tuple[str, ...]

    def __str__(self) -> str:
        close = difflib.get_close_matches(self.standard_id, self.known, n=3, cutoff=0.5)
        hint = f"; did you mean: {', '.join(close)}?" if close else ""
        return f"unknown standard {self.standard_id!r}{hint}"


def _consistency(standard: Standard, pointer: str) -> list[str]:
    """Checks a schema cannot express: unique node ids, provisions naming real nodes."""
    ids = [node.id for node in walk(standard.requirements)]
    problems = [f"{pointer}/requirements: duplicate node id {i!r}"
                for i in sorted({i for i in ids if ids.count(i) > 1})]
    for k, provision in enumerate(standard.transitional):
        problems += [f"{pointer}/transitional/{k}/rules: no node with id {rule!r}"
                     for rule in provision.rules if rule not in ids]
    return problems


def load_standard_file(text: str, source: str) -> list[Standard]:
    """Parse, validate and structure one standards file; all problems reported together."""
    standards = load_list_file(text, source, key="standards", kind="standard", cls=Standard)
    problems = [p for i, s in enumerate(standards) for p in _consistency(s, f"/standards/{i}")]
    if problems:
        raise DataFileError(source=source, problems=tuple(problems))
    return standards


def _load_table(name: str) -> Any:
    kind, cls = _TABLES[name]
    source = f"data/tables/{name}.yaml"
    text = (importlib.resources.files("competency") / "data" / "tables" / f"{name}.yaml").read_text(
        encoding="utf-8")
    data = load_yaml(text)
    problems = schema_problems(data, kind)
    if problems:
        raise DataFileError(source=source, problems=tuple(problems))
    return structured(data, cls, source)


def matches(applies_to: AppliesTo, official: Official, assignment: Assignment) -> bool:
    """True when the selector matches; a selector key the record leaves unknown does not match."""
    unit: Unit | None = assignment.unit or official.unit
    checks = (
        (applies_to.categories, official.category),
        (applies_to.levels, None if unit is None else unit.level),
        (applies_to.titles, assignment.title),
        (applies_to.ranks, assignment.rank),
        (applies_to.provinces, None if unit is None else unit.province_code),
    )
    return all(accepted is None or value in accepted for accepted, value in checks)


@attrs.frozen(kw_only=True)
class Catalog:
    """Standards by id, the tables the rules read, and where each standard came from."""

    standards: Mapping[str, Standard]
    tables: Tables
    sources: Mapping[str, str]

    @classmethod
    @functools.cache
    def builtin(cls) -> Catalog:
        """The standards and tables shipped with the package."""
        standards, sources = index_by_id("standards", load_standard_file, "standard id")
        tables = Tables(retirement=_load_table("retirement-age"),
                        political_theory=_load_table("political-theory"),
                        languages=_load_table("language-certificates"),
                        term_periods=_load_table("term-periods"))
        return cls(standards=standards, tables=tables, sources=sources)

    def with_file(self, path: Path) -> Catalog:
        """This catalogue plus the standards of an overlay file (same id replaces)."""
        text = read_data_file(path)
        added = load_standard_file(text, str(path))
        return attrs.evolve(self, standards={**self.standards, **{s.id: s for s in added}},
                            sources={**self.sources, **{s.id: str(path) for s in added}})

    def get(self, standard_id: str) -> Standard:
        """The standard with this id."""
        try:
            return self.standards[standard_id]
        except KeyError:
            raise UnknownStandardError(standard_id, tuple(self.standards)) from None

    def _usable(self, standard: Standard, on: dt.date, include_drafts: bool) -> bool:
        drafty = standard.confidence is Confidence.DRAFT
        return standard.in_force(on) and (include_drafts or not drafty)

    def in_force(self, on: dt.date, *, include_drafts: bool = False) -> list[Standard]:
        """Standards in force on ``on`` (drafts only when asked for), sorted by id."""
        return sorted((s for s in self.standards.values() if self._usable(s, on, include_drafts)),
                      key=lambda s: s.id)

    def for_assignment(self, official: Official, assignment: Assignment, on: dt.date, *,
                       include_drafts: bool = False) -> list[Standard]:
        """Standards that apply to this post on ``on``, without those another one supersedes."""
        found = [s for s in self.in_force(on, include_drafts=include_drafts)
                 if matches(s.applies_to, official, assignment)]
        replaced = {old for s in found for old in s.supersedes}
        return [s for s in found if s.id not in replaced]

    def applicable(self, official: Official, on: dt.date, *,
                   include_drafts: bool = False) -> list[tuple[Assignment, Standard]]:
        """(post, standard) for every current post of the official on ``on``."""
        return [(a, s) for a in official.current_assignments(on)
                for s in self.for_assignment(official, a, on, include_drafts=include_drafts)]

    def subjects(self) -> list[str]:
        """Every subject, sorted."""
        return sorted({s.subject for s in self.standards.values()})

    def history(self, subject: str) -> list[Standard]:
        """The standards of a subject in the order they took effect (unknown start first)."""
        chain = [s for s in self.standards.values() if s.subject == subject]
        return sorted(chain, key=lambda s: (s.valid_from or dt.date.min, s.id))

    def __iter__(self) -> Iterator[Standard]:
        return iter(sorted(self.standards.values(), key=lambda s: s.id))

    def ids(self) -> Iterable[str]:
        """Every standard id, sorted."""
        return sorted(self.standards)
