"""Provinces, districts and communes in force on an as-of date.

Before :data:`TWO_LEVEL_FROM` the units come from package data (three levels); from then
on from the optional ``vietnam-provinces`` package (no district level).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from typing import Any

from competency.standards.catalogue import Catalog
from competency.synth._data import load_json, load_yaml
from competency.vocab import AdministrativeLevel, fold

__all__ = ["TWO_LEVEL_FROM", "Commune", "District", "Province", "Units", "island_districts",
           "lower_first", "old_province_runs", "resolve_province", "units_on",
           "units_source"]

def _two_level_from() -> dt.date:
    """The first day without districts, from the term-periods table (not a date in code)."""
    period = Catalog.builtin().tables.term_periods.period(AdministrativeLevel.DISTRICT)
    if period is None or period.valid_until is None:  # pragma: no cover  (shipped data)
        msg = "data/tables/term-periods.yaml gives no end for the district level"
        raise ValueError(msg)
    return period.valid_until + dt.timedelta(days=1)


TWO_LEVEL_FROM = _two_level_from()
"""First day of two-level local government: no district level from this date."""

_NO_STAFF = frozenset({"20333"})  # Đặc khu Hoàng Sa


def lower_first(text: str) -> str:
    """``Tỉnh Bến Tre`` → ``tỉnh Bến Tre``; ``Thành phố Hà Nội`` → ``thành phố Hà Nội``."""
    for prefix in ("Thành phố", "Thị xã", "Thị trấn", "Tỉnh", "Huyện", "Quận", "Xã", "Phường",
                   "Đặc khu"):
        if text.startswith(prefix + " "):
            return prefix.lower() + text[len(prefix):]
    return text


def _strip_prefix(text: str) -> str:
    for prefix in ("Thành phố ", "Tỉnh "):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


@dataclasses.dataclass(frozen=True, slots=True)
class Commune:
    code: str
    name: str
    province: str
    district: str | None
    old_province: str  # the province before 2025-07-01 it belonged to
    island: bool


@dataclasses.dataclass(frozen=True, slots=True)
class District:
    code: str
    name: str
    province: str


@dataclasses.dataclass(frozen=True, slots=True)
class Province:
    code: str
    name: str
    short: str
    districts: tuple[District, ...]
    communes: tuple[Commune, ...]

    @property
    def label(self) -> str:
        return lower_first(self.name)


@dataclasses.dataclass(frozen=True)
class Units:
    period: str  # "before" | "after"
    source: str
    provinces: tuple[Province, ...]
    by_code: Mapping[str, Province] = dataclasses.field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_code", {p.code: p for p in self.provinces})


def _by_code(items: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(sorted(items, key=lambda unit: unit.code))


@functools.cache
def island_districts() -> frozenset[str]:
    return frozenset(load_yaml("synth", "areas.yaml")["island_districts"])


def _old_units_raw() -> dict[str, Any]:
    return load_json("synth", "units-before-2025-07.json")


@functools.cache
def old_province_runs() -> tuple[tuple[int, ...], tuple[str, ...]]:
    """Commune code ranges of the provinces before 2025-07-01: (first codes, provinces)."""
    runs = _old_units_raw()["commune_code_runs"]
    return tuple(int(r[0]) for r in runs), tuple(r[1] for r in runs)


def _old_province_of(commune_code: str) -> str:
    starts, provinces = old_province_runs()
    index = bisect.bisect_right(starts, int(commune_code)) - 1
    return provinces[max(index, 0)]


@functools.cache
def _period_units(period: str) -> Units:
    """The units of ``"before"`` or ``"after"`` two-level local government."""
    return _units_before() if period == "before" else _units_after()


def _units_before() -> Units:
    raw = _old_units_raw()
    islands = island_districts()
    districts: dict[str, list[District]] = {}
    district_province: dict[str, str] = {}
    for code, name, province in raw["districts"]:
        districts.setdefault(province, []).append(District(code, name, province))
        district_province[code] = province
    communes: dict[str, list[Commune]] = {}
    for code, name, district in raw["communes"]:
        province = district_province[district]
        communes.setdefault(province, []).append(
            Commune(code, name, province, district, province, district in islands))
    provinces = tuple(
        Province(code, name, _strip_prefix(name), _by_code(districts.get(code, ())),
                 _by_code(communes.get(code, ())))
        for code, name in sorted(raw["provinces"]))
    return Units("before", raw["source"], provinces)


def _units_after() -> Units:
    try:
        # optional extra, imported only when units after 2025-07-01 are needed
        import vietnam_provinces
        from vietnam_provinces import Province as Source
        from vietnam_provinces import VietNamDivisionType, Ward
    except ImportError as error:  # pragma: no cover - depends on the environment
        msg = ("units after 2025-07-01 come from the vietnam-provinces package: "
               "pip install 'competency[synth]'")
        raise ImportError(msg) from error
    communes: dict[str, list[Commune]] = {}
    for ward in Ward.iter_all():
        code = f"{int(ward.code):05d}"
        if code in _NO_STAFF:
            continue
        province = f"{int(ward.province_code):02d}"
        communes.setdefault(province, []).append(Commune(
            code, ward.name, province, None, _old_province_of(code),
            ward.division_type == VietNamDivisionType.DAC_KHU))
    provinces = []
    for p in Source.iter_all():
        code = f"{int(p.code):02d}"
        name = p.name if p.division_type != VietNamDivisionType.TINH else f"Tỉnh {p.name}"
        provinces.append(Province(code, name, _strip_prefix(name), (),
                                  _by_code(communes.get(code, ()))))
    source = (f"vietnam-provinces {vietnam_provinces.__version__} "
              f"(data of {vietnam_provinces.__data_version__}), two-level local government")
    return Units("after", source, _by_code(provinces))


def units_on(on: dt.date) -> Units:
    return _period_units("after" if on >= TWO_LEVEL_FROM else "before")


def units_source(on: dt.date) -> str:
    """Which list of administrative units :func:`generate` uses for the as-of date ``on``."""
    return units_on(on).source


def _find(units: Units, text: str) -> Province | None:
    if text.isdigit():
        return units.by_code.get(f"{int(text):02d}")
    wanted = fold(text)
    return next((p for p in units.provinces if wanted in (fold(p.name), fold(p.short))), None)


def resolve_province(units: Units, province: str | int, on: dt.date) -> Province:
    """The province named by code or name; the error names the valid ones."""
    text = str(province).strip()
    found = _find(units, text)
    if found is not None:
        return found
    hint = ""
    if units.period == "after" and _find(_period_units("before"), text) is not None:
        hint = f" ({province!r} is a province of the list before {TWO_LEVEL_FROM})"
    valid = ", ".join(f"{p.code} {p.short}" for p in units.provinces)
    msg = f"no province {province!r} on {on.isoformat()}{hint}; expected one of: {valid}"
    raise ValueError(msg)
