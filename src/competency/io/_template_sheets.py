"""Which sheets of a workbook are a template's guide and lists, not records.

A template (:mod:`competency.io.templates`) names its helper sheets in a custom document
property, which Excel and LibreOffice keep when the file is saved; the XLSX reader reads
every other sheet. A workbook without the property has no helper sheets.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["HELPER_SHEETS_PROPERTY", "helper_sheets"]

HELPER_SHEETS_PROPERTY = "competency-template-helper-sheets"
"""Custom document property: a JSON list of the sheet names that hold no records."""


def helper_sheets(workbook: Any) -> frozenset[str]:
    """The names a workbook's template property lists; empty when absent or unreadable."""
    try:
        properties = {p.name: p.value for p in workbook.custom_doc_props}
        names = json.loads(properties.get(HELPER_SHEETS_PROPERTY) or "[]")
    except (AttributeError, TypeError, ValueError):
        return frozenset()
    return frozenset(n for n in names if isinstance(n, str)) if isinstance(names, list) \
        else frozenset()
