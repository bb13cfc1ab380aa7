"""The requirement tree compiled to column expressions: polars, or SQL text.

Outcomes are small integers, ordered ``unmet`` (0) < ``unknown`` (1) < ``met`` (2), so
Kleene's AND is ``min``, OR is ``max`` and NOT is ``2 - x``. Every leaf reads the columns of
the fact groups it registers (see :mod:`competency.vector._flatten`); thresholds come from
the node and are literals of the expression.

The tree walk (combinators, ``when``, the rules a transitional provision forces, the
provision windows) and the leaves are written once, against a :class:`Backend`: the
expressions they build use Python's operators (``>=``, ``==``, ``!=``, ``-``, ``+``, ``*``,
``&`` and ``|`` on conditions, ``~``) and the backend's methods for the rest.
:class:`PolarsBackend` builds :class:`polars.Expr`; the SQL backend
(:mod:`competency.vector.sql`) builds SQL text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import attrs
import polars as pl

from competency.rules import nodes as n
from competency.rules.leaves import LEAVES
from competency.rules.tables import Tables
from competency.standards.model import Standard, Transitional
from competency.vector import _flatten as f
from competency.vocab import fold

__all__ = ["Backend", "CompiledStandard", "Compiler", "PolarsBackend", "UnsupportedLeafError",
           "compile_requirements", "compile_standard", "months_between", "supported_kinds",
           "whole_years"]

UNMET, UNKNOWN, MET = 0, 1, 2
_I8 = pl.Int8()


def lit(value: int) -> pl.Expr:
    return pl.lit(value, dtype=_I8)


class UnsupportedLeafError(Exception):
    """A node kind the compiler cannot express; the standard falls back to the reference."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"node kind {kind} has no vectorised form")
        self.kind = kind


# -- backends --------------------------------------------------------------------------------

class Backend(Protocol):
    """What the leaves and the tree walk need beyond Python's operators.

    Expressions are opaque values ``E`` of the backend; conditions are boolean expressions
    where a null counts as false in :meth:`case`, as in SQL's ``CASE WHEN``.
    """

    def col(self, name: str) -> Any:
        """A column of the fact table."""

    def outcome(self, value: int) -> Any:
        """An outcome literal (0, 1 or 2)."""

    def integer(self, value: int) -> Any:
        """An integer literal."""

    def date(self, value: dt.date) -> Any:
        """A date literal."""

    def true(self) -> Any:
        """The condition that always holds."""

    def case(self, branches: Sequence[tuple[Any, Any]], otherwise: Any) -> Any:
        """The value of the first branch whose condition holds, else ``otherwise``."""

    def least(self, parts: Sequence[Any]) -> Any:
        """The smallest of two or more outcomes (nulls ignored)."""

    def greatest(self, parts: Sequence[Any]) -> Any:
        """The largest of two or more outcomes (nulls ignored)."""

    def is_null(self, value: Any) -> Any: ...

    def is_in(self, value: Any, values: Sequence[Any]) -> Any:
        """``value`` is one of ``values`` (null when ``value`` is null)."""

    def bit_and(self, value: Any, mask: int) -> Any:
        """Bitwise AND of an integer column and a mask."""

    def as_int(self, condition: Any) -> Any:
        """1 for true, 0 for false."""

    def fill_false(self, condition: Any) -> Any:
        """The condition with null read as false."""

    def year(self, value: Any) -> Any: ...

    def month(self, value: Any) -> Any: ...

    def day(self, value: Any) -> Any: ...

    def not_month_end(self, value: Any) -> Any:
        """The date is not the last day of its month."""

    def any_item(self, column: str, predicate: Callable[[Callable[[str], Any]], Any]) -> Any:
        """Some element of the list-of-struct ``column`` satisfies ``predicate``.

        ``predicate`` receives a getter of the element's fields; a null predicate counts
        as false; an empty list gives false and a null list null.
        """

    def rule_ids(self, ids: Sequence[str]) -> Any:
        """A list of rule ids (a literal)."""

    def concat_lists(self, parts: Sequence[Any]) -> Any:
        """The lists, one after the other."""

    def leaf(self, node: n.Node, value: Any) -> Any:
        """The outcome of a leaf, as the combinators read it."""


