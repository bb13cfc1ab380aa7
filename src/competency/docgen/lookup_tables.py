"""The lookup tables the rules read, with their citations and confidence."""

from __future__ import annotations

from competency.docgen._md import (
    GENERATED,
    admonition,
    code,
    esc,
    heading,
    marked_confidence,
    table,
    term,
)
from competency.docgen.citations import legal_basis_lines
from competency.law import Confidence, LegalReference
from competency.rules.tables import Tables
from competency.vocab import Text

__all__ = ["tables_page"]


def _header(title_vi: str, title_en: str, anchor: str, confidence: Confidence,
            refs: tuple[LegalReference, ...], note: Text | None, data_file: str) -> list[str]:
    lines = [heading(2, f"{esc(title_vi)} · {esc(title_en)}", anchor=anchor), "",
             (f"Độ tin cậy · Confidence: {marked_confidence(confidence)} — "
              f"tệp · file {code(data_file)}"), ""]
    lines += admonition(confidence, "Bảng này chưa được xác nhận đầy đủ từ văn bản chính thức; "
                        "xem ghi chú và căn cứ bên dưới.",
                        "This table is not fully confirmed from an official text; see the note "
                        "and citations below.")
    if note:
        lines += [esc(note.vi), "", f"*{esc(note.en)}*", ""]
    lines += [heading(3, "Căn cứ pháp lý · Legal basis"), ""]
    return lines + legal_basis_lines(refs) + [""]


def _retirement(tables: Tables) -> list[str]:
    t = tables.retirement
    lines = _header("Tuổi nghỉ hưu", "Retirement age", "retirement-age", t.confidence,
                    t.legal_basis, t.note, "src/competency/data/tables/retirement-age.yaml")
    rows = [[term(r.gender, with_code=False), r.born_from.isoformat() if r.born_from else "…",
             r.born_until.isoformat() if r.born_until else "…",
             f"{r.years} năm · years {r.months} tháng · months"] for r in t.schedule]
    return lines + [heading(3, "Lộ trình · Schedule"), ""] + table(
        ["Giới tính · Gender", "Sinh từ · Born from", "Sinh đến · Born until",
         "Tuổi nghỉ hưu · Retirement age"], rows)


def _political(tables: Tables) -> list[str]:
    t = tables.political_theory
    lines = _header("Tương đương lý luận chính trị", "Political-theory equivalences",
                    "political-theory", t.confidence, t.legal_basis, t.note,
                    "src/competency/data/tables/political-theory.yaml")
    rows = [[term(e.diploma), term(e.level)] for e in t.equivalences]
    return lines + [heading(3, "Bảng tương đương · Equivalences"), ""] + table(
        ["Văn bằng · Diploma", "Được tính là · Counts as"], rows)


def _languages(tables: Tables) -> list[str]:
    t = tables.languages
    lines = _header("Quy đổi chứng chỉ ngoại ngữ", "Language certificates", "language-certificates",
                    t.confidence, t.legal_basis, t.note,
                    "src/competency/data/tables/language-certificates.yaml")
    rows = [[esc(scale.name), f"{threshold.min_score:g}", term(threshold.level)]
            for scale in t.certificates for threshold in scale.thresholds]
    return lines + [heading(3, "Ngưỡng điểm · Score thresholds"), "",
                    ("Chứng chỉ được tính ở bậc cao nhất mà điểm đạt ngưỡng. "
                     "*A certificate counts at the highest level whose minimum score it reaches.*"),
                    ""] + table(["Chứng chỉ · Certificate", "Điểm tối thiểu · Minimum score",
                                 "Bậc · Level"], rows)


def _term_periods(tables: Tables) -> list[str]:
    t = tables.term_periods
    refs = tuple(ref for period in t.periods for ref in period.legal_basis)
    lines = _header("Thời kỳ tồn tại của cấp hành chính, ngạch", "When levels and ranks exist",
                    "term-periods", t.confidence, refs, None,
                    "src/competency/data/tables/term-periods.yaml")
    rows = [[esc(p.vocabulary), code(p.code), p.valid_from.isoformat() if p.valid_from else "…",
             p.valid_until.isoformat() if p.valid_until else "…",
             esc(p.note.vi) + " · *" + esc(p.note.en) + "*" if p.note else ""] for p in t.periods]
    return lines + [heading(3, "Thời kỳ · Periods"), ""] + table(
        ["Danh mục · Vocabulary", "Mã · Code", "Từ · From", "Đến · Until", "Ghi chú · Note"], rows)


def tables_page(tables: Tables) -> str:
    """``tables.md``: retirement ages, political-theory equivalences, language certificates,
    and when administrative levels and ranks exist."""
    lines = [heading(1, "Bảng tra cứu · Lookup tables"), "", GENERATED, "",
             ("Các quy tắc đọc các bảng này; mỗi bảng là dữ liệu có căn cứ pháp lý và độ tin cậy. "
              "*The rules read these tables; each is data with its citations and confidence.*"), ""]
    for part in (_retirement, _political, _languages, _term_periods):
        lines += part(tables) + [""]
    return "\n".join(lines).rstrip("\n") + "\n"
