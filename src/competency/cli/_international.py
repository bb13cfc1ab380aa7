"""The international-facing posts section of ``gaps`` and ``targets`` (``--international``).

One place renders it for both commands, in every format they write, so that the two
reports read the same: posts, holders, who lacks the capability and which part of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
from rich.table import Table

from competency.cli._common import err, out
from competency.cli._messages import message
from competency.frameworks.catalogue import FrameworkCatalog
from competency.frameworks.model import PositionTask
from competency.frameworks.tasks import post_tasks
from competency.io.sheets import Sheet
from competency.model.assessment_index import AssessmentIndex
from competency.model.official import Official
from competency.rules.tables import Tables
from competency.targets.model import Indicator, TargetSet
from competency.targets.posts import PostGroup, TaskPosts, capability_predicate, international

__all__ = ["INTERNATIONAL_HELP", "IndicatorPosts", "for_gaps", "for_targets", "gaps_document",
           "gaps_sheet", "no_indicator", "print_gaps", "print_targets", "summary", "tap",
           "targets_document", "targets_sheet"]

INTERNATIONAL_HELP = ("Also report the international-facing posts (vị trí có nhiệm vụ quốc tế): "
                      "holders and who lacks the capability they require")


def for_gaps(on: dt.date, frameworks: FrameworkCatalog, tables: Tables,
             assessments: AssessmentIndex | None) -> TaskPosts:
    """The count ``gaps`` feeds: the full capability of the post, competencies included."""
    return international(on, frameworks=frameworks, tables=tables, assessments=assessments)


@attrs.frozen
class IndicatorPosts:
    """The international-facing posts of one indicator's population."""

    target_set: TargetSet
    indicator: Indicator
    posts: TaskPosts


def for_targets(sets: Iterable[TargetSet], on: dt.date, frameworks: FrameworkCatalog,
                tables: Tables) -> list[IndicatorPosts]:
    """One count per indicator whose predicate is the task's capability, over its population.

    A target measures its predicate alone, so the framework competencies are left out here.
    """
    base = international(on, frameworks=frameworks, tables=tables)
    predicate = capability_predicate(base.task).id
    task = attrs.evolve(base.task, competencies=())
    return [IndicatorPosts(s, i, TaskPosts(task=task, on=on, frameworks=frameworks, tables=tables,
                                           population=i.population))
            for s in sets for i in s.indicators if i.predicate.id == predicate]


def tap(officials: Iterable[Official], counts: Iterable[TaskPosts]) -> Iterator[Official]:
    """The officials unchanged, each counted on the way by every count given."""
    counts = list(counts)
    for official in officials:
        for count in counts:
            count.add(official)
        yield official


# -- rows -------------------------------------------------------------------------------------

def _head(posts: TaskPosts, lang: str, first: tuple[str, ...], *, numbered: bool = False,
          ) -> list[str]:
    """Column names; ``numbered`` names the parts (1), (2), … as the table's legend does."""
    parts = [f"({i})" if numbered else p for i, p in enumerate(posts.parts, 1)]
    return [*first, *(message(f"intl-col-{c}", lang)
                      for c in ("posts", "holders", "capable", "lacking", "unknown")),
            *(message("intl-col-missing", lang, part=p) for p in parts),
            message("intl-col-gap", lang)]


def _cells(posts: TaskPosts, group: PostGroup) -> list[Any]:
    return [group.posts, len(group.holders), group.capable, len(group.lacking),
            len(group.unknown), *(len(group.missing.get(p, ())) for p in posts.parts), group.gap]


def _groups(posts: TaskPosts, by: str, lang: str) -> list[tuple[str, str, PostGroup]]:
    rows = [(message("intl-all", lang), "", posts.total)]
    return rows + [(g.key, g.label, g) for g in posts.by(by)]


def _legend(posts: TaskPosts, lang: str) -> None:
    task = posts.task
    out.print(message("intl-parts", lang, confidence=task.confidence.label(lang),
                      citation="; ".join(c.cite(lang) for c in task.legal_basis)))
    for i, (part, label) in enumerate(posts.parts.items(), 1):
        out.print(message("intl-part", lang, n=i, id=part, label=label[lang]))
    out.print(message("intl-legend", lang))


# -- gaps ---------------------------------------------------------------------------------------

