"""Every generated page, as relative path → Markdown text, from the data alone.

The output depends only on the catalogue, the cases and the schema files: sorted, no
timestamps, so a fresh generation can be compared with the committed pages.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path
from typing import Any

from competency.docgen._md import GENERATED, code, heading, mark, table
from competency.docgen.cases import default_cases_dir, load_cases
from competency.docgen.dossier_rules import dossier_rules_page
from competency.docgen.lookup_tables import tables_page
from competency.docgen.schema_reference import (
    default_schemas_dir,
    load_schemas,
    schema_index_page,
    schema_page,
)
from competency.docgen.standards import page_name, standard_page
from competency.docgen.subjects import index_page
from competency.docgen.vocabularies import vocabularies_page
from competency.io.safe_yaml import load_yaml
from competency.law import Confidence
from competency.standards.catalogue import Catalog

__all__ = ["generate", "reference_index_page"]


def _titles() -> dict[str, dict[str, Any]]:
    """Post and title codes (``data/titles.yaml``) with their names, by code."""
    text = (importlib.resources.files("competency") / "data" / "titles.yaml").read_text("utf-8")
    return {str(entry["code"]): entry for entry in load_yaml(text)["titles"]}


def _source(source: str) -> str:
    """Where a standard came from, independent of the machine (overlays by file name)."""
    return f"src/competency/{source}" if source.startswith("data/") else Path(source).name


def reference_index_page(catalog: Catalog, schema_kinds: list[str]) -> str:
    """``index.md`` of the reference: what is here and what the confidence flags mean."""
    legend = [[code(Confidence.CONFIRMED.value), "—",
               "Đã xác nhận từ văn bản · confirmed from the text"],
              [code(Confidence.NEEDS_CHECK.value), mark(Confidence.NEEDS_CHECK),
               ("Từ nguồn thứ cấp, bản dịch hoặc trí nhớ; hiện trong mọi giải thích dùng đến · "
                "from a secondary source, a translation or memory; shown in every explanation "
                "that uses it")],
              [code(Confidence.DRAFT.value), mark(Confidence.DRAFT),
               "Dự thảo, chỉ áp dụng khi được yêu cầu · draft, applied only when asked for"],
              [code(Confidence.ILLUSTRATIVE.value), mark(Confidence.ILLUSTRATIVE),
               "Ví dụ, không phải văn bản chính thức · an example, not an official text"]]
    lines = [heading(1, "Tra cứu · Reference"), "", GENERATED, "",
             ("Các trang trong phần này được sinh từ dữ liệu của gói bằng lệnh `competency docs`; "
              "không sửa tay. *The pages in this section are generated from the package data by "
              "`competency docs`; do not edit them by hand.*"), "",
             (f"- [Danh mục tiêu chuẩn · Standards catalogue](standards/index.md): "
              f"{len(list(catalog))} tiêu chuẩn · standards, "
              f"{len(catalog.subjects())} nhóm · subjects"),
             "- [Danh mục mã · Vocabularies](vocabularies.md)",
             "- [Bảng tra cứu · Lookup tables](tables.md)",
             "- [Quy tắc của hồ sơ pháp lý · The dossier's rules](dossier-rules.md)",
             f"- [Lược đồ JSON · JSON Schemas](schemas/index.md): {len(schema_kinds)}", "",
             heading(2, "Độ tin cậy · Confidence", anchor="confidence"), ""]
    lines += table(["Giá trị · Value", "Dấu · Flag", "Ý nghĩa · Meaning"], legend)
    return "\n".join(lines) + "\n"


def generate(catalog: Catalog | None = None, *, cases_dir: Path | None = None,
             schemas_dir: Path | None = None, use_default_cases: bool = True) -> dict[str, str]:
    """Relative path → text of every reference page.

    ``cases_dir`` defaults to the repository's ``tests/standards/cases`` when the package runs from
    a source checkout (pass ``use_default_cases=False`` for none); ``schemas_dir`` to the
    schemas shipped in the package.
    """
    catalog = catalog or Catalog.builtin()
    if cases_dir is None and use_default_cases:
        cases_dir = default_cases_dir()
    cases = load_cases(cases_dir)
    schemas = load_schemas(schemas_dir or default_schemas_dir())
    known = dict(catalog.standards)
    title_codes = _titles()
    pages = {
        "index.md": reference_index_page(catalog, list(schemas)),
        "standards/index.md": index_page(catalog),
        "vocabularies.md": vocabularies_page(),
        "tables.md": tables_page(catalog.tables),
        "dossier-rules.md": dossier_rules_page(),
        "schemas/index.md": schema_index_page(schemas),
    }
    for standard in catalog:
        pages[f"standards/{page_name(standard.id)}"] = standard_page(
            standard, catalog=known, source=_source(catalog.sources[standard.id]),
            cases=cases.get(standard.id, []), titles=title_codes)
    for kind, document in schemas.items():
        pages[f"schemas/{kind}.md"] = schema_page(kind, document)
    return dict(sorted(pages.items()))
