"""Reading scheme files, and the schemes built into the package.

Beyond the schema, a scheme file is checked for what the schema cannot say: unique ids,
tie-breaks that name a criterion or a known fact, quota fields that go together.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Mapping

from competency._data import index_by_id, load_list_file
from competency.errors import DataFileError
from competency.law import Confidence
from competency.rules.nodes import walk
from competency.selection._scheme import TIE_BREAK_FACTS, SelectionScheme, UnknownSchemeError

__all__ = ["builtin_schemes", "get_scheme", "load_scheme_file"]


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
    quota = scheme.quota
    if quota is not None and (quota.per is None) != (quota.max_per_group is None):
        problems.append(f"{pointer}/quota: 'per' and 'max_per_group' go together")
    return problems


def load_scheme_file(text: str, source: str) -> list[SelectionScheme]:
    """Parse, validate and structure a scheme file (``schemes: [...]``)."""
    schemes = load_list_file(text, source, key="schemes", kind="selection-scheme",
                             cls=SelectionScheme)
    problems = [p for i, s in enumerate(schemes) for p in _consistency(s, f"/schemes/{i}")]
    if problems:
        raise DataFileError(source=source, problems=tuple(problems))
    return schemes


@functools.cache
def builtin_schemes() -> Mapping[str, SelectionScheme]:
    """The schemes shipped in ``data/schemes/``, by id (read-only)."""
    found, _ = index_by_id("schemes", load_scheme_file, "scheme")
    return types.MappingProxyType(dict(sorted(found.items())))


def get_scheme(scheme_id: str) -> SelectionScheme:
    """The built-in scheme with this id."""
    schemes = builtin_schemes()
    try:
        return schemes[scheme_id]
    except KeyError:
        raise UnknownSchemeError(scheme_id, tuple(schemes)) from None
