"""``competency check``, ``explain`` and ``diff``: officials against the standards."""

from __future__ import annotations

import enum
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Literal

import typer
from rich.table import Table

from competency.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_UNUSABLE,
    LANG,
    REDACT,
    Format,
    Lang,
    err,
    exit_status,
    load_catalog,
    out,
    parse_date,
    print_invalid,
    print_wrote,
    valid_officials,
    write_stdout,
)
from competency.cli._messages import message, state_label
from competency.cli._output import output_to
from competency.cli._parquet_results import ParquetResults
from competency.cli._vector import check_vector
from competency.io.roster import Tally, checked_records
from competency.io.sheets import CsvWriter
from competency.rules.outcome import Outcome
from competency.standards.evaluate import StandardResult
from competency.standards.explanation import explain as explain_results
from competency.standards.report import (
    RESULT_CSV_COLUMNS,
    event_line,
    explain_lines,
    result_dict,
    result_row,
)
from competency.standards.summary import CheckCounts, check_document, results_for
from competency.standards.summary import check_summary as _summary
from competency.standards.workbook import write_results_workbook

_OVERLAY = typer.Option(None, "--overlay", metavar="FILE", help="Provincial overlay or draft standards file")
_DRAFTS = typer.Option(False, "--include-drafts", help="Also apply draft standards")


class FailOn(str, enum.Enum):
    """``--fail-on``: the weakest result that fails a run (for CI jobs)."""

    UNMET = "unmet"
    UNKNOWN = "unknown"


_FAILING = {FailOn.UNMET: ("unmet",), FailOn.UNKNOWN: ("unmet", "unknown")}


def _status(tally: Tally, outcomes: Counter[str], fail_on: FailOn | None) -> int:
    """EXIT_INVALID for invalid records, or for a result ``--fail-on`` names; else EXIT_OK."""
    failed = fail_on is not None and any(
        count and state.split(" ")[0] in _FAILING[fail_on] for state, count in outcomes.items())
    return EXIT_INVALID if failed else exit_status(tally)


def _print_summary(summary: dict[str, object], lang: str) -> None:
    err.print(message("records", lang, **summary["records"]), markup=False)  # type: ignore[arg-type]
    results = ", ".join(f"{state_label(k, lang)} {v}"
                        for k, v in summary["results"].items())  # type: ignore[attr-defined]
    err.print(message("results", lang, results=results or message("none", lang),
                      without=summary["officials_without_applicable_standard"]), markup=False)
    rules = summary["failing_rules"]
    if rules:
        err.print(message("failing-rules", lang), markup=False)
        for item in rules[:15]:  # type: ignore[index]
            err.print(f"  {item['count']:>7}  {item['standard']} › {item['rule']}", markup=False)


