"""``competency plan``: a costed training plan from a roster's gaps."""

from __future__ import annotations

import datetime as dt
import enum
import json
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from competency.cli._common import (
    LANG,
    REDACT,
    Lang,
    err,
    exit_status,
    load_catalog,
    out,
    parse_date,
    valid_officials,
    valid_values,
)
from competency.cli._messages import message
from competency.cli.gaps import (
    ASSESSMENTS,
    FRAMEWORKS,
    OVERLAY,
    load_assessments,
    load_frameworks,
)
from competency.errors import InputError
from competency.frameworks.gaps import NeedSource, cohort_gaps
from competency.io.assessments import read_participations
from competency.io.datafiles import read_data_file
from competency.io.json_stream import Rows, write_json
from competency.io.roster import Tally
from competency.model.assessment_index import AssessmentIndex
from competency.targets.plan_needs import NeedTap
from competency.targets.plan_overlay import PlanOverlay, load_plan_overlay
from competency.training.catalogue import ProgrammeCatalog
from competency.training.evaluation import TrainingEvaluation, evaluate_training
from competency.training.feedback import review_programmes, with_reviews
from competency.training.plan import AREAS, DEFAULT_PRIORITIES, TrainingPlan, plan_training

__all__ = ["plan"]

BUILT_IN = "built-in"

PROGRAMMES = typer.Option(BUILT_IN, "--programmes", help="Training programmes file, or built-in")
"""The ``--programmes`` option of the commands that read a programme catalogue."""


class Area(str, enum.Enum):
    """Where classes are opened."""

    ALL = "all"
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"
    UNIT = "unit"


def load_programmes(value: str) -> ProgrammeCatalog:
    """The built-in programme catalogue, or the one of a file."""
    if value == BUILT_IN:
        return ProgrammeCatalog.builtin()
    return ProgrammeCatalog.from_file(Path(value))


def _vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _m(key: str, lang: str, **fields: object) -> str:
    return message(key, lang, **fields)


def _print_lines(plan: TrainingPlan, lang: str) -> None:
    table = Table(*(_m(f"plan-col-{k}", lang) for k in
                    ("programme", "area", "participants", "classes", "sizes", "unit-cost", "cost")),
                  title=_m("plan-title", lang) + (f" ({plan.on})" if plan.on else ""))
    for line in plan.lines:
        flag = "" if line.programme.cost_confidence.value == "confirmed" else \
            f" [{line.programme.cost_confidence.value}]"
        table.add_row(f"{line.programme.name[lang]}\n{line.programme.id}", line.area,
                      str(line.participants), str(line.classes),
                      " + ".join(map(str, line.class_sizes)),
                      _vnd(line.programme.unit_cost) + flag, _vnd(line.cost))
    out.print(table)


def _print_sources(plan: TrainingPlan, lang: str) -> None:
    table = Table(*(_m(f"plan-col-{k}", lang) for k in
                    ("source", "needs", "funded", "unfunded", "participants", "classes", "cost")),
                  title=_m("plan-sources-title", lang))
    for row in plan.by_source():
        table.add_row(f"{row.source.label(lang)}\n{row.source.code}", str(row.needs),
                      str(row.funded), str(row.unfunded), str(row.participants),
                      str(row.classes), _vnd(row.cost))
    out.print(table)


def _print_reviews(plan: TrainingPlan, lang: str) -> None:
    table = Table(*(_m(f"plan-col-{k}", lang) for k in
                    ("programme", "band", "index", "improved", "planned")),
                  title=_m("plan-reviews-title", lang))
    for review in plan.reviews:
        band = review.band_name[lang] if review.band_name else ""
        gain = "-" if not review.compared else f"{review.improved} / {review.compared}" + (
            f" ({_m('plan-no-gain', lang)})" if "no_gain" in review.reasons else "")
        table.add_row(review.programme, band,
                      "" if review.index is None else f"{review.index:.2f}", gain,
                      str(review.planned))
    out.print(table)


def _print(plan: TrainingPlan, lang: str) -> None:
    _print_lines(plan, lang)
    _print_sources(plan, lang)
    if plan.reviews:
        _print_reviews(plan, lang)
    budget = _vnd(plan.budget) if plan.budget is not None else _m("plan-no-budget", lang)
    out.print(_m("plan-total", lang, cost=_vnd(plan.total_cost), budget=budget), markup=False)
    out.print(_m("plan-classes", lang, classes=sum(ln.classes for ln in plan.lines),
                 participants=sum(ln.participants for ln in plan.lines)), markup=False)
    if plan.illustrative_costs():
        out.print(_m("plan-illustrative", lang), markup=False)
    reasons: dict[str, int] = {}
    for item in plan.unfunded:
        label = item.reason.label(lang) if item.reason else "?"
        reasons[label] = reasons.get(label, 0) + 1
    out.print(_m("plan-needs", lang, needs=plan.needs, funded=len(plan.funded),
                 unfunded=len(plan.unfunded))
              + (f" ({'; '.join(f'{k}: {v}' for k, v in sorted(reasons.items()))})"
                 if reasons else ""), markup=False)


def _write(plan: TrainingPlan, target: Path) -> list[Path]:
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        return [plan.to_xlsx(target)]
    if suffix == ".csv":
        needs = target.with_name(f"{target.stem}.needs.csv")
        return [plan.to_csv(target), plan.to_csv(needs, table="Nhu cầu")]
    if suffix == ".json":
        with target.open("w", encoding="utf-8") as stream:
            write_json(plan.as_dict(Rows), stream)
        return [target]
    raise InputError(f"unknown output format {target.suffix!r}; expected .xlsx, .csv or .json",
                     str(target))


