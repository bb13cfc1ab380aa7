"""One page per standard: who it applies to, when, under which instrument, what it requires."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from competency.docgen._md import (
    GENERATED,
    admonition,
    both,
    code,
    date,
    esc,
    heading,
    mark,
    marked_confidence,
    reference_cite,
    table,
    term,
)
from competency.docgen.cases import Case, examples_lines
from competency.docgen.citations import legal_basis_lines
from competency.docgen.tree import inline, tree_lines
from competency.errors import UnknownTermError
from competency.law import Confidence
from competency.rules import nodes as n
from competency.standards.model import AppliesTo, Standard, Transitional
from competency.vocab import Rank

__all__ = ["page_name", "period", "standard_page"]

_NOTICES = {
    Confidence.NEEDS_CHECK: (
        ("Một phần dữ liệu của tiêu chuẩn này lấy từ nguồn thứ cấp, bản dịch hoặc trí nhớ; "
         "mọi giải thích dùng đến nó được đánh dấu cần kiểm tra."),
        ("Part of this standard comes from a secondary source, a translation or memory; every "
         "explanation that uses it is flagged needs-check.")),
    Confidence.DRAFT: ("Tiêu chuẩn dự thảo: không áp dụng trừ khi được yêu cầu rõ.",
                       "A draft: never applied unless drafts are asked for."),
    Confidence.ILLUSTRATIVE: ("Ví dụ do dự án xây dựng, không phải văn bản chính thức.",
                              "An example built by this project, not an official text."),
}


def page_name(standard_id: str) -> str:
    """File name of a standard's page inside ``standards/``."""
    return f"{standard_id}.md"


_OPEN = {"start": ("chưa rõ", "unknown"), "end": ("còn hiệu lực", "in force")}


def period(standard: Standard, lang: str | None = None) -> str:
    """``2019-12-25 → 2023-07-31``; an unknown start is ``?``, an open end ``…``, explained
    in both languages, or in ``lang`` when given."""
    def note(which: str) -> str:
        vi, en = _OPEN[which]
        return f"{vi} · {en}" if lang is None else vi if lang == "vi" else en
    start = date(standard.valid_from, f"? ({note('start')})")
    end = date(standard.valid_until, f"… ({note('end')})")
    return f"{start} → {end}"


def _titles(codes: Sequence[str], titles: Mapping[str, Mapping[str, object]]) -> str:
    items = []
    for value in codes:
        name = titles.get(value, {}).get("name")
        if isinstance(name, Mapping):
            items.append(f"{code(value)} {both(str(name['vi']), str(name['en']))}")
        else:
            items.append(code(value))
    return "<br>".join(items)


def _ranks(codes: Sequence[str]) -> str:
    items = []
    for value in codes:
        try:
            items.append(term(Rank.parse(value)))
        except UnknownTermError:
            items.append(code(value))
    return ", ".join(items)


def _applies_to(applies: AppliesTo,
                titles: Mapping[str, Mapping[str, object]]) -> list[list[str]]:
    rows = []
    if applies.categories:
        rows.append(["Đối tượng · Category", ", ".join(term(c) for c in applies.categories)])
    if applies.levels:
        rows.append(["Cấp · Level", ", ".join(term(lv) for lv in applies.levels)])
    if applies.titles:
        rows.append(["Chức danh · Titles", _titles(applies.titles, titles)])
    if applies.ranks:
        rows.append(["Ngạch · Ranks", _ranks(applies.ranks)])
    if applies.provinces:
        rows.append(["Tỉnh · Provinces", ", ".join(code(p) for p in applies.provinces)])
    if not rows:
        rows.append(["Phạm vi · Scope", "mọi cán bộ, công chức, viên chức · anyone"])
    return rows


def _links(ids: Sequence[str], known: Mapping[str, Standard]) -> str:
    if not ids:
        return "—"
    return ", ".join(f"[{code(i)}]({page_name(i)})" if i in known else code(i) for i in ids)


