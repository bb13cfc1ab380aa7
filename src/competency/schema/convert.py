"""The one cattrs converter: records and data files to attrs objects and back.

Wire rules, all in :func:`configure_converter`:

* dates are ISO 8601 strings (``YYYY-MM-DD``);
* vocabulary members and other enums are their codes;
* tuples are JSON arrays; fields equal to their default (``None``) are left out,
  so an absent key and ``null`` both read back as unknown;
* scalars are strict: ``"yes"`` is not a boolean, ``"3"`` is not an integer;
* unknown keys are errors, so a typo never passes silently;
* a field whose JSON key is not a Python name (``if``, ``not``) is renamed from its
  ``json_name`` metadata.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import types
import typing
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import ClassValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from competency.vocab import json_names

__all__ = ["CONVERTER", "StructureError", "configure_converter", "make_converter", "structure",
           "unstructure"]

T = TypeVar("T")

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


class StructureError(ValueError):
    """A record or data file that the converter cannot turn into objects.

    ``lines`` holds one ``/pointer: message`` line per problem, the JSON pointer notation
    that schema validation uses too.
    """

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def _structure_date(value: Any, _: type) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError(f"expected an ISO date YYYY-MM-DD, got {value!r}")
    return dt.date.fromisoformat(value)


def _strict(kind: type, name: str) -> Any:
    def hook(value: Any, _: type) -> Any:
        # bool is an int subclass; a JSON integer may stand for a float.
        ok = isinstance(value, kind) and not (kind is not bool and isinstance(value, bool))
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if not ok:
            raise TypeError(f"expected {name}, got {type(value).__name__} {value!r}")
        return value
    return hook


def configure_converter(converter: cattrs.Converter) -> None:
    """Register the wire rules listed in the module docstring."""
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_unstructure_hook(enum.Enum, lambda member: member.value)
    for kind, name in ((str, "a string"), (bool, "a boolean"), (int, "an integer"),
                       (float, "a number")):
        converter.register_structure_hook(kind, _strict(kind, name))
    converter.register_unstructure_hook_func(
        lambda t: getattr(t, "__origin__", None) is tuple,
        lambda value: [converter.unstructure(item) for item in value])

    def renamed(cls: type) -> bool:
        return attrs.has(cls) and bool(json_names(cls))

    converter.register_structure_hook_factory(renamed, lambda cls: make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True,
        **{n: override(rename=j) for n, j in json_names(cls).items()}))
    converter.register_unstructure_hook_factory(renamed, lambda cls: make_dict_unstructure_fn(
        cls, converter, _cattrs_omit_if_default=True,
        **{n: override(rename=j) for n, j in json_names(cls).items()}))
    converter.register_structure_hook_factory(_is_keyed_union,
                                              lambda union: _keyed_union_hook(converter, union))


def _is_keyed_union(tp: Any) -> bool:
    members = typing.get_args(tp) if typing.get_origin(tp) in (typing.Union, types.UnionType) else ()
    return len(members) > 2 and all(attrs.has(m) for m in members)  # noqa: PLR2004


def _required_keys(cls: type) -> set[str]:
    names = json_names(cls)
    return {names.get(f.name, f.name) for f in attrs.fields(cls) if f.default is attrs.NOTHING}


def _keyed_union_hook(converter: cattrs.Converter, union: Any) -> Any:
    """Structure a union of classes that each have one key the others lack (rule nodes)."""
    members = typing.get_args(union)
    shared = set.intersection(*(_required_keys(m) for m in members))
    by_key = {}
    for member in members:
        (key,) = _required_keys(member) - shared
        by_key[key] = member
    expected = ", ".join(by_key)

    def hook(value: Any, _: Any) -> Any:
        if not isinstance(value, dict):
            raise TypeError(f"expected a mapping with one of: {expected}")
        keys = [k for k in value if k in by_key]
        if len(keys) != 1:
            found = ", ".join(sorted(map(str, value))) or "no keys"
            raise ValueError(f"expected exactly one kind key ({expected}); found {found}")
        return converter.structure(value, by_key[keys[0]])

    return hook


def make_converter() -> cattrs.Converter:
    """A new converter with the wire rules; :data:`CONVERTER` is the shared one."""
    converter = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True)
    configure_converter(converter)
    return converter


CONVERTER = make_converter()


def _format(exc: BaseException, type_: Any) -> str:
    if isinstance(exc, (TypeError, ValueError)) and not isinstance(exc, cattrs.BaseValidationError):
        return str(exc) if str(exc) else cattrs.v.format_exception(exc, type_)
    return cattrs.v.format_exception(exc, type_)


_STEP = re.compile(r"\.([^.\[]+)|\[([^\]]+)\]")


def _pointed(line: str) -> str:
    """``message @ $.a[0].b`` (cattrs) as ``/a/0/b: message`` (JSON pointer, RFC 6901)."""
    message, _, path = line.rpartition(" @ ")
    steps = (name if name else index.strip("'\"") for name, index in _STEP.findall(path))
    pointer = "".join("/" + step.replace("~", "~0").replace("/", "~1") for step in steps)
    return f"{pointer or '/'}: {message}"


def structure(data: Any, cls: type[T]) -> T:
    """Build ``cls`` from JSON-like ``data``; raise :class:`StructureError` with pointer lines."""
    try:
        return CONVERTER.structure(data, cls)
    except (ClassValidationError, cattrs.BaseValidationError) as exc:
        lines = cattrs.transform_error(exc, format_exception=_format)
        raise StructureError([_pointed(line) for line in lines]) from None
    except (TypeError, ValueError) as exc:
        raise StructureError([f"/: {exc}"]) from None


def unstructure(obj: Any) -> Any:
    """JSON-ready data for ``obj``."""
    return CONVERTER.unstructure(obj)
