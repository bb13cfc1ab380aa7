"""``competency template KIND FILE.xlsx``: a blank workbook an HR office fills in Excel.

The competency and programme drop-downs list the ids of the frameworks and programmes this
command loads (built-in, plus ``--frameworks`` / ``--programmes``), so a filled assessment or
participation sheet names what ``gaps`` and ``evaluate`` will find.
"""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path

import typer

from competency.cli._common import LANG, Lang, err
from competency.cli.gaps import FRAMEWORKS, load_frameworks
from competency.cli.plan import PROGRAMMES, load_programmes
from competency.errors import InputError
from competency.io.templates import GUIDE_SHEET, LISTS_SHEET, Choice, write_template

__all__ = ["template"]


class Kind(str, enum.Enum):
    """What the workbook is for."""

    ROSTER = "roster"
    ASSESSMENTS = "assessments"
    PARTICIPATIONS = "participations"


def _lists(kind: Kind, lang: str, frameworks: list[Path] | None,
           programmes: str) -> dict[str, list[Choice]]:
    """Drop-downs from the catalogues: competency ids for assessments, programmes for
    participations."""
    if kind is Kind.ASSESSMENTS:
        catalog = load_frameworks(frameworks)
        found = {c.id: Choice(c.id, f"{c.name[lang]} ({f.id})")
                 for f in catalog.frameworks.values() for c in f.competencies()}
        return {"competency": list(found.values())}
    if kind is Kind.PARTICIPATIONS:
        return {"programme": [Choice(p.id, p.name[lang]) for p in load_programmes(programmes)]}
    return {}


def template(
    kind: Kind = typer.Argument(..., metavar="KIND", help="roster, assessments or participations"),
    file: Path = typer.Argument(..., metavar="FILE", help="Workbook to write (.xlsx)"),
    lang: Lang = LANG,
    years: list[int] = typer.Option(None, "--year", metavar="YEAR",
                                    help="A rating column (Xếp loại YEAR) of a roster; repeat "
                                         "for several (default: the three years before this "
                                         "one)"),
    frameworks: list[Path] = FRAMEWORKS,
    programmes: str = PROGRAMMES,
) -> None:
    """Write a blank workbook to fill in: headers, drop-down lists, a guide sheet."""
    if file.suffix.lower() != ".xlsx":
        raise InputError(f"a template is an .xlsx workbook, not {file.suffix or 'no suffix'!r}",
                         str(file))
    if kind is Kind.ROSTER and not years:
        this_year = dt.date.today().year
        years = [this_year - 3, this_year - 2, this_year - 1]
    columns = write_template(file, kind.value, lang, years=years or (),
                             lists=_lists(kind, lang, frameworks, programmes))
    listed = sum(bool(c.choices) for c in columns)
    err.print(f"wrote {file}: {kind.value} template, {len(columns)} columns, {listed} with a "
              f"drop-down list; column guide in sheet {GUIDE_SHEET!r}, lists in "
              f"{LISTS_SHEET!r}", markup=False)
