"""``competency select``: rank a roster for a training scheme, with reasons and commitments."""

from __future__ import annotations

import itertools
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import typer
from rich.table import Table

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
    write_xlsx,
)
from competency.io.datafiles import read_data_file
from competency.io.json_stream import Rows, write_json
from competency.io.roster import Tally
from competency.selection import (
    Candidate,
    Quota,
    QuotaGroup,
    Report,
    SelectionScheme,
    get_scheme,
    select_spooled,
)
from competency.selection.catalogue import load_quota_file


def _quota(scheme: SelectionScheme, total: int | None, per: QuotaGroup | None,
           max_per_group: int | None, quota_file: Path | None) -> int | Quota | None:
    """The quota the options ask for: the scheme's, a file's, with a total or group limit."""
    own = None if quota_file is None else load_quota_file(read_data_file(quota_file),
                                                          str(quota_file))
    if per is None and max_per_group is None:
        return own if total is None or own is None else attrs.evolve(own, total=total)
    if per is None or max_per_group is None:
        raise typer.BadParameter("--per and --max-per-group go together")
    base = own or scheme.quota or Quota()
    return attrs.evolve(base, total=base.total if total is None else total, per=per,
                        max_per_group=max_per_group)


def _header_lines(result: Report, lang: str) -> list[str]:
    scheme, regime, commitment = result.scheme, result.regime, result.commitment
    def say(key: str) -> str:
        return message(f"select.{key}", lang)

    lines = [say("illustrative")] if result.illustrative else []
    period = f"{regime.valid_from or '…'} → {regime.valid_until or '…'}"
    confidence = message("confidence", lang)
    cites = "; ".join(c.cite(lang) for c in regime.legal_basis)
    note = scheme.scoring_note[lang] if scheme.scoring_note else ""
    lines += [
        f"{scheme.id}: {scheme.title[lang]} · {confidence}: {scheme.confidence.label(lang)}",
        (f"{say('rules')}: {regime.title[lang]} ({period}) — {cites} · "
         f"{confidence}: {regime.confidence.label(lang)}"),
        f"{say('scoring')} [{scheme.scoring_confidence.label(lang)}]: {note}",
        f"{say('order')}: {' › '.join(result.tie_break_order(lang))}",
        f"{say('commitment')}: {commitment.text[lang]}",
    ]
    if commitment.repayment is not None:
        lines.append(f"{say('repayment')}: {commitment.repayment[lang]}")
    lines.append(f"    — {'; '.join(c.cite(lang) for c in commitment.legal_basis)}")
    quota = result.quota
    if quota is not None:
        per = (f"; {quota.max_per_group} / {say('per-' + quota.per.value)}"
               if quota.per is not None else "")
        total = quota.total if quota.total is not None else "—"
        source = f" — {quota.note[lang]}" if quota.note else ""
        lines.append(f"{say('places')}: {total}{per}{source}")
    return lines


def _breakdown(candidate: Candidate, lang: str) -> str:
    """``Thâm niên 10* · Xếp loại 6``: each criterion by its title (``*``: at its cap)."""
    return " · ".join(f"{b.title[lang] if b.title else b.criterion} {b.points:g}"
                      f"{'*' if b.capped else ''}" for b in candidate.breakdown)


def _print(result: Report, lang: str, limit: int) -> None:
    for line in _header_lines(result, lang):
        out.print(line, markup=False)
    shown = list(itertools.islice(result.ranked, limit))
    table = Table("#", *(message(f"select.col-{c}", lang)
                         for c in ("official", "unit", "score", "breakdown", "selected")),
                  title=message("select.title", lang, shown=len(shown), ranked=len(result.ranked)))
    for c in shown:
        chosen = message("yes", lang) if c.selected else (c.reason[lang] if c.reason else "")
        table.add_row(str(c.rank), c.official_id, c.unit or "-", f"{c.score:g}",
                      _breakdown(c, lang), chosen)
    out.print(table)
    for line in _pool_lines(result, lang):
        out.print(line, markup=False)
    failing = Counter(line for r in result.ineligible for line in r.headlines(lang))
    out.print(message("select.ineligible", lang, n=len(result.ineligible)), markup=False)
    for (rule, what), count in failing.most_common(8):
        out.print(f"  {count:>7}  [{rule}] {what}", markup=False)
    out.print(message("select.unknown", lang, unknown=len(result.unknown),
                      outside=result.out_of_scope), markup=False)


def _pool_lines(result: Report, lang: str) -> list[str]:
    """Per quota pool: places taken, who took them, who just missed and why."""
    lines = []
    for pool in result.pool_report():
        chosen = pool["chosen"]
        lines.append(message("select.pool", lang, title=pool["title"][lang], taken=len(chosen),
                             places=pool["places"], chosen=", ".join(chosen) or "—"))
        lines += ["    " + message("select.just-missed", lang, rank=m["rank"],
                                   id=m["official_id"], reason=m["reason"][lang])
                  for m in pool["just_missed"]]
    return lines


def _pool_title(result: Report, pool: str | None) -> str | None:
    pools = {} if result.quota is None else {p.id: p.title.vi for p in result.quota.pools}
    return pools.get(pool) if pool else None


