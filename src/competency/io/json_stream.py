"""JSON written piece by piece: the text ``json.dumps(..., ensure_ascii=False, indent=2)`` gives,
with long lists read from an iterable (a :class:`Rows`) as they are written, never held whole.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

__all__ = ["Rows", "iter_json", "write_json"]


class Rows:
    """A list value to stream: ``each`` of ``items``, made JSON-ready one at a time;
    ``nested`` when an item may itself hold a :class:`Rows` (else it is dumped as it is)."""

    def __init__(self, items: Iterable[Any], each: Callable[[Any], Any] = lambda x: x, *,
                 nested: bool = False) -> None:
        self.items = items
        self.each = each
        self.nested = nested

    def __iter__(self) -> Iterator[Any]:
        return (self.each(x) for x in self.items)


def iter_json(value: Any, *, indent: int = 2, level: int = 0) -> Iterator[str]:
    """Pieces of ``value`` as JSON, nested ``level`` deep; :class:`Rows` become lists."""
    marker = uuid.uuid4().hex
    found: list[Rows] = []

    def swap(v: Any) -> Any:
        if isinstance(v, Rows):
            found.append(v)
            return f"{marker}:{len(found) - 1}"
        if isinstance(v, dict):
            return {k: swap(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [swap(x) for x in v]
        return v

    text = json.dumps(swap(value), ensure_ascii=False, indent=indent)
    pad = "\n" + " " * (indent * level)
    pos = 0
    for match in re.finditer(f'"{marker}:(\\d+)"', text):
        yield text[pos:match.start()].replace("\n", pad)
        line = text[text.rfind("\n", 0, match.start()) + 1:match.start()]
        depth = level + (len(line) - len(line.lstrip(" "))) // indent
        yield from _items(found[int(match.group(1))], indent, depth)
        pos = match.end()
    yield text[pos:].replace("\n", pad)


def _items(rows: Rows, indent: int, depth: int) -> Iterator[str]:
    inner = "\n" + " " * (indent * (depth + 1))
    first = True
    for item in rows:
        yield ("[" if first else ",") + inner
        if rows.nested:
            yield from iter_json(item, indent=indent, level=depth + 1)
        else:
            yield json.dumps(item, ensure_ascii=False, indent=indent).replace("\n", inner)
        first = False
    yield "[]" if first else "\n" + " " * (indent * depth) + "]"


def write_json(value: Any, stream: TextIO, *, indent: int = 2) -> None:
    """``value`` as JSON to ``stream``, then a newline."""
    for piece in iter_json(value, indent=indent):
        stream.write(piece)
    stream.write("\n")
