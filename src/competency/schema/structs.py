"""msgspec Structs written as Python source from a generated JSON Schema.

The Structs give a verdict in one compiled pass (decode and check together) that never
accepts what the schema refuses: every keyword is translated to a msgspec constraint
that is at least as strict, and a keyword without one stops the generation. A value
msgspec refuses is not necessarily invalid; the reference validator decides it. So:

* a final ``$`` of a pattern becomes ``\\Z`` (``$`` also matches before a final newline);
* a ``date`` is a :class:`datetime.date` (a real day, from year 1, written ``YYYY-MM-DD``);
* integers are bounded to 64 bits and numbers to :data:`NUMBER_BOUND`, so that the
  huge numbers the readers treat apart go the reference way;
* an optional field defaults to ``UNSET`` (null is ``None`` where the schema allows it),
  so that a decoded record encodes back to the keys it was given: a key given twice
  (msgspec keeps the last) shows as a key missing.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterator, Mapping
from typing import Any

from competency.schema.generate import DATE_PATTERN

__all__ = ["INTEGER_BOUND", "NUMBER_BOUND", "structs_source"]

INTEGER_BOUND = 2**63
"""Integers at or beyond this magnitude are left to the reference (orjson's limit too)."""

NUMBER_BOUND = 1e300
"""Numbers beyond this magnitude are left to the reference: an integer of more than 1000
bits is refused by the converter, and 2**1000 is about 1.07e301."""

_IGNORED = frozenset({"description", "title", "$schema", "$id", "$defs"})
"""Keywords that say nothing about validity."""

_STRING_META = {"minLength": "min_length", "maxLength": "max_length"}
_NUMBER_META = {"minimum": "ge", "maximum": "le", "exclusiveMinimum": "gt",
                "exclusiveMaximum": "lt"}
_ARRAY_META = {"minItems": "min_length", "maxItems": "max_length"}


class _Unsupported(TypeError):
    def __init__(self, pointer: str, what: str) -> None:
        super().__init__(f"{pointer or '/'}: {what} has no msgspec equivalent; "
                         "extend competency.schema.structs or leave the kind out")


def _anchored(pattern: str, pointer: str) -> str:
    """``pattern`` with a final ``$`` made ``\\Z``: the end of the text, not of a line."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + "\\Z"
    if "$" in pattern.replace("\\$", ""):
        raise _Unsupported(pointer, f"pattern {pattern!r} (a '$' before its end)")
    return pattern


_TAKEN = frozenset({"dt", "Annotated", "Literal", "UNSET", "Meta", "Struct", "UnsetType", "field",
                    "ROOT"})
"""Names the generated module imports or defines."""


def _identifier(name: str) -> str:
    safe = re.sub(r"\W", "_", name)
    if not safe.isidentifier() or keyword.iskeyword(safe) or safe[0] == "_" or safe in _TAKEN:
        safe = f"f_{safe}"
    return safe


def _disjoint(branches: list[Any]) -> bool:
    """Whether no value can match two of ``branches``: then any of them is exactly one
    (``oneOf``). Known when their JSON types differ (an integer is a number too)."""
    seen: set[str] = set()
    for branch in branches:
        types = {"object"} if "$ref" in branch else branch.get("type", "any")
        types = {types} if isinstance(types, str) else set(types)
        if types & {"integer", "number"}:
            types |= {"integer", "number"}
        if types & seen or "any" in types:
            return False
        seen |= types
    return True


class _Writer:
    """Turns the nodes of one schema into annotations and class definitions."""

    def __init__(self, schema: Mapping[str, Any]) -> None:
        self.defs: Mapping[str, Any] = schema.get("$defs", {})
        self.classes: dict[str, str] = {}
        self.dated: set[str] = set()
        """The classes holding a date, in a field or deeper."""

    def annotation(self, node: Mapping[str, Any], pointer: str) -> str:
        """The msgspec annotation of a subschema."""
        node = {k: v for k, v in node.items() if k not in _IGNORED and not k.startswith("x-")}
        if "$ref" in node:
            if set(node) != {"$ref"} or not node["$ref"].startswith("#/$defs/"):
                raise _Unsupported(pointer, f"a $ref beside {sorted(set(node) - {'$ref'})}")
            name = node["$ref"].removeprefix("#/$defs/")
            if self.classes.get(name) == "":  # being written: its dates are not known yet
                raise _Unsupported(pointer, f"a recursive $ref to {name}")
            self.struct(name, self.defs[name], f"/$defs/{name}")
            return _identifier(name)
        for key in ("anyOf", "oneOf"):
            if key in node:
                if set(node) != {key}:
                    raise _Unsupported(pointer, f"{key} beside other keywords")
                members = [self.annotation(b, f"{pointer}/{key}/{i}")
                           for i, b in enumerate(node[key])]
                if key == "oneOf" and not _disjoint(node[key]):
                    raise _Unsupported(pointer, "oneOf with branches a value may match both")
                return " | ".join(dict.fromkeys(members))
        types = node.pop("type", None)
        if types is None:
            raise _Unsupported(pointer, f"a schema without a type ({sorted(node)})")
        types = [types] if isinstance(types, str) else list(types)
        if "enum" in node or "const" in node:
            return self._literal(node, types, pointer)
        parts = [self._typed(t, node, pointer) for t in types]
        return " | ".join(parts)

    def _literal(self, node: dict[str, Any], types: list[str], pointer: str) -> str:
        values = node.pop("enum") if "enum" in node else [node.pop("const")]
        if node or not set(types) <= {"string", "null"}:
            raise _Unsupported(pointer, f"enum beside {sorted(node)} or of {types}")
        codes = [v for v in values if v is not None]
        if not all(isinstance(v, str) for v in codes):
            raise _Unsupported(pointer, "an enum of values other than strings")
        parts = [f"Literal[{', '.join(map(repr, codes))}]"] if codes else []
        if None in values and "null" in types:
            parts.append("None")
        return " | ".join(parts)

    def _typed(self, name: str, node: dict[str, Any], pointer: str) -> str:
        """The annotation of one JSON type, with the keywords that constrain it."""
        keywords = dict(node)
        if name == "null":
            return "None"
        if name == "boolean":
            return self._constrained("bool", keywords, {}, pointer)
        if name == "string":
            if keywords.get("format") == "date":
                keywords.pop("format")
                keywords.pop("pattern", None)  # any pattern a date passes: checked below
                return self._constrained("dt.date", keywords, {}, pointer,
                                         date_pattern=node.get("pattern"))
            if "pattern" in keywords:
                keywords["pattern"] = _anchored(keywords["pattern"], pointer)
            return self._constrained("str", keywords, {**_STRING_META, "pattern": "pattern"},
                                     pointer)
        if name in ("integer", "number"):
            bound = INTEGER_BOUND - 1 if name == "integer" else NUMBER_BOUND
            base = "int" if name == "integer" else "float"
            return self._constrained(base, keywords, _NUMBER_META, pointer,
                                     bound=repr(bound))
        if name == "array":
            items = keywords.pop("items", None)
            if not isinstance(items, dict):
                raise _Unsupported(pointer, "an array without one items schema")
            inner = self.annotation(items, f"{pointer}/items")
            return self._constrained(f"list[{inner}]", keywords, _ARRAY_META, pointer)
        if name == "object":
            raise _Unsupported(pointer, "an inline object (only $defs objects are Structs)")
        raise _Unsupported(pointer, f"type {name!r}")

    @staticmethod
    def _constrained(base: str, keywords: dict[str, Any], allowed: Mapping[str, str],
                     pointer: str, *, bound: str | None = None,
                     date_pattern: str | None = None) -> str:
        extra = set(keywords) - set(allowed)
        if extra:
            raise _Unsupported(pointer, f"{sorted(extra)} on a {base}")
        if date_pattern not in (None, DATE_PATTERN):
            raise _Unsupported(pointer, f"a date with the pattern {date_pattern!r}")
        meta = {allowed[k]: v for k, v in keywords.items()}
        if bound is not None:
            meta.setdefault("ge", f"-{bound}")
            meta.setdefault("le", bound)
        if not meta:
            return base
        args = ", ".join(f"{k}={v if isinstance(v, str) and k in ('ge', 'le') else repr(v)}"
                         for k, v in meta.items())
        return f"Annotated[{base}, Meta({args})]"

    def _date_check(self, field: str, annotation: str, pointer: str) -> list[str]:
        """The lines of ``later_than`` for one field: a date, a dated Struct, or a list of
        either (absent and null values are falsy, dates and Structs never)."""
        listed = re.compile(r"list\[(.+)\]")
        dated = [m for m in annotation.split(" | ") if m == "dt.date" or m in self.dated
                 or listed.fullmatch(m)]
        if not dated:
            return []
        if len(dated) > 1:
            raise _Unsupported(pointer, f"a choice of dated shapes ({annotation})")
        value, items = f"self.{field}", listed.fullmatch(dated[0])
        if items is None:
            test = f"{value} > day" if dated[0] == "dt.date" else f"{value}.later_than(day)"
            return [f"        if {value} and {test}:", "            return True"]
        inner = items.group(1)
        if inner != "dt.date" and inner not in self.dated:
            if "dt.date" in inner or self.dated & set(re.findall(r"\w+", inner)):
                raise _Unsupported(pointer, f"a list of {inner}")
            return []
        test = "item > day" if inner == "dt.date" else "item.later_than(day)"
        return [f"        for item in {value} or ():", f"            if {test}:",
                "                return True"]

    def struct(self, name: str, node: Mapping[str, Any], pointer: str) -> None:
        """Write the class of an object schema once."""
        if name in self.classes:
            return
        self.classes[name] = ""  # placeholder: a class refers to another once
        self.classes[name] = self._class(name, node, pointer)

    def _class(self, name: str, node: Mapping[str, Any], pointer: str) -> str:
        rest = {k for k in node if k not in _IGNORED and not k.startswith("x-")}
        if node.get("type") != "object" or node.get("additionalProperties") is not False or \
                rest - {"type", "properties", "additionalProperties", "required"}:
            raise _Unsupported(pointer, "an object that is not closed, or has other keywords")
        required = set(node.get("required", ()))
        summary = " ".join(str(node.get("description", name)).split()).replace('"', "'")
        lines = [f"class {_identifier(name)}(Struct, forbid_unknown_fields=True, kw_only=True, "
                 "gc=False):",
                 *_wrapped(f'"""{summary}"""', "    "), ""]
        checks: list[str] = []
        for key, sub in node.get("properties", {}).items():
            annotation = self.annotation(sub, f"{pointer}/properties/{key}")
            field = _identifier(key)
            renamed = f", name={key!r}" if field != key else ""
            if key in required:
                default = f" = field({renamed[2:]})" if renamed else ""
            else:  # absent stays apart from null: encoding the record gives back its keys
                annotation += " | UnsetType"
                default = f" = field(default=UNSET{renamed})" if renamed else " = UNSET"
            lines.append(f"    {field}: {annotation}{default}")
            checks += self._date_check(field, annotation, f"{pointer}/properties/{key}")
        if checks:
            self.dated.add(_identifier(name))
        lines += ["", "    def later_than(self, day: dt.date) -> bool:",
                  '        """Whether a date of the record is after ``day``."""',
                  *checks, "        return False"]
        return "\n".join(lines)


def _wrapped(text: str, indent: str, joint: str = " ", more: str = "") -> list[str]:
    """``text`` cut after each ``joint`` into lines of at most 100 characters; lines after
    the first start with ``indent`` and ``more``."""
    words = text.split(joint)
    lines, line = [], indent + words[0]
    for word in words[1:]:
        if len(line) + len(joint) + len(word) > 100:
            lines.append(line + joint.rstrip())
            line = indent + more + word
        else:
            line += joint + word
    return [*lines, line]


def _classes(schema: Mapping[str, Any], root: str) -> Iterator[str]:
    writer = _Writer(schema)
    writer.struct(root, schema, "")
    yield from writer.classes.values()


def structs_source(schema: Mapping[str, Any], root: str, *, source: str) -> str:
    """The Python module of msgspec Structs checking ``schema``, whose root class is
    ``root``; ``source`` names the schema file in the module's header."""
    classes = list(_classes(schema, root))
    names = ", ".join(f'"{n}"' for n in ["ROOT", *sorted(_names(classes))])
    header = "\n".join([
        f'"""msgspec Structs of ``{source}``, written from the schema by',
        "``competency schemas`` (:mod:`competency.schema.structs`): do not edit.", "",
        "A record these Structs decode is valid against the schema; one they refuse is for the",
        'reference validator to judge.', '"""', "",
        "# ruff: noqa: E501", "",
        "from __future__ import annotations", "",
        "import datetime as dt",
        "from typing import Annotated, Literal", "",
        "from msgspec import UNSET, Meta, Struct, UnsetType, field", "",
        *_wrapped(f"__all__ = [{names}]", "", ", ", "    "), "", ""])
    body = "\n\n\n".join(reversed(classes))
    return f"{header}\n{body}\n\n\nROOT = {_identifier(root)}\n" \
        '"""The class of a whole record."""\n'


def _names(classes: list[str]) -> list[str]:
    return [c.split("(", 1)[0].removeprefix("class ") for c in classes]
