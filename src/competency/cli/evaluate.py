"""``competency evaluate``: evaluation after training (đánh giá sau đào tạo, bồi dưỡng).

Who took which class comes from a participations file, the levels before and after from an
assessments file; the classes' general evaluation index is banded under Circular
10/2017/TT-BNV (bands as data, ``needs-check``). Every record of both files is counted.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from competency.cli._common import (
    LANG,
    Lang,
    err,
    exit_status,
    out,
    parse_date,
    print_wrote,
    tally_counts,
    valid_values,
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
from competency.cli.plan import PROGRAMMES, load_programmes
from competency.io.assessments import read_assessments, read_participations
from competency.io.roster import Tally
from competency.training.evaluation import TrainingEvaluation, evaluate_training

__all__ = ["evaluate"]

_CHANGES = ("programme", "unit", "competency", "participants", "completed", "compared",
            "mean_before", "mean_after", "mean_change", "improved", "unchanged", "declined")
"""Columns of the level changes: CSV names; headers are ``evaluate.col-…`` messages."""


def _headers(columns: tuple[str, ...], lang: str) -> list[str]:
    return [message(f"evaluate.col-{c}", lang) for c in columns]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _change_rows(result: TrainingEvaluation) -> list[list[Any]]:
    rows = []
    for c in result.changes:
        values = {k: getattr(c, k) for k in _CHANGES}
        rows.append([_round(v) if isinstance(v, float) else v
                     for v in (values[k] for k in _CHANGES)])
    return rows


def _sheets(result: TrainingEvaluation) -> list[Sheet]:
    programmes = [[q.programme, q.classes, _round(q.index), q.band.name.vi if q.band else None]
                  for q in result.quality]
    classes = [[c.programme, c.class_id, _round(c.index), c.band.name.vi] for c in result.classes]
    note = [["Căn cứ xếp loại", result.bands.cite()],
            ["Độ tin cậy", result.bands.confidence.label("vi")],
            ["Ngày đánh giá", result.on]]
    return [
        Sheet(name="Thay đổi cấp độ", headers=_headers(_CHANGES, "vi"),
              rows=_change_rows(result)),
        Sheet(name="Chất lượng chương trình", headers=[
            "Mã chương trình", "Số lớp có chỉ số", "Chỉ số đánh giá chung", "Xếp loại"],
            rows=programmes),
        Sheet(name="Chất lượng lớp", headers=[
            "Mã chương trình", "Mã lớp", "Chỉ số đánh giá chung", "Xếp loại"], rows=classes),
        Sheet(name="Ghi chú", headers=["Mục", "Nội dung"], rows=note),
    ]


def _print(result: TrainingEvaluation, lang: str) -> None:
    changes = Table(*_headers(_CHANGES, lang), title=message("evaluate.changes", lang))
    for row in _change_rows(result):
        changes.add_row(*("—" if v is None else str(v) for v in row))
    out.print(changes)
    quality = Table(*_headers(("programme", "class", "index", "band"), lang),
                    title=message("evaluate.quality", lang))
    for q in result.quality:
        band = q.band.name[lang] if q.band else "—"
        quality.add_row(q.programme, "*", "—" if q.index is None else f"{q.index:.2f}", band)
        for c in (c for c in result.classes if c.programme == q.programme):
            quality.add_row("", c.class_id, f"{c.index:.2f}", c.band.name[lang])
    out.print(quality)
    out.print(f"{message('evaluate.bands', lang)}: {result.bands.cite(lang)}", markup=False)


def evaluate(
    participations: Path = typer.Argument(..., help="Participations file (.jsonl .json .csv .xlsx)"),
    assessments: list[Path] | None = typer.Option(
        None, "--assessments", metavar="FILE",
        help="Assessments before and after the classes (repeat for several files)"),
    on: str | None = typer.Option(None, "--on", metavar="DATE", help="Evaluation date YYYY-MM-DD (default today)"),
    programmes: str = PROGRAMMES,
    fmt: OutputFormat = typer.Option(OutputFormat.TABLE, "--format",
                                     help="table, json, csv (level changes) or xlsx"),
    out_file: Path | None = typer.Option(None, "--out", metavar="FILE", help="Write here (required for xlsx)"),
    lang: Lang = LANG,
) -> None:
    """Evaluation after training: levels before and after by programme, unit and competency;
    the classes' quality bands (Circular 10/2017/TT-BNV)."""
    check_destination(fmt, out_file)
    day = parse_date(on)
    catalog = load_programmes(programmes)
    taken, tally = valid_values(read_participations(participations), lang)
    assessed, counted = (valid_values(itertools.chain.from_iterable(
        read_assessments(path) for path in assessments), lang) if assessments else ([], None))
    result = evaluate_training(taken, assessed, programmes=catalog, on=day)
    if fmt is OutputFormat.JSON:
        write_text(json.dumps({"participations": tally.as_dict(),
                               "assessments": counted.as_dict() if counted else None,
                               **result.as_dict()}, ensure_ascii=False, indent=2) + "\n",
                   out_file)
    elif fmt is OutputFormat.CSV:
        write_csv(Sheet(name="changes", headers=list(_CHANGES),
                        rows=_change_rows(result)), out_file)
    elif fmt is OutputFormat.XLSX:
        write_xlsx(_sheets(result), out_file)
    else:
        with output_to(out_file):
            _print(result, lang)
    _summary(participations, tally, assessments, counted, lang)
    if out_file is not None:
        print_wrote(out_file, lang)
    raise typer.Exit(exit_status(tally, counted))


def _summary(participations: Path, tally: Tally, assessments: list[Path] | None,
             counted: Tally | None, lang: str) -> None:
    err.print(message("evaluate.participations", lang, file=participations,
                      counts=tally_counts(tally, lang)), markup=False)
    if assessments is not None and counted is not None:
        err.print(message("evaluate.assessments", lang,
                          file=", ".join(str(path) for path in assessments),
                          counts=tally_counts(counted, lang)), markup=False)

