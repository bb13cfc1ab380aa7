"""JSON and JSON Lines rosters.

A JSON file holds one record, an array of records, or an object whose ``records`` or
``officials`` member is that array. Elements are decoded one by one so that each keeps
its line number and a syntax error still leaves the records before it. JSON Lines is
read line by line in constant memory; a bad line is reported and the next is read.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

from competency.errors import InputError
from competency.io import _strict, limits
from competency.io._encoding import wide_encoding
from competency.io._progress import Progress, Reporter
from competency.io._records import RawRecord, SourceLocation

__all__ = ["MAX_LINE_BYTES", "fast_object", "jsonl_lines", "line_ranges", "parse_line", "read_json",
           "read_jsonl"]

MAX_LINE_BYTES = limits.MAX_LINE_BYTES
"""See :data:`competency.io.limits.MAX_LINE_BYTES` (kept here for callers of old)."""

CONTAINER_KEYS = ("records", "officials")

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_KINDS = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
          int: "a number", float: "a number", type(None): "null"}


def _record(location: SourceLocation, value: Any) -> RawRecord:
    value, problems = _strict.marks(value)
    if isinstance(value, dict):
        return RawRecord(location=location, data=value, problems=problems)
    return RawRecord(location=location, data=None,
                     problems=(f"expected a JSON object, got {_KINDS[type(value)]}",))


# -- JSON Lines ---------------------------------------------------------------------------

try:  # the ``fast`` extra: a compiled parser for the common, well-formed line
    from orjson import JSONDecodeError as _FastDecodeError
    from orjson import loads as _fast_loads
except ImportError:  # pragma: no cover - exercised without the extra
    _fast_loads = None
    _FastDecodeError = ValueError

_DIGITS = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))
"""Maps every digit to ``0`` and every other byte to a space: long digit runs become findable."""
_LONG_DIGITS = b"0" * 19
"""orjson reads integers beyond 64 bits as floats; a line with this many digits in a row
is read by :mod:`json` instead, which keeps them integers."""


def _slow_line(raw: bytes, location: SourceLocation) -> RawRecord:
    """The reference reading of a line, and the messages for lines that are not JSON."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return RawRecord(location=location, data=None,
                         problems=(f"not valid UTF-8 (byte {exc.start + 1} of the line)",))
    try:
        value = _strict.decode(text)
    except json.JSONDecodeError as exc:
        return RawRecord(location=location, data=None,
                         problems=(f"invalid JSON: {exc.msg} (column {exc.colno})",))
    except RecursionError:
        return RawRecord(location=location, data=None, problems=("JSON nested too deeply",))
    return _record(location, value)


def fast_object(raw: bytes) -> dict[str, Any] | None:
    """The object on a line when orjson (the ``fast`` extra) reads it as :mod:`json` would.

    None when orjson is not installed, refuses the line (a syntax error, invalid UTF-8,
    ``NaN``, a lone surrogate, deep nesting), the line holds an integer beyond 64 bits
    (orjson would make it a float), may give a key twice (orjson keeps the last), or the
    value is not an object: the line is then
    for :func:`parse_line`, whose values and messages are those of the standard library.
    """
    if _fast_loads is None or _LONG_DIGITS in raw.translate(_DIGITS):
        return None
    try:
        value = _fast_loads(raw)
    except _FastDecodeError:
        return None
    return value if type(value) is dict and not _strict.may_repeat_keys(raw, value) else None


def parse_line(raw: bytes, location: SourceLocation) -> RawRecord:
    """One line (stripped, not blank) to a record: by orjson when it can, else by :mod:`json`."""
    value = fast_object(raw)
    if value is not None:
        return RawRecord(location=location, data=value)
    return _slow_line(raw, location)


def read_jsonl(path: Path, file: str, *, max_line_bytes: int | None = None,
               progress: Progress | None = None) -> Iterator[RawRecord]:
    """One record per non-blank line; lines longer than ``max_line_bytes`` (default
    :data:`~competency.io.limits.MAX_LINE_BYTES`) are reported."""
    report = Reporter(progress, path.stat().st_size, "bytes")
    encoding = wide_encoding(path)
    lines = jsonl_lines(path, file, max_line_bytes=max_line_bytes, report=report) \
        if encoding is None else _wide_lines(path, file, encoding, max_line_bytes)
    for number, line in lines:
        yield line if type(line) is RawRecord else \
            parse_line(line, SourceLocation(file=file, line=number))  # type: ignore[arg-type]


