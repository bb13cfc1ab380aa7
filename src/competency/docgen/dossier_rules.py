"""The dossier's 56 encodable rules, each marked encoded (where) or not (why): a generated page.

The inventory is data (``data/dossier/rules.yaml``); :func:`missing_places` says which of the
places it names do not exist, so the page cannot point at a node that was renamed or removed.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Mapping
from typing import Any

import competency.vocab as vocab
from competency.docgen._md import GENERATED, code, esc, heading, table
from competency.docgen.standards import page_name
from competency.io.safe_yaml import load_yaml
from competency.rules.nodes import walk
from competency.selection import builtin_schemes
from competency.standards.catalogue import Catalog
from competency.targets import builtin_target_sets

__all__ = ["dossier_rules", "dossier_rules_page", "missing_places"]

_STATUS = {"encoded": "đã mã hóa · encoded", "partly": "một phần · partly",
           "not-encoded": "chưa mã hóa · not encoded"}


def dossier_rules() -> list[dict[str, Any]]:
    """The inventory, in rule order."""
    text = (importlib.resources.files("competency") / "data" / "dossier" / "rules.yaml"
            ).read_text(encoding="utf-8")
    return list(load_yaml(text)["rules"])


def _node_ids(tree: Any) -> set[str]:
    return {node.id for node in walk(tree)}


def _exists(place: Mapping[str, str], catalog: Catalog) -> bool:
    node = place.get("node")
    if "standard" in place:
        standard = catalog.standards.get(place["standard"])
        if standard is None:
            return False
        conditions = [p.applies_when.condition for p in standard.transitional
                      if p.applies_when.condition is not None]
        known = _node_ids(standard.requirements).union(*map(_node_ids, conditions)) | {
            f"transitional:{p.id}" for p in standard.transitional}
        return node is None or node in known
    if "scheme" in place:
        scheme = builtin_schemes().get(place["scheme"])
        return scheme is not None and (node is None or any(
            node in _node_ids(r.eligibility) for r in scheme.regimes))
    if "target_set" in place:
        target_set = builtin_target_sets().get(place["target_set"])
        return target_set is not None and (node is None or any(
            node == i.id for i in target_set.indicators))
    if "table" in place:
        folder = importlib.resources.files("competency") / "data"
        name = place["table"]
        return (folder / f"{name}.yaml").is_file() or (folder / "tables" / f"{name}.yaml").is_file()
    if "vocabulary" in place:
        return isinstance(getattr(vocab, place["vocabulary"], None), type)
    return "titles" in place


def missing_places(catalog: Catalog | None = None) -> list[str]:
    """``rule: place`` for every place the inventory names that the data does not hold."""
    catalog = catalog or Catalog.builtin()
    return [f"{rule['rule']}: {place}" for rule in dossier_rules()
            for place in rule.get("where", ()) if not _exists(place, catalog)]


def _place(place: Mapping[str, str]) -> str:
    node = f" › {code(place['node'])}" if "node" in place else ""
    if "standard" in place:
        return f"[{code(place['standard'])}](standards/{page_name(place['standard'])}){node}"
    for kind in ("scheme", "target_set", "table", "vocabulary", "titles"):
        if kind in place:
            return f"{kind.replace('_', ' ')} {code(place[kind])}{node}"
    return ""


def dossier_rules_page() -> str:
    """The page: a count by status, then one row per rule."""
    rules = dossier_rules()
    counts = {status: sum(r["status"] == status for r in rules) for status in _STATUS}
    lines = [GENERATED, heading(1, "Quy tắc của hồ sơ pháp lý · The dossier's rules"), "",
             (f"Hồ sơ nghiên cứu pháp lý liệt kê {len(rules)} quy tắc có thể mã hóa. Mỗi dòng cho "
              "biết quy tắc đã được mã hóa ở đâu (tiêu chuẩn › yêu cầu, bảng, danh mục, bộ chỉ "
              "tiêu, chương trình tuyển chọn), hoặc vì sao chưa. *The legal research dossier lists "
              f"{len(rules)} encodable rules. Each row says where a rule is encoded (standard › "
              "requirement, table, vocabulary, target set, selection scheme), or why it is not.*"),
             "", "- " + "; ".join(f"{_STATUS[s]}: {n}" for s, n in counts.items()), ""]
    rows = [[r["rule"], esc(r["summary"]), _STATUS[r["status"]],
             "<br>".join(_place(p) for p in r.get("where", ())) or "—",
             esc(" ".join(x for x in (r.get("note", ""), r.get("why", "")) if x)) or "—",
             r["confidence"]] for r in rules]
    lines += table(["Quy tắc · Rule", "Nội dung · Content", "Trạng thái · Status",
                    "Mã hóa ở · Where", "Ghi chú, lý do · Note, why", "Độ tin cậy · Confidence"],
                   rows)
    return "\n".join(lines) + "\n"
