"""Every fact code that shipped standards, schemes and target sets read is listed, with a name in
both languages, in data/facts.yaml; a code the list lacks would never be stated by a record."""

from __future__ import annotations

from competency.rules import nodes as n
from competency.selection import builtin_schemes
from competency.standards.catalogue import Catalog
from competency.standards.facts import fact_codes
from competency.targets import builtin_target_sets


def _trees():
    for standard in Catalog.builtin():
        yield standard.requirements
    for scheme in builtin_schemes().values():
        for regime in scheme.regimes:
            yield regime.eligibility
        for criterion in scheme.criteria:
            bonus = getattr(criterion, "bonus", None)
            if bonus is not None:
                yield bonus.condition
    for target_set in builtin_target_sets().values():
        for indicator in target_set.indicators:
            yield indicator.predicate


def test_every_fact_read_is_listed():
    used = {node.fact for tree in _trees() for node in n.walk(tree) if isinstance(node, n.Fact)}
    assert len(used) >= 10
    assert used <= set(fact_codes())


def test_every_listed_fact_is_named_and_read_by_a_rule():
    for entry in fact_codes().values():
        assert entry.name.vi and entry.name.en and entry.rules, entry.code
