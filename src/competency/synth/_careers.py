"""A working life: age, posts held, civil-service rank, ratings and planning pools.

Dates follow the terms and the law (Party congresses, People's Council elections, the
retirement roadmap), so that rules about ages and tenures have realistic cases to judge.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
import random
from typing import TYPE_CHECKING, Any

from competency.standards.catalogue import Catalog
from competency.synth._calendar import (
    DAY,
    add_months,
    plus_years,
    retirement_date,
    retirement_months,
    years,
    years_before,
)
from competency.synth._draw import Weighted, between, chance, index, item, triangular
from competency.synth._units import TWO_LEVEL_FROM

if TYPE_CHECKING:
    from competency.synth._areas import Area
    from competency.synth._context import Context
    from competency.synth._posts import Post, Slot

__all__ = ["Career", "Past", "assignments", "events", "life", "pools", "rank", "ratings"]

# Term anchors of commune cadres: Party congresses, People's Council elections, Front congresses.
_TERMS = {
    "party": (dt.date(2010, 6, 15), dt.date(2015, 6, 15), dt.date(2020, 6, 20),
              TWO_LEVEL_FROM),
    "council": (dt.date(2011, 6, 25), dt.date(2016, 6, 25), dt.date(2021, 6, 25),
                TWO_LEVEL_FROM),
    "front": (dt.date(2009, 6, 15), dt.date(2014, 6, 15), dt.date(2019, 6, 15),
              dt.date(2024, 6, 15), TWO_LEVEL_FROM),
}
_TERM_OF = {"cb_xa.bi_thu": "party", "cb_xa.pho_bi_thu": "party", "cb_xa.chu_tich_mttq": "front"}
_PROMOTED_FROM = {
    "cb_xa.bi_thu": ("cb_xa.pho_bi_thu", "cb_xa.chu_tich_ubnd", "cb_xa.chu_tich_hdnd"),
    "cb_xa.pho_bi_thu": ("cb_xa.pho_chu_tich_ubnd", "cb_xa.pho_chu_tich_hdnd"),
    "cb_xa.chu_tich_ubnd": ("cb_xa.pho_chu_tich_ubnd", "cb_xa.pho_bi_thu"),
    "cb_xa.chu_tich_hdnd": ("cb_xa.pho_bi_thu", "cb_xa.pho_chu_tich_hdnd"),
    "cb_xa.pho_chu_tich_ubnd": ("cc_xa.dia_chinh_xay_dung", "cc_xa.van_phong_thong_ke",
                                "cc_xa.tai_chinh_ke_toan"),
    "cb_xa.pho_chu_tich_hdnd": ("cc_xa.van_phong_thong_ke", "cc_xa.tu_phap_ho_tich"),
    "cb_xa.chu_tich_mttq": ("cc_xa.van_hoa_xa_hoi",),
    "giam_doc_so": ("pho_giam_doc_so",),
    "pho_giam_doc_so": ("truong_phong",),
    "truong_phong": ("pho_truong_phong",),
    "pho_truong_phong": ("chuyen_vien",),
    "vc.giam_doc": ("vc.pho_giam_doc",),
    "vc.pho_giam_doc": ("vc.chuyen_mon",),
}
_POOL_FOR = {
    "cb_xa.pho_bi_thu": "cb_xa.bi_thu",
    "cb_xa.pho_chu_tich_ubnd": "cb_xa.chu_tich_ubnd",
    "cb_xa.pho_chu_tich_hdnd": "cb_xa.chu_tich_hdnd",
    "cb_xa.chu_tich_ubnd": "cb_xa.bi_thu",
    "pho_giam_doc_so": "giam_doc_so",
    "truong_phong": "pho_giam_doc_so",
    "pho_truong_phong": "truong_phong",
    "chuyen_vien": "pho_truong_phong",
    "vc.pho_giam_doc": "vc.giam_doc",
}
_CC_XA = ("cc_xa.van_phong_thong_ke", "cc_xa.dia_chinh_xay_dung", "cc_xa.tai_chinh_ke_toan",
          "cc_xa.tu_phap_ho_tich", "cc_xa.van_hoa_xa_hoi")
_DIRECTOR_RANKS = Weighted.of({"01.001": 55, "01.002": 45})
_DEPUTY_DIRECTOR_RANKS = Weighted.of({"01.001": 15, "01.002": 80, "01.003": 5})
# Percentage of heads and deputy heads of office holding the senior rank (01.002).
_SENIOR = {("truong_phong", "province"): 55, ("truong_phong", "district"): 20,
           ("truong_phong", "commune"): 10, ("pho_truong_phong", "province"): 25,
           ("pho_truong_phong", "district"): 5, ("pho_truong_phong", "commune"): 3}
_RATINGS = {
    True: Weighted.of({"hoan_thanh_xuat_sac": 20, "hoan_thanh_tot": 65, "hoan_thanh": 13,
                       "khong_hoan_thanh": 2}),
    False: Weighted.of({"hoan_thanh_xuat_sac": 12, "hoan_thanh_tot": 62, "hoan_thanh": 23,
                        "khong_hoan_thanh": 3}),
}
_FIVE_YEARS = 60 * 30.44  # days: the working time a first appointment needs


@dataclasses.dataclass(frozen=True, slots=True)
class Past:
    """An earlier post (``district``: held at district level)."""

    title: str
    start: dt.date
    end: dt.date
    district: bool = False


@dataclasses.dataclass(frozen=True, slots=True)
class Career:
    """The current post (start, first appointment) and what came before it."""

    start: dt.date
    first_appointed: dt.date | None
    previous: tuple[Past, ...]
    recruited: dt.date
    career_start: dt.date


def life(roster: Context, rng: random.Random, slot: Slot, post: Post,
         gender: str) -> tuple[dt.date, Career]:
    """Birth date and career, redrawn (six times at most) so most cadres meet the age rule.

    The rule: 60 months of working time left at the first appointment.
    """
    on = roster.on
    for _attempt in range(6):
        birth = _birth_date(rng, on, post, gender)
        career_start = between(rng, plus_years(birth, 21.5),
                               min(plus_years(birth, 30.0), on - dt.timedelta(days=60)))
        career = _draw_career(roster, rng, slot, post, birth, career_start)
        first = career.first_appointed
        if (post.group != "cadre" or first is None
                or not _short_of_term(birth, gender, first) or chance(rng, 0.2)):
            break
    if post.group == "cadre" and first is not None and chance(rng, 0.015):
        birth = _late_birth(rng, on, gender, first) or birth
    return birth, career


def _birth_date(rng: random.Random, on: dt.date, post: Post, gender: str) -> dt.date:
    """A birth date for the post's age range, never past retirement on ``on``."""
    lo, hi, mode = post.age
    birth = years_before(on, triangular(rng, lo, hi, mode))
    if retirement_date(birth, gender) <= on:
        # too old: move the birth date to within the last years before retirement
        months = retirement_months(gender, on.year)
        birth = add_months(on, -months) + dt.timedelta(days=30 + index(rng, 1500))
    return birth


