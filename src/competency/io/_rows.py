"""Rows of a CSV file or worksheet to raw records, through the column layout.

Finds the header (title rows above it are common in Vietnamese rosters), maps each
header to its column once, then converts every row. A cell that cannot be converted
is a problem on its row and keeps its text, so nothing is lost or silently unknown.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from competency.io import limits
from competency.io._cells import CellError, With, cell_text, is_blank, is_none_marker
from competency.io._records import RawRecord, SourceLocation
from competency.io.column_sets import OFFICIAL, ColumnSet
from competency.io.columns import Column, header_key, is_ignored

__all__ = ["HEADER_SEARCH_ROWS", "Row", "RowCount", "Unreadable", "limited", "table_records"]

HEADER_SEARCH_ROWS = limits.MAX_TITLE_ROWS + 1
"""Non-empty rows searched for the header, as read at import (the reader looks up
:data:`~competency.io.limits.MAX_TITLE_ROWS` when it runs): up to that many title rows,
then the header."""


@attrs.frozen
class Unreadable:
    """A row the file format could not deliver; it becomes a record with this problem."""

    problem: str


Row = tuple[SourceLocation, "Sequence[Any] | Unreadable"]



@attrs.frozen
class _Header:
    """The header of one table: each position's column and its label as written."""

    columns: tuple[Column | None, ...]
    labels: tuple[str, ...]
    notes: tuple[str, ...]

    def describe(self, position: int) -> str:
        column, label = self.columns[position], self.labels[position]
        assert column is not None
        if header_key(label) == header_key(column.name):
            return repr(column.name)
        return f"{label!r} ({column.name})"


@attrs.define
class RowCount:
    """Rows delivered so far from one file, and whether the limit stopped the reading."""

    rows: int = 0
    stopped: bool = False


def limited(rows: Iterable[Row], count: RowCount) -> Iterator[Row]:
    """The rows up to :data:`~competency.io.limits.MAX_ROWS` in the file (``count`` goes on
    across the sheets of a workbook); the first row beyond comes as unreadable, and ends it."""
    for location, cells in rows:
        count.rows += 1
        if count.rows > limits.MAX_ROWS:
            count.stopped = True
            yield location, Unreadable(f"more than {limits.MAX_ROWS:,} rows in the file "
                                       "(MAX_ROWS); this row and the rest were not read")
            return
        yield location, cells


def _read_header(cells: Sequence[Any], columns_of: ColumnSet) -> _Header:
    labels = tuple("" if is_blank(text) else cell_text(text) for text in cells)
    columns: list[Column | None] = []
    seen: dict[str, str] = {}
    unknown: list[str] = []
    notes: list[str] = []
    for label in labels:
        column = columns_of.match(label, position=sum(c is not None and c.path[0] == "ratings"
                                                      for c in columns)) if label else None
        if column is not None and column.name in seen:
            notes.append(f"column {label!r} repeats {column.name} "
                         f"(already {seen[column.name]!r}); ignored")
            column = None
        elif column is not None:
            seen[column.name] = label
        elif label and not is_ignored(label):
            unknown.append(label)
        columns.append(column)
    if unknown:
        notes.append(f"ignored unknown columns: {', '.join(repr(u) for u in unknown)}")
    if columns_of.id_column not in seen:
        notes.append(columns_of.missing_id())
    return _Header(tuple(columns), labels, tuple(notes))


def _put(record: dict[str, Any], path: Sequence[str | int], value: Any, *,
         keep: bool = False) -> None:
    """Set ``value`` at ``path``, creating objects and list elements on the way."""
    node: Any = record
    for part, following in itertools.pairwise(path):
        if isinstance(node, list):
            node.extend({} for _ in range(int(part) + 1 - len(node)))
        child = node[part] if isinstance(node, list) else node.get(part)
        if child is None:
            child = [] if isinstance(following, int) else {}
            node[part] = child
        node = child
    if not (keep and path[-1] in node):
        node[path[-1]] = value


@attrs.define
class _Converted:
    """The nested record of one row, its problems, its notes and the personal values quoted."""

    record: dict[str, Any] = attrs.Factory(dict)
    problems: list[str] = attrs.Factory(list)
    notes: list[str] = attrs.Factory(list)
    private: list[str] = attrs.Factory(list)


