"""`check --format parquet --out`: the rows of `--format csv`, typed, from either engine."""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from competency import synth
from competency.cli._messages import message
from competency.standards.report import RESULT_CSV_COLUMNS

pl = pytest.importorskip("polars")

ROOT = Path(__file__).resolve().parents[2]
ON = ("--on", "2025-06-30")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "competency", *args], capture_output=True,
                          text=True, check=False, cwd=ROOT)


@pytest.fixture(scope="module")
def roster(tmp_path_factory) -> Path:
    records = synth.generate(400, seed=21, on=dt.date(2025, 6, 30), invalid_share=0.02)
    path = tmp_path_factory.mktemp("check") / "roster.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def as_csv(value: object) -> str:
    """A typed Parquet value written as the CSV file writes it."""
    if value is None:
        return ""
    if isinstance(value, list):
        return " | ".join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@pytest.mark.parametrize("engine", ["reference", "vector"])
def test_parquet_results_are_the_csv_rows_typed(roster, tmp_path, engine):
    table, sheet = tmp_path / "r.parquet", tmp_path / "r.csv"
    done = run("check", str(roster), *ON, "--engine", engine, "--format", "parquet",
               "--out", str(table), "--lang", "en")
    assert done.returncode == 1, done.stderr  # the roster has invalid records
    assert done.stdout == "" and f"wrote {table}" in done.stderr
    csv_run = run("check", str(roster), *ON, "--engine", engine, "--format", "csv",
                  "--out", str(sheet), "--lang", "en")
    assert done.stderr.replace(str(table), "F") == csv_run.stderr.replace(str(sheet), "F")
    with sheet.open(encoding="utf-8-sig", newline="") as stream:
        header, *rows = list(csv.reader(stream))
    frame = pl.read_parquet(table)
    assert tuple(header) == RESULT_CSV_COLUMNS == tuple(frame.columns)
    assert frame.schema["due"] == pl.Date and frame.schema["tested_on"] == pl.Date
    assert frame.schema["failing"] == pl.List(pl.String)
    assert len(rows) > 300
    assert [[as_csv(v) for v in row] for row in frame.iter_rows()] == rows
    assert frame["failing"].list.len().max() > 0 and frame["due"].null_count() < frame.height


def test_both_engines_write_the_same_file(roster, tmp_path):
    files = []
    for engine in ("reference", "vector"):
        files.append(tmp_path / f"{engine}.parquet")
        run("check", str(roster), *ON, "--engine", engine, "--format", "parquet",
            "--out", str(files[-1]))
    assert pl.read_parquet(files[0]).equals(pl.read_parquet(files[1]))


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("engine", ["reference", "vector"])
def test_parquet_needs_out(roster, engine, lang):
    done = run("check", str(roster), *ON, "--engine", engine, "--format", "parquet",
               "--lang", lang)
    assert done.returncode == 2
    assert message("check.parquet-needs-out", lang) in " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr
