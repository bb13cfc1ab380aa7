"""Diplomas and training courses.

Shares of lower qualifications follow the post and the date of recruitment: Circular
13/2019 asks a degree of commune civil servants recruited from its entry into force.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING, Any

from competency.synth._areas import region
from competency.synth._calendar import plus_years, years_before
from competency.synth._draw import Weighted, between, chance, index, item, uniform

if TYPE_CHECKING:
    from competency.synth._context import Context
    from competency.synth._posts import Post, Slot

__all__ = ["education", "training"]

_TT13_FROM = dt.date(2019, 12, 25)  # commune civil servants need a university degree
_LEVEL_ORDER = ("trung_cap", "cao_dang", "dai_hoc", "thac_si", "tien_si")


def _shares(slot: Slot, post: Post, recruited: dt.date, designated: bool,
            commune_staff: bool) -> tuple[float, float, float]:
    """Chances of a lower diploma, of a postgraduate degree and of a doctorate."""
    if commune_staff:
        if recruited < _TT13_FROM:
            return (0.45 if designated else 0.32), 0.02, 0.0
        return (0.25 if designated else 0.03), 0.02, 0.0
    if post.group == "cadre":
        return (0.3 if recruited < _TT13_FROM else 0.05), 0.05, 0.0
    if post.group == "leader":
        postgraduate = 0.55 if slot.title == "giam_doc_so" else 0.4
        doctorate = 0.12 if slot.title == "giam_doc_so" else 0.04
        if slot.level != "province":
            postgraduate, doctorate = postgraduate / 2, 0.0
        return 0.0, postgraduate, doctorate
    if post.group == "staff":
        return (0.06, 0.25 if slot.level == "province" else 0.1,
                0.02 if slot.level == "province" else 0.0)
    return 0.1, 0.2, 0.03  # public employees


def _fields(roster: Context, slot: Slot, post: Post, international: bool) -> Weighted:
    fields = roster.data.fields
    if slot.title.startswith("cc_xa.") or slot.title in fields:
        return fields.get(slot.title, fields["default"])
    if post.group == "cadre":
        return fields["cadre"]
    if international:
        return fields["international"]
    return fields["default"]


def education(roster: Context, rng: random.Random, slot: Slot, post: Post, birth: dt.date,
              recruited: dt.date, designated: bool, international: bool,
              ) -> tuple[list[dict[str, Any]], str | None, dict[str, Any] | None]:
    """Draw the diplomas held on the as-of date, in award order.

    Also returns the highest level among them and the in-service degree (held or still
    to come) of a lower-qualified official, which the training history mentions.
    """
    on = roster.on
    commune_staff = post.group == "commune" or (slot.level == "commune"
                                                and post.group != "cadre")
    lower, postgraduate, doctorate = _shares(slot, post, recruited, designated, commune_staff)
    fields = _fields(roster, slot, post, international)
    universities = roster.data.universities[region(slot.province.code)]
    diplomas: list[dict[str, Any]] = []
    first_award = between(rng, plus_years(birth, 19.5), plus_years(birth, 24.0))
    first_award = min(first_award, recruited, on)
    if chance(rng, lower):
        level = "trung_cap" if chance(rng, 0.72) else "cao_dang"
        diploma: dict[str, Any] = {"level": level, "field": fields.pick(rng)}
        if level == "cao_dang" and chance(rng, 0.5):
            diploma["institution"] = f"Trường Cao đẳng {slot.province.short}"
        diploma["awarded_on"] = first_award
        diplomas.append(diploma)
        # Many lower-qualified commune staff later earn a degree (liên thông classes).
        if (commune_staff or post.group == "cadre") and chance(rng, 0.75):
            award = between(rng, max(dt.date(2017, 6, 1), recruited), dt.date(2025, 12, 31))
            diplomas.append({"level": "dai_hoc", "field": diploma["field"],
                             "institution": item(rng, universities),
                             "awarded_on": award, "_upgrade": True})
    else:
        diploma = {"level": "dai_hoc", "field": fields.pick(rng)}
        if chance(rng, 0.7):
            diploma["institution"] = item(rng, universities)
        award = between(rng, plus_years(birth, 21.5), plus_years(birth, 24.5))
        # a degree is held when recruited, except some cadres who earned it in service
        if post.group != "cadre" or chance(rng, 0.7):
            award = min(award, recruited - dt.timedelta(days=index(rng, 300)))
        diploma["awarded_on"] = max(award, plus_years(birth, 20.0))
        diplomas.append(diploma)
        if chance(rng, postgraduate):
            award = between(rng, plus_years(birth, 27.0), plus_years(birth, 45.0))
            master: dict[str, Any] = {"level": "thac_si",
                                      "field": roster.data.fields["postgraduate"].pick(rng)}
            abroad = slot.level == "province" and chance(rng, 0.2)
            if abroad:
                _country, names = item(rng, roster.data.abroad)
                master["institution"] = item(rng, names)
            else:
                master["institution"] = item(rng, universities)
            master["awarded_on"] = award
            if abroad:
                master["abroad"] = True
            diplomas.append(master)
            if chance(rng, doctorate / max(postgraduate, 1e-9)):
                diplomas.append({"level": "tien_si", "field": master["field"],
                                 "institution": item(rng, universities),
                                 "awarded_on": between(rng, plus_years(award, 3.0),
                                                       plus_years(award, 8.0))})
    held = [d for d in diplomas if d["awarded_on"] <= on]
    highest = max((d["level"] for d in held), key=_LEVEL_ORDER.index, default=None)
    out = []
    for diploma in held:
        entry = {k: v for k, v in diploma.items() if k != "_upgrade"}
        if chance(rng, 0.05):
            del entry["awarded_on"]
        else:
            entry["awarded_on"] = entry["awarded_on"].isoformat()
        out.append(entry)
    upgrade = next((d for d in diplomas if d.get("_upgrade")), None)
    return out, highest, upgrade


def training(roster: Context, rng: random.Random, slot: Slot, post: Post,
             upgrade: dict[str, Any] | None, recruited: dt.date) -> list[dict[str, Any]]:
    """Courses of the last six years, and the in-service degree course if any."""
    on = roster.on
    out: list[dict[str, Any]] = []
    if upgrade is not None:
        end = upgrade["awarded_on"]
        start = years_before(end, uniform(rng, 2.0, 3.5))
        if start <= on:
            entry: dict[str, Any] = {"programme": roster.data.upgrade["programme"],
                                     "name": roster.data.upgrade["name"],
                                     "start": start.isoformat()}
            if end <= on:
                entry["end"] = end.isoformat()
                entry["completed"] = True
            else:
                entry["completed"] = False
            entry["abroad"] = False
            out.append(entry)
    leader = post.group in ("leader", "cadre") or slot.title in ("vc.giam_doc", "vc.pho_giam_doc")
    if not chance(rng, 0.6 if leader else 0.3):
        return out
    abroad_share = 0.0
    if slot.level == "province":
        abroad_share = 0.12 if leader else 0.03
        if slot.province.code == "01" and on.year >= 2023 and leader:
            abroad_share = 0.3  # Hà Nội's overseas training scheme (Đề án 19-ĐA/TU)
    count = 1 + (1 if chance(rng, 0.3) else 0)
    courses = [c for c in roster.data.courses if leader or not c.get("leaders")]
    for _ in range(count):
        abroad = chance(rng, abroad_share)
        pool = [c for c in courses if bool(c.get("abroad")) == abroad] or courses
        course = item(rng, pool)
        lo = max(recruited, years_before(on, 6))
        start = between(rng, lo, on - dt.timedelta(days=int(course["days"]) + 1))
        end = start + dt.timedelta(days=int(course["days"]) - 1)
        entry = {"programme": course["programme"], "name": course["name"],
                 "start": start.isoformat(), "end": end.isoformat(),
                 "abroad": bool(course.get("abroad", False))}
        if entry["abroad"]:
            entry["country"] = roster.data.countries.pick(rng)
        entry["completed"] = not chance(rng, 0.03)
        if entry["completed"] and chance(rng, 0.4):
            entry["result"] = item(rng, ("Đạt", "Khá", "Giỏi", "Xuất sắc"))
        out.append(entry)
    return sorted(out, key=lambda e: (e["start"], e["programme"]))
