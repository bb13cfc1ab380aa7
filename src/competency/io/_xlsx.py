"""XLSX rosters, read-only and values only (formulas give their cached results).

Every worksheet is read as its own table, each with its header; a workbook often
splits a roster by unit, one sheet per commune.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from competency.errors import InputError
from competency.io._progress import Progress, Reporter
from competency.io._records import RawRecord, SourceLocation
from competency.io._rows import Row, table_records

__all__ = ["read_xlsx"]


def _counted(rows: Iterator[Row], report: Reporter, done: list[int]) -> Iterator[Row]:
    """The rows of one sheet, counted in ``done`` (all sheets so far) and reported."""
    for row in rows:
        done[0] += 1
        if done[0] >= report.next:
            report(done[0])
        yield row


def _total_rows(sheets: list[Any]) -> int | None:
    """Rows of the sheets as their dimensions say, or None when a sheet does not say."""
    counts = [getattr(s, "max_row", None) for s in sheets]
    return sum(counts) if all(isinstance(n, int) for n in counts) else None  # type: ignore[arg-type]


def read_xlsx(path: Path, file: str, *, sheet: str | None = None,
              progress: Progress | None = None) -> Iterator[RawRecord]:
    """Records of every worksheet, or of ``sheet`` only, located as ``file:Sheet!row``."""
    try:
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException
    except ImportError:
        raise InputError("reading XLSX needs openpyxl: pip install 'competency[xlsx]'",
                         file) from None
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise InputError(f"not a readable XLSX workbook ({exc})", file) from None
    try:
        sheets = workbook.worksheets
        if sheet is not None:
            if sheet not in workbook.sheetnames:
                raise InputError(f"no sheet {sheet!r}; the sheets are: "
                                 f"{', '.join(workbook.sheetnames)}", file)
            sheets = [workbook[sheet]]
        report = Reporter(progress, _total_rows(sheets) if progress else None, "rows")
        done = [0]
        for worksheet in sheets:
            rows = ((SourceLocation(file=file, sheet=worksheet.title, row=number), cells)
                    for number, cells in enumerate(worksheet.iter_rows(values_only=True), 1))
            yield from table_records(_counted(rows, report, done))
        report.end(done[0])
    finally:
        workbook.close()
