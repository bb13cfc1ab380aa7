"""Names of the title codes that records carry (``data/titles.yaml``), for reports."""

from __future__ import annotations

import functools
import importlib.resources

from competency.io.datafiles import parse_yaml

__all__ = ["title_names"]


@functools.cache
def title_names() -> dict[str, str]:
    """Title code → Vietnamese name, from ``data/titles.yaml``."""
    text = (importlib.resources.files("competency") / "data" / "titles.yaml").read_text("utf-8")
    return {t["code"]: t["name"]["vi"] for t in parse_yaml(text, "data/titles.yaml")["titles"]}
