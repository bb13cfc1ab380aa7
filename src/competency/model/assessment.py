"""A competency assessment: an official's level in one competency, on a date, by a method.
"""

from __future__ import annotations

import datetime as dt

import attrs

from competency.vocab import Term, describe

__all__ = [
    "Assessment",
    "AssessmentMethod",
]

_ID = r"^[a-z0-9][a-z0-9-]*$"
_DOTTED_ID = r"^[a-z0-9][a-z0-9.-]*$"


class AssessmentMethod(Term):
    """Hình thức đánh giá năng lực."""

    SELF = ("self", "Tự đánh giá", "Self-assessment", ("tu danh gia",))
    MANAGER = ("manager", "Cấp trên trực tiếp đánh giá", "Manager's assessment",
               ("cap tren", "quan ly"))
    MULTI_RATER = ("360", "Đánh giá đa chiều (360 độ)", "360-degree assessment",
                   ("360 do", "da chieu"))
    TEST = ("test", "Kiểm tra, sát hạch", "Test", ("kiem tra", "sat hach"))
    TRAINING_RESULT = ("training_result", "Kết quả đào tạo, bồi dưỡng", "Training result",
                       ("ket qua dao tao", "ket qua boi duong"))


# -- assessments ---------------------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class Assessment:
    """Kết quả đánh giá năng lực: an official's level in one competency, on a date."""

    official_id: str = attrs.field(metadata=describe(
        "Id of the official's record.", "Mã hồ sơ cán bộ, công chức.", minLength=1))
    competency: str = attrs.field(metadata=describe("Competency id.", "Mã năng lực.", pattern=_ID))
    framework: str | None = attrs.field(default=None, metadata=describe(
        "Framework id, when the competency id alone is ambiguous.", "Mã khung năng lực.",
        pattern=_DOTTED_ID))
    level: int = attrs.field(metadata=describe(
        "Level assessed, 1–5.", "Cấp độ đánh giá 1–5.", minimum=1, maximum=5))
    assessed_on: dt.date = attrs.field(metadata=describe("Date of the assessment.",
                                                         "Ngày đánh giá."))
    method: AssessmentMethod = attrs.field(metadata=describe("How it was assessed.",
                                                             "Hình thức đánh giá."))
    valid_until: dt.date | None = attrs.field(default=None, metadata=describe(
        "Last day the result counts; absent = until a newer one.", "Giá trị đến ngày."))
    assessor: str | None = attrs.field(default=None, metadata=describe(
        "Who assessed (an id, not a name).", "Người hoặc hội đồng đánh giá.", pii=True))
    evidence: str | None = attrs.field(default=None, metadata=describe(
        "Evidence (test, document, observation).", "Minh chứng."))

    def valid_on(self, day: dt.date) -> bool:
        """True when the result was known by ``day`` and has not expired."""
        return self.assessed_on <= day and (self.valid_until is None or day <= self.valid_until)
