"""``check --engine vector``: the same results, errors and summary as the reference engine.

The bulk path parses, validates and evaluates a JSON Lines roster in batches without building
attrs objects; these tests run both engines on the same files (synthetic rosters with broken
records, the sample roster, hand-made edge cases) and compare everything they print.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

pytest.importorskip("polars")

from competency import synth
from competency.standards.catalogue import Catalog
from competency.vector._bulk import Job, check_roster
from tests.cli.test_cli import SAMPLE, run

KEYS = ("official_id", "title", "on", "standard", "instrument", "confidence", "outcome", "due",
        "provision")


def results(stdout: str) -> list[tuple[object, ...]]:
    """The fields both engines write, and the ids of the failing rules (the reference
    engine writes each with its messages, the vector engine the ids)."""
    rows = [json.loads(line) for line in stdout.splitlines()]
    return [(*(row.get(k) for k in KEYS),
             [f if isinstance(f, str) else f["rule"] for f in row["failing"]]) for row in rows]


def summary(stderr: str) -> list[str]:
    """The summary lines (records, results, the most failed rules: ties in any order), in
    Vietnamese (the default) or English; error lines are compared separately."""
    lines = stderr.splitlines()
    heads = ("records:", "results:", "hồ sơ:", "kết quả:")
    return ([line for line in lines if line.startswith(heads)]
            + sorted(line for line in lines if " › " in line))


def errors(stderr: str, roster: Path) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(f"{roster}:")]


def roster_file(tmp_path: Path, n: int, seed: int, on: str, **kwargs) -> Path:
    path = tmp_path / f"roster-{seed}.jsonl"
    with path.open("w", encoding="utf-8") as stream:
        for record in synth.generate(n, seed=seed, on=dt.date.fromisoformat(on), **kwargs):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def both(roster: Path, on: str, *extra: str):
    reference = run("check", str(roster), "--on", on, "--format", "jsonl", *extra)
    vector = run("check", str(roster), "--on", on, "--format", "jsonl", "--engine", "vector",
                 *extra)
    return reference, vector


@pytest.mark.parametrize("on", ["2019-12-24", "2019-12-25", "2023-08-01", "2025-06-30",
                                "2025-07-01"])
def test_vector_engine_equals_reference_on_a_synthetic_roster(tmp_path, on):
    roster = roster_file(tmp_path, 1500, seed=31, on=on, invalid_share=0.03)
    reference, vector = both(roster, on)
    assert (vector.returncode, reference.returncode) == (1, 1)
    got, expected = results(vector.stdout), results(reference.stdout)
    assert len(got) > 700 and got == expected
    assert {row[6] for row in got} >= {"met", "unmet"}
    assert errors(vector.stderr, roster) == errors(reference.stderr, roster)
    assert len(errors(vector.stderr, roster)) >= 45  # every broken record reported
    assert summary(vector.stderr) == summary(reference.stderr)
    assert summary(reference.stderr)[0].startswith("hồ sơ: đọc 1500,")
    assert "Traceback" not in vector.stderr


def test_vector_engine_equals_reference_on_the_sample_roster_with_deadlines():
    reference, vector = both(SAMPLE, "2020-06-01")
    got = results(vector.stdout)
    assert got == results(reference.stdout)
    assert any(row[7] == "2024-12-25" and row[8] for row in got)  # a transitional deadline
    assert summary(vector.stderr) == summary(reference.stderr)


def test_unreadable_lines_are_reported_like_the_reader_does(tmp_path):
    good = json.dumps({"id": "A-1", "category": "cong_chuc", "unit": {"level": "commune"},
                       "assignments": [{"title": "cc_xa.tu_phap_ho_tich"}],
                       "education": [{"level": "trung_cap"}]})
    roster = tmp_path / "r.jsonl"
    roster.write_bytes(b"\xef\xbb\xbf" + good.encode() + b"\n\n"
                       + b'{"id": "A-2", "education": [\n'
                       + b'{"id": "A-3", "birth_date": "2023-02-30"}\n'
                       + b"[1, 2]\n" + b'{"id": "\xff"}\n'
                       + good.replace("A-1", "A-7").encode() + b"\n")
    reference, vector = both(roster, "2024-01-01")
    assert errors(vector.stderr, roster) == errors(reference.stderr, roster)
    assert len(errors(vector.stderr, roster)) == 4
    assert f"{roster}:4: /birth_date:" in vector.stderr
    assert results(vector.stdout) == results(reference.stdout)
    assert [row[0] for row in results(vector.stdout)] == ["A-1", "A-7"]
    assert summary(vector.stderr) == summary(reference.stderr)


def test_a_line_too_long_is_reported_and_the_next_read(tmp_path):
    from competency.io._json import MAX_LINE_BYTES

    good = {"id": "A-1", "category": "cong_chuc", "unit": {"level": "commune"},
            "assignments": [{"title": "cc_xa.tu_phap_ho_tich"}]}
    roster = tmp_path / "r.jsonl"
    roster.write_text(json.dumps(good) + "\n" + '{"id": "' + "x" * MAX_LINE_BYTES + '"}\n'
                      + json.dumps({**good, "id": "A-3"}) + "\n")
    reports = list(check_roster(roster, Job(file=str(roster), on=dt.date(2024, 1, 1))))
    invalid = [r for report in reports for r in report.invalid_records]
    message = (f"line too long: {MAX_LINE_BYTES + 11} bytes, more than the "
               f"{MAX_LINE_BYTES} bytes read")
    assert [(str(r.raw.location), r.errors) for r in invalid] == [(f"{roster}:2", (message,))]
    out = b"".join(report.results for report in reports).decode().splitlines()
    assert [json.loads(line)["official_id"] for line in out] == ["A-1", "A-3"]


def test_processes_and_batch_sizes_do_not_change_anything(tmp_path):
    roster = roster_file(tmp_path, 900, seed=5, on="2025-06-30", invalid_share=0.02)
    job = Job(file=str(roster), on=dt.date(2025, 6, 30))

    def run_with(**kwargs):
        reports = list(check_roster(roster, job, **kwargs))
        return (b"".join(report.results for report in reports),
                [(str(e.raw.location), e.errors) for r in reports for e in r.invalid_records],
                sum(r.read for r in reports), sum(r.invalid for r in reports),
                sum(r.without for r in reports))

    one = run_with(jobs=1)
    assert one[2] == 900 and one[3] == 18
    assert len({location for location, _ in one[1]}) == 18
    assert run_with(jobs=1, part_bytes=30_000) == one
    assert run_with(jobs=2, part_bytes=50_000) == one


def test_explain_adds_the_reference_explanation_to_rows_not_met(tmp_path):
    roster = roster_file(tmp_path, 200, seed=8, on="2025-06-30")
    reference = run("check", str(roster), "--on", "2025-06-30", "--format", "jsonl", "--explain")
    vector = run("check", str(roster), "--on", "2025-06-30", "--format", "jsonl", "--explain",
                 "--engine", "vector")
    mine = [json.loads(line) for line in vector.stdout.splitlines()]
    theirs = [json.loads(line) for line in reference.stdout.splitlines()]
    assert len(mine) == len(theirs)
    explained = [(a, b) for a, b in zip(mine, theirs, strict=True) if a["outcome"] != "met"]
    assert explained and all(a == b for a, b in explained)


def test_vector_engine_refuses_what_it_cannot_do(tmp_path):
    result = run("check", str(SAMPLE), "--engine", "vector", "--format", "table")
    assert result.returncode == 2 and "jsonl, csv or parquet" in result.stderr
    result = run("check", str(SAMPLE), "--engine", "vector", "--format", "jsonl", "--jobs", "-1")
    assert result.returncode == 2 and "--jobs" in result.stderr and "Traceback" not in result.stderr


def test_a_csv_roster_is_read_as_the_reference_engine_reads_it(tmp_path):
    csv_roster = tmp_path / "r.csv"
    csv_roster.write_text("id,category\nA-1,cong_chuc\nA-1,cong_chuc\nA-2,nobody\n")
    found = [run("check", str(csv_roster), "--on", "2025-06-30", "--format", "jsonl",
                 "--lang", "en", *engine) for engine in ((), ("--engine", "vector"))]
    assert found[0].returncode == found[1].returncode == 1  # a repeated id, an unknown code
    assert found[0].stdout == found[1].stdout
    assert found[0].stderr == found[1].stderr
    assert "read 3, valid 1, invalid 2" in found[1].stderr


def test_csv_output_of_the_vector_engine(tmp_path):
    """Both engines write the same CSV, byte for byte: columns, citations, provisions."""
    roster = roster_file(tmp_path, 300, seed=9, on="2025-06-30")
    vector = run("check", str(roster), "--on", "2019-12-25", "--format", "csv", "--engine",
                 "vector")
    reference = run("check", str(roster), "--on", "2019-12-25", "--format", "csv")
    lines = vector.stdout.splitlines()
    assert lines[0].lstrip("\ufeff") == ("official_id,title,standard,instrument,outcome,due,"
                                         "provision,failing,tested_on")
    assert vector.stdout.lstrip("\ufeff") == reference.stdout.lstrip("\ufeff")
    import csv as csv_module

    rows = list(csv_module.DictReader(line.lstrip("\ufeff") for line in lines))
    assert any(r["failing"] for r in rows) and any(r["provision"] for r in rows)
    catalog = Catalog.builtin()
    for row in rows:   # every citation of the standard, not only its first instrument
        cited = [c.cite() for c in catalog.get(row["standard"]).legal_basis]
        assert row["instrument"] == "; ".join(cited)
    assert any(";" in r["instrument"] for r in rows)


@pytest.mark.slow
def test_a_hundred_thousand_officials_give_identical_results():
    """The reference evaluator and the compiled one on a 100,000-official synthetic roster:
    same rows, outcomes, deadlines and provisions, in the same order."""
    from competency.model.official import Official
    from competency.schema.convert import structure
    from competency.standards.checking import check
    from competency.vector import check_records

    on = dt.date(2025, 6, 30)
    records = list(synth.generate(100_000, seed=2026, on=on))
    expected = [(o.id, r.title, r.standard.id, r.outcome.code, r.due,
                 None if r.provision is None else r.provision.id,
                 [ev.rule_id for ev in r.failing()], r.event.code, r.tested_on, r.next_test)
                for o in (structure(x, Official) for x in records) for r in check(o, on)]
    got = [row for frame in check_records(records, on) for row in frame.iter_rows()]
    assert len(got) == len(expected) > 100_000
    assert got == expected
    assert {row[7] for row in got} == {"continuous", "appointment", "first_appointment"}
    assert {row[3] for row in got} == {"met", "unmet", "unknown"}
    assert any(row[4] is not None and row[5] for row in got)  # transitional deadlines
