"""Selection for training schemes: the decree in force on the dispatch date, reasons with
citations, unknowns apart, quotas, deterministic tie-breaks, and the command line."""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from competency import Official, structure
from competency.law import Confidence
from competency.selection import (
    NoRegimeError,
    Quota,
    QuotaGroup,
    get_scheme,
    load_scheme_file,
    select,
)

ROOT = Path(__file__).resolve().parents[2]
POSTGRADUATE = "vn.postgraduate-dispatch"
BEFORE, AFTER = dt.date(2025, 6, 30), dt.date(2025, 7, 1)


def person(ident: str, **changes) -> Official:
    """A civil servant in a Quảng Ninh department: 15 years' service, rated well in 2023–2024."""
    record = {"id": ident, "birth_date": "1990-05-01", "gender": "male", "category": "cong_chuc",
              "service_start": "2010-01-01",
              "unit": {"id": "U1", "name": "Sở Nội vụ tỉnh Quảng Ninh", "level": "province",
                       "province_code": "22"},
              "assignments": [{"title": "chuyen_vien", "start": "2010-01-01"}],
              "education": [{"level": "dai_hoc"}],
              "ratings": [{"year": 2023, "rating": "hoan_thanh_tot"},
                          {"year": 2024, "rating": "hoan_thanh_tot"}],
              "languages": [{"language": "en", "level": "bac_3"}]}
    record.update(changes)
    return structure({k: v for k, v in record.items() if v is not None}, Official)


def node(evaluation, rule_id):
    return next(ev for ev in evaluation.walk() if ev.rule_id == rule_id)


# -- Decree 101/2017 then Decree 171/2025 ---------------------------------------------------------

def test_age_limit_changes_with_the_decree_in_force():
    """Aged 42: not eligible on 2025-06-30 (at most 40, Decree 101/2017), eligible on 2025-07-01
    (at most 45, Decree 171/2025), each explained by its decree."""
    candidate = person("P-42", birth_date="1982-08-15")
    before = select([candidate], POSTGRADUATE, BEFORE)
    assert before.regime.id == "nd-101-2017" and not before.ranked
    (rejection,) = before.ineligible
    assert [ev.rule_id for ev in rejection.failing] == ["age-at-most-40"]
    (reason,) = rejection.reasons("en")
    assert "Age at most 40" in reason and "found: 42 years" in reason
    assert "101/2017/NĐ-CP, Điều 6" in reason

    after = select([candidate], POSTGRADUATE, AFTER)
    assert after.regime.id == "nd-171-2025" and not after.ineligible
    (ranked,) = after.ranked
    age = node(ranked.eligibility, "age-at-most-45")
    assert "Age at most 45" in age.message("en") and age.outcome.code == "met"
    assert "171/2025/NĐ-CP" in age.message("en")


def test_commitment_follows_the_decree():
    """Serve at least 2× the study period under Decree 101/2017, 3× under Decree 171/2025,
    with the repayment conditions and their citations shown."""
    before = select([person("P-1")], POSTGRADUATE, BEFORE).commitment
    after = select([person("P-1")], POSTGRADUATE, AFTER).commitment
    assert (before.service_multiple, after.service_multiple) == (2, 3)
    assert "Điều 7" in "; ".join(c.cite() for c in before.legal_basis)
    assert "171/2025/NĐ-CP" in "; ".join(c.cite() for c in after.legal_basis)
    assert before.repayment is not None and after.repayment is not None


def test_no_regime_before_decree_101():
    """Before 2017-09-01 the scheme has no rules: a clear error naming the periods."""
    with pytest.raises(NoRegimeError, match="nd-101-2017: 2017-09-01"):
        select([person("P-1")], POSTGRADUATE, dt.date(2016, 1, 1))


