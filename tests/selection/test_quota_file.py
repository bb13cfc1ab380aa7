"""A quota of one's own for a scheme: read from a file, checked, and applied by ``select``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from competency.cli import app
from competency.errors import DataFileError
from competency.selection.catalogue import load_quota_file
from competency.synth import generate

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "ha-noi-quota-by-degree.yaml"
SCHEME = "hn.de-an-19-2022.postgraduate-abroad"


def test_the_shipped_example_splits_places_by_degree_with_leaders_first():
    quota = load_quota_file(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE))
    assert [(p.id, p.places) for p in quota.pools] == [("tien-si", 5), ("thac-si", 25)]
    assert quota.total == sum(p.places for p in quota.pools)
    assert len(quota.priority) == 2


@pytest.mark.parametrize(("text", "problem"), [
    ("total: -1\n", "/total: -1 is less than the minimum of 0"),
    ("pools: [{id: a, places: x, title: {vi: a, en: a}}]\n",
     "/pools/0/places: 'x' is not of type 'integer'"),
    ("size: 3\n", "/: unknown field ('size' was unexpected)"),
    ("per: unit\n", "/: 'per' and 'max_per_group' go together"),
    ("pools: [{id: a, places: 1, title: {vi: a, en: a}}, {id: a, places: 2, title: {vi: b, en: b}}]\n",
     "/pools: duplicate pool id 'a'"),
])
def test_a_bad_quota_file_names_the_pointer_and_what_was_expected(text, problem):
    with pytest.raises(DataFileError) as caught:
        load_quota_file(text, "quota.yaml")
    assert caught.value.source == "quota.yaml"
    assert problem in caught.value.problems


def _run(tmp_path: Path, *extra: str) -> tuple[object, dict, list[dict]]:
    records = list(generate(400, seed=1, on=dt.date(2025, 6, 30), province="01"))
    roster = tmp_path / "roster.jsonl"
    roster.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    out = tmp_path / "selection.json"
    ran = CliRunner().invoke(app, ["select", str(roster), "--scheme", SCHEME, "--on", "2025-07-01",
                                   "--format", "json", "--out", str(out), *extra])
    return ran.exception or ran.exit_code, json.loads(out.read_text("utf-8")) if out.exists() else {}, records


def test_select_fills_each_pool_only_with_its_members(tmp_path):
    code, result, records = _run(tmp_path, "--quota-file", str(EXAMPLE))
    assert code == 0
    pools = {p["pool"]: p for p in result["quota"]["pools"]}
    assert set(pools) == {"tien-si", "thac-si"}
    degrees = {r["id"]: {e.get("level") for e in r.get("education", [])} for r in records}
    for official in pools["tien-si"]["chosen"]:
        assert "thac_si" in degrees[official] or "tien_si" in degrees[official]
    for official in pools["thac-si"]["chosen"]:
        assert "thac_si" not in degrees[official]
    assert all(len(p["chosen"]) <= p["places"] for p in pools.values())
    selected = [c["official_id"] for c in result["ranked"] if c["selected"]]
    assert sorted(selected) == sorted(pools["tien-si"]["chosen"] + pools["thac-si"]["chosen"])


def test_without_the_file_the_scheme_keeps_its_single_total(tmp_path):
    code, result, _ = _run(tmp_path)
    assert code == 0 and result["quota"]["pools"] == [] and result["quota"]["total"] == 30


def test_a_bad_quota_file_stops_select_before_any_output(tmp_path):
    """A data-file error: the entry point prints it and exits 2 (tests/cli checks that path)."""
    bad = tmp_path / "quota.yaml"
    bad.write_text("total: many\n", encoding="utf-8")
    error, result, _ = _run(tmp_path, "--quota-file", str(bad))
    assert isinstance(error, DataFileError) and result == {}
    assert error.problems == ("/total: 'many' is not of type 'integer', 'null'",)
