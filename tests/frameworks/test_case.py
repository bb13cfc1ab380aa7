"""1EdTech CASE 1.0 interchange: lossless round trip, deterministic ids, foreign packages."""

from __future__ import annotations

import itertools
import json
import uuid
from pathlib import Path

import pytest
from hypothesis import given

from competency.errors import DataFileError
from competency.frameworks.case import NAMESPACE, export_case, import_case, read_case
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


# -- packages typed with any CFItemType -------------------------------------------------------

STANDARDS = Path(__file__).parents[1] / "fixtures" / "case-standards-export.json"
"""A public export's shape: Domain › Cluster › Standard › Indicator/Element, a rubric on one
standard, an empty domain, an item linked to nothing and an isRelatedTo association."""


def _standards() -> dict:
    return json.loads(STANDARDS.read_text(encoding="utf-8"))


def _short(identifier: str) -> str:
    return identifier[-4:]


def test_standards_are_competencies_and_clusters_their_groups():
    """Standard leaves become competencies, their Cluster parents groups; both keep the type."""
    found = read_case(_standards())
    framework = found.framework
    assert [(g.name.vi, g.case_type) for g in framework.groups] == [
        ("Managing change", "Cluster"), ("Digital services", "Cluster")]
    assert [(c.name.vi, c.case_type) for c in framework.competencies()] == [
        ("Leading change", "Standard"), ("Building commitment", "Standard"),
        ("Digital service delivery", "Standard")]
    leading = framework.competencies()[0]
    assert [(d.level, [i.vi for i in d.indicators]) for d in leading.levels] == [
        (1, []), (2, ["Explains the reasons for a change to the team"]), (3, [])]


def test_every_item_is_accounted_for_with_its_reason():
    """competencies + groups + indicators + notes + ignored = CFItems, each with a reason."""
    found = read_case(_standards())
    assert (found.items, found.competencies, found.groups, found.indicators) == (12, 3, 2, 1)
    assert found.items == (found.competencies + found.groups + found.indicators
                           + len(found.notes) + len(found.ignored))
    reasons = {_short(line.split()[1]): line.split(": ", 1)[1] for line in found.notes}
    assert reasons == {
        "2001": "above the groups; kept as a note",
        "2008": "above the groups; kept as a note",
        "2011": "no competency below it; kept as a note",
        "2006": "below a competency, without a level 1–5 in listEnumeration; kept as a note",
        "2005": "indicator of level 4, which no rubric level describes; kept as a note"}
    assert [_short(line.split()[1].rstrip(":")) for line in found.ignored] == ["2012"]
    assert "not linked to the CFDocument" in found.ignored[0]
    assert dict(found.types) == {"Cluster": 2, "Domain": 3, "Element": 1, "Indicator": 2,
                                 "Standard": 4}
    note = found.framework.note.en
    assert "- Domain D1: Leading people and organisations" in note
    assert "- Element D1.C1.S1.E: Range statement" in note
    assert found.summary().startswith("12 CFItems: 3 competencies, 2 groups, 1 indicator, "
                                      "5 kept as notes, 1 ignored")


def test_chosen_types_become_the_competencies():
    """--competency-type Element: the element is the competency and its Standard the group;
    a type no item has is refused, naming the types the package has."""
    found = read_case(_standards(), competency_types=["element"])
    [group] = found.framework.groups
    assert (group.name.vi, group.case_type) == ("Plans and leads organisational change",
                                                "Standard")
    assert [c.case_type for c in group.competencies] == ["Element"]
    assert found.items == (found.competencies + found.groups + found.indicators
                           + len(found.notes) + len(found.ignored))
    with pytest.raises(DataFileError) as caught:
        read_case(_standards(), competency_types=["Outcome"])
    assert caught.value.problems == (
        ("/CFItems: no item has a competency type (Outcome); the item types are: Cluster, "
         "Domain, Element, Indicator, Standard"),)


