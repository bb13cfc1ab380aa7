"""A roster file as a stream of checked records: each one valid, or invalid with reasons.

Every record read ends in exactly one place. :class:`Tally` counts them so that a
summary can show read = valid + invalid.

Two ways through a roster:

* :func:`checked_records` gives every record, each valid official structured into an
  :class:`~competency.model.Official`: what the analyses read;
* :func:`reported_records` gives only the records worth a line in a report (invalid, or
  with notes) and counts the rest; valid records are never structured, and a large JSON
  Lines file is shared among processes. That is ``validate``: the verdict is the
  schema's, given by the msgspec Structs of the kind (:mod:`competency.schema.verdict`)
  or the compiled validator when installed, the reference validator otherwise.

A Parquet file's rows are judged in columns first (:mod:`competency.io.parquet_verdict`),
on both ways: a row accepted there is valid; the others take the way of any record.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import functools
import itertools
import multiprocessing
import os
from collections.abc import Callable, Collection, Generator, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from competency.io import (
    Progress,
    RawRecord,
    Reporter,
    SourceLocation,
    column_for_pointer,
    fast_object,
    jsonl_lines,
    limits,
    line_ranges,
    parse_line,
    read_records,
    roster_format,
)
from competency.io._encoding import wide_encoding
from competency.io._read import no_records
from competency.io.parquet_verdict import judged_rows
from competency.model.official import Official
from competency.schema.convert import StructureError, structure
from competency.schema.validate import SchemaIssue, Validator, load_schema, validator
from competency.schema.verdict import struct_verdict

__all__ = ["PARALLEL_BYTES", "CheckedRecord", "FirstIds", "Notes", "Tally", "after_notes",
           "checked_records", "line_verdicts", "moved", "officials", "record_verdicts",
           "reported_records"]

Notes = Callable[[Any], tuple[str, ...]]
"""Notes on a valid record (e.g. :func:`~competency.standards.consistency.period_notes`):
given its data, or, for a JSON Lines line the msgspec verdict accepts, the record decoded
to the Structs of :mod:`competency.schema.verdict` (fields as attributes, absent ones
falsy, dates as :class:`datetime.date`); both must give the same notes."""

PARALLEL_BYTES = 16 << 20
"""JSON Lines files at least this large are validated on several processes."""

_PART_BYTES = 4 << 20
"""Bytes of a roster given to a process at a time."""


@attrs.frozen(kw_only=True)
class CheckedRecord:
    """A record after validation: the structured official, or the errors.

    A valid record that was not structured (:func:`reported_records`, or a record kind
    other than ``official``) has no errors and no official; ``raw.data`` is the record.
    """

    raw: RawRecord
    official: Official | None
    errors: tuple[str, ...]

    @property
    def record_id(self) -> str | None:
        """The record's id when it has a usable one."""
        data = self.raw.data
        value = data.get("id") if isinstance(data, dict) else None
        return value if isinstance(value, str) else None


@attrs.define
class Tally:
    """Counts of records read, valid and invalid."""

    read: int = 0
    valid: int = 0
    invalid: int = 0

    def add(self, record: CheckedRecord) -> None:
        """Count one record."""
        self.read += 1
        if record.errors:
            self.invalid += 1
        else:
            self.valid += 1

    def as_dict(self) -> dict[str, int]:
        """The counts as data."""
        return {"read": self.read, "valid": self.valid, "invalid": self.invalid}


class FirstIds:
    """The first record of each official id in one file: a later record with the same id
    is invalid, so that every count and report holds one record per official.

    The first record bearing an id holds it, valid or not (the order of the file is the
    only rule that needs no judgement). Memory: one entry per id, a line number or a
    sheet row as the place, about 150 bytes an official.
    """

    def __init__(self, file: str) -> None:
        self._file = file
        self._first: dict[str, int | SourceLocation] = {}

    def repeated(self, record_id: str, where: int | SourceLocation) -> str | None:
        """The error of a record with ``record_id`` found at ``where`` (a line number or a
        location), or None when it is the first with that id."""
        first = self._first.get(record_id)
        if first is None:
            self._first[record_id] = where
            return None
        place = f"{self._file}:{first}" if type(first) is int else str(first)
        return f"/id: duplicate id {record_id!r}, first at {place}; only the first record " \
            "with an id is used"

    def check(self, raw: RawRecord, errors: tuple[str, ...]) -> tuple[str, ...]:
        """``errors`` of ``raw``, with the duplicate id error when its id was seen before."""
        record_id = _id_of(raw.data)
        if record_id is None:
            return errors
        where = raw.location
        repeated = self.repeated(record_id, where.line if where.line is not None else where)
        return errors if repeated is None else (*errors, repeated)


