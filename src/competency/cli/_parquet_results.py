"""``check --format parquet``: the results as a typed Parquet file, whichever engine checks.

The columns are those of ``--format csv`` (:data:`~competency.standards.report.RESULT_CSV_COLUMNS`)
with their values typed: dates as dates, the failing rules as a list of rule ids, a value
the CSV file leaves empty as null (an empty list of failing rules stays a list). Parquet
is written whole, so the results are held until the end: a few hundred bytes a result.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from competency.errors import InputError
from competency.io.parquet import _polars
from competency.standards.evaluate import StandardResult
from competency.standards.report import RESULT_CSV_COLUMNS, result_row

__all__ = ["ParquetResults"]

_DATES = ("due", "tested_on")
_LISTS = ("failing",)


def _types(pl: Any) -> dict[str, Any]:
    return {name: pl.Date if name in _DATES else pl.List(pl.String) if name in _LISTS
            else pl.String for name in RESULT_CSV_COLUMNS}


class ParquetResults:
    """The results of one run, gathered and written to ``path`` as Parquet on :meth:`close`."""

    def __init__(self, path: Path) -> None:
        self.pl = _polars()
        self.path = path
        self._frames: list[Any] = []
        self._rows: list[dict[str, Any]] = []

    def add_result(self, result: StandardResult) -> None:
        """One result of the reference engine."""
        row: dict[str, Any] = {k: v or None for k, v in result_row(result).items()}
        row.update(due=result.due, tested_on=result.tested_on,
                   failing=[ev.rule_id for ev in result.failing()])
        self._rows.append(row)
        if len(self._rows) >= 50_000:
            self._flush()

    def add_frame(self, frame: Any) -> None:
        """Results of the vector engine: a frame of the result columns, dates as text or dates."""
        pl = self.pl
        strings = [c for c in RESULT_CSV_COLUMNS if c not in _DATES and c not in _LISTS]
        self._frames.append(frame.select(RESULT_CSV_COLUMNS).with_columns(
            *(pl.col(c).cast(pl.String).str.to_date() if frame.schema[c] == pl.String
              else pl.col(c).cast(pl.Date) for c in _DATES),
            pl.col("failing").fill_null([]).cast(pl.List(pl.String)),
            *(pl.when(pl.col(c) != "").then(pl.col(c)).cast(pl.String).alias(c)
              for c in strings)))

    def _flush(self) -> None:
        if self._rows:
            self._frames.append(self.pl.DataFrame(self._rows, schema=_types(self.pl),
                                                  strict=True))
            self._rows = []

    def close(self) -> None:
        """Write the file; one that cannot be written raises
        :class:`~competency.errors.InputError`."""
        self._flush()
        pl = self.pl
        frame = pl.concat(self._frames) if self._frames else pl.DataFrame(schema=_types(pl))
        try:
            frame.write_parquet(self.path)
        except OSError as exc:
            raise InputError(f"cannot be written ({exc.strerror or exc})", str(self.path)) from None
