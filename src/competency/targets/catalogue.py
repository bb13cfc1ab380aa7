"""The built-in target sets, loaded from data and looked up by id.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Iterable, Mapping

from competency.errors import UnknownItemError
from competency.io.catalogue import Catalogue, Shelf
from competency.law import Confidence
from competency.rules.nodes import walk
from competency.targets.model import TargetSet

__all__ = [
    "TARGET_SETS",
    "UnknownTargetSetError",
    "builtin_target_sets",
    "get_target_set",
    "load_target_file",
    "resolve_target_sets",
]

# -- loading ------------------------------------------------------------------------------

UnknownTargetSetError = UnknownItemError
"""Deprecated alias of :class:`~competency.errors.UnknownItemError`."""


def _consistency(target_set: TargetSet, pointer: str) -> list[str]:
    problems = []
    if target_set.illustrative and target_set.confidence is not Confidence.ILLUSTRATIVE:
        problems.append(f"{pointer}/confidence: an illustrative set must have confidence "
                        "'illustrative'")
    ids = [i.id for i in target_set.indicators]
    problems += [f"{pointer}/indicators: duplicate indicator id {i!r}"
                 for i in sorted({i for i in ids if ids.count(i) > 1})]
    for k, indicator in enumerate(target_set.indicators):
        here = f"{pointer}/indicators/{k}"
        nodes = walk(indicator.predicate) + (walk(indicator.where) if indicator.where else [])
        names = [node.id for node in nodes]
        problems += [f"{here}: duplicate node id {i!r}"
                     for i in sorted({i for i in names if names.count(i) > 1})]
        target = indicator.target
        if target.max is not None and target.max < target.min:
            problems.append(f"{here}/target: max {target.max} is below min {target.min}")
    return problems


TARGET_SETS: Shelf[TargetSet] = Shelf(noun="target set", folder="targets", key="target_sets",
                                     schema="target-set", cls=TargetSet, problems=_consistency)
"""Where target sets are stored: ``data/targets/*.yaml``, a ``target_sets`` list per file."""


def load_target_file(text: str, source: str) -> list[TargetSet]:
    """Parse, validate and structure a target file (``target_sets: [...]``)."""
    return TARGET_SETS.load(text, source)


@functools.cache
def builtin_target_sets() -> Mapping[str, TargetSet]:
    """The target sets shipped in ``data/targets/``, by id (read-only)."""
    return types.MappingProxyType(dict(sorted(Catalogue.shipped(TARGET_SETS).items.items())))


def get_target_set(set_id: str) -> TargetSet:
    """The built-in target set with this id."""
    return Catalogue.shipped(TARGET_SETS).get(set_id)


def resolve_target_sets(targets: TargetSet | str | Iterable[TargetSet | str] | None,
                        ) -> tuple[TargetSet, ...]:
    """The target sets named (ids or objects); None for every built-in set."""
    if targets is None:
        return tuple(builtin_target_sets().values())
    if isinstance(targets, (TargetSet, str)):
        targets = [targets]
    return tuple(get_target_set(t) if isinstance(t, str) else t for t in targets)