def print_gaps(posts: TaskPosts, by: str, lang: str) -> None:
    """The section as a table, after the gaps table."""
    title = message("intl-title", lang, by=message(f"intl-by-{by}", lang), on=posts.on)
    # A unit's key is its id or its codes and name: the name alone reads better.
    first = ((message("intl-col-name", lang),) if by == "unit" else
             (message("intl-col-key", lang), message("intl-col-name", lang)))
    table = Table(*_head(posts, lang, first, numbered=True), title=title)
    for key, label, group in _groups(posts, by, lang):
        names = (label or key,) if by == "unit" else (key, label)
        table.add_row(*names, *map(str, _cells(posts, group)))
    out.print(table)
    _legend(posts, lang)


def gaps_sheet(posts: TaskPosts, by: str, lang: str) -> Sheet:
    """The section as one sheet (the CSV of ``gaps --international``), with who lacks what."""
    head = _head(posts, lang, (message(f"intl-by-{by}", lang), message("intl-col-key", lang),
                               message("intl-col-name", lang)))
    rows = [[by if group is not posts.total else "*", key, label, *_cells(posts, group),
             " ".join(group.lacking)] for key, label, group in _groups(posts, by, lang)]
    return Sheet(name="international", headers=[*head, message("intl-col-who", lang)], rows=rows)


def gaps_document(posts: TaskPosts, by: str) -> dict[str, Any]:
    """The section of the JSON report."""
    return posts.as_dict([by])


def summary(posts: TaskPosts, lang: str) -> None:
    """One line of totals on standard error."""
    total = posts.total
    err.print(message("intl-summary", lang, posts=total.posts, holders=len(total.holders),
                      lacking=len(total.lacking), unknown=len(total.unknown)), markup=False)


# -- targets -------------------------------------------------------------------------------------

def print_targets(entries: list[IndicatorPosts], on: dt.date, lang: str) -> None:
    """The section as a table, after the targets table."""
    if not entries:
        return
    posts = entries[0].posts
    table = Table(*_head(posts, lang, (message("intl-col-indicator", lang),), numbered=True),
                  title=message("intl-title-targets", lang, on=on))
    for entry in entries:
        table.add_row(f"{entry.target_set.id} › {entry.indicator.id}",
                      *map(str, _cells(entry.posts, entry.posts.total)))
    out.print(table)
    for entry in entries:
        if entry.posts.total.lacking:
            out.print(message("intl-who", lang, set=entry.target_set.id,
                              indicator=entry.indicator.id,
                              who=_who(entry.posts, SHOWN)))
    _legend(posts, lang)


SHOWN = 10
"""How many people lacking the capability a table names (JSON and CSV name every one)."""


def _who(posts: TaskPosts, limit: int) -> str:
    """``id (missing parts)`` for the first ``limit`` people lacking the capability."""
    group = posts.total
    named = [f"{who} ({', '.join(p for p in posts.parts if who in group.missing.get(p, ()))})"
             for who in group.lacking[:limit]]
    return ", ".join(named) + (", …" if len(group.lacking) > limit else "")


def targets_sheet(entries: list[IndicatorPosts], lang: str) -> Sheet:
    """The section as one sheet, one row per indicator and date, with who lacks the capability."""
    posts = entries[0].posts if entries else None
    head = [message("intl-col-indicator", lang), "on"]
    if posts is not None:
        head = _head(posts, lang, tuple(head))
    rows = [[f"{e.target_set.id} › {e.indicator.id}", e.posts.on, *_cells(e.posts, e.posts.total),
             " ".join(e.posts.total.lacking)] for e in entries]
    return Sheet(name="Vị trí quốc tế", headers=[*head, message("intl-col-who", lang)], rows=rows)


def no_indicator(lang: str) -> str:
    """Why ``targets --international`` has nothing to report for the sets chosen."""
    task = post_tasks().get(PositionTask.INTERNATIONAL)
    return message("intl-no-indicator", lang, predicate=capability_predicate(task).id)


def targets_document(entries: list[IndicatorPosts]) -> list[dict[str, Any]]:
    """The section of the JSON report."""
    return [{"set": e.target_set.id, "indicator": e.indicator.id, "on": e.posts.on.isoformat(),
             **e.posts.as_dict(())} for e in entries]
