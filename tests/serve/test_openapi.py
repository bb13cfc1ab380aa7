"""The OpenAPI document: valid OpenAPI 3.1, records described by the shipped schemas' ``$id``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from competency.serve.endpoints import ENDPOINTS

SHIPPED = Path(__file__).resolve().parents[2] / "schemas"


def _shipped() -> dict[str, dict]:
    """The committed schemas by ``$id``, read from the files (not from the package)."""
    documents = (json.loads(p.read_text(encoding="utf-8")) for p in SHIPPED.glob("*.schema.json"))
    return {d["$id"]: d for d in documents}


def _refs(node) -> list[str]:
    if isinstance(node, dict):
        return [r for k, v in node.items() for r in ([v] if k == "$ref" else _refs(v))]
    if isinstance(node, list):
        return [r for item in node for r in _refs(item)]
    return []


@pytest.fixture(scope="module")
def document(client):
    answer = client.get("/openapi.json")
    assert answer.status_code == 200
    return answer.json()


def test_the_document_is_valid_openapi_31(document):
    validator = pytest.importorskip("openapi_spec_validator")
    from jsonschema_path import SchemaPath
    from jsonschema_path.handlers import default_handlers

    shipped = _shipped()
    # The shipped $ids are URNs: resolved to the committed files, never fetched.
    path = SchemaPath.from_dict(document, handlers={**default_handlers, "urn": shipped.__getitem__})
    assert document["openapi"] == "3.1.0"
    validator.OpenAPIV31SpecValidator(path).validate()


def test_a_broken_document_fails_the_validator(document):
    validator = pytest.importorskip("openapi_spec_validator")
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

    broken = {**document, "paths": {"/check": {"post": {"responses": {"200": {}}}}}}
    with pytest.raises(OpenAPIValidationError):
        validator.validate(broken)


def test_record_schemas_are_referenced_by_the_shipped_ids(document):
    external = {r for r in _refs(document) if not r.startswith("#")}
    assert external, "the document references the shipped schemas"
    assert external <= set(_shipped())
    assert {"urn:competency:schema:official", "urn:competency:schema:standard",
            "urn:competency:schema:framework",
            "urn:competency:schema:position-profile"} <= external
    body = document["paths"]["/check"]["post"]["requestBody"]["content"]["application/json"]
    assert _refs(body) == ["urn:competency:schema:official"] * 2


def test_no_second_model_of_a_record_is_defined(document):
    local = document["components"]["schemas"]
    assert not set(local) & {"Official", "Standard", "Framework", "official", "standard"}
    assert all("$id" not in schema for schema in local.values())


def test_every_endpoint_and_its_parameters_are_documented(document):
    for endpoint in ENDPOINTS:
        operation = document["paths"][endpoint.path][endpoint.method.lower()]
        assert {p["name"] for p in operation["parameters"]} == {p.name for p in endpoint.params}


def test_local_references_resolve(document):
    local = {r for r in _refs(document) if r.startswith("#/components/schemas/")}
    assert {r.rsplit("/", 1)[1] for r in local} <= set(document["components"]["schemas"])
