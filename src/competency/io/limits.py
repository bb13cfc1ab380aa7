"""Every limit the readers put on their input, in one place, each with why it is where it is.

A roster or data file that goes beyond a limit is refused (or the record is invalid) with a
message naming the limit: hostile or broken files (decompression bombs, nested aliases,
numbers of thousands of digits) must end in a clear error, never in a hang or a
traceback. The limits are generous for real input: a national roster is about 2.5
million officials, a record a few kilobytes, a data file a few kilobytes. They are
module constants; a library caller may change them (``limits.MAX_XLSX_ROWS = ...``) since
the readers look them up when they run. ``docs/limits.md`` lists them with their messages.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["LATEST_DATE", "MAX_DATA_FILE_BYTES", "MAX_INTEGER_DIGITS", "MAX_LINE_BYTES", "MAX_ROWS",
           "MAX_TITLE_ROWS",
           "MAX_XLSX_BYTES", "MAX_XLSX_RATIO", "MAX_YAML_DEPTH", "MAX_YAML_NODES",
           "RATIO_CHECKED_BYTES"]

MAX_LINE_BYTES = 16 * 2**20
"""Longest JSON Lines line read (16 MiB); a record is a few kilobytes, so longer lines are
reported as invalid without being held in memory."""

MAX_INTEGER_DIGITS = 4300
"""Most digits of a JSON integer: Python's own limit on converting text to integers (a
longer one takes quadratic time). No field of a record needs more than a handful."""

MAX_DATA_FILE_BYTES = 5_000_000
"""Largest YAML or JSON data file (standard, framework, programme, overlay) accepted;
shipped files are a few kilobytes."""

MAX_YAML_DEPTH = 64
"""Deepest nesting accepted in a data file; the deepest requirement tree shipped is under
10 levels."""

MAX_YAML_NODES = 1_000_000
"""Most values (mappings, lists, scalars) a data file may hold once its aliases are
expanded. Aliases (``*name``) repeat a part without copying it, so a few hundred bytes of
nested aliases stand for a billion values, which every later step would walk. The shipped
data use aliases for repeated citations and hold a few thousand values; a million is
as many as a 5 MB file could hold written out."""

MAX_ROWS = 3_000_000
"""Most rows read from one CSV file or one workbook (all its sheets together), blank rows
included. A national roster is about 2.5 million officials; the rows after the limit are
reported as one invalid record, so the records read before it still count."""

MAX_XLSX_BYTES = 8 * 2**30
"""Most bytes an XLSX workbook may hold once unzipped (8 GiB), checked from the archive's
directory before the workbook is opened. A row of all 42 roster columns filled takes
about 2.6 kB of sheet XML (measured), so 3 million such rows fit; a decompression bomb
(a small file that inflates to many gigabytes) does not."""

MAX_XLSX_RATIO = 200
"""Most times the parts of a workbook may inflate, taken together, once it holds more
than :data:`RATIO_CHECKED_BYTES`. Sheet XML inflates 5 to 30 times; zeros inflate a
thousand times, the way a bomb is made."""

RATIO_CHECKED_BYTES = 256 * 2**20
"""Unzipped size from which :data:`MAX_XLSX_RATIO` is checked (256 MiB): a small
workbook of empty, formatted cells may inflate many times and costs nothing."""

MAX_TITLE_ROWS = 20
"""Most non-empty rows above the header of a CSV file or worksheet (titles, the unit, the
date of the list): the header is the row naming most known columns among the first
``MAX_TITLE_ROWS + 1`` non-empty rows."""

LATEST_DATE = dt.date(2199, 12, 31)
"""Latest date a record may hold. Rosters use ``9999-12-31`` and the like for "not
known" or "open-ended", which would pass as a date; no date of today's workforce (a
retirement, a certificate's expiry) comes near 2200. Not a legal date: a plausibility
bound on input."""
