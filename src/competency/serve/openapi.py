"""The OpenAPI 3.1 document of the service, built from the endpoint table.

Records and catalogue items are described by the shipped JSON Schemas, referenced by their
``$id`` (``urn:competency:schema:official`` …, served at ``/schemas/{kind}``), never by a
second model; only the report shapes, which have no schema of their own, are defined here.
"""

from __future__ import annotations

import functools
import importlib.metadata
from typing import Any

from competency.serve.endpoints import ENDPOINTS, SCHEMA_ID, Endpoint

__all__ = ["openapi_document"]

_STR = {"type": "string"}
_NSTR = {"type": ["string", "null"]}
_INT = {"type": "integer"}
_TEXT = {"type": "object", "required": ["vi", "en"], "properties": {"vi": _STR, "en": _STR}}
_TALLY = {"type": "object", "required": ["read", "valid", "invalid"],
          "properties": {"read": _INT, "valid": _INT, "invalid": _INT}}
_INVALID = {"type": "object", "required": ["location", "id", "errors"],
            "properties": {"location": {**_STR, "description": "body, body#/3 (array element) "
                                                               "or body:3 (JSON Lines line)"},
                           "id": _NSTR,
                           "errors": {"type": "array", "items": {
                               **_STR, "description": "/json/pointer: message"}}}}
_RESULT = {
    "type": "object",
    "required": ["official_id", "title", "on", "standard", "instrument", "confidence",
                 "outcome", "due", "failing"],
    "properties": {
        "official_id": _STR, "title": _NSTR, "on": {"type": "string", "format": "date"},
        "event": _STR, "tested_on": _NSTR, "next_test": _NSTR, "standard": _STR,
        "instrument": _STR, "confidence": _STR,
        "outcome": {"type": "string", "enum": ["met", "unmet", "unknown"]},
        "due": _NSTR, "provision": _NSTR,
        "failing": {"type": "array", "items": {
            "type": "object", "properties": {"rule": _STR, "outcome": _STR, "vi": _STR,
                                             "en": _STR}}},
        "in_force": {"type": "boolean"},
        "explanation": {"type": "object", "description": "The evaluation tree: rule, outcome, "
                                                          "required, found, message, citation, "
                                                          "children"},
        "text": {"type": "array", "items": _STR, "description": "/explain: the tree as lines"},
    },
}

COMPONENTS: dict[str, Any] = {
    "Problem": {"type": "object", "required": ["status", "error"],
                "description": "A refused request: what is wrong and where (location, line, "
                               "column, did_you_mean, invalid)",
                "properties": {"status": _INT, "error": _STR, "location": _STR,
                               "line": _INT, "column": _INT, "position": _INT,
                               "did_you_mean": {"type": "array", "items": _STR},
                               "summary": _TALLY,
                               "invalid": {"type": "array", "items": _INVALID}}},
    "ValidateDocument": {"type": "object", "required": ["file", "summary", "invalid"],
                         "properties": {"file": _STR, "summary": _TALLY,
                                        "invalid": {"type": "array", "items": _INVALID}}},
    "CheckDocument": {
        "type": "object", "required": ["on", "summary", "results"],
        "properties": {
            "on": {"type": "string", "format": "date"},
            "summary": {"type": "object", "properties": {
                "records": _TALLY,
                "results": {"type": "object", "additionalProperties": _INT},
                "officials_without_applicable_standard": _INT,
                "failing_rules": {"type": "array", "items": {
                    "type": "object", "properties": {"standard": _STR, "rule": _STR,
                                                     "count": _INT}}}}},
            "results": {"type": "array", "items": _RESULT}}},
    "GapsDocument": {"type": "object", "required": ["records", "on", "officials", "groups"],
                     "properties": {"records": _TALLY, "on": _STR, "officials": _INT,
                                    "with_gaps": _INT, "kinds": {"type": "object"},
                                    "total": {"type": "object"}, "groups": {"type": "object"},
                                    "needs": _INT}},
    "StandardEntry": {"type": "object", "required": ["id", "title", "instruments"],
                      "properties": {"id": _STR, "title": _STR,
                                     "instruments": {"type": "array", "items": _STR},
                                     "valid_from": _NSTR, "valid_until": _NSTR,
                                     "applies_to": {"type": "object"}, "event": _STR,
                                     "confidence": _STR}},
}

_REASONS = {400: "Malformed request: JSON syntax (with line and column), a bad parameter",
            404: "Unknown id, with the closest known ids",
            413: "Request body larger than --max-body",
            422: "Invalid records: every error with its JSON pointer"}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _operation(endpoint: Endpoint) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": endpoint.name, "summary": endpoint.summary,
        "description": endpoint.description,
        "parameters": [{"name": p.name, "in": p.where, "required": p.where == "path",
                        "description": p.description, "schema": p.schema}
                       for p in endpoint.params],
        "responses": {"200": {"description": "OK", "content": _json(endpoint.answer)},
                      **{str(code): {"description": _REASONS[code],
                                     "content": _json({"$ref": "#/components/schemas/Problem"})}
                         for code in endpoint.refusals},
                      "500": {"description": "Internal error (no details are sent)",
                              "content": _json({"$ref": "#/components/schemas/Problem"})}}}
    if endpoint.body is not None:
        operation["requestBody"] = {"required": True, "content": {
            **_json(endpoint.body),
            "application/x-ndjson": {"schema": {
                "type": "string", "description": "JSON Lines: one record a line (a roster)"}}}}
    return operation


@functools.cache
def _document() -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for endpoint in ENDPOINTS:
        paths.setdefault(endpoint.path, {})[endpoint.method.lower()] = _operation(endpoint)
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {"title": "competency: tiêu chuẩn cán bộ, công chức · civil-servant "
                          "qualification standards",
                 "version": importlib.metadata.version("competency"),
                 "description": "Validate records, check officials against the standards with "
                                "citations, explain, find cohort gaps. Record schemas are the "
                                "shipped JSON Schemas, referenced by `$id` ("
                                + SCHEMA_ID.format(kind="official") + " …) and served at "
                                "`/schemas/{kind}`."},
        "paths": paths,
        "components": {"schemas": COMPONENTS},
    }


def openapi_document() -> dict[str, Any]:
    """The OpenAPI 3.1 document (the same object each call: do not change it)."""
    return _document()
