"""A JSON decoder that refuses what :mod:`json` accepts silently, record by record.

Python's decoder keeps the last of duplicated keys, reads ``NaN`` and ``Infinity`` (not
JSON), makes ``1e999`` infinite, and raises a bare ``ValueError`` for an integer of more
digits than :data:`~competency.io.limits.MAX_INTEGER_DIGITS`. Here each such value is marked while the
document is decoded, so that decoding goes on to the end of the record; afterwards the
record gets one problem per mark, with its JSON pointer, and is invalid as read.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from competency.io import limits

__all__ = ["decode", "marks", "may_repeat_keys", "raw_decode"]


class _Refused:
    """A value refused where it stood: its text kept for the record, its message for the report."""

    __slots__ = ("message", "text")

    def __init__(self, text: str, message: str) -> None:
        self.text = text
        self.message = message


class _Repeated(dict):  # type: ignore[type-arg]
    """An object that gave some keys more than once (the last value kept, as :mod:`json` does)."""

    repeated: tuple[str, ...] = ()


class _State:
    marked = False


_STATE = _State()


def _integer(text: str) -> Any:
    if len(text.lstrip("-")) <= limits.MAX_INTEGER_DIGITS:
        return int(text)
    _STATE.marked = True
    return _Refused(text[:20] + "…", f"an integer of {len(text.lstrip('-'))} digits; at most "
                    f"{limits.MAX_INTEGER_DIGITS} digits are read")


def _float(text: str) -> Any:
    number = float(text)
    if math.isfinite(number):
        return number
    _STATE.marked = True
    return _Refused(text, f"{text} is too large for a number")


def _constant(text: str) -> Any:
    _STATE.marked = True
    return _Refused(text, f"{text} is not a JSON number")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    value = dict(pairs)
    if len(value) == len(pairs):
        return value
    _STATE.marked = True
    seen: set[str] = set()
    repeated = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
    marked = _Repeated(value)
    marked.repeated = tuple(dict.fromkeys(repeated))
    return marked


_DECODER = json.JSONDecoder(parse_int=_integer, parse_float=_float, parse_constant=_constant,
                            object_pairs_hook=_object)


_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
"""A surrogate written as an escape: paired, it is one character; alone, it is not text."""


def raw_decode(text: str, pos: int) -> tuple[Any, int]:
    """The value at ``pos`` and where it ends, as :meth:`json.JSONDecoder.raw_decode`;
    call :func:`marks` on it."""
    _STATE.marked = False
    value, end = _DECODER.raw_decode(text, pos)
    if _SURROGATE.search(text, pos, end):
        _STATE.marked = True
    return value, end


def decode(text: str) -> Any:
    """The value of a whole text, as :func:`json.loads`; call :func:`marks` on it."""
    _STATE.marked = False
    value = _DECODER.decode(text)
    if _SURROGATE.search(text):
        _STATE.marked = True
    return value


def _text(node: str, pointer: str, problems: list[str]) -> str:
    """A string as it may go on, and a problem when it holds a lone surrogate."""
    try:
        node.encode("utf-8")
    except UnicodeEncodeError:
        problems.append(f"{pointer or '/'}: a lone surrogate (\\u{ord(node[_lone(node)]):04x}) "
                        "is not text")
        return node.encode("utf-8", "replace").decode("utf-8")
    return node


def _lone(text: str) -> int:
    return next(i for i, c in enumerate(text) if 0xD800 <= ord(c) <= 0xDFFF)


def _pointer(path: tuple[Any, ...]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def marks(value: Any, at: tuple[Any, ...] = ()) -> tuple[Any, tuple[str, ...]]:
    """The value decoded last, cleaned of marks, and a problem for each refused part
    (pointers start with ``at``, where the value stands in its record).

    Costs nothing when the last decoding marked nothing (the usual case).
    """
    if not _STATE.marked:
        return value, ()
    _STATE.marked = False
    problems: list[str] = []

    def clean(node: Any, path: tuple[Any, ...]) -> Any:
        if isinstance(node, _Refused):
            problems.append(f"{_pointer(path) or '/'}: {node.message}")
            return node.text
        if isinstance(node, str):
            return _text(node, _pointer(path), problems)
        if isinstance(node, dict):
            for key in getattr(node, "repeated", ()):
                problems.append(f"{_pointer((*path, key))}: duplicate key {key!r} "
                                "(the object gives it twice)")
            return {_text(k, _pointer((*path, k)), problems): clean(v, (*path, k))
                    for k, v in node.items()}
        if isinstance(node, list):
            return [clean(v, (*path, i)) for i, v in enumerate(node)]
        return node

    return clean(value, at), tuple(problems)


try:
    from orjson import dumps as _dumps
except ImportError:  # pragma: no cover - without the ``fast`` extra every line is decoded here
    _dumps = None


def may_repeat_keys(raw: bytes, value: Any) -> bool:
    """Whether the text of ``value`` (decoded by orjson, which keeps the last of repeated
    keys) may have given a key twice.

    Each key in ``raw`` is followed by one colon, and strings hold the others. Unless a
    colon is written as the escape ``\\u003a``, the strings of ``value`` hold as many as
    they did in ``raw``, and orjson writes them back as they are: ``raw`` has more colons
    than orjson's text of ``value`` exactly when a key (and its value) was dropped. When
    the counts differ, or a colon may be escaped, the line is for :func:`decode` to tell.
    """
    if _dumps is None or b"\\u003" in raw:
        return True
    return raw.count(b":") != _dumps(value).count(b":")
