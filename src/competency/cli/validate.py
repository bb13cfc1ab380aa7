"""``competency validate``: check every record of a file against its schema."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from competency.cli._common import EXIT_INVALID, EXIT_OK, err, out, print_invalid, write_stdout
from competency.kinds import KINDS
from competency.roster import Tally, checked_records


def validate(
    file: Path = typer.Argument(..., help="Roster or record file: .json .jsonl .csv .xlsx"),
    kind: str = typer.Option("official", help=f"Record kind: {', '.join(KINDS)}"),
    fmt: str = typer.Option("text", "--format", help="text or json"),
    input_format: str | None = typer.Option(None, "--input-format",
                                            help="Override the format guessed from the suffix"),
    redact: bool = typer.Option(False, "--redact",
                                help="Do not repeat personal values (x-pii fields) in messages"),
) -> None:
    """Validate each record; print each error with its location and JSON pointer, then a summary."""
    if kind not in KINDS:
        raise typer.BadParameter(f"unknown kind {kind!r}; expected one of: {', '.join(KINDS)}")
    tally = Tally()
    errors = []
    for record in checked_records(file, kind=kind, fmt=input_format, redact=redact):
        tally.add(record)
        for note in record.raw.notes:
            err.print(f"{record.raw.location}: note: {note}", markup=False)
        if record.errors:
            if fmt == "json":
                errors.append({"location": str(record.raw.location), "id": record.record_id,
                               "errors": list(record.errors)})
            else:
                print_invalid(record)
    if fmt == "json":
        write_stdout(json.dumps({"file": str(file), "summary": tally.as_dict(), "invalid": errors},
                                ensure_ascii=False, indent=2) + "\n")
    else:
        out.print(f"{file}: read {tally.read}, valid {tally.valid}, invalid {tally.invalid}",
                  markup=False)
    raise typer.Exit(EXIT_INVALID if tally.invalid else EXIT_OK)
