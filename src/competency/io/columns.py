"""The flat roster layout: one row per official, one column per fact.

CSV and XLSX rosters are flat, the record is nested. This table is the one place that
says which column fills which part of the record, which Vietnamese headers mean the same
column and what a cell accepts; the reader and ``docs/columns.md`` both come from it.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from competency.io._cells import (
    NONE_MARKERS,
    Code,
    Date,
    Flag,
    Language,
    LanguageLevelCell,
    Number,
    Schooling,
    Text,
    Vocabulary,
    VocabularyList,
)
from competency.model.official import Official
from competency.vocab import (
    AdministrativeLevel,
    AreaType,
    EducationLevel,
    Gender,
    ITSkillLevel,
    PerformanceRating,
    PersonnelCategory,
    PoliticalTheoryDiploma,
    Rank,
    StateManagementProgramme,
    fold,
)

__all__ = ["COLUMNS", "IGNORED", "RATING", "Column", "column_for_pointer", "columns_markdown",
           "header_key", "is_ignored", "match_header"]

Path = tuple[str | int, ...]


@attrs.frozen(kw_only=True)
class Column:
    """One column: its English name, Vietnamese header aliases, place in the record and cell type.

    ``none`` marks a qualification column where "không" records none: the whole list
    (``education``, ``languages`` …) becomes empty. ``fixed`` are sibling values the
    column implies, such as the year of a ``rating_<year>`` column.
    """

    name: str
    path: Path
    cell: Any
    meaning: str
    aliases: tuple[str, ...] = ()
    none: bool = False
    fixed: tuple[tuple[str, Any], ...] = ()

    @property
    def pii(self) -> bool:
        """True when the column fills a personal field (``x-pii``): ``--redact`` hides its cells."""
        return str(self.path[0]) in _PII

    @property
    def pointer(self) -> str:
        """JSON pointer of the value in the record, e.g. ``/education/0/level``."""
        return "".join(f"/{part}" for part in self.path)


_PII = frozenset(f.name for f in attrs.fields(Official) if f.metadata.get("pii"))


def _c(name: str, path: Path, cell: Any, meaning: str, *aliases: str, none: bool = False) -> Column:
    return Column(name=name, path=path, cell=cell, meaning=meaning, aliases=aliases, none=none)


COLUMNS: tuple[Column, ...] = (
    _c("id", ("id",), Text(), "Record identifier (mã hồ sơ) in the source system; required",
       "Mã hồ sơ", "Mã cán bộ", "Mã CBCC", "Mã CBCCVC", "Mã công chức", "Mã viên chức",
       "Mã nhân sự", "Số hiệu cán bộ", "Số hiệu công chức", "Mã số", "Mã"),
    _c("full_name", ("full_name",), Text(), "Full name (họ và tên)",
       "Họ và tên", "Họ tên", "Họ và tên khai sinh", "Name"),
    _c("birth_date", ("birth_date",), Date(), "Date of birth (ngày sinh)",
       "Ngày sinh", "Ngày tháng năm sinh", "Sinh ngày", "Date of birth"),
    _c("gender", ("gender",), Vocabulary(Gender), "Gender (giới tính)", "Giới tính"),
    _c("ethnicity", ("ethnicity",), Text(), "Ethnic group (dân tộc), e.g. Kinh, Tày, Khmer",
       "Dân tộc"),
    _c("national_id", ("national_id",), Text(),
       "Citizen identity number (số định danh cá nhân, CCCD); never shown in reports",
       "Số CCCD", "CCCD", "Số căn cước công dân", "Căn cước công dân", "Số định danh cá nhân",
       "Số CMND", "CMND", "CMND/CCCD", "Số CMND/CCCD"),
    _c("category", ("category",), Vocabulary(PersonnelCategory),
       "Personnel category (đối tượng): cán bộ, công chức or viên chức",
       "Đối tượng", "Loại cán bộ", "Loại đối tượng"),
    _c("recruited_on", ("recruited_on",), Date(), "Date recruited (ngày tuyển dụng)",
       "Ngày tuyển dụng", "Ngày được tuyển dụng"),
    _c("service_start", ("service_start",), Date(),
       "Start of public service counted for years of service (ngày bắt đầu công tác)",
       "Ngày bắt đầu công tác", "Ngày tham gia công tác"),
    _c("unit_name", ("unit", "name"), Text(), "Unit (đơn vị công tác), e.g. Xã An Hiệp",
       "Đơn vị", "Đơn vị công tác", "Tên đơn vị", "Cơ quan, đơn vị", "Cơ quan công tác",
       "Nơi công tác"),
    _c("unit_id", ("unit", "id"), Text(), "Unit identifier in the source system (mã đơn vị)",
       "Mã đơn vị"),
    _c("unit_level", ("unit", "level"), Vocabulary(AdministrativeLevel),
       "Administrative level of the unit (cấp hành chính)", "Cấp", "Cấp hành chính", "Cấp đơn vị"),
    _c("province_code", ("unit", "province_code"), Code(2), "Province code (mã tỉnh)",
       "Mã tỉnh", "Mã tỉnh/thành phố"),
    _c("district_code", ("unit", "district_code"), Code(3),
       "District code (mã huyện), for dates before two-level local government",
       "Mã huyện", "Mã quận/huyện"),
    _c("commune_code", ("unit", "commune_code"), Code(5), "Commune code (mã xã)",
       "Mã xã", "Mã xã/phường", "Mã phường/xã"),
    _c("disadvantaged_area", ("unit", "disadvantaged_area"), Flag(),
       "Unit in a mountainous, island, ethnic-minority or especially difficult area "
       "(vùng khó khăn)", "Vùng khó khăn", "Vùng đặc biệt khó khăn", "Địa bàn khó khăn"),
    _c("area_types", ("unit", "area_types"), VocabularyList(AreaType),
       "Kinds of disadvantaged area (loại vùng), several separated by ; or ,",
       "Loại vùng", "Loại vùng khó khăn", "Loại địa bàn"),
    _c("title", ("assignments", 0, "title"), Text(),
       "Current position or title (chức vụ, chức danh), as a code such as "
       "cc_xa.tu_phap_ho_tich", "Chức vụ", "Chức danh", "Mã chức vụ", "Mã chức danh",
       "Chức vụ, chức danh", "Chức vụ hiện tại"),
    _c("rank", ("assignments", 0, "rank"), Vocabulary(Rank, open=True),
       "Rank (ngạch) or professional title (chức danh nghề nghiệp) of the current post",
       "Ngạch", "Mã ngạch", "Ngạch công chức", "Chức danh nghề nghiệp",
       "Mã chức danh nghề nghiệp"),
    _c("assignment_start", ("assignments", 0, "start"), Date(),
       "Start of the current post (ngày giữ chức vụ)", "Ngày giữ chức vụ",
       "Ngày bắt đầu giữ chức vụ", "Ngày bổ nhiệm"),
    _c("first_appointed", ("assignments", 0, "first_appointed"), Date(),
       "Date first appointed to this title (ngày bổ nhiệm lần đầu)", "Ngày bổ nhiệm lần đầu"),
    _c("leadership", ("assignments", 0, "leadership"), Flag(),
       "The current post is a leadership or management post (lãnh đạo, quản lý)",
       "Lãnh đạo", "Lãnh đạo, quản lý", "Chức vụ lãnh đạo"),
    _c("international", ("assignments", 0, "international"), Flag(),
       "The current post involves international relations work (công tác đối ngoại)",
       "Công tác đối ngoại", "Đối ngoại"),
    _c("job_position", ("assignments", 0, "job_position"), Text(),
       "Job position (vị trí việc làm) of the current post, by code or name",
       "Vị trí việc làm", "Mã vị trí việc làm"),
    _c("high_school", ("high_school",), Schooling(),
       "Finished upper-secondary school (tốt nghiệp trung học phổ thông)",
       "Tốt nghiệp THPT", "Tốt nghiệp trung học phổ thông", "Trình độ giáo dục phổ thông",
       "Giáo dục phổ thông", "Trình độ văn hóa"),
    _c("education_level", ("education", 0, "level"), Vocabulary(EducationLevel),
       "Highest education level (trình độ chuyên môn)", "Trình độ chuyên môn",
       "Trình độ đào tạo", "Trình độ chuyên môn cao nhất", "Trình độ CM", none=True),
    _c("education_field", ("education", 0, "field"), Text(),
       "Field of study (chuyên ngành) as written on the diploma",
       "Chuyên ngành", "Chuyên ngành đào tạo", "Ngành đào tạo", "Ngành"),
    _c("education_institution", ("education", 0, "institution"), Text(),
       "Awarding institution (cơ sở đào tạo)", "Cơ sở đào tạo", "Trường đào tạo", "Nơi đào tạo"),
    _c("education_awarded_on", ("education", 0, "awarded_on"), Date(),
       "Date the diploma was awarded (ngày cấp bằng)", "Ngày cấp bằng", "Ngày tốt nghiệp"),
    _c("education_abroad", ("education", 0, "abroad"), Flag(),
       "The diploma was earned abroad (đào tạo ở nước ngoài)",
       "Đào tạo ở nước ngoài", "Đào tạo nước ngoài"),
    _c("political_theory", ("political_theory", 0, "diploma"), Vocabulary(PoliticalTheoryDiploma),
       "Political-theory diploma (lý luận chính trị)", "Lý luận chính trị",
       "Trình độ lý luận chính trị", "LLCT", "Trình độ LLCT", none=True),
    _c("political_theory_awarded_on", ("political_theory", 0, "awarded_on"), Date(),
       "Date the political-theory diploma was awarded",
       "Ngày cấp bằng lý luận chính trị", "Ngày cấp bằng LLCT", "Ngày cấp LLCT"),
    _c("language", ("languages", 0, "language"), Language(),
       "Foreign or ethnic language (ngoại ngữ, tiếng dân tộc)",
       "Tên ngoại ngữ", "Loại ngoại ngữ", "Ngôn ngữ", "Thứ tiếng", none=True),
    _c("language_level", ("languages", 0, "level"), LanguageLevelCell(),
       "Level on the six-level framework (bậc năng lực ngoại ngữ)",
       "Ngoại ngữ", "Trình độ ngoại ngữ", "Bậc ngoại ngữ", "Bậc năng lực ngoại ngữ", none=True),
    _c("language_certificate", ("languages", 0, "certificate"), Text(),
       "Language certificate (chứng chỉ ngoại ngữ), e.g. IELTS, TOEIC, VSTEP",
       "Chứng chỉ ngoại ngữ", "Loại chứng chỉ ngoại ngữ"),
    _c("language_score", ("languages", 0, "score"), Number(),
       "Certificate score (điểm), e.g. 6.5", "Điểm ngoại ngữ", "Điểm chứng chỉ ngoại ngữ"),
    _c("language_awarded_on", ("languages", 0, "awarded_on"), Date(),
       "Date the language certificate was awarded", "Ngày cấp chứng chỉ ngoại ngữ"),
    _c("it_skill", ("it_skills", 0, "level"), Vocabulary(ITSkillLevel),
       "IT-skill standard reached (tin học)", "Tin học", "Trình độ tin học",
       "Kỹ năng công nghệ thông tin", none=True),
    _c("it_skill_awarded_on", ("it_skills", 0, "awarded_on"), Date(),
       "Date the IT certificate was awarded", "Ngày cấp chứng chỉ tin học"),
    _c("state_management", ("state_management", 0, "programme"),
       Vocabulary(StateManagementProgramme),
       "State-management programme completed (quản lý nhà nước)", "Quản lý nhà nước", "QLNN",
       "Trình độ quản lý nhà nước", "Bồi dưỡng quản lý nhà nước", none=True),
    _c("state_management_awarded_on", ("state_management", 0, "awarded_on"), Date(),
       "Date the state-management certificate was awarded",
       "Ngày cấp chứng chỉ quản lý nhà nước", "Ngày cấp chứng chỉ QLNN"),
    _c("party_member", ("party_member",), Flag(),
       "Member of the Communist Party of Vietnam (đảng viên)", "Đảng viên", "Là đảng viên"),
    _c("party_joined_on", ("party_joined_on",), Date(), "Date joined the Party (ngày vào Đảng)",
       "Ngày vào Đảng", "Ngày kết nạp Đảng"),
)
"""Every column of the layout, in documentation order; the first column of each record
part (``education`` …) is the one its errors are reported against."""

RATING = _c("rating_<year>", ("ratings", 0, "rating"), Vocabulary(PerformanceRating),
            "Annual performance rating (xếp loại) of the year in the header; one column per year",
            "Xếp loại <year>", "Xếp loại năm <year>", "Đánh giá <year>",
            "Đánh giá xếp loại <year>", "Kết quả đánh giá <year>")
"""The column family ``rating_2024``, ``Xếp loại 2024`` …"""

IGNORED = ("STT", "TT", "Số thứ tự", "Ghi chú")
"""Headers of columns that carry no fact about the official (row number, remarks)."""


def header_key(text: Any) -> str:
    """A header as compared: folded (see :func:`competency.vocab.fold`), punctuation as spaces."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(str(text))).split())


