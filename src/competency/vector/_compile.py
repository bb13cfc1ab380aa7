"""The requirement tree compiled to polars expressions over the flattened columns.

Outcomes are small integers, ordered ``unmet`` (0) < ``unknown`` (1) < ``met`` (2), so
Kleene's AND is ``min``, OR is ``max`` and NOT is ``2 - x``. Every leaf reads the columns of
the fact groups it registers (see :mod:`competency.vector._flatten`); thresholds come from
the node and are literals of the expression.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs
import polars as pl

from competency.rules import nodes as n
from competency.rules.leaves import LEAVES
from competency.rules.tables import Tables
from competency.vector import _flatten as f
from competency.vocab import fold

__all__ = ["CompiledStandard", "Compiler", "UnsupportedLeafError", "compile_standard",
           "supported_kinds"]

UNMET, UNKNOWN, MET = 0, 1, 2
_I8 = pl.Int8()


def lit(value: int) -> pl.Expr:
    return pl.lit(value, dtype=_I8)


class UnsupportedLeafError(Exception):
    """A node kind the compiler cannot express; the standard falls back to the reference."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"node kind {kind} has no vectorised form")
        self.kind = kind


def _tri(unknown: pl.Expr, met: pl.Expr) -> pl.Expr:
    """``unknown`` first, then met/unmet; a null condition counts as false."""
    return pl.when(unknown).then(lit(UNKNOWN)).when(met).then(lit(MET)).otherwise(lit(UNMET))


def _whole_years(start: pl.Expr, on: dt.date) -> pl.Expr:
    """Completed years from ``start`` to ``on`` (an age on a birthday counts)."""
    day = start.dt.month().cast(pl.Int32) * 100 + start.dt.day().cast(pl.Int32)
    return (pl.lit(on.year, dtype=pl.Int32) - start.dt.year().cast(pl.Int32)
            - (day > on.month * 100 + on.day).cast(pl.Int32))


def _months_between(start: pl.Expr, end: pl.Expr) -> pl.Expr:
    """``leaves.months_between`` in columns: completed months, add_months clamping included."""
    sy, sm, sd = (start.dt.year().cast(pl.Int32), start.dt.month().cast(pl.Int32),
                  start.dt.day().cast(pl.Int32))
    ey, em, ed = (end.dt.year().cast(pl.Int32), end.dt.month().cast(pl.Int32),
                  end.dt.day().cast(pl.Int32))
    months = (ey - sy) * 12 + em - sm
    last = end.dt.month_end().dt.day().cast(pl.Int32)
    return (pl.when((months > 0) & (sd > ed) & (last > ed)).then(months - 1)
            .when((months < 0) & (sd < ed)).then(months + 1)
            .otherwise(months))


def _within(value: pl.Expr, bounds: n.AgeBounds) -> pl.Expr:
    ok = pl.lit(True)
    if bounds.min is not None:
        ok = ok & (value >= bounds.min)
    if bounds.max is not None:
        ok = ok & (value <= bounds.max)
    return ok


def _kleene_and(parts: list[pl.Expr]) -> pl.Expr:
    if not parts:
        return lit(MET)
    return parts[0] if len(parts) == 1 else pl.min_horizontal(parts)


def _kleene_or(parts: list[pl.Expr]) -> pl.Expr:
    if not parts:
        return lit(UNMET)
    return parts[0] if len(parts) == 1 else pl.max_horizontal(parts)


