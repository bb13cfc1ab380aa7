"""Where an official works: the unit record, its region and its area profile.

An area profile says which share of a province's communes are disadvantaged areas and
which ethnic groups live there, so that names and languages match the place.
"""

from __future__ import annotations

import dataclasses
import functools
import random
import zlib
from typing import TYPE_CHECKING, Any

from competency.synth._data import load_yaml
from competency.synth._draw import Weighted, chance, item
from competency.synth._units import lower_first

if TYPE_CHECKING:
    from competency.synth._context import Context
    from competency.synth._posts import Slot

__all__ = ["Area", "AreaProfile", "draw_area", "region"]


@dataclasses.dataclass(frozen=True, slots=True)
class AreaProfile:
    share: float  # of communes in disadvantaged areas
    area_types: tuple[str, ...]
    designated: Weighted  # ethnic groups in disadvantaged areas
    elsewhere: Weighted
    main_minority: str | None
    neighbours: tuple[str, ...]  # languages of neighbouring countries


_DEFAULT_PROFILE = AreaProfile(0.0, (), Weighted([("kinh", 1)]), Weighted([("kinh", 1)]),
                               None, ())


@functools.cache
def _area_profiles() -> dict[str, AreaProfile]:
    data = load_yaml("synth", "areas.yaml")
    scale = float(data["elsewhere"])
    profiles = {}
    for code, entry in sorted(data["provinces"].items()):
        weights = entry["ethnicities"]
        minorities = sorted((w, k) for k, w in weights.items() if k != "kinh")
        profiles[code] = AreaProfile(
            share=float(entry["share"]),
            area_types=tuple(entry["area_types"]),
            designated=Weighted.of(weights),
            elsewhere=Weighted.of({k: (w if k == "kinh" else w * scale)
                                   for k, w in weights.items()}),
            main_minority=minorities[-1][1] if minorities else None,
            neighbours=tuple(entry.get("neighbours", ())),
        )
    return profiles


def _profile(old_province: str) -> AreaProfile:
    return _area_profiles().get(old_province, _DEFAULT_PROFILE)


@functools.cache
def _regions() -> tuple[tuple[int, int, str], ...]:
    bands = load_yaml("synth", "areas.yaml")["regions"]
    return tuple(sorted((int(lo), int(hi), name) for name, (lo, hi) in bands.items()))


def region(province_code: str) -> str:
    """``north``, ``central`` or ``south``, from the province code."""
    number = int(province_code)
    for lo, hi, name in _regions():
        if lo <= number <= hi:
            return name
    return "south"


def _stable_fraction(*parts: str) -> float:
    """A number in [0, 1) fixed by its arguments (same in every run and roster)."""
    return zlib.crc32(":".join(parts).encode("utf-8")) / 2**32


def _designation(profile: AreaProfile, code: str, island: bool,
                 share: float) -> tuple[bool, list[str]]:
    """Whether a unit is a disadvantaged area, and of which types.

    Fixed by the unit's code, so a commune is designated alike in every record.
    """
    if island:
        return True, ["island"]
    if _stable_fraction("disadvantaged", code) >= share:
        return False, []
    if not profile.area_types:
        return True, []
    chosen = [profile.area_types[0]]
    chosen += [t for t in profile.area_types[1:] if _stable_fraction("type", code, t) < 0.5]
    return True, chosen


@dataclasses.dataclass(frozen=True, slots=True)
class Area:
    unit: dict[str, Any]  # the record's ``unit``
    profile: AreaProfile
    disadvantaged: bool
    old_province: str  # where the official comes from (province before 2025-07-01)
    international: float  # share of posts with international duties in the department


def draw_area(roster: Context, rng: random.Random, slot: Slot) -> Area:
    """The unit record of ``slot``, its area profile and whether it is a disadvantaged area."""
    service = slot.title.startswith("vc.")
    international = 0.0
    if slot.commune is not None:
        commune = slot.commune
        old_province = commune.old_province
        profile = _profile(old_province)
        disadvantaged, types_ = _designation(profile, commune.code, commune.island,
                                             profile.share)
        name = commune.name
        if service:
            name = (f"{item(rng, roster.data.service_units['commune'])} "
                    f"{lower_first(commune.name)}")
        unit: dict[str, Any] = {"name": name, "level": "commune",
                                "province_code": commune.province}
        if commune.district is not None:
            unit["district_code"] = commune.district
        unit["commune_code"] = commune.code
    elif slot.district is not None:
        district = slot.district
        old_province = district.province
        profile = _profile(old_province)
        disadvantaged, types_ = _designation(profile, district.code,
                                             district.code in roster.island_districts,
                                             profile.share * 0.7)
        offices = (roster.data.service_units["district"] if service
                   else roster.data.district_offices)
        unit = {"name": f"{item(rng, offices)} {lower_first(district.name)}",
                "level": "district", "province_code": district.province,
                "district_code": district.code}
    else:
        province = slot.province
        old_province = item(rng, roster.old_of[province.code])
        profile = _profile(old_province)
        if service:
            name = item(rng, roster.data.service_units["province"])
        else:
            name, _, _, international = item(rng, roster.departments)
        unit = {"name": f"{name} {province.label}", "level": "province",
                "province_code": province.code}
        disadvantaged, types_ = False, []
    if not chance(rng, 0.03):
        unit["disadvantaged_area"] = disadvantaged
        if disadvantaged and types_:
            unit["area_types"] = types_
    return Area(unit, profile, disadvantaged, old_province, international)
