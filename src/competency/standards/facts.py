"""The fact codes a record may state (``data/facts.yaml``): the vocabulary of the ``fact`` leaf.

Some rules read what no field of the record models (nationality, residence, a priority group,
standing for re-election). They are written as ``facts: [{code, value, on}]`` on the record and
read by code; the list of codes, with their names and the rules that read them, is data.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Mapping

import attrs

from competency.io.datafiles import parse_yaml, structured
from competency.vocab import Text

__all__ = ["FactCode", "fact_codes"]


@attrs.frozen(kw_only=True)
class FactCode:
    """One code: its name, the dossier rules that read it, and where its wording comes from."""

    code: str
    name: Text
    rules: tuple[str, ...] = ()
    source: str | None = None


@attrs.frozen(kw_only=True)
class _FactFile:
    facts: tuple[FactCode, ...]


@functools.cache
def fact_codes() -> Mapping[str, FactCode]:
    """Code → entry, in file order."""
    source = "data/facts.yaml"
    text = (importlib.resources.files("competency") / "data" / "facts.yaml").read_text("utf-8")
    table: _FactFile = structured(parse_yaml(text, source), _FactFile, source)
    return {entry.code: entry for entry in table.facts}