def jsonl_lines(path: Path, file: str, start: int = 0, end: int | None = None, *,
                max_line_bytes: int | None = None, report: Reporter | None = None,
                ) -> Generator[tuple[int, bytes | RawRecord], None, int]:
    """``(line number, text)`` of each non-blank line from byte ``start`` to ``end``.

    The text is stripped, without the byte order mark of the file; a line longer than
    ``max_line_bytes`` comes as its problem record instead. ``start`` is the start of a
    line and ``end`` the end of one (or of the file), so that parts of a file can be read
    apart; lines are numbered from 1 at ``start``. Returns how many lines were read.
    """
    if report is None:
        report = Reporter(None, None, "bytes")
    if max_line_bytes is None:
        max_line_bytes = limits.MAX_LINE_BYTES
    length = math.inf if end is None else end - start
    with path.open("rb") as stream:
        if start:
            stream.seek(start)
        number = done = 0
        readline = stream.readline
        while done < length:
            raw = readline(max_line_bytes + 1)
            if not raw:
                break
            number += 1
            done += len(raw)
            if done >= report.next:
                report(done)
            if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
                skipped = _skip_rest_of_line(stream, max_line_bytes)
                done += skipped
                yield number, RawRecord(
                    location=SourceLocation(file=file, line=number), data=None,
                    problems=((f"line too long: {len(raw) + skipped} bytes, more than the "
                               f"{max_line_bytes} bytes read"),))
                continue
            if number == 1 and not start:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            raw = raw.strip()
            if raw:
                yield number, raw
    report.end(done)
    return number


def _wide_lines(path: Path, file: str, encoding: str, max_line_bytes: int | None
                ) -> Iterator[tuple[int, bytes | RawRecord]]:
    """:func:`jsonl_lines` of a UTF-16 or UTF-32 file, each line given as UTF-8 bytes."""
    limit = limits.MAX_LINE_BYTES if max_line_bytes is None else max_line_bytes
    number = 0
    with path.open(encoding=encoding, newline="") as stream:
        try:
            while text := stream.readline(limit + 1):
                number += 1
                raw = text.encode("utf-8", "surrogatepass")
                if len(raw) > limit:
                    while text and not text.endswith("\n"):  # the rest of the line, unkept
                        text = stream.readline(limit + 1)
                    yield number, RawRecord(location=SourceLocation(file=file, line=number),
                                            data=None, problems=(
                        f"line too long: more than the {limit} bytes read",))
                elif raw := raw.strip():
                    yield number, raw
        except UnicodeDecodeError:
            yield number + 1, RawRecord(location=SourceLocation(file=file, line=number + 1),
                                        data=None, problems=(
                f"not valid {encoding.upper()} text; the rest of the file was not read",))


