"""The check results as a workbook, one row a result with Vietnamese labels beside the codes.

``competency check --format xlsx`` and the upload page of ``competency serve`` both write
it with :func:`write_results_workbook`, so that an HR officer gets the same file either way.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from competency.io.sheets import Sheet, write_xlsx
from competency.standards.evaluate import StandardResult
from competency.standards.report import RESULT_HEADERS_VI, result_row_vi

__all__ = ["RESULTS_SHEET", "results_sheet", "write_results_workbook"]

RESULTS_SHEET = "Kết quả"
"""The name of the worksheet of results."""


def results_sheet(results: Iterable[StandardResult]) -> Sheet:
    """Every result as a row of :data:`~competency.standards.report.RESULT_HEADERS_VI`."""
    return Sheet(name=RESULTS_SHEET, headers=RESULT_HEADERS_VI,
                 rows=[result_row_vi(r) for r in results])


def write_results_workbook(results: Iterable[StandardResult], out_file: Path) -> None:
    """The results workbook at ``out_file`` (needs openpyxl, the ``xlsx`` extra)."""
    write_xlsx([results_sheet(results)], out_file)