_BY_KEY: dict[str, Column] = {}
for _column in COLUMNS:
    for _spelling in (_column.name, *_column.aliases):
        _BY_KEY.setdefault(header_key(_spelling), _column)
_IGNORED_KEYS = frozenset(header_key(h) for h in IGNORED)
_RATING_HEADER = re.compile(
    "^(?:" + "|".join(re.escape(header_key(a.replace("<year>", ""))) for a in
                      (RATING.name, *RATING.aliases)) + r")(?: nam)? ?([0-9]{4})$")


def match_header(text: Any, *, position: int = 0) -> Column | None:
    """The column a header names, or ``None`` when unknown.

    A trailing remark in parentheses is ignored ("Ngày sinh (dd/mm/yyyy)"). A rating
    header gives a column for its year, as element ``position`` of ``ratings``.
    """
    for key in dict.fromkeys((header_key(text), header_key(re.sub(r"\(.*?\)", " ", str(text))))):
        if key in _BY_KEY:
            return _BY_KEY[key]
        if match := _RATING_HEADER.match(key):
            year = int(match.group(1))
            return attrs.evolve(RATING, name=f"rating_{year}", path=("ratings", position, "rating"),
                                fixed=(("year", year),))
    return None


def is_ignored(text: Any) -> bool:
    """True for headers of columns that are skipped without a note (row numbers, remarks)."""
    return header_key(text) in _IGNORED_KEYS


