"""Assessment and participation records read from files (JSON Lines, JSON, CSV, XLSX),
validated against their schemas and structured, each with its location.

Both kinds are read the same way as rosters: every record is accounted for, an invalid one
keeps its location and every error with its JSON pointer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Generic, TypeVar

import attrs

from competency.errors import DataFileError, InputError
from competency.io import RawRecord, read_records
from competency.io._read import no_records
from competency.io.datafiles import (
    schema_problems,
    structured,
)
from competency.model.assessment import Assessment
from competency.model.participation import Participation

__all__ = [
    "Checked",
    "CheckedAssessment",
    "assessments_from",
    "read_assessments",
    "read_participations",
]

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class Checked(Generic[T]):
    """A record after validation: the structured value, or the errors."""

    raw: RawRecord
    value: T | None
    errors: tuple[str, ...]


CheckedAssessment = Checked[Assessment]
"""An assessment record after validation."""


def _read(path: Path | str, kind: str, cls: type[T], problems: Callable[[T], tuple[str, ...]],
          fmt: str | None) -> Iterator[Checked[T]]:
    """Each record of the file checked; a file without records is an error, as for rosters."""
    read = 0
    for raw in read_records(path, format=fmt, record_kind=kind):
        read += 1
        if raw.data is None or raw.problems:
            yield Checked(raw=raw, value=None, errors=raw.problems or ("no record could be read",))
            continue
        found = schema_problems(raw.data, kind)
        if found:
            yield Checked(raw=raw, value=None, errors=tuple(found))
            continue
        try:
            value = structured(raw.data, cls, str(raw.location))
        except DataFileError as exc:
            yield Checked(raw=raw, value=None, errors=exc.problems)
            continue
        errors = problems(value)
        yield Checked(raw=raw, value=None if errors else value, errors=errors)
    if not read:
        raise no_records(str(path))


def _dated(first: str, last: str) -> Callable[[Any], tuple[str, ...]]:
    """A check that the date ``last`` is not before ``first`` (a schema cannot compare them)."""
    def check(value: Any) -> tuple[str, ...]:
        start, end = getattr(value, first), getattr(value, last)
        if start is not None and end is not None and end < start:
            return (f"/{last}: earlier than {first}",)
        return ()
    return check


def read_assessments(path: Path | str, *, fmt: str | None = None) -> Iterator[Checked[Assessment]]:
    """Read, validate and structure each assessment record of a file, streaming."""
    return _read(path, "assessment", Assessment, _dated("assessed_on", "valid_until"), fmt)


def read_participations(path: Path | str, *,
                        fmt: str | None = None) -> Iterator[Checked[Participation]]:
    """Read, validate and structure each training-participation record of a file, streaming."""
    return _read(path, "training-participation", Participation, _dated("start", "end"), fmt)


def assessments_from(path: Path | str) -> list[Assessment]:
    """Every valid assessment of a file; an invalid record raises :class:`InputError`."""
    found = []
    for checked in read_assessments(path):
        if checked.value is None:
            raise InputError(f"{checked.raw.location}: {'; '.join(checked.errors)}")
        found.append(checked.value)
    return found
