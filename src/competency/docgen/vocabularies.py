"""The controlled vocabularies (``competency.vocab.VOCABULARIES``) as tables."""

from __future__ import annotations

import inspect

from competency.docgen._md import GENERATED, code, esc, heading, table
from competency.vocab import VOCABULARIES, OrderedTerm, Term

__all__ = ["vocabularies_page", "vocabulary_lines"]


def vocabulary_lines(vocabulary: type[Term]) -> list[str]:
    """One vocabulary: its description and a table of codes, labels and order."""
    ordered = issubclass(vocabulary, OrderedTerm)
    doc = " ".join((inspect.getdoc(vocabulary) or "").split())
    lines = [heading(2, code(vocabulary.__name__), anchor=vocabulary.__name__.lower()), "",
             esc(doc), ""]
    if ordered:
        lines += ["Thứ tự chính thức, thấp nhất trước · *Official order, lowest first.*", ""]
    rows = [[str(member.order) if ordered else "—", code(member.code), esc(member.vi),
             esc(member.en), ", ".join(code(a) for a in member.aliases) or "—"]
            for member in vocabulary]
    lines += table(["Thứ tự · Order", "Mã · Code", "Tiếng Việt", "English",
                    "Cách viết khác · Other spellings"], rows)
    return lines


def vocabularies_page() -> str:
    """``vocabularies.md``: every vocabulary, in the order of ``VOCABULARIES``."""
    lines = [heading(1, "Danh mục mã · Vocabularies"), "", GENERATED, "",
             ("Hồ sơ và tệp dữ liệu ghi **mã**; nhãn tiếng Việt và tiếng Anh lấy từ đây. Khi đọc "
              "bảng tính, mã, nhãn hoặc cách viết khác đều được chấp nhận, không phân biệt dấu "
              "và chữ hoa."), "",
             ("*Records and data files hold the **code**; the Vietnamese and English labels come "
              "from here. Spreadsheet cells may hold the code, either label or another spelling, "
              "accents and case ignored.*"), ""]
    lines += table(["Danh mục · Vocabulary", "Số mã · Codes"],
                   [[f"[{code(v.__name__)}](#{v.__name__.lower()})", str(len(v))]
                    for v in VOCABULARIES])
    for vocabulary in VOCABULARIES:
        lines += [""] + vocabulary_lines(vocabulary)
    return "\n".join(lines) + "\n"