def line_ranges(path: Path, step: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` byte ranges of about ``step`` bytes that cut the file between lines."""
    size = path.stat().st_size
    with path.open("rb") as stream:
        start = 0
        while start < size:
            end = start + step
            if end >= size:
                end = size
            else:  # on to the end of the line holding byte end - 1
                stream.seek(end - 1)
                end += _skip_rest_of_line(stream, 1 << 16) - 1
            yield start, end
            start = end


def _skip_rest_of_line(stream: Any, chunk: int) -> int:
    skipped = 0
    while True:
        part = stream.readline(chunk)
        skipped += len(part)
        if not part or part.endswith(b"\n"):
            return skipped


# -- JSON ---------------------------------------------------------------------------------

class _Lines:
    """Line numbers of increasing offsets in a text, counted once; progress reported as bytes."""

    def __init__(self, text: str, report: Reporter | None = None, size: int = 0) -> None:
        self._text = text
        self._offset = 0
        self._line = 1
        self._report = report
        self._scale = size / len(text) if text else 0.0

    def at(self, offset: int) -> int:
        self._line += self._text.count("\n", self._offset, offset)
        self._offset = offset
        if self._report is not None:
            done = int(offset * self._scale)
            if done >= self._report.next:
                self._report(done)
        return self._line


def _skip(text: str, pos: int) -> int:
    return _WHITESPACE.match(text, pos).end()  # type: ignore[union-attr]


def _expect(text: str, pos: int, chars: str, what: str) -> int:
    if pos < len(text) and text[pos] in chars:
        return pos
    raise json.JSONDecodeError(f"Expecting {what}", text, pos)


def _array(text: str, pos: int, lines: _Lines, file: str) -> Generator[RawRecord, None, int]:
    """A record for each element of the array starting at ``pos``; returns the end offset."""
    pos = _skip(text, pos + 1)
    if text.startswith("]", pos):
        return pos + 1
    while True:
        value, end = _strict.raw_decode(text, pos)
        yield _record(SourceLocation(file=file, line=lines.at(pos)), value)
        pos = _expect(text, _skip(text, end), ",]", "',' or ']'")
        if text[pos] == "]":
            return pos + 1
        pos = _skip(text, pos + 1)


def _document(text: str, file: str, lines: _Lines) -> Iterator[RawRecord]:
    start = _skip(text, 0)
    if start == len(text):
        return
    if text[start] == "[":
        end = yield from _array(text, start, lines, file)
    elif text[start] == "{":
        end = yield from _object(text, start, lines, file)
    else:
        value, end = _strict.raw_decode(text, start)
        value = _strict.marks(value)[0]
        problem = f"expected an array of records or an object, got {_KINDS[type(value)]}"
        yield RawRecord(location=SourceLocation(file=file, line=lines.at(start)), data=None,
                        problems=(problem,))
    end = _skip(text, end)
    if end < len(text):
        raise json.JSONDecodeError("Extra data after the top-level value", text, end)


def _object(text: str, start: int, lines: _Lines, file: str) -> Generator[RawRecord, None, int]:
    """A container's records as they are decoded, or the object itself as one record."""
    members: dict[str, Any] = {}
    problems: list[str] = []
    container = False
    pos = _skip(text, start + 1)
    if text.startswith("}", pos):
        yield RawRecord(location=SourceLocation(file=file, line=lines.at(start)), data={})
        return pos + 1
    while True:
        _expect(text, pos, '"', "property name enclosed in double quotes")
        key, pos = _strict.raw_decode(text, pos)
        pos = _skip(text, _expect(text, _skip(text, pos), ":", "':' delimiter") + 1)
        if key in CONTAINER_KEYS and text.startswith("[", pos):
            container = True
            pos = yield from _array(text, pos, lines, file)
        else:
            if key in members:
                problems.append(f"/{key}: duplicate key {key!r} (the object gives it twice)")
            value, pos = _strict.raw_decode(text, pos)
            members[key], found = _strict.marks(value, (key,))
            problems.extend(found)
        pos = _expect(text, _skip(text, pos), ",}", "',' or '}'")
        if text[pos] == "}":
            break
        pos = _skip(text, pos + 1)
    if not container:
        yield RawRecord(location=SourceLocation(file=file, line=lines.at(start)), data=members,
                        problems=tuple(problems))
    return pos + 1


def read_json(path: Path, file: str, *, progress: Progress | None = None) -> Iterator[RawRecord]:
    """Records of a JSON document; a syntax error ends the file with one problem record."""
    data = path.read_bytes()
    encoding = wide_encoding(path) or "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        name = encoding.removesuffix("-sig").upper()
        raise InputError(f"not valid {name} JSON (byte {exc.start + 1})", file) from None
    report = Reporter(progress, len(data), "bytes")
    try:
        yield from _document(text, file, _Lines(text, report, len(data)))
    except json.JSONDecodeError as exc:
        yield RawRecord(location=SourceLocation(file=file, line=exc.lineno), data=None, problems=(
            f"invalid JSON: {exc.msg} (column {exc.colno}); the rest of the file was not read",))
    except RecursionError:
        yield RawRecord(location=SourceLocation(file=file), data=None,
                        problems=("JSON nested too deeply; the rest of the file was not read",))
    report.end(len(data))
