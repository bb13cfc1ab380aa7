"""XLSX rosters, read-only and values only (formulas give their cached results; a formula
without one is noted).

Every worksheet is read as its own table, each with its header; a workbook often
splits a roster by unit, one sheet per commune. The guide and lists of a template
(:mod:`competency.io._template_sheets`) are not read unless named.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from competency.errors import InputError
from competency.io import limits
from competency.io._formulas import formulas_without_values, with_formula_notes
from competency.io._progress import Progress, Reporter
from competency.io._records import RawRecord, SourceLocation
from competency.io._rows import Row, RowCount, Unreadable, limited, table_records
from competency.io._template_sheets import helper_sheets
from competency.io.column_sets import OFFICIAL, ColumnSet

__all__ = ["read_xlsx"]


def _counted(rows: Iterator[Row], report: Reporter, count: RowCount) -> Iterator[Row]:
    """The rows of one sheet, counted in ``count`` (all sheets so far, up to the limit)
    and reported."""
    for row in limited(rows, count):
        if count.rows >= report.next:
            report(count.rows)
        yield row


def _sheet_rows(worksheet: Any, file: str) -> Iterator[Row]:
    """The rows of a sheet, located; a damaged sheet ends with one unreadable row."""
    number = 0
    try:
        for number, cells in enumerate(worksheet.iter_rows(values_only=True), 1):  # noqa: B007
            yield SourceLocation(file=file, sheet=worksheet.title, row=number), cells
    except Exception as exc:  # noqa: BLE001 - a damaged part raises whatever openpyxl meets
        yield SourceLocation(file=file, sheet=worksheet.title, row=number + 1), Unreadable(
            f"the sheet cannot be read from this row on ({type(exc).__name__}: {exc}); "
            "the rest of the sheet was not read")


def _check_size(path: Path, file: str) -> None:
    """Refuse a workbook that would inflate beyond the limits, from the zip directory alone."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, NotImplementedError, ValueError, EOFError) as exc:
        # NotImplementedError: a zip version or compression Python does not read
        raise InputError(f"not a readable XLSX workbook ({exc})", file) from None
    size = sum(p.file_size for p in parts)
    packed = max(1, sum(p.compress_size for p in parts))
    if size > limits.MAX_XLSX_BYTES:
        raise InputError(f"the workbook inflates to {size:,} bytes, more than the "
                         f"{limits.MAX_XLSX_BYTES:,} bytes read (MAX_XLSX_BYTES); "
                         "split it, or save it as CSV", file)
    if size > limits.RATIO_CHECKED_BYTES and size > limits.MAX_XLSX_RATIO * packed:
        raise InputError(f"the workbook inflates {size // packed:,} times ({packed:,} bytes "
                         f"to {size:,}), more than {limits.MAX_XLSX_RATIO} times "
                         "(MAX_XLSX_RATIO): not a spreadsheet as Excel writes it", file)


def _total_rows(sheets: list[Any]) -> int | None:
    """Rows of the sheets as their dimensions say, or None when a sheet does not say."""
    counts = [getattr(s, "max_row", None) for s in sheets]
    return sum(counts) if all(isinstance(n, int) for n in counts) else None  # type: ignore[arg-type]


def read_xlsx(path: Path, file: str, *, sheet: str | None = None,
              progress: Progress | None = None,
              columns: ColumnSet = OFFICIAL) -> Iterator[RawRecord]:
    """Records of every worksheet, or of ``sheet`` only, located as ``file:Sheet!row``."""
    try:
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException
    except ImportError:
        raise InputError("reading XLSX needs openpyxl: pip install 'competency[xlsx]'",
                         file) from None
    _check_size(path, file)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        sheets = workbook.worksheets
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise InputError(f"not a readable XLSX workbook ({exc})", file) from None
    except Exception as exc:  # noqa: BLE001 - a damaged part raises whatever openpyxl meets
        raise InputError(f"not a readable XLSX workbook ({type(exc).__name__}: {exc})",
                         file) from None
    try:
        if sheet is not None:
            if sheet not in workbook.sheetnames:
                raise InputError(f"no sheet {sheet!r}; the sheets are: "
                                 f"{', '.join(workbook.sheetnames)}", file)
            sheets = [workbook[sheet]]
        else:
            helpers = helper_sheets(workbook)
            sheets = [s for s in sheets if s.title not in helpers]
        report = Reporter(progress, _total_rows(sheets) if progress else None, "rows")
        count = RowCount()
        for worksheet in sheets:
            records = table_records(_counted(_sheet_rows(worksheet, file), report, count),
                                    columns=columns)
            missing = formulas_without_values(worksheet)
            yield from with_formula_notes(records, missing, worksheet.title) if missing \
                else records
            if count.stopped:
                break
        report.end(count.rows)
    finally:
        workbook.close()
