"""The catalogue: loading with clear errors, overlays, drafts, dates and history."""

from __future__ import annotations

import datetime as dt

import pytest

from competency import Official, structure
from competency.errors import DataFileError
from competency.standards.catalogue import Catalog, UnknownStandardError, load_standard_file

HEADER = """
standards:
  - id: tinh-83.cong-chuc-xa
    title: {vi: Tiêu chuẩn bổ sung của tỉnh, en: Provincial addition}
    subject: commune-civil-servant-83
    applies_to: {categories: [cong_chuc], levels: [commune], provinces: ["83"]}
    valid_from: 2024-01-01
    supersedes: [vn.nd-33-2023.cong-chuc-xa]
    confidence: CONFIDENCE
    legal_basis: [{instrument: 01/2024/QĐ-UBND, kind: overlay, confidence: illustrative}]
    requirements:
      id: all
      all_of:
        - {id: degree, min_education: dai_hoc}
        - {id: language, min_language: {level: bac_2}}
"""

RECORD = {"id": "BT-1", "category": "cong_chuc", "birth_date": "1990-01-01", "high_school": True,
          "unit": {"level": "commune", "province_code": "83", "disadvantaged_area": False},
          "assignments": [{"title": "cc_xa.tu_phap_ho_tich", "start": "2015-01-01"}],
          "education": [{"level": "dai_hoc"}], "languages": []}


def overlay(tmp_path, confidence="illustrative"):
    path = tmp_path / "overlay.yaml"
    path.write_text(HEADER.replace("CONFIDENCE", confidence), encoding="utf-8")
    return path


def test_bad_file_reports_file_pointer_and_expectation():
    """Every problem of a bad standards file, each with its JSON pointer."""
    text = HEADER.replace("dai_hoc", "dai-hoc").replace("level: bac_2", "level: bac_7") \
        .replace("CONFIDENCE", "sure")
    with pytest.raises(DataFileError) as caught:
        load_standard_file(text, "overlay.yaml")
    problems = caught.value.problems
    assert str(caught.value).startswith("overlay.yaml: invalid data file")
    assert "/standards/0/confidence: 'sure' is not one of ['confirmed', 'needs-check', 'draft', " \
           "'illustrative']" in problems
    assert any(p.startswith("/standards/0/requirements/all_of/0/min_education: 'dai-hoc'")
               for p in problems)
    assert any(p.startswith("/standards/0/requirements/all_of/1/min_language/level: 'bac_7'")
               for p in problems)


def test_consistency_problems_are_reported():
    """Duplicate node ids and provisions naming missing nodes are caught on load."""
    text = HEADER.replace("CONFIDENCE", "illustrative").replace("id: language", "id: degree") + """
    transitional:
      - {id: window, applies_when: {recruited_before: 2024-01-01}, rules: [diploma], due: 2029-01-01,
         legal_basis: [{instrument: X, confidence: illustrative}]}
"""
    with pytest.raises(DataFileError) as caught:
        load_standard_file(text, "o.yaml")
    assert caught.value.problems == (
        "/standards/0/requirements: duplicate node id 'degree'",
        "/standards/0/transitional/0/rules: no node with id 'diploma'",
    )


def test_yaml_syntax_error_is_a_data_file_error():
    """Broken YAML gives the file and the line, not a traceback."""
    with pytest.raises(DataFileError, match=r"o.yaml: invalid data file\n  not valid YAML"):
        load_standard_file("standards: [\n  - id: x\n  bad", "o.yaml")


def test_overlay_supersedes_the_national_standard_in_its_province(tmp_path):
    """In province 83 the overlay replaces Decree 33/2023; elsewhere Decree 33/2023 applies."""
    catalog = Catalog.builtin().with_file(overlay(tmp_path))
    official = structure(RECORD, Official)
    on = dt.date(2024, 6, 1)
    assert [s.id for _, s in catalog.applicable(official, on)] == ["tinh-83.cong-chuc-xa"]
    elsewhere = structure({**RECORD, "unit": {**RECORD["unit"], "province_code": "01"}}, Official)
    assert [s.id for _, s in catalog.applicable(elsewhere, on)] == ["vn.nd-33-2023.cong-chuc-xa"]
    assert catalog.sources["tinh-83.cong-chuc-xa"] == str(tmp_path / "overlay.yaml")


def test_drafts_are_applied_only_when_asked(tmp_path):
    """A draft standard is in the catalogue but not in force unless drafts are requested."""
    catalog = Catalog.builtin().with_file(overlay(tmp_path, "draft"))
    on = dt.date(2024, 6, 1)
    assert "tinh-83.cong-chuc-xa" not in {s.id for s in catalog.in_force(on)}
    assert "tinh-83.cong-chuc-xa" in {s.id for s in catalog.in_force(on, include_drafts=True)}


