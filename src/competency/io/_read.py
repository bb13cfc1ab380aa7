"""Choosing the reader for a roster file, and the errors that stop before any record."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from competency.errors import InputError
from competency.io._csv import read_csv
from competency.io._json import read_json, read_jsonl
from competency.io._progress import Progress
from competency.io._records import RawRecord
from competency.io._xlsx import read_xlsx
from competency.io.column_sets import TABLE_COLUMNS
from competency.io.parquet import read_parquet

__all__ = ["FORMATS", "check_readable", "no_records", "read_records", "roster_format"]

FORMATS: dict[str, str] = {"json": "json", "jsonl": "jsonl", "ndjson": "jsonl", "csv": "csv",
                           "xlsx": "xlsx", "parquet": "parquet"}
"""Format names and file suffixes (without the dot) → reader."""

_READERS: dict[str, Callable[..., Iterator[RawRecord]]] = {
    "json": read_json, "jsonl": read_jsonl, "csv": read_csv, "xlsx": read_xlsx,
    "parquet": read_parquet}


def roster_format(path: str | os.PathLike[str], requested: str | None = None) -> str:
    """The reader a file is read with (``json``, ``jsonl``, ``csv``, ``xlsx`` or ``parquet``).

    ``requested`` names the format, else the suffix does; raises
    :class:`~competency.errors.InputError` for an unknown one.
    """
    file = os.fspath(path)
    return _format(Path(file), file, requested)


def _format(path: Path, file: str, requested: str | None) -> str:
    name = (requested or path.suffix).lower().removeprefix(".")
    if name in FORMATS:
        return FORMATS[name]
    expected = ", ".join(f".{s}" for s in FORMATS)
    what = f"format {requested!r}" if requested else \
        f"suffix {path.suffix!r}" if path.suffix else "no suffix"
    raise InputError(f"unknown roster format ({what}); expected one of {expected}, "
                     "or name the format", file)


def check_readable(path: Path, file: str) -> None:
    """Raise :class:`~competency.errors.InputError` unless ``path`` is a regular file that
    can be read (a folder, a device such as ``/dev/zero`` or a pipe is not a roster)."""
    if not path.exists():
        raise InputError("no such file", file)
    if path.is_dir():
        raise InputError("not a file (a folder)", file)
    if not path.is_file():
        raise InputError("not a regular file (a device or a pipe); save the roster to a file",
                         file)
    try:
        with path.open("rb") as stream:
            stream.read(1)
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", file) from None


def no_records(file: str) -> InputError:
    """The error of a roster that holds no record: most likely the wrong file, or an export
    that went wrong, so never a silent "read 0"."""
    return InputError("no records in the file (it is empty, or holds only blank lines or a "
                      "header)", file)


def read_records(path: str | os.PathLike[str], *, format: str | None = None,
                 sheet: str | None = None, progress: Progress | None = None,
                 record_kind: str = "official") -> Iterator[RawRecord]:
    """Stream the records of a roster file, one :class:`RawRecord` per record in the file.

    The format comes from the suffix (``.json .jsonl .ndjson .csv .xlsx .parquet``) unless
    ``format`` names it; ``sheet`` reads one worksheet of a workbook instead of all.
    ``progress``, when given, is called now and then with how far the reading has got
    (see :data:`~competency.io.Progress`). A missing, unreadable or unknown file raises
    :class:`~competency.errors.InputError` here, before any record; a file whose content
    cannot be decoded at all raises it while iterating. An empty file yields nothing (the
    commands then say :func:`no_records`). ``record_kind`` says which columns a CSV or XLSX
    table has (:data:`~competency.io.column_sets.TABLE_COLUMNS`).
    """
    file = os.fspath(path)
    path = Path(file)
    kind = _format(path, file, format)
    if sheet is not None and kind != "xlsx":
        raise InputError("a sheet can only be chosen in an XLSX workbook", file)
    check_readable(path, file)
    if kind in ("csv", "xlsx"):
        columns = TABLE_COLUMNS.get(record_kind)
        if columns is None:
            raise InputError(f"a {record_kind} file is read from JSON or JSON Lines; spreadsheets "
                             f"hold {', '.join(TABLE_COLUMNS)} records", file)
        if kind == "xlsx":
            return read_xlsx(path, file, sheet=sheet, progress=progress, columns=columns)
        return read_csv(path, file, progress=progress, columns=columns)
    return _READERS[kind](path, file, progress=progress)
