"""Tables written as CSV or XLSX: what HR offices open in their spreadsheet programs.

A :class:`Sheet` is a name, a header row and data rows. CSV writes one sheet (UTF-8, with a
byte-order mark in a file so that spreadsheet programs read the accents); XLSX writes every
sheet into one workbook (bold, frozen header row; widths fitted to the content).
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from competency.errors import InputError

__all__ = ["Sheet", "write_csv", "write_xlsx"]


@attrs.frozen(kw_only=True)
class Sheet:
    """One table: a worksheet name, the header row and the data rows."""

    name: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]


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
        from openpyxl import Workbook  # noqa: PLC0415  (the xlsx extra)
        from openpyxl.styles import Font  # noqa: PLC0415
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