def test_a_standard_with_standard_children_is_their_group():
    """Only the deepest items of a competency type are competencies."""
    package = _standards()
    for entry in package["CFItems"]:
        if entry["CFItemType"] == "Cluster":
            entry["CFItemType"] = "Standard"
    found = read_case(package)
    assert [g.case_type for g in found.framework.groups] == ["Standard", "Standard"]
    assert found.competencies == 3


def test_untyped_package_is_read_by_depth():
    """Without item types, the document's children are groups and theirs competencies; a
    childless one (the empty domain) is a competency of one more group."""
    package = _standards()
    for entry in package["CFItems"]:
        del entry["CFItemType"], entry["CFItemTypeURI"]
    found = read_case(package)
    assert [(g.name.vi, [c.name.vi for c in g.competencies]) for g in found.framework.groups] == [
        ("Leading people and organisations", ["Managing change"]),
        ("Working digitally", ["Digital services"]),
        ("Năng lực", ["Reserved for future standards"])]
    assert {c.case_type for c in found.framework.competencies()} == {None}
    assert found.items == (found.competencies + found.groups + found.indicators
                           + len(found.notes) + len(found.ignored))


def test_export_of_an_import_keeps_the_item_types():
    """Imported types go back out as CFItemTypes (with a definition each), and read back equal."""
    framework = read_case(_standards()).framework
    package = _through_json(export_case(framework))
    by_statement = {i["fullStatement"]: i["CFItemType"] for i in package["CFItems"]}
    assert by_statement["Managing change"] == "Cluster"
    assert by_statement["Plans and leads organisational change"] == "Standard"
    assert by_statement["Explains the reasons for a change to the team"] == \
        "Behavioural Indicator"
    titles = {t["title"]: t["typeCode"] for t in package["CFDefinitions"]["CFItemTypes"]}
    assert titles == {"Competency Group": "group", "Competency": "competency",
                      "Behavioural Indicator": "indicator", "Cluster": "group",
                      "Standard": "competency"}
    assert import_case(package) == framework


def test_cli_import_prints_where_every_item_went(tmp_path):
    """`frameworks import-case` writes the YAML and, on stderr, the summary and each note."""
    from tests.cli.test_cli import run

    out = tmp_path / "imported.yaml"
    done = run("frameworks", "import-case", str(STANDARDS), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "12 CFItems: 3 competencies, 2 groups, 1 indicator, 5 kept as notes, 1 ignored" \
        in done.stderr
    assert done.stderr.count("kept as a note") == 5
    assert "case_type: Standard" in out.read_text(encoding="utf-8")
    chosen = run("frameworks", "import-case", str(STANDARDS), "--competency-type", "Element")
    assert chosen.returncode == 0 and "case_type: Element" in chosen.stdout


def test_a_package_of_the_wrong_shape_is_refused_with_its_pointer():
    """CFItems that is not a list is one located problem, not a traceback."""
    package = _standards()
    package["CFItems"] = 7
    with pytest.raises(DataFileError) as caught:
        read_case(package)
    assert caught.value.problems == ("/CFItems: expected a list, found int",)


def test_deep_hierarchies_are_read_without_recursion():
    """A chain of 3,000 Domains above one Standard: the standard is read, the rest noted."""
    package = _standards()
    doc = package["CFDocument"]["identifier"]
    items = [{"identifier": f"d{k}", "fullStatement": f"Domain {k}", "CFItemType": "Domain"}
             for k in range(3000)]
    items.append({"identifier": "s", "fullStatement": "A standard", "CFItemType": "Standard"})
    chain = [doc, *(i["identifier"] for i in items)]
    package["CFItems"], package["CFRubrics"] = items, []
    package["CFAssociations"] = [
        {"associationType": "isChildOf", "originNodeURI": {"identifier": child},
         "destinationNodeURI": {"identifier": parent}} for parent, child in itertools.pairwise(chain)]
    found = read_case(package)
    assert (found.competencies, found.groups, len(found.notes)) == (1, 1, 2999)