def _short_of_term(birth: dt.date, gender: str, first: dt.date) -> bool:
    """Whether under 60 months of working time are left at the first appointment."""
    return (retirement_date(birth, gender) - first).days < _FIVE_YEARS


def _late_birth(rng: random.Random, on: dt.date, gender: str, first: dt.date) -> dt.date | None:
    """Pick a birth date leaving under 60 months of working time at ``first``.

    The official is still at work on ``on``; None when no such date exists.
    """
    elapsed = (on.year - first.year) * 12 + on.month - first.month
    lo = max(12, elapsed + 2)
    if lo >= 58:
        return None
    target = add_months(first, lo + index(rng, 58 - lo))
    birth = add_months(target, -retirement_months(gender, target.year))
    if on < retirement_date(birth, gender) and _short_of_term(birth, gender, first):
        return birth
    return None


def _draw_career(roster: Context, rng: random.Random, slot: Slot, post: Post, birth: dt.date,
                 career_start: dt.date) -> Career:
    """Current post and at most one earlier one, with recruitment date."""
    if post.group == "cadre":
        return _cadre_career(roster, rng, slot.title, birth, career_start)
    if roster.period == "after" and slot.level == "commune":
        return _new_commune_career(roster, rng, slot.title, birth, career_start)
    on = roster.on
    recruited = _recruited(rng, on, birth, career_start)
    if roster.titles[slot.title]["leadership"]:
        lo = min(plus_years(recruited, 4.0), on)
        start = between(rng, max(lo, years_before(on, 9)), on)
        first = start
        if chance(rng, 0.3) and start - dt.timedelta(days=1826) > lo:
            first = start - dt.timedelta(days=1826)
        previous: list[Past] = []
        before_titles = _PROMOTED_FROM.get(slot.title)
        if before_titles and chance(rng, 0.6) and first - dt.timedelta(days=730) > recruited:
            p_start = between(rng, recruited, first - dt.timedelta(days=730))
            previous.append(Past(before_titles[0], p_start, first - DAY))
        return Career(start, first, tuple(previous), recruited, career_start)
    start = recruited if chance(rng, 0.7) else between(rng, recruited, on)
    return Career(start, start if slot.title.startswith("cc_xa.") else None, (), recruited,
                  career_start)


