"""Output options of the reporting commands; the writers themselves are in :mod:`competency.io.sheets`."""

from __future__ import annotations

import contextlib
import enum
import sys
from collections.abc import Iterator
from pathlib import Path

from competency.errors import InputError
from competency.io.sheets import Sheet, write_csv, write_xlsx

__all__ = ["OutputFormat", "Sheet", "check_destination", "output_to", "write_csv", "write_text",
           "write_xlsx"]


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




@contextlib.contextmanager
def output_to(out_file: Path | None, *, bom: bool = False) -> Iterator[None]:
    """Standard output goes to ``out_file`` while the report is written (``--out`` of any format).

    ``bom`` starts the file with a byte-order mark, so that spreadsheet programs read a CSV
    file's accents. Without a file, nothing changes.
    """
    if out_file is None:
        yield
        return
    try:
        stream = out_file.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError(f"cannot be written ({exc.strerror or exc})", str(out_file)) from None
    with stream, contextlib.redirect_stdout(stream):
        if bom:
            stream.write("\ufeff")
            stream.flush()
        yield
