"""The synthetic roster generator and the curated sample roster."""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from competency import synth
from competency.model.official import Official
from competency.schema.convert import structure
from competency.schema.validate import validator
from competency.vocab import AdministrativeLevel, PersonnelCategory

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "sample-roster.jsonl"
BEFORE = dt.date(2020, 4, 7)  # three-level local government (Bến Tre's 2020 plan)
AFTER = dt.date(2026, 1, 1)  # two-level local government
DATE = re.compile(r"\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b")


def roster(n: int, **kwargs: Any) -> list[dict[str, Any]]:
    """A generated roster as a list; seed 42 and the 2020 as-of date unless given."""
    kwargs.setdefault("seed", 42)
    kwargs.setdefault("on", BEFORE)
    return list(synth.generate(n, **kwargs))


def errors(record: dict[str, Any]) -> list[str]:
    """The schema errors of a record, as text."""
    return [str(issue) for issue in validator("official").errors(record)]


def current(record: dict[str, Any]) -> dict[str, Any]:
    """The current post: the generator and the sample list it last."""
    return record["assignments"][-1]


def digest(records: list[dict[str, Any]]) -> str:
    """A SHA-256 digest of the records as JSON text."""
    text = json.dumps(records, ensure_ascii=False, sort_keys=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- determinism ----------------------------------------------------------------------------------

@pytest.mark.parametrize("on", [BEFORE, AFTER])
def test_same_arguments_give_identical_records(on: dt.date) -> None:
    """Two runs with the same arguments yield the same records, byte for byte."""
    first = roster(300, seed=7, on=on, invalid_share=0.1)
    second = roster(300, seed=7, on=on, invalid_share=0.1)
    assert first == second
    assert digest(first) == digest(second)


def test_different_seeds_give_different_records() -> None:
    """Another seed gives another roster, and almost every record differs."""
    first = roster(200, seed=1)
    second = roster(200, seed=2)
    assert first != second
    same = sum(a == b for a, b in zip(first, second, strict=True))
    assert same < 5


def test_output_does_not_depend_on_the_hash_seed() -> None:
    """Fresh interpreters with different PYTHONHASHSEED values print the same digest."""
    code = ("import datetime as dt, hashlib, json\n"
            "from competency import synth\n"
            "rs = list(synth.generate(400, seed=5, on=dt.date(2024, 5, 1), invalid_share=0.1))\n"
            "rs += list(synth.generate(200, seed=5, on=dt.date(2026, 1, 1), profile='commune'))\n"
            "print(hashlib.sha256(json.dumps(rs, ensure_ascii=False).encode()).hexdigest())\n")
    digests = set()
    for hash_seed in ("0", "1", "12345"):
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                check=True, env={"PYTHONHASHSEED": hash_seed, "PATH": ""})
        digests.add(result.stdout.strip())
    assert len(digests) == 1
    assert len(digests.pop()) == 64


def test_a_shorter_roster_is_a_prefix_of_a_longer_one() -> None:
    """Record i depends only on the seed and i, not on how many records are asked for."""
    assert roster(50, seed=9) == roster(120, seed=9)[:50]


# -- validity -------------------------------------------------------------------------------------

@pytest.mark.parametrize("on", [BEFORE, dt.date(2024, 12, 31), AFTER])
def test_every_record_validates_without_invalid_share(on: dt.date) -> None:
    """With the default invalid_share of 0, all 500 records validate against the schema."""
    records = roster(500, on=on)
    assert len(records) == 500
    assert {r["id"]: errors(r) for r in records if errors(r)} == {}


@pytest.mark.parametrize(("province", "on"), [("Bến Tre", BEFORE), ("22", BEFORE),
                                               ("Vĩnh Long", AFTER), ("Lào Cai", AFTER)])
def test_commune_profile_validates_and_stays_in_the_province(province: str, on: dt.date) -> None:
    """A commune-only roster for one province validates and holds only that province's communes."""
    records = roster(400, on=on, province=province, profile="commune")
    assert {r["id"]: errors(r) for r in records if errors(r)} == {}
    assert {r["unit"]["level"] for r in records} == {"commune"}
    assert len({r["unit"]["province_code"] for r in records}) == 1
    assert all(len(r["unit"]["commune_code"]) == 5 for r in records)


