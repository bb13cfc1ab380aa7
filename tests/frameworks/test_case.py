"""1EdTech CASE 1.0 interchange: lossless round trip, deterministic ids, foreign packages."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from hypothesis import given

from competency.errors import DataFileError
from competency.frameworks.case import NAMESPACE, export_case, import_case
from competency.frameworks.catalogue import FrameworkCatalog
from competency.law import Confidence
from tests.strategies import frameworks

FIXTURE = Path(__file__).parents[1] / "fixtures" / "case-digital-skills.json"
BUILTIN = "vn.minh-hoa.khung-nang-luc-cong-chuc"


def _through_json(package: dict) -> dict:
    return json.loads(json.dumps(package, ensure_ascii=False))


@given(frameworks)
def test_export_then_import_gives_the_same_framework(framework):
    """Any framework survives CASE and JSON unchanged (texts, levels, indicators, metadata)."""
    assert import_case(_through_json(export_case(framework))) == framework


def test_builtin_framework_round_trip_and_determinism():
    """The shipped framework round-trips; exporting twice gives identical packages."""
    framework = FrameworkCatalog.builtin().framework(BUILTIN)
    package = export_case(framework)
    assert export_case(framework) == package
    assert import_case(_through_json(package)) == framework


def test_package_follows_case_field_names():
    """CFDocument, CFItems, isChildOf CFAssociations, CFRubrics with one level per descriptor."""
    framework = FrameworkCatalog.builtin().framework(BUILTIN)
    package = export_case(framework)
    assert set(package) == {"CFDocument", "CFItems", "CFAssociations", "CFDefinitions",
                            "CFRubrics"}
    document = package["CFDocument"]
    assert {"identifier", "uri", "creator", "title", "lastChangeDateTime"} <= set(document)
    assert document["adoptionStatus"] == "Illustrative"
    competencies = framework.competencies()
    indicators = sum(len(d.indicators) for c in competencies for d in c.levels)
    kinds = [item["CFItemType"] for item in package["CFItems"]]
    assert kinds.count("Competency Group") == len(framework.groups)
    assert kinds.count("Competency") == len(competencies)
    assert kinds.count("Behavioural Indicator") == indicators
    assert len(package["CFAssociations"]) == len(package["CFItems"])
    assert {a["associationType"] for a in package["CFAssociations"]} == {"isChildOf"}
    assert len(package["CFRubrics"]) == len(competencies)
    levels = [lv for r in package["CFRubrics"] for c in r["CFRubricCriteria"]
              for lv in c["CFRubricCriterionLevels"]]
    assert len(levels) == sum(len(c.levels) for c in competencies)
    assert {lv["score"] for lv in levels} == {1.0, 2.0, 3.0, 4.0, 5.0}


def test_identifiers_are_uuid5_of_the_path():
    """The competency item's identifier is uuid5(namespace, 'framework/competency/id')."""
    framework = FrameworkCatalog.builtin().framework(BUILTIN)
    package = export_case(framework)
    drafting = next(i for i in package["CFItems"] if i.get("humanCodingScheme") == "drafting")
    expected = uuid.uuid5(NAMESPACE, f"{BUILTIN}/competency/drafting")
    assert drafting["identifier"] == str(expected)
    assert uuid.UUID(drafting["identifier"]).version == 5


def test_import_a_package_produced_elsewhere():
    """A hand-written CASE 1.0 package: clusters become groups, rubrics give the levels."""
    package = json.loads(FIXTURE.read_text(encoding="utf-8"))
    warnings: list[str] = []
    framework = import_case(package, warnings=warnings)
    assert framework.id == "case.8d2f6c1a-4b7e-4f0a-9c3d-5e6f7a8b9c01"
    assert framework.confidence is Confidence.NEEDS_CHECK
    assert framework.title.en == "Digital Government Competencies for Public Servants"
    assert [g.name.en for g in framework.groups] == ["Core digital literacy", "Data governance"]
    assert framework.groups[0].kind.code == "general"       # conceptKeywords: core
    first, second = framework.groups[0].competencies
    assert (first.name.en, second.name.en) == ("Using e-government systems", "Information security")
    assert [d.level for d in first.levels] == [1, 2, 3, 4]     # scores 1–4
    assert first.levels[1].indicators[0].en.startswith("Processes an application")
    [data] = framework.groups[1].competencies
    assert [d.level for d in data.levels] == [1, 2, 3]         # scores 0–0.75: by position
    assert [s.name.en for s in framework.scale] == ["Beginning", "Developing", "Proficient",
                                                    "Advanced"]
    assert framework.legal_basis[0].url == package["CFDocument"]["officialSourceURL"]
    assert len(warnings) == 1 and "a1000000-0000-4000-8000-000000000005" in warnings[0]


def test_broken_package_is_refused_with_pointers():
    """An association to a missing item is reported with its pointer."""
    package = json.loads(FIXTURE.read_text(encoding="utf-8"))
    package["CFAssociations"][0]["originNodeURI"]["identifier"] = "missing"
    with pytest.raises(DataFileError) as caught:
        import_case(package)
    assert caught.value.problems == ("/CFAssociations/0/originNodeURI: no CFItem 'missing'",)
