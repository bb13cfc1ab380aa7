"""Scoring a candidate: the points of each criterion, read from the record on a date.

A criterion whose data is missing gives no points and is reported as missing, so that a
candidate is never ranked on a partial score.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from competency.rules.evaluate import evaluate_node
from competency.rules.leaves import Context, whole_years
from competency.rules.outcome import Outcome
from competency.selection._criteria import (
    AgeCriterion,
    Criterion,
    LanguageCriterion,
    RatingsCriterion,
    RuleCriterion,
    ServiceCriterion,
)
from competency.selection._results import CriterionScore
from competency.vocab import Text

__all__ = ["criterion_scores"]

_NO_DATA = Text(vi="không có dữ liệu", en="no data")
_FOREIGN = re.compile(r"^(?!vi$)[a-z]{2}$")


def _text(value: str) -> Text:
    return Text(vi=value, en=value)


def _score_service(c: ServiceCriterion, ctx: Context) -> tuple[float | None, Text]:
    start = ctx.official.service_start or ctx.official.recruited_on
    if start is None:
        return None, _NO_DATA
    years = whole_years(start, ctx.on)
    return max(years, 0) * c.years_of_service.points_per_year, Text(
        vi=f"{years} năm công tác", en=f"{years} years of service")


def _score_ratings(c: RatingsCriterion, ctx: Context) -> tuple[float | None, Text]:
    if ctx.official.ratings is None:
        return None, _NO_DATA
    by_year = {r.year: r.rating for r in ctx.official.ratings}
    points = {p.rating: p.points for p in c.ratings.points}
    years = range(ctx.on.year - 1, ctx.on.year - 1 - c.ratings.years, -1)
    got = [by_year.get(y) for y in years]
    shown = _text(", ".join(f"{y}: {r.code if r else '?'}"
                            for y, r in zip(years, got, strict=True)))
    if None in got:
        return None, shown
    return sum(points.get(r, 0.0) for r in got if r is not None), shown


def _score_language(c: LanguageCriterion, ctx: Context) -> tuple[float | None, Text]:
    held = ctx.official.languages
    if held is None:
        return None, _NO_DATA
    spec = c.language
    held = [s for s in held if (s.awarded_on is None or s.awarded_on <= ctx.on)
            and (s.language.casefold() == spec.language.casefold() if spec.language
                 else _FOREIGN.match(s.language) is not None)]
    levels = [ctx.tables.languages.level(s) for s in held]
    known = [lv for lv in levels if lv is not None]
    best = max(known) if known else None
    top = max(p.level for p in spec.points)
    if len(known) < len(levels) and (best is None or best < top):
        return None, _text(", ".join(f"{s.language}: {lv.code if lv else '?'}"
                                     for s, lv in zip(held, levels, strict=True)))
    reached = [p for p in spec.points if best is not None and p.level <= best]
    raw = max(reached, key=lambda p: p.level).points if reached else 0.0
    return raw, _text(best.code if best else "—")


def _score_younger(c: AgeCriterion, ctx: Context) -> tuple[float | None, Text]:
    born = ctx.official.birth_date
    if born is None:
        return None, _NO_DATA
    age = whole_years(born, ctx.on)
    return max(0, c.younger.below - age) * c.younger.points_per_year, Text(
        vi=f"{age} tuổi", en=f"{age} years old")


def _score_bonus(c: RuleCriterion, ctx: Context) -> tuple[float | None, Text]:
    ev = evaluate_node(c.bonus.condition, ctx)
    if ev.outcome is Outcome.UNKNOWN:
        return None, ev.found or _NO_DATA
    found = ev.found or _text(ev.outcome.code)
    return (c.bonus.points if ev.outcome is Outcome.MET else 0.0), found


_SCORERS: dict[type, Callable[[Any, Context], tuple[float | None, Text]]] = {
    ServiceCriterion: _score_service,
    RatingsCriterion: _score_ratings,
    LanguageCriterion: _score_language,
    AgeCriterion: _score_younger,
    RuleCriterion: _score_bonus,
}


def criterion_scores(criteria: Iterable[Criterion],
                      ctx: Context) -> tuple[list[CriterionScore], list[Text]]:
    """The capped, weighted points of each criterion, and what is missing to score the rest."""
    scores, missing = [], []
    for criterion in criteria:
        raw, found = _SCORERS[type(criterion)](criterion, ctx)
        name = criterion.title or _text(criterion.id)
        if raw is None:
            missing.append(Text(vi=f"Tiêu chí chấm điểm «{name.vi}»: {found.vi}",
                                en=f"Scoring criterion “{name.en}”: {found.en}"))
            continue
        capped = criterion.cap is not None and raw > criterion.cap
        kept = criterion.cap if capped else raw
        scores.append(CriterionScore(criterion=criterion.id, title=criterion.title, raw=raw,
                                     points=round(kept * criterion.weight, 6), capped=capped,
                                     weight=criterion.weight, found=found))
    return scores, missing
