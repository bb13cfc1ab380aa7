"""Which columns a spreadsheet of each record kind has: rosters, assessments, participations.

A :class:`ColumnSet` is what the CSV and XLSX readers match a header row against. Rosters use
the columns of :mod:`competency.io.columns` (with the ``Xếp loại <year>`` family); assessment
and participation sheets have a few columns each, with the Vietnamese headers HR offices use.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import attrs

from competency.io._cells import Date, Flag, Number, Text, Vocabulary
from competency.io.columns import (
    COLUMNS,
    Column,
    column_rows,
    columns_markdown,
    header_key,
    match_header,
)
from competency.model.assessment import AssessmentMethod

__all__ = ["ASSESSMENT", "OFFICIAL", "PARTICIPATION", "TABLE_COLUMNS", "ColumnSet",
           "columns_page"]


@attrs.frozen(kw_only=True)
class ColumnSet:
    """The columns of one record kind, and the one that identifies a record."""

    kind: str
    columns: tuple[Column, ...]
    id_column: str
    matcher: Callable[..., Column | None] | None = None
    """How a header is matched, when more than a lookup (the rating family of rosters)."""
    _by_key: dict[str, Column] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        keys: dict[str, Column] = {}
        for column in self.columns:
            for spelling in (column.name, *column.aliases):
                keys.setdefault(header_key(spelling), column)
        object.__setattr__(self, "_by_key", keys)

    @property
    def id(self) -> Column:
        """The identifying column (``id`` of a roster, ``official_id`` of the others)."""
        return next(c for c in self.columns if c.name == self.id_column)

    def match(self, text: Any, *, position: int = 0) -> Column | None:
        """The column a header names (a trailing remark in parentheses ignored), or None."""
        if self.matcher is not None:
            return self.matcher(text, position=position)
        for key in (header_key(text), header_key(re.sub(r"\(.*?\)", " ", str(text)))):
            if key in self._by_key:
                return self._by_key[key]
        return None

    def missing_id(self) -> str:
        """The problem of a table without its identifying column."""
        return (f"no {self.id_column} column: the header needs a column named "
                f"{self.id_column} (or {', '.join(self.id.aliases[:3])} …)")


def _c(name: str, cell: Any, meaning: str, *aliases: str) -> Column:
    return Column(name=name, path=(name,), cell=cell, meaning=meaning, aliases=aliases)


_OFFICIAL_ID = _c("official_id", Text(), "Official's record id (mã hồ sơ)", "Mã hồ sơ",
                  "Mã cán bộ", "Mã CBCC", "Mã công chức", "Mã viên chức", "Mã nhân sự", "id")

OFFICIAL = ColumnSet(kind="official", columns=COLUMNS, id_column="id", matcher=match_header)
"""Roster columns (see :data:`competency.io.columns.COLUMNS`)."""

ASSESSMENT = ColumnSet(kind="assessment", id_column="official_id", columns=(
    _OFFICIAL_ID,
    _c("competency", Text(), "Competency id (mã năng lực)", "Mã năng lực", "Năng lực"),
    _c("level", Number(), "Level reached (cấp độ)", "Cấp độ", "Cấp độ năng lực", "Mức độ",
       "Mức"),
    _c("assessed_on", Date(), "Date of the assessment (ngày đánh giá)", "Ngày đánh giá"),
    _c("method", Vocabulary(AssessmentMethod), "How it was assessed (hình thức đánh giá)",
       "Hình thức đánh giá", "Phương pháp đánh giá", "Hình thức"),
    _c("assessor", Text(), "Who assessed, an id (người đánh giá)", "Người đánh giá",
       "Mã người đánh giá"),
    _c("valid_until", Date(), "Last day the result counts (có giá trị đến)",
       "Có giá trị đến", "Hiệu lực đến"),
))
"""Columns of an assessments sheet (kết quả đánh giá năng lực)."""

PARTICIPATION = ColumnSet(kind="training-participation", id_column="official_id", columns=(
    _OFFICIAL_ID,
    _c("programme", Text(), "Programme id (mã chương trình)", "Mã chương trình",
       "Chương trình"),
    _c("unit", Text(), "Unit (đơn vị)", "Mã đơn vị", "Đơn vị"),
    _c("class_id", Text(), "Class (lớp)", "Mã lớp", "Lớp"),
    _c("start", Date(), "First day (từ ngày)", "Từ ngày", "Ngày bắt đầu"),
    _c("end", Date(), "Last day (đến ngày)", "Đến ngày", "Ngày kết thúc"),
    _c("completed", Flag(), "Completed (hoàn thành)", "Hoàn thành", "Đã hoàn thành"),
    _c("result", Text(), "Result as recorded (kết quả học tập)", "Kết quả", "Kết quả học tập"),
    _c("quality_index", Number(), "General evaluation index of the class, 0–10 (chỉ số đánh giá "
       "chung)", "Chỉ số đánh giá chung", "Chỉ số chất lượng"),
))
"""Columns of a participations sheet (kết quả tham gia đào tạo, bồi dưỡng)."""

TABLE_COLUMNS: dict[str, ColumnSet] = {s.kind: s for s in (OFFICIAL, ASSESSMENT, PARTICIPATION)}
"""The record kinds a CSV or XLSX file can hold, by kind."""


def columns_page() -> str:
    """``docs/columns.md``: the roster columns, then those of assessments and participations."""
    lines = [columns_markdown().rstrip("\n")]
    for title, command, columns in (
            ("Assessment sheets (kết quả đánh giá năng lực)", "gaps --assessments FILE",
             ASSESSMENT),
            ("Participation sheets (kết quả tham gia đào tạo, bồi dưỡng)", "evaluate FILE",
             PARTICIPATION)):
        lines += ["", f"## {title}", "",
                  f"Read by `competency {command}` and by `validate --kind {columns.kind}`, "
                  f"with the same rules as rosters; without an `{columns.id_column}` column "
                  "every row is invalid.", "",
                  "| Column | Vietnamese headers | Meaning | Accepted values | Record field |",
                  "|---|---|---|---|---|", *column_rows(columns.columns)]
    return "\n".join([*lines, "", *_TEMPLATES]) + "\n"


_TEMPLATES = (
    "## Templates to fill in (mẫu nhập liệu)",
    "",
    "`competency template roster FILE.xlsx` (or `assessments`, `participations`; `--lang en`",
    "for English headers) writes a blank workbook with the headers above, the header row",
    "frozen, a drop-down list on every coded column (levels, ranks, titles, yes/no, and for",
    "assessments and participations the competency and programme ids of the loaded",
    "catalogues), a date check and the `dd/mm/yyyy` format on date columns, and text format",
    "on administrative codes so leading zeros stay. The lists are in the sheet `Danh mục`",
    "(lists), each drop-down referring to its range; the sheet `Hướng dẫn` (guide) gives, for",
    "every column, its header, field, meaning in Vietnamese and English, the values expected",
    "and whether it is required. A roster template has one `Xếp loại <year>` column per",
    "`--year` (default: the three years before the current one).",
    "",
    "A filled template is read like any other workbook. The template names its `Hướng dẫn`",
    "and `Danh mục` sheets in a custom document property, and the reader skips them; every",
    "other sheet is read. A template left empty is refused as a file without records.",
)