def check(
    roster: Path = typer.Argument(..., help="Roster file"),
    on: str | None = typer.Option(None, "--on", metavar="DATE", help="As-of date YYYY-MM-DD (default today)"),
    standard: str | None = typer.Option(None, "--standard", help="Check against this standard only"),
    position: str | None = typer.Option(None, "--position", help="Check against this post's standards"),
    fmt: Format = typer.Option(Format.TABLE, "--format"),
    explain: bool = typer.Option(False, "--explain", help="Show the whole requirement tree"),
    show_all: bool = typer.Option(False, "--all", help="Table: also list met results"),
    lang: Lang = LANG,
    overlay: list[Path] = _OVERLAY,
    drafts: bool = _DRAFTS,
    out_file: Path | None = typer.Option(None, "--out", metavar="FILE",
                                         help="Write the results here (required for xlsx "
                                              "and parquet)"),
    engine: Literal["reference", "vector"] = typer.Option("reference", "--engine",
                               help="reference (every format) or vector (bulk: any roster "
                                    "in, --format jsonl, csv or parquet out; needs the vector "
                                    "extra)"),
    jobs: int = typer.Option(1, "--jobs", min=0,
                             help="--engine vector on JSON Lines: processes (0: one per core)"),
    redact: bool = REDACT,
    fail_on: FailOn | None = typer.Option(
        None, "--fail-on", help="Exit 1 when a result is unmet (unmet), or not met (unknown)"),
) -> None:
    """Evaluate each official against the standards of each current post, with citations."""
    if fmt is Format.XLSX and out_file is None:
        raise typer.BadParameter("--format xlsx writes a workbook: give --out FILE.xlsx")
    if fmt is Format.PARQUET and out_file is None:
        raise typer.BadParameter(message("check.parquet-needs-out", lang))
    day = parse_date(on)
    if engine not in ("reference", "vector"):
        raise typer.BadParameter(f"unknown engine {engine!r}; expected reference or vector")
    if engine == "vector":
        if standard is not None or position is not None:
            raise typer.BadParameter("--engine vector checks the standards of each current post; "
                                     "use --engine reference with --standard or --position")
        load_catalog(overlay, lang)  # a bad overlay is reported before any work
        with output_to(None if fmt is Format.PARQUET else out_file, bom=fmt is Format.CSV):
            tally, outcomes, failing, without = check_vector(
                roster, day, overlays=overlay, drafts=drafts, fmt=fmt, explain=explain,
                jobs=jobs, redact=redact, lang=lang, out_file=out_file)
        if out_file is not None:
            print_wrote(out_file, lang)
        _print_summary(_summary(tally, outcomes, failing, without), lang)
        raise typer.Exit(_status(tally, outcomes, fail_on))
    catalog = load_catalog(overlay, lang)
    if standard is not None:
        catalog.get(standard)
    tally, counts = Tally(), CheckCounts()
    rows: list[StandardResult] = []
    gathered = ParquetResults(out_file) if fmt is Format.PARQUET and out_file else None
    with output_to(None if fmt in (Format.XLSX, Format.PARQUET) else out_file,
                   bom=fmt is Format.CSV):
        writer = CsvWriter(sys.stdout) if fmt is Format.CSV else None
        if writer:
            writer.writerow(RESULT_CSV_COLUMNS)
        for official in valid_officials(roster, tally, day, redact=redact, lang=lang):
            results = results_for(official, day, catalog, standard, position, drafts)
            counts.add(results)
            for result in results:
                if fmt is Format.JSONL:
                    write_stdout(json.dumps(result_dict(result, explain=explain),
                                            ensure_ascii=False) + "\n")
                elif writer:
                    row = result_row(result)
                    writer.writerow(row[field] for field in RESULT_CSV_COLUMNS)
                elif gathered is not None:
                    gathered.add_result(result)
                elif (fmt in (Format.JSON, Format.XLSX) or show_all
                      or result.outcome is not Outcome.MET):
                    rows.append(result)
        summary = counts.summary(tally)
        if fmt is Format.JSON:
            write_stdout(json.dumps(check_document(day, summary, rows, explain=explain),
                                    ensure_ascii=False, indent=2) + "\n")
        elif fmt is Format.XLSX and out_file is not None:
            write_results_workbook(rows, out_file)
            print_wrote(out_file, lang)
        elif gathered is not None:
            gathered.close()
        elif fmt in (Format.TABLE, Format.TEXT):
            _print_table(rows, lang, explain)
    if out_file is not None and fmt is not Format.XLSX:
        print_wrote(out_file, lang)
    _print_summary(summary, lang)
    raise typer.Exit(_status(tally, counts.outcomes, fail_on))




def _print_event(result: StandardResult, lang: str) -> None:
    line = event_line(result, lang)
    if line is not None:
        out.print(line, markup=False)


def _print_table(rows: list[StandardResult], lang: str, explain: bool) -> None:
    if explain:
        for result in rows:
            out.print(f"{result.official_id} · {result.title or '-'} · {result.standard.id}",
                      markup=False, style="bold")
            _print_event(result, lang)
            for line in explain_lines(result.evaluation, lang):
                out.print(line, markup=False)
        return
    table = Table(*(message(f"col-{c}", lang)
                    for c in ("official", "post", "instrument", "outcome", "due", "why")),
                  title=message("n-results", lang, n=len(rows)))
    for result in rows:
        why = "\n".join(f"{ev.rule_id}: {ev.found[lang] if ev.found else ev.outcome.label(lang)}"
                        for ev in result.failing())
        table.add_row(result.official_id, result.title or "-",
                      result.standard.legal_basis[0].cite(lang),
                      result.outcome.label(lang), result.due.isoformat() if result.due else "",
                      why)
    out.print(table)


def explain(
    roster: Path = typer.Argument(..., help="Roster file"),
    official_id: str = typer.Option(..., "--id", help="Official id"),
    on: str | None = typer.Option(None, "--on", metavar="DATE", help="As-of date (default today)"),
    lang: Lang = LANG,
    overlay: list[Path] = _OVERLAY,
    drafts: bool = _DRAFTS,
    redact: bool = REDACT,
) -> None:
    """Explain, requirement by requirement, how one official fares on a date."""
    day = parse_date(on)
    catalog = load_catalog(overlay, lang)
    for record in checked_records(roster, redact=redact):
        if record.record_id != official_id:
            continue
        if record.official is None:
            print_invalid(record, lang)
            raise typer.Exit(EXIT_INVALID)
        explanations = explain_results(record.official, day, catalog=catalog,
                                       include_drafts=drafts)
        if not explanations:
            out.print(message("explain.none", lang, id=official_id, on=day), markup=False)
        for explanation in explanations:
            out.print(explanation.heading(lang), markup=False, style="bold")
            for line in explanation.lines(lang):
                out.print(line, markup=False)
        raise typer.Exit(EXIT_OK)
    err.print(message("no-record", lang, roster=roster, id=official_id), markup=False)
    raise typer.Exit(EXIT_UNUSABLE)
