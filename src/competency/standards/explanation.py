"""One official's results on a date, requirement by requirement: the ``explain`` of the API.

An :class:`Explanation` is what ``competency explain`` prints (:meth:`Explanation.lines`) and
what ``--format json`` carries (:meth:`Explanation.as_dict`: the nested tree, each
requirement with its outcome, what was found, its deadline and its citation).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from competency.model.official import Official
from competency.standards.catalogue import Catalog
from competency.standards.evaluate import StandardResult
from competency.standards.report import event_line, explain_lines, result_dict
from competency.standards.summary import results_for

__all__ = ["Explanation", "explain"]


@attrs.frozen
class Explanation:
    """The requirement tree of one result, for people (lines) and machines (a dict)."""

    result: StandardResult

    def heading(self, lang: str = "vi") -> str:
        """``id · post · standard · title``."""
        r = self.result
        return f"{r.official_id} · {r.title or '-'} · {r.standard.id} · {r.standard.title[lang]}"

    def lines(self, lang: str = "vi") -> list[str]:
        """The event tested (if any), then one indented line per requirement."""
        event = event_line(self.result, lang)
        return [*([event] if event else []), *explain_lines(self.result.evaluation, lang)]

    def as_dict(self) -> dict[str, Any]:
        """The result with its whole tree, as ``check --format json --explain`` writes it."""
        return result_dict(self.result, explain=True)

    def __str__(self) -> str:
        return "\n".join([self.heading(), *self.lines()])


def explain(official: Official, on: dt.date, *, standard: str | None = None,
            position: str | None = None, catalog: Catalog | None = None,
            include_drafts: bool = False) -> list[Explanation]:
    """The explanations of every result ``check`` gives for the official on ``on`` (one
    standard, one post's standards, or each current post's); empty when none applies."""
    results = results_for(official, on, catalog or Catalog.builtin(), standard, position,
                          include_drafts)
    return [Explanation(r) for r in results]