def _earliest(birth: dt.date, career_start: dt.date) -> dt.date:
    return max(career_start, plus_years(birth, 22.0))


def _recruited(rng: random.Random, on: dt.date, birth: dt.date, career_start: dt.date) -> dt.date:
    """Recruitment of a civil servant or public employee."""
    recruited = min(_earliest(birth, career_start), on)
    if chance(rng, 0.4):
        recruited = between(rng, recruited, min(plus_years(recruited, 6.0), on))
    return recruited


def _cadre_career(roster: Context, rng: random.Random, title: str, birth: dt.date,
                  career_start: dt.date) -> Career:
    """A commune cadre: elected at a term's start, perhaps re-elected, perhaps promoted."""
    on = roster.on
    earliest = _earliest(birth, career_start)
    anchors = [a for a in _TERMS[_TERM_OF.get(title, "council")] if a <= on]
    anchor = anchors[-1] if anchors else on
    if chance(rng, 0.75):
        start = min(anchor + dt.timedelta(days=index(rng, 45)), on)
    else:
        start = between(rng, anchor, on)
    start = max(start, min(earliest, on))
    first = start
    earlier = [a for a in anchors[:-1] if a >= plus_years(birth, 26.0)]
    if earlier and chance(rng, 0.45):
        first = earlier[-1] if chance(rng, 0.7) else item(rng, earlier)
    previous: list[Past] = []
    if chance(rng, 0.45) and first - dt.timedelta(days=400) > earliest:
        before = item(rng, _PROMOTED_FROM[title])
        p_start = between(rng, max(earliest, first - dt.timedelta(days=3650)),
                          first - dt.timedelta(days=400))
        previous.append(Past(before, p_start, first - DAY))
    cadre_dates = [first] + [p.start for p in previous
                             if roster.titles[p.title]["category"] == "can_bo"]
    career = min([career_start] + [p.start for p in previous])
    return Career(start, first, tuple(previous), min(cadre_dates), career)


def _new_commune_career(roster: Context, rng: random.Random, title: str, birth: dt.date,
                        career_start: dt.date) -> Career:
    """Staff of a commune after 2025-07-01: posts start with two-level local government."""
    on = roster.on
    recruited = _recruited(rng, on, birth, career_start)
    leader = roster.titles[title]["leadership"]
    previous: list[Past] = []
    if recruited < TWO_LEVEL_FROM:
        start = TWO_LEVEL_FROM if chance(rng, 0.85) else between(rng, TWO_LEVEL_FROM, on)
        if leader and chance(rng, 0.5):
            before, district = item(rng, ("truong_phong", "pho_truong_phong")), True
        elif chance(rng, 0.75):
            before, district = item(rng, _CC_XA), False
        else:
            before, district = "chuyen_vien", True
        p_start = recruited if not leader else between(
            rng, recruited, max(recruited, TWO_LEVEL_FROM - dt.timedelta(days=730)))
        previous.append(Past(before, p_start, TWO_LEVEL_FROM - DAY, district))
    else:
        start = recruited
    return Career(start, start if leader else None, tuple(previous), recruited, career_start)


def assignments(roster: Context, rng: random.Random, slot: Slot, career: Career,
                rank_code: str | None, area: Area) -> list[dict[str, Any]]:
    """The record's ``assignments``: earlier posts, then the current one."""
    out = []
    for past in career.previous:
        entry: dict[str, Any] = {"title": past.title}
        if past.district:
            entry["unit"] = {"level": "district", "province_code": area.old_province}
        entry["start"] = past.start.isoformat()
        entry["end"] = past.end.isoformat()
        entry["leadership"] = roster.titles[past.title]["leadership"]
        out.append(entry)
    current: dict[str, Any] = {"title": slot.title}
    # Commune titles carry no rank until two-level local government: the salary grade drawn for
    # them shapes their training, but is not a rank on the record.
    if rank_code is not None and not slot.title.startswith("cc_xa."):
        current["rank"] = rank_code
    current["start"] = career.start.isoformat()
    if career.first_appointed is not None:
        current["first_appointed"] = career.first_appointed.isoformat()
    current["leadership"] = roster.titles[slot.title]["leadership"]
    if area.international and chance(rng, area.international):
        current["international"] = True
    elif slot.level == "province" and not chance(rng, 0.1):
        current["international"] = False
    out.append(current)
    return out


