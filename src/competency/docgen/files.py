"""Writing the generated pages, and telling which files on disk are stale, missing or extra."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import attrs

__all__ = ["Drift", "drift", "write_pages"]


@attrs.frozen(kw_only=True)
class Drift:
    """A file that differs from a fresh generation: ``stale``, ``missing`` or ``extra``."""

    path: str
    state: str

    def __str__(self) -> str:
        return f"{self.path}: {self.state}"


def _on_disk(folder: Path) -> set[str]:
    if not folder.is_dir():
        return set()
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*.md") if p.is_file()}


def drift(folder: Path, pages: Mapping[str, str]) -> list[Drift]:
    """Every difference between ``folder`` and ``pages``, sorted by path."""
    found = []
    for path, text in pages.items():
        target = folder / path
        if not target.is_file():
            found.append(Drift(path=path, state="missing"))
        elif target.read_text(encoding="utf-8") != text:
            found.append(Drift(path=path, state="stale"))
    found += [Drift(path=path, state="extra") for path in _on_disk(folder) - pages.keys()]
    return sorted(found, key=lambda d: d.path)


def write_pages(folder: Path, pages: Mapping[str, str]) -> list[Drift]:
    """Bring ``folder`` up to date: write what changed, remove extra ``.md`` files.

    Returns what was changed (as the drift found before writing).
    """
    changes = drift(folder, pages)
    for change in changes:
        target = folder / change.path
        if change.state == "extra":
            target.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(pages[change.path], encoding="utf-8", newline="\n")
    return changes
