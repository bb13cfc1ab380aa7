"""Qualification standards (tiêu chuẩn): the record kind, its catalogue, checking officials, consistency.

Each module has one job; import the public names from here.
"""

from __future__ import annotations

from competency.standards.catalogue import (
    Catalog,
    UnknownStandardError,
    load_standard_file,
)
from competency.standards.checking import (
    DraftStandardError,
    PositionResult,
    check,
    evaluate,
)
from competency.standards.consistency import (
    builtin_term_periods,
    period_notes,
)
from competency.standards.model import (
    AppliesTo,
    Standard,
    Transitional,
    TransitionalTrigger,
)

__all__ = [
    "AppliesTo",
    "Catalog",
    "DraftStandardError",
    "PositionResult",
    "Standard",
    "Transitional",
    "TransitionalTrigger",
    "UnknownStandardError",
    "builtin_term_periods",
    "check",
    "evaluate",
    "load_standard_file",
    "period_notes",
]
