"""``competency check --engine vector``: the bulk path for large rosters (JSON Lines in parts
on several processes; CSV, XLSX and Parquet through the record reader)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import sys
from collections import Counter
from pathlib import Path

import typer

from competency.cli._common import Format, print_invalid
from competency.cli._parquet_results import ParquetResults
from competency.io._encoding import wide_encoding
from competency.io._read import check_readable, no_records
from competency.io.roster import Tally

FORMATS = (Format.JSONL, Format.CSV, Format.PARQUET)


def check_vector(roster: Path, day: dt.date, *, overlays: list[Path] | None, drafts: bool,
                 fmt: Format, explain: bool, jobs: int, redact: bool = False,
                 lang: str = "en", out_file: Path | None = None
                 ) -> tuple[Tally, Counter[str], Counter[tuple[str, str]], int]:
    """Check a roster in batches; results to standard output as they come, or
    gathered into the Parquet file ``out_file`` (``--format parquet``).

    Returns what the summary needs: the tally, outcomes, failing rules and the number of
    officials without an applicable standard.
    """
    if importlib.util.find_spec("polars") is None:
        raise typer.BadParameter("--engine vector needs the vector extra: "
                                 "pip install 'competency[vector]'")
    import polars as pl

    from competency.vector._bulk import CSV_COLUMNS, Job, check_records_file, check_roster
    if fmt not in FORMATS:
        raise typer.BadParameter("--engine vector writes --format jsonl, csv or parquet")
    check_readable(roster, str(roster))
    lines = roster.suffix.lower() in (".jsonl", ".ndjson")
    encoding = wide_encoding(roster) if lines else None
    if encoding is not None:
        raise typer.BadParameter(f"{roster} is {encoding.upper()} text; --engine vector reads "
                                 "UTF-8 JSON Lines: save it as UTF-8, or use --engine reference")
    job = Job(file=str(roster), on=day, overlays=tuple(str(p) for p in overlays or ()),
              include_drafts=drafts, explain=explain, format=fmt.value, redact=redact)
    tally, outcomes, failing, without = Tally(), Counter[str](), Counter[tuple[str, str]](), 0
    stdout = sys.stdout.buffer
    gathered = ParquetResults(out_file) if fmt is Format.PARQUET and out_file else None
    if fmt is Format.CSV:
        stdout.write((",".join(CSV_COLUMNS) + "\r\n").encode())  # as csv.writer ends rows
    # JSON Lines are cut into parts checked side by side; other formats (CSV, XLSX, Parquet)
    # are read by the record reader, as the reference engine reads them, on this process.
    reports = check_roster(roster, job, jobs=jobs) if lines else check_records_file(roster, job)
    for report in reports:
        if gathered is None:
            stdout.write(report.results)
        elif report.results:
            gathered.add_frame(pl.read_ipc(io.BytesIO(report.results)))
        for record in report.invalid_records:
            print_invalid(record, lang)
        tally.read += report.read
        tally.invalid += report.invalid
        tally.valid += report.read - report.invalid
        outcomes.update(report.outcomes)
        failing.update(report.failing)
        without += report.without
    stdout.flush()
    if not tally.read:
        raise no_records(str(roster))
    if gathered is not None:
        gathered.close()
    return tally, outcomes, failing, without


