"""Records kept on disk and read back in key order, so a national roster's rows need not fit
in memory.

A :class:`Spool` holds at most ``run`` records in memory; each full run is sorted and pickled
to a temporary file, and reading merges the runs (an external merge sort); every
:data:`FAN_IN` runs are merged into one, so that no merge opens more files than that. The order is
Python's own ordering of the keys, ties in the order the records were added, so a spooled
result is exactly the one ``sorted(..., key=...)`` gives.
"""

from __future__ import annotations

import heapq
import itertools
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Generic, TypeVar

__all__ = ["Spool"]

T = TypeVar("T")

RUN = 4_000
"""Records held in memory before a sorted run is written out."""

FAN_IN = 64
"""Runs on disk before they are merged into one (so a merge never opens more files)."""


class Spool(Generic[T]):
    """Records added with a sort key, read back (as often as wanted) sorted by it."""

    def __init__(self, *, run: int | None = None) -> None:
        self._run = max(1, RUN if run is None else run)
        self._buffer: list[tuple[Any, int, T]] = []
        self._files: list[Path] = []
        self._dir: tempfile.TemporaryDirectory[str] | None = None
        self._count = 0
        self._written = 0

    def add(self, key: Any, item: T) -> None:
        """Keep ``item``, to be read back in the order of ``key``."""
        self._buffer.append((key, self._count, item))
        self._count += 1
        if len(self._buffer) >= self._run:
            self._spill()

    def _spill(self) -> None:
        if self._dir is None:
            self._dir = tempfile.TemporaryDirectory(prefix="competency-spool-")
        self._buffer.sort(key=lambda r: r[:2])
        self._files.append(self._write(self._buffer))
        self._buffer = []
        if len(self._files) >= FAN_IN:
            merged = self._write(heapq.merge(*map(self._read, self._files), key=lambda r: r[:2]))
            for path in self._files:
                path.unlink()
            self._files = [merged]

    def _write(self, records: Iterable[tuple[Any, int, T]]) -> Path:
        assert self._dir is not None
        self._written += 1
        path = Path(self._dir.name) / f"run-{self._written}.pickle"
        with path.open("wb") as stream:
            for record in records:  # one pickle each: records share no memo
                pickle.dump(record, stream, protocol=pickle.HIGHEST_PROTOCOL)
        return path

    @staticmethod
    def _read(path: Path) -> Iterator[tuple[Any, int, T]]:
        with path.open("rb") as stream:
            while True:
                try:
                    yield pickle.load(stream)
                except EOFError:
                    return

    def __iter__(self) -> Iterator[T]:
        self._buffer.sort(key=lambda r: r[:2])
        runs = [self._read(path) for path in self._files]
        for _, _, item in heapq.merge(*runs, iter(self._buffer), key=lambda r: r[:2]):
            yield item

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def head(self, n: int) -> list[T]:
        """The first ``n`` records in order."""
        return list(itertools.islice(self, n))

    def close(self) -> None:
        """Delete the temporary files (also done when the spool is garbage-collected)."""
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None
        self._files, self._buffer = [], []
