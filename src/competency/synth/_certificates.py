"""Political theory, foreign and minority languages, IT skills and state management.

Each is what a standard asks of a post, so the mix depends on the post, its level, the
official's age and, for minority languages, where they work.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING, Any

from competency.synth._calendar import plus_years, years, years_before
from competency.synth._draw import Weighted, between, chance, index, item
from competency.synth._names import name_styles

if TYPE_CHECKING:
    from competency.synth._areas import AreaProfile
    from competency.synth._posts import Post, Slot

__all__ = ["it_skills", "languages", "political_theory", "state_management"]

# Highest political-theory diploma held, by post kind ("" = none recorded).
_THEORY: dict[str, Weighted] = {k: Weighted.of(v) for k, v in {
    "director": {"cao_cap": 78, "cao_cap_hanh_chinh": 6, "cu_nhan_chinh_tri": 4,
                 "xac_nhan_cao_cap": 2, "trung_cap": 8, "so_cap": 2},
    "deputy_director": {"cao_cap": 55, "cao_cap_hanh_chinh": 3, "cu_nhan_chinh_tri": 2,
                        "trung_cap": 32, "trung_cap_hanh_chinh": 3, "xac_nhan_trung_cap": 1,
                        "so_cap": 4},
    "head": {"cao_cap": 15, "trung_cap": 60, "trung_cap_hanh_chinh": 5, "so_cap": 17, "": 3},
    "deputy_head": {"cao_cap": 5, "trung_cap": 50, "trung_cap_hanh_chinh": 3, "so_cap": 35,
                    "": 7},
    "staff": {"cao_cap": 2, "trung_cap": 15, "so_cap": 45, "": 38},
    "cadre_head": {"cao_cap": 6, "trung_cap": 78, "trung_cap_hanh_chinh": 6,
                   "xac_nhan_trung_cap": 1, "so_cap": 8, "": 1},
    "cadre_deputy": {"cao_cap": 2, "trung_cap": 70, "trung_cap_hanh_chinh": 5, "so_cap": 20,
                     "": 3},
    "cadre_front": {"cao_cap": 2, "trung_cap": 75, "so_cap": 20, "": 3},
    "commune_staff": {"trung_cap": 20, "so_cap": 50, "": 30},
    "unit_head": {"cao_cap": 20, "trung_cap": 60, "so_cap": 15, "": 5},
    "unit_deputy": {"cao_cap": 5, "trung_cap": 55, "so_cap": 30, "": 10},
    "employee": {"trung_cap": 8, "so_cap": 40, "": 52},
}.items()}

# Level of each diploma on the three-level scale, for ordering the award dates.
_THEORY_RANK = {"so_cap": 0, "trung_cap": 1, "trung_cap_hanh_chinh": 1, "xac_nhan_trung_cap": 1,
                "cao_cap": 2, "cao_cap_hanh_chinh": 2, "cu_nhan_chinh_tri": 2,
                "xac_nhan_cao_cap": 2}
_THEORY_AGE = {0: (23, 35), 1: (28, 45), 2: (35, 52)}
_SECOND_LANGUAGES = Weighted.of({"fr": 3, "zh": 3, "ja": 2, "ko": 2, "ru": 2, "de": 1})


def political_theory(rng: random.Random, on: dt.date, post: Post, birth: dt.date,
                     party: bool) -> list[dict[str, Any]]:
    """The diplomas up to the highest one held, each after the one below it."""
    highest = _THEORY[post.theory].pick(rng)
    if not party and highest and _THEORY_RANK[highest] > 0 and chance(rng, 0.95):
        highest = "so_cap" if chance(rng, 0.5) else ""
    if not highest:
        return []
    chain = [highest]
    level = _THEORY_RANK[highest]
    if level >= 2 and chance(rng, 0.5):
        chain.insert(0, "trung_cap")
    if level >= 1 and chance(rng, 0.35):
        chain.insert(0, "so_cap")
    out = []
    previous = plus_years(birth, 22.0)
    for diploma in chain:
        lo_age, hi_age = _THEORY_AGE[_THEORY_RANK[diploma]]
        lo = max(plus_years(birth, lo_age), previous + dt.timedelta(days=365))
        award = between(rng, lo, min(plus_years(birth, hi_age), on))
        award = min(award, on)
        previous = award
        entry: dict[str, Any] = {"diploma": diploma}
        if not chance(rng, 0.04):
            entry["awarded_on"] = award.isoformat()
        out.append(entry)
    return out


def _english(rng: random.Random, roll: float, province_level: bool, leader: bool,
             young: bool) -> dict[str, Any] | None:
    """The English level or certificate in the band of ``roll``, or None."""
    if province_level or leader:
        cut = (0.08, 0.23, 0.63, 0.85, 0.89, 0.95)
    else:
        cut = (0.30, 0.35, 0.70, 0.90, 0.93, 0.96) if not young else \
            (0.18, 0.21, 0.50, 0.78, 0.86, 0.93)
    if roll < cut[0]:
        return None
    english: dict[str, Any] = {"language": "en"}
    if roll < cut[1]:
        english["level"] = "bac_1" if not province_level else "bac_2"
    elif roll < cut[2]:
        english["level"] = "bac_2" if not province_level else "bac_3"
    elif roll < cut[3]:
        english["level"] = "bac_3"
        if chance(rng, 0.4):
            english["certificate"] = "VSTEP"
    elif roll < cut[4]:
        english["level"] = "bac_4"
        if chance(rng, 0.5):
            english["certificate"] = "VSTEP"
    elif roll < cut[5]:
        score = 5.0 + 0.5 * index(rng, 6)
        english["certificate"] = "IELTS"
        english["score"] = score
        if chance(rng, 0.6):
            english["level"] = "bac_3" if score < 5.5 else "bac_4" if score < 7.0 else "bac_5"
    else:
        score = float(400 + 5 * index(rng, 110))
        english["certificate"] = "TOEIC"
        english["score"] = score
        if chance(rng, 0.6):
            english["level"] = ("bac_2" if score < 450 else "bac_3" if score < 600
                                else "bac_4" if score < 850 else "bac_5")
    return english


def languages(rng: random.Random, on: dt.date, slot: Slot, post: Post, birth: dt.date,
              ethnicity: str, designated: bool, profile: AreaProfile) -> list[dict[str, Any]]:
    """English, maybe a second foreign language, and minority languages."""
    out: list[dict[str, Any]] = []
    province_level = slot.level == "province"
    roll = rng.random()
    earliest = plus_years(birth, 20.0)
    awarded = between(rng, max(earliest, years_before(on, 15)), on)
    english = _english(rng, roll, province_level, post.group == "leader", years(birth, on) < 40)
    if english is not None and not province_level and chance(rng, 0.1) \
            and awarded.year < 2016:
        english = {"language": "en", "certificate": "Chứng chỉ B"}
    if english is not None:
        if not chance(rng, 0.05):
            english["awarded_on"] = awarded.isoformat()
        out.append(english)
    if province_level and chance(rng, 0.06):
        neighbours = profile.neighbours
        language = (item(rng, neighbours) if neighbours and chance(rng, 0.5)
                    else _SECOND_LANGUAGES.pick(rng))
        out.append({"language": language,
                    "level": "bac_3" if chance(rng, 0.6) else "bac_4"})
    own = name_styles()[ethnicity].language
    if ethnicity != "kinh" and own and own != "zh":
        if chance(rng, 0.6 if designated else 0.2):
            out.append({"language": own})
    elif designated and profile.main_minority and chance(rng, 0.1):
        minority = name_styles()[profile.main_minority].language
        if minority:
            out.append({"language": minority,
                        "certificate": "Chứng chỉ tiếng dân tộc thiểu số",
                        "awarded_on": between(rng, max(earliest, on - dt.timedelta(
                            days=3650)), on).isoformat()})
    return out


def it_skills(rng: random.Random, on: dt.date, slot: Slot, birth: dt.date,
              recruited: dt.date) -> list[dict[str, Any]]:
    """At most one IT certificate, named as it was when awarded."""
    roll = rng.random()
    none_share = 0.12 if slot.level == "commune" else 0.08
    if roll < none_share:
        return []
    awarded = between(rng, max(plus_years(birth, 19.0), recruited - dt.timedelta(days=2000)),
                      on)
    advanced_share = 0.05 if slot.level == "commune" else 0.15
    if roll < none_share + advanced_share:
        entry = {"level": "advanced", "certificate": "Chứng chỉ ứng dụng CNTT nâng cao"}
    elif awarded.year < 2016:
        entry = {"level": "basic", "certificate": "Chứng chỉ Tin học văn phòng trình độ B"}
    else:
        entry = {"level": "basic", "certificate": "Chứng chỉ ứng dụng CNTT cơ bản"}
    entry["awarded_on"] = awarded.isoformat()
    return [entry]


# State-management programmes by rank: (chance, programme, youngest, oldest age at award).
_BY_RANK: dict[str | None, tuple[tuple[float, str, float, float], ...]] = {
    "01.001": ((0.7, "chuyen_vien_chinh", 33, 48), (0.75, "chuyen_vien_cao_cap", 42, 57)),
    "01.002": ((0.55, "chuyen_vien", 24, 35), (0.8, "chuyen_vien_chinh", 32, 50)),
    "01.004": ((0.1, "chuyen_vien", 25, 50),),
    "01.005": ((0.1, "chuyen_vien", 25, 50),),
}


def state_management(rng: random.Random, on: dt.date, slot: Slot, post: Post,
                     rank: str | None, birth: dt.date,
                     recruited: dt.date) -> list[dict[str, Any]]:
    """The state-management programmes completed, first award of each, in date order."""
    held: list[tuple[str, dt.date]] = []

    def add(programme: str, lo_age: float, hi_age: float) -> None:
        lo = max(plus_years(birth, lo_age), recruited + dt.timedelta(days=200))
        held.append((programme, min(between(rng, lo, min(plus_years(birth, hi_age), on)),
                                    on)))

    tenure = years(recruited, on)
    if rank in _BY_RANK:
        for share, programme, lo_age, hi_age in _BY_RANK[rank]:
            if chance(rng, share):
                add(programme, lo_age, hi_age)
    elif rank == "01.003":
        if chance(rng, 0.75 if tenure >= 2 else 0.3):
            add("chuyen_vien", 23, 45)
    elif post.group == "cadre":
        if chance(rng, 0.45):
            add("chuyen_vien", 25, 50)
    elif (post.group == "employee" and slot.title != "vc.chuyen_mon"
          and chance(rng, 0.2)):
        add("chuyen_vien", 28, 50)
    if slot.title == "giam_doc_so" and rank != "01.001" and chance(rng, 0.6):
        add("chuyen_vien_cao_cap", 42, 57)
    if slot.title in ("giam_doc_so", "pho_giam_doc_so") and chance(rng, 0.5):
        add("lanh_dao_cap_so", 40, 57)
    if slot.title in ("truong_phong", "pho_truong_phong") and chance(rng, 0.55):
        add("lanh_dao_cap_phong", 30, 55)
    seen: dict[str, dt.date] = {}
    for programme, day in held:
        seen.setdefault(programme, day)
    return [{"programme": p, "awarded_on": d.isoformat()}
            for p, d in sorted(seen.items(), key=lambda pair: (pair[1], pair[0]))]
