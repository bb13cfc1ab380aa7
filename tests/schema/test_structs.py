"""The msgspec Structs written from the official schema: current, and strict where unsure.

Writing them needs no msgspec; decoding with them does."""

from __future__ import annotations

import sys
import types

import pytest

from competency.docgen.kinds import render_structs, stale_structs
from competency.schema.structs import structs_source
from tests.schema.test_schema import ROOT


def test_committed_structs_are_current():
    """`competency schemas` has been run after the last schema change."""
    assert stale_structs(ROOT / "src" / "competency" / "schema") == []


def _schema(**prop: object) -> dict[str, object]:
    return {"type": "object", "additionalProperties": False, "required": ["x"],
            "properties": {"x": prop}}


def _decoder(**prop: object):
    """The decoder of a one-property schema, through a module written as the real one is."""
    msgspec = pytest.importorskip("msgspec")
    module = types.ModuleType("competency_test_structs")
    sys.modules[module.__name__] = module
    exec(structs_source(_schema(**prop), "R", source="test"), module.__dict__)  # noqa: S102
    return msgspec.json.Decoder(module.ROOT).decode


@pytest.mark.parametrize(("prop", "where"), [
    ({"type": "string", "format": "email"}, "/properties/x"),
    ({"type": "string", "pattern": "^a$|^b$"}, "pattern"),
    ({"type": "string", "format": "date", "pattern": "^[0-9]{4}"}, "date with the pattern"),
    ({"oneOf": [{"type": "string"}, {"type": "string", "minLength": 2}]}, "oneOf"),
    ({"oneOf": [{"type": "integer"}, {"type": "number"}]}, "oneOf"),
    ({"type": "array", "items": {"type": "integer"}, "uniqueItems": True}, "uniqueItems"),
    ({"type": "object"}, "inline object"),
    ({"enum": [1, 2], "type": "integer"}, "enum"),
    ({"type": "number", "multipleOf": 2}, "multipleOf"),
])
def test_a_keyword_without_an_equivalent_stops_the_generation(prop, where):
    with pytest.raises(TypeError, match="no msgspec equivalent") as caught:
        structs_source(_schema(**prop), "R", source="test")
    assert "/properties/x" in str(caught.value) and where in str(caught.value)


def test_a_recursive_schema_stops_the_generation():
    schema = {"type": "object", "additionalProperties": False,
              "properties": {"x": {"$ref": "#/$defs/N"}},
              "$defs": {"N": {"type": "object", "additionalProperties": False,
                              "properties": {"next": {"$ref": "#/$defs/N"}}}}}
    with pytest.raises(TypeError, match="recursive"):
        structs_source(schema, "R", source="test")


def test_a_pattern_ends_at_the_end_of_the_text():
    msgspec = pytest.importorskip("msgspec")
    decode = _decoder(type="string", pattern="^[0-9]{2}$")
    assert decode(b'{"x": "12"}').x == "12"
    with pytest.raises(msgspec.ValidationError):
        decode(b'{"x": "12\\n"}')


def test_numbers_are_bounded_and_null_is_refused_where_not_allowed():
    msgspec = pytest.importorskip("msgspec")
    decode = _decoder(type="integer", minimum=0)
    assert decode(b'{"x": 9223372036854775807}').x == 2**63 - 1
    for line in (b'{"x": 9223372036854775808}', b'{"x": -1}', b'{"x": null}', b'{"x": 1.0}'):
        with pytest.raises(msgspec.ValidationError):
            decode(line)
    decode = _decoder(type="number")
    for line in (b'{"x": 1e301}', b'{"x": -1e301}'):
        with pytest.raises(msgspec.ValidationError):
            decode(line)


def test_one_of_disjoint_types_is_a_union():
    msgspec = pytest.importorskip("msgspec")
    decode = _decoder(oneOf=[{"type": "string"}, {"type": "integer"}])
    assert decode(b'{"x": "a"}').x == "a" and decode(b'{"x": 1}').x == 1
    with pytest.raises(msgspec.ValidationError):
        decode(b'{"x": true}')


def test_one_module_per_kind_read_in_bulk():
    assert list(render_structs()) == ["_structs_official.py"]
