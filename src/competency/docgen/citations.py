"""Citations as a table (instrument, kind, issuer, dates, confidence, link), then their notes."""

from __future__ import annotations

from collections.abc import Sequence

from competency.docgen._md import code, date, esc, marked_confidence, reference_cite, table, url
from competency.law import LegalReference

__all__ = ["legal_basis_lines"]


def legal_basis_lines(refs: Sequence[LegalReference]) -> list[str]:
    """Citations as a table, then their notes."""
    rows = []
    for ref in refs:
        link = f"[nguồn · source]({url(ref.url)})" if ref.url else "—"
        kind = code(ref.kind.value) if ref.kind else "—"
        rows.append([reference_cite(ref), kind, esc(ref.issuer or "—"), date(ref.issued, "—"),
                     date(ref.effective, "—"), marked_confidence(ref.confidence), link])
    lines = table(["Văn bản · Instrument", "Loại · Kind", "Cơ quan · Issuer",
                   "Ban hành · Issued", "Hiệu lực · Effective", "Độ tin cậy · Confidence",
                   "Liên kết · Link"], rows)
    notes = [ref for ref in refs if ref.title or ref.note]
    if notes:
        lines.append("")
    for ref in notes:
        parts = [f"*{esc(ref.title)}*" if ref.title else "", esc(ref.note) if ref.note else ""]
        lines.append(f"- {esc(ref.instrument)}: " + ". ".join(p for p in parts if p))
    return lines