_RANK_COLUMNS = ("Thứ hạng", "Mã hồ sơ", "Đơn vị", "Tổng điểm", "Được chọn", "Chỉ tiêu", "Lý do")


def _criterion_points(candidate: Candidate, criteria: list[str]) -> list[float | None]:
    """The points of each criterion in the scheme's order: one column per criterion."""
    points = {b.criterion: b.points for b in candidate.breakdown}
    return [points.get(k) for k in criteria]


def _sheets(result: Report) -> list[Sheet]:
    criteria = [c.id for c in result.scheme.criteria]
    titles = {c.id: (c.title.vi if c.title else c.id) for c in result.scheme.criteria}
    ranked = ([c.rank, c.official_id, c.unit, c.score, "có" if c.selected else "không",
               _pool_title(result, c.pool), c.reason.vi if c.reason else None,
               *_criterion_points(c, criteria)]
              for c in result.ranked)
    info = [[line] for line in _header_lines(result, "vi")]
    return [
        Sheet(name="Xếp hạng", headers=[*_RANK_COLUMNS, *[f"Điểm: {titles[k]}" for k in criteria]],
              rows=ranked),
        Sheet(name="Không đủ điều kiện", headers=["Mã hồ sơ", "Đơn vị", "Lý do (kèm căn cứ)"],
              rows=([r.official_id, r.unit, "\n".join(r.reasons("vi"))]
                    for r in result.ineligible)),
        Sheet(name="Chưa đủ dữ liệu", headers=["Mã hồ sơ", "Đơn vị", "Thiếu dữ liệu"],
              rows=([u.official_id, u.unit, "\n".join(t.vi for t in u.missing)]
                    for u in result.unknown)),
        Sheet(name="Điều kiện và cam kết", headers=["Thông tin"], rows=info),
    ]


def _csv(result: Report, lang: str) -> Sheet:
    criteria = [c.id for c in result.scheme.criteria]

    def rows() -> Iterator[list[Any]]:
        for c in result.ranked:
            yield ["selected" if c.selected else "reserve", c.rank, c.official_id, c.unit,
                   c.score, c.reason[lang] if c.reason else "", *_criterion_points(c, criteria)]
        for r in result.ineligible:
            yield ["ineligible", None, r.official_id, r.unit, None, " | ".join(r.reasons(lang)),
                   *[None] * len(criteria)]
        for u in result.unknown:
            yield ["unknown", None, u.official_id, u.unit, None,
                   " | ".join(t[lang] for t in u.missing), *[None] * len(criteria)]
    return Sheet(name="selection", rows=rows(), headers=[
        "status", "rank", "official_id", "unit", "score", "reason", *criteria])


def select_command(
    roster: Path = typer.Argument(..., help="Roster file"),
    scheme_id: str = typer.Option(..., "--scheme", help="Scheme id, e.g. vn.postgraduate-dispatch"),
    on: str | None = typer.Option(None, "--on", metavar="DATE", help="Dispatch date YYYY-MM-DD (default today)"),
    quota: int | None = typer.Option(None, "--quota", min=0, help="Places in all"),
    per: QuotaGroup | None = typer.Option(None, "--per", help="Per-group limit by unit, province "
                                                              "or field (with --max-per-group)"),
    max_per_group: int | None = typer.Option(None, "--max-per-group", min=1),
    quota_file: Path | None = typer.Option(
        None, "--quota-file", metavar="FILE",
        help="Quota file (YAML/JSON): places by pool (degree, field, unit), priority groups"),
    fmt: OutputFormat = typer.Option(OutputFormat.TABLE, "--format"),
    out_file: Path | None = typer.Option(None, "--out", metavar="FILE", help="Write here (required for xlsx)"),
    limit: int = typer.Option(20, "--limit", min=0, help="Table: ranked candidates shown"),
    lang: Lang = LANG,
    redact: bool = REDACT,
) -> None:
    """Rank a roster for a training scheme, with reasons, citations and the commitment.

    Eligible candidates are ranked by score with its breakdown; the ineligible come with the
    failing rules and their citations; candidates with missing data are kept apart.
    """
    check_destination(fmt, out_file)
    scheme = get_scheme(scheme_id)
    day = parse_date(on)
    scheme.regime(day)  # no regime on that date: one message, exit 2, before reading the roster
    tally = Tally()
    result = select_spooled(valid_officials(roster, tally, day, redact=redact, lang=lang), scheme, day,
                    quota=_quota(scheme, quota, per, max_per_group, quota_file))
    if fmt is OutputFormat.JSON:
        with output_to(out_file):
            write_json({"records": tally.as_dict(), **result.as_dict(Rows)}, sys.stdout)
    elif fmt is OutputFormat.CSV:
        write_csv(_csv(result, lang), out_file)
    elif fmt is OutputFormat.XLSX:
        write_xlsx(_sheets(result), out_file)
    else:
        with output_to(out_file):
            _print(result, lang, limit)
    counts = result.counts()
    err.print(message("select.summary", lang, counts=tally_counts(tally, lang),
                      ranked=counts["ranked"], selected=counts["selected"],
                      ineligible=counts["ineligible"], unknown=counts["unknown"],
                      outside=counts["out_of_scope"]), markup=False)
    if out_file is not None:
        print_wrote(out_file, lang)
    result.close()
    raise typer.Exit(exit_status(tally))
