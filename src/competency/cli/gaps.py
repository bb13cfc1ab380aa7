"""``competency gaps``: who falls short of their position, grouped by unit, position or level."""

from __future__ import annotations

import enum
import itertools
import json
import sys
from pathlib import Path

import typer
from rich.table import Table

from competency.cli import _international as intl
from competency.cli._common import (
    LANG,
    REDACT,
    Lang,
    err,
    exit_status,
    load_catalog,
    out,
    parse_date,
    print_wrote,
    tally_counts,
    valid_officials,
    valid_values,
    write_stdout,
)
from competency.cli._messages import message
from competency.cli._output import output_to, write_csv
from competency.frameworks.catalogue import FrameworkCatalog
from competency.frameworks.gaps import CohortGaps, GapKind, GapReport, cohort_gaps
from competency.frameworks.report import gaps_document
from competency.io.assessments import read_assessments
from competency.io.roster import Tally
from competency.io.sheets import CsvWriter
from competency.model.assessment_index import AssessmentIndex

__all__ = ["gaps", "load_assessments", "load_frameworks", "print_counts"]


class By(str, enum.Enum):
    """Grouping of the summary."""

    UNIT = "unit"
    POSITION = "position"
    LEVEL = "level"


class GapFormat(str, enum.Enum):
    """Output formats of ``competency gaps``."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


_CSV_HEAD = ("Nhóm theo", "Mã nhóm", "Tên nhóm", "Số người", "Loại khoảng cách", "Nguồn",
             "Yêu cầu", "Nội dung", "Số người thiếu hụt", "Tỷ lệ", "Danh sách mã hồ sơ")

OVERLAY = typer.Option(None, "--overlay", metavar="FILE", help="Provincial overlay or draft standards file")
FRAMEWORKS = typer.Option(None, "--frameworks", metavar="FILE",
                          help="Extra frameworks and profiles file (same format as the built-in)")
ASSESSMENTS = typer.Option(None, "--assessments", metavar="FILE",
                           help="Competency assessments (JSONL, JSON, CSV or XLSX); repeat for "
                                "several files")


def load_frameworks(files: list[Path] | None, profile: str | None = None) -> FrameworkCatalog:
    """The built-in frameworks plus any files given, in order.

    With ``profile``, an unknown profile id fails here, before any roster is read.
    """
    catalog = FrameworkCatalog.builtin()
    for path in files or ():
        catalog = catalog.with_file(path)
    if profile is not None:
        catalog.profile(profile)
    return catalog


def load_assessments(paths: list[Path] | None, lang: str = "en"
                     ) -> tuple[AssessmentIndex | None, Tally | None]:
    """Every valid assessment of the files (several rounds, several units) and the counts;
    invalid ones are printed with their file and line.

    Both are None without a file, so that no assessment counts are reported.
    """
    if not paths:
        return None, None
    valid, tally = valid_values(itertools.chain.from_iterable(read_assessments(p) for p in paths),
                                lang)
    return AssessmentIndex(valid), tally


def print_counts(tally: Tally, assessed: Tally | None, lang: str = "en") -> None:
    """The records read from the roster and, when given, from the assessments file."""
    err.print(message("gaps.records", lang, counts=tally_counts(tally, lang)), markup=False)
    if assessed is not None:
        err.print(message("assessments", lang, counts=tally_counts(assessed, lang)),
                  markup=False)


def _summary(tally: Tally, assessed: Tally | None, cohort: CohortGaps, lang: str) -> None:
    print_counts(tally, assessed, lang)
    kinds = ", ".join(f"{k.label(lang)} {v}" for k, v in
                      sorted(cohort.kinds.items(), key=lambda kv: kv[0].order)) or "-"
    err.print(message("gaps.summary", lang, with_gaps=cohort.with_gaps,
                      officials=cohort.officials, kinds=kinds, needs=cohort.needs),
              markup=False)


def _short(source: str) -> str:
    return source.removeprefix("vn.")


def _table(cohort: CohortGaps, by: str, lang: str) -> None:
    name = message(f"gaps.by-{by}", lang)
    table = Table(name, *(message(f"gaps.col-{c}", lang) for c in ("name", "officials",
                                                                    "with-gaps")),
                  *(k.label(lang) for k in GapKind), message("gaps.col-most-common", lang),
                  title=message("gaps.title", lang, by=name, on=cohort.on))
    for group in cohort.by(by):
        def cell(count: int, g=group) -> str:
            return f"{count} ({g.share(count):.0%})" if count else ""
        top = [s for s in group.ordered_subjects()
               if s.kind in (GapKind.LEGAL_UNMET, GapKind.COMPETENCY)][:3]
        table.add_row(group.key, group.label, str(group.officials), cell(len(group.with_gaps)),
                      *(cell(len(group.kinds.get(k, []))) for k in GapKind),
                      "\n".join(f"{s.count}× {s.rule} ({_short(s.source)})" for s in top))
    out.print(table)


def _csv(cohort: CohortGaps, by: str, lang: str) -> None:
    writer = CsvWriter(sys.stdout)
    writer.writerow(_CSV_HEAD)
    for group in [cohort.total, *cohort.by(by)]:
        dimension = "tất cả" if group is cohort.total else by
        for subject in group.ordered_subjects():
            writer.writerow([dimension, group.key, group.label, group.officials,
                             subject.kind.label(lang), subject.source, subject.rule,
                             subject.label[lang], subject.count, f"{group.share(subject.count):.4f}",
                             " ".join(subject.who)])


def gaps(
    roster: Path = typer.Argument(..., help="Roster file (.jsonl .json .csv .xlsx)"),
    profile: str | None = typer.Option(None, "--profile",
                                       help="Position profile id for every official "
                                            "(default: the profiles matching each post)"),
    assessments: list[Path] | None = ASSESSMENTS,
    on: str | None = typer.Option(None, "--on", metavar="DATE", help="As-of date YYYY-MM-DD (default today)"),
    by: By = typer.Option(By.UNIT, "--by", help="Group by unit, position or level"),
    fmt: GapFormat = typer.Option(GapFormat.TABLE, "--format", help="table, json or csv"),
    official_id: str | None = typer.Option(None, "--id",
                                           help="Show one official's gap report instead"),
    lang: Lang = LANG,
    overlay: list[Path] = OVERLAY,
    frameworks: list[Path] = FRAMEWORKS,
    drafts: bool = typer.Option(False, "--include-drafts", help="Also apply draft standards"),
    redact: bool = REDACT,
    out_file: Path | None = typer.Option(None, "--out", metavar="FILE", help="Write the report here"),
    international: bool = typer.Option(False, "--international", help=intl.INTERNATIONAL_HELP),
    names: bool = typer.Option(False, "--names",
                               help="List the ids of the officials behind each count (JSON, CSV)"),
) -> None:
    """Gaps between each official and their position: standards unmet or unknown, competency
    shortfalls; summarised by unit, position or administrative level.

    Counts only by default, in memory that does not grow with the roster; --names adds who."""
    day = parse_date(on)
    catalog = load_catalog(overlay, lang)
    fws = load_frameworks(frameworks, profile)
    index, assessed = load_assessments(assessments, lang)
    tally = Tally()
    officials = valid_officials(roster, tally, day, redact=redact, lang=lang)
    reports: list[GapReport] = []
    if official_id is not None:
        officials = (o for o in officials if o.id == official_id)
    posts = intl.for_gaps(day, fws, catalog.tables, index) if international else None
    if posts is not None:
        officials = intl.tap(officials, [posts])
    cohort = cohort_gaps(officials, on=day, profile=profile, assessments=index, catalog=catalog,
                         frameworks=fws, include_drafts=drafts,
                         each=reports.append if official_id is not None else None,
                         names=names, keep_needs=False)
    with output_to(out_file, bom=fmt is GapFormat.CSV):
        if official_id is not None:
            if not reports:
                err.print(message("no-valid-record", lang, roster=roster, id=official_id),
                          markup=False)
                raise typer.Exit(2)
            for report in reports:
                if fmt is GapFormat.JSON:
                    write_stdout(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n")
                else:
                    for line in report.lines(lang):
                        out.print(line, markup=False)
        elif fmt is GapFormat.JSON:
            document = gaps_document(tally, cohort, by.value, assessed)
            if posts is not None:
                document["international_posts"] = intl.gaps_document(posts, by.value)
            json.dump(document, sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
        elif fmt is GapFormat.CSV and posts is not None:
            write_csv(intl.gaps_sheet(posts, by.value, lang), None)
        elif fmt is GapFormat.CSV:
            _csv(cohort, by.value, lang)
        else:
            _table(cohort, by.value, lang)
            if posts is not None:
                intl.print_gaps(posts, by.value, lang)
    if out_file is not None:
        print_wrote(out_file, lang)
    _summary(tally, assessed, cohort, lang)
    if posts is not None:
        intl.summary(posts, lang)
    raise typer.Exit(exit_status(tally, assessed))

