"""The reference evaluator: a requirement tree and a record give an explained outcome.

The :class:`Evaluation` tree mirrors the requirement tree. Each node keeps the rule id,
the outcome, what was required and what was found, its citations and a message in
Vietnamese and English. Reports render it; nothing recomputes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import attrs

from competency.law import Confidence, LegalReference
from competency.rules import nodes as n
from competency.rules.leaves import LEAVES, Context, Finding
from competency.rules.outcome import Outcome, conjunction, disjunction, negation
from competency.vocab import Text

__all__ = ["Evaluation", "evaluate_node", "recombine"]


@attrs.frozen(kw_only=True)
class Evaluation:
    """The explained outcome of one requirement node."""

    rule_id: str
    kind: str
    outcome: Outcome
    title: Text | None = None
    required: Text | None = None
    found: Text | None = None
    citations: tuple[LegalReference, ...] = ()
    needs_check: bool = False
    due: dt.date | None = None
    provision: str | None = None
    cited_here: bool = False
    children: tuple[Evaluation, ...] = ()

    def message(self, lang: str = "vi", *, cite: bool = True) -> str:
        """One line: requirement, outcome, what was found, deadline, citation."""
        what = (self.required or self.title or Text(vi=self.rule_id, en=self.rule_id))[lang]
        text = f"{what}: {self.outcome.label(lang)}"
        if self.found is not None:
            text += f" ({'hiện có' if lang == 'vi' else 'found'}: {self.found[lang]})"
        if self.due is not None:
            text += (f"; phải đáp ứng trước {self.due.isoformat()}" if lang == "vi"
                     else f"; must comply by {self.due.isoformat()}")
        if cite and self.citations:
            text += f" — {'; '.join(c.cite(lang) for c in self.citations)}"
        if self.needs_check and not any(c.confidence is Confidence.NEEDS_CHECK
                                        for c in self.citations):
            text += f" [{Confidence.NEEDS_CHECK.label(lang)}]"
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


def recombine(node: n.Node, ev: Evaluation, forced: frozenset[str]) -> Outcome:
    """The outcome if the nodes in ``forced`` were met (to test transitional windows)."""
    if node.id in forced:
        return Outcome.MET
    kids = n.children(node)
    if not kids:
        return ev.outcome
    outcomes = tuple(attrs.evolve(c, outcome=recombine(k, c, forced))
                     for k, c in zip(kids, ev.children, strict=True))
    return _combine(node, outcomes)