class PolarsBackend:
    """:class:`polars.Expr` over the fact frame; outcomes are ``Int8``."""

    def col(self, name: str) -> pl.Expr:
        return pl.col(name)

    def outcome(self, value: int) -> pl.Expr:
        return lit(value)

    def integer(self, value: int) -> pl.Expr:
        return pl.lit(value, dtype=pl.Int32())

    def date(self, value: dt.date) -> pl.Expr:
        return pl.lit(value, dtype=pl.Date())

    def true(self) -> pl.Expr:
        return pl.lit(True)

    def case(self, branches: Sequence[tuple[pl.Expr, pl.Expr]], otherwise: pl.Expr) -> pl.Expr:
        (cond, value), *rest = branches
        chain = pl.when(cond).then(value)
        for cond, value in rest:
            chain = chain.when(cond).then(value)
        return chain.otherwise(otherwise)

    def least(self, parts: Sequence[pl.Expr]) -> pl.Expr:
        return pl.min_horizontal(parts)

    def greatest(self, parts: Sequence[pl.Expr]) -> pl.Expr:
        return pl.max_horizontal(parts)

    def is_null(self, value: pl.Expr) -> pl.Expr:
        return value.is_null()

    def is_in(self, value: pl.Expr, values: Sequence[Any]) -> pl.Expr:
        return value.is_in(list(values))

    def bit_and(self, value: pl.Expr, mask: int) -> pl.Expr:
        return value & mask

    def as_int(self, condition: pl.Expr) -> pl.Expr:
        return condition.cast(pl.Int32())

    def fill_false(self, condition: pl.Expr) -> pl.Expr:
        return condition.fill_null(False)

    def year(self, value: pl.Expr) -> pl.Expr:
        return value.dt.year().cast(pl.Int32())

    def month(self, value: pl.Expr) -> pl.Expr:
        return value.dt.month().cast(pl.Int32())

    def day(self, value: pl.Expr) -> pl.Expr:
        return value.dt.day().cast(pl.Int32())

    def not_month_end(self, value: pl.Expr) -> pl.Expr:
        return value.dt.month_end().dt.day().cast(pl.Int32()) > self.day(value)

    def any_item(self, column: str, predicate: Callable[[Callable[[str], pl.Expr]], pl.Expr]
                 ) -> pl.Expr:
        def get(name: str) -> pl.Expr:
            return pl.element().struct.field(name)
        return pl.col(column).list.eval(predicate(get)).list.any()

    def rule_ids(self, ids: Sequence[str]) -> pl.Expr:
        return pl.lit(list(ids), dtype=pl.List(pl.String()))

    def concat_lists(self, parts: Sequence[pl.Expr]) -> pl.Expr:
        return pl.concat_list(parts) if len(parts) > 1 else parts[0]

    def leaf(self, node: n.Node, value: pl.Expr) -> pl.Expr:
        return value.cast(_I8)


POLARS = PolarsBackend()


# -- helpers written once for every backend --------------------------------------------------

def _tri(b: Backend, unknown: Any, met: Any) -> Any:
    """``unknown`` first, then met/unmet; a null condition counts as false."""
    return b.case([(unknown, b.outcome(UNKNOWN)), (met, b.outcome(MET))], b.outcome(UNMET))


def _all(b: Backend, conditions: Sequence[Any]) -> Any:
    """The conjunction of boolean conditions (true when there are none)."""
    if not conditions:
        return b.true()
    result = conditions[0]
    for condition in conditions[1:]:
        result = result & condition
    return result


def whole_years(b: Backend, start: Any, on: dt.date) -> Any:
    """Completed years from ``start`` to ``on`` (an age on a birthday counts)."""
    day = b.month(start) * 100 + b.day(start)
    return b.integer(on.year) - b.year(start) - b.as_int(day > on.month * 100 + on.day)


