"""A participation record: who attended which class of a programme, and the result.
"""

from __future__ import annotations

import datetime as dt

import attrs

from competency.vocab import (
    describe,
)

__all__ = [
    "Participation",
]


@attrs.frozen(kw_only=True)
class Participation:
    """Kết quả tham gia đào tạo, bồi dưỡng: one official in one class of a programme."""

    official_id: str = attrs.field(metadata=describe(
        "Id of the official's record.", "Mã hồ sơ.", minLength=1))
    programme: str = attrs.field(metadata=describe("Programme id.", "Mã chương trình.",
                                                   minLength=1))
    unit: str | None = attrs.field(default=None, metadata=describe(
        "Unit of the official (id or name), for grouping.", "Đơn vị công tác."))
    class_id: str | None = attrs.field(default=None, metadata=describe(
        "Class (lớp) attended.", "Mã lớp."))
    start: dt.date | None = attrs.field(default=None, metadata=describe("First day.",
                                                                        "Ngày bắt đầu."))
    end: dt.date | None = attrs.field(default=None, metadata=describe("Last day.",
                                                                      "Ngày kết thúc."))
    completed: bool | None = attrs.field(default=None, metadata=describe(
        "Whether the official completed the programme.", "Đã hoàn thành."))
    result: str | None = attrs.field(default=None, metadata=describe(
        "Result as recorded (grade or score).", "Kết quả học tập."))
    quality_index: float | None = attrs.field(default=None, metadata=describe(
        "General evaluation index of the class on the 0–10 scale (Circular 10/2017/TT-BNV).",
        "Chỉ số đánh giá chung chất lượng lớp (thang 0–10).", minimum=0, maximum=10))


