"""The generated documentation: the standards catalogue and the schema reference as Markdown.

Every page is generated from the data (standards, tables, vocabularies, cases, schema
files), never written by hand, and is bilingual: Vietnamese first, English beside it.
``competency docs`` writes the pages into ``docs/reference/``; ``--check`` fails when the
committed pages differ from a fresh generation.
"""

from __future__ import annotations

from competency.docgen.cases import default_cases_dir
from competency.docgen.files import Drift, drift, write_pages
from competency.docgen.pages import generate

__all__ = ["Drift", "default_cases_dir", "drift", "generate", "write_pages"]
