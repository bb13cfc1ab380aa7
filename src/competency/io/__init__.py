"""Reading rosters: JSON, JSON Lines, CSV and XLSX files to located raw records.

Readers stream, so a national roster fits in constant memory, and never drop a record:
each one comes back with its location and whatever problems it had. Schema
validation and structuring happen after, in the caller.
"""

from competency.io._json import fast_object, jsonl_lines, line_ranges, parse_line
from competency.io._progress import Progress, Reporter
from competency.io._read import FORMATS, read_records, roster_format
from competency.io._records import RawRecord, SourceLocation
from competency.io.columns import COLUMNS, Column, column_for_pointer, columns_markdown

__all__ = [
    "COLUMNS",
    "FORMATS",
    "Column",
    "Progress",
    "RawRecord",
    "Reporter",
    "SourceLocation",
    "column_for_pointer",
    "columns_markdown",
    "fast_object",
    "jsonl_lines",
    "line_ranges",
    "parse_line",
    "read_records",
    "roster_format",
]