def test_records_structure_into_officials() -> None:
    """The converter accepts every generated record, so schema and model agree on them."""
    for record in roster(300, on=BEFORE) + roster(300, on=AFTER):
        assert isinstance(structure(record, Official), Official)


@pytest.mark.parametrize("on", [BEFORE, AFTER])
def test_no_date_is_after_the_as_of_date(on: dt.date) -> None:
    """Records describe the roster as of ``on``: no diploma, post or rating comes later (the end
    of an appointment's term, set by its decision, is the one date that may)."""
    for record in roster(500, on=on):
        for event in record.get("career", []):
            event.pop("term_end", None)
        dates = DATE.findall(json.dumps(record))
        assert max(dates) <= on.isoformat(), record["id"]


# -- invalid records ------------------------------------------------------------------------------

@pytest.mark.parametrize(("n", "share"), [(500, 0.2), (500, 0.05), (333, 0.5), (200, 1.0)])
def test_invalid_share_breaks_exactly_the_documented_number(n: int, share: float) -> None:
    """Exactly invalid_count(n, share) = n * share rounded half up records fail validation."""
    records = roster(n, invalid_share=share)
    invalid = [r for r in records if errors(r)]
    assert len(invalid) == synth.invalid_count(n, share) == int(n * share + 0.5)


def test_invalid_count_rounds_half_up() -> None:
    """The count rule rounds halves up, unlike Python's round()."""
    assert synth.invalid_count(500, 0.2) == 100
    assert synth.invalid_count(5, 0.5) == 3
    assert synth.invalid_count(10, 0.25) == 3
    assert synth.invalid_count(0, 0.9) == 0


def test_invalid_records_are_broken_in_varied_ways() -> None:
    """Broken records cover every kind of fault: type, code, date, id, field, pattern, range."""
    messages = [e for r in roster(600, invalid_share=1.0, on=AFTER) for e in errors(r)]
    text = "\n".join(messages)
    assert "'id' is required (missing)" in text
    assert "unknown field" in text
    assert "is not a 'date'" in text
    assert "is not one of" in text
    assert "is not of type" in text
    assert "does not match" in text
    assert "less than the minimum" in text
    assert re.search(r"'(title|level|language)' is required", text)


def test_breaking_records_leaves_the_others_unchanged() -> None:
    """Valid records of a partly broken roster equal the same records of a clean roster."""
    clean = roster(300, seed=3)
    broken = roster(300, seed=3, invalid_share=0.3)
    changed = [i for i, (a, b) in enumerate(zip(clean, broken, strict=True)) if a != b]
    assert len(changed) == synth.invalid_count(300, 0.3)
    assert all(errors(broken[i]) for i in changed)


# -- administrative levels and units ---------------------------------------------------------------

@pytest.mark.parametrize("on", [synth.TWO_LEVEL_FROM, AFTER])
def test_no_district_level_from_two_level_local_government(on: dt.date) -> None:
    """From 2025-07-01 no official works at district level and no unit carries a district code.

    Posts that ended by 2025-06-30 may still name their district unit as history.
    """
    for record in roster(1500, on=on):
        assert record["unit"]["level"] != "district"
        assert "district_code" not in record["unit"]
        for post in record["assignments"]:
            if post.get("unit", {}).get("level") == "district":
                assert post["end"] < synth.TWO_LEVEL_FROM.isoformat()


def test_district_level_appears_before_two_level_local_government() -> None:
    """Before 2025-07-01 the mixed roster has district staff, and communes carry district codes."""
    records = roster(1000, on=BEFORE)
    levels = collections.Counter(r["unit"]["level"] for r in records)
    assert levels["district"] > 100
    assert levels["commune"] > levels["province"] > 100
    assert all("district_code" in r["unit"] for r in records if r["unit"]["level"] == "commune")


def test_province_by_name_or_code_and_unknown_provinces() -> None:
    """A province is found by code or name among the units in force; others are refused."""
    assert roster(30, province="83") == roster(30, province="Tỉnh Bến Tre")
    assert {r["unit"]["province_code"] for r in roster(200, province="ben tre")} == {"83"}
    with pytest.raises(ValueError, match="before 2025-07-01"):
        synth.generate(10, seed=1, on=AFTER, province="Bến Tre")
    with pytest.raises(ValueError, match="no province"):
        synth.generate(10, seed=1, on=BEFORE, province="Atlantis")


