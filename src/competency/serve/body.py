"""A request body as raw records: read within a size limit, parsed with the position of any
syntax error.

The size limit is enforced while the body arrives, so that an oversized upload is refused
after at most ``limit`` bytes are held. A syntax error refuses the whole request (400)
with its line and column; a record that parses but is not an object is left to the
caller's verdicts, like any other invalid record.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

from competency.io import RawRecord, SourceLocation, fast_object
from competency.serve.problem import Problem

__all__ = ["BODY", "NDJSON", "is_ndjson", "parse_records", "read_limited"]

NDJSON = ("application/x-ndjson", "application/jsonl", "application/json-lines")
"""Media types read as JSON Lines: one record a line."""

BODY = "body"
"""How locations name the request body: ``body`` (one record), ``body#/3`` (an element of
an array, by JSON pointer), ``body:3`` (a line of JSON Lines)."""

_KINDS = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
          int: "a number", float: "a number", type(None): "null"}


async def read_limited(chunks: AsyncIterator[bytes], limit: int,
                       declared: str | None = None) -> bytes:
    """The whole body, or 413 as soon as it is known to exceed ``limit`` bytes.

    ``declared`` is the Content-Length header: a body announced too large is refused before
    a byte of it is read.
    """
    if declared is not None and declared.strip().isdigit() and int(declared) > limit:
        raise _too_large(limit, int(declared))
    parts, size = [], 0
    async for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        parts.append(chunk)
    return b"".join(parts)


def _too_large(limit: int, size: int | None = None) -> Problem:
    got = f" ({size:,} bytes announced)" if size is not None else ""
    return Problem(413, f"request body larger than the limit of {limit:,} bytes{got}; "
                        "send fewer records a request, or start the service with a larger "
                        "--max-body", limit=limit)


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Problem(400, f"request body is not valid UTF-8 (byte {exc.start + 1})",
                      location=BODY, position=exc.start) from None


def _syntax(exc: json.JSONDecodeError, where: str, line: int | None = None) -> Problem:
    at = line if line is not None else exc.lineno
    return Problem(400, f"malformed JSON at line {at}, column {exc.colno}: {exc.msg}",
                   location=where, line=at, column=exc.colno,
                   **({} if line is not None else {"position": exc.pos}))


def _load(text: str, where: str, line: int | None = None) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _syntax(exc, where, line) from None
    except RecursionError:
        raise Problem(400, "JSON nested too deeply", location=where) from None


def _record(location: SourceLocation, value: Any) -> RawRecord:
    if type(value) is dict:
        return RawRecord(location=location, data=value)
    return RawRecord(location=location, data=None,
                     problems=(f"expected a JSON object, got {_KINDS[type(value)]}",))


def _json_records(body: bytes) -> list[RawRecord]:
    value = _load(_text(body), BODY)
    if isinstance(value, dict):
        return [RawRecord(location=SourceLocation(file=BODY), data=value)]
    if isinstance(value, list):
        return [_record(SourceLocation(file=f"{BODY}#/{i}"), item) for i, item in enumerate(value)]
    raise Problem(422, f"expected a record (a JSON object) or an array of records, got "
                       f"{_KINDS[type(value)]}", location=BODY)


def _ndjson_records(body: bytes) -> list[RawRecord]:
    records = []
    for number, raw in enumerate(body.removeprefix(b"\xef\xbb\xbf").split(b"\n"), start=1):
        raw = raw.strip()
        if not raw:
            continue
        where = SourceLocation(file=BODY, line=number)
        value = fast_object(raw)
        if value is None:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise Problem(400, f"line {number} is not valid UTF-8 (byte {exc.start + 1})",
                              location=str(where), line=number) from None
            value = _load(text, str(where), number)
        records.append(_record(where, value))
    return records


def is_ndjson(content_type: str | None) -> bool:
    """Whether a Content-Type names JSON Lines (anything else is read as JSON)."""
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media in NDJSON


def parse_records(body: bytes, content_type: str | None) -> list[RawRecord]:
    """The records of a body: JSON (one object or an array) or JSON Lines (by Content-Type)."""
    if not body.strip():
        raise Problem(400, "empty request body; send a record, an array of records, or JSON "
                           "Lines with Content-Type: application/x-ndjson", location=BODY)
    return _ndjson_records(body) if is_ndjson(content_type) else _json_records(body)