def test_history_of_commune_civil_servants_is_the_chain_of_instruments():
    """2012 circular → Circular 13/2019 → Decree 33/2023 → the 2025 interim rules."""
    chain = Catalog.builtin().history("commune-civil-servant")
    assert [s.id for s in chain] == [
        "vn.tt-06-2012-bnv.cong-chuc-xa",
        "vn.tt-13-2019-bnv.cong-chuc-xa",
        "vn.nd-33-2023.cong-chuc-xa",
        "vn.cv-bcd-2025.cong-chuc-xa",
    ]
    starts = [s.valid_from for s in chain[1:]]
    assert starts == [dt.date(2019, 12, 25), dt.date(2023, 8, 1), dt.date(2025, 7, 1)]
    for older, newer in zip(chain, chain[1:], strict=False):
        assert older.valid_until is not None and older.valid_until < newer.valid_from


def test_exactly_one_commune_standard_is_in_force_each_day():
    """Around each transition, a commune civil servant is under exactly one standard."""
    catalog = Catalog.builtin()
    official = structure(RECORD, Official)

    def commune(person, day):  # duties of every civil servant (fostering, placement) aside
        return [s.id for _, s in catalog.applicable(person, day)
                if s.subject == "commune-civil-servant"]

    for day in ["2019-12-24", "2019-12-25", "2023-07-31", "2023-08-01", "2025-06-30"]:
        applicable = commune(official, dt.date.fromisoformat(day))
        assert len(applicable) == 1, (day, applicable)
    # From 2025-07-01 commune professional staff hold the title chuyên viên in the new communes.
    renamed = structure({**RECORD, "assignments": [{"title": "chuyen_vien", "start": "2025-07-01"}]},
                        Official)
    assert commune(renamed, dt.date(2025, 7, 1)) == ["vn.cv-bcd-2025.cong-chuc-xa"]


def test_unknown_standard_suggests_close_ids():
    """A typo gets a suggestion."""
    with pytest.raises(UnknownStandardError, match="did you mean: vn.nd-33-2023.cong-chuc-xa"):
        Catalog.builtin().get("vn.nd-33-2023.cong-chuc-x")


def test_term_periods_say_when_levels_and_ranks_exist():
    """The district level ends on 2025-06-30 and chuyên gia cao cấp begins on 2025-07-01 (data,
    with citations); levels without an entry always exist."""
    from competency.vocab import AdministrativeLevel, Rank

    periods = Catalog.builtin().tables.term_periods
    assert periods.period(AdministrativeLevel.DISTRICT).valid_until == dt.date(2025, 6, 30)
    senior = periods.period(Rank.CHUYEN_GIA_CAO_CAP)
    assert (senior.valid_from, senior.legal_basis[0].instrument) == (dt.date(2025, 7, 1), "80/2025/QH15")
    assert periods.period(AdministrativeLevel.PROVINCE) is None


def test_a_position_is_checked_against_every_standard_that_applies_to_it():
    """Is this deputy director qualified to become director (giám đốc sở) on 2024-06-01?
    Decree 29/2024 and the first-appointment age rule apply; advanced political theory is missing."""
    from competency import Position, PositionResult, Unit, evaluate
    from competency.vocab import AdministrativeLevel

    record = {"id": "P-1", "category": "cong_chuc", "birth_date": "1975-03-01", "gender": "male",
              "unit": {"level": "province", "province_code": "22"},
              "assignments": [{"title": "pho_giam_doc_so", "start": "2020-01-01"}],
              "education": [{"level": "thac_si"}],
              "political_theory": [{"diploma": "trung_cap"}],
              "state_management": [{"programme": "chuyen_vien_cao_cap"}]}
    official = structure(record, Official)
    post = Position(title="giam_doc_so", unit=Unit(level=AdministrativeLevel.PROVINCE))
    result = evaluate(official, post, dt.date(2024, 6, 1))
    assert isinstance(result, PositionResult)
    by_id = {r.standard.id: r for r in result.results}
    assert "vn.nd-29-2024.giam-doc-so" in by_id
    director = by_id["vn.nd-29-2024.giam-doc-so"]
    assert director.outcome.code == "unmet"
    assert [ev.rule_id for ev in director.failing()] == ["political-theory"]
    assert result.outcome.code == "unmet"
    # Before Decree 29/2024 took effect, no built-in director standard applied.
    earlier = evaluate(official, post, dt.date(2024, 4, 30))
    assert "vn.nd-29-2024.giam-doc-so" not in {r.standard.id for r in earlier.results}


