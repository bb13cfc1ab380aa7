"""``competency plan``: a costed training plan from a roster's gaps."""

from __future__ import annotations

import enum
import json
from pathlib import Path

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
)
from competency.cli.gaps import (
    ASSESSMENTS,
    FRAMEWORKS,
    OVERLAY,
    load_assessments,
    load_frameworks,
    print_counts,
)
from competency.errors import InputError
from competency.frameworks.gaps import cohort_gaps
from competency.io.roster import Tally
from competency.training.catalogue import ProgrammeCatalog
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


def _print(plan: TrainingPlan, lang: str) -> None:
    vi = lang == "vi"
    table = Table("chương trình" if vi else "programme", "địa bàn" if vi else "area",
                  "học viên" if vi else "participants", "lớp" if vi else "classes",
                  "sĩ số" if vi else "class sizes", "đơn giá (đồng)" if vi else "unit cost (VND)",
                  "thành tiền (đồng)" if vi else "cost (VND)",
                  title=("Kế hoạch đào tạo, bồi dưỡng" if vi else "Training plan")
                  + (f" ({plan.on})" if plan.on else ""))
    for line in plan.lines:
        flag = "" if line.programme.cost_confidence.value == "confirmed" else \
            f" [{line.programme.cost_confidence.value}]"
        table.add_row(f"{line.programme.name[lang]}\n{line.programme.id}", line.area,
                      str(line.participants), str(line.classes),
                      " + ".join(map(str, line.class_sizes)),
                      _vnd(line.programme.unit_cost) + flag, _vnd(line.cost))
    out.print(table)
    budget = _vnd(plan.budget) if plan.budget is not None else ("không giới hạn" if vi else "none")
    out.print(f"{'Tổng kinh phí' if vi else 'Total cost'}: {_vnd(plan.total_cost)} "
              f"{'đồng' if vi else 'VND'}; {'kinh phí được giao' if vi else 'budget'}: {budget}",
              markup=False)
    if plan.illustrative_costs():
        out.print("Đơn giá là giá trị minh họa [illustrative]." if vi else
                  "Unit costs are illustrative example values [illustrative].", markup=False)
    reasons: dict[str, int] = {}
    for item in plan.unfunded:
        label = item.reason.label(lang) if item.reason else "?"
        reasons[label] = reasons.get(label, 0) + 1
    out.print(f"{'Nhu cầu' if vi else 'Needs'}: {plan.needs}; "
              f"{'đã bố trí' if vi else 'funded'} {len(plan.funded)}; "
              f"{'chưa bố trí' if vi else 'unfunded'} {len(plan.unfunded)}"
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
        target.write_text(json.dumps(plan.as_dict(), ensure_ascii=False, indent=2) + "\n",
                          encoding="utf-8")
        return [target]
    raise InputError(f"unknown output format {target.suffix!r}; expected .xlsx, .csv or .json",
                     str(target))


def plan(
    roster: Path = typer.Argument(..., help="Roster file (.jsonl .json .csv .xlsx)"),
    programmes: str = PROGRAMMES,
    budget: int | None = typer.Option(None, "--budget", min=0, help="Budget in VND"),
    on: str | None = typer.Option(None, "--on", metavar="DATE", help="As-of date YYYY-MM-DD (default today)"),
    area: Area = typer.Option(Area.PROVINCE, "--area",
                              help=f"Where classes open: {', '.join(AREAS)}"),
    priorities: str = typer.Option(",".join(DEFAULT_PRIORITIES), "--priorities",
                                   help="Funding order (legal, deadline, size, official)"),
    profile: str | None = typer.Option(None, "--profile", help="Position profile id for everyone"),
    assessments: Path | None = ASSESSMENTS,
    out_file: Path | None = typer.Option(None, "--out", metavar="FILE", help="plan.xlsx, plan.csv or plan.json"),
    lang: Lang = LANG,
    overlay: list[Path] = OVERLAY,
    frameworks: list[Path] = FRAMEWORKS,
    redact: bool = REDACT,
) -> None:
    """Turn the roster's training needs into classes per programme and area, with costs;
    with a budget, fund needs in priority order and list those left unfunded."""
    if out_file is not None and out_file.suffix.lower() not in (".xlsx", ".csv", ".json"):
        raise InputError(f"unknown output format {out_file.suffix!r}; expected .xlsx, .csv "
                         "or .json", str(out_file))
    day = parse_date(on)
    catalog = load_catalog(overlay)
    fws = load_frameworks(frameworks, profile)
    offered = load_programmes(programmes)
    order = tuple(p.strip() for p in priorities.split(",") if p.strip())
    index, assessed = load_assessments(assessments)
    tally = Tally()
    cohort = cohort_gaps(valid_officials(roster, tally, day, redact=redact), on=day, profile=profile,
                         assessments=index, catalog=catalog, frameworks=fws)
    try:
        result = plan_training(cohort, offered, budget=budget, priorities=order,
                               area=area.value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    _print(result, lang)
    if out_file is not None:
        for path in _write(result, out_file):
            err.print(f"wrote {path}", markup=False)
    print_counts(tally, assessed)
    raise typer.Exit(exit_status(tally, assessed))
