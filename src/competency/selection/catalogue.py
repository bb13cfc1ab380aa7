"""Reading scheme files, and the schemes built into the package.

Beyond the schema, a scheme file is checked for what the schema cannot say: unique ids,
tie-breaks that name a criterion or a known fact, quota fields that go together.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Mapping

from competency.errors import DataFileError
from competency.io.catalogue import Catalogue, Shelf
from competency.io.datafiles import parse_yaml, structured
from competency.law import Confidence
from competency.rules.nodes import walk
from competency.schema.validate import definition_validator
from competency.selection.model import TIE_BREAK_FACTS, Quota, SelectionScheme

__all__ = ["builtin_schemes", "get_scheme", "load_quota_file", "load_scheme_file"]


def _duplicates(ids: list[str]) -> list[str]:
    return sorted({i for i in ids if ids.count(i) > 1})


def _consistency(scheme: SelectionScheme, pointer: str) -> list[str]:
    problems = []
    if scheme.illustrative and scheme.confidence is not Confidence.ILLUSTRATIVE:
        problems.append(f"{pointer}/confidence: an illustrative scheme must have confidence "
                        "'illustrative'")
    problems += [f"{pointer}/regimes: duplicate regime id {i!r}"
                 for i in _duplicates([r.id for r in scheme.regimes])]
    for k, regime in enumerate(scheme.regimes):
        names = [node.id for node in walk(regime.eligibility)]
        problems += [f"{pointer}/regimes/{k}/eligibility: duplicate node id {i!r}"
                     for i in _duplicates(names)]
    criteria = [c.id for c in scheme.criteria]
    problems += [f"{pointer}/criteria: duplicate criterion id {i!r}" for i in _duplicates(criteria)]
    problems += [f"{pointer}/tie_breaks/{k}: {key!r} is neither a criterion id nor one of "
                 f"{', '.join(TIE_BREAK_FACTS)}"
                 for k, key in enumerate(scheme.tie_breaks)
                 if key not in criteria and key not in TIE_BREAK_FACTS]
    if scheme.quota is not None:
        problems += _quota_problems(scheme.quota, f"{pointer}/quota")
    return problems


def _quota_problems(quota: Quota, pointer: str) -> list[str]:
    problems = []
    if (quota.per is None) != (quota.max_per_group is None):
        problems.append(f"{pointer or '/'}: 'per' and 'max_per_group' go together")
    problems += [f"{pointer}/pools: duplicate pool id {i!r}"
                 for i in _duplicates([p.id for p in quota.pools])]
    return problems


SCHEMES: Shelf[SelectionScheme] = Shelf(noun="scheme", folder="schemes", key="schemes",
                                       schema="selection-scheme", cls=SelectionScheme,
                                       problems=_consistency)
"""Where selection schemes are stored: ``data/schemes/*.yaml``, a ``schemes`` list per file."""


def load_scheme_file(text: str, source: str) -> list[SelectionScheme]:
    """Parse, validate and structure a scheme file (``schemes: [...]``)."""
    return SCHEMES.load(text, source)


@functools.cache
def builtin_schemes() -> Mapping[str, SelectionScheme]:
    """The schemes shipped in ``data/schemes/``, by id (read-only)."""
    return types.MappingProxyType(dict(sorted(Catalogue.shipped(SCHEMES).items.items())))


def get_scheme(scheme_id: str) -> SelectionScheme:
    """The built-in scheme with this id."""
    return Catalogue.shipped(SCHEMES).get(scheme_id)


def load_quota_file(text: str, source: str) -> Quota:
    """A quota of one's own for a scheme (places by pool, priority groups), as YAML or JSON:
    checked against the scheme schema's ``Quota`` and for what it cannot say."""
    data = parse_yaml(text, source)
    problems = [f"{issue.pointer or '/'}: {issue.message}"
                for issue in definition_validator("selection-scheme", "Quota").errors(data)]
    if problems:
        raise DataFileError(source=source, problems=tuple(problems))
    quota: Quota = structured(data, Quota, source)
    problems = _quota_problems(quota, "")
    if problems:
        raise DataFileError(source=source, problems=tuple(problems))
    return quota
