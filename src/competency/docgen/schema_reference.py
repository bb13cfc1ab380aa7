"""The schema reference: one page per ``*.schema.json``, every field of the root and ``$defs``.

Read from the schema files themselves (not from the classes), so the page documents
exactly what other systems validate against.
"""

from __future__ import annotations

import importlib.resources
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from competency.docgen._md import GENERATED, code, esc, heading, table

__all__ = ["default_schemas_dir", "load_schemas", "schema_index_page", "schema_page"]


def default_schemas_dir() -> Path:
    """The schemas shipped in the package (identical to the repository's ``schemas/``)."""
    return Path(str(importlib.resources.files("competency") / "data" / "schemas"))


def load_schemas(folder: Path) -> dict[str, dict[str, Any]]:
    """Kind (file name without ``.schema.json``) → schema document, sorted."""
    return {path.name.removesuffix(".schema.json"): json.loads(path.read_text(encoding="utf-8"))
            for path in sorted(folder.glob("*.schema.json"))}


def _anchor(name: str) -> str:
    return f"def-{name.lower()}"


def _type(prop: Mapping[str, Any]) -> str:
    """A readable type: ``string``, ``date``, ``array of Unit``, ``one of: …``, ``… or null``."""
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{_anchor(name)})"
    if "anyOf" in prop or "oneOf" in prop:
        options = prop.get("anyOf") or prop["oneOf"]
        nullable = any(o.get("type") == "null" for o in options)
        kinds = [_type(o) for o in options if o.get("type") != "null"]
        text = kinds[0] if len(kinds) == 1 else "một trong · one of: " + ", ".join(kinds)
        return f"{text} or null" if nullable else text
    if "const" in prop:
        return f"const {code(json.dumps(prop['const'], ensure_ascii=False))}"
    types = prop.get("type", "any")
    types = types if isinstance(types, list) else [types]
    named = []
    for kind in types:
        if kind == "array":
            named.append(f"array of {_type(prop.get('items', {}))}")
        elif kind == "object" and isinstance(prop.get("additionalProperties"), Mapping):
            named.append(f"object of {_type(prop['additionalProperties'])}")
        elif kind == "string" and prop.get("format") == "date":
            named.append("date (YYYY-MM-DD)")
        else:
            named.append(str(kind))
    return " or ".join(named)


_CONSTRAINTS = (("minLength", "độ dài tối thiểu · min length"), ("minimum", "tối thiểu · minimum"),
                ("maximum", "tối đa · maximum"), ("minItems", "số phần tử tối thiểu · min items"))


def _values(prop: Mapping[str, Any]) -> str:
    """Enum codes with their labels, and the constraints (pattern, bounds)."""
    parts = []
    labels = prop.get("x-labels", {})
    for value in prop.get("enum", ()):
        if value is None:
            continue
        label = labels.get(value)
        parts.append(f"{code(value)} {esc(label['vi'])} · {esc(label['en'])}" if label
                     else code(value))
    for key, text in _CONSTRAINTS:
        if key in prop:
            parts.append(f"{text}: {prop[key]}")
    if "pattern" in prop:
        pattern = prop["pattern"]
        parts.append(f"pattern {esc(pattern) if '|' in pattern else code(pattern)}")
    for option in prop.get("anyOf", ()):
        if option.get("type") != "null" and "$ref" not in option:
            extra = _values(option)
            if extra:
                parts.append(extra)
    if prop.get("items"):
        extra = _values(prop["items"])
        if extra:
            parts.append(extra)
    return "<br>".join(parts)


def _fields(definition: Mapping[str, Any]) -> list[str]:
    required = set(definition.get("required", ()))
    rows = []
    for name, prop in definition.get("properties", {}).items():
        description = esc(prop.get("description", ""))
        if prop.get("x-description-vi"):
            description += f"<br>*{esc(prop['x-description-vi'])}*"
        rows.append([code(name), _type(prop), "✓" if name in required else "",
                     description, _values(prop), "✓ `x-pii`" if prop.get("x-pii") else ""])
    if not rows:
        return ["Không có trường · No fields."]
    return table(["Trường · Field", "Kiểu · Type", "Bắt buộc · Required",
                  "Mô tả · Description (en, *vi*)", "Giá trị · Values", "Dữ liệu cá nhân · PII"],
                 rows)


def schema_page(kind: str, document: Mapping[str, Any]) -> str:
    """``schemas/<kind>.md``: the root object and each ``$defs`` entry as tables of fields."""
    defs = document.get("$defs", {})
    lines = [heading(1, esc(document.get("x-title-vi", kind))), "",
             f"*{esc(document.get('title', kind))}*", "", GENERATED, "",
             f"- `$id`: {code(document.get('$id', ''))}",
             (f"- Tệp · File: {code(f'schemas/{kind}.schema.json')} "
              f"(JSON Schema {code(document.get('$schema', ''))})"),
             f"- Định nghĩa · Definitions: {len(defs)}", "",
             esc(document.get("description", "")), "",
             heading(2, "Bản ghi gốc · Root object", anchor="root"), ""]
    lines += _fields(document)
    if defs:
        lines += ["", heading(2, "Định nghĩa · Definitions (`$defs`)", anchor="defs"), "",
                  ", ".join(f"[{name}](#{_anchor(name)})" for name in defs)]
    for name, definition in defs.items():
        lines += ["", heading(3, name, anchor=_anchor(name)), ""]
        if definition.get("description"):
            lines += [esc(definition["description"]), ""]
        if "properties" in definition:
            lines += _fields(definition)
        else:
            lines.append(f"Kiểu · Type: {_type(definition)}")
    return "\n".join(lines) + "\n"


def schema_index_page(schemas: Mapping[str, Mapping[str, Any]]) -> str:
    """``schemas/index.md``: every schema with its ``$id`` and titles."""
    rows = [[f"[{code(kind)}]({kind}.md)", code(doc.get("$id", "")),
             f"{esc(doc.get('x-title-vi', ''))}<br>*{esc(doc.get('title', ''))}*",
             str(len(doc.get("$defs", {})))] for kind, doc in schemas.items()]
    lines = [heading(1, "Lược đồ JSON · JSON Schemas"), "", GENERATED, "",
             ("Các hệ thống khác kiểm tra bản ghi của mình theo các lược đồ JSON Schema 2020-12 "
              "trong thư mục `schemas/`. Mỗi lược đồ có `$id` dạng `urn:competency:schema:<kind>`; "
              "các `$ref` chỉ trỏ vào `$defs` trong cùng tệp."), "",
             ("*Other systems validate their records against the JSON Schema 2020-12 documents in "
              "`schemas/`. Each has an `$id` of the form `urn:competency:schema:<kind>`; every "
              "`$ref` points into the same file's `$defs`. Extension keywords: `x-title-vi`, "
              "`x-description-vi` (Vietnamese text), `x-labels` (labels of enum codes), `x-pii` "
              "(personal data).*"), ""]
    lines += table(["Lược đồ · Schema", "`$id`", "Tên · Title", "Định nghĩa · Definitions"], rows)
    return "\n".join(lines) + "\n"
