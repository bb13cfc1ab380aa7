"""Rendering evaluations for people and machines: JSON-ready dicts and indented text.

Reports show an official's id, never names or ID numbers.
"""

from __future__ import annotations

from typing import Any

from competency.law import LegalReference
from competency.rules.evaluate import Evaluation
from competency.standards.evaluate import StandardResult

__all__ = ["RESULT_HEADERS_VI", "evaluation_dict", "explain_lines", "result_dict", "result_row",
           "result_row_vi"]

_MARK = {"met": "✓", "unmet": "✗", "unknown": "?"}


def _cite(citations: tuple[LegalReference, ...]) -> str:
    return "; ".join(c.cite() for c in citations)


def evaluation_dict(ev: Evaluation) -> dict[str, Any]:
    """The evaluation tree as JSON-ready data."""
    data: dict[str, Any] = {"rule": ev.rule_id, "outcome": ev.outcome.code}
    if ev.required is not None:
        data["required"] = {"vi": ev.required.vi, "en": ev.required.en}
    if ev.found is not None:
        data["found"] = {"vi": ev.found.vi, "en": ev.found.en}
    data["message"] = {"vi": ev.message("vi"), "en": ev.message("en")}
    data["citation"] = _cite(ev.citations)
    if ev.needs_check:
        data["needs_check"] = True
    if ev.due is not None:
        data["due"] = ev.due.isoformat()
        data["provision"] = ev.provision
    if ev.children:
        data["children"] = [evaluation_dict(c) for c in ev.children]
    return data


def result_dict(result: StandardResult, *, explain: bool = False) -> dict[str, Any]:
    """One check result as JSON-ready data; ``explain`` adds the whole tree."""
    standard = result.standard
    data: dict[str, Any] = {
        "official_id": result.official_id,
        "title": result.title,
        "on": result.on.isoformat(),
        "standard": standard.id,
        "instrument": _cite(standard.legal_basis),
        "confidence": standard.confidence.value,
        "outcome": result.outcome.code,
        "due": result.due.isoformat() if result.due else None,
        "provision": result.provision.id if result.provision else None,
        "failing": [{"rule": ev.rule_id, "outcome": ev.outcome.code,
                     "vi": ev.message("vi"), "en": ev.message("en")}
                    for ev in result.failing()],
    }
    if not result.in_force:
        data["in_force"] = False
    if explain:
        data["explanation"] = evaluation_dict(result.evaluation)
    return data


def result_row(result: StandardResult) -> dict[str, str]:
    """One flat row for CSV and tables."""
    return {
        "official_id": result.official_id,
        "title": result.title or "",
        "standard": result.standard.id,
        "instrument": result.standard.legal_basis[0].instrument,
        "outcome": result.outcome.code,
        "due": result.due.isoformat() if result.due else "",
        "failing": " | ".join(ev.rule_id for ev in result.failing()),
    }


RESULT_HEADERS_VI = ("Mã hồ sơ", "Chức danh", "Tiêu chuẩn", "Văn bản", "Độ tin cậy", "Ngày xét",
                     "Kết quả", "Thời hạn đáp ứng", "Yêu cầu chưa đạt", "Giải thích")
"""Column headers of the check results in a workbook, in Vietnamese."""


def result_row_vi(result: StandardResult) -> list[str]:
    """One row of :data:`RESULT_HEADERS_VI`: labels and explanations in Vietnamese."""
    failing = result.failing()
    return [result.official_id, result.title or "", result.standard.id,
            result.standard.legal_basis[0].cite(), result.standard.confidence.value,
            result.on.isoformat(), result.outcome.vi,
            result.due.isoformat() if result.due else "",
            ", ".join(ev.rule_id for ev in failing),
            "\n".join(ev.message("vi") for ev in failing)]


def explain_lines(ev: Evaluation, lang: str = "vi", depth: int = 0) -> list[str]:
    """The evaluation tree as indented lines, one requirement a line."""
    mark = _MARK[ev.outcome.code]
    lines = [f"{'  ' * depth}{mark} [{ev.rule_id}] {ev.message(lang, cite=ev.cited_here)}"]
    for child in ev.children:
        lines.extend(explain_lines(child, lang, depth + 1))
    return lines
