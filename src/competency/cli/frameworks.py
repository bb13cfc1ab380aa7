"""``competency frameworks list|show|export-case|import-case``: competency frameworks."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import typer
import yaml
from rich.table import Table

from competency.cli._common import LANG, Lang, err, out, write_stdout
from competency.cli._help import App
from competency.cli._messages import message
from competency.cli.gaps import FRAMEWORKS, load_frameworks
from competency.errors import DataFileError, InputError
from competency.frameworks.case import DEFAULT_COMPETENCY_TYPES, export_case, read_case
from competency.frameworks.model import Framework, PositionProfile
from competency.schema.convert import unstructure

app = App(help="Competency frameworks and position profiles; CASE 1.0 interchange.",
                  no_args_is_help=True, rich_markup_mode=None)


@app.command("list")
def list_frameworks(
    lang: Lang = LANG,
    frameworks: list[Path] = FRAMEWORKS,
) -> None:
    """Frameworks and position profiles, with their confidence."""
    def heads(*keys: str) -> list[str]:
        return [message(f"frameworks.col-{k}", lang) for k in keys]

    catalog = load_frameworks(frameworks)
    table = Table(*heads("id", "title", "groups", "competencies", "confidence"),
                  title=message("frameworks.frameworks", lang))
    for framework in sorted(catalog.frameworks.values(), key=lambda f: f.id):
        table.add_row(framework.id, framework.title[lang], str(len(framework.groups)),
                      str(len(framework.competencies())),
                      framework.flag(lang).strip(" []") or framework.confidence.label(lang))
    out.print(table)
    table = Table(*heads("id", "position", "title", "type", "standards", "confidence"),
                  title=message("frameworks.profiles", lang))
    for profile in sorted(catalog.profiles.values(), key=lambda p: p.id):
        where = profile.position.title + (f" ({profile.position.level.label(lang)})"
                                          if profile.position.level else "")
        table.add_row(profile.id, where, profile.title[lang], profile.position_type.label(lang),
                      "\n".join(profile.standards),
                      profile.flag(lang).strip(" []") or profile.confidence.label(lang))
    out.print(table)


def _show_framework(framework: Framework, lang: str, indicators: bool) -> None:
    out.print(f"{framework.id}: {framework.title[lang]}{framework.flag(lang)}", style="bold",
              markup=False)
    out.print(message("frameworks.head", lang, creator=framework.creator,
                      version=framework.version or "-",
                      period=f"{framework.valid_from or '…'} → {framework.valid_until or '…'}",
                      confidence=framework.confidence.label(lang)), markup=False)
    for citation in framework.legal_basis:
        out.print(message("frameworks.basis", lang, cite=citation.cite(lang)), markup=False)
    if framework.note:
        out.print(framework.note[lang], markup=False)
    for level in framework.scale:
        out.print(f"  {level.name[lang]} — {level.description[lang]}", markup=False)
    for group in framework.groups:
        out.print(f"[{group.id}] {group.name[lang]} ({group.kind.label(lang)})", style="bold",
                  markup=False)
        for competency in group.competencies:
            out.print(f"  [{competency.id}] {competency.name[lang]}: {competency.definition[lang]}",
                      markup=False)
            for descriptor in competency.levels:
                out.print(f"    {descriptor.level}. {descriptor.description[lang]}", markup=False)
                if indicators:
                    for indicator in descriptor.indicators:
                        out.print(f"       - {indicator[lang]}", markup=False)


def _show_profile(profile: PositionProfile, framework: Framework, lang: str) -> None:
    out.print(f"{profile.id}: {profile.title[lang]}{profile.flag(lang)}", style="bold",
              markup=False)
    position = profile.position
    out.print(message("frameworks.position", lang, title=position.title,
                      level=position.level.label(lang) if position.level else "*",
                      rank=position.rank or "*", type=profile.position_type.label(lang))
              + (message("frameworks.job-position", lang, code=position.job_position)
                 if position.job_position else ""),
              markup=False)
    if profile.tasks:
        out.print(message("frameworks.tasks", lang, tasks="; ".join(
            f"{t.code} — {t.label(lang)}" for t in profile.tasks)), markup=False)
    out.print(message("frameworks.standards", lang, ids=", ".join(profile.standards) or "-"),
              markup=False)
    out.print(message("frameworks.framework", lang, id=framework.id) + framework.flag(lang),
              markup=False)
    for required in profile.required:
        competency = framework.competency(required.competency)
        name = competency.name[lang] if competency else required.competency
        descriptor = competency.descriptor(required.level) if competency else None
        detail = f" — {descriptor.description[lang]}" if descriptor else ""
        out.print(f"  {name}: {required.level}{detail}", markup=False)


@app.command("show")
def show(
    item_id: str = typer.Argument(..., help="Framework or profile id"),
    lang: Lang = LANG,
    indicators: bool = typer.Option(False, "--indicators", help="Also list behavioural indicators"),
    frameworks: list[Path] = FRAMEWORKS,
) -> None:
    """A framework's groups, competencies and level descriptors, or a profile's requirements."""
    catalog = load_frameworks(frameworks)
    if item_id in catalog.profiles:
        profile = catalog.profile(item_id)
        _show_profile(profile, catalog.framework(profile.framework), lang)
        return
    _show_framework(catalog.framework(item_id), lang, indicators)


def _emit(text: str, out_file: Path | None, summary: str) -> None:
    """``text`` to standard output, or to ``out_file`` with ``wrote FILE: summary`` on stderr."""
    if out_file is None:
        write_stdout(text)
    else:
        out_file.write_text(text, encoding="utf-8")
        err.print(f"wrote {out_file}: {summary}", markup=False)


@app.command("export-case")
def export(
    framework_id: str = typer.Argument(..., help="Framework id"),
    out_file: Path | None = typer.Option(None, "--out", metavar="FILE", help="Write here instead of stdout"),
    base_uri: str | None = typer.Option(None, "--base-uri",
                                        help="Base of every uri (default urn:uuid:…)"),
    frameworks: list[Path] = FRAMEWORKS,
) -> None:
    """The framework as a 1EdTech CASE 1.0 package (CFPackage JSON)."""
    package = export_case(load_frameworks(frameworks).framework(framework_id), base_uri=base_uri)
    _emit(json.dumps(package, ensure_ascii=False, indent=2) + "\n", out_file,
          f"{len(package['CFItems'])} items, {len(package['CFAssociations'])} associations, "
          f"{len(package['CFRubrics'])} rubrics")


@app.command("import-case")
def import_(
    file: Path = typer.Argument(..., help="CASE 1.0 CFPackage JSON file"),
    out_file: Path | None = typer.Option(None, "--out", metavar="FILE", help="Frameworks YAML file to write"),
    competency_types: list[str] = typer.Option(
        None, "--competency-type", metavar="TYPE",
        help="A CFItemType whose items are competencies; repeat for several (default: "
             f"{', '.join(DEFAULT_COMPETENCY_TYPES)})"),
) -> None:
    """Read a CASE 1.0 package and print it as a frameworks file (YAML).

    Standard error gets where every CFItem went: competencies, groups, indicators, kept as
    notes (in the framework's note) or ignored, each of the last two with its reason.
    """
    try:
        package = json.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), str(file)) from None
    except ValueError as exc:
        raise InputError(f"not valid JSON: {exc}", str(file)) from None
    try:
        found = read_case(package, competency_types=competency_types or None)
    except DataFileError as exc:
        raise DataFileError(source=str(file), problems=exc.problems) from None
    for line in (*found.notes, *found.ignored, *found.warnings):
        err.print(f"{file}: {line}", markup=False)
    err.print(f"{file}: {found.summary()}", markup=False)
    framework = found.framework
    data = unstructure(framework)
    ordered = {f.name: data[f.name] for f in attrs.fields(Framework) if f.name in data}
    text = yaml.safe_dump({"frameworks": [ordered]}, allow_unicode=True, sort_keys=False,
                          width=100)
    _emit(text, out_file, f"{framework.id}, {len(framework.competencies())} competencies, "
                          f"confidence {framework.confidence.value}")
