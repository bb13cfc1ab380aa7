"""Help written the way click writes it: ``ROSTER``, ``--jobs INTEGER``, ``--format [table|json]``.

Typer shows types as ``<int range>`` and required arguments as ``{roster}``. Every command
of the CLI is built by :class:`App` with :class:`PlainCommand`, so that one place decides how
the help reads.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, get_args

import click
import typer
from typer.core import TyperArgument, TyperCommand, TyperOption

__all__ = ["App", "PlainCommand", "argument_metavar", "option_metavar"]

_TYPES: dict[Any, str] = {int: "INTEGER", float: "FLOAT", str: "TEXT", bool: "BOOLEAN",
                          Path: "PATH", dt.date: "DATE", dt.datetime: "DATETIME"}
_PATHS = {"file": "FILE", "dir": "DIRECTORY", "path": "PATH"}


def option_metavar(param: TyperOption, ctx: click.Context) -> str:
    """``TEXT``, ``INTEGER RANGE``, ``FILE``, or the choices as ``[a|b]``, as click shows them."""
    if param.metavar is not None:
        return param.metavar
    desc = param.type_descriptor
    if desc.is_choice:
        return f"[{'|'.join(str(getattr(c, 'value', c)) for c in desc.choices or ())}]"
    if desc.is_path:
        return _PATHS.get(desc.path_type, "PATH")
    annotation = desc.annotation
    if desc.is_list:
        (annotation,) = get_args(annotation)
    name = _TYPES.get(annotation, "TEXT")
    return f"{name} RANGE" if desc.is_ranged else name


def argument_metavar(param: TyperArgument, *, usage: bool = False) -> str:
    """``ROSTER``; ``FILE...`` for several; in the usage line ``[ROSTER]`` when optional."""
    name = param.metavar or (param.name or "").upper()
    if param.nargs != 1 and not name.endswith("..."):
        name += "..."
    return f"[{name}]" if usage and not param.required else name


class PlainCommand(TyperCommand):
    """A command whose usage line and option list use click's metavars."""

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                pieces.append(argument_metavar(param, usage=True))
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            name, text = record
            if isinstance(param, TyperArgument):
                arguments.append((argument_metavar(param), text))
                continue
            if isinstance(param, TyperOption) and not (param.is_flag or param.count):
                typer_shown = param.display_type_rich(ctx)
                name = name.replace(f" {typer_shown}", f" {option_metavar(param, ctx)}")
            options.append((name, text))
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        if options:
            with formatter.section("Options"):
                formatter.write_dl(options)


class App(typer.Typer):
    """A Typer app whose commands are :class:`PlainCommand` and whose help is plain text."""

    def __init__(self, **options: Any) -> None:
        options.setdefault("rich_markup_mode", None)
        super().__init__(**options)

    def command(self, name: str | None = None, *, cls: type[TyperCommand] | None = None,
                **options: Any) -> Any:
        return super().command(name, cls=cls or PlainCommand, **options)
