"""``competency schemas``: write the generated JSON Schemas, or check they are current."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import typer

from competency.cli._common import EXIT_INVALID, EXIT_OK, err, out
from competency.docgen.kinds import stale_schemas, stale_structs, write_schemas, write_structs
from competency.errors import InputError


def _package_folder() -> Path:
    return Path(str(importlib.resources.files("competency") / "data" / "schemas"))


def _structs_folder() -> Path:
    return Path(str(importlib.resources.files("competency") / "schema"))


def _in_checkout(folder: Path) -> bool:
    """True when the package's folder is in a source checkout (``src/competency`` beside
    ``pyproject.toml``), never in an installed package."""
    return len(folder.parents) > 3 and (folder.parents[3] / "pyproject.toml").is_file()


def schemas(
    check: bool = typer.Option(False, "--check", help="Fail when a schema file is stale"),
    out_dir: Path | None = typer.Option(None, "--out", metavar="FOLDER",
                                         help="Folder (default: the package's)"),
) -> None:
    """Generate the *.schema.json files of every record kind from the model classes, and the
    msgspec Structs of the kinds read in bulk (into the package only)."""
    folder = out_dir or _package_folder()
    if check:
        stale = [folder / name for name in stale_schemas(folder)]
        if out_dir is None:
            stale += [_structs_folder() / name for name in stale_structs(_structs_folder())]
        for path in stale:
            err.print(f"{path}: stale; run `competency schemas`", markup=False)
        if not stale:
            out.print(f"{folder}: schemas are current", markup=False)
        raise typer.Exit(EXIT_INVALID if stale else EXIT_OK)
    if out_dir is None and not _in_checkout(folder):
        raise InputError("writing the package's schemas is a development command: run it in a "
                         "source checkout, or give --out FOLDER", str(folder))
    written = write_schemas(folder)
    if out_dir is None:
        written += write_structs(_structs_folder())
    for path in written:
        out.print(f"wrote {path}", markup=False)
