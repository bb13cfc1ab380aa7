"""``competency synth``: a deterministic synthetic roster as JSON lines."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from competency.cli._common import parse_date


def synth(
    n: int = typer.Argument(..., min=0, help="Number of records"),
    seed: int = typer.Option(0, "--seed"),
    on: str | None = typer.Option(None, "--on", metavar="DATE", help="Date the roster describes (default today)"),
    invalid_share: float = typer.Option(0.0, "--invalid-share", min=0.0, max=1.0,
                                        help="Share of deliberately broken records"),
    province: str | None = typer.Option(None, "--province", help="Province code or name"),
    profile: str = typer.Option("mixed", "--profile", help="mixed, or commune (commune staff only)"),
    out_file: Path | None = typer.Option(None, "--out", metavar="FILE", help="Write here instead of stdout"),
) -> None:
    """Generate N realistic, reproducible officials (JSONL)."""
    from competency.synth import generate  # noqa: PLC0415  (needs the synth extra)

    try:
        records = generate(n, seed=seed, on=parse_date(on), invalid_share=invalid_share,
                           province=province, profile=profile)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    stream = out_file.open("w", encoding="utf-8") if out_file else sys.stdout
    try:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if out_file:
            stream.close()