def _sources(value: str) -> tuple[NeedSource, ...]:
    try:
        return tuple(NeedSource.parse(v.strip()) for v in value.split(",") if v.strip())
    except ValueError:
        raise typer.BadParameter(f"--sources: expected some of "
                                 f"{', '.join(s.code for s in NeedSource)}, got {value!r}") from None


def _offered(base: ProgrammeCatalog, overlay: PlanOverlay | None) -> ProgrammeCatalog:
    if overlay is None:
        return base
    return ProgrammeCatalog.of([*overlay.programmes, *base])


def _last_year(path: Path, on: dt.date, assessments: AssessmentIndex | None,
               programmes: ProgrammeCatalog) -> tuple[TrainingEvaluation | dict[str, Any], Tally | None]:
    """Last year's evaluation: the JSON ``competency evaluate`` writes, or the participations
    themselves (evaluated here, with the assessments given); a bad file is a located error."""
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(read_data_file(path))
        except json.JSONDecodeError as exc:
            raise InputError(f"line {exc.lineno}: {exc.msg}", str(path)) from None
        if isinstance(data, dict):
            review_programmes(data, {}, source=str(path))   # a bad file fails before the roster
            return data, None
    taken, tally = valid_values(read_participations(path))
    return evaluate_training(taken, assessments or [], programmes=programmes, on=on), tally


def plan(
    roster: Path = typer.Argument(..., help="Roster file (.jsonl .json .csv .xlsx)"),
    programmes: str = PROGRAMMES,
    budget: int | None = typer.Option(None, "--budget", min=0, help="Budget in VND"),
    on: str | None = typer.Option(None, "--on", metavar="DATE", help="As-of date YYYY-MM-DD (default today)"),
    area: Area = typer.Option(Area.PROVINCE, "--area",
                              help=f"Where classes open: {', '.join(AREAS)}"),
    priorities: str | None = typer.Option(
        None, "--priorities",
        help="Funding order (legal, source, deadline, size, official); default the overlay's, "
             f"else {','.join(DEFAULT_PRIORITIES)}"),
    profile: str | None = typer.Option(None, "--profile", help="Position profile id for everyone"),
    assessments: list[Path] | None = ASSESSMENTS,
    plan_overlay: Path | None = typer.Option(
        None, "--plan-overlay", metavar="FILE",
        help="A province's programmes, unit costs, targets and priorities (YAML)"),
    sources: str = typer.Option(",".join(s.code for s in NeedSource), "--sources",
                                help="Sources of needs to plan for"),
    evaluation: Path | None = typer.Option(
        None, "--evaluation", metavar="FILE",
        help="Last year's evaluation ('competency evaluate --format json' output) or "
             "participations file: programmes to review"),
    out_file: Path | None = typer.Option(None, "--out", metavar="FILE", help="plan.xlsx, plan.csv or plan.json"),
    lang: Lang = LANG,
    overlay: list[Path] = OVERLAY,
    frameworks: list[Path] = FRAMEWORKS,
    redact: bool = REDACT,
) -> None:
    """Turn the roster's training needs, from every source, into classes per programme and
    area, with costs; with a budget, fund needs in priority order and list those left unfunded."""
    if out_file is not None and out_file.suffix.lower() not in (".xlsx", ".csv", ".json"):
        raise InputError(f"unknown output format {out_file.suffix!r}; expected .xlsx, .csv "
                         "or .json", str(out_file))
    day = parse_date(on)
    wanted = _sources(sources)
    catalog = load_catalog(overlay)
    fws = load_frameworks(frameworks, profile)
    base = load_programmes(programmes)
    province = load_plan_overlay(plan_overlay, base.ids()) if plan_overlay is not None else None
    offered = _offered(base, province)
    order_text = priorities if priorities is not None else ",".join(
        (province.priorities if province and province.priorities else DEFAULT_PRIORITIES))
    order = tuple(p.strip() for p in order_text.split(",") if p.strip())
    index, assessed = load_assessments(assessments, lang)
    last_year, taken = (_last_year(evaluation, day, index, offered) if evaluation is not None
                        else (None, None))
    tally = Tally()
    tap = NeedTap(on=day, overlay=province, sources=wanted, catalog=catalog)
    cohort = cohort_gaps(tap.read(valid_officials(roster, tally, day, redact=redact, lang=lang)), on=day,
                         profile=profile, assessments=index, catalog=catalog, frameworks=fws,
                         names=False)
    rows = tap.needs(cohort)
    del cohort, tap  # the needs before merging: not held while the plan is made
    try:
        result = plan_training(rows, offered, budget=budget, priorities=order, area=area.value,
                               preferred=[p.id for p in province.programmes] if province else (),
                               on=day)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    if last_year is not None:
        result = with_reviews(result, last_year, source=str(evaluation))
    if province is not None:
        err.print(_m("plan-overlay", lang, path=plan_overlay, programmes=len(province.programmes),
                     targets=len(province.target_needs),
                     rules=len(province.titles) + len(province.planning),
                     confidence=province.confidence.value),
                  markup=False)
    _print(result, lang)
    if out_file is not None:
        for path in _write(result, out_file):
            err.print(_m("plan-wrote", lang, path=path), markup=False)
    err.print(message("records", lang, **tally.as_dict()), markup=False)
    if assessed is not None:
        err.print(_m("plan-assessments", lang, **assessed.as_dict()), markup=False)
    if taken is not None:
        err.print(_m("plan-participations", lang, **taken.as_dict()), markup=False)
    raise typer.Exit(exit_status(tally, assessed, taken))