def _id_of(data: Any) -> str | None:
    value = data.get("id") if type(data) is dict else None
    return value if type(value) is str else None


def _describe(issue: SchemaIssue, tabular: bool) -> str:
    """``/pointer: message``, naming the spreadsheet column when the record came from one."""
    column = column_for_pointer(issue.pointer) if tabular else None
    where = f"{issue.pointer or '/'} (column {column})" if column else issue.pointer or "/"
    return f"{where}: {issue.message}"


def _errors(raw: RawRecord, check: Validator, is_valid: Callable[[Any], bool],
            redact: bool) -> tuple[str, ...]:
    """Why a record is not valid as read: its read problems, or its schema errors; () if valid."""
    data = raw.data
    if data is None or raw.problems:
        problems = raw.redacted_problems() if redact else raw.problems
        return problems or ("no record could be read",)
    if is_valid(data):
        return _late_dates(data, _date_paths(check.kind))
    issues = check.errors(data, redact=redact)
    if not issues:
        return _late_dates(data, _date_paths(check.kind))
    tabular = raw.location.sheet is not None or raw.location.file.lower().endswith(".csv")
    return tuple(_describe(i, tabular) for i in issues)


def _structured(raw: RawRecord) -> tuple[Official | None, tuple[str, ...]]:
    try:
        return structure(raw.data, Official), ()
    except StructureError as exc:  # the schema and converter disagree: still reported
        return None, tuple(exc.lines)


def checked_records(path: Path, *, kind: str = "official", fmt: str | None = None,
                    redact: bool = False,
                    progress: Progress | None = None) -> Iterator[CheckedRecord]:
    """Read, validate and (for officials) structure each record of a file, streaming.

    Officials are one per id: a record whose id an earlier record holds is invalid
    (:class:`FirstIds`). A file without records raises :class:`~competency.errors.InputError`
    once read.

    ``redact`` keeps the values of personal fields (``x-pii``) out of schema error messages.
    ``progress`` is passed to the reader (:func:`~competency.io.read_records`).
    """
    check = validator(kind)
    is_valid = check.is_valid
    officials = kind == "official"
    ids = FirstIds(str(path)) if officials else None
    read = 0
    reader = read_records(path, format=fmt, progress=progress, record_kind=kind)
    for accepted, raw in _judged(reader, path, fmt, kind, progress, None):
        read += 1
        errors = () if accepted else _errors(raw, check, is_valid, redact)
        if ids is not None:
            errors = ids.check(raw, errors)
        official = None
        if officials and not errors:
            official, errors = _structured(raw)
        yield CheckedRecord(raw=raw, official=official, errors=errors)
    if not read:
        raise no_records(str(path))


def record_verdicts(path: Path, *, fmt: str | None = None, redact: bool = False
                    ) -> Iterator[dict[str, Any] | CheckedRecord]:
    """Each official of a roster of any format with its verdict, as :func:`line_verdicts`
    gives them for JSON Lines: the record as data when valid, its :class:`CheckedRecord`
    with the errors when not; nothing is structured. The verdicts are those of
    :func:`checked_records` (a row the fast verdict of a Parquet file accepts is valid; an
    id an earlier record holds makes a record invalid)."""
    judge = _judge(str(path), "official", redact)
    ids = FirstIds(str(path))
    read = 0
    reader = read_records(path, format=fmt, record_kind="official")
    for accepted, raw in _judged(reader, path, fmt, "official", None, None):
        read += 1
        verdict = raw.data if accepted else judge(0, raw)
        if type(verdict) is CheckedRecord:
            yield attrs.evolve(verdict, errors=ids.check(raw, verdict.errors))
            continue
        repeated = ids.check(raw, ())
        yield CheckedRecord(raw=raw, official=None, errors=repeated) if repeated else verdict
    if not read:
        raise no_records(str(path))