def months_between(b: Backend, start: Any, end: Any) -> Any:
    """``leaves.months_between`` in columns: completed months, add_months clamping included.

    ``add_months(start, months)`` clamps the day to the end of the month, so it passes
    ``end`` exactly when the start day is later than the end day and ``end`` is not the
    last day of its month.
    """
    sy, sm, sd = b.year(start), b.month(start), b.day(start)
    ey, em, ed = b.year(end), b.month(end), b.day(end)
    months = (ey - sy) * 12 + em - sm
    return months - b.case([((months > 0) & (sd > ed) & b.not_month_end(end), b.integer(1)),
                            ((months < 0) & (sd < ed), b.integer(-1))], b.integer(0))


def _whole_years(start: pl.Expr, on: dt.date) -> pl.Expr:
    return whole_years(POLARS, start, on)


def _months_between(start: pl.Expr, end: pl.Expr) -> pl.Expr:
    return months_between(POLARS, start, end)


def _within(b: Backend, value: Any, bounds: n.AgeBounds) -> Any:
    checks = []
    if bounds.min is not None:
        checks.append(value >= bounds.min)
    if bounds.max is not None:
        checks.append(value <= bounds.max)
    return _all(b, checks)


def _kleene_and(b: Backend, parts: Sequence[Any]) -> Any:
    if not parts:
        return b.outcome(MET)
    return parts[0] if len(parts) == 1 else b.least(parts)


def _kleene_or(b: Backend, parts: Sequence[Any]) -> Any:
    if not parts:
        return b.outcome(UNMET)
    return parts[0] if len(parts) == 1 else b.greatest(parts)