def test_ineligible_unknown_and_ranked_are_kept_apart():
    """A record without ratings is unknown (not ineligible); one rated below 'well' is
    ineligible with the rule and its citation; every candidate lands in exactly one place."""
    roster = [person("OK"), person("NO-RATINGS", ratings=None),
              person("LOW", ratings=[{"year": 2023, "rating": "hoan_thanh"},
                                     {"year": 2024, "rating": "hoan_thanh_tot"}]),
              person("NO-LANGUAGE", languages=None)]
    result = select(roster, POSTGRADUATE, BEFORE)
    assert [c.official_id for c in result.ranked] == ["OK"]
    assert [r.official_id for r in result.ineligible] == ["LOW"]
    assert [u.official_id for u in result.unknown] == ["NO-LANGUAGE", "NO-RATINGS"]
    assert [ev.rule_id for ev in result.ineligible[0].failing] == ["rated-well-2-years"]
    unknown = {u.official_id: u.missing[0].en for u in result.unknown}
    assert "rated at least Completed tasks well" in unknown["NO-RATINGS"]
    assert unknown["NO-LANGUAGE"].startswith("Scoring criterion “Foreign-language level”")
    assert sum(result.counts()[k] for k in ("ranked", "ineligible", "unknown", "out_of_scope")) == 4


def test_an_official_recruited_after_the_date_is_no_candidate_and_no_member():
    """Recruited on 2025-09-01: on 2025-06-30 not in service, so outside the scheme (not
    'ineligible with -1 years') and outside every target population; eligible later."""
    late = person("LATE", recruited_on="2025-09-01", service_start="2025-09-01",
                  assignments=[{"title": "chuyen_vien", "start": "2025-09-01"}])
    before = select([late, person("OK")], POSTGRADUATE, BEFORE)
    assert [c.official_id for c in before.ranked] == ["OK"]
    assert not before.ineligible and not before.unknown and before.out_of_scope == 1
    assert select([late], POSTGRADUATE, dt.date(2030, 1, 1)).out_of_scope == 0
    from competency import check_targets
    from competency.targets.catalogue import builtin_target_sets

    sets = list(builtin_target_sets().values())
    alone, together = (check_targets(people, sets, BEFORE) for people in
                       ([person("OK")], [person("OK"), late]))
    assert [r.denominator for r in alone.results] == [r.denominator for r in together.results]
    assert sum(r.denominator for r in check_targets([late], sets, dt.date(2030, 1, 1)).results)


def test_score_breakdown_applies_caps_and_weights():
    """15 years' service is capped at 10 points; two 'well' ratings give 2 + 2; bậc 3 gives 1;
    aged 35 on 2025-06-30 gives (45 − 35) × 0.5 = 5, its cap."""
    (ranked,) = select([person("P-1")], POSTGRADUATE, BEFORE).ranked
    points = {b.criterion: (b.raw, b.points, b.capped) for b in ranked.breakdown}
    assert points == {"service": (15, 10, True), "ratings": (4, 4, False),
                      "language": (1, 1, False), "younger": (5, 5, False)}
    assert ranked.score == 20


def test_ethnic_minority_languages_do_not_count_as_foreign_languages():
    """An entry naming an ethnic-minority language neither scores nor makes the level unknown."""
    languages = [{"language": "en", "level": "bac_4"}, {"language": "Tày"}]
    (ranked,) = select([person("P-1", languages=languages)], POSTGRADUATE, BEFORE).ranked
    assert {b.criterion: b.raw for b in ranked.breakdown}["language"] == 2


def test_hanoi_scheme_is_illustrative_everywhere_it_shows():
    """The Hà Nội schemes are marked illustrative in the scheme, the regime, the scoring and the
    citations; candidates outside Hà Nội are outside the scope."""
    hanoi = {"id": "H1", "name": "Sở Nội vụ thành phố Hà Nội", "level": "province",
             "province_code": "01"}
    roster = [person("HN-1", unit=hanoi), person("QN-1")]
    for scheme_id in ("hn.de-an-19-2022.postgraduate-abroad",
                      "hn.de-an-19-2022.short-courses-abroad"):
        scheme = get_scheme(scheme_id)
        assert scheme.illustrative and scheme.confidence is Confidence.ILLUSTRATIVE
        assert scheme.scoring_confidence is Confidence.ILLUSTRATIVE
        assert all(r.confidence is Confidence.ILLUSTRATIVE for r in scheme.regimes)
        result = select(roster, scheme, BEFORE)
        assert result.illustrative and result.out_of_scope == 1
        evaluation = (result.ranked or result.ineligible or result.unknown)[0].eligibility
        assert "19-ĐA/TU [illustrative]" in evaluation.message("en")
    young = select(roster, "hn.de-an-19-2022.postgraduate-abroad", BEFORE)
    assert [r.official_id for r in young.ineligible] == ["HN-1"]  # 35 on 2025-06-30: not under 35
    assert [ev.rule_id for ev in young.ineligible[0].failing] == ["under-35"]


