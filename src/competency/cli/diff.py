"""``competency diff``: who changes outcome between two dates, or when a draft is adopted."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer

from competency.cli._common import (
    LANG,
    REDACT,
    Format,
    Lang,
    err,
    exit_status,
    load_catalog,
    out,
    parse_date,
    print_wrote,
    tally_counts,
    valid_officials,
    write_stdout,
)
from competency.cli._messages import message
from competency.cli._output import output_to
from competency.io.roster import Tally
from competency.io.sheets import Sheet, write_csv, write_xlsx
from competency.model.official import Official
from competency.rules.outcome import Outcome, conjunction
from competency.standards.catalogue import Catalog
from competency.standards.checking import check as check_official
from competency.standards.evaluate import StandardResult

__all__ = ["diff"]

_COLUMNS = ("official_id", "post", "before", "after", "started", "ended", "instruments", "why")
_HEADERS_VI = ("Mã hồ sơ", "Mã chức danh", "Trước", "Sau", "Mã tiêu chuẩn bắt đầu áp dụng",
               "Mã tiêu chuẩn hết áp dụng", "Văn bản", "Lý do")


def _by_post(results: list[StandardResult]) -> dict[str, list[StandardResult]]:
    posts: dict[str, list[StandardResult]] = {}
    for result in results:
        posts.setdefault(result.title or "-", []).append(result)
    return posts


def _post_state(results: list[StandardResult], lang: str | None = None) -> str:
    """The outcome of a post over all its standards: met, unmet (due …), unmet, unknown.

    Codes, unless ``lang`` asks for the words of a language.
    """
    if not results:
        return message("diff.no-standard", lang or "en")
    outcome = conjunction(r.outcome for r in results)
    unmet = [r for r in results if r.outcome is Outcome.UNMET]
    text = outcome.label(lang) if lang else outcome.code
    if outcome is Outcome.UNMET and all(r.due for r in unmet):
        due = max(r.due for r in unmet if r.due)
        when = f"{due:%d/%m/%Y}" if lang == "vi" else due.isoformat()
        return f"{text} ({message('due', lang or 'en')} {when})"
    return text


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
               "why": [ev.message("en") for r in b for ev in r.failing()],
               "vi": {"before": _post_state(a, "vi"), "after": _post_state(b, "vi"),
                      "why": [ev.message("vi") for r in b for ev in r.failing()]}}


def _sheet(changes: list[dict[str, Any]], lang: str | None = None) -> Sheet:
    """One row per changed post (codes; Vietnamese words with ``lang="vi"``); lists joined
    with `` | `` so that a cell stays one value."""
    words = lang == "vi"
    rows = [[" | ".join(v) if isinstance(v, list) else v
             for v in ((c["vi"] if words and k in c["vi"] else c)[k] for k in _COLUMNS)]
            for c in changes]
    return Sheet(name="Thay đổi", headers=list(_HEADERS_VI if words else _COLUMNS), rows=rows)


def _print_text(changes: list[dict[str, Any]], lang: str) -> None:
    for change in changes:
        c = {**change, **change["vi"]} if lang == "vi" else change
        out.print(f"{c['official_id']} · {c['post']}: {c['before']} → {c['after']}", markup=False,
                  style="bold")
        if c["started"]:
            out.print(f"    {message('diff.in-force', lang)}: {', '.join(c['started'])} "
                      f"({', '.join(c['instruments'])})", markup=False)
        if c["ended"]:
            out.print(f"    {message('diff.ended', lang)}: {', '.join(c['ended'])}",
                      markup=False)
        for why in c["why"]:
            out.print(f"    {why}", markup=False)


def diff(
    roster: Path = typer.Argument(..., help="Roster file"),
    date_from: str | None = typer.Option(None, "--from", metavar="DATE",
                                             help="First date YYYY-MM-DD (default today)"),
    date_to: str | None = typer.Option(None, "--to", metavar="DATE",
                                           help="Second date (default: the first)"),
    with_file: Path | None = typer.Option(None, "--with", metavar="FILE",
                                          help="Draft or overlay to compare with the standards in force"),
    fmt: Format = typer.Option(Format.TEXT, "--format",
                               help="text (or table), json, jsonl, csv or xlsx"),
    out_file: Path | None = typer.Option(None, "--out", metavar="FILE",
                                         help="Write the report here (required for xlsx)"),
    redact: bool = REDACT,
    lang: Lang = LANG,
) -> None:
    """Who changes outcome between two dates, or when a draft or overlay is adopted, and why."""
    if fmt is Format.XLSX and out_file is None:
        raise typer.BadParameter("--format xlsx writes a workbook: give --out FILE.xlsx")
    if fmt is Format.PARQUET:
        raise typer.BadParameter("diff writes text, json, jsonl, csv or xlsx")
    first, second = parse_date(date_from), parse_date(date_to or date_from)
    base = Catalog.builtin()
    changed = load_catalog([with_file] if with_file else None, lang)
    drafts = with_file is not None
    tally, changes = Tally(), []
    with output_to(None if fmt in (Format.CSV, Format.XLSX) else out_file):
        for official in valid_officials(roster, tally, redact=redact, lang=lang):
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
        elif fmt is Format.CSV:
            write_csv(_sheet(changes), out_file)
        elif fmt is Format.XLSX:
            write_xlsx([_sheet(changes, "vi")], out_file)
        elif fmt is not Format.JSONL:
            _print_text(changes, lang)
    if out_file is not None:
        print_wrote(out_file, lang)
    err.print(message("diff.summary", lang, counts=tally_counts(tally, lang), n=len(changes)),
              markup=False)
    raise typer.Exit(exit_status(tally))
