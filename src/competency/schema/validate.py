"""Validation against the shipped schemas: every error, with its JSON pointer.

The generated files are package data (``competency/data/schemas/``, mirrored at the
repository's ``schemas/``), loaded through :mod:`importlib.resources`; no ``$ref`` is
ever fetched from the network.
"""

from __future__ import annotations

import copy
import functools
import importlib.resources
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
import jsonschema
import referencing
import referencing.jsonschema

from competency.errors import UnknownItemError
from competency.schema.generate import DATE_PATTERN

__all__ = [
    "SchemaIssue",
    "Validator",
    "definition_validator",
    "load_schema",
    "registry",
    "validator",
]

# -- loading and validation ---------------------------------------------------------------

def _schema_files() -> Iterable[importlib.resources.abc.Traversable]:
    folder = importlib.resources.files("competency") / "data" / "schemas"
    return sorted((f for f in folder.iterdir() if f.name.endswith(".schema.json")),
                  key=lambda f: f.name)


def load_schema(kind: str) -> dict[str, Any]:
    """The shipped schema of ``kind`` (``official``, ``standard``, …), a fresh copy each call."""
    return copy.deepcopy(_schema(kind))


@functools.cache
def _schema(kind: str) -> dict[str, Any]:
    for file in _schema_files():
        if file.name == f"{kind}.schema.json":
            return json.loads(file.read_text(encoding="utf-8"))
    known = tuple(sorted(f.name.removesuffix(".schema.json") for f in _schema_files()))
    raise UnknownItemError("record kind", kind, known)


@functools.cache
def registry() -> referencing.Registry:
    """A local registry of every shipped schema, addressed by ``$id``; it never retrieves."""
    resources = [referencing.jsonschema.DRAFT202012.create_resource(json.loads(f.read_text("utf-8")))
                 for f in _schema_files()]
    return referencing.Registry().with_resources((r.id(), r) for r in resources)


@attrs.frozen(kw_only=True)
class SchemaIssue:
    """One schema violation: where (JSON pointer) and what was expected."""

    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.pointer or '/'}: {self.message}"


def _pointer(path: Iterable[Any]) -> str:
    return "".join(f"/{str(p).replace('~', '~0').replace('/', '~1')}" for p in path)


def _leaves(error: jsonschema.ValidationError) -> Iterable[jsonschema.ValidationError]:
    """The errors worth showing: ``X or null`` unions report what is wrong with ``X``."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        branches: dict[Any, list[jsonschema.ValidationError]] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        # Drop "or null" branches and branches whose own required key is absent: for a
        # rule node, that leaves the branch of the kind key the instance does use.
        meaningful = [errs for errs in branches.values()
                      if not (len(errs) == 1 and errs[0].validator == "type"
                              and errs[0].validator_value == "null")
                      and not any(e.validator == "required" and not e.relative_path
                                  for e in errs)]
        if len(meaningful) == 1:
            for sub in meaningful[0]:
                yield from _leaves(sub)
            return
    yield error


def _describe(error: jsonschema.ValidationError, redact: bool = False) -> str:
    if redact and isinstance(error.schema, dict) and error.schema.get("x-pii"):
        return _describe(error).replace(repr(error.instance), "<redacted>")
    if error.validator in ("anyOf", "oneOf") and isinstance(error.instance, dict):
        keys = ", ".join(sorted(map(str, error.instance))) or "none"
        return f"matches none of the allowed shapes (keys present: {keys})"
    if error.validator == "additionalProperties":
        return error.message.replace("Additional properties are not allowed", "unknown field")
    if error.validator == "required":
        return error.message.replace("is a required property", "is required (missing)")
    return error.message


_NARROWABLE = {"$schema", "$id", "$defs", "title", "description", "type", "properties",
               "additionalProperties", "required"}
"""Root keywords under which each property's errors depend on that property alone."""


def _narrowing(schema: Mapping[str, Any]) -> tuple[frozenset[str], frozenset[str]] | None:
    """The declared and required properties of a root schema whose errors can be found
    property by property (see :meth:`Validator.errors`); None for any other schema."""
    if not set(schema) - _NARROWABLE <= {k for k in schema if k.startswith("x-")}:
        return None
    if schema.get("type") != "object" or not isinstance(schema.get("properties"), dict):
        return None
    return frozenset(schema["properties"]), frozenset(schema.get("required", ()))


