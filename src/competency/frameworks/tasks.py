"""Which posts carry a task (international), and the shipped table of what each task requires.

A post's tasks come from data, never from its title in code: the record's own flag
(``assignments[].international``) or a position profile matching the post that lists the
task, built in or loaded from a province's frameworks file.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable

from competency.frameworks.catalogue import FrameworkCatalog
from competency.frameworks.model import PositionTask, PostTask, PostTaskTable
from competency.io.catalogue import duplicates
from competency.io.datafiles import shipped_table
from competency.model.official import Assignment, Official

__all__ = ["carries", "post_tasks", "task_posts"]

_RECORD_FLAGS: dict[PositionTask, Callable[[Assignment], bool | None]] = {
    PositionTask.INTERNATIONAL: lambda post: post.international,
}
"""The field of a record's post that states the task, where the record model has one."""


def _checks(table: PostTaskTable) -> list[str]:
    builtin = FrameworkCatalog.builtin()
    problems = [f"/tasks: task {t!r} listed twice"
                for t in duplicates(e.task.code for e in table.tasks)]
    for i, entry in enumerate(table.tasks):
        for j, required in enumerate(entry.competencies):
            framework = builtin.frameworks.get(required.framework)
            where = f"/tasks/{i}/competencies/{j}"
            if framework is None:
                problems.append(f"{where}/framework: no framework {required.framework!r}")
            elif framework.competency(required.competency) is None:
                problems.append(f"{where}/competency: {framework.id} has no competency "
                                f"{required.competency!r}")
    return problems


@functools.cache
def post_tasks() -> PostTaskTable:
    """The tasks of ``data/tables/post-tasks.yaml``, validated and checked."""
    return shipped_table("tables/post-tasks.yaml", "table-post-tasks", PostTaskTable, _checks)


def carries(task: PositionTask, official: Official, post: Assignment,
            frameworks: FrameworkCatalog) -> bool:
    """True when the record flags the post with the task or a matching profile lists it."""
    flag = _RECORD_FLAGS.get(task)
    if flag is not None and flag(post) is True:
        return True
    return any(task in p.tasks for p in frameworks.profiles_for(official, post))


def task_posts(task: PositionTask | PostTask, official: Official, on: dt.date,
               frameworks: FrameworkCatalog) -> tuple[Assignment, ...]:
    """The official's current posts on ``on`` that carry the task."""
    code = task.task if isinstance(task, PostTask) else task
    return tuple(p for p in official.current_assignments(on)
                 if carries(code, official, p, frameworks))
