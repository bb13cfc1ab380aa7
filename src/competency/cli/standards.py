"""``competency standards list|show|sql``: the catalogue from the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

import typer
from rich.table import Table

from competency.cli._common import (
    EXIT_UNUSABLE,
    LANG,
    Lang,
    err,
    load_catalog,
    out,
    parse_date,
    write_stdout,
)
from competency.cli._help import App
from competency.cli._messages import message
from competency.docgen.history import history, history_lines
from competency.rules import nodes as n
from competency.schema.convert import unstructure
from competency.standards.report import event_text, subjects_text
from competency.standards.summary import standard_entry

app = App(help="Browse the built-in standards.", no_args_is_help=True,
                  rich_markup_mode=None)


@app.command("list")
def list_standards(
    on: str | None = typer.Option(None, "--on", metavar="DATE", help="Only those in force on this date"),
    drafts: bool = typer.Option(False, "--include-drafts"),
    lang: Lang = LANG,
    fmt: Literal["table", "json"] = typer.Option("table", "--format"),
) -> None:
    """Id, title, who it governs, when it tests, instrument, period and confidence of each standard."""
    catalog = load_catalog(None)
    chosen = catalog.in_force(parse_date(on), include_drafts=drafts) if on else list(catalog)
    if fmt == "json":
        write_stdout(json.dumps([standard_entry(s, lang) for s in chosen],
                                ensure_ascii=False, indent=2) + "\n")
        return
    heads = ("id", "title", "subjects", "tested", "instrument", "period", "confidence")
    table = Table(*(message(f"standards.col-{h}", lang) for h in heads),
                  title=message("standards.in-force", lang, on=on) if on
                  else message("standards.all", lang))
    for s in chosen:
        period = f"{s.valid_from or '?'} → {s.valid_until or '…'}"
        table.add_row(s.id, s.title[lang], subjects_text(s.applies_to, lang),
                      event_text(s, lang), "\n".join(c.cite(lang) for c in s.legal_basis),
                      period, s.confidence.label(lang))
    out.print(table)


def tree_lines(node: n.Node, lang: str, depth: int = 0) -> list[str]:
    """The requirement tree as indented lines."""
    data = unstructure(node)
    kind = next(k for k in data if k not in ("id", "title", "legal_basis", "confidence"))
    label = node.title[lang] if node.title else ""
    own = f" — {'; '.join(c.cite(lang) for c in node.legal_basis)}" if node.legal_basis else ""
    flag = f" [{node.confidence.label(lang)}]" if node.confidence else ""
    kids = n.children(node)
    detail = "" if kids else f" {kind}: {json.dumps(data[kind], ensure_ascii=False)}"
    words = [f"- [{node.id}]", kind if kids else "", label]
    head = "  " * depth + " ".join(w for w in words if w) + detail
    lines = [head + own + flag]
    for child in kids:
        lines.extend(tree_lines(child, lang, depth + 1))
    return lines


@app.command("show")
def show(standard_id: str = typer.Argument(...), lang: Lang = LANG) -> None:
    """A standard's requirement tree, citations, period and confidence."""
    s = load_catalog(None).get(standard_id)
    out.print(f"{s.id}: {s.title[lang]}", style="bold", markup=False)
    out.print(message("standards.head", lang, subject=s.subject,
                      period=f"{s.valid_from or '?'} → {s.valid_until or '…'}",
                      confidence=s.confidence.label(lang)), markup=False)
    if s.supersedes:
        out.print(message("standards.supersedes", lang, ids=", ".join(s.supersedes)),
                  markup=False)
    for c in s.legal_basis:
        out.print(message("standards.basis", lang, cite=c.cite(lang))
                  + (f" — {c.url}" if c.url else ""), markup=False)
    out.print(message("standards.requirements", lang), markup=False)
    for line in tree_lines(s.requirements, lang):
        out.print(line, markup=False)
    for t in s.transitional:
        out.print(message("standards.transitional", lang, id=t.id, rules=", ".join(t.rules),
                          due=t.due, cites="; ".join(c.cite(lang) for c in t.legal_basis)),
                  markup=False)


@app.command("check")
def check_files(files: list[Path] = typer.Argument(..., metavar="FILE...",
                                                   help="Overlay or draft standards files"),
                lang: Lang = LANG) -> None:
    """Check overlay files as every command loads them: schema, ids, supersedes; name what
    each replaces. A bad file exits 2 with every problem and its pointer."""
    catalog = load_catalog(files, lang)
    for file in files:
        mine = [s for s in catalog if catalog.sources[s.id] == str(file)]
        out.print(message("standards.checked", lang, file=file, n=len(mine),
                          ids=", ".join(s.id for s in mine)), markup=False)


@app.command("history")
def history_command(subject: str = typer.Argument(..., help="Subject, e.g. commune-civil-servant"),
                    lang: Lang = LANG) -> None:
    """Which standard applied when, and what each one changed (added, removed, reworded)."""
    for line in history_lines(history(load_catalog(None), subject, lang), lang):
        out.print(line, markup=False)


@app.command("sql")
def sql(
    standard_id: str = typer.Argument(...),
    on: str | None = typer.Option(None, "--on", metavar="DATE", help="As-of date (default today)"),
    table: str = typer.Option("facts", "--table",
                              help="The fact table, view or parenthesised subquery to read"),
    dialect: str = typer.Option("duckdb", "--dialect",
                                help="duckdb, or spark, trino, postgres (transpiled by sqlglot)"),
    lang: Lang = LANG,
) -> None:
    """The standard as one SQL query over a fact table (one row per official and post)."""
    try:
        from competency.vector.sql import UnsupportedLeafError, standard_sql
        from competency.vector.sql.dialects import DIALECTS, in_dialect
    except ModuleNotFoundError as exc:
        if exc.name != "polars":
            raise
        err.print("error: the SQL form needs polars: pip install competency[vector]",
                  markup=False)
        raise typer.Exit(EXIT_UNUSABLE) from None
    if dialect not in DIALECTS:
        raise typer.BadParameter(f"unknown dialect {dialect!r}; expected one of: "
                                 f"{', '.join(DIALECTS)}", param_hint="--dialect")
    catalog = load_catalog(None)
    standard = catalog.get(standard_id)
    day = parse_date(on)
    if not standard.in_force(day):
        err.print(message("standards.not-in-force", lang, id=standard.id, on=day.isoformat()),
                  markup=False)
    if standard.tested_at is not None:
        err.print(message("standards.tested-at", lang, id=standard.id, on=day.isoformat(),
                          event=standard.event.label(lang).lower()), markup=False)
    try:
        query = in_dialect(standard_sql(standard, day, catalog.tables, table=table), dialect)
    except ModuleNotFoundError as exc:
        if exc.name != "sqlglot":
            raise
        err.print("error: --dialect needs sqlglot: pip install competency[sql]", markup=False)
        raise typer.Exit(EXIT_UNUSABLE) from None
    except UnsupportedLeafError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(EXIT_UNUSABLE) from None
    write_stdout(query)
