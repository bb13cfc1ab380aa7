"""``competency check``, ``explain`` and ``diff``: officials against the standards."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import typer
from rich.table import Table

from competency.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_UNUSABLE,
    Format,
    err,
    exit_status,
    load_catalog,
    out,
    parse_date,
    print_invalid,
    tally_counts,
    valid_officials,
    write_stdout,
)
from competency.cli._vector import check_vector
from competency.io.roster import Tally, checked_records
from competency.io.sheets import CsvWriter, Sheet, write_xlsx
from competency.model.official import Official, Position
from competency.rules.outcome import Outcome, conjunction
from competency.standards.catalogue import Catalog
from competency.standards.checking import check as check_official
from competency.standards.checking import evaluate
from competency.standards.evaluate import StandardResult
from competency.standards.report import (
    RESULT_HEADERS_VI,
    event_line,
    explain_lines,
    result_dict,
    result_row,
    result_row_vi,
)

_OVERLAY = typer.Option(None, "--overlay", help="Provincial overlay or draft standards file")
_DRAFTS = typer.Option(False, "--include-drafts", help="Also apply draft standards")


def _results(official: Official, on: dt.date, catalog: Catalog, standard: str | None,
             position: str | None, drafts: bool) -> list[StandardResult]:
    if standard is not None:
        return [evaluate(official, standard, on, catalog=catalog, include_drafts=drafts)]
    if position is not None:
        return list(evaluate(official, Position(title=position), on, catalog=catalog,
                             include_drafts=drafts).results)
    return check_official(official, on, catalog=catalog, include_drafts=drafts)


def _state(result: StandardResult) -> str:
    if result.outcome is Outcome.UNMET and result.due is not None:
        return f"unmet (due {result.due.isoformat()})"
    return result.outcome.code


def _by_count(item: tuple[tuple[str, str], int]) -> tuple[int, str, str]:
    """Most frequent first; ties by standard and rule, so that a summary is reproducible."""
    (standard, rule), count = item
    return (-count, standard, rule)


def _summary(tally: Tally, outcomes: Counter[str], failing: Counter[tuple[str, str]],
             without: int) -> dict[str, object]:
    return {"records": tally.as_dict(), "results": dict(sorted(outcomes.items())),
            "officials_without_applicable_standard": without,
            "failing_rules": [{"standard": s, "rule": r, "count": c}
                              for (s, r), c in sorted(failing.items(), key=_by_count)]}


def _print_summary(summary: dict[str, object]) -> None:
    records = summary["records"]
    err.print(f"records: read {records['read']}, valid {records['valid']}, "  # type: ignore[index]
              f"invalid {records['invalid']}", markup=False)  # type: ignore[index]
    results = ", ".join(f"{k} {v}" for k, v in summary["results"].items())  # type: ignore[attr-defined]
    err.print(f"results: {results or 'none'}; officials without an applicable standard: "
              f"{summary['officials_without_applicable_standard']}", markup=False)
    rules = summary["failing_rules"]
    if rules:
        err.print("failing rules (yêu cầu chưa đạt):", markup=False)
        for item in rules[:15]:  # type: ignore[index]
            err.print(f"  {item['count']:>7}  {item['standard']} › {item['rule']}", markup=False)


def check(
    roster: Path = typer.Argument(..., help="Roster file"),
    on: str | None = typer.Option(None, "--on", help="As-of date YYYY-MM-DD (default today)"),
    standard: str | None = typer.Option(None, "--standard", help="Check against this standard only"),
    position: str | None = typer.Option(None, "--position", help="Check against this post's standards"),
    fmt: Format = typer.Option(Format.TABLE, "--format"),
    explain: bool = typer.Option(False, "--explain", help="Show the whole requirement tree"),
    show_all: bool = typer.Option(False, "--all", help="Table: also list met results"),
    lang: str = typer.Option("vi", "--lang", help="vi or en"),
    overlay: list[Path] = _OVERLAY,
    drafts: bool = _DRAFTS,
    out_file: Path | None = typer.Option(None, "--out", help="Workbook for --format xlsx"),
    engine: str = typer.Option("reference", "--engine",
                               help="reference (every format) or vector (bulk: JSON Lines in, "
                                    "--format jsonl or csv out; needs the vector extra)"),
    jobs: int = typer.Option(1, "--jobs", min=0,
                             help="--engine vector: processes (0: one per core)"),
) -> None:
    """Evaluate each official against the standards of each current post, with citations."""
    if fmt is Format.XLSX and out_file is None:
        raise typer.BadParameter("--format xlsx writes a workbook: give --out FILE.xlsx")
    day = parse_date(on)
    if engine not in ("reference", "vector"):
        raise typer.BadParameter(f"unknown engine {engine!r}; expected reference or vector")
    if engine == "vector":
        if standard is not None or position is not None:
            raise typer.BadParameter("--engine vector checks the standards of each current post; "
                                     "use --engine reference with --standard or --position")
        load_catalog(overlay)  # a bad overlay is reported before any work
        tally, outcomes, failing, without = check_vector(
            roster, day, overlays=overlay, drafts=drafts, fmt=fmt, explain=explain, jobs=jobs)
        _print_summary(_summary(tally, outcomes, failing, without))
        raise typer.Exit(exit_status(tally))
    catalog = load_catalog(overlay)
    if standard is not None:
        catalog.get(standard)
    tally, outcomes, failing, without = Tally(), Counter[str](), Counter[tuple[str, str]](), 0
    rows: list[StandardResult] = []
    writer = CsvWriter(sys.stdout) if fmt is Format.CSV else None
    if writer:
        writer.writerow(_CSV_FIELDS)
    for official in valid_officials(roster, tally, day):
        results = _results(official, day, catalog, standard, position, drafts)
        without += not results
        for result in results:
            outcomes[_state(result)] += 1
            failing.update((result.standard.id, ev.rule_id) for ev in result.failing())
            if fmt is Format.JSONL:
                write_stdout(json.dumps(result_dict(result, explain=explain), ensure_ascii=False) + "\n")
            elif writer:
                row = result_row(result)
                writer.writerow(row[field] for field in _CSV_FIELDS)
            elif fmt in (Format.JSON, Format.XLSX) or show_all or result.outcome is not Outcome.MET:
                rows.append(result)
    summary = _summary(tally, outcomes, failing, without)
    if fmt is Format.JSON:
        write_stdout(json.dumps({"on": day.isoformat(), "summary": summary,
                                 "results": [result_dict(r, explain=explain) for r in rows]},
                                ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.XLSX and out_file is not None:
        write_xlsx([Sheet(name="Kết quả", headers=RESULT_HEADERS_VI,
                          rows=[result_row_vi(r) for r in rows])], out_file)
        err.print(f"wrote {out_file}", markup=False)
    elif fmt in (Format.TABLE, Format.TEXT):
        _print_table(rows, lang, explain)
    _print_summary(summary)
    raise typer.Exit(exit_status(tally))


_CSV_FIELDS = ("official_id", "title", "standard", "instrument", "outcome", "due", "failing",
               "tested_on")


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
    table = Table("official", "post", "instrument", "outcome", "due", "why",
                  title=f"{len(rows)} results" if lang == "en" else f"{len(rows)} kết quả")
    for result in rows:
        why = "\n".join(f"{ev.rule_id}: {ev.found[lang] if ev.found else ev.outcome.label(lang)}"
                        for ev in result.failing())
        table.add_row(result.official_id, result.title or "-", result.standard.legal_basis[0].cite(),
                      result.outcome.label(lang), result.due.isoformat() if result.due else "",
                      why)
    out.print(table)


def explain(
    roster: Path = typer.Argument(..., help="Roster file"),
    official_id: str = typer.Option(..., "--id", help="Official id"),
    on: str | None = typer.Option(None, "--on", help="As-of date (default today)"),
    lang: str = typer.Option("vi", "--lang", help="vi or en"),
    overlay: list[Path] = _OVERLAY,
    drafts: bool = _DRAFTS,
) -> None:
    """Explain, requirement by requirement, how one official fares on a date."""
    day = parse_date(on)
    catalog = load_catalog(overlay)
    for record in checked_records(roster):
        if record.record_id != official_id:
            continue
        if record.official is None:
            print_invalid(record)
            raise typer.Exit(EXIT_INVALID)
        results = check_official(record.official, day, catalog=catalog, include_drafts=drafts)
        if not results:
            out.print(f"{official_id}: không có tiêu chuẩn nào áp dụng ngày {day} · no applicable "
                      f"standard on {day}", markup=False)
        for result in results:
            out.print(f"{official_id} · {result.title or '-'} · {result.standard.id} · "
                      f"{result.standard.title[lang]}", markup=False, style="bold")
            _print_event(result, lang)
            for line in explain_lines(result.evaluation, lang):
                out.print(line, markup=False)
        raise typer.Exit(EXIT_OK)
    err.print(f"{roster}: no record with id {official_id!r}", markup=False)
    raise typer.Exit(EXIT_UNUSABLE)


def _by_post(results: list[StandardResult]) -> dict[str, list[StandardResult]]:
    posts: dict[str, list[StandardResult]] = {}
    for result in results:
        posts.setdefault(result.title or "-", []).append(result)
    return posts


def _post_state(results: list[StandardResult]) -> str:
    """The outcome of a post over all its standards: met, unmet (due …), unmet, unknown."""
    if not results:
        return "no standard"
    outcome = conjunction(r.outcome for r in results)
    unmet = [r for r in results if r.outcome is Outcome.UNMET]
    if outcome is Outcome.UNMET and all(r.due for r in unmet):
        return f"unmet (due {max(r.due for r in unmet if r.due).isoformat()})"
    return outcome.code


def _outcome(results: list[StandardResult]) -> str:
    return conjunction(r.outcome for r in results).code if results else "no standard"


def _changes(official: Official, before: list[StandardResult],
             after: list[StandardResult]) -> Iterator[dict[str, object]]:
    old, new = _by_post(before), _by_post(after)
    for post in sorted(old.keys() | new.keys()):
        a, b = old.get(post, []), new.get(post, [])
        if _outcome(a) == _outcome(b):
            continue
        ended = sorted({r.standard.id for r in a} - {r.standard.id for r in b})
        started = sorted({r.standard.id for r in b} - {r.standard.id for r in a})
        yield {"official_id": official.id, "post": post, "before": _post_state(a),
               "after": _post_state(b), "ended": ended, "started": started,
               "instruments": sorted({r.standard.legal_basis[0].cite() for r in b}),
               "why": [ev.message("en") for r in b for ev in r.failing()]}


def diff(
    roster: Path = typer.Argument(..., help="Roster file"),
    date_from: str | None = typer.Option(None, "--from", help="First date"),
    date_to: str | None = typer.Option(None, "--to", help="Second date"),
    with_file: Path | None = typer.Option(None, "--with",
                                          help="Draft or overlay to compare with the standards in force"),
    fmt: Format = typer.Option(Format.TEXT, "--format", help="text, json or jsonl"),
) -> None:
    """Who changes outcome between two dates, or when a draft or overlay is adopted, and why."""
    first, second = parse_date(date_from), parse_date(date_to or date_from)
    base = Catalog.builtin()
    changed = base.with_file(with_file) if with_file else base
    drafts = with_file is not None
    tally, changes = Tally(), []
    for official in valid_officials(roster, tally):
        before = check_official(official, first, catalog=base)
        after = check_official(official, second, catalog=changed, include_drafts=drafts)
        for change in _changes(official, before, after):
            changes.append(change)
            if fmt is Format.JSONL:
                write_stdout(json.dumps(change, ensure_ascii=False) + "\n")
    if fmt is Format.JSON:
        write_stdout(json.dumps({"from": first.isoformat(), "to": second.isoformat(),
                                 "with": str(with_file) if with_file else None,
                                 "changes": changes}, ensure_ascii=False, indent=2) + "\n")
    elif fmt is not Format.JSONL:
        for c in changes:
            out.print(f"{c['official_id']} · {c['post']}: {c['before']} → {c['after']}", markup=False,
                      style="bold")
            if c["started"]:
                out.print(f"    in force: {', '.join(c['started'])} ({', '.join(c['instruments'])})",
                          markup=False)
            if c["ended"]:
                out.print(f"    ended: {', '.join(c['ended'])}", markup=False)
            for why in c["why"]:
                out.print(f"    {why}", markup=False)
    err.print(f"records: {tally_counts(tally)}; changed: {len(changes)} post(s)", markup=False)
    raise typer.Exit(exit_status(tally))
