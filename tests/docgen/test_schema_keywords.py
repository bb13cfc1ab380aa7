"""The README and the JSON Schemas guide tell Ajv (strict mode) every ``x-`` keyword the
generated schemas use, and no other."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


def _keywords(node: object) -> set[str]:
    """The ``x-`` keywords of a schema, at any depth (keys of ``properties`` are field names)."""
    if isinstance(node, list):
        return set().union(*map(_keywords, node)) if node else set()
    if not isinstance(node, dict):
        return set()
    found = {k for k in node if k.startswith("x-")}
    for key, value in node.items():
        if key in ("properties", "$defs") and isinstance(value, dict):
            found |= set().union(*map(_keywords, value.values())) if value else set()
        elif not key.startswith("x-"):
            found |= _keywords(value)
    return found


@pytest.mark.parametrize("page", ["README.md", "docs/guides/json-schemas.md"])
def test_ajv_vocabulary_lists_every_x_keyword(page):
    used = set().union(*(_keywords(json.loads(p.read_text("utf-8")))
                         for p in (ROOT / "schemas").glob("*.schema.json")))
    assert used, "the generated schemas carry documentation keywords"
    [listed] = re.findall(r"addVocabulary\(\[([^\]]*)\]\)", (ROOT / page).read_text("utf-8"))
    assert set(re.findall(r'"([^"]+)"', listed)) == used
