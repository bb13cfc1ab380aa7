"""The gap report of one official: every post held, or the one asked for, checked in turn.

A post is checked against the standards of its profile (or, without one, every standard
that applies to it) and the profile's competencies; gaps are sorted most severe first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from competency.frameworks.catalogue import FrameworkCatalog
from competency.frameworks.gaps._needs import merge_needs, standard_needs
from competency.frameworks.gaps._report import Gap, GapReport, Need, PostRef
from competency.frameworks.gaps._shortfalls import competency_gaps, standard_gaps
from competency.frameworks.model import PositionProfile
from competency.law import Confidence
from competency.model.assessment import Assessment
from competency.model.assessment_index import AssessmentIndex
from competency.model.official import Assignment, Official
from competency.rules import nodes as n
from competency.rules.outcome import Outcome
from competency.standards.applicability import test_of
from competency.standards.catalogue import Catalog
from competency.standards.evaluate import StandardResult, evaluate_test
from competency.standards.model import Standard

__all__ = ["gap"]


def _severity(g: Gap) -> tuple[Any, ...]:
    return (g.kind.order, -(g.size if g.size is not None else -1),
            g.due or dt.date.max, g.source, g.rule, g.post or "")


def _levels(assessments: Any, official_id: str, on: dt.date,
            framework: str | None) -> tuple[dict[str, int], dict[str, Assessment]]:
    if assessments is None:
        return {}, {}
    if isinstance(assessments, AssessmentIndex):
        chosen = assessments.latest(official_id, on, framework=framework)
        return {c: a.level for c, a in chosen.items()}, chosen
    if isinstance(assessments, Mapping):
        return {str(k): int(v) for k, v in assessments.items()}, {}
    index = AssessmentIndex(a for a in assessments if a.official_id == official_id)
    chosen = index.latest(official_id, on, framework=framework)
    return {c: a.level for c, a in chosen.items()}, chosen


def _position_assignment(official: Official, profile: PositionProfile,
                         on: dt.date) -> Assignment:
    for assignment in official.current_assignments(on):
        if assignment.title == profile.position.title:
            return assignment
    return Assignment(title=profile.position.title, rank=profile.position.rank,
                      unit=official.unit)


def _targets(official: Official, on: dt.date, profile: PositionProfile | None,
             frameworks: FrameworkCatalog) -> list[tuple[Assignment, PositionProfile | None]]:
    if profile is not None:
        return [(_position_assignment(official, profile, on), profile)]
    found: list[tuple[Assignment, PositionProfile | None]] = []
    for assignment in official.current_assignments(on):
        matched = frameworks.profiles_for(official, assignment)
        found += [(assignment, p) for p in matched] or [(assignment, None)]
    return found


def _profile_standards(profile: PositionProfile, catalog: Catalog, on: dt.date,
                       include_drafts: bool) -> list[Standard]:
    chosen = [s for s in map(catalog.get, profile.standards)
              if s.in_force(on) and (include_drafts or s.confidence is not Confidence.DRAFT)]
    replaced = {old for s in chosen for old in s.supersedes}
    return [s for s in chosen if s.id not in replaced]


def gap(official: Official, profile: PositionProfile | str | None = None, *,
        on: dt.date,
        assessments: AssessmentIndex | Iterable[Assessment] | Mapping[str, int] | None = None,
        catalog: Catalog | None = None, frameworks: FrameworkCatalog | None = None,
        include_drafts: bool = False) -> GapReport:
    """Where ``official`` falls short, on ``on``, of a position.

    With ``profile`` (an object or id), the post is that profile's position: the standards
    it lists that are in force on ``on`` are evaluated, and its required competency levels
    are compared with the latest valid assessments. Without one, every current post is
    taken with the profiles that match it; a post no profile matches is checked against
    every standard that applies to it (as :func:`competency.check` does).
    """
    cat = catalog if catalog is not None else Catalog.builtin()
    fws = frameworks if frameworks is not None else FrameworkCatalog.builtin()
    chosen_profile = fws.profile(profile) if isinstance(profile, str) else profile
    gaps: list[Gap] = []
    needs: list[Need] = []
    results: list[StandardResult] = []
    posts: list[PostRef] = []
    seen: set[tuple[str, str | None]] = set()
    all_frameworks = list(fws.frameworks.values())
    for assignment, prof in _targets(official, on, chosen_profile, fws):
        post = PostRef.of(official, assignment)
        if post not in posts:
            posts.append(post)
        framework = fws.framework(prof.framework) if prof is not None else None
        levels, latest = _levels(assessments, official.id, on,
                                 framework.id if framework else None)
        tests = ([test_of(s, official, assignment, on)
                  for s in _profile_standards(prof, cat, on, include_drafts)]
                 if prof is not None
                 else cat.tests_for(official, assignment, on, include_drafts=include_drafts))
        for test in tests:
            standard = test.standard
            if (standard.id, assignment.title) in seen:
                continue
            seen.add((standard.id, assignment.title))
            result = evaluate_test(test, official, on, tables=cat.tables, assessments=levels)
            results.append(result)
            if result.outcome is Outcome.MET:
                continue
            nodes = {node.id: node for node in n.walk(standard.requirements)}
            gaps += standard_gaps(result, official, prof.id if prof else None, nodes,
                                  cat.tables, levels)
            needs += standard_needs(result, official, cat.tables, levels, all_frameworks)
        if prof is not None and framework is not None:
            more_gaps, more_needs = competency_gaps(official, prof, framework, levels, latest,
                                                    assignment.title)
            gaps += more_gaps
            needs += more_needs
    unique = {(g.kind, g.source, g.rule, g.post): g for g in gaps}
    profiles = ((chosen_profile.id,) if chosen_profile is not None else
                tuple(sorted({g.profile for g in gaps if g.profile} |
                             {p.id for a in official.current_assignments(on)
                              for p in fws.profiles_for(official, a)})))
    return GapReport(official_id=official.id, on=on, posts=tuple(posts), profiles=profiles,
                     gaps=tuple(sorted(unique.values(), key=_severity)),
                     needs=merge_needs(needs), results=tuple(results))
