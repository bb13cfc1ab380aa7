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
from competency.rules.nodes import children, walk
from competency.standards.catalogue import Catalog

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


def test_every_standard_has_cases_of_each_outcome():
    """Each built-in standard has at least one met, one unmet and one unknown case."""
    seen: dict[str, set[str]] = {}
    for path in _case_files():
        data = load_yaml(path.read_text("utf-8"))
        seen.setdefault(data["standard"], set()).update(c["expected"]["outcome"] for c in data["cases"])
    missing = {sid: sorted({"met", "unmet", "unknown"} - seen.get(sid, set()))
               for sid in Catalog.builtin().ids()}
    assert {sid: m for sid, m in missing.items() if m} == {}


def test_every_rule_is_reached_by_a_case():
    """Every leaf requirement decides the outcome (is failing) in at least one case."""
    decided: dict[str, set[str]] = {}
    for param in _cases():
        standard_id, case = param.values
        result = _result(standard_id, case)
        decided.setdefault(standard_id, set()).update(ev.rule_id for ev in result.failing())
    catalog = Catalog.builtin()
    unreached = {}
    for standard in catalog:
        leaves = {node.id for node in walk(standard.requirements) if not children(node)}
        left = sorted(leaves - decided.get(standard.id, set()))
        if left:
            unreached[standard.id] = left
    assert unreached == {}
