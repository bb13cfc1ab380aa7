"""Safe YAML loading for data files: no object construction, dates kept as ISO strings.

Dates stay strings so that data files are validated by the same JSON Schemas as JSON
input, and converted once, by the converter. Booleans follow YAML 1.2 (``true``/``false``
only), so keys such as ``on`` (the as-of date of a case) stay strings.

Before anything is built, the parsed document is measured: nesting and the number of
values once aliases are expanded are limited (:mod:`competency.io.limits`), so that
nested aliases cannot make a small file take forever, and a key given twice in one
mapping is refused (PyYAML would keep the last without a word).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from competency.io import limits

__all__ = ["MAX_BYTES", "MAX_DEPTH", "load_yaml"]

MAX_BYTES = limits.MAX_DATA_FILE_BYTES
"""See :data:`competency.io.limits.MAX_DATA_FILE_BYTES`."""

MAX_DEPTH = limits.MAX_YAML_DEPTH
"""See :data:`competency.io.limits.MAX_YAML_DEPTH`."""

_DROPPED = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"}
_BOOL = "tag:yaml.org,2002:bool"
_MERGE = "tag:yaml.org,2002:merge"
_STR = "tag:yaml.org,2002:str"


class _Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps, and with YAML 1.2 booleans."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


def load_yaml(text: str) -> Any:
    """Parse YAML text safely; raises ``ValueError`` with the line on a syntax error, a
    repeated key, or a document beyond the limits."""
    if len(text) > limits.MAX_DATA_FILE_BYTES:
        msg = f"file larger than {limits.MAX_DATA_FILE_BYTES} bytes"
        raise ValueError(msg)
    try:
        loader = _Loader(text)
    except yaml.YAMLError as exc:
        raise ValueError(f"not valid YAML: {exc}") from None
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            raise ValueError(f"not valid YAML: {exc}") from None
        except RecursionError:
            raise ValueError(f"nested deeper than {limits.MAX_YAML_DEPTH} levels") from None
        if node is None:
            return None
        _measure(node)
        try:
            return loader.construct_document(node)
        except yaml.YAMLError as exc:
            raise ValueError(f"not valid YAML: {exc}") from None
    finally:
        loader.dispose()


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _measure(root: yaml.Node) -> None:
    """Refuse a document too deep, too large once expanded, or with a key given twice.

    Each node is measured once (an alias is the node it names, met again), without
    recursion, so that the measure itself costs the size of the text.
    """
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    on_path: set[int] = set()
    while stack:
        node, level, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            children = _children(node)
            size[key] = 1 + sum(size[id(c)] for c in children)
            depth[key] = 1 + max((depth[id(c)] for c in children), default=0)
            if size[key] > limits.MAX_YAML_NODES:
                msg = (f"more than {limits.MAX_YAML_NODES:,} values once its aliases are "
                       f"expanded (line {node.start_mark.line + 1}); write the values out")
                raise ValueError(msg)
            continue
        if key in size:  # met before, through an alias: as deep as it was
            if level + depth[key] - 1 > limits.MAX_YAML_DEPTH:
                msg = f"nested deeper than {limits.MAX_YAML_DEPTH} levels"
                raise ValueError(msg)
            continue
        if level > limits.MAX_YAML_DEPTH or key in on_path:
            msg = f"nested deeper than {limits.MAX_YAML_DEPTH} levels"
            raise ValueError(msg)
        if isinstance(node, yaml.MappingNode):
            _repeated_keys(node)
        elif isinstance(node, yaml.ScalarNode):
            _text(node)
        on_path.add(key)
        stack.append((node, level, True))
        stack.extend((child, level + 1, False) for child in _children(node))


def _text(node: yaml.ScalarNode) -> None:
    """Refuse a lone surrogate (``"\\ud800"``): YAML's escapes allow it, text does not."""
    try:
        node.value.encode("utf-8")
    except UnicodeEncodeError:
        msg = f"a lone surrogate is not text (line {node.start_mark.line + 1})"
        raise ValueError(msg) from None


def _repeated_keys(node: yaml.MappingNode) -> None:
    """Refuse a key given twice, or a key that is not text (data files are JSON-shaped)."""
    first: dict[tuple[str, str], int] = {}
    for key, _ in node.value:
        if isinstance(key, yaml.ScalarNode) and key.tag == _MERGE:
            continue
        line = key.start_mark.line + 1
        if not isinstance(key, yaml.ScalarNode) or key.tag != _STR:
            shown = key.value if isinstance(key, yaml.ScalarNode) else "a list or mapping"
            msg = f"key {shown!r} is not text (line {line}); write it in quotes"
            raise ValueError(msg)
        if (key.tag, key.value) in first:
            msg = (f"key {key.value!r} given twice in a mapping (line {line}; first on line "
                   f"{first[key.tag, key.value]})")
            raise ValueError(msg)
        first[key.tag, key.value] = line
