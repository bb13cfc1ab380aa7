"""What every command shares: the consoles, dates, exit codes, reading a roster, error printing."""

from __future__ import annotations

import datetime as dt
import enum
import sys
from collections.abc import Iterator
from pathlib import Path

import typer
from rich.console import Console

from competency.catalog import Catalog
from competency.frameworks import CheckedAssessment
from competency.model import Official
from competency.roster import CheckedRecord, Tally, checked_records

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_UNUSABLE", "Format", "err", "exit_status",
           "load_catalog", "out", "parse_date", "print_invalid", "tally_counts",
           "valid_officials", "write_stdout"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_UNUSABLE = 2

# Tables keep a readable width when piped to a file (rich assumes 80 columns off a terminal).
out = Console(highlight=False, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, soft_wrap=True, highlight=False)


class Format(str, enum.Enum):
    """Output formats of the reporting commands."""

    TABLE = "table"
    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    XLSX = "xlsx"


def parse_date(value: str | None) -> dt.date:
    """An ISO date from an option; today when absent."""
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"expected a date YYYY-MM-DD, got {value!r}") from None


def load_catalog(overlays: list[Path] | None) -> Catalog:
    """The built-in catalogue plus any overlay files, in the order given."""
    catalog = Catalog.builtin()
    for path in overlays or ():
        catalog = catalog.with_file(path)
    return catalog


def print_invalid(record: CheckedRecord | CheckedAssessment) -> None:
    """One line per error: ``file:line: /pointer: message`` on standard error."""
    for error in record.errors:
        err.print(f"{record.raw.location}: {error}", markup=False)


def valid_officials(roster: Path, tally: Tally) -> Iterator[Official]:
    """The valid officials of a roster, one at a time; invalid records printed and counted.

    A generator, so that a large roster is never held in memory: ``tally`` is complete
    only once it has been consumed.
    """
    for record in checked_records(roster):
        tally.add(record)
        if record.official is None:
            print_invalid(record)
            continue
        yield record.official


def tally_counts(tally: Tally) -> str:
    """``read N, valid N, invalid N``: how every command reports what it read."""
    return f"read {tally.read}, valid {tally.valid}, invalid {tally.invalid}"


def exit_status(*tallies: Tally | None) -> int:
    """EXIT_INVALID when any input file had an invalid record, else EXIT_OK."""
    return EXIT_INVALID if any(t is not None and t.invalid for t in tallies) else EXIT_OK


def write_stdout(text: str) -> None:
    """Plain text to standard output, bypassing rich markup."""
    sys.stdout.write(text)
