"""One catalogue for every kind of cited data: the shipped files, overlay files, lookup by id.

A :class:`Shelf` says how one kind is stored (package folder, list key, schema, class and
the checks a schema cannot express); a :class:`Catalogue` holds the items of a shelf by id
with the file each came from. Every kind reports a bad file, a duplicate id and an unknown
id the same way. An overlay adds items; it never replaces a shipped one under the same id
(a province's rule that replaces national law says so with ``supersedes``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Generic, Self, TypeVar

import attrs

from competency.errors import DataFileError, UnknownItemError
from competency.io.datafiles import data_files, load_list_file, read_data_file

__all__ = ["Catalogue", "Shelf", "duplicates"]

T = TypeVar("T")


def duplicates(values: Iterable[str]) -> list[str]:
    """The values that occur more than once, sorted."""
    seen: set[str] = set()
    twice: set[str] = set()
    for value in values:
        (twice if value in seen else seen).add(value)
    return sorted(twice)


def _no_problems(_item: Any, _pointer: str) -> list[str]:
    return []


@attrs.frozen(kw_only=True)
class Shelf(Generic[T]):
    """Where and how one kind of data is stored."""

    noun: str
    folder: str
    key: str
    schema: str
    cls: type[T]
    problems: Callable[[T, str], list[str]] = _no_problems
    only: str | None = None
    """The one file name of the folder that holds this kind, when others share the folder."""

    def load(self, text: str, source: str) -> list[T]:
        """Parse, validate, structure and check one file; all its problems reported together."""
        items = load_list_file(text, source, key=self.key, kind=self.schema, cls=self.cls)
        found = [p for i, item in enumerate(items) for p in self.problems(item, f"/{self.key}/{i}")]
        found += [f"/{self.key}: duplicate id {i!r}"
                  for i in duplicates([item.id for item in items])]  # type: ignore[attr-defined]
        if found:
            raise DataFileError(source=source, problems=tuple(found))
        return items


@attrs.frozen(kw_only=True)
class Catalogue(Generic[T]):
    """Items of one kind by id, and the file each came from."""

    shelf: Shelf[T]
    items: Mapping[str, T]
    sources: Mapping[str, str]

    @classmethod
    def shipped(cls, shelf: Shelf[T]) -> Self:
        """The items of the package's data folder (cached per shelf)."""
        return cls.from_pairs(shelf, _shipped(shelf))

    @classmethod
    def from_pairs(cls, shelf: Shelf[T], pairs: list[tuple[str, T]]) -> Self:
        """A catalogue of (source, item) pairs; an id given twice is a data-file error."""
        items: dict[str, T] = {}
        sources: dict[str, str] = {}
        for source, item in pairs:
            item_id = item.id  # type: ignore[attr-defined]
            if item_id in items:
                raise DataFileError(source=source, problems=(
                    f"{shelf.noun} {item_id!r} already defined in {sources[item_id]}",))
            items[item_id] = item
            sources[item_id] = source
        return cls(shelf=shelf, items=items, sources=sources)

    def with_file(self, path: Path | str) -> Self:
        """This catalogue plus the items of a file; an id already held is refused."""
        path = Path(path)
        added = self.shelf.load(read_data_file(path), str(path))
        clash = [f"/{self.shelf.key}: {self.shelf.noun} {item.id!r} is already defined in "  # type: ignore[attr-defined]
                 f"{self.sources[item.id]}; give it a new id (and 'supersedes' where it "  # type: ignore[attr-defined]
                 "replaces one)" for item in added if item.id in self.items]  # type: ignore[attr-defined]
        if clash:
            raise DataFileError(source=str(path), problems=tuple(clash))
        return attrs.evolve(
            self, items={**self.items, **{i.id: i for i in added}},  # type: ignore[attr-defined]
            sources={**self.sources, **{i.id: str(path) for i in added}})  # type: ignore[attr-defined]

    def get(self, item_id: str) -> T:
        """The item with this id."""
        try:
            return self.items[item_id]
        except KeyError:
            raise UnknownItemError(self.shelf.noun, item_id, tuple(self.items)) from None

    def __iter__(self) -> Iterator[T]:
        return iter(self.items[k] for k in sorted(self.items))

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self.items

    def ids(self) -> list[str]:
        """Every id, sorted."""
        return sorted(self.items)


@functools.cache
def _shipped(shelf: Shelf[Any]) -> list[tuple[str, Any]]:
    return [(source, item) for source, text in data_files(shelf.folder)
            if shelf.only is None or source.endswith(f"/{shelf.only}")
            for item in shelf.load(text, source)]