def _judged(reader: Iterator[RawRecord], path: Path, fmt: str | None, kind: str,
            progress: Progress | None, unique: str | None,
            fields: Collection[str] | None = None) -> Iterator[tuple[bool, RawRecord]]:
    """The records of ``reader`` (of the roster at ``path``), each with whether it is
    certainly valid already: the fast verdict of a Parquet file's rows
    (:func:`~competency.io.parquet_verdict.judged_rows`, ``unique`` and ``fields`` as
    there), never for other formats."""
    if roster_format(path, fmt) != "parquet":
        return ((False, raw) for raw in reader)
    reader.close()  # not started: the rows are read with their verdicts
    return judged_rows(path, str(path), kind, unique=unique, fields=fields, progress=progress)


def officials(path: Path, *, fmt: str | None = None) -> Iterator[Official]:
    """Only the valid officials of a roster (library use; the CLI reports the rest)."""
    for record in checked_records(path, fmt=fmt):
        if record.official is not None:
            yield record.official


# -- reporting only what needs a line ----------------------------------------------------

_ITEM = object()
"""A step into every element of an array, or every value of an object."""


def _schema_paths(schema: Mapping[str, Any], visit: Callable[[dict[str, Any], tuple[Any, ...]],
                                                             None]) -> None:
    """Call ``visit(node, path)`` for every subschema and the path it checks, ``_ITEM`` for
    each element.

    ``$ref`` is followed once per path (the official schema is not recursive; a recursive
    one is only walked as deep as its first repetition).
    """
    defs = schema.get("$defs", {})

    def walk(node: Any, path: tuple[Any, ...], seen: frozenset[str]) -> None:
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/") and ref not in seen:
            walk(defs.get(ref.removeprefix("#/$defs/")), path, seen | {ref})
        visit(node, path)
        for key in ("anyOf", "oneOf", "allOf"):
            for branch in node.get(key, ()):
                walk(branch, path, seen)
        for name, sub in node.get("properties", {}).items():
            walk(sub, (*path, name), seen)
        for key in ("items", "additionalProperties"):
            walk(node.get(key), (*path, _ITEM), seen)

    walk(schema, (), frozenset())


def _number_paths(schema: Mapping[str, Any]) -> tuple[tuple[tuple[Any, ...], bool], ...]:
    """Where a schema accepts numbers: (path, True for integers)."""
    found: dict[tuple[Any, ...], bool] = {}

    def visit(node: dict[str, Any], path: tuple[Any, ...]) -> None:
        types = node.get("type")
        types = [types] if isinstance(types, str) else types or []
        if "integer" in types:
            found[path] = True
        elif "number" in types:
            found.setdefault(path, False)

    _schema_paths(schema, visit)
    return tuple(found.items())


_Dates = tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...],
               tuple[tuple[Any, ...], ...]]


@functools.cache
def _date_paths(kind: str) -> _Dates:
    """Where the schema of ``kind`` holds dates: top-level keys, ``(key, names)`` of lists of
    objects (``assignments[].start``), then any other path."""
    found: dict[tuple[Any, ...], None] = {}

    def visit(node: dict[str, Any], path: tuple[Any, ...]) -> None:
        if node.get("format") == "date":
            found[path] = None

    _schema_paths(load_schema(kind), visit)
    top = tuple(p[0] for p in found if len(p) == 1 and isinstance(p[0], str))
    listed: dict[str, tuple[str, ...]] = {}
    for p in found:
        if len(p) == 3 and isinstance(p[0], str) and p[1] is _ITEM and isinstance(p[2], str):
            listed[p[0]] = (*listed.get(p[0], ()), p[2])
    others = tuple(p for p in found if (len(p) != 1 or p[0] not in top)
                   and not (len(p) == 3 and p[0] in listed and p[2] in listed[p[0]]))
    return top, tuple(listed.items()), others


def _has_late(data: dict[str, Any], dates: _Dates, latest: str) -> bool:
    """Whether a record holds a date after ``latest``, in tight loops: every valid record
    comes here."""
    top, listed, others = dates
    for key in top:
        value = data.get(key)
        if type(value) is str and value > latest:
            return True
    for key, names in listed:
        items = data.get(key)
        if type(items) is not list:
            continue
        for item in items:
            if type(item) is dict:
                for name in names:
                    value = item.get(name)
                    if type(value) is str and value > latest:
                        return True
    return any(type(value) is str and value > latest for path in others
               for value in _at(data, path))


