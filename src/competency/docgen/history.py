"""A subject's history by date: which standard applied when, and what each one changed.

Like browsing a parameter's values by date: for each standard of a subject, in the order
they took effect, the requirements it added, removed or worded differently from the one
before (leaves compared by rule id, as their descriptions read). Shown by ``competency
standards history`` and in the standards catalogue.
"""

from __future__ import annotations

import attrs

from competency.docgen.standards import period
from competency.docgen.tree import describe_leaf
from competency.errors import UnknownItemError
from competency.rules.nodes import children, walk
from competency.standards.catalogue import Catalog
from competency.standards.model import Standard

__all__ = ["Change", "history", "history_lines"]


@attrs.frozen(kw_only=True)
class Change:
    """One standard of a subject and what it changed from the one before it."""

    standard: Standard
    added: tuple[tuple[str, str], ...]
    removed: tuple[tuple[str, str], ...]
    reworded: tuple[tuple[str, str, str], ...]
    first: bool


def _leaves(standard: Standard, lang: str) -> dict[str, str]:
    return {node.id: describe_leaf(node, lang) for node in walk(standard.requirements)
            if not children(node)}


def history(catalog: Catalog, subject: str, lang: str = "vi") -> list[Change]:
    """Each standard of ``subject`` in the order it took effect, with its changes."""
    chain = catalog.history(subject)
    if not chain:
        raise UnknownItemError("subject", subject, tuple(catalog.subjects()))
    found, before = [], None
    for standard in chain:
        now = _leaves(standard, lang)
        old = before or {}
        found.append(Change(
            standard=standard, first=before is None,
            added=tuple((k, v) for k, v in now.items() if k not in old),
            removed=tuple((k, v) for k, v in old.items() if k not in now),
            reworded=tuple((k, old[k], v) for k, v in now.items() if k in old and old[k] != v)))
        before = now
    return found


def history_lines(changes: list[Change], lang: str = "vi") -> list[str]:
    """Plain lines: a heading per standard, then ``+`` added, ``-`` removed, ``~`` reworded."""
    vi = lang == "vi"
    lines = []
    for change in changes:
        s = change.standard
        lines.append(f"{period(s, lang)}  {s.id}  {s.legal_basis[0].cite(lang)}"
                     f"  [{s.confidence.label(lang)}]")
        if change.first:
            lines.append(f"  {'yêu cầu' if vi else 'requires'}:")
        lines += [f"  + [{rule}] {text}" for rule, text in change.added]
        lines += [f"  - [{rule}] {text}" for rule, text in change.removed]
        lines += [f"  ~ [{rule}] {old} → {new}" for rule, old, new in change.reworded]
        if not (change.first or change.added or change.removed or change.reworded):
            lines.append("  " + ("(không đổi yêu cầu)" if vi else "(requirements unchanged)"))
    return lines