def test_a_draft_is_applied_only_on_request(tmp_path):
    """Naming a draft standard without asking for drafts is an error; asking applies it."""
    from competency import DraftStandardError, evaluate

    catalog = Catalog.builtin().with_file(overlay(tmp_path, "draft"))
    official = structure(RECORD, Official)
    with pytest.raises(DraftStandardError, match="is a draft"):
        evaluate(official, "tinh-83.cong-chuc-xa", dt.date(2024, 6, 1), catalog=catalog)
    result = evaluate(official, "tinh-83.cong-chuc-xa", dt.date(2024, 6, 1), catalog=catalog,
                      include_drafts=True)
    assert result.outcome.code == "unmet"
    assert [ev.rule_id for ev in result.failing()] == ["language"]


def test_a_too_deeply_nested_file_is_refused():
    """A hostile or broken file nested hundreds of levels deep is a clear data-file error."""
    deep = "standards:\n" + "".join("  " * i + "- \n" for i in range(1, 200))
    with pytest.raises(DataFileError, match="nested deeper than 64 levels"):
        load_standard_file(deep, "deep.yaml")
    flow = "standards: " + "[" * 5000 + "]" * 5000
    with pytest.raises(DataFileError, match="nested deeper than 64 levels|not valid YAML"):
        load_standard_file(flow, "flow.yaml")


def test_an_id_shipped_twice_is_refused(monkeypatch):
    """Two shipped files defining one id: the error names both files, nothing is hidden."""
    import competency.io.datafiles as data
    from competency.io.datafiles import index_by_id

    text = HEADER.replace("CONFIDENCE", "illustrative")
    monkeypatch.setattr(data, "data_files", lambda folder: iter(
        [("data/standards/a.yaml", text), ("data/standards/b.yaml", text)]))
    with pytest.raises(DataFileError) as caught:
        index_by_id("standards", load_standard_file, "standard id")
    assert caught.value.source == "data/standards/b.yaml"
    assert caught.value.problems == (
        "standard id 'tinh-83.cong-chuc-xa' already defined in data/standards/a.yaml",)


def test_an_unreadable_overlay_is_a_data_file_error(tmp_path):
    """A missing or non-UTF-8 overlay gives the file and the reason, not a traceback."""
    with pytest.raises(DataFileError, match="No such file or directory"):
        Catalog.builtin().with_file(tmp_path / "missing.yaml")
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(DataFileError, match="codec can't decode"):
        Catalog.builtin().with_file(binary)


def test_an_overlay_reusing_a_national_id_is_refused(tmp_path):
    """A province cannot replace a national standard by reusing its id: both files are named."""
    path = tmp_path / "overlay.yaml"
    path.write_text(HEADER.replace("CONFIDENCE", "illustrative")
                    .replace("id: tinh-83.cong-chuc-xa", "id: vn.nd-33-2023.cong-chuc-xa"),
                    encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        Catalog.builtin().with_file(path)
    (problem,) = caught.value.problems
    assert caught.value.source == str(path)
    assert "'vn.nd-33-2023.cong-chuc-xa' is already defined in data/standards/vn/nd-33-2023.yaml" \
        in problem


def test_supersedes_naming_no_standard_is_refused(tmp_path):
    path = tmp_path / "overlay.yaml"
    path.write_text(HEADER.replace("CONFIDENCE", "illustrative")
                    .replace("supersedes: [vn.nd-33-2023.cong-chuc-xa]", "supersedes: [vn.nope]"),
                    encoding="utf-8")
    with pytest.raises(DataFileError, match="supersedes 'vn.nope', which no standard has as id"):
        Catalog.builtin().with_file(path)


def test_every_catalogue_reports_an_unknown_id_the_same_way():
    from competency.errors import UnknownItemError
    from competency.selection import get_scheme
    from competency.targets import get_target_set
    from competency.training import ProgrammeCatalog

    lookups = [(lambda: Catalog.builtin().get("vn.nd-33-2023.cong-chuc-xaa"), "standard"),
               (lambda: ProgrammeCatalog.builtin().get("nope"), "programme"),
               (lambda: get_target_set("vn.nq-26-2018-tw.provinc"), "target set"),
               (lambda: get_scheme("vn.postgraduate-dispatc"), "scheme")]
    for lookup, kind in lookups:
        with pytest.raises(UnknownItemError) as caught:
            lookup()
        assert caught.value.kind == kind and str(caught.value).startswith(f"unknown {kind} ")
    assert UnknownStandardError is UnknownItemError
