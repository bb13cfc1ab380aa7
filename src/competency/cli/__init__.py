"""The ``competency`` command line. Exit codes: 0 ok, 1 invalid records, 2 unusable input."""

from __future__ import annotations

import importlib.metadata
import sys

import typer

from competency.cli import (
    check,
    convert,
    diff,
    docs,
    evaluate,
    frameworks,
    gaps,
    plan,
    schemas,
    select,
    serve,
    standards,
    synth,
    targets,
    template,
    validate,
)
from competency.cli._common import EXIT_UNUSABLE, err
from competency.cli._help import App
from competency.errors import CompetencyError

__all__ = ["app", "main"]

app = App(
    help="Vietnamese civil-servant qualification standards: validate, check, explain.",
    no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False,
    rich_markup_mode=None)  # plain help and plain one-line errors, like every other message


def _version(value: bool) -> None:
    if value:
        typer.echo(f"competency {importlib.metadata.version('competency')}")
        raise typer.Exit()


@app.callback()
def _options(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                          help="Print the version and exit")) -> None:
    """Vietnamese civil-servant qualification standards: validate, check, explain."""


app.command()(validate.validate)
app.command()(convert.convert)
app.command(hidden=True)(schemas.schemas)  # development: `make schemas`
app.command()(synth.synth)
app.command()(check.check)
app.command()(check.explain)
app.command()(diff.diff)
app.command(hidden=True)(docs.docs)  # development: `make docs`
app.command()(targets.targets)
app.command("select")(select.select_command)
app.add_typer(standards.app, name="standards")
app.command()(gaps.gaps)
app.command()(plan.plan)
app.command()(evaluate.evaluate)
app.add_typer(frameworks.app, name="frameworks")
app.command()(serve.serve)
app.command()(template.template)


def main() -> None:
    """Run the CLI; expected failures print one message and exit 2, never a traceback."""
    try:
        app()
    except CompetencyError as exc:
        err.print(f"error: {exc}", markup=False)
        sys.exit(EXIT_UNUSABLE)
    except (OSError, UnicodeError) as exc:
        err.print(f"error: {exc}", markup=False)
        sys.exit(EXIT_UNUSABLE)
    except KeyboardInterrupt:
        sys.exit(130)
