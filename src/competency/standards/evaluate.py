"""A standard checked for one post: the requirement tree evaluated, then its transitional provisions.

An unmet requirement covered by a transitional provision stays unmet, but the result carries
the provision and its deadline, so "train by this date" is told apart from "not qualified".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from competency.law import Confidence
from competency.model.official import Assignment, Official
from competency.rules.evaluate import Evaluation, evaluate_node, recombine
from competency.rules.leaves import Context
from competency.rules.outcome import Outcome
from competency.rules.tables import Tables
from competency.standards.applicability import Test
from competency.standards.model import Standard, Transitional
from competency.vocab import StandardEvent, Text

__all__ = ["StandardResult", "evaluate_standard", "evaluate_test"]


@attrs.frozen(kw_only=True)
class StandardResult:
    """One official checked against one standard for one post, as of a date."""

    official_id: str
    standard: Standard
    on: dt.date
    title: str | None
    outcome: Outcome
    evaluation: Evaluation
    in_force: bool
    due: dt.date | None = None
    provision: Transitional | None = None
    tested_on: dt.date | None = None  # the date the test read (the event's); None when unknown
    next_test: dt.date | None = None  # when the standard tests this post again (reappointment)

    @property
    def event(self) -> StandardEvent:
        """The event the standard is tested at."""
        return self.standard.event

    def failing(self) -> list[Evaluation]:
        """The requirements that make the outcome unmet or unknown."""
        return self.evaluation.culprits()


def _covered(provision: Transitional, ctx: Context) -> bool:
    """Whether the provision covers this official; unknown facts do not grant a window."""
    trigger, official, assignment = provision.applies_when, ctx.official, ctx.assignment
    if trigger.recruited_before is not None:
        if official.recruited_on is None or official.recruited_on >= trigger.recruited_before:
            return False
    if trigger.appointed_before is not None:
        appointed = None if assignment is None else (assignment.first_appointed or assignment.start)
        if appointed is None or appointed >= trigger.appointed_before:
            return False
    if trigger.condition is not None:
        return evaluate_node(trigger.condition, ctx).outcome is Outcome.MET
    return True


def _mark_due(ev: Evaluation, ids: frozenset[str], provision: Transitional) -> Evaluation:
    if ev.rule_id in ids and ev.outcome is not Outcome.MET:
        return attrs.evolve(ev, due=provision.due, provision=provision.id, cited_here=True,
                            citations=ev.citations + provision.legal_basis)
    return attrs.evolve(ev, children=tuple(_mark_due(c, ids, provision) for c in ev.children))


def evaluate_standard(standard: Standard, official: Official, on: dt.date, *, tables: Tables,
                      assignment: Assignment | None = None,
                      assessments: Mapping[str, int] | None = None) -> StandardResult:
    """Check ``official`` against ``standard`` for ``assignment`` as of ``on``.

    An unmet requirement covered by a transitional provision stays unmet, but the
    result carries the provision and its deadline while ``on`` is before it.
    """
    ctx = Context(official=official, on=on, tables=tables, assignment=assignment,
                  assessments=assessments)
    ev = evaluate_node(standard.requirements, ctx, citations=standard.legal_basis,
                       needs_check=standard.confidence is Confidence.NEEDS_CHECK)
    if not standard.requirements.legal_basis:
        ev = attrs.evolve(ev, citations=standard.legal_basis, cited_here=True)
    due, provision = None, None
    if ev.outcome is Outcome.UNMET:
        for candidate in standard.transitional:
            ids = frozenset(candidate.rules)
            if (on <= candidate.due and _covered(candidate, ctx)
                    and recombine(standard.requirements, ev, ids) is not Outcome.UNMET):
                ev = _mark_due(ev, ids, candidate)
                due, provision = candidate.due, candidate
                break
    return StandardResult(official_id=official.id, standard=standard, on=on,
                          title=assignment.title if assignment else None, outcome=ev.outcome,
                          evaluation=ev, in_force=standard.in_force(on), due=due,
                          provision=provision, tested_on=on)


def _undated(test: Test, official: Official, on: dt.date) -> StandardResult:
    """The result of an event test whose date the record does not give: unknown, and why."""
    event = test.event
    ev = Evaluation(
        rule_id="event-date", kind="event", outcome=Outcome.UNKNOWN,
        title=Text(vi=f"Ngày xét: {event.vi.lower()}", en=f"Date tested: {event.en.lower()}"),
        required=Text(vi=f"Ngày của sự kiện ({event.vi.lower()})",
                      en=f"The date of the event ({event.en.lower()})"),
        found=Text(vi="không có dữ liệu", en="no data"),
        citations=test.standard.legal_basis, cited_here=True)
    return StandardResult(official_id=official.id, standard=test.standard, on=on,
                          title=test.assignment.title, outcome=Outcome.UNKNOWN, evaluation=ev,
                          in_force=test.standard.in_force(on), tested_on=None)


def evaluate_test(test: Test, official: Official, on: dt.date, *, tables: Tables,
                  assessments: Mapping[str, int] | None = None) -> StandardResult:
    """The standard of ``test`` evaluated at the date it tests (the event's), reported as of ``on``.

    Ages, years and qualifications are those at the event: an appointment standard asks
    whether the person met it when appointed or last reappointed.
    """
    if test.tested_on is None:
        return _undated(test, official, on)
    result = evaluate_standard(test.standard, official, test.tested_on, tables=tables,
                               assignment=test.assignment, assessments=assessments)
    return attrs.evolve(result, on=on, tested_on=test.tested_on,
                        next_test=test.next_test)
