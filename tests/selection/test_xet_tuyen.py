"""Selection without exam under Decree 170/2025 (R47) and its priority points (R46): who may be
selected, +7.5 / +5 / +2.5 by group, the highest group only, unknowns kept apart (dossier §8.5)."""

from __future__ import annotations

import datetime as dt

import pytest

from competency import Official, structure
from competency.selection import NoRegimeError, select

SCHEME = "vn.nd-170-2025.xet-tuyen"
ON = dt.date(2025, 8, 1)
NONE_OF_THEM = {"cam_ket_5_nam_vung_dac_biet_kho_khan": False, "cu_tuyen_ve_dia_phuong": False,
                "tot_nghiep_xuat_sac_nha_khoa_hoc_tre": False, "uu_tien_anh_hung_thuong_binh": False,
                "uu_tien_si_quan_quan_nhan": False, "uu_tien_nghia_vu_quan_su_tnxp": False}


def applicant(ident: str, ethnicity: str = "Kinh", **facts: bool) -> Official:
    stated = {**NONE_OF_THEM, **facts}
    return structure({"id": ident, "category": "cong_chuc", "ethnicity": ethnicity,
                      "birth_date": "2001-02-03", "assignments": [{"title": "chuyen_vien"}],
                      "facts": [{"code": c, "value": v} for c, v in stated.items()]}, Official)


@pytest.mark.parametrize("group", ["cam_ket_5_nam_vung_dac_biet_kho_khan", "cu_tuyen_ve_dia_phuong",
                                   "tot_nghiep_xuat_sac_nha_khoa_hoc_tre"])
def test_each_of_the_three_groups_may_be_selected(group):
    result = select([applicant("A", **{group: True})], SCHEME, ON)
    assert [c.official_id for c in result.ranked] == ["A"]


def test_outside_the_three_groups_is_ineligible():
    result = select([applicant("B")], SCHEME, ON)
    assert [r.official_id for r in result.ineligible] == ["B"]


@pytest.mark.parametrize(("ethnicity", "facts", "points"), [
    ("Kinh", {}, 0),
    ("Kinh", {"uu_tien_nghia_vu_quan_su_tnxp": True}, 2.5),
    ("Tày", {}, 5),                                                    # ethnic minority
    ("Tày", {"uu_tien_nghia_vu_quan_su_tnxp": True}, 5),              # highest group only
    ("Kinh", {"uu_tien_si_quan_quan_nhan": True}, 5),
    ("Kinh", {"uu_tien_anh_hung_thuong_binh": True, "uu_tien_si_quan_quan_nhan": True}, 7.5),
])
def test_priority_points_by_group(ethnicity, facts, points):
    (ranked,) = select([applicant("P", ethnicity, cu_tuyen_ve_dia_phuong=True, **facts)],
                       SCHEME, ON).ranked
    assert ranked.score == points


def test_priority_facts_not_stated_leave_the_applicant_unknown():
    official = structure({"id": "U", "category": "cong_chuc", "ethnicity": "Kinh",
                          "assignments": [{"title": "chuyen_vien"}],
                          "facts": [{"code": "cu_tuyen_ve_dia_phuong", "value": True}]}, Official)
    result = select([official], SCHEME, ON)
    assert [u.official_id for u in result.unknown] == ["U"] and not result.ranked


def test_no_selection_under_decree_170_before_it_took_effect():
    with pytest.raises(NoRegimeError):
        select([applicant("A", cu_tuyen_ve_dia_phuong=True)], SCHEME, dt.date(2025, 6, 30))
