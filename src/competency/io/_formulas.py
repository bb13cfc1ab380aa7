"""Formula cells of a workbook that have no saved value.

Workbooks written by programs other than Excel (exports, scripts) may hold formulas
without their results; read for values only, such a cell is empty, and a fact would be
unknown without a word. A sheet's XML is scanned for formulas first (decompressing only);
only a sheet that has some is parsed a second time, streaming, to find those without a
value. Memory stays that of one row.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any
from xml.etree.ElementTree import iterparse

import attrs

from competency.io._records import RawRecord

__all__ = ["formulas_without_values", "with_formula_notes"]

_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CHUNK = 1 << 20


def _has_formulas(open_part: Any) -> bool:
    tail = b""
    with open_part() as stream:
        while chunk := stream.read(_CHUNK):
            if _FORMULA.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def formulas_without_values(worksheet: Any) -> dict[int, list[str]]:
    """Row number → cell references (``C5``) of formulas with no saved value, in one sheet
    of a workbook opened read-only by openpyxl; empty when it cannot tell."""
    archive = getattr(getattr(worksheet, "parent", None), "_archive", None)
    part = getattr(worksheet, "_worksheet_path", None)
    if not isinstance(archive, zipfile.ZipFile) or not isinstance(part, str):
        return {}
    try:
        if not _has_formulas(lambda: archive.open(part)):
            return {}
        found: dict[int, list[str]] = {}
        with archive.open(part) as stream:
            for _, element in iterparse(stream):
                name = element.tag.rpartition("}")[2]
                if name == "c":
                    children = {c.tag.rpartition("}")[2]: c for c in element}
                    value = children.get("v")
                    if "f" in children and (value is None or not value.text):
                        reference = element.get("r", "")
                        row = int(re.sub(r"[A-Z]+", "", reference) or 0)
                        found.setdefault(row, []).append(reference)
                elif name == "row":
                    element.clear()
        return found
    except Exception:  # noqa: BLE001 - a damaged part: the reading of its values will say so
        return {}


def with_formula_notes(records: Iterable[RawRecord], missing: dict[int, list[str]],
                       sheet: str) -> Iterator[RawRecord]:
    """The records of a sheet, each with a note for its formulas without a saved value (a
    formula on a row that gives no record is noted on the next record)."""
    rows = sorted(missing)
    for record in records:
        row = record.location.row or 0
        due = [r for r in rows if r <= row]
        if due:
            rows = rows[len(due):]
            notes = tuple(f"formula without a saved value in {sheet}!{reference}; open and "
                          "save the workbook in Excel, or export values"
                          for r in due for reference in missing[r])
            record = attrs.evolve(record, notes=record.notes + notes)
        yield record