def _convert(header: _Header, cells: Sequence[Any]) -> _Converted:
    """The nested record of one row, its problems and its notes."""
    row = _Converted()
    record, problems, notes = row.record, row.problems, row.notes
    notes: list[str] = []
    said_none: dict[str, str] = {}
    filled: dict[str, str] = {}
    for position, value in enumerate(cells):
        if is_blank(value):
            continue
        column = header.columns[position] if position < len(header.columns) else None
        if column is None:
            if position >= len(header.labels) or not header.labels[position]:
                notes.append(f"value {cell_text(value)!r} in column {position + 1} "
                             "has no header; ignored")
            continue
        part = str(column.path[0])
        if column.none and is_none_marker(value):
            said_none.setdefault(part, header.describe(position))
            continue
        try:
            converted = column.cell(value)
        except CellError as exc:
            problems.append(f"column {header.describe(position)}: {exc}")
            converted = cell_text(value)
            if column.pii:
                row.private.append(converted)
        siblings = dict(column.fixed)
        if isinstance(converted, With):
            siblings |= converted.siblings
            converted = converted.value
        _put(record, column.path, converted)
        for key, sibling in siblings.items():
            _put(record, (*column.path[:-1], key), sibling, keep=True)
        filled.setdefault(part, header.describe(position))
    for part, where in said_none.items():
        if part in record:
            problems.append(f"column {where} records none, but column {filled[part]} has a value")
        else:
            record[part] = []
    return row


def _blank(cells: Sequence[Any] | Unreadable) -> bool:
    return not isinstance(cells, Unreadable) and all(is_blank(cell) for cell in cells)


def _score(cells: Sequence[Any] | Unreadable, columns_of: ColumnSet) -> int:
    """How many known columns a row names; -1 for an unreadable row, never a header."""
    if isinstance(cells, Unreadable):
        return -1
    return sum(columns_of.match(cell_text(c)) is not None for c in cells if not is_blank(c))


def _header_row(rows: Iterator[Row], columns_of: ColumnSet) -> tuple[int | None, list[Row]]:
    """The non-empty rows searched, and the index of the header among them."""
    searched: list[Row] = []
    for row in rows:
        if not _blank(row[1]):
            searched.append(row)
            if len(searched) > limits.MAX_TITLE_ROWS:
                break
    scores = [_score(cells, columns_of) for _, cells in searched]
    return (scores.index(max(scores)) if scores and max(scores) >= 0 else None), searched


def _unreadable(location: SourceLocation, cells: Unreadable, notes: Sequence[str]) -> RawRecord:
    return RawRecord(location=location, data=None, problems=(cells.problem,), notes=tuple(notes))


def table_records(rows: Iterable[Row], *, notes: Sequence[str] = (),
                  columns: ColumnSet = OFFICIAL) -> Iterator[RawRecord]:
    """One raw record per non-empty row below the header; table notes ride on the first.

    ``columns`` are the columns of the kind of record the table holds (a roster by default).
    """
    rows = iter(rows)
    at, searched = _header_row(rows, columns)
    if at is None:  # nothing readable yet: report what was searched, look again after it
        for location, cells in searched:
            yield _unreadable(location, cells, notes)  # type: ignore[arg-type]
            notes = ()
        if searched:
            yield from table_records(rows, notes=notes, columns=columns)
        return
    header_location, header_cells = searched[at]
    header = _read_header(header_cells, columns)  # type: ignore[arg-type]
    pending = [*notes, *header.notes]
    titles = [next(cell_text(c) for c in cells if not is_blank(c))
              for _, cells in searched[:at] if not isinstance(cells, Unreadable)]
    if titles:
        pending.append(f"row(s) above the header at {header_location} skipped as titles: "
                       f"{', '.join(repr(t) for t in titles)}")
    has_id = columns.id in header.columns
    below = itertools.chain(searched[at + 1:], rows)
    above = ((loc, c) for loc, c in searched[:at] if isinstance(c, Unreadable))
    for location, cells in itertools.chain(above, below):
        if isinstance(cells, Unreadable):
            yield _unreadable(location, cells, pending)
        elif _blank(cells):
            continue
        else:
            row = _convert(header, cells)
            if not has_id:
                row.problems.insert(0, columns.missing_id())
            yield RawRecord(location=location, data=row.record, problems=tuple(row.problems),
                            notes=(*pending, *row.notes), private=tuple(row.private))
        pending = []
