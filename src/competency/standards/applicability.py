"""Whether a standard governs a post, and at which date it tests the person.

A standard governs a post when its ``applies_to`` selects the official and the post, the
post is under one of the regimes it names (``data/tables/regimes.yaml``) and the standard is
in force at the date it tests. A standard tested continuously tests the as-of date; one tested
at an event tests the date of the event that falls on or before the as-of date:

* recruitment: the recruitment date;
* first appointment: the date first appointed to the post;
* appointment: the latest appointment or reappointment to the post (career events), else the
  first appointment.

So an incumbent appointed before a standard took effect is tested against the standard in
force at the appointment, or against none; never against a later one. An event date that the
record does not give is reported, not guessed: the test is ``unknown``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from competency.model.official import Assignment, CareerEvent, Official, Unit
from competency.rules.tables import RegimeTable, add_months
from competency.standards.model import Standard
from competency.vocab import CareerEventKind, StandardEvent

__all__ = ["Test", "event_date", "governs", "next_test", "test_of", "tests_for"]

_APPOINTMENTS = frozenset({CareerEventKind.APPOINTMENT, CareerEventKind.REAPPOINTMENT,
                           CareerEventKind.ELECTION})


@attrs.frozen(kw_only=True)
class Test:
    """One standard to test for one post: the event, the date it tests, the next test."""

    assignment: Assignment
    standard: Standard
    tested_on: dt.date | None  # None: the record does not give the event's date
    next_test: dt.date | None = None

    @property
    def event(self) -> StandardEvent:
        """The event the standard is tested at."""
        return self.standard.event


def _events(official: Official, kinds: frozenset[CareerEventKind], title: str | None,
            on: dt.date) -> Iterable[CareerEvent]:
    return (e for e in official.career or () if e.kind in kinds and e.on <= on
            and (title is None or e.title == title))


def event_date(event: StandardEvent, official: Official, assignment: Assignment,
               on: dt.date) -> dt.date | None:
    """The date a standard tested at ``event`` reads for this post, as of ``on``."""
    if event is StandardEvent.CONTINUOUS:
        return on
    first = assignment.first_appointed or assignment.start
    if event is StandardEvent.RECRUITMENT:
        recruited = [e.on for e in _events(official, frozenset({CareerEventKind.RECRUITMENT}),
                                           None, on)]
        found = max(recruited, default=official.recruited_on)
        return found if found is not None and found <= on else None
    if event is StandardEvent.FIRST_APPOINTMENT:
        return first if first is not None and first <= on else None
    later = [e.on for e in _events(official, _APPOINTMENTS, assignment.title, on)]
    candidates = [d for d in (first, *later) if d is not None and d <= on]
    return max(candidates, default=None)


def next_test(standard: Standard, official: Official, assignment: Assignment,
              tested_on: dt.date | None) -> dt.date | None:
    """When the standard tests this post again: at the end of the appointment's term."""
    spec = standard.tested_at
    if tested_on is None or spec is None or spec.event is not StandardEvent.APPOINTMENT:
        return None
    stated = [e.term_end for e in official.career or ()
              if e.kind in _APPOINTMENTS and e.on == tested_on and e.term_end is not None
              and e.title in (None, assignment.title)]
    if stated:
        return max(stated) + dt.timedelta(days=1)
    return None if spec.term is None else add_months(tested_on, 12 * spec.term.years)


def governs(standard: Standard, official: Official, assignment: Assignment, day: dt.date,
            regimes: RegimeTable) -> bool:
    """True when the standard is in force on ``day`` and selects this post under its regime."""
    if not standard.in_force(day) or not standard.applies_to.matches(official, assignment):
        return False
    wanted = standard.applies_to.regimes
    if wanted is None:
        return True
    unit: Unit | None = assignment.unit or official.unit
    return regimes.regime(None if unit is None else unit.level, day) in wanted


def test_of(standard: Standard, official: Official, assignment: Assignment,
            on: dt.date) -> Test:
    """The test of one named standard for one post as of ``on``, whether or not it governs."""
    tested_on = event_date(standard.event, official, assignment, on)
    return Test(assignment=assignment, standard=standard, tested_on=tested_on,
                next_test=next_test(standard, official, assignment, tested_on))


def tests_for(standards: Iterable[Standard], official: Official, assignment: Assignment,
              on: dt.date, regimes: RegimeTable) -> list[Test]:
    """The tests of one post as of ``on``, without the standards another one supersedes."""
    found = []
    for standard in standards:
        if not standard.applies_to.matches(official, assignment):
            continue  # the cheap test first: most standards select other posts
        test = test_of(standard, official, assignment, on)
        day = on if test.tested_on is None else test.tested_on
        if governs(standard, official, assignment, day, regimes):
            found.append(test)
    replaced = {old for t in found for old in t.standard.supersedes}
    return [t for t in found if t.standard.id not in replaced]