# -- quotas and tie-breaks ------------------------------------------------------------------------

SCHEME = """
schemes:
  - id: test.scheme
    title: {vi: Thử, en: Test}
    confidence: illustrative
    illustrative: true
    legal_basis: [{instrument: TEST/2025, confidence: illustrative}]
    regimes:
      - id: only
        title: {vi: Thử, en: Test}
        valid_from: 2020-01-01
        confidence: illustrative
        legal_basis: [{instrument: TEST/2025, article: Điều 1, confidence: illustrative}]
        eligibility: {id: service, years_of_service: {min: 1}}
        commitment:
          service_multiple: 2
          text: {vi: Phục vụ gấp 2 lần, en: Serve twice as long}
          legal_basis: [{instrument: TEST/2025, confidence: illustrative}]
    criteria:
      - {id: service, years_of_service: {points_per_year: 1}, cap: 5}
      - {id: woman, bonus: {if: {id: is-woman, gender: female}, points: 2}}
    scoring_confidence: illustrative
    tie_breaks: [women_first, younger_first]
    quota: {total: 3, per: unit, max_per_group: 1}
"""
TEST_SCHEME = load_scheme_file(SCHEME, "test.yaml")[0]
ON = dt.date(2025, 1, 1)


def staff(ident: str, gender: str | None, born: str | None, service: str | None,
          unit: str) -> Official:
    record = {"id": ident, "category": "cong_chuc", "gender": gender, "birth_date": born,
              "service_start": service, "unit": {"id": unit, "level": "province"}}
    return structure({k: v for k, v in record.items() if v is not None}, Official)


HAND = [
    staff("A", "male", "1980-01-01", "2015-01-01", "U1"),     # 5 (capped)
    staff("B", "female", "1985-01-01", "2022-01-01", "U1"),   # 3 + 2 = 5
    staff("C", "male", "1990-01-01", "2017-01-01", "U2"),     # 5 (capped)
    staff("D", "male", "1990-01-01", "2019-01-01", "U2"),     # 5
    staff("E", "female", "1995-01-01", "2023-06-01", "U3"),   # 1 + 2 = 3
    staff("F", "male", "1995-01-01", "2024-06-01", "U3"),     # under a year: ineligible
]


def test_tie_breaks_then_quotas():
    """Five tie at 5 points: B (woman) first; then the younger men C and D (same birth date, so
    by id); then A. D and A are held back by the one-per-unit quota, so E takes the third place."""
    result = select(HAND, TEST_SCHEME, ON)
    assert [(c.official_id, c.rank, c.selected) for c in result.ranked] == [
        ("B", 1, True), ("C", 2, True), ("D", 3, False), ("A", 4, False), ("E", 5, True)]
    assert [c.score for c in result.ranked] == [5, 5, 5, 5, 3]
    reasons = {c.official_id: c.reason.en for c in result.ranked if c.reason}
    assert reasons == {"D": "Group U2 is full (1 per group)", "A": "Group U1 is full (1 per group)"}
    assert [r.official_id for r in result.ineligible] == ["F"]
    assert "TEST/2025, Điều 1" in result.ineligible[0].reasons("en")[0]
    assert result.tie_break_order("en") == ["higher score first", "women first", "younger first",
                                            "official id (ascending)"]


def test_quota_argument_overrides_the_total():
    """--quota 1 leaves one place: the first ranked; an explicit Quota replaces the whole rule."""
    assert [c.official_id for c in select(HAND, TEST_SCHEME, ON, quota=1).selected] == ["B"]
    per_unit = Quota(per=QuotaGroup.UNIT, max_per_group=2)
    assert [c.official_id for c in select(HAND, TEST_SCHEME, ON, quota=per_unit).selected] == [
        "B", "C", "D", "A", "E"]


def expected_order(roster: list[Official]) -> list[str]:
    """The documented order, computed here: score, women first, younger first, id."""
    rows = []
    for o in roster:
        if o.service_start is None or o.gender is None:
            continue
        years = ON.year - o.service_start.year - (
            (ON.month, ON.day) < (o.service_start.month, o.service_start.day))
        if years < 1:
            continue
        score = min(years, 5) + (2 if o.gender.code == "female" else 0)
        born = o.birth_date
        rows.append((-score, o.gender.code != "female", born is None,
                     -born.toordinal() if born else 0, o.id))
    return [row[-1] for row in sorted(rows)]


