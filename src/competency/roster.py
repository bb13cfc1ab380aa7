"""A roster file as a stream of checked records: each one valid, or invalid with reasons.

Every record read ends in exactly one place. :class:`Tally` counts them so that a
summary can show read = valid + invalid.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from competency.io import RawRecord, column_for_pointer, read_records
from competency.model import Official
from competency.schema import SchemaIssue, validator
from competency.serialize import StructureError, structure

__all__ = ["CheckedRecord", "Tally", "checked_records", "officials"]


@attrs.frozen(kw_only=True)
class CheckedRecord:
    """A record after validation: the structured official, or the errors."""

    raw: RawRecord
    official: Official | None
    errors: tuple[str, ...]

    @property
    def record_id(self) -> str | None:
        """The record's id when it has a usable one."""
        data = self.raw.data
        value = data.get("id") if isinstance(data, dict) else None
        return value if isinstance(value, str) else None


@attrs.define
class Tally:
    """Counts of records read, valid and invalid."""

    read: int = 0
    valid: int = 0
    invalid: int = 0

    def add(self, record: CheckedRecord) -> None:
        """Count one record."""
        self.read += 1
        if record.errors:
            self.invalid += 1
        else:
            self.valid += 1

    def as_dict(self) -> dict[str, int]:
        """The counts as data."""
        return {"read": self.read, "valid": self.valid, "invalid": self.invalid}


def _describe(issue: SchemaIssue, tabular: bool) -> str:
    """``/pointer: message``, naming the spreadsheet column when the record came from one."""
    column = column_for_pointer(issue.pointer) if tabular else None
    where = f"{issue.pointer or '/'} (column {column})" if column else issue.pointer or "/"
    return f"{where}: {issue.message}"


def _check(raw: RawRecord, kind: str, redact: bool) -> tuple[Any, tuple[str, ...]]:
    if raw.data is None or raw.problems:
        return None, raw.problems or ("no record could be read",)
    issues = validator(kind).errors(raw.data, redact=redact)
    if issues:
        tabular = raw.location.sheet is not None or raw.location.file.lower().endswith(".csv")
        return None, tuple(_describe(i, tabular) for i in issues)
    if kind != "official":
        return raw.data, ()
    try:
        return structure(raw.data, Official), ()
    except StructureError as exc:  # the schema and converter disagree: still reported
        return None, tuple(exc.lines)


def checked_records(path: Path, *, kind: str = "official", fmt: str | None = None,
                    redact: bool = False) -> Iterator[CheckedRecord]:
    """Read, validate and (for officials) structure each record of a file, streaming.

    ``redact`` keeps the values of personal fields (``x-pii``) out of schema error messages.
    """
    for raw in read_records(path, format=fmt):
        value, errors = _check(raw, kind, redact)
        yield CheckedRecord(raw=raw, official=value if isinstance(value, Official) else None,
                            errors=errors)


def officials(path: Path, *, fmt: str | None = None) -> Iterator[Official]:
    """Only the valid officials of a roster (library use; the CLI reports the rest)."""
    for record in checked_records(path, fmt=fmt):
        if record.official is not None:
            yield record.official
