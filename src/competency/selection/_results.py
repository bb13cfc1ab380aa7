"""What :func:`~competency.selection.select` returns: every candidate in exactly one place.

Each result keeps the evaluation behind it, so that a ranking, a rejection or a missing
fact can be explained and cited; ``as_dict`` gives the JSON-ready form the CLI writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from competency.law import Confidence, LegalReference
from competency.rules.evaluate import Evaluation
from competency.selection.model import (
    TIE_BREAK_FACTS,
    Commitment,
    Quota,
    Regime,
    SelectionScheme,
)
from competency.vocab import Text

__all__ = ["Candidate", "CriterionScore", "Rejection", "RejectionRow", "Report", "Selection",
           "Unresolved", "pool_report"]


def _pair(text: Text | None) -> dict[str, str] | None:
    return None if text is None else {"vi": text.vi, "en": text.en}


def _cite(refs: Iterable[LegalReference]) -> str:
    return "; ".join(ref.cite() for ref in refs)


@attrs.frozen(kw_only=True)
class CriterionScore:
    """One line of a score breakdown."""

    criterion: str
    title: Text | None
    raw: float
    points: float
    capped: bool
    weight: float
    found: Text

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"criterion": self.criterion, "raw": self.raw, "capped": self.capped,
                "weight": self.weight, "points": self.points, "found": _pair(self.found)}


@attrs.frozen(kw_only=True)
class Candidate:
    """An eligible candidate, ranked; ``selected`` False means held in reserve by a quota."""

    official_id: str
    rank: int
    score: float
    breakdown: tuple[CriterionScore, ...]
    selected: bool
    reason: Text | None
    unit: str | None
    group: str | None
    eligibility: Evaluation | None
    """Why the candidate is eligible (``None`` in a spooled selection, which keeps no trees)."""
    pool: str | None = None
    """The quota pool whose place the candidate takes (selected only)."""
    pools: tuple[str, ...] = ()
    """Every pool the candidate may take."""
    priority: int = 0
    """Index of the priority group the candidate was served in (their number: none)."""

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"rank": self.rank, "official_id": self.official_id, "unit": self.unit,
                "group": self.group, "score": self.score, "selected": self.selected,
                "reason": _pair(self.reason), "pool": self.pool, "pools": list(self.pools),
                "breakdown": [b.as_dict() for b in self.breakdown]}


@attrs.frozen(kw_only=True)
class RejectionRow:
    """A rejection as reports show it: the failing rules' messages, not their evaluations."""

    official_id: str
    unit: str | None
    failing: tuple[tuple[str, Text, Text], ...]
    """(rule, message with its citation, message without) of each failing rule."""

    def reasons(self, lang: str = "vi") -> list[str]:
        """One message per failing rule, with its citation."""
        return [cited[lang] for _, cited, _ in self.failing]

    def headlines(self, lang: str = "vi") -> list[tuple[str, str]]:
        """(rule, what fails: the message up to its first colon) of each failing rule."""
        return [(rule, bare[lang].split(":")[0]) for rule, _, bare in self.failing]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"official_id": self.official_id, "unit": self.unit,
                "failing": [{"rule": rule, "vi": cited.vi, "en": cited.en}
                            for rule, cited, _ in self.failing]}


@attrs.frozen(kw_only=True)
class Rejection:
    """An ineligible candidate and the rules that fail, each with its citation."""

    official_id: str
    unit: str | None
    failing: tuple[Evaluation, ...]
    eligibility: Evaluation

    def row(self) -> RejectionRow:
        """The messages of the rejection, without the evaluations."""
        return RejectionRow(official_id=self.official_id, unit=self.unit, failing=tuple(
            (ev.rule_id, Text(vi=ev.message("vi"), en=ev.message("en")),
             Text(vi=ev.message("vi", cite=False), en=ev.message("en", cite=False)))
            for ev in self.failing))

    def reasons(self, lang: str = "vi") -> list[str]:
        """One message per failing rule, with its citation."""
        return [ev.message(lang) for ev in self.failing]

    def headlines(self, lang: str = "vi") -> list[tuple[str, str]]:
        """(rule, what fails: the message up to its first colon) of each failing rule."""
        return [(ev.rule_id, ev.message(lang, cite=False).split(":")[0]) for ev in self.failing]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return self.row().as_dict()


@attrs.frozen(kw_only=True)
class Unresolved:
    """A candidate that cannot be decided or ranked: the record lacks data."""

    official_id: str
    unit: str | None
    missing: tuple[Text, ...]
    eligibility: Evaluation | None
    """What could not be decided (``None`` in a spooled selection)."""

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"official_id": self.official_id, "unit": self.unit,
                "missing": [_pair(t) for t in self.missing]}