class Compiler:
    """Compiles nodes for one as-of date; collects the fact groups the expressions read."""

    def __init__(self, on: dt.date, tables: Tables) -> None:
        self.on = on
        self.tables = tables
        self.facts: dict[str, f.Fact] = {}

    def need(self, fact: f.Fact) -> None:
        self.facts.setdefault(fact.key, fact)

    def node(self, node: n.Node, forced: frozenset[str] = frozenset()) -> pl.Expr:
        """The outcome (0/1/2) of ``node``; nodes in ``forced`` count as met."""
        if node.id in forced:
            return lit(MET)
        if isinstance(node, n.AllOf):
            return _kleene_and([self.node(c, forced) for c in node.all_of])
        if isinstance(node, n.AnyOf):
            return _kleene_or([self.node(c, forced) for c in node.any_of])
        if isinstance(node, n.Not):
            return lit(MET) - self.node(node.negated, forced)
        if isinstance(node, n.When):
            cond = self.node(node.when.condition, forced)
            then = self.node(node.when.then, forced)
            return (pl.when(cond == MET).then(then)
                    .when(cond == UNMET).then(lit(MET))
                    .when(then == MET).then(lit(MET))
                    .otherwise(lit(UNKNOWN)))
        leaf = _LEAVES.get(type(node))
        if leaf is None or type(node) not in LEAVES:
            raise UnsupportedLeafError(type(node).__name__)
        return leaf(self, node).cast(_I8)

    # -- leaves ---------------------------------------------------------------------------

    def _leveled(self, fact: f.Fact, prefix: str, minimum: Any) -> pl.Expr:
        self.need(fact)
        return (pl.when(pl.col(f"{prefix}_none")).then(lit(UNKNOWN))
                .when(pl.col(f"{prefix}_max") >= minimum.order).then(lit(MET))
                .when(pl.col(f"{prefix}_ungraded")).then(lit(UNKNOWN))
                .otherwise(lit(UNMET)))

    def min_education(self, node: n.MinEducation) -> pl.Expr:
        return self._leveled(f.EDUCATION, "edu", node.min_education)

    def min_political_theory(self, node: n.MinPoliticalTheory) -> pl.Expr:
        return self._leveled(f.POLITICAL, "pt", node.min_political_theory)

    def min_it_skill(self, node: n.MinITSkill) -> pl.Expr:
        return self._leveled(f.IT_SKILL, "it", node.min_it_skill)

    def min_language(self, node: n.MinLanguage) -> pl.Expr:
        spec = node.min_language
        fact = f.language_fact(spec.language or None)
        return self._leveled(fact, fact.key, spec.level)

    def high_school(self, node: n.HighSchool) -> pl.Expr:
        self.need(f.HIGH_SCHOOL)
        col = pl.col("high_school")
        return _tri(col.is_null(), col == node.high_school)

    def field_of_study(self, node: n.FieldOfStudy) -> pl.Expr:
        spec = node.field_of_study
        self.need(f.EDU_ITEMS)
        items = pl.col("edu_items")
        level, field = pl.element().struct.field("level"), pl.element().struct.field("field")
        eligible = pl.lit(True) if spec.min_level is None else level >= spec.min_level.order
        accepted = sorted({fold(x) for x in spec.fields})
        met = items.list.eval(eligible & field.is_in(accepted)).list.any()
        unknown = items.list.eval(eligible & field.is_null()).list.any()
        return (pl.when(items.is_null()).then(lit(UNKNOWN)).when(met).then(lit(MET))
                .when(unknown).then(lit(UNKNOWN)).otherwise(lit(UNMET)))

    def state_management(self, node: n.StateManagement) -> pl.Expr:
        self.need(f.STATE_MANAGEMENT)
        col = pl.col("sm_mask")
        return _tri(col.is_null(), (col & f.mask_of(node.state_management)) != 0)

    def age(self, node: n.Age) -> pl.Expr:
        self.need(f.PERSON)
        born = pl.col("birth_date")
        return _tri(born.is_null(), _within(_whole_years(born, self.on), node.age))

    def years_of_service(self, node: n.YearsOfService) -> pl.Expr:
        self.need(f.PERSON)
        start = pl.col("service_from")
        return _tri(start.is_null(), _within(_whole_years(start, self.on), node.years_of_service))

    def remaining_working_months(self, node: n.RemainingWorkingMonths) -> pl.Expr:
        spec = node.remaining_working_months
        self.need(f.RETIREMENT)
        retires = pl.col("retires")  # null when birth date or gender is unknown, or off-table
        if spec.at is n.RemainingFrom.FIRST_APPOINTED:
            self.need(f.APPOINTED)
            start = pl.col("appointed")
            missing = retires.is_null() | start.is_null()
        else:
            start = pl.lit(self.on, dtype=pl.Date())
            missing = retires.is_null()
        return _tri(missing, _months_between(start, retires) >= spec.min)

    def min_competency_level(self, node: n.MinCompetencyLevel) -> pl.Expr:
        # check() passes no assessments, so the reference finds no level: unknown.
        return lit(UNKNOWN)

    def unit(self, node: n.UnitCondition) -> pl.Expr:
        spec = node.unit
        self.need(f.UNIT)
        checks = []
        if spec.disadvantaged_area is not None:
            col = pl.col("unit_disadvantaged")
            checks.append(_tri(col.is_null(), col == spec.disadvantaged_area))
        if spec.levels is not None:
            col = pl.col("unit_level")
            checks.append(_tri(col.is_null(), col.is_in([f.code_of(x) for x in spec.levels])))
        if spec.area_types is not None:
            col = pl.col("unit_area_mask")
            checks.append(_tri(col.is_null(), (col & f.mask_of(spec.area_types)) != 0))
        return _kleene_and(checks)

    def category(self, node: n.CategoryCondition) -> pl.Expr:
        self.need(f.PERSON)
        col = pl.col("category")
        return _tri(col.is_null(), col.is_in([f.code_of(x) for x in node.category]))

    def gender(self, node: n.GenderCondition) -> pl.Expr:
        self.need(f.PERSON)
        col = pl.col("gender")
        return _tri(col.is_null(), col == f.code_of(node.gender))

    def ethnicity(self, node: n.EthnicityCondition) -> pl.Expr:
        spec = node.ethnicity
        self.need(f.PERSON)
        col = pl.col("ethnicity")
        ok: pl.Expr | None = None
        if spec.any_of is not None:
            ok = col.is_in(sorted({fold(g) for g in spec.any_of}))
        if spec.none_of is not None:
            out = ~col.is_in(sorted({fold(g) for g in spec.none_of}))
            ok = out if ok is None else ok & out
        if ok is None:
            return lit(MET)  # no check asked for: the reference finds nothing against it
        return _tri(col.is_null(), ok)

    def ratings(self, node: n.Ratings) -> pl.Expr:
        spec = node.ratings
        self.need(f.RATINGS_NONE)
        parts = []
        for year in range(self.on.year - 1, self.on.year - 1 - spec.years, -1):
            fact = f.ratings_fact(year)
            self.need(fact)
            col = pl.col(fact.key)
            parts.append(_tri(col.is_null(), col >= spec.min.order))
        return pl.when(pl.col("ratings_none")).then(lit(UNKNOWN)).otherwise(_kleene_and(parts))

    def international_experience(self, node: n.InternationalExperience) -> pl.Expr:
        self.need(f.INTERNATIONAL)
        return _kleene_or([pl.col(f"intl_{kind.value}")
                           for kind in dict.fromkeys(node.international_experience)])


