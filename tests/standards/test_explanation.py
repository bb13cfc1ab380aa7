"""The API's ``explain``: the requirement tree of each result, as lines and as nested data."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import competency
from competency import CompetencyError, Official, check, explain, structure
from tests.cli.test_cli import SAMPLE

ON = dt.date(2020, 6, 1)


def _official(ident: str) -> Official:
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] == ident:
            return structure(record, Official)
    raise AssertionError(ident)


def _depths(node, depth=0):
    yield depth
    for child in node.get("children", ()):
        yield from _depths(child, depth + 1)


def test_one_explanation_per_result_with_the_whole_tree():
    official = _official("MAU-0001")
    explanations = explain(official, ON)
    results = check(official, ON)
    assert [e.result.standard.id for e in explanations] == [r.standard.id for r in results]
    [first] = explanations
    tree = first.as_dict()["explanation"]
    nodes = list(_depths(tree))
    assert max(nodes) >= 1, "the tree keeps its nesting"
    assert len(first.lines("en")) == len(nodes), "one line per requirement"
    university = next(line for line in first.lines("en") if "[university]" in line)
    assert university.lstrip().startswith("✗") and university.startswith("  ")
    assert tree["outcome"] == results[0].outcome.code


def test_no_applicable_standard_gives_no_explanation():
    late = _official("MAU-0003")  # recruited 2020-09-01
    assert explain(late, ON) == []


def test_an_unknown_record_kind_is_a_library_error_with_a_suggestion():
    with pytest.raises(CompetencyError, match="unknown record kind 'oficial'; did you mean: official"):
        competency.validate({"id": "x"}, "oficial")