class Compiler:
    """Compiles nodes for one as-of date; collects the fact groups the expressions read."""

    def __init__(self, on: dt.date, tables: Tables, backend: Backend = POLARS) -> None:
        self.on = on
        self.tables = tables
        self.b = backend
        self.facts: dict[str, f.Fact] = {}

    def need(self, fact: f.Fact) -> None:
        self.facts.setdefault(fact.key, fact)

    def node(self, node: n.Node, forced: frozenset[str] = frozenset()) -> Any:
        """The outcome (0/1/2) of ``node``; nodes in ``forced`` count as met."""
        b = self.b
        if node.id in forced:
            return b.outcome(MET)
        if isinstance(node, n.AllOf):
            return _kleene_and(b, [self.node(c, forced) for c in node.all_of])
        if isinstance(node, n.AnyOf):
            return _kleene_or(b, [self.node(c, forced) for c in node.any_of])
        if isinstance(node, n.Not):
            return b.outcome(MET) - self.node(node.negated, forced)
        if isinstance(node, n.When):
            # Kleene's implication: ``then`` when the condition is met, met when it is
            # unmet, otherwise met only if ``then`` is: max(2 - condition, then).
            cond = self.node(node.when.condition, forced)
            then = self.node(node.when.then, forced)
            return _kleene_or(b, [b.outcome(MET) - cond, then])
        leaf = _LEAVES.get(type(node))
        if leaf is None or type(node) not in LEAVES:
            raise UnsupportedLeafError(type(node).__name__)
        return b.leaf(node, leaf(self, node))

    # -- leaves ---------------------------------------------------------------------------

    def _leveled(self, fact: f.Fact, prefix: str, minimum: Any) -> Any:
        b = self.b
        self.need(fact)
        return b.case([(b.col(f"{prefix}_none"), b.outcome(UNKNOWN)),
                       (b.col(f"{prefix}_max") >= minimum.order, b.outcome(MET)),
                       (b.col(f"{prefix}_ungraded"), b.outcome(UNKNOWN))], b.outcome(UNMET))

    def min_education(self, node: n.MinEducation) -> Any:
        return self._leveled(f.EDUCATION, "edu", node.min_education)

    def min_political_theory(self, node: n.MinPoliticalTheory) -> Any:
        return self._leveled(f.POLITICAL, "pt", node.min_political_theory)

    def min_it_skill(self, node: n.MinITSkill) -> Any:
        return self._leveled(f.IT_SKILL, "it", node.min_it_skill)

    def min_language(self, node: n.MinLanguage) -> Any:
        spec = node.min_language
        fact = f.language_fact(spec.language or None)
        return self._leveled(fact, fact.key, spec.level)

    def high_school(self, node: n.HighSchool) -> Any:
        b = self.b
        self.need(f.HIGH_SCHOOL)
        col = b.col("high_school")
        return _tri(b, b.is_null(col), col == node.high_school)

    def field_of_study(self, node: n.FieldOfStudy) -> Any:
        b, spec = self.b, node.field_of_study
        self.need(f.EDU_ITEMS)
        accepted = sorted({fold(x) for x in spec.fields})

        def eligible(item: Callable[[str], Any]) -> list[Any]:
            return [] if spec.min_level is None else [item("level") >= spec.min_level.order]

        met = b.any_item("edu_items", lambda item: _all(
            b, [*eligible(item), b.is_in(item("field"), accepted)]))
        unknown = b.any_item("edu_items", lambda item: _all(
            b, [*eligible(item), b.is_null(item("field"))]))
        return b.case([(b.is_null(b.col("edu_items")), b.outcome(UNKNOWN)),
                       (met, b.outcome(MET)), (unknown, b.outcome(UNKNOWN))], b.outcome(UNMET))

    def state_management(self, node: n.StateManagement) -> Any:
        b = self.b
        self.need(f.STATE_MANAGEMENT)
        col = b.col("sm_mask")
        return _tri(b, b.is_null(col), b.bit_and(col, f.mask_of(node.state_management)) != 0)

    def political_theory_diploma(self, node: n.HoldsPoliticalTheoryDiploma) -> Any:
        b = self.b
        self.need(f.DIPLOMAS)
        col = b.col("ptd_mask")
        return _tri(b, b.is_null(col),
                    b.bit_and(col, f.mask_of(node.political_theory_diploma)) != 0)

    def age(self, node: n.Age) -> Any:
        b = self.b
        self.need(f.PERSON)
        born = b.col("birth_date")
        return _tri(b, b.is_null(born), _within(b, whole_years(b, born, self.on), node.age))

    def years_of_service(self, node: n.YearsOfService) -> Any:
        b = self.b
        self.need(f.PERSON)
        start = b.col("service_from")
        return _tri(b, b.is_null(start),
                    _within(b, whole_years(b, start, self.on), node.years_of_service))

    def remaining_working_months(self, node: n.RemainingWorkingMonths) -> Any:
        b, spec = self.b, node.remaining_working_months
        self.need(f.RETIREMENT)
        retires = b.col("retires")  # null when birth date or gender is unknown, or off-table
        if spec.at is n.RemainingFrom.FIRST_APPOINTED:
            self.need(f.APPOINTED)
            start = b.col("appointed")
            missing = b.is_null(retires) | b.is_null(start)
        else:
            start = b.date(self.on)
            missing = b.is_null(retires)
        return _tri(b, missing, months_between(b, start, retires) >= spec.min)

    def min_competency_level(self, node: n.MinCompetencyLevel) -> Any:
        # check() passes no assessments, so the reference finds no level: unknown.
        return self.b.outcome(UNKNOWN)

    def unit(self, node: n.UnitCondition) -> Any:
        b, spec = self.b, node.unit
        self.need(f.UNIT)
        checks = []
        if spec.disadvantaged_area is not None:
            col = b.col("unit_disadvantaged")
            checks.append(_tri(b, b.is_null(col), col == spec.disadvantaged_area))
        if spec.levels is not None:
            col = b.col("unit_level")
            checks.append(_tri(b, b.is_null(col),
                               b.is_in(col, [f.code_of(x) for x in spec.levels])))
        if spec.area_types is not None:
            col = b.col("unit_area_mask")
            checks.append(_tri(b, b.is_null(col),
                               b.bit_and(col, f.mask_of(spec.area_types)) != 0))
        return _kleene_and(b, checks)

    def category(self, node: n.CategoryCondition) -> Any:
        b = self.b
        self.need(f.PERSON)
        col = b.col("category")
        return _tri(b, b.is_null(col), b.is_in(col, [f.code_of(x) for x in node.category]))

    def gender(self, node: n.GenderCondition) -> Any:
        b = self.b
        self.need(f.PERSON)
        col = b.col("gender")
        return _tri(b, b.is_null(col), col == f.code_of(node.gender))

    def ethnicity(self, node: n.EthnicityCondition) -> Any:
        b, spec = self.b, node.ethnicity
        self.need(f.PERSON)
        col = b.col("ethnicity")
        checks = []
        if spec.any_of is not None:
            checks.append(b.is_in(col, sorted({fold(g) for g in spec.any_of})))
        if spec.none_of is not None:
            checks.append(~b.is_in(col, sorted({fold(g) for g in spec.none_of})))
        if not checks:
            return b.outcome(MET)  # no check asked for: the reference finds nothing against it
        return _tri(b, b.is_null(col), _all(b, checks))

    def ratings(self, node: n.Ratings) -> Any:
        b, spec = self.b, node.ratings
        self.need(f.RATINGS_NONE)
        parts = []
        for year in range(self.on.year - 1, self.on.year - 1 - spec.years, -1):
            fact = f.ratings_fact(year)
            self.need(fact)
            col = b.col(fact.key)
            parts.append(_tri(b, b.is_null(col), col >= spec.min.order))
        return b.case([(b.col("ratings_none"), b.outcome(UNKNOWN))], _kleene_and(b, parts))

    def born_on_or_after(self, node: n.BornOnOrAfter) -> Any:
        b = self.b
        self.need(f.PERSON)
        born = b.col("birth_date")
        return _tri(b, b.is_null(born), born >= b.date(node.born_on_or_after))

    def fact(self, node: n.Fact) -> Any:
        b, fact = self.b, f.stated_fact(node.fact)
        self.need(fact)
        col = b.col(fact.key)
        return _tri(b, b.is_null(col), col)

    def placed_in_job_position(self, node: n.JobPositionPlacement) -> Any:
        b = self.b
        self.need(f.JOB_POSITION)
        col = b.col("job_placed")
        return _tri(b, b.is_null(col), col == node.placed_in_job_position)

    def training_periods(self, node: n.TrainingPeriods) -> Any:
        spec = node.training_periods
        year = spec.year if spec.year is not None else self.on.year - 1
        b, fact = self.b, f.training_periods_fact(year)
        self.need(fact)
        total, unsure, none = (b.col(name) for name, _ in fact.columns)
        return b.case([(none, b.outcome(UNKNOWN)),
                       (total >= spec.min, b.outcome(MET)),
                       (unsure, b.outcome(UNKNOWN))], b.outcome(UNMET))

    def open_question(self, node: n.OpenQuestion) -> Any:
        return self.b.outcome(UNKNOWN)  # the reference never decides it either

    def international_experience(self, node: n.InternationalExperience) -> Any:
        self.need(f.INTERNATIONAL)
        return _kleene_or(self.b, [self.b.col(f"intl_{kind.value}")
                                   for kind in dict.fromkeys(node.international_experience)])


