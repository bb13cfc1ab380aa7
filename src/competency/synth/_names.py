"""Who the official is: a full name in the style of their ethnic group, and an ID number.

Family names are weighted by region and middle names by birth cohort, so that names
read as they would on a real roster of that place and age.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import random
from collections.abc import Mapping, Sequence

from competency.synth._data import load_yaml
from competency.synth._draw import Weighted, chance, index, item

__all__ = ["NameStyle", "full_name", "name_styles", "national_id"]


@dataclasses.dataclass(frozen=True, slots=True)
class NameStyle:
    pattern: str
    family: dict[str, Weighted]  # by region
    middle: dict[tuple[str, int], Weighted]  # by (gender, cohort)
    given: dict[str, tuple[str, ...]]
    prefix: dict[str, str]
    language: str | None


@functools.cache
def name_styles() -> dict[str, NameStyle]:
    """The name style of each ethnic group, by code."""
    data = load_yaml("synth", "names.yaml")
    kinh = data["kinh"]
    regional = kinh["regional"]

    def family_by_region(weights: Mapping[str, float]) -> dict[str, Weighted]:
        out = {}
        for region in ("north", "central", "south"):
            pairs: dict[str, float] = {}
            for name, weight in weights.items():
                if "|" in name:  # a name spelt two ways, in regional shares
                    first, second = name.split("|")
                    share = regional[name][region]
                    pairs[first] = pairs.get(first, 0) + weight * share
                    pairs[second] = pairs.get(second, 0) + weight * (1 - share)
                else:
                    pairs[name] = pairs.get(name, 0) + weight
            out[region] = Weighted.of(pairs)
        return out

    def middle_by_cohort(tables: Mapping[str, Mapping[str, float]],
                         traditional: Mapping[str, str]) -> dict[tuple[str, int], Weighted]:
        out = {}
        for gender in ("male", "female"):
            for cohort, factor in enumerate((1.6, 1.0, 0.45)):
                special = traditional.get(gender)
                weights = {("" if k is None else str(k)): (w * factor if k == special else w)
                           for k, w in tables[gender].items()}
                out[(gender, cohort)] = Weighted.of(weights)
        return out

    def given_names(entry: Mapping[str, Mapping[str, Sequence[str]]],
                    ) -> dict[str, tuple[str, ...]]:
        return {g: tuple(entry["given"][g]) for g in ("male", "female")}

    kinh_family = family_by_region(kinh["family"])
    kinh_middle = middle_by_cohort(kinh["middle"], kinh["traditional_middle"])
    kinh_given = given_names(kinh)
    styles = {}
    for entry in data["ethnicities"]:
        family = family_by_region(entry["family"]) if "family" in entry else kinh_family
        middle = (middle_by_cohort(entry["middle"], {}) if "middle" in entry else kinh_middle)
        given = given_names(entry) if "given" in entry else kinh_given
        styles[entry["code"]] = NameStyle(
            pattern=entry.get("pattern", "family_middle_given"), family=family, middle=middle,
            given=given, prefix=dict(entry.get("prefix", {})), language=entry.get("language"))
    return styles


def full_name(rng: random.Random, ethnicity: str, gender: str, region: str,
              birth: dt.date) -> str:
    style = name_styles()[ethnicity]
    given = item(rng, style.given[gender])
    prefix = style.prefix.get(gender, "")
    if style.pattern == "prefix_given_family":
        return f"{prefix}{given} {style.family[region].pick(rng)}"
    if style.pattern == "family_prefix_given":
        return f"{style.family[region].pick(rng)} {prefix}{given}"
    if style.pattern == "prefix_given":
        return f"{prefix}{given}"
    cohort = 0 if birth.year < 1975 else 1 if birth.year < 1990 else 2
    middle_table = style.middle[(gender, cohort)]
    middle = middle_table.pick(rng)
    if middle == given:
        middle = middle_table.pick(rng)
    parts = [style.family[region].pick(rng)]
    if middle:
        parts.append(middle)
        if middle == "Thị" and chance(rng, 0.15):
            second = middle_table.pick(rng)
            if second not in ("Thị", given, ""):
                parts.append(second)
    parts.append(given)
    return " ".join(parts)


def national_id(rng: random.Random, birth: dt.date, gender: str, home: str,
                provinces: Sequence[str]) -> str:
    """A 12-digit citizen ID of the home province (or, for some, another of ``provinces``)."""
    if chance(rng, 0.2):
        home = item(rng, provinces)
    century = 0 if birth.year < 2000 else 2
    digit = century + (1 if gender == "female" else 0)
    return f"0{home}{digit}{birth.year % 100:02d}{index(rng, 1_000_000):06d}"