@attrs.frozen
class Validator:
    """Validates instances of one kind and reports every error.

    A compiled validator (``jsonschema-rs``, the ``fast`` extra) answers the common
    "is it valid?" question; the reference ``jsonschema`` validator lists the errors of
    the records that are not. Both read the same schema; a test checks they agree.
    """

    kind: str
    _reference: jsonschema.protocols.Validator
    _fast: Callable[[Any], bool] | None
    _compiled: Any = None
    """The compiled validator itself, whose error locations narrow the reference's work."""
    _narrowing: tuple[frozenset[str], frozenset[str]] | None = None

    @property
    def is_valid(self) -> Callable[[Any], bool]:
        """Whether an instance is valid: the compiled check when installed, else the reference.

        A plain function, so that a caller checking many records can keep it at hand.
        """
        return self._fast if self._fast is not None else self._reference.is_valid

    def errors(self, instance: Any, *, redact: bool = False) -> list[SchemaIssue]:
        """Every error in ``instance``, sorted by pointer; empty when valid.

        With ``redact``, the value of a field marked ``x-pii`` is not repeated in messages.
        """
        if self._fast is not None and self._fast(instance):
            return []
        subject = self._narrowed(instance)
        found = self._issues(subject, redact)
        if not found and subject is not instance:
            found = self._issues(instance, redact)
        return sorted(found, key=lambda issue: (issue.pointer, issue.message))

    def _issues(self, instance: Any, redact: bool) -> list[SchemaIssue]:
        return [SchemaIssue(pointer=_pointer(leaf.absolute_path), message=_describe(leaf, redact))
                for error in self._reference.iter_errors(instance) for leaf in _leaves(error)]

    def _narrowed(self, instance: Any) -> Any:
        """The instance without the top-level properties the compiled validator found valid.

        The reference validator is slow on a whole record; when the root schema checks
        each property on its own, the errors of the properties that are left, of the
        required ones and of the unknown ones (all kept, in their order) are the errors of
        the whole record. A test checks both validators find errors at the same places.
        """
        if self._compiled is None or self._narrowing is None or type(instance) is not dict:
            return instance
        declared, required = self._narrowing
        flagged = set()
        for error in self._compiled.iter_errors(instance):
            if not error.instance_path:
                continue
            flagged.add(error.instance_path[0])
        return {key: value for key, value in instance.items()
                if key in flagged or key in required or key not in declared}


_NOT_YEAR_ZERO = {"type": "string", "pattern": "^0000"}
"""Python's dates start at year 1; RFC 3339 (and the compiled validator) allow year 0."""
_DATE_FROM_YEAR_ONE = (r"^(?:[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})"
                       r"-[0-9]{2}-[0-9]{2}\n?$")
"""The date pattern as the reference reads it (a final newline passes ``$``), without year 0:
what the generated date fields say, in one regular expression."""


def _as_reference(node: Any) -> Any:
    """A copy of a schema that the compiled validator reads as the reference does.

    Two differences are bridged: a pattern's final ``$`` also matches before a final
    newline in Python (the reference), not in ECMA 262 (the compiled validator); and the
    ``date`` format of the reference (Python's ``date.fromisoformat``) refuses year 0000.
    """
    if isinstance(node, list):
        return [_as_reference(item) for item in node]
    if not isinstance(node, dict):
        return node
    copy = {key: _as_reference(value) for key, value in node.items()}
    pattern = copy.get("pattern")
    if copy.get("format") == "date" and pattern == DATE_PATTERN:
        copy["pattern"] = _DATE_FROM_YEAR_ONE
    elif copy.get("format") == "date":
        copy["allOf"] = [*copy.get("allOf", ()), {"not": dict(_NOT_YEAR_ZERO)}]
    if isinstance(pattern, str) and pattern.endswith("$") and not pattern.endswith("\\$") \
            and copy["pattern"] == pattern:
        copy["pattern"] = pattern[:-1] + "\\n?$"
    return copy


def _compiled(schema: Mapping[str, Any]) -> Any:
    """The compiled validator of ``schema``, or None without the ``fast`` extra."""
    try:
        import jsonschema_rs  # noqa: PLC0415  (optional extra)
    except ImportError:
        return None
    return jsonschema_rs.Draft202012Validator(_as_reference(schema), validate_formats=True)


@functools.cache
def validator(kind: str, *, fast: bool = True) -> Validator:
    """The (cached) validator of ``kind``."""
    schema = _schema(kind)
    reference = jsonschema.Draft202012Validator(
        schema, registry=registry(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    compiled = _compiled(schema) if fast else None
    return Validator(kind, reference, None if compiled is None else compiled.is_valid, compiled,
                     _narrowing(schema))


@functools.cache
def definition_validator(kind: str, name: str) -> Validator:
    """The validator of one definition (``$defs/name``) of the ``kind`` schema: for a file
    that holds one part of a record, such as a province's quota for a scheme."""
    schema = {"$schema": _schema(kind)["$schema"],
              "$ref": f"{_schema(kind)['$id']}#/$defs/{name}"}
    reference = jsonschema.Draft202012Validator(
        schema, registry=registry(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return Validator(f"{kind}#{name}", reference, None)
