"""Circular 13/2019/TT-BNV on the sample roster: who stops qualifying on 2019-12-25, and why.

The expected sets are computed here in plain Python from the record facts that the two
circulars name (education level, IT certificate, disadvantaged area), independently of
the evaluator.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "sample-roster.jsonl"
COMMANDER = "cc_xa.chi_huy_truong_quan_su"
LEVELS = ["thpt", "so_cap", "trung_cap", "cao_dang", "dai_hoc", "thac_si", "tien_si"]


def records():
    return [json.loads(line) for line in SAMPLE.read_text("utf-8").splitlines() if line.strip()]


def commune_staff_on(record, day):
    """A commune civil servant holding a post on ``day`` (plain reading of the record)."""
    if record.get("category") != "cong_chuc" or (record.get("unit") or {}).get("level") != "commune":
        return False
    return any((a.get("start") or "") <= day and (a.get("end") or "9999") >= day
               for a in record.get("assignments") or [])


def best_level(record, day):
    held = [e["level"] for e in record.get("education") or [] if (e.get("awarded_on") or "") <= day]
    return max((LEVELS.index(level) for level in held), default=-1)


def run(*args):
    return subprocess.run([sys.executable, "-m", "competency", *args], capture_output=True,
                          text=True, check=False, cwd=ROOT)


def check_json(day):
    result = run("check", str(SAMPLE), "--on", day, "--format", "json", "--all")
    return {(r["official_id"], r["standard"]): r for r in json.loads(result.stdout)["results"]}


def expected_to_stop_qualifying():
    """Commune staff who met Circular 06/2012 on 2019-12-24 (trung cấp+, an IT certificate) and
    lack a university degree on 2019-12-25 outside a disadvantaged area."""
    found = set()
    for r in records():
        if not (commune_staff_on(r, "2019-12-24") and commune_staff_on(r, "2019-12-25")):
            continue
        if any(a["title"] == COMMANDER for a in r.get("assignments") or []):
            continue  # governed by the militia law, not by the Circular's degree rule
        met_before = best_level(r, "2019-12-24") >= LEVELS.index("trung_cap") and bool(r.get("it_skills"))
        degree = best_level(r, "2019-12-25") >= LEVELS.index("dai_hoc")
        exception = (r.get("unit") or {}).get("disadvantaged_area") is True
        if met_before and "education" in r and not degree and not exception:
            found.add(r["id"])
    return found


def test_trung_cap_commune_staff_change_outcome_between_the_two_days():
    """On 2019-12-24 Circular 06/2012 applies and they are met; on 2019-12-25 Circular 13/2019
    applies and they are unmet, each explained by its instrument."""
    before, after = check_json("2019-12-24"), check_json("2019-12-25")
    stopping = expected_to_stop_qualifying()
    assert stopping, "the sample roster has commune staff with only trung cấp"
    for official in stopping:
        old = before[(official, "vn.tt-06-2012-bnv.cong-chuc-xa")]
        new = after[(official, "vn.tt-13-2019-bnv.cong-chuc-xa")]
        assert old["outcome"] == "met" and old["instrument"].startswith("06/2012/TT-BNV")
        assert new["outcome"] == "unmet" and new["instrument"].startswith("13/2019/TT-BNV")
        assert "university" in {f["rule"] for f in new["failing"]}
        assert any("13/2019/TT-BNV" in f["en"] for f in new["failing"])


def test_ethnic_minority_area_keeps_the_same_person_qualified():
    """MAU-0004 (Khmer, trung cấp, ethnic-minority commune) stays met across the change."""
    record = next(r for r in records() if r["id"] == "MAU-0004")
    assert record["unit"]["disadvantaged_area"] is True
    assert best_level(record, "2019-12-25") == LEVELS.index("trung_cap")
    assert check_json("2019-12-25")[("MAU-0004", "vn.tt-13-2019-bnv.cong-chuc-xa")]["outcome"] == "met"


def test_diff_lists_exactly_those_who_stop_qualifying():
    """`competency diff` from 2019-12-24 to 2019-12-25 lists exactly that set, with the instrument."""
    result = run("diff", str(SAMPLE), "--from", "2019-12-24", "--to", "2019-12-25", "--format", "json")
    changes = json.loads(result.stdout)["changes"]
    stopped = {c["official_id"] for c in changes if c["before"] == "met" and c["after"].startswith("unmet")}
    assert stopped == expected_to_stop_qualifying()
    by_id = {r["id"]: r for r in records()}
    others = {c["official_id"]: c for c in changes if c["official_id"] not in stopped}
    # The commander leaves Circular 06/2012 and is not governed by Circular 13/2019.
    commanders = {i for i, c in others.items()
                  if any(a["title"] == COMMANDER for a in by_id[i]["assignments"])}
    assert commanders == {"MAU-0009"}
    assert others["MAU-0009"]["after"] == "no standard" and others["MAU-0009"]["started"] == []
    # Circular 13/2019 adds upper-secondary graduation: a record without it becomes undecided.
    undecided = set(others) - commanders
    assert undecided and all("high_school" not in by_id[i] for i in undecided)
    for i in undecided:
        assert others[i]["after"] == "unknown" and "Upper-secondary" in others[i]["why"][0]
    for change in changes:
        if change["official_id"] not in commanders:
            assert change["started"] == ["vn.tt-13-2019-bnv.cong-chuc-xa"]
            assert change["instruments"] == ["13/2019/TT-BNV, Điều 1 khoản 1"]


def test_no_education_data_is_unknown():
    """MAU-0007 has no education field: unknown, not unmet."""
    assert "education" not in next(r for r in records() if r["id"] == "MAU-0007")
    result = check_json("2020-06-01")[("MAU-0007", "vn.tt-13-2019-bnv.cong-chuc-xa")]
    assert result["outcome"] == "unknown"
    assert [f["rule"] for f in result["failing"]] == ["university"]


def test_recruited_before_gets_a_deadline_recruited_after_does_not():
    """On 2020-06-01 MAU-0001 (recruited 2015, trung cấp) is unmet with due 2024-12-25 under the
    transitional provision; MAU-0003 (recruited 2020-09-01, trung cấp), checked once in post on
    2020-10-01, is unmet with no due date."""
    by_id = {r["id"]: r for r in records()}
    assert by_id["MAU-0001"]["recruited_on"] < "2019-12-25" <= by_id["MAU-0003"]["recruited_on"]
    early = check_json("2020-06-01")[("MAU-0001", "vn.tt-13-2019-bnv.cong-chuc-xa")]
    late = check_json("2020-10-01")[("MAU-0003", "vn.tt-13-2019-bnv.cong-chuc-xa")]
    assert (early["outcome"], early["due"], early["provision"]) == ("unmet", "2024-12-25",
                                                                      "incumbents-5-years")
    assert (late["outcome"], late["due"], late["provision"]) == ("unmet", None, None)
