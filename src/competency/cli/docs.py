"""``competency docs``: generate the reference pages of the documentation, or check them."""

from __future__ import annotations

from pathlib import Path

import typer

from competency.cli._common import EXIT_INVALID, EXIT_OK, err, out
from competency.docgen import default_cases_dir, drift, generate, write_pages


def docs(
    out_dir: Path = typer.Option(Path("docs/reference"), "--out", metavar="FOLDER",
                                 help="Folder of the generated pages"),
    check: bool = typer.Option(False, "--check",
                               help="Fail listing the stale, missing and extra pages"),
    cases: Path | None = typer.Option(
        None, "--cases", help="Folder of worked cases (default: the repository's tests/standards/cases)"),
) -> None:
    """Generate the standards catalogue, vocabularies, tables and schema reference as Markdown."""
    cases_dir = cases or default_cases_dir()
    if cases_dir is None:
        err.print("note: no tests/standards/cases folder found; pages are generated without worked "
                  "examples (pass --cases)", markup=False)
    elif not cases_dir.is_dir():
        raise typer.BadParameter(f"{cases_dir} is not a folder", param_hint="--cases")
    pages = generate(cases_dir=cases_dir, use_default_cases=False)
    if check:
        found = drift(out_dir, pages)
        for item in found:
            err.print(f"{out_dir / item.path}: {item.state}; run `competency docs`", markup=False)
        if not found:
            out.print(f"{out_dir}: {len(pages)} pages are current", markup=False)
        raise typer.Exit(EXIT_INVALID if found else EXIT_OK)
    changes = write_pages(out_dir, pages)
    for item in changes:
        verb = "removed" if item.state == "extra" else "wrote"
        out.print(f"{verb} {out_dir / item.path}", markup=False)
    out.print(f"{out_dir}: {len(pages)} pages, {len(changes)} changed", markup=False)
