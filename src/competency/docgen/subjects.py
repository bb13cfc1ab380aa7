"""The index of standards by subject, each subject with its timeline (``Catalog.history``)."""

from __future__ import annotations

from competency.docgen._md import (
    GENERATED,
    code,
    esc,
    heading,
    marked_confidence,
    reference_cite,
    table,
)
from competency.docgen.history import history
from competency.docgen.standards import page_name, period
from competency.standards.catalogue import Catalog
from competency.standards.model import Standard

__all__ = ["index_page", "timeline"]


def _start(standard: Standard) -> str:
    """The day a standard took effect, or the year of its instrument when the day is unknown."""
    if standard.valid_from is not None:
        return standard.valid_from.isoformat()
    days = [d for ref in standard.legal_basis for d in (ref.effective, ref.issued) if d]
    year = f"{min(days).year} " if days else ""
    return f"{year}(ngày chưa rõ · date unknown)"


def timeline(history: list[Standard]) -> str:
    """``2012 (date unknown) → 2019-12-25 → 2023-08-01 → 2025-07-01``, with an end if it ended."""
    text = " → ".join(_start(s) for s in history)
    last = history[-1]
    if last.valid_until is not None:
        text += f" → hết hiệu lực · ended after {last.valid_until.isoformat()}"
    return text


def index_page(catalog: Catalog) -> str:
    """``standards/index.md``: every subject, its timeline and its standards in order."""
    lines = [heading(1, "Danh mục tiêu chuẩn · Standards catalogue"), "", GENERATED, "",
             ("Mỗi nhóm đối tượng (*subject*) là một chuỗi tiêu chuẩn thay thế nhau theo thời "
              "gian; dòng thời gian cho biết ngày mỗi tiêu chuẩn bắt đầu áp dụng."),
             "",
             ("*Each subject is a chain of standards that replace each other over time; the "
              "timeline gives the day each one took effect.*"), ""]
    summary = [[f"[{code(subject)}](#{subject})", str(len(catalog.history(subject))),
                esc(catalog.history(subject)[-1].title.vi)] for subject in catalog.subjects()]
    lines += table(["Nhóm · Subject", "Số tiêu chuẩn · Standards", "Tiêu chuẩn mới nhất · Latest"],
                   summary)
    for subject in catalog.subjects():
        history = catalog.history(subject)
        latest = history[-1]
        lines += ["", heading(2, code(subject), anchor=subject), "",
                  f"{esc(latest.title.vi)} · *{esc(latest.title.en)}*", "",
                  f"**Dòng thời gian · Timeline:** {timeline(history)}", ""]
        rows = [[period(s), f"[{esc(s.title.vi)}]({page_name(s.id)})<br>*{esc(s.title.en)}*",
                 "<br>".join(reference_cite(ref) for ref in s.legal_basis),
                 marked_confidence(s.confidence)] for s in history]
        lines += table(["Hiệu lực · In force", "Tiêu chuẩn · Standard", "Văn bản · Instruments",
                        "Độ tin cậy · Confidence"], rows)
        if len(history) > 1:
            lines += ["", "**Thay đổi · What changed** (`competency standards history "
                      f"{subject}`):", "", *_changes(catalog, subject)]
    return "\n".join(lines) + "\n"


def _changes(catalog: Catalog, subject: str) -> list[str]:
    """One bullet per standard after the first: its requirements added, removed, reworded."""
    lines = []
    for vi, en in list(zip(history(catalog, subject, "vi"), history(catalog, subject, "en"),
                           strict=True))[1:]:
        items = ([f"thêm · added {code(r)}: {t} · *{e}*"
                  for (r, t), (_, e) in zip(vi.added, en.added, strict=True)] +
                 [f"bỏ · removed {code(r)}: {t} · *{e}*"
                  for (r, t), (_, e) in zip(vi.removed, en.removed, strict=True)] +
                 [f"đổi · reworded {code(r)}: {old} → {new} · *{new_en}*"
                  for (r, old, new), (_, _, new_en) in zip(vi.reworded, en.reworded, strict=True)])
        lines.append(f"- {_start(vi.standard)} {code(vi.standard.id)}: "
                     + ("; ".join(items) if items else "không đổi yêu cầu · requirements unchanged"))
    return lines
