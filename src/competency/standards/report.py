"""Rendering evaluations for people and machines: JSON-ready dicts and indented text.

Reports show an official's id, never names or ID numbers.
"""

from __future__ import annotations

from typing import Any

from competency.io.titles import title_names
from competency.law import LegalReference
from competency.rules.evaluate import Evaluation
from competency.standards.evaluate import StandardResult
from competency.standards.model import AppliesTo, Standard

__all__ = ["RESULT_CSV_COLUMNS", "RESULT_HEADERS_VI", "evaluation_dict", "event_line", "event_text",
           "explain_lines", "result_dict", "result_row", "result_row_vi", "subjects_text"]

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
        "event": result.event.code,
        "tested_on": result.tested_on.isoformat() if result.tested_on else None,
        "next_test": result.next_test.isoformat() if result.next_test else None,
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


RESULT_CSV_COLUMNS = ("official_id", "title", "standard", "instrument", "outcome", "due",
                      "provision", "failing", "tested_on")
"""The columns of ``check --format csv``, whichever engine writes it."""


def result_row(result: StandardResult) -> dict[str, str]:
    """One flat row of :data:`RESULT_CSV_COLUMNS`: the fields of :func:`result_dict`, the
    failing rules by id."""
    return {
        "official_id": result.official_id,
        "title": result.title or "",
        "standard": result.standard.id,
        "instrument": _cite(result.standard.legal_basis),
        "outcome": result.outcome.code,
        "due": result.due.isoformat() if result.due else "",
        "provision": result.provision.id if result.provision else "",
        "failing": " | ".join(ev.rule_id for ev in result.failing()),
        "tested_on": result.tested_on.isoformat() if result.tested_on else "",
    }


RESULT_HEADERS_VI = ("Mã hồ sơ", "Mã chức danh", "Chức danh", "Mã tiêu chuẩn", "Tiêu chuẩn",
                     "Văn bản", "Độ tin cậy", "Ngày xét", "Sự kiện được xét", "Ngày sự kiện",
                     "Kết quả", "Thời hạn đáp ứng", "Mã yêu cầu chưa đạt", "Giải thích")
"""Column headers of the check results in a workbook, in Vietnamese; codes in "Mã …" columns."""


def result_row_vi(result: StandardResult) -> list[Any]:
    """One row of :data:`RESULT_HEADERS_VI`: Vietnamese labels beside the codes, typed dates."""
    failing = result.failing()
    standard = result.standard
    return [result.official_id, result.title or "",
            title_names().get(result.title, "") if result.title else "",
            standard.id, standard.title.vi, standard.legal_basis[0].cite("vi"),
            standard.confidence.label("vi"), result.on, result.event.label("vi"),
            result.tested_on, result.outcome.vi, result.due,
            ", ".join(ev.rule_id for ev in failing),
            "\n".join(ev.message("vi") for ev in failing)]


def explain_lines(ev: Evaluation, lang: str = "vi", depth: int = 0) -> list[str]:
    """The evaluation tree as indented lines, one requirement a line."""
    mark = _MARK[ev.outcome.code]
    lines = [f"{'  ' * depth}{mark} [{ev.rule_id}] {ev.message(lang, cite=ev.cited_here)}"]
    for child in ev.children:
        lines.extend(explain_lines(child, lang, depth + 1))
    return lines


def subjects_text(applies_to: AppliesTo, lang: str = "vi") -> str:
    """Who a standard governs, one line per selector key: category, level, regime, titles, ranks."""
    vi = lang == "vi"
    parts = []
    for terms in (applies_to.categories, applies_to.levels, applies_to.regimes):
        if terms:
            parts.append(", ".join(term.label(lang) for term in terms))
    for label, codes in ((("chức danh", "titles"), applies_to.titles),
                         (("ngạch", "ranks"), applies_to.ranks),
                         (("tỉnh", "provinces"), applies_to.provinces)):
        if codes:
            parts.append(f"{label[0] if vi else label[1]}: {', '.join(codes)}")
    return "\n".join(parts) or ("mọi người" if vi else "everyone")


def event_text(standard: Standard, lang: str = "vi") -> str:
    """When a standard tests a person, with the term after which it tests again."""
    text = standard.event.label(lang)
    term = standard.tested_at.term if standard.tested_at else None
    if term is not None:
        text += f" ({'nhiệm kỳ' if lang == 'vi' else 'term'} {term.years} {'năm' if lang == 'vi' else 'years'})"
    return text


def event_line(result: StandardResult, lang: str = "vi") -> str | None:
    """Which event was tested, on which day, why, and when the next test falls; None for a
    standard tested continuously."""
    standard = result.standard
    if standard.tested_at is None:
        return None
    vi = lang == "vi"
    day = result.tested_on.isoformat() if result.tested_on else ("chưa rõ" if vi else "unknown")
    text = (f"{'Xét' if vi else 'Tested'}: {standard.event.label(lang).lower()}, "
            f"{'ngày' if vi else 'on'} {day}")
    if result.next_test is not None:
        text += f"; {'xét lại ngày' if vi else 'next test on'} {result.next_test.isoformat()}"
    return f"{text} — {_cite(standard.tested_at.legal_basis)}"
