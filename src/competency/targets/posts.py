"""Posts with a task (international-facing posts): who holds them and who lacks what they require.

The capability a task requires is data (``data/tables/post-tasks.yaml``): the predicate of a
workforce-target indicator, named by id so the rule exists once, and framework competencies
read from assessments. Each part is reported apart (a part of the predicate's ``all_of``, or
one competency), so a report says whether the language, the experience or the competency is
missing. A part the record cannot decide is unknown, never missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from competency.errors import UnknownItemError
from competency.frameworks.catalogue import FrameworkCatalog
from competency.frameworks.gaps import DIMENSIONS
from competency.frameworks.model import PositionTask, PostTask
from competency.frameworks.tasks import post_tasks, task_posts
from competency.io.titles import title_names
from competency.model.assessment_index import AssessmentIndex
from competency.model.official import Assignment, Official
from competency.model.selector import Selector, match, unit_key, unit_label
from competency.rules import nodes as n
from competency.rules.evaluate import evaluate_node
from competency.rules.leaves import Context
from competency.rules.outcome import Outcome, conjunction
from competency.rules.tables import Tables
from competency.standards.catalogue import Catalog
from competency.targets.catalogue import get_target_set
from competency.vocab import Text

__all__ = ["DIMENSIONS", "Part", "PostGroup", "TaskPosts", "capability_predicate", "international"]



def capability_predicate(task: PostTask) -> n.Node:
    """The predicate of the indicator the task names as its capability."""
    ref = task.capability
    target_set = get_target_set(ref.target_set)
    for indicator in target_set.indicators:
        if indicator.id == ref.indicator:
            return indicator.predicate
    raise UnknownItemError(f"indicator of {target_set.id}", ref.indicator,
                           tuple(i.id for i in target_set.indicators))


@attrs.frozen(kw_only=True)
class Part:
    """One part of the capability for one official: a rule of the predicate or a competency."""

    id: str
    label: Text
    outcome: Outcome


@attrs.define(eq=False)
class PostGroup:
    """Posts with the task in one group (a unit, a position, a level, or all)."""

    key: str
    label: str
    posts: int = 0
    holders: list[str] = attrs.Factory(list)
    lacking: list[str] = attrs.Factory(list)
    unknown: list[str] = attrs.Factory(list)
    missing: dict[str, list[str]] = attrs.Factory(dict)

    @property
    def capable(self) -> int:
        """Holders who meet every part."""
        return len(self.holders) - len(self.lacking) - len(self.unknown)

    @property
    def gap(self) -> int:
        """People short: holders lacking a part, each to be trained or replaced."""
        return len(self.lacking)

    def as_dict(self, parts: Iterable[str]) -> dict[str, Any]:
        """JSON-ready data; ``missing`` counts each of ``parts``, in that order."""
        return {"key": self.key, "label": self.label, "posts": self.posts,
                "holders": len(self.holders), "capable": self.capable,
                "lacking": len(self.lacking), "unknown": len(self.unknown), "gap": self.gap,
                "missing": {part: len(self.missing.get(part, ())) for part in parts},
                "who_lacking": list(self.lacking), "who_unknown": list(self.unknown)}


@attrs.define
class TaskPosts:
    """Posts carrying one task, counted over a roster streamed one official at a time.

    With ``population``, only officials that a selector of it matches are counted (the
    population of a target indicator).
    """

    task: PostTask
    on: dt.date
    frameworks: FrameworkCatalog
    tables: Tables
    assessments: AssessmentIndex | None = None
    population: tuple[Selector, ...] | None = None
    parts: dict[str, Text] = attrs.Factory(dict)
    """Part id → label, in the order of the data: the predicate's rules, then competencies."""
    total: PostGroup = attrs.Factory(lambda: PostGroup(key="*", label="*"))
    groups: dict[str, dict[str, PostGroup]] = attrs.Factory(lambda: {d: {} for d in DIMENSIONS})
    _predicate: n.Node | None = attrs.field(init=False, default=None)

    def __attrs_post_init__(self) -> None:
        self._predicate = predicate = capability_predicate(self.task)
        rules = predicate.all_of if isinstance(predicate, n.AllOf) else (predicate,)
        for rule in rules:
            self.parts[rule.id] = rule.title or Text(vi=rule.id, en=rule.id)
        for required in self.task.competencies:
            competency = self.frameworks.framework(required.framework).competency(
                required.competency)
            name = competency.name if competency else Text(vi=required.competency,
                                                           en=required.competency)
            self.parts[required.competency] = Text(vi=f"{name.vi} (cấp độ {required.level})",
                                                   en=f"{name.en} (level {required.level})")

    def add(self, official: Official) -> Official:
        """Count the official's posts with the task (returns the official, to tap a stream)."""
        if self.population is not None and not match(self.population, official, self.on)[0]:
            return official
        posts = task_posts(self.task, official, self.on, self.frameworks)
        if not posts:
            return official
        parts = self.assess(official, posts[0])
        outcome = conjunction(p.outcome for p in parts)
        touched: list[PostGroup] = []
        for post in posts:
            for group in (self.total, *self._groups(official, post)):
                group.posts += 1
                if group not in touched:
                    touched.append(group)
        for group in touched:
            group.holders.append(official.id)
            if outcome is Outcome.UNMET:
                group.lacking.append(official.id)
            elif outcome is Outcome.UNKNOWN:
                group.unknown.append(official.id)
            for part in parts:
                if part.outcome is Outcome.UNMET:
                    group.missing.setdefault(part.id, []).append(official.id)
        return official

    def assess(self, official: Official, post: Assignment) -> list[Part]:
        """Every part of the capability for the official, in the order of the data."""
        ctx = Context(official=official, on=self.on, tables=self.tables, assignment=post)
        evaluation = evaluate_node(self._predicate, ctx)
        rules = evaluation.children if isinstance(self._predicate, n.AllOf) else (evaluation,)
        outcomes = {e.rule_id: e.outcome for e in rules}
        for required in self.task.competencies:
            levels = ({} if self.assessments is None else
                      self.assessments.levels(official.id, self.on, framework=required.framework))
            level = levels.get(required.competency)
            outcomes[required.competency] = (
                Outcome.UNKNOWN if level is None else
                Outcome.MET if level >= required.level else Outcome.UNMET)
        return [Part(id=k, label=label, outcome=outcomes[k]) for k, label in self.parts.items()]

    def _groups(self, official: Official, post: Assignment) -> list[PostGroup]:
        unit = post.unit or official.unit
        level = None if unit is None or unit.level is None else unit.level
        title = title_names().get(post.title, post.title)
        position = (post.title if post.job_position is None
                    else f"{post.title}/{post.job_position}")
        keys = (("unit", unit_key(unit) or "?", unit_label(unit)),
                ("position", position, title if post.job_position is None
                 else f"{title} · {post.job_position}"),
                ("level", level.code if level else "?", level.vi if level else "?"))
        found = []
        for dimension, key, label in keys:
            group = self.groups[dimension].get(key)
            if group is None:
                group = self.groups[dimension][key] = PostGroup(key=key, label=label)
            found.append(group)
        return found

    def by(self, dimension: str) -> list[PostGroup]:
        """The groups of a dimension, sorted by key."""
        return [self.groups[dimension][k] for k in sorted(self.groups[dimension])]

    def as_dict(self, by: Iterable[str] = DIMENSIONS) -> dict[str, Any]:
        """JSON-ready data: the task, its citations, totals and groups."""
        return {"task": self.task.task.code,
                "name": {"vi": self.task.name.vi, "en": self.task.name.en},
                "capability": {"target_set": self.task.capability.target_set,
                               "indicator": self.task.capability.indicator},
                "parts": {k: {"vi": v.vi, "en": v.en} for k, v in self.parts.items()},
                "confidence": self.task.confidence.value,
                "illustrative": self.task.illustrative,
                "citation": "; ".join(c.cite() for c in self.task.legal_basis),
                "total": self.total.as_dict(self.parts),
                "groups": {d: [g.as_dict(self.parts) for g in self.by(d)] for d in by}}


def international(on: dt.date, *, frameworks: FrameworkCatalog | None = None,
                  tables: Tables | None = None, assessments: AssessmentIndex | None = None,
                  population: tuple[Selector, ...] | None = None) -> TaskPosts:
    """An empty count of the international-facing posts, to feed officials to."""
    return TaskPosts(task=post_tasks().get(PositionTask.INTERNATIONAL), on=on,
                     frameworks=frameworks or FrameworkCatalog.builtin(),
                     tables=tables or Catalog.builtin().tables, assessments=assessments,
                     population=population)
