"""Safe YAML loading for data files: no object construction, dates kept as ISO strings.

Dates stay strings so that data files are validated by the same JSON Schemas as JSON
input, and converted once, by the converter. Booleans follow YAML 1.2 (``true``/``false``
only), so keys such as ``on`` (the as-of date of a case) stay strings.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

__all__ = ["MAX_BYTES", "load_yaml"]

MAX_BYTES = 5_000_000
"""Largest data file accepted; standards files are a few kilobytes."""

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
        return yaml.load(text, Loader=_Loader)  # noqa: S506  (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        raise ValueError(f"not valid YAML: {exc}") from None
