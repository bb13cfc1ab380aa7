"""Tables written as CSV or XLSX: what HR offices open in their spreadsheet programs.

A :class:`Sheet` is a name, a header row and data rows. CSV writes one sheet (UTF-8, with a
byte-order mark in a file so that spreadsheet programs read the accents); XLSX writes every
sheet into one workbook (bold, frozen header row with an autofilter; widths fitted to the
content) with typed cells, so that an HR officer can sort and total without converting: dates
are dates (shown dd/mm/yyyy), :class:`Amount` values are numbers with thousands separators,
:class:`Share` values are percentages, other numbers stay numbers.

Every cell passes one rule on its way out (OWASP, CSV injection): text that a spreadsheet would
read as a formula, because it starts with ``= + - @``, a tab or a carriage return, is written
with a leading apostrophe in CSV, and as a typed, quote-prefixed string in XLSX. An id or a unit
name from a roster can never become a live formula in an HR officer's spreadsheet.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

import attrs

from competency.errors import InputError

__all__ = ["FORMULA_START", "FORMULA_TRIGGERS", "Amount", "CsvWriter", "Share", "Sheet", "defused",
           "write_csv", "write_xlsx"]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make a spreadsheet program read a cell as a formula."""

FORMULA_START = "^([" + "".join(f"\\x{ord(c):02X}" for c in FORMULA_TRIGGERS) + "])"
"""A regular expression (Python and Rust syntax) matching a leading trigger, as group 1."""


class Amount(int):
    """A sum of money in đồng: a number with thousands separators in a workbook."""

    __slots__ = ()


class Share(float):
    """A fraction of one: a percentage in a workbook (0.2 shows as 20.0%)."""

    __slots__ = ()


DATE_FORMAT = "DD/MM/YYYY"
"""How a workbook shows dates: the Vietnamese day/month/year order."""

_NUMBER_FORMATS: tuple[tuple[type, str], ...] = (
    (Share, "0.0%"), (Amount, "#,##0"), (dt.date, DATE_FORMAT))


def defused(value: Any) -> Any:
    """``value`` as a spreadsheet shows it: text starting a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class CsvWriter:
    """A :func:`csv.writer` whose every cell is defused; the only way reports write CSV."""

    def __init__(self, stream: TextIO) -> None:
        self._writer = csv.writer(stream)

    def writerow(self, row: Iterable[Any]) -> None:
        """One row; ``None`` is an empty cell."""
        self._writer.writerow(["" if cell is None else defused(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        """Every row, in order."""
        for row in rows:
            self.writerow(row)


@attrs.frozen(kw_only=True)
class Sheet:
    """One table: a worksheet name, the header row and the data rows."""

    name: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]


def write_csv(sheet: Sheet, out_file: Path | None) -> None:
    """The sheet as CSV (UTF-8; with a byte-order mark in a file, for spreadsheet programs),
    written row by row: the rows may be a generator over a national roster."""
    if out_file is None:
        _write_csv(sheet, sys.stdout)
        return
    with out_file.open("w", encoding="utf-8-sig", newline="") as stream:
        _write_csv(sheet, stream)


def _write_csv(sheet: Sheet, stream: TextIO) -> None:
    writer = CsvWriter(stream)
    writer.writerow(sheet.headers)
    writer.writerows(sheet.rows)


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
            _typed(ws[ws.max_row])
            for i, value in enumerate(row[:len(widths)]):
                widths[i] = max(widths[i], min(len(str(value)) if value is not None else 0, 80))
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = width + 2
    book.save(out_file)


def _typed(cells: Sequence[Any]) -> None:
    """Number formats by value type; text stays text (openpyxl reads ``=…`` as a formula)."""
    for cell in cells:
        value = cell.value
        if isinstance(value, str):
            if value.startswith(FORMULA_TRIGGERS):
                cell.data_type = "s"
                cell.quotePrefix = True
            continue
        for cls, number_format in _NUMBER_FORMATS:
            if isinstance(value, cls):
                cell.number_format = number_format
                break
