"""Rosters as Parquet files: one nested column per top-level field of the record kind.

The columns come from the kind's JSON Schema, so that every file of a kind has the same
columns whatever its records hold: objects are structs, arrays are lists, codes and dates
are text (dates as ``YYYY-MM-DD``, as in JSON), integers 64-bit and numbers 64-bit floats.
A null cell is a field left out; an empty list stays an empty list ("none recorded" is not
"not known"). Reading gives one record per row, numbered from 1 as ``file:row``, for the
validation every roster gets. Needs polars (the ``vector`` extra).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from competency.errors import InputError
from competency.io._progress import Progress, Reporter
from competency.io._records import RawRecord, SourceLocation
from competency.schema.validate import load_schema

__all__ = ["BATCH_ROWS", "parquet_columns", "read_frame", "read_parquet", "row_record",
           "write_parquet"]

T = TypeVar("T")

BATCH_ROWS = 50_000
"""Rows turned into records, or records into rows, at a time."""


def _polars() -> Any:
    try:
        import polars  # noqa: PLC0415  (optional extra)
    except ImportError:
        raise InputError("reading or writing Parquet needs polars: pip install "
                         "'competency[vector]'") from None
    return polars


def parquet_columns(kind: str) -> dict[str, Any]:
    """Column name → polars type of the Parquet file of ``kind``, from its schema."""
    pl, schema = _polars(), load_schema(kind)
    defs = schema.get("$defs", {})

    def dtype(node: Mapping[str, Any], pointer: str) -> Any:
        ref = node.get("$ref")
        if isinstance(ref, str):
            return dtype(defs[ref.removeprefix("#/$defs/")], ref)
        branches = [b for b in node.get("anyOf", node.get("oneOf", ()))
                    if b.get("type") != "null"]
        if branches:
            if len(branches) > 1:
                raise InputError(f"{pointer}: a choice of shapes has no Parquet column type")
            return dtype(branches[0], pointer)
        types = node.get("type")
        names = [types] if isinstance(types, str) else [t for t in types or () if t != "null"]
        if len(names) != 1:
            raise InputError(f"{pointer}: {types!r} has no Parquet column type")
        name = names[0]
        if name == "object":
            if "properties" not in node:
                raise InputError(f"{pointer}: an open object has no Parquet column type")
            return pl.Struct({key: dtype(sub, f"{pointer}/{key}")
                              for key, sub in node["properties"].items()})
        if name == "array":
            return pl.List(dtype(node.get("items", {}), f"{pointer}/items"))
        simple = {"string": pl.String, "integer": pl.Int64, "number": pl.Float64,
                  "boolean": pl.Boolean}
        if name not in simple:
            raise InputError(f"{pointer}: type {name!r} has no Parquet column type")
        return simple[name]

    return {key: dtype(sub, f"/properties/{key}") for key, sub in schema["properties"].items()}


def _present(value: Any) -> Any:
    """A cell as JSON: null fields of structs left out, dates as ISO text."""
    if type(value) is dict:
        return {key: _present(item) for key, item in value.items() if item is not None}
    if type(value) is list:
        return [_present(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def read_frame(path: Path, file: str) -> Any:
    """The polars frame of a Parquet file; one polars cannot read raises
    :class:`~competency.errors.InputError`."""
    pl = _polars()
    try:
        return pl.read_parquet(path)
    except (pl.exceptions.PolarsError, OSError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"not a readable Parquet file ({first})", file) from None


def read_parquet(path: Path, file: str, *, progress: Progress | None = None) -> Iterator[RawRecord]:
    """One record per row of a Parquet file; a file polars cannot read raises
    :class:`~competency.errors.InputError`."""
    frame = read_frame(path, file)
    report = Reporter(progress, frame.height, "rows")
    number = 0
    for part in frame.iter_slices(BATCH_ROWS):
        for row in part.iter_rows(named=True):
            number += 1
            yield row_record(row, file, number)
        report(number)
    report.end(number)


def row_record(row: dict[str, Any], file: str, number: int) -> RawRecord:
    """Row ``number`` (from 1) of a Parquet file as a record."""
    return RawRecord(location=SourceLocation(file=file, line=number), data=_present(row))


def write_parquet(records: Iterable[tuple[T, dict[str, Any]]], path: Path, kind: str,
                  refused: Callable[[T, str], None]) -> int:
    """Write the valid records of ``kind`` (``(tag, record)`` pairs) as a Parquet file of
    its columns; returns how many rows were written.

    A valid record may still not fit a column (an integer beyond 64 bits): it is left out
    and ``refused(tag, message)`` called, with the JSON pointer of the value.
    """
    pl = _polars()
    columns = parquet_columns(kind)
    frames: list[Any] = []
    batch: list[tuple[T, dict[str, Any]]] = []
    for pair in records:
        where = _wide_integer(pair[1])
        if where is not None:
            refused(pair[0], f"{where}: an integer beyond 64 bits does not fit a Parquet column")
            continue
        batch.append(pair)
        if len(batch) == BATCH_ROWS:
            frames.extend(_frames(pl, batch, columns, refused))
            batch = []
    frames.extend(_frames(pl, batch, columns, refused))
    frame = pl.concat(frames, rechunk=False) if frames else pl.DataFrame(schema=columns)
    frame.write_parquet(path)
    return frame.height


_INT64 = 2**63


def _wide_integer(value: Any, at: str = "") -> str | None:
    """The JSON pointer of the first integer of ``value`` beyond 64 bits, or None: polars
    would make it null without a word."""
    kind = type(value)
    if kind is int:
        return (at or "/") if not -_INT64 <= value < _INT64 else None
    items = value.items() if kind is dict else enumerate(value) if kind is list else ()
    for key, item in items:
        found = _wide_integer(item, f"{at}/{key}")
        if found is not None:
            return found
    return None


def _frames(pl: Any, batch: list[tuple[T, dict[str, Any]]], columns: dict[str, Any],
            refused: Callable[[T, str], None]) -> list[Any]:
    """The frame of a batch; when one does not fit, the frames of its halves."""
    if not batch:
        return []
    try:
        return [pl.DataFrame([record for _, record in batch], schema=columns, strict=True)]
    except (pl.exceptions.PolarsError, OverflowError, TypeError, ValueError) as exc:
        if len(batch) == 1:
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            refused(batch[0][0], f"/: does not fit the Parquet columns ({message})")
            return []
    half = len(batch) // 2
    return _frames(pl, batch[:half], columns, refused) + _frames(pl, batch[half:], columns, refused)