def _generic(path: tuple[str, ...]) -> tuple[str, ...]:
    return tuple("0" if part.isdigit() else part for part in path)


_BY_PATH = [(_generic(tuple(str(p) for p in c.path)), c.name) for c in (*COLUMNS, RATING)]


def column_for_pointer(pointer: str) -> str | None:
    """The column a JSON pointer of a converted record comes from, for error messages.

    ``/education/0/level`` → ``education_level``; a pointer to a record part
    (``/education/0``, ``/unit``) names that part's first column; ``None`` when no
    column fills it.
    """
    parts = _generic(tuple(p.replace("~1", "/").replace("~0", "~")
                           for p in pointer.split("/")[1:]))
    for length in range(len(parts), 0, -1):
        for path, name in _BY_PATH:
            if path[:length] == parts[:length]:
                return name
    return None


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def columns_markdown() -> str:
    """``docs/columns.md``: the layout as a Markdown page, generated so it cannot drift."""
    none = ", ".join(f"“{m}”" for m in NONE_MARKERS)
    lines = [
        "# Roster columns (CSV and XLSX)",
        "",
        "<!-- Generated by competency.io.column_sets.columns_page(); do not edit. -->",
        "",
        "A roster (danh sách cán bộ, công chức, viên chức: list of cadres, civil servants and",
        "public employees) in CSV or XLSX has one row per official and one column per fact.",
        "The first row that names known columns is the header; rows above it (titles) are",
        "skipped with a note. Headers are matched ignoring accents, case and punctuation, so",
        "`Họ và tên`, `HO VA TEN` and `full_name` are the same column; a remark in",
        "parentheses, as in `Ngày sinh (dd/mm/yyyy)`, is ignored.",
        "",
        "- An **empty cell** means unknown: the record does not say.",
        "- In a column marked *none allowed*, a cell saying none records **none** (for example",
        "  no foreign language), which rules treat differently from unknown. None is written",
        f"  as {none}.",
        "- **Dates**: `YYYY-MM-DD`, `dd/mm/yyyy` (Vietnamese usage) or a spreadsheet date cell.",
        f"- **Yes/no**: {Flag.accepted}.",
        "- **Vocabulary values**: the code, or the Vietnamese or English label, accents and case",
        "  ignored; the record holds the code.",
        "- A value that cannot be converted makes the row invalid, with a message naming the",
        "  column, the value and the accepted values.",
        f"- Columns {', '.join(f'`{h}`' for h in IGNORED)} are ignored; any other unknown column",
        "  is ignored with a note. Without an `id` column every row is invalid.",
        "- CSV files may be UTF-8 (with or without BOM) or Windows-1258; the delimiter",
        "  (`,` `;` or tab) is detected.",
        "",
        "| Column | Vietnamese headers | Meaning | Accepted values | Record field |",
        "|---|---|---|---|---|",
    ]
    lines += column_rows((*COLUMNS, RATING))
    return "\n".join(lines) + "\n"


def column_rows(columns: tuple[Column, ...]) -> list[str]:
    """Table rows of columns: name, Vietnamese headers, meaning, accepted values, field."""
    rows = []
    for column in columns:
        accepted = column.cell.accepted + ("; none allowed" if column.none else "")
        aliases = ", ".join(f"`{alias}`" for alias in column.aliases)
        field = "`/ratings/<n>/rating` and `/year`" if column is RATING else f"`{column.pointer}`"
        rows.append(f"| `{column.name}` | {_cell(aliases)} | {_cell(column.meaning)} | "
                    f"{_cell(accepted)} | {_cell(field)} |")
    return rows
