"""JSON and JSON Lines rosters.

A JSON file holds one record, an array of records, or an object whose ``records`` or
``officials`` member is that array. Elements are decoded one by one so that each keeps
its line number and a syntax error still leaves the records before it. JSON Lines is
read line by line in constant memory; a bad line is reported and the next is read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

from competency.errors import InputError
from competency.io._records import RawRecord, SourceLocation

__all__ = ["MAX_LINE_BYTES", "read_json", "read_jsonl"]

MAX_LINE_BYTES = 16 * 2**20
"""Longest JSON Lines line read; a record is a few kilobytes, so longer lines are reported."""

CONTAINER_KEYS = ("records", "officials")

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
_KINDS = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
          int: "a number", float: "a number", type(None): "null"}


def _record(location: SourceLocation, value: Any) -> RawRecord:
    if isinstance(value, dict):
        return RawRecord(location=location, data=value)
    return RawRecord(location=location, data=None,
                     problems=(f"expected a JSON object, got {_KINDS[type(value)]}",))


# -- JSON Lines ---------------------------------------------------------------------------

def _parse_line(raw: bytes, location: SourceLocation) -> RawRecord:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return RawRecord(location=location, data=None,
                         problems=(f"not valid UTF-8 (byte {exc.start + 1} of the line)",))
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return RawRecord(location=location, data=None,
                         problems=(f"invalid JSON: {exc.msg} (column {exc.colno})",))
    except RecursionError:
        return RawRecord(location=location, data=None, problems=("JSON nested too deeply",))
    return _record(location, value)


def read_jsonl(path: Path, file: str, *,
               max_line_bytes: int = MAX_LINE_BYTES) -> Iterator[RawRecord]:
    """One record per non-blank line; lines longer than ``max_line_bytes`` are reported."""
    with path.open("rb") as stream:
        number = 0
        while True:
            raw = stream.readline(max_line_bytes + 1)
            if not raw:
                return
            number += 1
            location = SourceLocation(file=file, line=number)
            if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
                size = len(raw) + _skip_rest_of_line(stream, max_line_bytes)
                yield RawRecord(location=location, data=None, problems=(
                    f"line too long: {size} bytes, more than the {max_line_bytes} bytes read",))
                continue
            if number == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            raw = raw.strip()
            if raw:
                yield _parse_line(raw, location)


def _skip_rest_of_line(stream: Any, chunk: int) -> int:
    skipped = 0
    while True:
        part = stream.readline(chunk)
        skipped += len(part)
        if not part or part.endswith(b"\n"):
            return skipped


# -- JSON ---------------------------------------------------------------------------------

class _Lines:
    """Line numbers of increasing offsets in a text, counted once."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._offset = 0
        self._line = 1

    def at(self, offset: int) -> int:
        self._line += self._text.count("\n", self._offset, offset)
        self._offset = offset
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
        value, end = _DECODER.raw_decode(text, pos)
        yield _record(SourceLocation(file=file, line=lines.at(pos)), value)
        pos = _expect(text, _skip(text, end), ",]", "',' or ']'")
        if text[pos] == "]":
            return pos + 1
        pos = _skip(text, pos + 1)


def _document(text: str, file: str) -> Iterator[RawRecord]:
    lines = _Lines(text)
    start = _skip(text, 0)
    if start == len(text):
        return
    if text[start] == "[":
        end = yield from _array(text, start, lines, file)
    elif text[start] == "{":
        end = yield from _object(text, start, lines, file)
    else:
        value, end = _DECODER.raw_decode(text, start)
        problem = f"expected an array of records or an object, got {_KINDS[type(value)]}"
        yield RawRecord(location=SourceLocation(file=file, line=lines.at(start)), data=None,
                        problems=(problem,))
    end = _skip(text, end)
    if end < len(text):
        raise json.JSONDecodeError("Extra data after the top-level value", text, end)


def _object(text: str, start: int, lines: _Lines, file: str) -> Generator[RawRecord, None, int]:
    """A container's records as they are decoded, or the object itself as one record."""
    members: dict[str, Any] = {}
    container = False
    pos = _skip(text, start + 1)
    if text.startswith("}", pos):
        yield RawRecord(location=SourceLocation(file=file, line=lines.at(start)), data={})
        return pos + 1
    while True:
        _expect(text, pos, '"', "property name enclosed in double quotes")
        key, pos = _DECODER.raw_decode(text, pos)
        pos = _skip(text, _expect(text, _skip(text, pos), ":", "':' delimiter") + 1)
        if key in CONTAINER_KEYS and text.startswith("[", pos):
            container = True
            pos = yield from _array(text, pos, lines, file)
        else:
            members[key], pos = _DECODER.raw_decode(text, pos)
        pos = _expect(text, _skip(text, pos), ",}", "',' or '}'")
        if text[pos] == "}":
            break
        pos = _skip(text, pos + 1)
    if not container:
        yield RawRecord(location=SourceLocation(file=file, line=lines.at(start)), data=members)
    return pos + 1


def read_json(path: Path, file: str) -> Iterator[RawRecord]:
    """Records of a JSON document; a syntax error ends the file with one problem record."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 JSON (byte {exc.start + 1})", file) from None
    try:
        yield from _document(text, file)
    except json.JSONDecodeError as exc:
        yield RawRecord(location=SourceLocation(file=file, line=exc.lineno), data=None, problems=(
            f"invalid JSON: {exc.msg} (column {exc.colno}); the rest of the file was not read",))
    except RecursionError:
        yield RawRecord(location=SourceLocation(file=file), data=None,
                        problems=("JSON nested too deeply; the rest of the file was not read",))
