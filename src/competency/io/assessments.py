"""Assessment records read from files (JSON Lines, JSON, CSV, XLSX), validated and structured.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import attrs

from competency.errors import DataFileError, InputError
from competency.io import RawRecord, read_records
from competency.io.datafiles import (
    schema_problems,
    structured,
)
from competency.model.assessment import Assessment

__all__ = [
    "CheckedAssessment",
    "assessments_from",
    "read_assessments",
]



@attrs.frozen(kw_only=True)
class CheckedAssessment:
    """An assessment record after validation: the structured assessment, or the errors."""

    raw: RawRecord
    assessment: Assessment | None
    errors: tuple[str, ...]


def read_assessments(path: Path | str, *, fmt: str | None = None) -> Iterator[CheckedAssessment]:
    """Read, validate and structure each assessment record of a file, streaming."""
    for raw in read_records(path, format=fmt):
        if raw.data is None or raw.problems:
            yield CheckedAssessment(raw=raw, assessment=None,
                                    errors=raw.problems or ("no record could be read",))
            continue
        problems = schema_problems(raw.data, "assessment")
        if problems:
            yield CheckedAssessment(raw=raw, assessment=None, errors=tuple(problems))
            continue
        try:
            value = structured(raw.data, Assessment, str(raw.location))
        except DataFileError as exc:
            yield CheckedAssessment(raw=raw, assessment=None, errors=exc.problems)
            continue
        if value.valid_until is not None and value.valid_until < value.assessed_on:
            yield CheckedAssessment(raw=raw, assessment=None, errors=(
                "/valid_until: earlier than assessed_on",))
            continue
        yield CheckedAssessment(raw=raw, assessment=value, errors=())


def assessments_from(path: Path | str) -> list[Assessment]:
    """Every valid assessment of a file; an invalid record raises :class:`InputError`."""
    found = []
    for checked in read_assessments(path):
        if checked.assessment is None:
            raise InputError(f"{checked.raw.location}: {'; '.join(checked.errors)}")
        found.append(checked.assessment)
    return found

