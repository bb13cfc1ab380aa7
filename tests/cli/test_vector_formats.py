"""`check --engine vector` on rosters that are not JSON Lines (Parquet, a JSON array): the
results, error lines and summary of the reference engine, byte for byte."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from competency import synth

pytest.importorskip("polars")

ROOT = Path(__file__).resolve().parents[2]
ON = dt.date(2025, 6, 30)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "competency", *args], capture_output=True,
                          text=True, check=False, cwd=ROOT)


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return list(synth.generate(300, seed=33, on=ON, invalid_share=0.03))


def check_both(path: Path) -> subprocess.CompletedProcess[str]:
    """Both engines on ``path``; asserts they agree and returns the vector engine's run."""
    found = [run("check", str(path), "--on", ON.isoformat(), "--engine", engine,
                 "--format", "csv", "--lang", "en") for engine in ("reference", "vector")]
    reference, vector = found
    assert vector.returncode == reference.returncode
    assert vector.stdout == reference.stdout
    assert vector.stderr == reference.stderr
    return vector


def test_a_json_array_with_invalid_records(records, tmp_path):
    path = tmp_path / "roster.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    done = check_both(path)
    assert done.stdout.count("\n") > 250  # results, not only the header
    assert f"{path}:" in done.stderr  # the invalid records, each with its place


def test_a_parquet_roster(records, tmp_path):
    lines, table = tmp_path / "roster.jsonl", tmp_path / "roster.parquet"
    lines.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                     encoding="utf-8")
    run("convert", str(lines), str(table))
    done = check_both(table)
    assert done.stdout.count("\n") > 250
    assert "invalid 0" in done.stderr  # convert kept the valid records only
