"""The verdict on each record of a request: valid (structured when it is an official), or
invalid with the messages ``competency validate`` gives.

Verdicts come from :func:`~competency.io.roster.line_verdicts`, the path ``validate`` takes
through JSON Lines, so that the service and the command line agree record by record.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from competency.io import RawRecord
from competency.io.report import invalid_entry
from competency.io.roster import CheckedRecord, Tally, line_verdicts
from competency.model.official import Official
from competency.schema.convert import StructureError, structure

__all__ = ["Verdicts", "verdicts"]


@attrs.frozen(kw_only=True)
class Verdicts:
    """Every record of a request counted; the valid ones (officials when asked), the invalid
    ones as :func:`~competency.io.report.invalid_entry` data, in request order."""

    tally: Tally
    valid: tuple[Any, ...]
    invalid: tuple[dict[str, Any], ...]


def _official(raw: RawRecord, data: dict[str, Any]) -> Official | CheckedRecord:
    try:
        return structure(data, Official)
    except StructureError as exc:  # the schema and converter disagree: still reported
        return CheckedRecord(raw=raw, official=None, errors=tuple(exc.lines))


def verdicts(raws: Iterable[RawRecord], *, kind: str = "official", structured: bool = True,
             redact: bool = False) -> Verdicts:
    """Validate each record; with ``structured``, valid officials come back as objects."""
    raws = list(raws)
    tally, valid, invalid = Tally(), [], []
    for number, verdict in line_verdicts(enumerate(raws), "body", kind=kind, redact=redact):
        tally.read += 1
        if type(verdict) is dict and structured and kind == "official":
            verdict = _official(raws[number], verdict)
        if type(verdict) is CheckedRecord:
            tally.invalid += 1
            invalid.append(invalid_entry(verdict))
        else:
            tally.valid += 1
            valid.append(verdict)
    return Verdicts(tally=tally, valid=tuple(valid), invalid=tuple(invalid))
