"""The generator's package data, read once per process through importlib.resources.

Tables are sorted here, so no draw depends on the order of a YAML mapping.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import importlib.resources
import json
import types
from collections.abc import Mapping
from typing import Any, NamedTuple

import yaml

from competency.synth._draw import Weighted

__all__ = ["Department", "Tables", "load_json", "load_yaml", "tables", "titles"]


def _text(*parts: str) -> str:
    resource = importlib.resources.files("competency") / "data"
    for part in parts:
        resource = resource / part
    return resource.read_text(encoding="utf-8")


@functools.cache
def load_yaml(*parts: str) -> Any:
    """A YAML file under ``data/`` (shared: callers must not change it)."""
    return yaml.safe_load(_text(*parts))


@functools.cache
def load_json(*parts: str) -> Any:
    """A JSON file under ``data/`` (shared: callers must not change it)."""
    return json.loads(_text(*parts))


@functools.cache
def titles() -> Mapping[str, Mapping[str, Any]]:
    """The title codes of ``data/titles.yaml``, by code (read-only).

    Each entry has ``code``, ``name`` (``vi``/``en``), ``category``, ``levels``,
    ``leadership`` and, for titles that have ended, ``valid_until`` (a date).
    """
    entries = load_yaml("titles.yaml")["titles"]
    return types.MappingProxyType({e["code"]: types.MappingProxyType(e) for e in entries})


class Department(NamedTuple):
    """A provincial department, in force from ``start`` to ``until`` (None: open)."""

    name: str
    start: dt.date | None
    until: dt.date | None
    international: float


@dataclasses.dataclass(frozen=True, slots=True)
class Tables:
    """The material of ``data/synth/roster.yaml``: unit names, fields, schools, courses."""

    departments: tuple[Department, ...]
    district_offices: tuple[str, ...]
    service_units: Mapping[str, tuple[str, ...]]  # by level
    fields: Mapping[str, Weighted]  # fields of study, by post or kind
    universities: Mapping[str, tuple[str, ...]]  # by region
    abroad: tuple[tuple[str, tuple[str, ...]], ...]  # (country, universities)
    courses: tuple[Mapping[str, Any], ...]
    countries: Weighted
    upgrade: Mapping[str, str]  # the in-service degree course


@functools.cache
def tables() -> Tables:
    data = load_yaml("synth", "roster.yaml")
    return Tables(
        departments=tuple(sorted((Department(d["name"], d.get("from"), d.get("until"),
                                             float(d.get("international", 0.0)))
                                  for d in data["departments"]), key=lambda d: d.name)),
        district_offices=tuple(sorted(data["district_offices"])),
        service_units={k: tuple(sorted(v)) for k, v in data["service_units"].items()},
        fields={k: Weighted.of(v) for k, v in data["fields"].items()},
        universities={k: tuple(sorted(v)) for k, v in data["universities"].items()},
        abroad=tuple(sorted((k, tuple(v)) for k, v in data["universities_abroad"].items())),
        courses=tuple(sorted(data["courses"], key=lambda c: c["programme"])),
        countries=Weighted.of(data["abroad_countries"]),
        upgrade=data["upgrade_course"],
    )
