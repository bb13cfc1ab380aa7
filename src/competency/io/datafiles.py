"""Loading data files: safe YAML, validation against the generated schema, structuring.

Shared by every kind of data the package ships or accepts as an overlay (standards,
tables, target sets, selection schemes), so that all of them report a bad file the same
way: the file, one JSON pointer per problem, and what was expected.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from competency.errors import DataFileError
from competency.io.safe_yaml import load_yaml
from competency.schema.convert import StructureError, structure
from competency.schema.validate import validator

T = TypeVar("T")

__all__ = ["data_files", "index_by_id", "load_list_file", "parse_yaml", "read_data_file",
           "schema_problems", "shipped_table", "structured"]


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


def shipped_table(path: str, kind: str, cls: type[T],
                  checks: Callable[[T], list[str]] | None = None) -> T:
    """A table shipped in the package (``path`` under ``data/``): parsed, validated against the
    ``kind`` schema, structured as ``cls`` and checked by ``checks`` (what a schema cannot
    say); any problem is a :class:`DataFileError` naming the file."""
    source = f"data/{path}"
    text = (importlib.resources.files("competency") / "data" / path).read_text(encoding="utf-8")
    data = parse_yaml(text, source)
    problems = schema_problems(data, kind)
    if problems:
        raise DataFileError(source=source, problems=tuple(problems))
    table: T = structured(data, cls, source)
    problems = checks(table) if checks is not None else []
    if problems:
        raise DataFileError(source=source, problems=tuple(problems))
    return table


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


def read_data_file(path: Path) -> str:
    """The text of an overlay or user data file; an unreadable file is a data-file error."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise DataFileError(source=str(path), problems=(reason,)) from None


def index_by_id(folder: str, load: Callable[[str, str], list[Any]], what: str, *,
                only: str | None = None) -> tuple[dict[str, Any], dict[str, str]]:
    """Every item of the shipped files of ``folder`` by its ``id``, and the file each came from.

    ``load(text, source)`` parses one file (only files named ``only``, when given); an id
    defined twice is a data-file error naming both files, so no shipped item hides another.
    """
    found: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for source, text in data_files(folder):
        if only is not None and not source.endswith(f"/{only}"):
            continue
        for item in load(text, source):
            if item.id in found:
                raise DataFileError(source=source, problems=(
                    f"{what} {item.id!r} already defined in {sources[item.id]}",))
            found[item.id] = item
            sources[item.id] = source
    return found, sources
