"""Output options of the reporting commands; the writers themselves are in :mod:`competency.io.sheets`."""

from __future__ import annotations

import enum
import sys
from pathlib import Path

from competency.errors import InputError
from competency.io.sheets import Sheet, write_csv, write_xlsx

__all__ = ["OutputFormat", "Sheet", "check_destination", "write_csv", "write_text", "write_xlsx"]


class OutputFormat(str, enum.Enum):
    """Output formats of the target and selection reports."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


def check_destination(fmt: OutputFormat, out_file: Path | None) -> None:
    """Fail before any work when a workbook has nowhere to go."""
    if fmt is OutputFormat.XLSX and out_file is None:
        raise InputError("--format xlsx writes a workbook: give --out FILE.xlsx")


def write_text(text: str, out_file: Path | None) -> None:
    """Text to ``out_file``, or to standard output."""
    if out_file is None:
        sys.stdout.write(text)
    else:
        out_file.write_text(text, encoding="utf-8")


