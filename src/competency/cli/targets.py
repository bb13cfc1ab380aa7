"""``competency targets``: where a roster stands against workforce targets, with citations."""

from __future__ import annotations

import datetime as dt
import enum
import json
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from competency.cli import _international as intl
from competency.cli._common import (
    LANG,
    REDACT,
    Lang,
    err,
    exit_status,
    out,
    parse_date,
    print_wrote,
    tally_counts,
    valid_officials,
)
from competency.cli._messages import message
from competency.cli._output import (
    OutputFormat,
    Sheet,
    check_destination,
    output_to,
    write_csv,
    write_text,
    write_xlsx,
)
from competency.cli.gaps import load_frameworks
from competency.io.roster import Tally
from competency.io.sheets import Share
from competency.law import Confidence
from competency.standards.catalogue import Catalog
from competency.targets.catalogue import builtin_target_sets, get_target_set
from competency.targets.measure import IndicatorResult, TargetReport, check_targets
from competency.targets.model import TargetSet


class GroupBy(str, enum.Enum):
    """Groups of the ``--by`` option."""

    UNIT = "unit"
    PROVINCE = "province"


_COLUMNS: tuple[tuple[str, str], ...] = (
    ("on", "Ngày tính"),
    ("set", "Mã bộ chỉ tiêu"),
    ("indicator", "Mã chỉ tiêu"),
    ("title", "Chỉ tiêu"),
    ("group", "Mã nhóm"),
    ("group_label", "Nhóm"),
    ("counts", "Đơn vị đếm"),
    ("numerator", "Số đạt"),
    ("denominator", "Tổng số"),
    ("share", "Tỷ lệ đạt"),
    ("target_min", "Chỉ tiêu tối thiểu"),
    ("target_max", "Chỉ tiêu tối đa"),
    ("status", "Đánh giá"),
    ("gap", "Còn thiếu"),
    ("unknown", "Chưa đủ dữ liệu (không tính là đạt)"),
    ("undetermined", "Chưa xác định được thuộc đối tượng"),
    ("deadline", "Thời hạn"),
    ("confidence", "Độ tin cậy"),
    ("illustrative", "Minh họa"),
    ("citation", "Căn cứ"),
)


def _row(result: IndicatorResult, lang: str, *, labels: bool) -> list[Any]:
    """One indicator row: typed dates and shares; with ``labels``, words instead of codes."""
    data = result.as_dict()
    values = {
        "on": result.on, "set": data["set"], "indicator": data["indicator"],
        "title": data["title"][lang], "group": result.group, "group_label": result.label(lang),
        "counts": message(f"targets.counts-{data['counts']}", lang) if labels
                  else data["counts"],
        "numerator": result.numerator, "denominator": result.denominator,
        "share": None if result.share is None else Share(round(result.share, 4)),
        "target_min": _share(result.target.min), "target_max": _share(result.target.max),
        "status": result.status.label(lang) if labels else result.status.code,
        "gap": result.gap, "unknown": result.unknown, "undetermined": result.undetermined,
        "deadline": result.deadline,
        "confidence": result.confidence.label(lang) if labels else result.confidence.value,
        "illustrative": (_YES_NO[result.illustrative] if labels else result.illustrative),
        "citation": "; ".join(c.cite("vi") for c in result.citations) if labels
                    else data["citation"],
    }
    return [values[key] for key, _ in _COLUMNS]


_YES_NO = {True: "có", False: "không"}


def _share(value: float | None) -> Share | None:
    return None if value is None else Share(value)


def _snapshots(rosters: list[Path], dates: list[str]) -> list[tuple[Path, dt.date]]:
    days = [parse_date(d) for d in dates] or [parse_date(None)]
    if len(rosters) == len(days):
        return list(zip(rosters, days, strict=True))
    if len(rosters) == 1:
        return [(rosters[0], day) for day in days]
    raise typer.BadParameter(f"give one --on date per roster ({len(rosters)} rosters, "
                             f"{len(days)} dates), or several dates for one roster")


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"


def _print_table(reports: list[TargetReport], lang: str, grouped: bool) -> None:
    several = len(reports) > 1
    columns = [*(["on"] if several else []), "indicator", *(["group"] if grouped else []),
               "met", "share", "target", "status", "gap", "unknown", "due", "confidence"]
    headers = [message(f"targets.col-{c}", lang) for c in columns]
    table = Table(*headers, title=message("targets.title", lang))
    illustrative = Confidence.ILLUSTRATIVE.label(lang)
    blank = [""] * (len(headers) - 1)
    for report in reports:
        current = None
        for r in report.results:
            if r.target_set.id != current:
                current = r.target_set.id
                if table.rows:
                    table.add_section()
                head = f"{r.target_set.id}: {r.target_set.title[lang]}"
                table.add_row(*([report.on.isoformat()] if several else []), head,
                              *blank[len([report.on] if several else []):], style="bold")
            unit = (" " + message("targets.counts-units", lang)
                    if r.counts.value == "units" else "")
            confidence = r.confidence.label(lang) + (
                f" · {illustrative}" if r.illustrative
                and r.confidence is not Confidence.ILLUSTRATIVE else "")
            cells = [r.indicator.title[lang], *([r.label(lang)] if grouped else []),
                     f"{r.numerator}/{r.denominator}{unit}", _pct(r.share), str(r.target),
                     r.status.label(lang), "—" if r.gap is None else str(r.gap),
                     str(r.unknown + r.undetermined), r.deadline.isoformat(), confidence]
            table.add_row(*([report.on.isoformat()] if several else []), *cells)
    out.print(table)
    out.print(message("targets.legend", lang, needs_check=Confidence.NEEDS_CHECK.label(lang),
                      illustrative=illustrative), markup=False)


