"""Frameworks, position profiles and assessments: data, validation, the level that counts."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from competency.errors import DataFileError
from competency.frameworks.catalogue import FrameworkCatalog
from competency.frameworks.model import CompetencyGroupKind, PositionType
from competency.io.assessments import read_assessments
from competency.law import Confidence
from competency.model.assessment import Assessment, AssessmentMethod
from competency.model.assessment_index import AssessmentIndex
from competency.model.participation import Participation
from competency.schema.convert import structure, unstructure
from competency.schema.validate import load_schema, validator
from competency.standards.catalogue import Catalog
from competency.vocab import fold
from tests.strategies import DATES

BUILTIN = "vn.minh-hoa.khung-nang-luc-cong-chuc"

# The seven general competencies named by the 2025 draft decree (dossier §6.3, verification §4).
DRAFT_GENERAL = ["đạo đức và bản lĩnh", "tổ chức thực hiện công việc", "soạn thảo",
                 "giao tiếp", "phối hợp", "công nghệ thông tin", "ngoại ngữ"]


def test_builtin_framework_has_the_draft_general_competencies_and_five_levels():
    """Seven general competencies as named in the 2025 draft, each described at levels 1–5."""
    framework = FrameworkCatalog.builtin().framework(BUILTIN)
    general = next(g for g in framework.groups if g.kind is CompetencyGroupKind.GENERAL)
    assert len(general.competencies) == len(DRAFT_GENERAL)
    for competency, words in zip(general.competencies, DRAFT_GENERAL, strict=True):
        assert fold(words) in fold(competency.name.vi)
    assert {g.kind for g in framework.groups} == set(CompetencyGroupKind)
    for competency in framework.competencies():
        assert [d.level for d in competency.levels] == [1, 2, 3, 4, 5]
        assert all(d.indicators for d in competency.levels)
    assert [s.level for s in framework.scale] == [1, 2, 3, 4, 5]


def test_example_data_is_marked_illustrative_everywhere():
    """The framework and every profile say illustrative, in the flag and the confidence."""
    catalog = FrameworkCatalog.builtin()
    for item in [*catalog.frameworks.values(), *catalog.profiles.values()]:
        assert item.illustrative and item.confidence is Confidence.ILLUSTRATIVE
        assert item.flag() == " [illustrative]"


def test_profiles_cover_commune_positions_and_a_department_leader():
    """Profiles for the five commune civil-servant titles and the department director, whose
    standards all exist in the standards catalogue."""
    catalog = FrameworkCatalog.builtin()
    titles = {p.position.title for p in catalog.profiles.values()}
    assert {"cc_xa.van_phong_thong_ke", "cc_xa.dia_chinh_xay_dung", "cc_xa.tai_chinh_ke_toan",
            "cc_xa.tu_phap_ho_tich", "cc_xa.van_hoa_xa_hoi", "giam_doc_so"} <= titles
    director = next(p for p in catalog.profiles.values() if p.position.title == "giam_doc_so")
    assert director.position_type is PositionType.LEADERSHIP
    standards = Catalog.builtin()
    for profile in catalog.profiles.values():
        for standard_id in profile.standards:
            standards.get(standard_id)


def test_position_types_follow_decree_62():
    """Four kinds of job position by the nature of the work (Decree 62/2020, Article 5)."""
    assert [t.code for t in PositionType] == ["leadership", "specialised", "shared", "support"]
    assert PositionType.parse("hỗ trợ, phục vụ") is PositionType.SUPPORT


BAD = """
frameworks:
  - id: test.khung
    title: {vi: Khung, en: Framework}
    creator: Test
    confidence: illustrative
    illustrative: true
    groups:
      - id: general
        kind: general
        name: {vi: Chung, en: General}
        competencies:
          - id: ethics
            name: {vi: Đạo đức, en: Ethics}
            definition: {vi: Đ, en: E}
            levels:
              - {level: 2, description: {vi: a, en: a}}
              - {level: 1, description: {vi: b, en: b}}
          - id: ethics
            name: {vi: Đạo đức, en: Ethics}
            definition: {vi: Đ, en: E}