def after_notes(data: Mapping[str, Any], on: dt.date, kind: str = "official",
                lang: str = "en") -> tuple[str, ...]:
    """Notes for the event dates of a valid record that fall after the as-of date ``on``:
    worth a look (a typing slip, or a record read as of the wrong day), not an error.

    End dates (``end``, ``term_end``) are left out: a term or a course may end later.
    """
    after = "sau ngày xét" if lang == "vi" else "is after the as-of date"
    day = on.isoformat()
    top, listed, others = _date_paths(kind)
    if not _has_late(data, (top, listed, others), day):  # type: ignore[arg-type]
        return ()
    paths = [(key,) for key in top] + [(key, _ITEM, name) for key, names in listed
                                      for name in names] + list(others)
    return tuple(f"{pointer}: {value} {after} {day}"
                 for path in paths if not str(path[-1]).endswith("end")
                 for pointer, value in _located(data, path)
                 if type(value) is str and value > day)


def _late_dates(data: dict[str, Any], dates: _Dates) -> tuple[str, ...]:
    """An error for each date later than :data:`~competency.io.limits.LATEST_DATE`: a
    placeholder (``9999-12-31``) or a typing slip, not a date a record can hold."""
    latest = limits.LATEST_DATE.isoformat()
    if not _has_late(data, dates, latest):
        return ()
    top, listed, others = dates
    paths = [(key,) for key in top] + [(key, _ITEM, name) for key, names in listed
                                      for name in names] + list(others)
    return tuple(f"{pointer}: {value!r} is later than {latest}, the latest date a record "
                 "may hold (LATEST_DATE); leave an unknown date out"
                 for path in paths for pointer, value in _located(data, path)
                 if type(value) is str and value > latest)


def _located(node: Any, path: tuple[Any, ...], at: str = "") -> Iterator[tuple[str, Any]]:
    """``(pointer, value)`` of the values found at ``path`` in a JSON value."""
    if not path:
        yield at, node
        return
    step, rest = path[0], path[1:]
    if step is _ITEM:
        pairs = enumerate(node) if type(node) is list else \
            node.items() if type(node) is dict else ()
        for key, child in pairs:
            yield from _located(child, rest, f"{at}/{key}")
    elif type(node) is dict and node.get(step) is not None:
        yield from _located(node[step], rest, f"{at}/{step}")


_Numbers = tuple[tuple[tuple[Any, ...], bool], ...]


@functools.cache
def _numbers(kind: str) -> tuple[_Numbers, _Numbers]:
    """The number paths of ``kind``: those of the form ``key, item, key``, the others."""
    paths = _number_paths(load_schema(kind))
    listed = tuple((p, i) for p, i in paths if len(p) == 3
                   and isinstance(p[0], str) and p[1] is _ITEM and isinstance(p[2], str))
    return listed, tuple(n for n in paths if n not in listed)


def _at(node: Any, path: tuple[Any, ...], depth: int = 0) -> Iterator[Any]:
    """The values found at ``path`` in a JSON value."""
    if depth == len(path):
        yield node
        return
    step = path[depth]
    if step is _ITEM:
        children = node if type(node) is list else node.values() if type(node) is dict else ()
        for child in children:
            yield from _at(child, path, depth + 1)
    elif type(node) is dict:
        child = node.get(step)
        if child is not None:
            yield from _at(child, path, depth + 1)


def _refused(value: Any, integer: bool) -> bool:
    kind = type(value)
    return (kind is float and integer) or (kind is int and value.bit_length() > 1000)


def _refused_numbers(data: dict[str, Any], numbers: tuple[_Numbers, _Numbers]) -> bool:
    """Whether a schema-valid record holds a number the converter reads more strictly.

    JSON Schema counts ``2000.0`` as an integer, the converter does not; and an integer
    too large for a float is a valid number that cannot be one. Such a (rare) record is
    structured after all, so that its verdict is the converter's, as in
    :func:`checked_records`. Lists of objects (``ratings[].year``) are looked at in a
    tight loop: this runs for every valid record.
    """
    listed, others = numbers
    for (key, _, name), integer in listed:
        items = data.get(key)
        if not items:
            continue
        if integer:
            for item in items:
                if type(item) is dict and type(item.get(name)) is float:
                    return True
        else:
            for item in items:
                value = item.get(name) if type(item) is dict else None
                if type(value) is int and value.bit_length() > 1000:
                    return True
    return bool(others) and any(_refused(value, integer) for path, integer in others
                                for value in _at(data, path))