def test_bad_arguments_are_refused_at_once() -> None:
    """Invalid arguments raise when generate() is called, before any record is made."""
    with pytest.raises(ValueError, match="non-negative"):
        synth.generate(-1, seed=1, on=BEFORE)
    with pytest.raises(ValueError, match="between 0 and 1"):
        synth.generate(10, seed=1, on=BEFORE, invalid_share=1.5)
    with pytest.raises(ValueError, match="unknown profile"):
        synth.generate(10, seed=1, on=BEFORE, profile="district")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"datetime\.date"):
        synth.generate(10, seed=1, on="2020-01-01")  # type: ignore[arg-type]


def test_units_source_names_the_list_used() -> None:
    """The unit list before the reform is the packaged GSO list; after it, vietnam-provinces."""
    assert "before two-level local government" in synth.units_source(BEFORE)
    assert "vietnam-provinces" in synth.units_source(AFTER)


def test_ids_are_unique_and_numbered() -> None:
    """Ids are SYN-0000001, SYN-0000002, … and unique within a roster."""
    ids = [r["id"] for r in roster(2000, on=AFTER)]
    assert len(set(ids)) == 2000
    assert ids[:2] == ["SYN-0000001", "SYN-0000002"]
    assert ids[-1] == "SYN-0002000"


def test_commune_profile_fills_each_commune_post_by_post() -> None:
    """A commune roster lists one commune's posts together (one secretary, two vice-chairs)."""
    records = roster(18 * 3, province="Bến Tre", profile="commune")
    for start in range(0, 54, 18):
        block = records[start:start + 18]
        assert len({r["unit"]["commune_code"] for r in block}) == 1
        titles = collections.Counter(current(r)["title"] for r in block)
        assert titles["cb_xa.bi_thu"] == 1
        assert titles["cb_xa.chu_tich_ubnd"] == 1
        assert titles["cb_xa.pho_chu_tich_ubnd"] == 2
        assert sum(v for k, v in titles.items() if k.startswith("cc_xa.")) == 10


# -- realistic distributions -----------------------------------------------------------------------

def test_distributions_are_plausible() -> None:
    """Shares of unknowns, women, Kinh, categories and lower-qualified commune staff look real."""
    records = roster(4000, seed=11, on=BEFORE)
    n = len(records)
    no_education = sum("education" not in r for r in records) / n
    assert 0.015 < no_education < 0.05
    women = sum(r.get("gender") == "female" for r in records) / n
    assert 0.3 < women < 0.5
    kinh = sum(r.get("ethnicity") == "kinh" for r in records) / n
    assert 0.65 < kinh < 0.9
    assert {r["category"] for r in records} == {"can_bo", "cong_chuc", "vien_chuc"}
    ages = [(BEFORE - dt.date.fromisoformat(r["birth_date"])).days / 365.25
            for r in records if "birth_date" in r]
    assert 22 <= min(ages) and max(ages) < 62.5
    early = [r for r in records if current(r)["title"].startswith("cc_xa.")
             and r.get("recruited_on", "9999") < "2019-12-25" and r.get("education")]
    degree = {"dai_hoc", "thac_si", "tien_si"}
    lower = sum(not any(e["level"] in degree for e in r["education"]) for r in early) / len(early)
    assert 0.1 < lower < 0.45


def test_mountainous_communes_are_mostly_disadvantaged_areas() -> None:
    """Most communes of Hà Giang are disadvantaged areas with area types; Bến Tre's are not."""
    ha_giang = roster(600, province="Hà Giang", profile="commune")
    flagged = [r for r in ha_giang if r["unit"].get("disadvantaged_area") is True]
    assert len(flagged) > 0.8 * len(ha_giang)
    assert all(r["unit"]["area_types"] for r in flagged)
    minorities = sum(r.get("ethnicity") not in ("kinh", None) for r in ha_giang)
    assert minorities > 0.5 * len(ha_giang)
    ben_tre = roster(300, province="Bến Tre", profile="commune")
    assert not any(r["unit"].get("disadvantaged_area") for r in ben_tre)


