"""`competency convert`: JSON Lines to Parquet and back, invalid records refused and counted."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from competency import synth
from competency.cli import app
from competency.io import read_records

pl = pytest.importorskip("polars")


def run(*args: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(app, list(args))
    return done.exit_code, done.stdout, done.stderr


def run_process(*args: str) -> tuple[int, str, str]:
    """The command as a user runs it: an unusable input ends in one message and exit 2."""
    done = subprocess.run([sys.executable, "-m", "competency", *args], capture_output=True,
                          text=True, check=False)
    return done.returncode, done.stdout, done.stderr


def without_nulls(value: Any) -> Any:
    """A record as the Parquet file gives it back: a null field is a field left out."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


@pytest.fixture(scope="module")
def roster(tmp_path_factory) -> Path:
    records = list(synth.generate(600, seed=8, on=dt.date(2025, 6, 30), invalid_share=0.05))
    records[4]["languages"] = [{"language": "en", "score": 5}]  # an integer in a number field
    records[6]["it_skills"] = []                                  # none recorded, not unknown
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines.append('{"id": "WIDE", "training": [{"programme": "p", "periods": ' + "9" * 25 + "}]}")
    path = tmp_path_factory.mktemp("convert") / "roster.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_round_trip_keeps_every_valid_record(roster, tmp_path):
    parquet, back = tmp_path / "roster.parquet", tmp_path / "back.jsonl"
    code, out, err = run("convert", str(roster), str(parquet), "--lang", "en")
    _, validated, errors = run("validate", str(roster), "--lang", "en")
    assert code == 1
    read, valid, invalid = (int(validated.split(f"{w} ")[1].split(",")[0].split()[0])
                            for w in ("read", "valid", "invalid"))
    assert out.strip() == f"{roster} -> {parquet}: read {read}, valid {valid - 1}, " \
        f"invalid {invalid + 1}"
    assert invalid == 30
    # the invalid records of validate, with the same lines, and the one too wide for Parquet
    assert [e for e in err.splitlines() if "WIDE" not in e and "periods" not in e] == \
        [e for e in errors.splitlines() if ": note: " not in e]
    assert f"{roster}:601: /training/0/periods: an integer beyond 64 bits" in err

    assert run("convert", str(parquet), str(back), "--lang", "en")[:2] == \
        (0, f"{parquet} -> {back}: read {valid - 1}, valid {valid - 1}, invalid 0\n")
    kept = [r.data for r in read_records(roster)]
    kept = [without_nulls(r) for r, ok in zip(kept, _valid_flags(roster))
            if ok and r["id"] != "WIDE"]
    again = [json.loads(line) for line in back.read_text(encoding="utf-8").splitlines()]
    assert again == kept
    by_id = {r["id"]: r for r in again}
    assert by_id["SYN-0000005"]["languages"] == [{"language": "en", "score": 5.0}]
    assert by_id["SYN-0000007"]["it_skills"] == []

    twice = tmp_path / "twice.parquet"
    assert run("convert", str(back), str(twice))[0] == 0
    assert pl.read_parquet(twice).equals(pl.read_parquet(parquet))


def _valid_flags(path: Path) -> list[bool]:
    from competency.io.roster import checked_records  # noqa: PLC0415

    return [not r.errors for r in checked_records(path)]


def test_parquet_rows_are_validated_with_their_row(tmp_path):
    path = tmp_path / "made.parquet"
    pl.DataFrame({"id": ["A", None, "C"], "birth_date": ["1980-01-01", "1981-02-30", None],
                  "zz": [1, None, None]}).write_parquet(path)
    code, out, err = run("validate", str(path), "--lang", "en")
    assert code == 1
    assert out.strip() == f"{path}: read 3, valid 1, invalid 2"  # a null cell is no field
    assert err.splitlines() == [
        f"{path}:1: /: unknown field ('zz' was unexpected)",
        f"{path}:2: /: 'id' is required (missing)",
        f"{path}:2: /birth_date: '1981-02-30' is not a 'date'"]


def test_a_file_that_is_not_parquet_is_one_error(tmp_path):
    path = tmp_path / "fake.parquet"
    path.write_text("not parquet\n", encoding="utf-8")
    code, _, err = run_process("convert", str(path), str(tmp_path / "out.jsonl"))
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "not a readable Parquet file" in err


@pytest.mark.parametrize("target", ["out.csv", "roster.jsonl"])
def test_unwritable_targets_are_refused(roster, tmp_path, target):
    out = roster if target == "roster.jsonl" else tmp_path / target
    code, _, err = run_process("convert", str(roster), str(out))
    assert code == 2
    assert ("OUT is FILE itself" if target == "roster.jsonl" else ".jsonl or .parquet") in err