def _reported(raws: Iterable[tuple[bool, RawRecord]], kind: str, redact: bool,
              notes: Notes | None, tally: Tally, ids: FirstIds | None) -> Iterator[CheckedRecord]:
    """The invalid records and the valid ones with notes; every record counted in ``tally``.

    A valid record costs its verdict and its notes: nothing is made for it unless it has
    something to say. A record given as accepted (``(True, record)``) is valid and its id
    its own (see :func:`_judged`): only its notes are read.
    """
    check = validator(kind)
    is_valid = check.is_valid
    numbers = _numbers(kind) if kind == "official" else None
    for accepted, raw in raws:
        tally.read += 1
        if accepted:
            errors: tuple[str, ...] = ()
        else:
            errors = _errors(raw, check, is_valid, redact)
            if numbers is not None and not errors and _refused_numbers(raw.data, numbers):  # type: ignore[arg-type]
                errors = _structured(raw)[1]
            if ids is not None:
                errors = ids.check(raw, errors)
        if errors:
            tally.invalid += 1
            yield CheckedRecord(raw=raw, official=None, errors=errors)
            continue
        tally.valid += 1
        extra = notes(raw.data) if notes is not None else ()  # type: ignore[arg-type]
        if extra:
            raw = attrs.evolve(raw, notes=raw.notes + extra)
        if raw.notes:
            yield CheckedRecord(raw=raw, official=None, errors=())


def line_verdicts(lines: Iterable[tuple[int, bytes | RawRecord]], file: str, *,
                  kind: str = "official", redact: bool = False
                  ) -> Iterator[tuple[int, dict[str, Any] | CheckedRecord]]:
    """Each JSON Lines line (from :func:`~competency.io.jsonl_lines`) with its verdict: the
    record as data when valid, its :class:`CheckedRecord` with the errors when not.

    A line that orjson reads to an object the compiled validator accepts costs nothing more;
    every other line goes the way :func:`~competency.io.read_records` and
    :func:`checked_records` take it, so that verdicts and messages are theirs. Nothing is
    structured, unless a valid record holds a number the converter reads more strictly.
    """
    judge = _judge(file, kind, redact)
    for number, line in lines:
        yield number, judge(number, line)


def _judge(file: str, kind: str, redact: bool
           ) -> Callable[[int, bytes | RawRecord], dict[str, Any] | CheckedRecord]:
    """The verdict of one line, as :func:`line_verdicts` gives it."""
    check = validator(kind)
    is_valid = check.is_valid
    numbers = _numbers(kind) if kind == "official" else None
    dates = _date_paths(kind)

    def judge(number: int, line: bytes | RawRecord) -> dict[str, Any] | CheckedRecord:
        if type(line) is bytes:
            data = fast_object(line)
            if data is not None and is_valid(data) and \
                    (numbers is None or not _refused_numbers(data, numbers)) and \
                    not _late_dates(data, dates):
                return data
            line = parse_line(line, SourceLocation(file=file, line=number))
        raw: RawRecord = line  # type: ignore[assignment]
        errors = _errors(raw, check, is_valid, redact)
        if numbers is not None and not errors and _refused_numbers(raw.data, numbers):  # type: ignore[arg-type]
            errors = _structured(raw)[1]
        if errors:
            return CheckedRecord(raw=raw, official=None, errors=errors)
        return raw.data  # type: ignore[return-value]

    return judge


def _first_id(ids: FirstIds | list[tuple[int, str]] | None, record_id: str, number: int) -> bool:
    """Whether no earlier record holds ``record_id`` (a list of ids collects it, for a part of
    a file whose first lines are elsewhere)."""
    if ids is None:
        return True
    if type(ids) is list:
        ids.append((number, record_id))
        return True
    return ids.repeated(record_id, number) is None  # type: ignore[union-attr]


