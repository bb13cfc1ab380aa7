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
    on: str | None = typer.Option(None, "--on", help="Date the roster describes (default today)"),
    invalid_share: float = typer.Option(0.0, "--invalid-share", min=0.0, max=1.0,
                                        help="Share of deliberately broken records"),
    out_file: Path | None = typer.Option(None, "--out", help="Write here instead of stdout"),
) -> None:
    """Generate N realistic, reproducible officials (JSONL)."""
    from competency.synth import generate  # noqa: PLC0415  (needs the synth extra)

    stream = out_file.open("w", encoding="utf-8") if out_file else sys.stdout
    try:
        for record in generate(n, seed=seed, on=parse_date(on), invalid_share=invalid_share):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if out_file:
            stream.close()
