"""Three-valued outcomes and Kleene's strong logic over them.

``unknown`` means the record lacks the data; it is never silently taken as ``unmet``.
"""

from __future__ import annotations

from collections.abc import Iterable

from competency.vocab import Term

__all__ = ["Outcome", "conjunction", "disjunction", "negation"]


class Outcome(Term):
    """Kết quả: met (đạt), unmet (chưa đạt), unknown (chưa đủ dữ liệu)."""

    MET = ("met", "Đạt", "Met")
    UNMET = ("unmet", "Chưa đạt", "Unmet")
    UNKNOWN = ("unknown", "Chưa đủ dữ liệu", "Unknown (data missing)")


def conjunction(outcomes: Iterable[Outcome]) -> Outcome:
    """AND: unmet if any is unmet; else unknown if any is unknown; else met."""
    seen = set(outcomes)
    if Outcome.UNMET in seen:
        return Outcome.UNMET
    return Outcome.UNKNOWN if Outcome.UNKNOWN in seen else Outcome.MET


def disjunction(outcomes: Iterable[Outcome]) -> Outcome:
    """OR: met if any is met; else unknown if any is unknown; else unmet."""
    seen = set(outcomes)
    if Outcome.MET in seen:
        return Outcome.MET
    return Outcome.UNKNOWN if Outcome.UNKNOWN in seen else Outcome.UNMET


def negation(outcome: Outcome) -> Outcome:
    """NOT: swaps met and unmet; unknown stays unknown."""
    return {Outcome.MET: Outcome.UNMET, Outcome.UNMET: Outcome.MET}.get(outcome, Outcome.UNKNOWN)