_LEAVES: dict[type, Callable[[Compiler, Any], pl.Expr]] = {
    n.MinEducation: Compiler.min_education,
    n.HighSchool: Compiler.high_school,
    n.FieldOfStudy: Compiler.field_of_study,
    n.MinPoliticalTheory: Compiler.min_political_theory,
    n.MinLanguage: Compiler.min_language,
    n.MinITSkill: Compiler.min_it_skill,
    n.StateManagement: Compiler.state_management,
    n.Age: Compiler.age,
    n.RemainingWorkingMonths: Compiler.remaining_working_months,
    n.YearsOfService: Compiler.years_of_service,
    n.MinCompetencyLevel: Compiler.min_competency_level,
    n.UnitCondition: Compiler.unit,
    n.CategoryCondition: Compiler.category,
    n.GenderCondition: Compiler.gender,
    n.EthnicityCondition: Compiler.ethnicity,
    n.Ratings: Compiler.ratings,
    n.InternationalExperience: Compiler.international_experience,
}


def supported_kinds() -> tuple[str, ...]:
    """Leaf kinds of the reference evaluator that compile (all of ``leaves.LEAVES`` today)."""
    return tuple(sorted(t.__name__ for t in LEAVES if t in _LEAVES))


@attrs.frozen(kw_only=True)
class CompiledStandard:
    """A standard as expressions for one as-of date, or the reason it falls back."""

    standard: n.Standard
    outcome: pl.Expr | None = None
    # (provision, covered-and-window-holds) for the provisions whose deadline is not past.
    provisions: tuple[tuple[n.Transitional, pl.Expr], ...] = ()
    facts: tuple[f.Fact, ...] = ()
    fallback: str | None = None  # why the reference evaluator runs instead

    @property
    def vectorised(self) -> bool:
        return self.fallback is None


def _covered(compiler: Compiler, provision: n.Transitional) -> pl.Expr:
    """``evaluate._covered``: unknown facts do not grant a window."""
    trigger = provision.applies_when
    parts = []
    if trigger.recruited_before is not None:
        compiler.need(f.PERSON)
        parts.append((pl.col("recruited_on") < pl.lit(trigger.recruited_before, dtype=pl.Date()))
                     .fill_null(False))
    if trigger.appointed_before is not None:
        compiler.need(f.APPOINTED)
        parts.append((pl.col("appointed") < pl.lit(trigger.appointed_before, dtype=pl.Date()))
                     .fill_null(False))
    if trigger.condition is not None:
        parts.append(compiler.node(trigger.condition) == MET)
    covered = pl.lit(True)
    for part in parts:
        covered = covered & part
    return covered


def compile_standard(standard: n.Standard, on: dt.date, tables: Tables) -> CompiledStandard:
    """Compile ``standard`` (requirements and transitional provisions) for ``on``."""
    compiler = Compiler(on, tables)
    try:
        outcome = compiler.node(standard.requirements)
        provisions = []
        for candidate in standard.transitional:
            if on > candidate.due:
                continue  # the window has closed; the reference skips it too
            recombined = compiler.node(standard.requirements, frozenset(candidate.rules))
            provisions.append((candidate, _covered(compiler, candidate) & (recombined != UNMET)))
    except UnsupportedLeafError as exc:
        return CompiledStandard(standard=standard,
                                fallback=f"{standard.id}: {exc}; evaluated by the reference "
                                         "evaluator")
    return CompiledStandard(standard=standard, outcome=outcome, provisions=tuple(provisions),
                            facts=tuple(compiler.facts.values()))