profiles:
  - id: test.profile
    title: {vi: Vị trí, en: Position}
    position: {title: cc_xa.tu_phap_ho_tich, level: commune}
    position_type: specialised
    framework: test.khung
    required: [{competency: drafting, level: 3}]
    confidence: illustrative
"""


def test_bad_file_reports_every_problem_with_its_pointer(tmp_path):
    """Duplicate ids, unordered levels and unknown competencies are caught on load."""
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        FrameworkCatalog.builtin().with_file(path)
    assert set(caught.value.problems) == {
        "/frameworks/0/groups: duplicate competency id 'ethics'",
        "/frameworks/0/groups/0/competencies/0/levels: levels must be listed lowest first",
        "/profiles/0/required/0/competency: test.khung has no competency 'drafting'",
    }


def test_schema_errors_are_reported_before_anything_else(tmp_path):
    """A level out of range and an unknown position type, each with its pointer."""
    path = tmp_path / "bad.yaml"
    path.write_text(BAD.replace("level: 2,", "level: 6,").replace("specialised", "chuyen_nganh"),
                    encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        FrameworkCatalog.builtin().with_file(path)
    problems = caught.value.problems
    assert any(p.startswith("/frameworks/0/groups/0/competencies/0/levels/0/level: 6") for p in problems)
    assert any(p.startswith("/profiles/0/position_type: 'chuyen_nganh'") for p in problems)


def _a(competency: str, level: int, day: str, method: str = "manager",
       until: str | None = None) -> Assessment:
    return Assessment(official_id="X", competency=competency, level=level,
                      assessed_on=dt.date.fromisoformat(day), method=AssessmentMethod(method),
                      valid_until=dt.date.fromisoformat(until) if until else None)


def test_latest_valid_assessment_counts():
    """Latest by date; later ones and expired ones do not count; a test beats self on a tie."""
    index = AssessmentIndex([
        _a("drafting", 2, "2023-01-10"), _a("drafting", 4, "2024-03-01"),
        _a("drafting", 5, "2025-01-01"),
        _a("it", 3, "2024-01-01", until="2024-06-30"), _a("it", 1, "2022-01-01"),
        _a("ethics", 4, "2024-02-02", "self"), _a("ethics", 2, "2024-02-02", "test"),
    ])
    assert index.levels("X", dt.date(2024, 12, 31)) == {"drafting": 4, "it": 1, "ethics": 2}
    assert index.levels("X", dt.date(2024, 5, 1))["it"] == 3
    assert index.levels("X", dt.date(2022, 1, 1)) == {"it": 1}
    assert index.levels("nobody", dt.date(2024, 12, 31)) == {}


def test_assessment_file_reports_invalid_records_with_location(tmp_path):
    """Each line is an assessment or an error with file:line and a pointer."""
    path = tmp_path / "a.jsonl"
    good = {"official_id": "X", "competency": "drafting", "level": 3,
            "assessed_on": "2024-01-01", "method": "360"}
    lines = [good, {**good, "level": 7}, {**good, "method": "peer"},
             {**good, "valid_until": "2023-01-01"}]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    checked = list(read_assessments(path))
    assert [c.value is not None for c in checked] == [True, False, False, False]
    assert checked[0].value.method is AssessmentMethod.MULTI_RATER
    assert checked[1].errors == ("/level: 7 is greater than the maximum of 5",)
    assert str(checked[2].raw.location) == f"{path}:3"
    assert checked[3].errors == ("/valid_until: earlier than assessed_on",)


_DATE = {"date": DATES.map(lambda d: d.isoformat())}
_RECORDS = st.one_of(
    st.tuples(st.just(("assessment", Assessment)),
              from_schema(load_schema("assessment"), custom_formats=_DATE)),
    st.tuples(st.just(("training-participation", Participation)),
              from_schema(load_schema("training-participation"), custom_formats=_DATE)))


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow,
                                                   HealthCheck.filter_too_much])
@given(_RECORDS)
def test_record_schemas_and_converter_agree(drawn):
    """What the assessment and participation schemas accept, the converter structures back."""
    (kind, cls), instance = drawn
    value = structure(instance, cls)
    assert validator(kind).errors(unstructure(value)) == []
