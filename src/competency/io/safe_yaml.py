"""Safe YAML loading for data files: no object construction, dates kept as ISO strings.

Dates stay strings so that data files are validated by the same JSON Schemas as JSON
input, and converted once, by the converter. Booleans follow YAML 1.2 (``true``/``false``
only), so keys such as ``on`` (the as-of date of a case) stay strings.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

__all__ = ["MAX_BYTES", "MAX_DEPTH", "load_yaml"]

MAX_BYTES = 5_000_000
"""Largest data file accepted; standards files are a few kilobytes."""

MAX_DEPTH = 64
"""Deepest nesting accepted; the deepest requirement tree shipped is under 10 levels."""

_DROPPED = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"}
_BOOL = "tag:yaml.org,2002:bool"


class _Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps, and with YAML 1.2 booleans."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


def load_yaml(text: str) -> Any:
    """Parse YAML text safely; raises ``ValueError`` with the line on a syntax error."""
    if len(text) > MAX_BYTES:
        msg = f"file larger than {MAX_BYTES} bytes"
        raise ValueError(msg)
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506  (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        raise ValueError(f"not valid YAML: {exc}") from None
    except RecursionError:
        raise ValueError(f"nested deeper than {MAX_DEPTH} levels") from None
    if _depth(data) > MAX_DEPTH:
        msg = f"nested deeper than {MAX_DEPTH} levels"
        raise ValueError(msg)
    return data


def _depth(value: Any) -> int:
    """Nesting depth of mappings and lists, without recursion (a hostile file cannot overflow)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            return level
        stack.extend((child, level + 1) for child in children)
    return deepest
