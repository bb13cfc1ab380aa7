"""Checking officials against standards: the entry points behind ``competency check``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from competency.errors import CompetencyError
from competency.law import Confidence
from competency.model.official import Official, Position
from competency.rules.outcome import Outcome, conjunction
from competency.standards.applicability import test_of
from competency.standards.catalogue import Catalog
from competency.standards.evaluate import StandardResult, evaluate_standard, evaluate_test
from competency.standards.model import Standard

__all__ = ["DraftStandardError", "PositionResult", "check", "evaluate"]


class DraftStandardError(CompetencyError, ValueError):
    """A draft standard was named without asking for drafts."""


@attrs.frozen(kw_only=True)
class PositionResult:
    """An official checked against every standard that applies to a post."""

    official_id: str
    position: Position
    on: dt.date
    outcome: Outcome
    results: tuple[StandardResult, ...]


def _catalog(catalog: Catalog | None) -> Catalog:
    return catalog if catalog is not None else Catalog.builtin()


def evaluate(official: Official, target: Standard | str | Position, on: dt.date, *,
             catalog: Catalog | None = None, include_drafts: bool = False,
             assessments: Mapping[str, int] | None = None,
             title: str | None = None) -> StandardResult | PositionResult:
    """Is ``official`` qualified, as of ``on``, for a standard or a post?

    A standard (object or id) is evaluated for the official's current post with ``title``,
    else the first current post it applies to, else the first current post; a standard tested
    at an event is evaluated at the event's date. A :class:`Position` is checked against every
    standard that would govern an appointment to it on ``on``; none gives ``unknown``.
    """
    cat = _catalog(catalog)
    if isinstance(target, Position):
        assignment = target.as_assignment(official.unit, appointed=on)
        tests = cat.tests_for(official, assignment, on, include_drafts=include_drafts)
        results = tuple(evaluate_test(t, official, on, tables=cat.tables, assessments=assessments)
                        for t in tests)
        outcome = conjunction(r.outcome for r in results) if results else Outcome.UNKNOWN
        return PositionResult(official_id=official.id, position=target, on=on, outcome=outcome,
                              results=results)
    standard = cat.get(target) if isinstance(target, str) else target
    if standard.confidence is Confidence.DRAFT and not include_drafts:
        msg = f"{standard.id} is a draft; pass include_drafts=True to apply it"
        raise DraftStandardError(msg)
    current = official.current_assignments(on)
    if title is not None:
        current = tuple(a for a in official.assignments or () if a.title == title)
    assignment = next((a for a in current if standard.applies_to.matches(official, a)),
                      current[0] if current else None)
    if assignment is None:
        return evaluate_standard(standard, official, on, tables=cat.tables,
                                 assessments=assessments)
    return evaluate_test(test_of(standard, official, assignment, on), official, on,
                         tables=cat.tables, assessments=assessments)


def check(official: Official, on: dt.date, *, catalog: Catalog | None = None,
          include_drafts: bool = False) -> list[StandardResult]:
    """Every standard that governs each current post of ``official`` as of ``on``, each
    evaluated at the date it tests (see :mod:`competency.standards.applicability`)."""
    cat = _catalog(catalog)
    return [evaluate_test(t, official, on, tables=cat.tables)
            for t in cat.tests(official, on, include_drafts=include_drafts)]
