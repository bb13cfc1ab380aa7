"""``competency convert``: a roster from JSON Lines to Parquet, or back, its valid records only."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer

from competency.cli._common import (
    LANG,
    REDACT,
    Lang,
    exit_status,
    print_invalid,
    reading,
    tally_counts,
    write_stdout,
)
from competency.docgen.kinds import KINDS
from competency.errors import InputError
from competency.io import roster_format
from competency.io.parquet import write_parquet
from competency.io.roster import CheckedRecord, Tally, checked_records

_TARGETS = ("jsonl", "parquet")


def convert(
    source: Path = typer.Argument(..., metavar="FILE", help="Roster to read: .jsonl .parquet "
                                  "(or any format validate reads)"),
    target: Path = typer.Argument(..., metavar="OUT", help="File to write: .jsonl or .parquet"),
    kind: str = typer.Option("official", help=f"Record kind: {', '.join(KINDS)}"),
    input_format: str | None = typer.Option(None, "--input-format",
                                            help="Override the format guessed from the suffix"),
    redact: bool = REDACT,
    lang: Lang = LANG,
) -> None:
    """Write the valid records of FILE to OUT in the format its suffix names; each invalid
    record is reported with its location, as validate does, and left out."""
    if kind not in KINDS:
        raise typer.BadParameter(f"unknown kind {kind!r}; expected one of: {', '.join(KINDS)}")
    fmt = roster_format(target)
    if fmt not in _TARGETS:
        raise InputError(f"cannot write {fmt}; OUT ends in .jsonl or .parquet", str(target))
    if target.resolve() == source.resolve():
        raise InputError("OUT is FILE itself; write to another file", str(target))
    tally = Tally()
    with reading(source) as progress:
        records = _valid(checked_records(source, kind=kind, fmt=input_format, redact=redact,
                                         progress=progress), tally, lang)
        if fmt == "parquet":
            write_parquet(records, target, kind, functools.partial(_unfit, tally, lang))
        else:
            with target.open("w", encoding="utf-8") as stream:
                for _, record in records:
                    stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    write_stdout(f"{source} -> {target}: {tally_counts(tally, lang)}\n")
    raise typer.Exit(exit_status(tally))


def _valid(records: Iterator[CheckedRecord], tally: Tally,
           lang: str) -> Iterator[tuple[CheckedRecord, dict[str, Any]]]:
    """The valid records with their data; each record counted, each invalid one printed."""
    for record in records:
        tally.add(record)
        if record.errors:
            print_invalid(record, lang)
        else:
            yield record, record.raw.data  # type: ignore[misc]


def _unfit(tally: Tally, lang: str, record: CheckedRecord, message: str) -> None:
    """A valid record the Parquet columns cannot hold: invalid after all, and printed."""
    tally.valid -= 1
    tally.invalid += 1
    print_invalid(CheckedRecord(raw=record.raw, official=None, errors=(message,)), lang)
