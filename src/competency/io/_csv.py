"""CSV rosters: encoding and delimiter found from the bytes, rows streamed with line numbers.

Spreadsheet exports in Vietnam come as UTF-8 (often with a BOM) or, from older
Windows setups, as Windows-1258; the delimiter is ``,`` or, in locales with a decimal
comma, ``;``. Neither is asked of the user.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
from collections.abc import Iterator
from pathlib import Path

from competency.errors import InputError
from competency.io._encoding import wide_encoding
from competency.io._progress import Progress, Reporter
from competency.io._records import RawRecord, SourceLocation
from competency.io._rows import Row, RowCount, Unreadable, limited, table_records
from competency.io.column_sets import OFFICIAL, ColumnSet

__all__ = ["DELIMITERS", "detect_encoding", "read_csv", "sniff_delimiter"]

DELIMITERS = ",;\t"
_CHUNK = 1 << 20
_SAMPLE = 1 << 16
_REPORT_ROWS = 256


def _decodes(path: Path, encoding: str) -> bool:
    """Whether the whole file decodes, read in chunks (constant memory)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(path: Path) -> str:
    """``utf-8-sig`` (UTF-8 with or without BOM), ``utf-16`` or ``utf-32`` (with BOM), or
    ``cp1258``."""
    wide = wide_encoding(path)
    if wide is not None:
        if _decodes(path, wide):
            return wide
        raise InputError(f"starts with the byte order mark of {wide.upper()} but is not "
                         f"{wide.upper()} text; save the file as CSV UTF-8", str(path))
    for encoding in ("utf-8-sig", "cp1258"):
        if _decodes(path, encoding):
            return encoding
    raise InputError("not UTF-8 or Windows-1258 text; save the file as CSV UTF-8", str(path))


def _widths(sample: str, delimiter: str) -> list[int]:
    """Fields per row of the sample split by ``delimiter``, up to a row it cannot split
    (a carriage return outside quotes, once quotes are read with another delimiter)."""
    widths = []
    try:
        for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
            if row:
                widths.append(len(row))
    except csv.Error:
        pass
    return widths


def sniff_delimiter(sample: str) -> str:
    """The delimiter that splits most sample rows into the same number of fields (>1)."""
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        counts = _widths(sample, delimiter)
        widths = [n for n in counts if n > 1]
        if not widths:
            continue
        mode = max(set(widths), key=lambda n: (widths.count(n), n))
        score = (widths.count(mode), mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _rows(stream: io.TextIOWrapper, delimiter: str, file: str,
          report: Reporter | None = None) -> Iterator[Row]:
    """Rows located at their first physical line; a broken row is passed on as unreadable.

    The reader is strict: text after a closing quote, or a quote never closed (which
    would take the rest of the file as one cell), makes the row unreadable.

    Every few hundred rows, ``report`` hears how many bytes have been read from the file.
    """
    reader = csv.reader(stream, delimiter=delimiter, strict=True)
    previous = 0
    check = _REPORT_ROWS if report is not None and report.progress is not None else math.inf
    while True:
        if previous >= check:
            report(stream.buffer.tell())  # type: ignore[misc]
            check = previous + _REPORT_ROWS
        location = SourceLocation(file=file, line=previous + 1)
        try:
            cells: list[str] | Unreadable = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            cells = Unreadable(f"unreadable CSV row: {_why(exc, previous + 1, reader.line_num)}")
        previous = reader.line_num
        yield location, cells


def _why(error: csv.Error, first: int, last: int) -> str:
    """What went wrong in the row of lines ``first`` to ``last``: a quote never closed
    swallows every line after it, which must not pass unseen."""
    if str(error) != "unexpected end of data":
        return str(error)
    swallowed = f"; lines {first} to {last} were read as one row ({last - first} lines after " \
        f"line {first})" if last > first else ""
    return f"a quote opened on line {first} is never closed{swallowed}"


def _sample(path: Path, encoding: str) -> str:
    with path.open(encoding=encoding, newline="") as stream:
        sample = stream.read(_SAMPLE)
    if len(sample) == _SAMPLE and "\n" in sample:
        sample = sample[:sample.rfind("\n") + 1]
    return sample


def read_csv(path: Path, file: str, *, progress: Progress | None = None,
             columns: ColumnSet = OFFICIAL) -> Iterator[RawRecord]:
    """Records of a CSV table (a roster unless ``columns`` say otherwise), streamed."""
    encoding = detect_encoding(path)
    notes = ["read as Windows-1258 (cp1258): the file is not valid UTF-8"] \
        if encoding == "cp1258" else []
    delimiter = sniff_delimiter(_sample(path, encoding))
    size = path.stat().st_size
    report = Reporter(progress, size, "bytes")
    with path.open(encoding=encoding, newline="") as stream:
        rows = limited(_rows(stream, delimiter, file, report), RowCount())
        yield from table_records(rows, notes=notes, columns=columns)
    report.end(size)
