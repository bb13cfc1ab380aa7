"""The catalogue of standards and tables: loaded from data, validated, looked up by date.

Built-in data lives in ``competency/data/`` (one YAML file per instrument) and is read
through :mod:`importlib.resources`. A province adds its own rules with an overlay file
of the same format, loaded by path; an overlay standard that ``supersedes`` a built-in
one replaces it for the officials both apply to.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from competency.errors import DataFileError, UnknownItemError
from competency.io.catalogue import Catalogue, Shelf
from competency.io.datafiles import shipped_table
from competency.law import Confidence
from competency.model.official import Assignment, Official
from competency.rules.nodes import walk
from competency.rules.tables import (
    LanguageCertificateTable,
    PoliticalTheoryTable,
    RegimeTable,
    RetirementAgeTable,
    Tables,
    TermPeriodTable,
)
from competency.standards.applicability import Test, tests_for
from competency.standards.model import Standard

__all__ = ["STANDARDS", "Catalog", "UnknownStandardError", "load_standard_file"]

_TABLES = {
    "term-periods": ("table-term-periods", TermPeriodTable),
    "regimes": ("table-regimes", RegimeTable),
    "retirement-age": ("table-retirement-age", RetirementAgeTable),
    "political-theory": ("table-political-theory", PoliticalTheoryTable),
    "language-certificates": ("table-language-certificates", LanguageCertificateTable),
}


UnknownStandardError = UnknownItemError
"""Deprecated alias of :class:`~competency.errors.UnknownItemError`."""


def _consistency(standard: Standard, pointer: str) -> list[str]:
    """Checks a schema cannot express: unique node ids, provisions naming real nodes."""
    ids = [node.id for node in walk(standard.requirements)]
    problems = [f"{pointer}/requirements: duplicate node id {i!r}"
                for i in sorted({i for i in ids if ids.count(i) > 1})]
    for k, provision in enumerate(standard.transitional):
        problems += [f"{pointer}/transitional/{k}/rules: no node with id {rule!r}"
                     for rule in provision.rules if rule not in ids]
    return problems


STANDARDS: Shelf[Standard] = Shelf(noun="standard", folder="standards", key="standards",
                                 schema="standard", cls=Standard, problems=_consistency)
"""Where standards are stored: ``data/standards/**.yaml``, a ``standards`` list per file."""


def load_standard_file(text: str, source: str) -> list[Standard]:
    """Parse, validate and structure one standards file; all problems reported together."""
    return STANDARDS.load(text, source)


def _unknown_superseded(standards: Mapping[str, Standard], sources: Mapping[str, str]) -> None:
    """A ``supersedes`` naming no standard is a data-file error: it would replace nothing."""
    for s in standards.values():
        missing = [old for old in s.supersedes if old not in standards]
        if missing:
            raise DataFileError(source=sources.get(s.id, s.id), problems=tuple(
                f"/standards: {s.id!r} supersedes {old!r}, which no standard has as id"
                for old in missing))


def _load_table(name: str) -> Any:
    kind, cls = _TABLES[name]
    return shipped_table(f"tables/{name}.yaml", kind, cls)


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
        shipped = Catalogue.shipped(STANDARDS)
        tables = Tables(retirement=_load_table("retirement-age"),
                        political_theory=_load_table("political-theory"),
                        languages=_load_table("language-certificates"),
                        term_periods=_load_table("term-periods"),
                        regimes=_load_table("regimes"))
        _unknown_superseded(shipped.items, shipped.sources)
        return cls(standards=shipped.items, tables=tables, sources=shipped.sources)

    def _catalogue(self) -> Catalogue[Standard]:
        return Catalogue(shelf=STANDARDS, items=self.standards, sources=self.sources)

    def with_file(self, path: Path | str) -> Catalog:
        """This catalogue plus the standards of an overlay file; a built-in id is refused."""
        added = self._catalogue().with_file(path)
        _unknown_superseded(added.items, added.sources)
        return attrs.evolve(self, standards=added.items, sources=added.sources)

    def replacements(self, source: str) -> list[tuple[Standard, Standard]]:
        """(new, replaced) for each standard of ``source`` that supersedes one from elsewhere.

        What an overlay changes in national results: every command that loads one says so.
        """
        return [(new, self.standards[old]) for new in self
                if self.sources[new.id] == source for old in new.supersedes
                if self.sources[old] != source]

    def get(self, standard_id: str) -> Standard:
        """The standard with this id."""
        return self._catalogue().get(standard_id)

    def _usable(self, standard: Standard, on: dt.date, include_drafts: bool) -> bool:
        drafty = standard.confidence is Confidence.DRAFT
        return standard.in_force(on) and (include_drafts or not drafty)

    def in_force(self, on: dt.date, *, include_drafts: bool = False) -> list[Standard]:
        """Standards in force on ``on`` (drafts only when asked for), sorted by id."""
        return sorted((s for s in self.standards.values() if self._usable(s, on, include_drafts)),
                      key=lambda s: s.id)

    def usable(self, *, include_drafts: bool = False) -> list[Standard]:
        """Every standard that may be applied (drafts only when asked for), sorted by id."""
        return sorted((s for s in self.standards.values()
                       if include_drafts or s.confidence is not Confidence.DRAFT),
                      key=lambda s: s.id)

    def tests_for(self, official: Official, assignment: Assignment, on: dt.date, *,
                  include_drafts: bool = False) -> list[Test]:
        """What to test for this post as of ``on``: each governing standard, at its event date."""
        return tests_for(self.usable(include_drafts=include_drafts), official, assignment, on,
                         self.tables.regimes)

    def tests(self, official: Official, on: dt.date, *,
              include_drafts: bool = False) -> list[Test]:
        """:meth:`tests_for` every current post of the official on ``on``."""
        return [t for a in official.current_assignments(on)
                for t in self.tests_for(official, a, on, include_drafts=include_drafts)]

    def for_assignment(self, official: Official, assignment: Assignment, on: dt.date, *,
                       include_drafts: bool = False) -> list[Standard]:
        """The standards that govern this post as of ``on`` (see :meth:`tests_for`)."""
        return [t.standard for t in self.tests_for(official, assignment, on,
                                                   include_drafts=include_drafts)]

    def applicable(self, official: Official, on: dt.date, *,
                   include_drafts: bool = False) -> list[tuple[Assignment, Standard]]:
        """(post, standard) for every current post of the official on ``on``."""
        return [(t.assignment, t.standard)
                for t in self.tests(official, on, include_drafts=include_drafts)]

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
