"""The reference evaluator: a requirement tree and a record give an explained outcome.

The :class:`Evaluation` tree mirrors the requirement tree. Each node keeps the rule id,
the outcome, what was required and what was found, its citations and a message in
Vietnamese and English. Reports render it; nothing recomputes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

import attrs

from competency.law import Confidence, LegalReference
from competency.model import Assignment, Official
from competency.rules import nodes as n
from competency.rules.leaves import LEAVES, Context, Finding
from competency.rules.outcome import Outcome, conjunction, disjunction, negation
from competency.rules.tables import Tables

__all__ = ["Evaluation", "StandardResult", "evaluate_node", "evaluate_standard"]


@attrs.frozen(kw_only=True)
class Evaluation:
    """The explained outcome of one requirement node."""

    rule_id: str
    kind: str
    outcome: Outcome
    title: n.Text | None = None
    required: n.Text | None = None
    found: n.Text | None = None
    citations: tuple[LegalReference, ...] = ()
    needs_check: bool = False
    due: dt.date | None = None
    provision: str | None = None
    cited_here: bool = False
    children: tuple[Evaluation, ...] = ()

    def message(self, lang: str = "vi", *, cite: bool = True) -> str:
        """One line: requirement, outcome, what was found, deadline, citation."""
        what = (self.required or self.title or n.Text(vi=self.rule_id, en=self.rule_id))[lang]
        text = f"{what}: {self.outcome.label(lang)}"
        if self.found is not None:
            text += f" ({'hiện có' if lang == 'vi' else 'found'}: {self.found[lang]})"
        if self.due is not None:
            text += (f"; phải đáp ứng trước {self.due.isoformat()}" if lang == "vi"
                     else f"; must comply by {self.due.isoformat()}")
        if cite and self.citations:
            text += f" — {'; '.join(c.cite() for c in self.citations)}"
        if self.needs_check and not any(c.confidence is Confidence.NEEDS_CHECK
                                        for c in self.citations):
            text += " [needs-check]"
        return text

    def walk(self) -> Iterator[Evaluation]:
        """This node and its descendants, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def culprits(self) -> list[Evaluation]:
        """The leaves (or negations) that decide a non-met outcome; empty when met."""
        if self.outcome is Outcome.MET:
            return []
        if self.kind in ("not", "leaf") or not self.children:
            return [self]
        if self.kind == "when":
            return self.children[1].culprits()
        return [leaf for child in self.children if child.outcome is self.outcome
                for leaf in child.culprits()]


def _kind(node: n.Node) -> str:
    if isinstance(node, n.AllOf):
        return "all_of"
    if isinstance(node, n.AnyOf):
        return "any_of"
    if isinstance(node, n.Not):
        return "not"
    if isinstance(node, n.When):
        return "when"
    return "leaf"


def _combine(node: n.Node, children: tuple[Evaluation, ...]) -> Outcome:
    outcomes = [c.outcome for c in children]
    if isinstance(node, n.AllOf):
        return conjunction(outcomes)
    if isinstance(node, n.AnyOf):
        return disjunction(outcomes)
    if isinstance(node, n.Not):
        return negation(outcomes[0])
    condition, then = outcomes
    if condition is Outcome.MET:
        return then
    if condition is Outcome.UNMET:
        return Outcome.MET  # the requirement does not apply
    return Outcome.MET if then is Outcome.MET else Outcome.UNKNOWN


def evaluate_node(node: n.Node, ctx: Context, *, citations: tuple[LegalReference, ...] = (),
                  needs_check: bool = False) -> Evaluation:
    """Evaluate ``node`` and its subtree; ``citations`` and ``needs_check`` are inherited."""
    own = node.legal_basis or ()
    cites = own or citations[:1]  # a node inherits the primary instrument, not every citation
    flagged = (needs_check or node.confidence is Confidence.NEEDS_CHECK
               or any(c.confidence is Confidence.NEEDS_CHECK for c in own))
    common = {"rule_id": node.id, "kind": _kind(node), "title": node.title,
              "citations": cites, "needs_check": flagged, "cited_here": bool(own) or not citations}
    leaf = LEAVES.get(type(node))
    if leaf is not None:
        finding: Finding = leaf(node, ctx)
        return Evaluation(outcome=finding.outcome, required=finding.required,
                          found=finding.found, **common)
    children = tuple(evaluate_node(child, ctx, citations=cites, needs_check=flagged)
                     for child in n.children(node))
    return Evaluation(outcome=_combine(node, children), children=children, **common)


def _recombine(node: n.Node, ev: Evaluation, forced: frozenset[str]) -> Outcome:
    """The outcome if the nodes in ``forced`` were met (to test transitional windows)."""
    if node.id in forced:
        return Outcome.MET
    kids = n.children(node)
    if not kids:
        return ev.outcome
    outcomes = tuple(attrs.evolve(c, outcome=_recombine(k, c, forced))
                     for k, c in zip(kids, ev.children, strict=True))
    return _combine(node, outcomes)


@attrs.frozen(kw_only=True)
class StandardResult:
    """One official checked against one standard for one post, as of a date."""

    official_id: str
    standard: n.Standard
    on: dt.date
    title: str | None
    outcome: Outcome
    evaluation: Evaluation
    in_force: bool
    due: dt.date | None = None
    provision: n.Transitional | None = None

    def failing(self) -> list[Evaluation]:
        """The requirements that make the outcome unmet or unknown."""
        return self.evaluation.culprits()


def _covered(provision: n.Transitional, ctx: Context) -> bool:
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


def _mark_due(ev: Evaluation, ids: frozenset[str], provision: n.Transitional) -> Evaluation:
    if ev.rule_id in ids and ev.outcome is not Outcome.MET:
        return attrs.evolve(ev, due=provision.due, provision=provision.id, cited_here=True,
                            citations=ev.citations + provision.legal_basis)
    return attrs.evolve(ev, children=tuple(_mark_due(c, ids, provision) for c in ev.children))


def evaluate_standard(standard: n.Standard, official: Official, on: dt.date, *, tables: Tables,
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
                    and _recombine(standard.requirements, ev, ids) is not Outcome.UNMET):
                ev = _mark_due(ev, ids, candidate)
                due, provision = candidate.due, candidate
                break
    return StandardResult(official_id=official.id, standard=standard, on=on,
                          title=assignment.title if assignment else None, outcome=ev.outcome,
                          evaluation=ev, in_force=standard.in_force(on), due=due,
                          provision=provision)