def _transitional(provisions: Sequence[Transitional]) -> list[str]:
    rows = []
    for p in provisions:
        who = []
        if p.applies_when.recruited_before:
            who.append(f"tuyển dụng trước · recruited before {p.applies_when.recruited_before}")
        if p.applies_when.appointed_before:
            who.append(f"bổ nhiệm trước · appointed before {p.applies_when.appointed_before}")
        if p.applies_when.condition is not None:
            who.append(f"và · and: {inline(p.applies_when.condition)}")
        title = both(p.title.vi, p.title.en) if p.title else "—"
        rows.append([code(p.id), title, "<br>".join(who) or "—",
                     ", ".join(code(r) for r in p.rules), f"**{p.due.isoformat()}**",
                     "<br>".join(reference_cite(ref) for ref in p.legal_basis)])
    return table(["Mã · Id", "Nội dung · Provision", "Đối tượng · Who", "Yêu cầu · Rules",
                  "Hạn · Due", "Căn cứ · Basis"], rows)


def standard_page(standard: Standard, *, catalog: Mapping[str, Standard], source: str,
                  cases: Sequence[Case], titles: Mapping[str, Mapping[str, object]]) -> str:
    """The Markdown page of one standard."""
    s = standard
    superseded_by = sorted(other.id for other in catalog.values() if s.id in other.supersedes)
    lines = [heading(1, esc(s.title.vi)), "", f"*{esc(s.title.en)}*", "", GENERATED, ""]
    if s.confidence in _NOTICES:
        lines += admonition(s.confidence, *_NOTICES[s.confidence])
    lines += table(["", ""], [
        ["Mã · Id", code(s.id)],
        ["Nhóm đối tượng · Subject", f"[{code(s.subject)}](index.md#{s.subject})"],
        ["Hiệu lực · In force", period(s)],
        ["Độ tin cậy · Confidence", marked_confidence(s.confidence)],
        ["Văn bản · Instruments", "<br>".join(reference_cite(ref) for ref in s.legal_basis)],
        ["Thay thế · Supersedes", _links(s.supersedes, catalog)],
        ["Bị thay thế bởi · Superseded by", _links(superseded_by, catalog)],
        ["Tệp dữ liệu · Data file", code(source)],
    ])
    lines += ["", heading(2, "Phạm vi áp dụng · Applies to"), ""]
    lines += table(["", ""], _applies_to(s.applies_to, titles))
    if s.note:
        lines += ["", heading(2, "Ghi chú · Note"), "", esc(s.note.vi), "", f"*{esc(s.note.en)}*"]
    lines += ["", heading(2, "Căn cứ pháp lý · Legal basis"), ""]
    lines += legal_basis_lines(s.legal_basis)
    lines += ["", heading(2, "Yêu cầu · Requirements"), "",
              ("Mỗi yêu cầu: tên, điều kiện được mã hóa (in nghiêng), mã yêu cầu, căn cứ riêng. "
               "*Each requirement: its name, what the data encodes (in italics), its id and its "
               "own citation.*"), "", heading(3, "Tiếng Việt"), ""]
    lines += tree_lines(s.requirements, "vi")
    lines += ["", heading(3, "English"), ""]
    lines += tree_lines(s.requirements, "en")
    if s.transitional:
        lines += ["", heading(2, "Quy định chuyển tiếp · Transitional provisions"), "",
                  ("Yêu cầu được nêu vẫn là *chưa đạt* nhưng kèm hạn phải đáp ứng. "
                   "*The rules named stay unmet but carry the deadline.*"), ""]
        lines += _transitional(s.transitional)
    lines += ["", heading(2, "Ví dụ · Worked examples"), ""]
    if cases:
        lines += [(f"Các tình huống kiểm thử trong `tests/standards/cases/{s.id}.yaml`, kết quả lấy từ văn "
                  f"bản pháp luật. *The test cases of this standard; the expected outcomes are "
                  f"taken from the legal text.*"), ""]
        lines += examples_lines(cases)
    else:
        lines.append("Chưa có ví dụ · No worked examples.")
    flagged = [node for node in n.walk(s.requirements) if node.confidence is not None
               and node.confidence is not Confidence.CONFIRMED]
    if flagged:
        lines += ["", "Yêu cầu cần kiểm tra · Requirements flagged: "
                  + ", ".join(f"{code(node.id)} {mark(node.confidence)}" for node in flagged)]
    return "\n".join(lines) + "\n"
