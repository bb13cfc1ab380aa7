"""``competency validate``: check every record of a file against its schema."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Literal

import typer

from competency.cli._common import (
    LANG,
    REDACT,
    Lang,
    err,
    exit_status,
    out,
    print_invalid,
    reading,
    tally_counts,
    write_stdout,
)
from competency.cli._messages import message
from competency.docgen.kinds import KINDS
from competency.io.report import invalid_entry, validate_document
from competency.io.roster import Tally, reported_records
from competency.standards.consistency import (
    PERIOD_NOTE_FIELDS,
    builtin_term_periods,
    period_notes,
)


def validate(
    files: list[Path] = typer.Argument(..., metavar="FILE...",
                                       help="Roster or record files: .json .jsonl .csv .xlsx"),
    kind: str = typer.Option("official", help=f"Record kind: {', '.join(KINDS)}"),
    fmt: Literal["text", "json"] = typer.Option("text", "--format"),
    input_format: str | None = typer.Option(None, "--input-format",
                                            help="Override the format guessed from the suffix"),
    redact: bool = REDACT,
    jobs: int | None = typer.Option(None, "--jobs", min=1,
                                    help="Processes for a large JSON Lines file "
                                         "(default: the processors available)"),
    lang: Lang = LANG,
) -> None:
    """Validate each record; print each error with its location and JSON pointer, then a summary
    per file (several files: as a pre-commit hook passes them)."""
    if kind not in KINDS:
        raise typer.BadParameter(f"unknown kind {kind!r}; expected one of: {', '.join(KINDS)}")
    tallies = [_validate(file, kind, fmt, input_format, redact, jobs, lang) for file in files]
    raise typer.Exit(exit_status(*tallies))


def _validate(file: Path, kind: str, fmt: str, input_format: str | None, redact: bool,
              jobs: int | None, lang: str) -> Tally:
    tally = Tally()
    errors, noted = [], 0
    notes = functools.partial(period_notes, table=builtin_term_periods()) \
        if kind == "official" else None
    # Only invalid and noted records come back; valid ones are counted, never structured.
    with reading(file) as progress:
        for record in reported_records(file, tally, kind=kind, fmt=input_format, redact=redact,
                                       notes=notes, note_fields=PERIOD_NOTE_FIELDS,
                                       progress=progress, jobs=jobs):
            if record.raw.notes:
                noted += 1
                for note in record.raw.notes:
                    err.print(f"{record.raw.location}: {message('note', lang)}: {note}",
                              markup=False)
            if not record.errors:
                continue
            if fmt == "json":
                errors.append(invalid_entry(record))
            else:
                print_invalid(record, lang)
    if fmt == "json":
        write_stdout(json.dumps(validate_document(str(file), tally, errors),
                                ensure_ascii=False, indent=2) + "\n")
    else:
        with_notes = message("validate.with-notes", lang, n=noted) if noted else ""
        out.print(f"{file}: {tally_counts(tally, lang)}{with_notes}", markup=False)
    return tally