def _reported_lines(lines: Iterable[tuple[int, bytes | RawRecord]], file: str, kind: str,
                    redact: bool, notes: Notes | None, tally: Tally,
                    ids: FirstIds | list[tuple[int, str]] | None) -> Iterator[CheckedRecord]:
    """:func:`_reported` of JSON Lines: a valid line is counted (and its notes taken) without
    a record or a location being made.

    A line the Structs of the kind accept (:func:`~competency.schema.verdict.struct_verdict`)
    with no date after :data:`~competency.io.limits.LATEST_DATE`, no notes and an id of its
    own is valid at once; every other line takes the path of :func:`line_verdicts`, whose
    messages are the report's. ``ids`` finds repeated ids, or collects ``(line, id)`` of
    every record for the caller to look at (a part of a file, whose first lines are
    elsewhere)."""
    judge = _judge(file, kind, redact)
    structs = struct_verdict(kind)
    for number, line in lines:
        tally.read += 1
        if structs is not None and type(line) is bytes:
            record = structs(line)
            if record is not None and not record.later_than(limits.LATEST_DATE) and \
                    not (notes is not None and notes(record)) and \
                    _first_id(ids, record.id, number):
                tally.valid += 1
                continue
        verdict = judge(number, line)
        if ids is not None:
            record_id = _id_of(verdict.raw.data if type(verdict) is CheckedRecord else verdict)
            if record_id is None:
                pass
            elif type(ids) is list:
                ids.append((number, record_id))
            elif (repeated := ids.repeated(record_id, number)) is not None:  # type: ignore[union-attr]
                if type(verdict) is CheckedRecord:
                    verdict = attrs.evolve(verdict, errors=(*verdict.errors, repeated))
                else:
                    verdict = CheckedRecord(raw=RawRecord(
                        location=SourceLocation(file=file, line=number), data=verdict),  # type: ignore[arg-type]
                        official=None, errors=(repeated,))
        if type(verdict) is CheckedRecord:
            tally.invalid += 1
            yield verdict
            continue
        tally.valid += 1
        extra = notes(verdict) if notes is not None else ()  # type: ignore[arg-type]
        if extra:
            where = SourceLocation(file=file, line=number)
            yield CheckedRecord(raw=RawRecord(location=where, data=verdict,  # type: ignore[arg-type]
                                              notes=extra), official=None, errors=())


def reported_records(path: Path, tally: Tally, *, kind: str = "official", fmt: str | None = None,
                     redact: bool = False, notes: Notes | None = None,
                     note_fields: Collection[str] | None = None,
                     progress: Progress | None = None,
                     jobs: int | None = None) -> Iterator[CheckedRecord]:
    """What ``validate`` prints: invalid records and records with notes, in file order.

    Every record is counted in ``tally`` (complete once the iterator is exhausted); the
    valid ones without notes are not returned, and no record is structured. An official
    whose id an earlier record holds is invalid (:class:`FirstIds`). ``notes``,
    given a valid record's data, adds notes to its reader's (``raw.notes``); when it reads
    only the parts ``note_fields`` names (dotted paths, see
    :func:`~competency.io.parquet_verdict.judged_rows`), the valid rows of a Parquet file
    accepted by its fast verdict are read with those alone (and a noted one returned so).

    A JSON Lines file of :data:`PARALLEL_BYTES` or more is cut between lines into parts
    checked by ``jobs`` processes (default: the processors available), and read back in
    order: the records and counts are the same as on one process, and memory stays that
    of a few parts. A file without records raises :class:`~competency.errors.InputError`
    once read.
    """
    read = tally.read
    yield from _reported_records(path, tally, kind=kind, fmt=fmt, redact=redact, notes=notes,
                                 note_fields=note_fields, progress=progress, jobs=jobs)
    if tally.read == read:
        raise no_records(str(path))


def _reported_records(path: Path, tally: Tally, *, kind: str, fmt: str | None, redact: bool,
                      notes: Notes | None, note_fields: Collection[str] | None,
                      progress: Progress | None, jobs: int | None) -> Iterator[CheckedRecord]:
    reader = read_records(path, format=fmt, progress=progress,  # raises for an unusable file
                          record_kind=kind)
    ids = FirstIds(str(path)) if kind == "official" else None
    if roster_format(path, fmt) != "jsonl" or wide_encoding(path) is not None:
        # An accepted row is only read for its notes: the fields they read, or none.
        fields = () if notes is None else note_fields
        rows = _judged(reader, path, fmt, kind, progress, "id" if ids else None, fields)
        yield from _reported(rows, kind, redact, notes, tally, ids)
        return
    reader.close()  # not started: the lines are read here
    workers = _workers(jobs)
    if workers > 1 and path.stat().st_size >= PARALLEL_BYTES:
        yield from _parallel(path, tally, kind, redact, notes, progress, workers, ids)
        return
    file = str(path)
    report = Reporter(progress, path.stat().st_size, "bytes")
    yield from _reported_lines(jsonl_lines(path, file, report=report), file, kind, redact, notes,
                               tally, ids)


