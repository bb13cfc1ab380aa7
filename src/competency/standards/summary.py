"""A check of many officials as JSON-ready data: which results, their counts, the document.

``competency check --format json``, ``standards list --format json`` and the HTTP service
answer in these shapes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any

import attrs

from competency.io.roster import Tally
from competency.model.official import Official, Position
from competency.rules.outcome import Outcome
from competency.schema.convert import unstructure
from competency.standards.catalogue import Catalog
from competency.standards.checking import check, evaluate
from competency.standards.evaluate import StandardResult
from competency.standards.model import Standard
from competency.standards.report import result_dict

__all__ = ["CheckCounts", "check_document", "check_summary", "result_state", "results_for",
           "standard_entry"]


def results_for(official: Official, on: dt.date, catalog: Catalog, standard: str | None = None,
                position: str | None = None, drafts: bool = False) -> list[StandardResult]:
    """The results ``check`` gives: one standard, one post's standards, or each current post's."""
    if standard is not None:
        return [evaluate(official, standard, on, catalog=catalog, include_drafts=drafts)]
    if position is not None:
        return list(evaluate(official, Position(title=position), on, catalog=catalog,
                             include_drafts=drafts).results)
    return check(official, on, catalog=catalog, include_drafts=drafts)


def result_state(result: StandardResult) -> str:
    """The outcome as counted in a summary: ``unmet (due …)`` apart from plain ``unmet``."""
    if result.outcome is Outcome.UNMET and result.due is not None:
        return f"unmet (due {result.due.isoformat()})"
    return result.outcome.code


def _by_count(item: tuple[tuple[str, str], int]) -> tuple[int, str, str]:
    """Most frequent first; ties by standard and rule, so that a summary is reproducible."""
    (standard, rule), count = item
    return (-count, standard, rule)


def check_summary(tally: Tally, outcomes: Counter[str], failing: Counter[tuple[str, str]],
                  without: int) -> dict[str, object]:
    """The summary of a check: records, outcomes, officials without a standard, failing rules."""
    return {"records": tally.as_dict(), "results": dict(sorted(outcomes.items())),
            "officials_without_applicable_standard": without,
            "failing_rules": [{"standard": s, "rule": r, "count": c}
                              for (s, r), c in sorted(failing.items(), key=_by_count)]}


@attrs.define
class CheckCounts:
    """What a check summary counts, one official's results at a time."""

    outcomes: Counter[str] = attrs.Factory(Counter)
    failing: Counter[tuple[str, str]] = attrs.Factory(Counter)
    without: int = 0

    def add(self, results: list[StandardResult]) -> None:
        """Count the results of one official (none: an official without a standard)."""
        self.without += not results
        for result in results:
            self.outcomes[result_state(result)] += 1
            self.failing.update((result.standard.id, ev.rule_id) for ev in result.failing())

    def summary(self, tally: Tally) -> dict[str, object]:
        """:func:`check_summary` of the counts."""
        return check_summary(tally, self.outcomes, self.failing, self.without)


def check_document(on: dt.date, summary: dict[str, object], results: Iterable[StandardResult],
                   *, explain: bool = False) -> dict[str, Any]:
    """``check --format json``: the date, the summary and every result."""
    return {"on": on.isoformat(), "summary": summary,
            "results": [result_dict(r, explain=explain) for r in results]}


def standard_entry(standard: Standard, lang: str = "vi") -> dict[str, Any]:
    """One standard in ``standards list --format json``."""
    s = standard
    return {"id": s.id, "title": s.title[lang], "instruments": [c.cite() for c in s.legal_basis],
            "valid_from": s.valid_from and s.valid_from.isoformat(),
            "valid_until": s.valid_until and s.valid_until.isoformat(),
            "applies_to": unstructure(s.applies_to), "event": s.event.code,
            "confidence": s.confidence.value}
