"""What every command shares: the consoles, dates, exit codes, error printing."""

from __future__ import annotations

import datetime as dt
import enum
import sys
from pathlib import Path

import typer
from rich.console import Console

from competency.catalog import Catalog
from competency.roster import CheckedRecord

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_UNUSABLE", "Format", "err", "load_catalog",
           "out", "parse_date", "print_invalid"]

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


def print_invalid(record: CheckedRecord) -> None:
    """One line per error: ``file:line: /pointer: message`` on standard error."""
    for error in record.errors:
        err.print(f"{record.raw.location}: {error}", markup=False)


def write_stdout(text: str) -> None:
    """Plain text to standard output, bypassing rich markup."""
    sys.stdout.write(text)