DAYS = st.dates(min_value=dt.date(1975, 1, 1), max_value=dt.date(2024, 12, 31))
rosters = st.lists(
    st.tuples(st.sampled_from(["male", "female", None]), st.none() | DAYS, st.none() | DAYS,
              st.sampled_from(["U1", "U2", "U3"])),
    min_size=1, max_size=12,
).map(lambda rows: [staff(f"S-{i:02d}", *row) for i, row in enumerate(rows)])


@settings(max_examples=40, deadline=None)
@given(roster=rosters, seed=st.integers(0, 2**32 - 1))
def test_ranking_is_deterministic_and_stable_under_shuffling(roster, seed):
    """The ranked list follows the documented order, and shuffling the input changes nothing:
    ranks, selections, the ineligible and the unknowns."""
    shuffled = list(roster)
    random.Random(seed).shuffle(shuffled)
    first, second = select(roster, TEST_SCHEME, ON), select(shuffled, TEST_SCHEME, ON)

    def places(result):
        return ([(c.official_id, c.rank, c.selected, c.score) for c in result.ranked],
                [r.official_id for r in result.ineligible], [u.official_id for u in result.unknown])

    assert places(first) == places(second)
    assert [c.official_id for c in first.ranked] == expected_order(roster)


# -- command line ----------------------------------------------------------------------------------

def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "competency", *args], capture_output=True,
                          text=True, check=False, cwd=ROOT)


@pytest.fixture(scope="module")
def roster_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("roster") / "r.jsonl"
    lines = [json.dumps({"id": "L-1", "category": "cong_chuc", "gender": "female",
                         "birth_date": "1990-01-01", "service_start": "2012-01-01",
                         "unit": {"id": "S1", "name": "Sở Tư pháp", "level": "province",
                                  "province_code": "22"},
                         "assignments": [{"title": "giam_doc_so", "leadership": True}],
                         "ratings": [{"year": 2023, "rating": "hoan_thanh_tot"},
                                     {"year": 2024, "rating": "hoan_thanh_xuat_sac"}],
                         "languages": [{"language": "en", "level": "bac_4"}]}, ensure_ascii=False),
             json.dumps({"id": "L-2", "category": "cong_chuc", "gender": "male",
                         "birth_date": "1984-06-01",
                         "unit": {"id": "S2", "level": "province", "province_code": "22"},
                         "assignments": [{"title": "pho_giam_doc_so", "leadership": True}]}),
             '{"id": "L-3", "birth_date": "2023-02-30"}']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_targets_command_reports_shares_and_counts_invalid_records(roster_file):
    """JSON output: 1 of 2 provincial leaders is under 40; the invalid record is reported with
    its location and counted; exit 1."""
    result = run("targets", str(roster_file), "--set", "vn.nq-26-2018-tw.province",
                 "--on", "2025-01-01", "--format", "json")
    assert result.returncode == 1
    assert (f"{roster_file}:3: /birth_date: '2023-02-30' không phải ngày hợp lệ"
            in result.stderr)
    data = json.loads(result.stdout)
    assert data["records"][0] == {"roster": str(roster_file), "on": "2025-01-01",
                                       "read": 3, "valid": 2, "invalid": 1}
    under_40 = next(r for r in data["reports"][0]["results"] if r["indicator"] == "under-40")
    assert (under_40["numerator"], under_40["denominator"], under_40["share"]) == (1, 2, 0.5)
    assert (under_40["status"], under_40["gap"]) == ("above", 0)


def test_select_command_writes_a_workbook_with_vietnamese_headers(roster_file, tmp_path):
    """XLSX: ranked, ineligible, unknown and conditions sheets with Vietnamese headers."""
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "select.xlsx"
    result = run("select", str(roster_file), "--scheme", POSTGRADUATE, "--on", "2025-07-01",
                 "--format", "xlsx", "--out", str(out))
    assert result.returncode == 1  # one invalid record
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Xếp hạng", "Không đủ điều kiện", "Chưa đủ dữ liệu",
                               "Điều kiện và cam kết"]
    ranked = list(book["Xếp hạng"].iter_rows(values_only=True))
    assert ranked[0][:7] == ("Thứ hạng", "Mã hồ sơ", "Đơn vị", "Tổng điểm", "Được chọn",
                             "Chỉ tiêu", "Lý do")
    assert ranked[1][:2] == (1, "L-1")
    unknown = book["Chưa đủ dữ liệu"].iter_rows(min_row=2, values_only=True)
    assert [row[0] for row in unknown] == ["L-2"]


