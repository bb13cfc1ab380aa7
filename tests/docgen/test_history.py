"""A subject's history: which standard applied when, and what each one changed."""

from __future__ import annotations

import attrs
import pytest

from competency.docgen.history import history, history_lines
from competency.errors import UnknownItemError
from competency.rules import nodes as n
from competency.standards.catalogue import Catalog
from tests.cli.test_cli import run

SUBJECT = "commune-civil-servant"


def test_the_commune_chain_in_order_with_its_changes():
    """06/2012 (trung cấp) → 13/2019 adds the university degree → 33/2023 drops the IT rule."""
    changes = history(Catalog.builtin(), SUBJECT, "en")
    ids = [c.standard.id for c in changes]
    assert ids[:3] == ["vn.tt-06-2012-bnv.cong-chuc-xa", "vn.tt-13-2019-bnv.cong-chuc-xa",
                       "vn.nd-33-2023.cong-chuc-xa"]
    first, circular, decree = changes[:3]
    assert first.first and {r for r, _ in first.added} == {"trung-cap", "it"}
    assert "university" in {r for r, _ in circular.added}
    assert [r for r, _ in decree.removed] == ["it"]


def test_a_reworded_requirement_shows_both_wordings():
    catalog = Catalog.builtin()
    old = catalog.get("vn.tt-13-2019-bnv.cong-chuc-xa")
    tree = old.requirements
    age = next(node for node in n.walk(tree) if node.id == "age")
    older = attrs.evolve(age, age=attrs.evolve(age.age, min=21))
    new_tree = attrs.evolve(tree, all_of=tuple(older if c is age else c for c in tree.all_of))
    later = attrs.evolve(old, id="x.later", requirements=new_tree, valid_from=None)
    fake = attrs.evolve(catalog, standards={"vn.tt-13-2019-bnv.cong-chuc-xa": old,
                                            "x.later": attrs.evolve(later, valid_from=old.valid_until)})
    [_, change] = history(fake, old.subject, "en")
    [(rule, before, after)] = change.reworded
    assert rule == "age" and "18" in before and "21" in after
    assert any(line.startswith("  ~ [age]") for line in history_lines([change], "en"))


def test_an_unknown_subject_suggests_the_close_ones():
    with pytest.raises(UnknownItemError, match="did you mean: commune-civil-servant"):
        history(Catalog.builtin(), "commune-civil")
    result = run("standards", "history", "commune-civil")
    assert result.returncode == 2 and "did you mean" in result.stderr


def test_the_command_prints_the_chain():
    result = run("standards", "history", SUBJECT, "--lang", "en")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert "vn.tt-13-2019-bnv.cong-chuc-xa" in lines[next(
        i for i, line in enumerate(lines) if "2019-12-25" in line)]
    assert "  - [it] IT skill Basic (`basic`) or higher" in lines
