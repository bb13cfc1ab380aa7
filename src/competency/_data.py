"""Loading data files: safe YAML, validation against the generated schema, structuring.

Shared by every kind of data the package ships or accepts as an overlay (standards,
tables, target sets, selection schemes), so that all of them report a bad file the same
way: the file, one JSON pointer per problem, and what was expected.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterator
from typing import Any

from competency._yaml import load_yaml
from competency.errors import DataFileError
from competency.schema import validator
from competency.serialize import StructureError, structure

__all__ = ["data_files", "load_list_file", "parse_yaml", "schema_problems", "structured"]


def schema_problems(data: Any, kind: str, prefix: str = "") -> list[str]:
    """``pointer: message`` for every schema error of ``data`` as a ``kind`` record."""
    return [f"{prefix}{issue.pointer or '/'}: {issue.message}"
            for issue in validator(kind).errors(data)]


def structured(data: Any, cls: type, source: str) -> Any:
    """``data`` structured as ``cls``; a :class:`DataFileError` naming ``source`` otherwise."""
    try:
        return structure(data, cls)
    except StructureError as exc:
        raise DataFileError(source=source, problems=tuple(exc.lines)) from None


def parse_yaml(text: str, source: str) -> Any:
    """YAML text parsed safely; a syntax error becomes a :class:`DataFileError`."""
    try:
        return load_yaml(text)
    except ValueError as exc:
        raise DataFileError(source=source, problems=(str(exc),)) from None


def load_list_file(text: str, source: str, *, key: str, kind: str, cls: type) -> list[Any]:
    """A file holding ``{key: [record, ...]}``: every record validated as ``kind``, then
    structured as ``cls``. All schema problems of the file are reported together."""
    data = parse_yaml(text, source)
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise DataFileError(source=source, problems=(f"/: expected a mapping with a {key!r} list",))
    problems = [f"/: unknown key {name!r}" for name in data if name != key]
    for i, item in enumerate(data[key]):
        problems += schema_problems(item, kind, prefix=f"/{key}/{i}")
    if problems:
        raise DataFileError(source=source, problems=tuple(problems))
    return [structured(item, cls, source) for item in data[key]]


def data_files(folder: str) -> Iterator[tuple[str, str]]:
    """(name, text) of the YAML files under a package data folder, sorted, recursively."""
    root = importlib.resources.files("competency") / "data" / folder

    def visit(node: Any, prefix: str) -> Iterator[tuple[str, str]]:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.is_dir():
                yield from visit(child, f"{prefix}{child.name}/")
            elif child.name.endswith(".yaml"):
                yield f"data/{folder}/{prefix}{child.name}", child.read_text(encoding="utf-8")

    if root.is_dir():
        yield from visit(root, "")