def test_leaders_hold_higher_political_theory() -> None:
    """Most directors hold advanced political theory; most commune secretaries trung cấp or more."""
    advanced = {"cao_cap", "cao_cap_hanh_chinh", "cu_nhan_chinh_tri", "xac_nhan_cao_cap"}
    records = roster(6000, seed=4, on=dt.date(2024, 6, 1))
    directors = [r for r in records if current(r)["title"] == "giam_doc_so"
                 and r.get("political_theory") is not None]
    held = sum(any(p["diploma"] in advanced for p in r["political_theory"]) for r in directors)
    assert held > 0.7 * len(directors)
    secretaries = [r for r in records if current(r)["title"] == "cb_xa.bi_thu"
                   and r.get("political_theory") is not None]
    trung_cap = sum(any(p["diploma"] != "so_cap" for p in r["political_theory"])
                    for r in secretaries)
    assert trung_cap > 0.8 * len(secretaries)


# -- titles file ---------------------------------------------------------------------------------

def test_titles_file_lists_every_title_with_valid_codes() -> None:
    """titles.yaml has every code the generator uses, with labels, category, levels and flags."""
    table = synth.titles()
    required = {
        "cc_xa.van_phong_thong_ke", "cc_xa.dia_chinh_xay_dung", "cc_xa.tai_chinh_ke_toan",
        "cc_xa.tu_phap_ho_tich", "cc_xa.van_hoa_xa_hoi", "cc_xa.chi_huy_truong_quan_su",
        "cb_xa.bi_thu", "cb_xa.pho_bi_thu", "cb_xa.chu_tich_ubnd", "cb_xa.pho_chu_tich_ubnd",
        "cb_xa.chu_tich_hdnd", "cb_xa.pho_chu_tich_hdnd", "cb_xa.chu_tich_mttq",
        "giam_doc_so", "pho_giam_doc_so", "truong_phong", "pho_truong_phong", "chuyen_vien",
    }
    assert required <= set(table)
    categories = {c.code for c in PersonnelCategory}
    levels = {level.code for level in AdministrativeLevel}
    for code, entry in table.items():
        assert entry["code"] == code
        assert entry["name"]["vi"] and entry["name"]["en"]
        assert entry["category"] in categories
        assert set(entry["levels"]) <= levels
        assert isinstance(entry["leadership"], bool)
    assert table["giam_doc_so"]["leadership"] is True
    assert table["cc_xa.tu_phap_ho_tich"]["valid_until"] == dt.date(2025, 6, 30)
    used = {current(r)["title"] for r in roster(3000, on=BEFORE) + roster(3000, on=AFTER)}
    assert used <= set(table)


# -- the curated sample roster --------------------------------------------------------------

def sample() -> list[dict[str, Any]]:
    """The records of examples/sample-roster.jsonl."""
    with SAMPLE.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def test_sample_roster_validates_entirely() -> None:
    """Every record of examples/sample-roster.jsonl validates and structures into an Official."""
    records = sample()
    assert 25 <= len(records) <= 40
    assert {r["id"]: errors(r) for r in records if errors(r)} == {}
    assert all(isinstance(structure(r, Official), Official) for r in records)


def test_sample_roster_ids_are_unique_and_documented() -> None:
    """Ids are MAU-0001, MAU-0002, … without gaps, and the README explains each one."""
    ids = [r["id"] for r in sample()]
    assert ids == [f"MAU-{i:04d}" for i in range(1, len(ids) + 1)]
    readme = (ROOT / "examples" / "README.md").read_text(encoding="utf-8")
    assert all(f"| {i} |" in readme for i in ids)


def test_sample_roster_covers_the_commune_cases() -> None:
    """The sample has the cases the commune standards turn on, told apart by absent vs empty."""
    records = sample()
    commune_staff = [r for r in records if r["category"] == "cong_chuc"
                     and r["unit"]["level"] == "commune"]
    only_trung_cap = [r for r in commune_staff
                      if [e["level"] for e in r.get("education", [])] == ["trung_cap"]]
    assert any(r["recruited_on"] < "2019-12-25" for r in only_trung_cap)
    assert any(r["recruited_on"].startswith("2020") for r in only_trung_cap)
    assert any(r["unit"].get("disadvantaged_area") and "ethnic_minority" in r["unit"]["area_types"]
               for r in only_trung_cap)
    assert any("education" not in r for r in commune_staff)
    assert any(r.get("education") == [] for r in commune_staff)
    cadres = [r for r in records if current(r)["title"].startswith("cb_xa.")]
    assert any(r.get("political_theory") == [] for r in cadres)
    assert any("political_theory" not in r for r in cadres)
    ranks = {current(r).get("rank") for r in records}
    assert {"01.001", "01.002", "01.003", "01.004", "01.005"} <= ranks
