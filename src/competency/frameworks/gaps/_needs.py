"""Training needs from requirement trees: the least training that would meet a standard.

For an unmet standard, the alternatives of its tree are expanded into sets of trainable
requirements and the smallest set is kept, so that a degree is asked only where no
cheaper branch (a trung cấp exception, say) applies. Requirements no course can close,
and data that is missing, are never needs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from competency.frameworks.gaps._report import Need, NeedArea
from competency.frameworks.model import Framework
from competency.model.official import Official
from competency.rules import nodes as n
from competency.rules.evaluate import Evaluation
from competency.rules.leaves import held_on
from competency.rules.outcome import Outcome
from competency.rules.tables import Tables
from competency.standards.evaluate import StandardResult
from competency.vocab import (
    EducationLevel,
    ITSkillLevel,
    LanguageLevel,
    OrderedTerm,
    PoliticalTheoryLevel,
    StateManagementProgramme,
    Term,
    Text,
)

__all__ = ["CONDITIONS", "leaf_need", "merge_needs", "standard_needs"]

_MAX_ALTERNATIVES = 64

CONDITIONS = tuple(getattr(n, name) for name in
                   ("UnitCondition", "CategoryCondition", "GenderCondition", "EthnicityCondition",
                    "Fact", "BornOnOrAfter", "JobPositionPlacement", "OpenQuestion")
                   if hasattr(n, name))
"""Rule nodes about the post or the person's status, not a shortfall training can close."""

_RawNeed = tuple[str, str, int, str | None, tuple[str, ...], dt.date | None, int]
"""(area, target, level, language, accepted, due, size): hashable, before labels."""


def _held(items: Iterable[Any] | None, on: dt.date) -> list[Any]:
    return held_on(items, on) or []


def _best_order(levels: Iterable[OrderedTerm | None]) -> int:
    orders = [lv.order for lv in levels if lv is not None]
    return max(orders) if orders else -1


def leaf_need(node: n.Node, official: Official, on: dt.date, tables: Tables,
              assessed: Mapping[str, int], due: dt.date | None) -> _RawNeed | None:
    """The training need an unmet leaf makes, or None when no course can close it."""
    if isinstance(node, n.MinEducation):
        target = node.min_education
        best = _best_order(e.level for e in _held(official.education, on))
        return ("education", target.code, target.order, None, (), due,
                max(1, target.order - best))
    if isinstance(node, n.MinPoliticalTheory):
        target = node.min_political_theory
        best = _best_order(tables.political_theory.level(p)
                           for p in _held(official.political_theory, on))
        return ("political_theory", target.code, target.order, None, (), due,
                max(1, target.order - best))
    if isinstance(node, n.MinLanguage):
        spec = node.min_language
        held = [s for s in _held(official.languages, on)
                if spec.language is None or s.language.casefold() == spec.language.casefold()]
        best = _best_order(tables.languages.level(s) for s in held)
        return ("language", spec.level.code, spec.level.order, spec.language, (), due,
                max(1, spec.level.order - best))
    if isinstance(node, n.MinITSkill):
        target = node.min_it_skill
        best = _best_order(s.level for s in _held(official.it_skills, on))
        return ("it_skill", target.code, target.order, None, (), due, max(1, target.order - best))
    if isinstance(node, n.StateManagement):
        accepted = tuple(p.code for p in node.state_management)
        return ("state_management", accepted[0], 0, None, accepted, due, 1)
    if isinstance(node, n.MinCompetencyLevel):
        spec = node.min_competency_level
        found = assessed.get(spec.competency)
        return ("competency", spec.competency, spec.level, None, (), due,
                spec.level - found if found is not None else spec.level)
    return None


def _minimal(sets: list[frozenset[_RawNeed]]) -> list[frozenset[_RawNeed]]:
    unique = sorted(set(sets), key=lambda s: (len(s), sorted(map(repr, s))))
    kept: list[frozenset[_RawNeed]] = []
    for candidate in unique:
        if not any(k <= candidate for k in kept):
            kept.append(candidate)
    return kept[:_MAX_ALTERNATIVES]


