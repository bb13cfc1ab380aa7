"""Tabular output of the reporting commands: CSV to standard output or a file, XLSX workbooks.

A :class:`Sheet` is a name, a header row and data rows. CSV writes the first sheet;
XLSX writes every sheet (bold, frozen header row; widths fitted to the content).
"""

from __future__ import annotations

import csv
import enum
import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from competency.errors import InputError

__all__ = ["OutputFormat", "Sheet", "check_destination", "write_csv", "write_text", "write_xlsx"]


class OutputFormat(str, enum.Enum):
    """Output formats of the target and selection reports."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


@attrs.frozen(kw_only=True)
class Sheet:
    """One table: a worksheet name, the header row and the data rows."""

    name: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]


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


def write_csv(sheet: Sheet, out_file: Path | None) -> None:
    """The sheet as CSV (UTF-8; with a byte-order mark in a file, for spreadsheet programs)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(sheet.headers)
    writer.writerows(["" if cell is None else cell for cell in row] for row in sheet.rows)
    if out_file is None:
        sys.stdout.write(buffer.getvalue())
    else:
        out_file.write_text(buffer.getvalue(), encoding="utf-8-sig")


def write_xlsx(sheets: Sequence[Sheet], out_file: Path | None) -> None:
    """Every sheet into one workbook at ``out_file`` (required: a workbook is binary)."""
    if out_file is None:
        raise InputError("--format xlsx writes a workbook: give --out FILE.xlsx")
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
    except ImportError:  # pragma: no cover - depends on the environment
        raise InputError("XLSX output needs openpyxl: pip install 'competency[xlsx]'") from None
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        ws = book.create_sheet(title=sheet.name[:31])
        ws.append(list(sheet.headers))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        widths = [len(str(h)) for h in sheet.headers]
        for row in sheet.rows:
            ws.append(list(row))
            for i, value in enumerate(row[:len(widths)]):
                widths[i] = max(widths[i], min(len(str(value)) if value is not None else 0, 80))
        ws.freeze_panes = "A2"
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = width + 2
    book.save(out_file)