def events(roster: Context, slot: Slot, career: Career) -> list[dict[str, Any]]:
    """The record's ``career``: recruitment, then the appointments (or elections) to the
    current post, a reappointment opening each later term."""
    title = roster.titles[slot.title]
    out: list[dict[str, Any]] = []
    if title["category"] != "can_bo":
        out.append({"kind": "tuyen_dung", "on": career.recruited.isoformat()})
    elected = title["category"] == "can_bo"
    if career.first_appointed is None or not (elected or title["leadership"]):
        return out
    out.append({"kind": "bau_cu" if elected else "bo_nhiem",
                "on": career.first_appointed.isoformat(), "title": slot.title})
    if career.start > career.first_appointed:
        again: dict[str, Any] = {"kind": "bau_cu" if elected else "bo_nhiem_lai",
                                 "on": career.start.isoformat(), "title": slot.title}
        term = None if elected else _term_years(slot.title)
        if term is not None:
            again["term_end"] = (add_months(career.start, 12 * term) - DAY).isoformat()
        out.append(again)
    return out


@functools.cache
def _term_years(title: str) -> int | None:
    """The term of an appointment to ``title``, from the standard that tests it at appointment."""
    for standard in Catalog.builtin():
        term = standard.tested_at.term if standard.tested_at else None
        if term is not None and title in (standard.applies_to.titles or ()):
            return term.years
    return None


def _commune_rank(rng: random.Random, highest: str | None, age: float) -> str:
    if highest == "trung_cap":
        return "01.004" if chance(rng, 0.7) else "01.005"
    if highest == "cao_dang":
        return "01.004"
    if highest is None:
        return "01.003" if chance(rng, 0.7) else "01.004"
    return "01.002" if age > 40 and chance(rng, 0.05) else "01.003"


def rank(roster: Context, rng: random.Random, slot: Slot, highest: str | None,
         birth: dt.date) -> str | None:
    """The civil-service rank code, in line with the post and the highest diploma."""
    if roster.titles[slot.title]["category"] != "cong_chuc" or chance(rng, 0.02):
        return None
    title, level = slot.title, slot.level
    age = years(birth, roster.on)
    if title.startswith("cc_xa.") or (level == "commune" and title == "chuyen_vien"):
        return _commune_rank(rng, highest, age)
    if title == "giam_doc_so":
        return _DIRECTOR_RANKS.pick(rng)
    if title == "pho_giam_doc_so":
        return _DEPUTY_DIRECTOR_RANKS.pick(rng)
    if title in ("truong_phong", "pho_truong_phong"):
        return "01.002" if chance(rng, _SENIOR[(title, level)] / 100) else "01.003"
    # chuyen_vien at province or district level
    if highest == "cao_dang":
        return "01.004"
    if highest == "trung_cap":
        return "01.005" if chance(rng, 0.6) else "01.004"
    if age >= 45 and chance(rng, 0.04):
        return "01.001"
    if age >= 32 and chance(rng, 0.22):
        return "01.002"
    return "01.003"


def ratings(rng: random.Random, on: dt.date, post: Post,
            recruited: dt.date) -> list[dict[str, Any]]:
    """Annual ratings of the last three full years in service."""
    leader = post.group in ("leader", "cadre")
    first_year = recruited.year + (1 if recruited.month > 6 else 0)
    out = []
    for year in range(on.year - 3, on.year):
        if year < first_year or chance(rng, 0.02):
            continue
        out.append({"year": year, "rating": _RATINGS[leader].pick(rng)})
    return out


def pools(rng: random.Random, on: dt.date, slot: Slot, birth: dt.date) -> list[dict[str, Any]]:
    """Planning for a higher post in the next five-year term, for some."""
    target = _POOL_FOR.get(slot.title)
    if target is None:
        if slot.title.startswith("cc_xa.") and years(birth, on) < 40 and chance(rng, 0.08):
            target = "cb_xa.pho_chu_tich_ubnd"
        else:
            return []
    share = {"chuyen_vien": 0.12 if years(birth, on) < 40 else 0.03}.get(slot.title, 0.4)
    if target != "cb_xa.pho_chu_tich_ubnd" and not chance(rng, share):
        return []
    start = 5 * math.ceil((on.year + 1) / 5)
    level = slot.level
    if target in ("giam_doc_so", "pho_giam_doc_so"):
        level = "province"
    return [{"title": target, "term": f"{start}-{start + 5}", "level": level}]
