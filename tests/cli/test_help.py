"""``--help`` of every command reads like click's: ``ROSTER``, ``--jobs INTEGER``, choices in
``[a|b]``; no typer ``<int range>`` or ``{roster}`` placeholders, no reStructuredText."""

from __future__ import annotations

import re

import click
import pytest
import typer.main
from typer.testing import CliRunner

from competency.cli import app

ROOT_COMMAND = typer.main.get_command(app)


def _paths(command: click.Command, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = [path]
    for name, sub in getattr(command, "commands", {}).items():
        paths += _paths(sub, (*path, name))
    return paths


COMMANDS = _paths(ROOT_COMMAND)


def helps(path: tuple[str, ...]) -> str:
    result = CliRunner().invoke(app, [*path, "--help"], prog_name="competency")
    assert result.exit_code == 0, result.output
    return result.output


def test_every_command_is_walked():
    names = {" ".join(p) for p in COMMANDS}
    assert {"check", "validate", "select", "standards show", "frameworks import-case"} <= names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "competency")
def test_help_has_click_metavars_and_no_markup(path):
    text = helps(path)
    assert re.findall(r"<[^>\n]*>|\{[^}\n]*\}", text) == []
    assert "``" not in text and not re.search(r":(func|class|data|mod|meth):", text)
    usage = text.splitlines()[0]
    assert usage.startswith("Usage: competency")
    assert re.fullmatch(r"Usage: competency[\w\- ]*( \[OPTIONS\])?( \[?[A-Z_]+(\.\.\.)?\]?| "
                        r"COMMAND \[ARGS\]\.\.\.)*", usage), usage


def test_types_and_choices_are_shown_as_click_shows_them():
    text = helps(("select",))
    assert "Usage: competency select [OPTIONS] ROSTER" in text
    assert re.search(r"^  ROSTER +Roster file", text, re.M)
    assert "--scheme TEXT" in text
    assert "--quota INTEGER RANGE" in text
    assert "--per [unit|province|field]" in text
    assert "--format [table|json|csv|xlsx]" in text
    assert "--lang [vi|en]" in text
    assert "--out FILE" in text
    validate = helps(("validate",))
    assert "Usage: competency validate [OPTIONS] FILE..." in validate
    assert "--jobs INTEGER RANGE" in validate