_LEAVES: dict[type, Callable[[Compiler, Any], Any]] = {
    n.MinEducation: Compiler.min_education,
    n.HighSchool: Compiler.high_school,
    n.FieldOfStudy: Compiler.field_of_study,
    n.MinPoliticalTheory: Compiler.min_political_theory,
    n.HoldsPoliticalTheoryDiploma: Compiler.political_theory_diploma,
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
    n.BornOnOrAfter: Compiler.born_on_or_after,
    n.OpenQuestion: Compiler.open_question,
    n.Fact: Compiler.fact,
    n.JobPositionPlacement: Compiler.placed_in_job_position,
    n.TrainingPeriods: Compiler.training_periods,
}


def supported_kinds() -> tuple[str, ...]:
    """Leaf kinds of the reference evaluator that compile (all of ``leaves.LEAVES`` today)."""
    return tuple(sorted(t.__name__ for t in LEAVES if t in _LEAVES))


def failing_rules(compiler: Compiler, node: n.Node) -> Any:
    """The ids of ``Evaluation.culprits()`` as a list of strings: the leaves (or negations)
    that decide a non-met outcome, in tree order; empty when met."""
    b, outcome = compiler.b, compiler.node(node)
    kids = n.children(node)
    if isinstance(node, n.Not) or not kids:
        mine = b.rule_ids([node.id])
    elif isinstance(node, n.When):
        mine = failing_rules(compiler, node.when.then)
    else:
        mine = b.concat_lists([b.case([(compiler.node(kid) == outcome,
                                        failing_rules(compiler, kid))], b.rule_ids([]))
                               for kid in kids])
    return b.case([(outcome == MET, b.rule_ids([]))], mine)


