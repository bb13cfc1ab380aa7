"""Generated schemas: current, valid, and in agreement with the converter."""

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from competency.docgen.kinds import KINDS, stale_schemas
from competency.model.official import Official
from competency.schema.convert import structure, unstructure
from competency.schema.validate import load_schema, validator
from tests.strategies import DATES, officials

ROOT = Path(__file__).resolve().parents[2]


def test_committed_schemas_are_current():
    """`competency schemas` has been run after the last model change."""
    assert stale_schemas(ROOT / "schemas") == []


def test_repository_schemas_are_the_package_schemas():
    """schemas/ at the top is the package's folder, not a copy that could drift."""
    assert (ROOT / "schemas").resolve() == (ROOT / "src" / "competency" / "data" / "schemas").resolve()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_schema_is_valid_2020_12(kind):
    """Every schema passes the 2020-12 metaschema and has a stable $id."""
    schema = load_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == f"urn:competency:schema:{kind}"


def test_personal_fields_are_marked_pii():
    """Names, birth dates, ID numbers and stated facts (nationality, health, …) carry x-pii;
    the id does not."""
    props = load_schema("official")["properties"]
    assert {k for k, p in props.items() if p.get("x-pii")} == {
        "full_name", "birth_date", "gender", "ethnicity", "national_id", "party_member",
        "party_joined_on", "facts"}


def test_fields_are_described_in_both_languages():
    """Every property of every schema has an English and a Vietnamese description."""
    for kind in KINDS:
        schema = load_schema(kind)
        for holder in [schema, *schema.get("$defs", {}).values()]:
            for name, prop in holder.get("properties", {}).items():
                assert prop.get("description") and prop.get("x-description-vi"), (kind, name)


@given(officials)
def test_every_unstructured_official_validates(official):
    """What the converter writes, the schema accepts."""
    assert validator("official").errors(unstructure(official)) == []


_DRAWN = from_schema(load_schema("official"),
                     custom_formats={"date": DATES.map(lambda d: d.isoformat())})


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.data_too_large])
@given(_DRAWN)
def test_every_schema_valid_instance_structures(instance):
    """What the schema accepts, the converter structures (and writes back the same)."""
    official = structure(instance, Official)
    assert validator("official").errors(unstructure(official)) == []


@given(st.one_of(_DRAWN, st.dictionaries(st.sampled_from(["id", "birth_date", "gender", "unit"]),
                                         st.one_of(st.integers(), st.text(max_size=5), st.none()))))
def test_fast_and_reference_validators_agree(instance):
    """The compiled fast path and jsonschema give the same verdict."""
    fast = validator("official")
    reference = validator("official", fast=False)
    assert (fast.errors(instance) == []) == (reference.errors(instance) == [])


def test_every_error_is_reported_with_its_pointer():
    """All errors, not the first; pointers into nested lists; X-or-null unions explained."""
    record = {"id": 1, "nickname": "x", "education": [{"level": "bogus"}],
              "unit": {"commune_code": "1"}, "assignments": [{}]}
    assert [str(i) for i in validator("official").errors(record)] == [
        "/: unknown field ('nickname' was unexpected)",
        "/assignments/0: 'title' is required (missing)",
        "/education/0/level: 'bogus' is not one of ['thpt', 'so_cap', 'trung_cap', 'cao_dang', "
        "'dai_hoc', 'thac_si', 'tien_si']",
        "/id: 1 is not of type 'string'",
        "/unit/commune_code: '1' does not match '^[0-9]{5}$'",
    ]


def test_impossible_date_is_rejected():
    """2023-02-30 has the right shape but is not a date."""
    assert [str(i) for i in validator("official").errors({"id": "x", "birth_date": "2023-02-30"})] \
        == ["/birth_date: '2023-02-30' is not a 'date'"]


def test_schema_files_are_plain_json():
    """Other languages read the same files: they parse as JSON with no Python-only values."""
    for path in (ROOT / "schemas").glob("*.schema.json"):
        assert json.loads(path.read_text("utf-8"))["$schema"].endswith("2020-12/schema")


def test_two_classes_with_one_name_are_refused():
    """$defs are named by class name: a second class of the same name is an error, not a silent merge."""
    import attrs

    from competency.schema.generate import generate

    def make(field_type):
        return attrs.frozen(type("Spec", (), {"__annotations__": {"x": field_type}}))

    first, second = make(int), make(str)
    outer = attrs.frozen(type("Outer", (), {"__annotations__": {"a": first, "b": second}}))
    with pytest.raises(TypeError, match="two classes named Spec in one schema"):
        generate("x", outer, title_en="x", title_vi="x")