def pool_report(quota: Quota | None, ranked: Iterable[Candidate],
                missed: int = 3) -> list[dict[str, Any]]:
    """Per quota pool: its places, who took them, and the first ``missed`` members who
    just missed a place, with why (one pass over the ranked candidates)."""
    pools = () if quota is None else quota.pools
    chosen: dict[str, list[str]] = {p.id: [] for p in pools}
    waiting: dict[str, list[Candidate]] = {p.id: [] for p in pools}
    for c in ranked if pools else ():
        if c.pool in chosen:
            chosen[c.pool].append(c.official_id)
        if not c.selected:
            for pool in c.pools:
                if pool in waiting and len(waiting[pool]) < missed:
                    waiting[pool].append(c)
    return [{"pool": pool.id, "title": _pair(pool.title), "places": pool.places,
             "chosen": chosen[pool.id],
             "just_missed": [{"official_id": c.official_id, "rank": c.rank,
                              "reason": _pair(c.reason)} for c in waiting[pool.id]]}
            for pool in pools]


def _listed(items: Iterable[Any], each: Callable[[Any], Any]) -> list[Any]:
    return [each(x) for x in items]


class Report:
    """What every selection result says, whether its candidates are in memory or spooled:
    ``ranked``, ``ineligible`` and ``unknown`` need only be iterable, with a length."""

    scheme: SelectionScheme
    regime: Regime
    on: dt.date
    quota: Quota | None
    ranked: Any
    ineligible: Any
    unknown: Any
    out_of_scope: int

    @property
    def commitment(self) -> Commitment:
        """The service commitment and repayment conditions of the regime applied."""
        return self.regime.commitment

    @property
    def illustrative(self) -> bool:
        """True when the scheme, its regime or its scoring is an example, not the text."""
        return (self.scheme.illustrative
                or Confidence.ILLUSTRATIVE in (self.scheme.confidence, self.regime.confidence))

    def tie_break_order(self, lang: str = "vi") -> list[str]:
        """The documented ranking order: score, the tie-breaks, the official id."""
        names = {c.id: c.title[lang] if c.title else c.id for c in self.scheme.criteria}
        score = "điểm cao hơn trước" if lang == "vi" else "higher score first"
        last = "mã hồ sơ (tăng dần)" if lang == "vi" else "official id (ascending)"
        more = "nhiều điểm hơn" if lang == "vi" else "more points"
        steps = [TIE_BREAK_FACTS[k][lang] if k in TIE_BREAK_FACTS else f"{names[k]}: {more}"
                 for k in self.scheme.tie_breaks]
        return [score, *steps, last]

    def pool_report(self, missed: int = 3) -> list[dict[str, Any]]:
        """Per quota pool: its places, who took them, and the first ``missed`` members who
        just missed a place, with why."""
        return pool_report(self.quota, self.ranked, missed)

    def counts(self) -> dict[str, int]:
        """How many candidates ended in each place."""
        return {"ranked": len(self.ranked), "selected": sum(1 for c in self.ranked if c.selected),
                "ineligible": len(self.ineligible), "unknown": len(self.unknown),
                "out_of_scope": self.out_of_scope}

    def as_dict(self, listed: Callable[[Iterable[Any], Callable[[Any], Any]], Any] = _listed
                ) -> dict[str, Any]:
        """JSON-ready data: the scheme and regime applied, the commitment, every candidate;
        ``listed`` makes the long lists (a :class:`~competency.io.json_stream.Rows` streams them)."""
        scheme, regime, commitment, quota = self.scheme, self.regime, self.commitment, self.quota
        return {
            "scheme": scheme.id,
            "title": _pair(scheme.title),
            "on": self.on.isoformat(),
            "illustrative": self.illustrative,
            "confidence": scheme.confidence.value,
            "regime": {"id": regime.id, "title": _pair(regime.title),
                       "valid_from": regime.valid_from and regime.valid_from.isoformat(),
                       "valid_until": regime.valid_until and regime.valid_until.isoformat(),
                       "confidence": regime.confidence.value,
                       "citation": _cite(regime.legal_basis), "note": _pair(regime.note)},
            "scoring": {"confidence": scheme.scoring_confidence.value,
                        "note": _pair(scheme.scoring_note),
                        "order": {"vi": self.tie_break_order("vi"),
                                  "en": self.tie_break_order("en")}},
            "commitment": {"service_multiple": commitment.service_multiple,
                           "text": _pair(commitment.text),
                           "repayment": _pair(commitment.repayment),
                           "citation": _cite(commitment.legal_basis)},
            "quota": None if quota is None else {
                "total": quota.total, "per": quota.per and quota.per.value,
                "max_per_group": quota.max_per_group, "note": _pair(quota.note),
                "pools": self.pool_report()},
            "counts": self.counts(),
            "ranked": listed(self.ranked, Candidate.as_dict),
            "ineligible": listed(self.ineligible, lambda r: r.as_dict()),
            "unknown": listed(self.unknown, Unresolved.as_dict),
        }


@attrs.frozen(kw_only=True)
class Selection(Report):
    """The outcome of :func:`select`: every candidate in exactly one place."""

    scheme: SelectionScheme
    regime: Regime
    on: dt.date
    quota: Quota | None
    ranked: tuple[Candidate, ...]
    ineligible: tuple[Rejection, ...]
    unknown: tuple[Unresolved, ...]
    out_of_scope: int

    @property
    def selected(self) -> tuple[Candidate, ...]:
        """The ranked candidates within the quotas."""
        return tuple(c for c in self.ranked if c.selected)