def _workers(jobs: int | None) -> int:
    if jobs is not None:
        return max(1, jobs)
    with contextlib.suppress(AttributeError):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@attrs.frozen
class _Part:
    """One part of a JSON Lines roster, as a process checks it."""

    path: Path
    file: str
    start: int
    end: int
    kind: str
    redact: bool


@attrs.frozen
class _Checked:
    """What a process found in a part: lines and counts, the records worth reporting, and
    the ``(line, id)`` of every official (ids are compared across parts by the caller)."""

    end: int
    lines: int
    tally: Tally
    reported: tuple[CheckedRecord, ...]
    ids: tuple[tuple[int, str], ...]


_NOTES: list[Notes | None] = [None]
"""The notes of the run, set in each process when it starts."""


def _start_process(notes: Notes | None) -> None:
    _NOTES[0] = notes


def _check_part(part: _Part) -> _Checked:
    tally, count = Tally(), []

    def lines() -> Generator[tuple[int, bytes | RawRecord], None, None]:
        count.append((yield from jsonl_lines(part.path, part.file, part.start, part.end)))

    ids: list[tuple[int, str]] | None = [] if part.kind == "official" else None
    reported = tuple(_reported_lines(lines(), part.file, part.kind, part.redact, _NOTES[0],
                                     tally, ids))
    return _Checked(part.end, count[0], tally, reported, tuple(ids or ()))


def moved(record: CheckedRecord, lines: int) -> CheckedRecord:
    """A record of a part of a file, numbered from the start of the file (``lines`` lines
    precede the part)."""
    where = record.raw.location
    raw = attrs.evolve(record.raw, location=attrs.evolve(where, line=where.line + lines))
    return attrs.evolve(record, raw=raw)


def _repeated_in_part(checked: _Checked, before: int, ids: FirstIds, file: str,
                      tally: Tally) -> Iterator[CheckedRecord]:
    """The reported records of a part, numbered from the start of the file, with the records
    whose id an earlier part (or line) holds made invalid; ``tally`` moved to match."""
    reported = {r.raw.location.line: moved(r, before) for r in checked.reported}
    for number, record_id in checked.ids:
        repeated = ids.repeated(record_id, number + before)
        if repeated is None:
            continue
        record = reported.get(number)
        if record is None:
            record = CheckedRecord(raw=RawRecord(location=SourceLocation(
                file=file, line=number + before), data={"id": record_id}), official=None,
                errors=())
        if not record.errors:
            tally.valid -= 1
            tally.invalid += 1
        reported[number] = attrs.evolve(record, errors=(*record.errors, repeated))
    for number in sorted(reported):
        yield reported[number]


def _parallel(path: Path, tally: Tally, kind: str, redact: bool, notes: Notes | None,
              progress: Progress | None, workers: int,
              ids: FirstIds | None) -> Iterator[CheckedRecord]:
    file = str(path)
    report = Reporter(progress, path.stat().st_size, "bytes")
    parts = (_Part(path, file, start, end, kind, redact)
             for start, end in line_ranges(path, _PART_BYTES))
    validator(kind)  # compiled once, before the processes copy this one
    if kind == "official":
        _numbers(kind)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    before = 0
    with context.Pool(workers, initializer=_start_process, initargs=(notes,)) as pool:
        # A few parts in flight, so that a slow reader of the results holds up the
        # processes instead of piling their results up in memory.
        pending = collections.deque(pool.apply_async(_check_part, (part,))
                                    for part in itertools.islice(parts, 2 * workers))
        while pending:
            checked = pending.popleft().get()
            for part in itertools.islice(parts, 1):
                pending.append(pool.apply_async(_check_part, (part,)))
            tally.read += checked.tally.read
            tally.valid += checked.tally.valid
            tally.invalid += checked.tally.invalid
            if ids is None:
                for record in checked.reported:
                    yield moved(record, before)
            else:
                yield from _repeated_in_part(checked, before, ids, file, tally)
            before += checked.lines
            if checked.end >= report.next:
                report(checked.end)
    report.end(report.total or 0)