@attrs.frozen(kw_only=True)
class CompiledStandard:
    """A standard as expressions for one as-of date, or the reason it falls back."""

    standard: Standard
    outcome: pl.Expr | None = None
    failing: pl.Expr | None = None  # rule ids of the culprits (see :func:`failing_rules`)
    # (provision, covered-and-window-holds) for the provisions whose deadline is not past.
    provisions: tuple[tuple[Transitional, pl.Expr], ...] = ()
    facts: tuple[f.Fact, ...] = ()
    fallback: str | None = None  # why the reference evaluator runs instead

    @property
    def vectorised(self) -> bool:
        return self.fallback is None


def _covered(compiler: Compiler, provision: Transitional) -> Any:
    """``evaluate._covered``: unknown facts do not grant a window."""
    b, trigger = compiler.b, provision.applies_when
    parts = []
    if trigger.recruited_before is not None:
        compiler.need(f.PERSON)
        parts.append(b.fill_false(b.col("recruited_on") < b.date(trigger.recruited_before)))
    if trigger.appointed_before is not None:
        compiler.need(f.APPOINTED)
        parts.append(b.fill_false(b.col("appointed") < b.date(trigger.appointed_before)))
    if trigger.condition is not None:
        parts.append(compiler.node(trigger.condition) == MET)
    return _all(b, parts)


def compile_requirements(compiler: Compiler, standard: Standard
                         ) -> tuple[Any, list[tuple[Transitional, Any]]]:
    """The outcome of ``standard`` and, per provision still open on the compiler's date,
    the condition under which it grants its window (raises :class:`UnsupportedLeafError`).

    The provision applied to a row is the first whose condition holds when the outcome is
    unmet; its deadline is the row's ``due``.
    """
    outcome = compiler.node(standard.requirements)
    provisions = []
    for candidate in standard.transitional:
        if compiler.on > candidate.due:
            continue  # the window has closed; the reference skips it too
        recombined = compiler.node(standard.requirements, frozenset(candidate.rules))
        provisions.append((candidate, _covered(compiler, candidate) & (recombined != UNMET)))
    return outcome, provisions


def compile_standard(standard: Standard, on: dt.date, tables: Tables) -> CompiledStandard:
    """Compile ``standard`` (requirements and transitional provisions) for ``on``."""
    compiler = Compiler(on, tables)
    try:
        outcome, provisions = compile_requirements(compiler, standard)
        failing = failing_rules(compiler, standard.requirements)
    except UnsupportedLeafError as exc:
        return CompiledStandard(standard=standard,
                                fallback=f"{standard.id}: {exc}; evaluated by the reference "
                                         "evaluator")
    return CompiledStandard(standard=standard, outcome=outcome, failing=failing,
                            provisions=tuple(provisions), facts=tuple(compiler.facts.values()))