def _notes_sheet(sets: list[TargetSet]) -> Sheet:
    rows = [[s.id, s.title.vi, s.confidence.label("vi"), _YES_NO[s.illustrative],
             "; ".join(c.cite("vi") for c in s.legal_basis), s.note.vi if s.note else ""]
            for s in sets]
    return Sheet(name="Ghi chú", headers=["Mã bộ chỉ tiêu", "Tên", "Độ tin cậy", "Minh họa",
                                          "Căn cứ", "Ghi chú"], rows=rows)


def targets(
    rosters: list[Path] = typer.Argument(..., help="Roster file(s); several rosters (one --on "
                                                   "each) or several --on dates give a trajectory"),
    set_ids: list[str] = typer.Option(None, "--set", help="Target set id (repeatable; default "
                                                          "every built-in set)"),
    on: list[str] = typer.Option(None, "--on", metavar="DATE", help="As-of date YYYY-MM-DD (repeatable; "
                                                    "default today)"),
    by: GroupBy | None = typer.Option(None, "--by", help="Also report per unit or per province"),
    fmt: OutputFormat = typer.Option(OutputFormat.TABLE, "--format"),
    out_file: Path | None = typer.Option(None, "--out", metavar="FILE", help="Write here (required for xlsx)"),
    lang: Lang = LANG,
    redact: bool = REDACT,
    international: bool = typer.Option(False, "--international", help=intl.INTERNATIONAL_HELP),
    frameworks: list[Path] = typer.Option(None, "--frameworks", metavar="FILE",
                                          help="Extra position profiles marking posts "
                                               "(with --international)"),
) -> None:
    """Where a roster stands against workforce targets: share, status and gap per indicator.

    Resolution 26-NQ/TW, Decisions 1659/QĐ-TTg and 2282/QĐ-TTg (or the sets named), overall
    and per unit or province; several rosters or dates give a trajectory.
    """
    check_destination(fmt, out_file)
    sets = [get_target_set(s) for s in set_ids] if set_ids else list(builtin_target_sets().values())
    snapshots = _snapshots(rosters, on or [])
    reports, tallies, posts = [], [], []
    catalog = load_frameworks(frameworks) if international else None
    for roster, day in snapshots:
        tally = Tally()
        officials = valid_officials(roster, tally, day, redact=redact, lang=lang)
        if catalog is not None:
            counts = intl.for_targets(sets, day, catalog, Catalog.builtin().tables)
            officials = intl.tap(officials, [c.posts for c in counts])
            posts += counts
        reports.append(check_targets(officials, sets, day, by=by.value if by else None))
        tallies.append((roster, day, tally))
    reports.sort(key=lambda r: r.on)
    posts.sort(key=lambda c: c.posts.on)
    labels = fmt is OutputFormat.XLSX
    rows = [_row(r, "vi" if labels else lang, labels=labels)
            for rep in reports for r in rep.results]
    if fmt is OutputFormat.JSON:
        data = {"records": [{"roster": str(p), "on": d.isoformat(), **t.as_dict()}
                            for p, d, t in tallies],
                "reports": [r.as_dict() for r in reports]}
        if international:
            data["international_posts"] = intl.targets_document(posts)
        write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", out_file)
    elif fmt is OutputFormat.CSV and international:
        write_csv(intl.targets_sheet(posts, lang), out_file)
    elif fmt is OutputFormat.CSV:
        write_csv(Sheet(name="targets", headers=[k for k, _ in _COLUMNS], rows=rows), out_file)
    elif fmt is OutputFormat.XLSX:
        write_xlsx([Sheet(name="Chỉ tiêu", headers=[vi for _, vi in _COLUMNS], rows=rows),
                    _notes_sheet(sets), *([intl.targets_sheet(posts, "vi")] if international
                                          else [])], out_file)
    else:
        with output_to(out_file):
            _print_table(reports, lang, grouped=by is not None)
            for report in reports if international else ():
                intl.print_targets([c for c in posts if c.posts.on == report.on], report.on, lang)
    for roster, day, tally in tallies:
        err.print(message("targets.summary", lang, roster=roster, on=day.isoformat(),
                          counts=tally_counts(tally, lang)), markup=False)
    if international and not posts:
        err.print(intl.no_indicator(lang), markup=False)
    if out_file is not None:
        print_wrote(out_file, lang)
    raise typer.Exit(exit_status(*(tally for _, _, tally in tallies)))
