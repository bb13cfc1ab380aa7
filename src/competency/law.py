"""Legal references and validity periods: the citation behind every answer."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from competency.vocab import Text, describe

__all__ = ["Cited", "Confidence", "InstrumentKind", "LegalReference", "Period"]


class Confidence(enum.Enum):
    """How sure the data is, taken from the research dossier's tags.

    ``confirmed`` = [C]; ``needs-check`` = [C*] or [M] (shown in every explanation that
    uses the fact); ``draft`` = [D], never applied as law unless asked for;
    ``illustrative`` = an example built by this project, not an official text.
    """

    CONFIRMED = "confirmed"
    NEEDS_CHECK = "needs-check"
    DRAFT = "draft"
    ILLUSTRATIVE = "illustrative"

    def label(self, lang: str = "vi") -> str:
        """The tag as a reader sees it: ``cần kiểm tra``; in English the tag itself."""
        vi, en = _CONFIDENCE_LABELS[self.value]
        return vi if lang == "vi" else en


_CONFIDENCE_LABELS = {"confirmed": ("đã xác nhận", "confirmed"),
                      "needs-check": ("cần kiểm tra", "needs-check"),
                      "draft": ("dự thảo", "draft"),
                      "illustrative": ("minh họa", "illustrative")}


class InstrumentKind(enum.Enum):
    """Kind of legal or Party instrument (loại văn bản)."""

    LAW = "law"  # Luật
    DECREE = "decree"  # Nghị định
    CIRCULAR = "circular"  # Thông tư
    DECISION = "decision"  # Quyết định
    RESOLUTION = "resolution"  # Nghị quyết
    REGULATION = "regulation"  # Quy định (Party)
    DIRECTIVE = "directive"  # Chỉ thị
    GUIDANCE = "guidance"  # Hướng dẫn
    OFFICIAL_LETTER = "official_letter"  # Công văn
    CONCLUSION = "conclusion"  # Kết luận
    SCHEME = "scheme"  # Đề án
    OVERLAY = "overlay"  # a province's own rule loaded as an overlay


@attrs.frozen(kw_only=True)
class Period:
    """Inclusive validity dates; ``None`` at either end means open."""

    start: dt.date | None = attrs.field(
        default=None, metadata=describe("First day in force (inclusive).", "Ngày bắt đầu hiệu lực."))
    end: dt.date | None = attrs.field(
        default=None, metadata=describe("Last day in force (inclusive).", "Ngày cuối cùng còn hiệu lực."))

    def contains(self, day: dt.date) -> bool:
        """True when ``day`` falls within the period, both ends included."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def __str__(self) -> str:
        start = self.start.isoformat() if self.start else "…"
        end = self.end.isoformat() if self.end else "…"
        return f"{start} → {end}"


@attrs.frozen(kw_only=True)
class LegalReference:
    """One citation: instrument number, article and clause, dates, and how sure we are."""

    instrument: str = attrs.field(metadata=describe(
        "Instrument number as written, e.g. 13/2019/TT-BNV.", "Số hiệu văn bản, ví dụ 13/2019/TT-BNV."))
    kind: InstrumentKind | None = attrs.field(default=None, metadata=describe(
        "Kind of instrument.", "Loại văn bản."))
    issuer: str | None = attrs.field(default=None, metadata=describe(
        "Issuing body, e.g. Bộ Nội vụ.", "Cơ quan ban hành."))
    title: str | None = attrs.field(default=None, metadata=describe(
        "Short title.", "Trích yếu."))
    article: str | None = attrs.field(default=None, metadata=describe(
        "Article, clause and point, e.g. Điều 10 khoản 2 điểm c.", "Điều, khoản, điểm."))
    issued: dt.date | None = attrs.field(default=None, metadata=describe(
        "Date signed.", "Ngày ban hành."))
    effective: dt.date | None = attrs.field(default=None, metadata=describe(
        "Date it took effect.", "Ngày có hiệu lực."))
    url: str | None = attrs.field(default=None, metadata=describe(
        "Where the text or a summary was read.", "Nguồn đã đọc."))
    confidence: Confidence = attrs.field(metadata=describe(
        "How sure the citation is (confirmed, needs-check, draft, illustrative).",
        "Mức độ tin cậy của trích dẫn."))
    note: str | None = attrs.field(default=None, metadata=describe(
        "What is uncertain or how the text was read.", "Ghi chú về điểm chưa chắc chắn."))

    def cite(self, lang: str | None = None) -> str:
        """A short citation such as ``13/2019/TT-BNV, Điều 1 khoản 1 [needs-check]``.

        The tag is the code, read the same in every language, unless ``lang`` asks for its
        label (``[cần kiểm tra]``), as a sheet for readers of one language does.
        """
        parts = [self.instrument]
        if self.article:
            parts.append(self.article)
        text = ", ".join(parts)
        if self.confidence is not Confidence.CONFIRMED:
            tag = self.confidence.label(lang) if lang else self.confidence.value
            text += f" [{tag}]"
        return text


@attrs.frozen(kw_only=True)
class Cited:
    """The header every kind of cited data shares: how sure it is, whether it is an example,
    the instruments behind it and remarks. Reports show it wherever the item is used."""

    confidence: Confidence = attrs.field(metadata=describe(
        "How sure the content is; drafts are applied only on request.", "Mức độ tin cậy."))
    illustrative: bool = attrs.field(default=False, metadata=describe(
        "An example built by this project, not an official text: shown wherever it is used.",
        "Ví dụ minh họa, không phải văn bản chính thức."))
    legal_basis: tuple[LegalReference, ...] = attrs.field(metadata=describe(
        "Citations.", "Căn cứ pháp lý.", minItems=1))
    note: Text | None = attrs.field(default=None, metadata=describe("Remarks.", "Ghi chú."))
