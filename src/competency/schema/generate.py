"""JSON Schema 2020-12 generated from the attrs classes.

The attrs classes are the single source: field types, required fields, enum codes,
descriptions in English and Vietnamese and ``x-pii`` flags all come from them.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from typing import Any

import attrs

from competency.vocab import Term

__all__ = [
    "DATE_PATTERN",
    "DIALECT",
    "class_schema",
    "generate",
    "schema_id",
]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_ID_PREFIX = "urn:competency:schema:"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def schema_id(kind: str) -> str:
    """The stable ``$id`` of a record kind's schema."""
    return f"{_ID_PREFIX}{kind}"


# -- generation ---------------------------------------------------------------------------

def _is_attrs(tp: Any) -> bool:
    return isinstance(tp, type) and attrs.has(tp)


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    """Schema of one Python type; attrs classes go to ``$defs`` and are referenced."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        members = typing.get_args(tp)
        nullable = type(None) in members
        rest = [m for m in members if m is not type(None)]
        schemas = [_type_schema(m, defs) for m in rest]
        inner = schemas[0] if len(schemas) == 1 else {"oneOf": schemas}
        return _nullable(inner) if nullable else inner
    if origin is typing.Literal:
        return {"const": typing.get_args(tp)[0]}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(tp)[0], defs)}
    if origin is dict:
        return {"type": "object",
                "additionalProperties": _type_schema(typing.get_args(tp)[1], defs)}
    if _is_attrs(tp):
        owner = _OWNERS.setdefault(id(defs), {}).setdefault(tp.__name__, tp)
        if owner is not tp:
            msg = f"two classes named {tp.__name__} in one schema: {_qualname(owner)}, {_qualname(tp)}"
            raise TypeError(msg)
        if tp.__name__ not in defs:
            defs[tp.__name__] = {}  # placeholder first: the types may be recursive
            defs[tp.__name__] = class_schema(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum_schema(tp)
    simple = {str: {"type": "string"}, bool: {"type": "boolean"}, int: {"type": "integer"},
              float: {"type": "number"},
              dt.date: {"type": "string", "format": "date", "pattern": DATE_PATTERN}}
    if tp in simple:
        return dict(simple[tp])
    msg = f"no JSON Schema mapping for {tp!r}"
    raise TypeError(msg)


_OWNERS: dict[int, dict[str, type]] = {}
"""For each ``$defs`` being built (by id), which class owns each name: names must not collide."""


def _qualname(tp: type) -> str:
    return f"{tp.__module__}.{tp.__qualname__}"


def _enum_schema(tp: type[enum.Enum]) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "enum": [m.value for m in tp]}
    if issubclass(tp, Term):
        schema["x-labels"] = {m.code: {"vi": m.vi, "en": m.en} for m in tp}
    return schema


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if "enum" in schema:
        return {**schema, "type": [schema["type"], "null"], "enum": [*schema["enum"], None]}
    if isinstance(schema.get("type"), str) and "$ref" not in schema:
        return {**schema, "type": [schema["type"], "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def class_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    """Object schema of an attrs class: properties, required, descriptions, ``x-pii``."""
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        meta = field.metadata
        prop = _type_schema(hints[field.name], defs)
        extra = dict(meta.get("schema", {}))
        if "anyOf" in prop and extra:
            prop["anyOf"][0] = {**prop["anyOf"][0], **extra}
        else:
            prop.update(extra)
        if "en" in meta:
            prop["description"] = meta["en"]
            prop["x-description-vi"] = meta["vi"]
        if meta.get("pii"):
            prop["x-pii"] = True
        key = meta.get("json_name", field.name)
        properties[key] = prop
        if field.default is attrs.NOTHING:
            required.append(key)
    doc = (cls.__doc__ or "").strip().split("\n\n")[0]
    schema: dict[str, Any] = {"type": "object", "description": " ".join(doc.split()),
                              "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    return schema


def generate(kind: str, cls: type, *, title_en: str, title_vi: str) -> dict[str, Any]:
    """The complete schema document of a top-level record kind."""
    defs: dict[str, Any] = {}
    try:
        root = class_schema(cls, defs)
    finally:
        _OWNERS.pop(id(defs), None)
    document: dict[str, Any] = {
        "$schema": DIALECT,
        "$id": schema_id(kind),
        "title": title_en,
        "x-title-vi": title_vi,
        **root,
    }
    if defs:
        document["$defs"] = dict(sorted(defs.items()))
    return document


