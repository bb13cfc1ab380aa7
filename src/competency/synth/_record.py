"""One official's record, drawn part by part from its own random generator.

Every record draws from ``random.Random("{seed}:{index}")``, so record ``i`` depends
on nothing but the seed, the arguments and ``i``. The order of the draws below is
part of the output: reordering them changes every record.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from competency.synth import _careers as careers
from competency.synth._areas import draw_area, region
from competency.synth._calendar import plus_years, years
from competency.synth._certificates import (
    it_skills,
    languages,
    political_theory,
    state_management,
)
from competency.synth._context import Context
from competency.synth._draw import between, chance
from competency.synth._education import education, training
from competency.synth._names import full_name, national_id
from competency.synth._posts import POSTS, Slot

__all__ = ["record"]


def record(roster: Context, index: int, slot: Slot) -> dict[str, Any]:
    """The record filling ``slot``, with an empty ``id`` for the caller to number."""
    rng = random.Random(f"{roster.seed}:{index}")
    on = roster.on
    title = roster.titles[slot.title]
    post = POSTS[slot.title]
    area = draw_area(roster, rng, slot)
    profile = area.profile
    designated = area.disadvantaged
    ethnicity = (profile.designated if designated else profile.elsewhere).pick(rng)
    gender = "female" if chance(rng, post.female) else "male"
    home = area.old_province

    birth, career = careers.life(roster, rng, slot, post, gender)
    recruited = career.recruited
    career_start = career.career_start
    name_region = region(home if slot.level == "commune" else slot.province.code)

    out: dict[str, Any] = {"id": ""}
    if not chance(rng, 0.002):
        out["full_name"] = full_name(rng, ethnicity, gender, name_region, birth)
    if not chance(rng, 0.01):
        out["birth_date"] = birth.isoformat()
    if not chance(rng, 0.005):
        out["gender"] = gender
    if not chance(rng, 0.02):
        out["ethnicity"] = ethnicity
    if not chance(rng, 0.1):
        out["national_id"] = national_id(rng, birth, gender, home, roster.old_provinces)
    out["category"] = title["category"]
    if not chance(rng, 0.03):
        out["recruited_on"] = recruited.isoformat()
    if not chance(rng, 0.15):
        out["service_start"] = min(career_start, recruited).isoformat()
    out["unit"] = area.unit

    diplomas, highest, upgrade = education(roster, rng, slot, post, birth, recruited,
                                           designated, area.international > 0.5)
    rank = careers.rank(roster, rng, slot, highest, birth)
    out["assignments"] = careers.assignments(roster, rng, slot, career, rank, area)
    out["career"] = [e for e in careers.events(roster, slot, career)
                     if e["kind"] != "tuyen_dung" or "recruited_on" in out]
    if not chance(rng, 0.04):
        out["high_school"] = True
    roll = rng.random()
    if roll >= 0.03:
        if roll < 0.033 and post.group in ("commune", "cadre") and birth.year < 1975:
            out["education"] = []
        else:
            out["education"] = diplomas

    party = chance(rng, post.party + (0.15 if post.group == "staff"
                                      and years(birth, on) > 35 else 0.0))
    theory = political_theory(rng, on, post, birth, party)
    if not chance(rng, 0.03):
        out["political_theory"] = theory
    if not chance(rng, 0.05):
        out["languages"] = languages(rng, on, slot, post, birth, ethnicity, designated, profile)
    if not chance(rng, 0.04):
        out["it_skills"] = it_skills(rng, on, slot, birth, recruited)
    if not chance(rng, 0.05):
        out["state_management"] = state_management(rng, on, slot, post, rank, birth, recruited)
    courses = training(roster, rng, slot, post, upgrade, recruited)
    if courses:
        out["training"] = courses
    ratings = careers.ratings(rng, on, post, recruited)
    if ratings and not chance(rng, 0.03):
        out["ratings"] = ratings
    pools = careers.pools(rng, on, slot, birth)
    if pools:
        out["planning_pools"] = pools
    if not chance(rng, 0.02):
        out["party_member"] = party
        if party and not chance(rng, 0.05):
            joined = between(rng, max(plus_years(birth, 20.0),
                                      career_start - dt.timedelta(days=1500)),
                             min(plus_years(birth, 36.0), on))
            out["party_joined_on"] = min(joined, on).isoformat()
    return out