def _alternatives(node: n.Node, ev: Evaluation, ctx: tuple[Official, dt.date, Tables,
                                                               Mapping[str, int]],
                  due: dt.date | None = None) -> list[frozenset[_RawNeed]]:
    """Sets of needs, any one of which (with the data that is missing) meets ``node``.

    An empty list means training cannot meet it. An unknown requirement needs data, not
    training, so it adds nothing; but an alternative that rests on an unknown condition
    (whether the unit is in a disadvantaged area, say) is not planned on.
    """
    due = ev.due or due
    kids = n.children(node)
    if ev.outcome is Outcome.MET:
        return [frozenset()]
    if ev.outcome is Outcome.UNKNOWN and not kids:
        return [] if isinstance(node, CONDITIONS) else [frozenset()]
    pairs = list(zip(kids, ev.children, strict=True))
    if isinstance(node, n.AllOf):
        combos = [frozenset[_RawNeed]()]
        for child, child_ev in pairs:
            options = _alternatives(child, child_ev, ctx, due)
            if not options:
                return []
            combos = _minimal([a | b for a in combos for b in options])
        return combos
    if isinstance(node, n.AnyOf):
        return _minimal([alt for child, child_ev in pairs
                         for alt in _alternatives(child, child_ev, ctx, due)])
    if isinstance(node, n.When):
        (_, _), (then, then_ev) = pairs
        return _alternatives(then, then_ev, ctx, due)
    if kids:  # not: training cannot make something false
        return []
    official, on, tables, assessed = ctx
    raw = leaf_need(node, official, on, tables, assessed, due)
    return [] if raw is None else [frozenset({raw})]


def _cheapest(options: list[frozenset[_RawNeed]]) -> frozenset[_RawNeed] | None:
    if not options:
        return None
    return min(options, key=lambda s: (len(s), sum(r[2] for r in s), sorted(map(repr, s))))


def _label(area: str, target: str, language: str | None, frameworks: Iterable[Framework]
           ) -> Text:
    terms: dict[str, type[Term]] = {"education": EducationLevel,
                                    "political_theory": PoliticalTheoryLevel,
                                    "language": LanguageLevel, "it_skill": ITSkillLevel,
                                    "state_management": StateManagementProgramme}
    head = NeedArea.parse(area)
    if area == "competency":
        name = next((c.name for f in frameworks if (c := f.competency(target)) is not None),
                    Text(vi=target, en=target))
        return Text(vi=f"{head.vi}: {name.vi}", en=f"{head.en}: {name.en}")
    term = terms[area].parse(target)
    which = f" ({language})" if language else ""
    return Text(vi=f"{head.vi}{which}: {term.vi}", en=f"{head.en}{which}: {term.en}")


def merge_needs(needs: Iterable[Need]) -> tuple[Need, ...]:
    """One need per subject (the higher level, the earliest deadline), required ones first."""
    merged: dict[tuple[str, ...], Need] = {}
    for need in needs:
        old = merged.get(need.key())
        if old is None:
            merged[need.key()] = need
            continue
        best = need if (need.level, need.size) > (old.level, old.size) else old
        immediate = (old.legal and old.due is None) or (need.legal and need.due is None)
        dues = [d for d in (old.due, need.due) if d is not None]
        merged[need.key()] = attrs.evolve(
            best, legal=old.legal or need.legal, size=max(old.size, need.size),
            due=None if immediate or not dues else min(dues), origin=min(old.origin, need.origin),
            sources=tuple(sorted(set(old.sources) | set(need.sources))))
    return tuple(sorted(merged.values(), key=lambda d: (not d.legal, d.due or dt.date.min,
                                                        -d.size, d.area.code, d.target)))



def standard_needs(result: StandardResult, official: Official, tables: Tables,
                   assessed: Mapping[str, int], frameworks: Iterable[Framework]) -> list[Need]:
    """The cheapest set of needs that would meet an unmet standard (none if training cannot)."""
    if result.outcome is not Outcome.UNMET:
        return []
    chosen = _cheapest(_alternatives(result.standard.requirements, result.evaluation,
                                     (official, result.on, tables, assessed)))
    if chosen is None:
        return []
    return [Need(area=NeedArea.parse(area), target=target, level=level, language=language,
                 accepted=accepted, legal=True, due=due, size=size,
                 sources=(result.standard.id,),
                 label=_label(area, target, language, frameworks))
            for area, target, level, language, accepted, due, size in sorted(chosen, key=repr)]
