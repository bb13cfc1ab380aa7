"""What a reader yields: one raw record per physical record, with where it came from.

Readers never drop a record. Whatever could not be read is kept as a problem on the
record, so that the caller can count it and report it by its location.
"""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["RawRecord", "SourceLocation"]


@attrs.frozen(kw_only=True)
class SourceLocation:
    """Where a record starts: ``file:line`` for text files, ``file:Sheet!row`` for workbooks."""

    file: str
    line: int | None = None
    sheet: str | None = None
    row: int | None = None

    def __str__(self) -> str:
        if self.sheet is not None:
            return f"{self.file}:{self.sheet}!{self.row}"
        if self.line is not None:
            return f"{self.file}:{self.line}"
        return self.file


@attrs.frozen(kw_only=True)
class RawRecord:
    """A record as read, before schema validation.

    ``data`` is the JSON-shaped record, or ``None`` when nothing usable could be read.
    ``problems`` are read and conversion errors; a record with problems is invalid as
    read (a spreadsheet cell that could not be converted stays in ``data`` as its raw
    text, so validation would not accept it either). ``notes`` are remarks worth
    printing that do not make the record invalid, such as ignored columns. ``private`` are
    the values of personal cells quoted in ``problems``, for reports that redact them.
    """

    location: SourceLocation
    data: dict[str, Any] | None
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    private: tuple[str, ...] = ()

    def redacted_problems(self) -> tuple[str, ...]:
        """The problems with every personal value replaced by ``<redacted>``."""
        problems = self.problems
        for value in self.private:
            problems = tuple(p.replace(repr(value), "<redacted>") for p in problems)
        return problems

    @property
    def ok(self) -> bool:
        """True when the record was read without problems."""
        return self.data is not None and not self.problems
