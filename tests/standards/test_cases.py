"""The worked cases of every built-in standard (tests/cases/<standard-id>.yaml).

Each case names an as-of date, a record and the outcome the legal text gives; the
expected values are written from the dossier, not from running the evaluator.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from competency import Official, check, evaluate, structure, validate
from competency.io.safe_yaml import load_yaml
from competency.rules.nodes import (
    AllOf,
    AnyOf,
    HighSchool,
    Not,
    OpenQuestion,
    When,
    children,
    walk,
)
from competency.standards.catalogue import Catalog
from competency.vocab import Text

CASES_DIR = Path(__file__).parent / "cases"


def _case_files():
    return sorted(CASES_DIR.glob("*.yaml"))


def _cases():
    for path in _case_files():
        data = load_yaml(path.read_text("utf-8"))
        for index, case in enumerate(data["cases"]):
            yield pytest.param(data["standard"], case, id=f"{path.stem}[{index}] {case['name'][:60]}")


def _result(standard_id, case):
    official = structure(case["official"], Official)
    return evaluate(official, standard_id, dt.date.fromisoformat(case["on"]),
                    include_drafts=True, title=case.get("title"))


@pytest.mark.parametrize(("standard_id", "case"), list(_cases()))
def test_case(standard_id, case):
    """The evaluator gives the outcome, failing rules and deadline the legal text gives."""
    assert validate(case["official"]) == [], "the case record must be a valid official"
    expected = case["expected"]
    assert expected, "every case states an expected outcome"
    if expected["outcome"] == "not_applicable":
        official = structure(case["official"], Official)
        governing = [r.standard.id for r in check(official, dt.date.fromisoformat(case["on"]),
                                                   include_drafts=True)]
        assert standard_id not in governing, "the standard must not govern the person that day"
        return
    result = _result(standard_id, case)
    if expected["outcome"] == "not_in_force":
        assert not result.in_force, "the standard must not be in force on that date"
        return
    assert result.in_force, "a case of a standard is dated while the standard is in force"
    assert result.outcome.code == expected["outcome"]
    if "failing" in expected:
        assert sorted(ev.rule_id for ev in result.failing()) == sorted(expected["failing"])
    due = result.due.isoformat() if result.due else None
    assert due == expected.get("due")
    if "tested_on" in expected:
        assert result.tested_on.isoformat() == expected["tested_on"]
    if "next_test" in expected:
        assert result.next_test.isoformat() == expected["next_test"]


def _can_be(node, outcome: str) -> bool:
    """Whether some record could give ``node`` that outcome (an open question is never met nor
    unmet, so a standard resting on one cannot be)."""
    if isinstance(node, OpenQuestion):
        return False
    if isinstance(node, AllOf):
        return (all if outcome == "met" else any)(_can_be(k, outcome) for k in node.all_of)
    if isinstance(node, AnyOf):
        return (any if outcome == "met" else all)(_can_be(k, outcome) for k in node.any_of)
    if isinstance(node, Not):
        return _can_be(node.negated, "unmet" if outcome == "met" else "met")
    if isinstance(node, When):
        return outcome == "met" or _can_be(node.when.then, outcome)
    return True


def test_every_standard_has_cases_of_each_outcome():
    """Each built-in standard has at least one met, one unmet and one unknown case (met and
    unmet where its tree can give them: an open question is never decided)."""
    seen: dict[str, set[str]] = {}
    for path in _case_files():
        data = load_yaml(path.read_text("utf-8"))
        seen.setdefault(data["standard"], set()).update(c["expected"]["outcome"] for c in data["cases"])
    catalog = Catalog.builtin()
    possible = {sid: {o for o in ("met", "unmet") if _can_be(catalog.get(sid).requirements, o)}
                | {"unknown"} for sid in catalog.ids()}
    missing = {sid: sorted(wanted - seen.get(sid, set())) for sid, wanted in possible.items()}
    assert {sid: m for sid, m in missing.items() if m} == {}


def test_open_questions_cannot_be_decided():
    tree = AnyOf(id="a", any_of=(OpenQuestion(id="q", open_question=Text(vi="x", en="x")),
                                 AllOf(id="b", all_of=(HighSchool(id="h", high_school=True),))))
    assert _can_be(tree, "met") and not _can_be(tree, "unmet")
    assert not _can_be(OpenQuestion(id="q", open_question=Text(vi="x", en="x")), "met")


def test_every_rule_is_reached_by_a_case():
    """Every leaf requirement decides the outcome (is failing) in at least one case. The
    leaves of a ``when`` condition say whom a requirement concerns; they never fail."""
    decided: dict[str, set[str]] = {}
    for param in _cases():
        standard_id, case = param.values
        result = _result(standard_id, case)
        decided.setdefault(standard_id, set()).update(ev.rule_id for ev in result.failing())
    catalog = Catalog.builtin()
    unreached = {}
    for standard in catalog:
        conditions = {node.id for when in walk(standard.requirements) if isinstance(when, When)
                      for node in walk(when.when.condition)}
        leaves = {node.id for node in walk(standard.requirements)
                  if not children(node) and node.id not in conditions}
        left = sorted(leaves - decided.get(standard.id, set()))
        if left:
            unreached[standard.id] = left
    assert unreached == {}
