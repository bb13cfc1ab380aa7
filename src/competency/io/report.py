"""Invalid records and ``validate`` results as JSON-ready data.

``competency validate --format json`` and the HTTP service answer in these shapes.
"""

from __future__ import annotations

from typing import Any

from competency.io.roster import CheckedRecord, Tally

__all__ = ["invalid_entry", "validate_document"]


def invalid_entry(record: CheckedRecord) -> dict[str, Any]:
    """An invalid record: where it is, its id when it has one, and every error (``/pointer: …``)."""
    return {"location": str(record.raw.location), "id": record.record_id,
            "errors": list(record.errors)}


def validate_document(file: str, tally: Tally, invalid: list[dict[str, Any]]) -> dict[str, Any]:
    """``validate --format json``: the counts and the invalid records (:func:`invalid_entry`)."""
    return {"file": file, "summary": tally.as_dict(), "invalid": invalid}