@pytest.mark.parametrize("args", [
    ("--scheme", "vn.postgraduate"),
    ("--scheme", POSTGRADUATE, "--on", "2016-01-01"),
    ("--scheme", POSTGRADUATE, "--format", "xlsx"),
])
def test_select_command_unusable_requests_exit_two(roster_file, args):
    """An unknown scheme, a date no regime covers, or XLSX without --out: one message, exit 2."""
    result = run("select", str(roster_file), *args)
    assert result.returncode == 2
    assert result.stderr.startswith("error:") and "Traceback" not in result.stderr


# -- quota pools and priority groups -----------------------------------------------------------

POOLS = {"total": 10, "pools": [
    {"id": "doctorate", "title": {"vi": "Tiến sĩ", "en": "Doctorate"}, "places": 2,
     "members": {"id": "master", "min_education": "thac_si"}},
    {"id": "master", "title": {"vi": "Thạc sĩ", "en": "Master's"}, "places": 1,
     "members": {"id": "bachelor-only", "all_of": [
         {"id": "bachelor", "min_education": "dai_hoc"},
         {"id": "no-master", "not": {"id": "has-master", "min_education": "thac_si"}}]}}]}


def _quota(**changes):
    from competency.selection import Quota

    return structure({**POOLS, **changes}, Quota)


def test_pools_are_filled_in_order_and_each_says_who_just_missed():
    """Equal scores rank by id. M-1, M-2 take the two doctoral places; M-3 may take no other
    pool; B-1 takes the one master's place, B-2 just misses it; N-1 (education unknown)
    belongs to no pool."""
    master = [{"level": "dai_hoc"}, {"level": "thac_si"}]
    roster = [person("M-1", education=master), person("M-2", education=master),
              person("M-3", education=master), person("B-1"), person("B-2"),
              person("N-1", education=None)]
    result = select(roster, POSTGRADUATE, BEFORE, quota=_quota())
    taken = {c.official_id: c.pool for c in result.ranked if c.selected}
    assert taken == {"M-1": "doctorate", "M-2": "doctorate", "B-1": "master"}
    reasons = {c.official_id: c.reason.en for c in result.ranked if not c.selected}
    assert reasons["M-3"] == "Full: Doctorate (2)"
    assert reasons["B-2"] == "Full: Master's (1)"
    assert reasons["N-1"] == "In none of the pools: Doctorate, Master's"
    report = {p["pool"]: p for p in result.pool_report()}
    assert report["doctorate"]["chosen"] == ["M-1", "M-2"]
    assert [m["official_id"] for m in report["doctorate"]["just_missed"]] == ["M-3"]
    assert [m["official_id"] for m in report["master"]["just_missed"]] == ["B-2"]


def test_priority_groups_are_served_before_the_ranking():
    """One place: a leader with fewer points goes before a higher-scored specialist; without
    the priority group the specialist goes."""
    leader = person("L-1", assignments=[{"title": "truong_phong", "start": "2010-01-01",
                                         "leadership": True}],
                    ratings=[{"year": 2023, "rating": "hoan_thanh_tot"},
                             {"year": 2024, "rating": "hoan_thanh_tot"}])
    best = person("S-1", ratings=[{"year": 2023, "rating": "hoan_thanh_xuat_sac"},
                                  {"year": 2024, "rating": "hoan_thanh_xuat_sac"}])
    plain = select([leader, best], POSTGRADUATE, BEFORE, quota=_quota(total=1, pools=[]))
    assert [c.official_id for c in plain.ranked] == ["S-1", "L-1"]
    first = select([leader, best], POSTGRADUATE, BEFORE,
                   quota=_quota(total=1, pools=[], priority=[{"leadership": True}]))
    assert [c.official_id for c in first.ranked if c.selected] == ["L-1"]
    assert [c.priority for c in first.ranked] == [0, 1]
