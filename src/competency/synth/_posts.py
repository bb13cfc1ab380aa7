"""The posts a roster fills: per-title parameters and the post (slot) of each record."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from competency.synth._draw import Weighted, index, item
from competency.synth._units import Commune, District, Province

if TYPE_CHECKING:
    from competency.synth._context import Context

__all__ = ["POSTS", "PROFILES", "Post", "Profile", "Slot", "slots"]

Profile = Literal["mixed", "commune"]
PROFILES: tuple[str, ...] = ("mixed", "commune")
"""Roster profiles accepted by :func:`generate`."""


@dataclasses.dataclass(frozen=True, slots=True)
class Post:
    """Per-title parameters: age range and mode, share of women, political-theory mix."""

    age: tuple[float, float, float]
    female: float
    theory: str
    party: float
    group: str  # cadre | commune | leader | staff | employee


_CADRE_HEAD = "cadre_head"
POSTS: dict[str, Post] = {
    "cb_xa.bi_thu": Post((33, 60, 48), 0.15, _CADRE_HEAD, 1.0, "cadre"),
    "cb_xa.pho_bi_thu": Post((30, 59, 44), 0.3, "cadre_deputy", 1.0, "cadre"),
    "cb_xa.chu_tich_hdnd": Post((35, 60, 50), 0.15, _CADRE_HEAD, 1.0, "cadre"),
    "cb_xa.pho_chu_tich_hdnd": Post((30, 58, 43), 0.35, "cadre_deputy", 0.99, "cadre"),
    "cb_xa.chu_tich_ubnd": Post((32, 60, 45), 0.12, _CADRE_HEAD, 1.0, "cadre"),
    "cb_xa.pho_chu_tich_ubnd": Post((28, 58, 40), 0.25, "cadre_deputy", 0.99, "cadre"),
    "cb_xa.chu_tich_mttq": Post((35, 60, 50), 0.35, "cadre_front", 0.99, "cadre"),
    "cc_xa.chi_huy_truong_quan_su": Post((25, 55, 38), 0.02, "commune_staff", 0.95, "commune"),
    "cc_xa.van_phong_thong_ke": Post((22, 60, 36), 0.55, "commune_staff", 0.6, "commune"),
    "cc_xa.dia_chinh_xay_dung": Post((22, 60, 37), 0.25, "commune_staff", 0.55, "commune"),
    "cc_xa.tai_chinh_ke_toan": Post((22, 60, 37), 0.6, "commune_staff", 0.55, "commune"),
    "cc_xa.tu_phap_ho_tich": Post((22, 60, 36), 0.45, "commune_staff", 0.6, "commune"),
    "cc_xa.van_hoa_xa_hoi": Post((22, 60, 36), 0.5, "commune_staff", 0.6, "commune"),
    "giam_doc_so": Post((42, 60, 53), 0.12, "director", 0.99, "leader"),
    "pho_giam_doc_so": Post((36, 59, 49), 0.25, "deputy_director", 0.98, "leader"),
    "truong_phong": Post((31, 60, 46), 0.35, "head", 0.95, "leader"),
    "pho_truong_phong": Post((28, 59, 41), 0.42, "deputy_head", 0.9, "leader"),
    "chuyen_vien": Post((23, 62, 37), 0.5, "staff", 0.5, "staff"),
    "vc.giam_doc": Post((40, 60, 50), 0.3, "unit_head", 0.95, "employee"),
    "vc.pho_giam_doc": Post((34, 59, 45), 0.4, "unit_deputy", 0.85, "employee"),
    "vc.chuyen_mon": Post((22, 60, 35), 0.55, "employee", 0.3, "employee"),
}

# Title slots: mixed-profile weights by level and period; commune-profile slots per commune.
_CADRES = ("cb_xa.bi_thu", "cb_xa.pho_bi_thu", "cb_xa.chu_tich_hdnd", "cb_xa.pho_chu_tich_hdnd",
           "cb_xa.chu_tich_ubnd", "cb_xa.pho_chu_tich_ubnd", "cb_xa.pho_chu_tich_ubnd",
           "cb_xa.chu_tich_mttq")
_COMMUNE_SLOTS = {
    "before": _CADRES + ("cc_xa.van_phong_thong_ke", "cc_xa.van_phong_thong_ke",
                         "cc_xa.dia_chinh_xay_dung", "cc_xa.dia_chinh_xay_dung",
                         "cc_xa.tai_chinh_ke_toan", "cc_xa.tu_phap_ho_tich",
                         "cc_xa.tu_phap_ho_tich", "cc_xa.van_hoa_xa_hoi",
                         "cc_xa.van_hoa_xa_hoi", "cc_xa.chi_huy_truong_quan_su"),
    "after": _CADRES + ("truong_phong",) * 3 + ("pho_truong_phong",) * 3
    + ("chuyen_vien",) * 18 + ("vc.chuyen_mon",) * 2,
}
_LEVELS = {
    "before": Weighted([("commune", 50), ("district", 20), ("province", 30)]),
    "after": Weighted([("commune", 60), ("province", 40)]),
}
_PROVINCE_TITLES = Weighted.of({"giam_doc_so": 2, "pho_giam_doc_so": 5, "truong_phong": 10,
                                "pho_truong_phong": 14, "chuyen_vien": 45, "vc.giam_doc": 1,
                                "vc.pho_giam_doc": 2, "vc.chuyen_mon": 14})
_LEVEL_TITLES = {
    ("before", "commune"): Weighted([(t, 1) for t in _COMMUNE_SLOTS["before"]]),
    ("after", "commune"): Weighted([(t, 1) for t in _COMMUNE_SLOTS["after"]]),
    ("before", "district"): Weighted.of({"truong_phong": 10, "pho_truong_phong": 14,
                                         "chuyen_vien": 50, "vc.giam_doc": 1,
                                         "vc.pho_giam_doc": 1.5, "vc.chuyen_mon": 8}),
    ("before", "province"): _PROVINCE_TITLES,
    ("after", "province"): _PROVINCE_TITLES,
}


@dataclasses.dataclass(frozen=True, slots=True)
class Slot:
    """One post to fill: the title, its level and where."""

    title: str
    level: str
    province: Province
    commune: Commune | None = None
    district: District | None = None


def slots(roster: Context) -> Iterator[Slot]:
    """The posts to fill, one per record, in order (endless)."""
    if roster.profile == "commune":
        yield from _commune_slots(roster)
        return
    number = 0
    while True:
        rng = random.Random(f"{roster.seed}:slot:{number}")
        number += 1
        level = _LEVELS[roster.period].pick(rng)
        title = _LEVEL_TITLES[(roster.period, level)].pick(rng)
        if level == "commune":
            commune = item(rng, roster.communes)
            yield Slot(title, level, roster.units.by_code[commune.province], commune=commune)
        elif level == "district":
            district = item(rng, roster.districts)
            yield Slot(title, level, roster.units.by_code[district.province], district=district)
        else:
            yield Slot(title, level, item(rng, roster.scope))


def _commune_slots(roster: Context) -> Iterator[Slot]:
    """Every post of a commune in turn, commune after commune in a seeded order."""
    posts = _COMMUNE_SLOTS[roster.period]
    round_ = 0
    while True:
        order = list(roster.communes)
        rng = random.Random(f"{roster.seed}:communes:{round_}")
        for i in range(len(order) - 1, 0, -1):  # Fisher-Yates with random() only
            j = index(rng, i + 1)
            order[i], order[j] = order[j], order[i]
        for commune in order:
            province = roster.units.by_code[commune.province]
            for title in posts:
                yield Slot(title, "commune", province, commune=commune)
        round_ += 1
