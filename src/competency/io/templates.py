"""Blank workbooks (mẫu nhập liệu: data-entry templates) for rosters, assessments and
participations, that an HR office fills in Excel.

The headers are the ones the readers match, each coded column offers a drop-down of the
values its cell converter accepts (from the vocabularies and the shipped tables), dates have
a date check and the ``dd/mm/yyyy`` format, and the sheet ``Hướng dẫn`` explains every column
from the same column sets and schemas the readers use. So what the template offers is what
the readers accept, and a filled template reads back with no cell error.

Lists sit in columns of the sheet ``Danh mục`` and the drop-downs refer to their ranges:
Excel limits a list written inside a validation to 255 characters.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from competency.errors import InputError
from competency.io._cells import (
    LANGUAGES,
    Code,
    Date,
    Flag,
    Language,
    LanguageLevelCell,
    Number,
    Schooling,
    Vocabulary,
    VocabularyList,
)
from competency.io._template_sheets import HELPER_SHEETS_PROPERTY
from competency.io.column_sets import ASSESSMENT, OFFICIAL, PARTICIPATION, ColumnSet
from competency.io.columns import Column, match_header
from competency.io.sheets import DATE_FORMAT, FORMULA_TRIGGERS
from competency.io.titles import title_names
from competency.schema.validate import load_schema
from competency.vocab import LanguageLevel, Term

__all__ = ["GUIDE_SHEET", "KINDS", "LISTS_SHEET", "Choice", "TemplateColumn", "build_template",
           "template_columns", "write_template"]

KINDS: dict[str, ColumnSet] = {"roster": OFFICIAL, "assessments": ASSESSMENT,
                               "participations": PARTICIPATION}
"""Template kinds (the command's ``KIND``) → the columns their reader matches."""

GUIDE_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh mục"
_DATA_SHEET = {"roster": ("Danh sách", "Roster"), "assessments": ("Đánh giá", "Assessments"),
               "participations": ("Đào tạo", "Participations")}
_LAST_ROW = 1_048_576
"""The last row of an Excel sheet: validations cover every row below the header."""

_YES_NO = {"vi": ("Có", "Không"), "en": ("Yes", "No")}
_NONE = {"vi": "Không", "en": "None"}
_SEPARATORS = frozenset(";,\n")


@attrs.frozen
class Choice:
    """One value of a drop-down, with what it stands for (its code, or a name)."""

    value: str
    note: str = ""


@attrs.frozen(kw_only=True)
class TemplateColumn:
    """One column of a template: its header, its drop-down (if any) and its guide line."""

    column: Column
    header: str
    choices: tuple[Choice, ...] = ()
    strict: bool = False
    """Only the listed values are accepted (Excel refuses others)."""
    schema: Mapping[str, Any] = attrs.field(factory=dict)
    required: str = ""


def _header(column: Column, lang: str) -> str:
    """Vietnamese: the first Vietnamese spelling the reader knows; English: the column name."""
    return column.aliases[0] if lang == "vi" and column.aliases else column.name


def _terms(term: type[Term], lang: str, *, single: bool = True) -> tuple[Choice, ...]:
    """Labels in ``lang`` with their codes; the code where a label would be split as a list."""
    return tuple(Choice(m.label(lang) if single or not _SEPARATORS & set(m.label(lang))
                        else m.code, m.code) for m in term)


def _choices(column: Column, lang: str,
             lists: Mapping[str, Sequence[Choice]]) -> tuple[tuple[Choice, ...], bool]:
    """The drop-down of a column, and whether only its values are accepted."""
    cell = column.cell
    if column.name in lists:
        return tuple(lists[column.name]), False
    if isinstance(cell, Vocabulary):
        found, strict = _terms(cell.term, lang), not cell.open
    elif isinstance(cell, VocabularyList):
        found, strict = _terms(cell.term, lang, single=False), False
    elif isinstance(cell, (Flag, Schooling)):
        found, strict = tuple(Choice(v) for v in _YES_NO[lang]), isinstance(cell, Flag)
    elif isinstance(cell, LanguageLevelCell):
        found, strict = _terms(LanguageLevel, lang), False
    elif isinstance(cell, Language):
        found, strict = tuple(Choice(code) for code in dict.fromkeys(LANGUAGES.values())), False
    else:
        return (), False
    if column.none:
        found += (Choice(_NONE[lang], "không có · none"),)
    return found, strict


def _deref(root: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    """``node`` with ``$ref`` followed and a nullable ``anyOf`` reduced to its non-null part."""
    while True:
        if "$ref" in node:
            node = root["$defs"][str(node["$ref"]).rsplit("/", 1)[-1]]
        elif "anyOf" in node:
            node = next(a for a in node["anyOf"] if a.get("type") != "null")
        else:
            return node


def _schema_at(root: Mapping[str, Any], column: Column) -> tuple[Mapping[str, Any], str]:
    """The schema of the value a column fills, and whether it is required
    (``always``, ``with-part`` when required inside its record part, or ``""``)."""
    node, required = _deref(root, root), ""
    for depth, part in enumerate(column.path):
        if isinstance(part, int):
            node = _deref(root, node.get("items", {}))
            continue
        if part in node.get("required", ()):
            required = "always" if depth == 0 else required or "with-part"
        elif depth == 0:
            required = ""
        node = _deref(root, node.get("properties", {}).get(part, {}))
    return node, required


def template_columns(kind: str, lang: str = "vi", *, years: Sequence[int] = (),
                     lists: Mapping[str, Sequence[Choice]] | None = None
                     ) -> tuple[TemplateColumn, ...]:
    """The columns of a template of ``kind`` (roster: one rating column per year of ``years``).

    ``lists`` gives drop-downs for columns whose values are ids of catalogues above this layer
    (``competency``, ``programme``); titles come from ``data/titles.yaml``.
    """
    columns_of = KINDS[kind]
    chosen = {"title": tuple(Choice(code, name) for code, name in title_names().items()),
              **(lists or {})}
    root = load_schema(columns_of.kind)
    columns = [(c, _header(c, lang)) for c in columns_of.columns]
    for position, year in enumerate(years if columns_of is OFFICIAL else ()):
        header = f"Xếp loại {year}" if lang == "vi" else f"rating_{year}"
        rating = match_header(header, position=position)
        assert rating is not None  # the family's own spelling
        columns.append((rating, header))
    made = []
    for column, header in columns:
        choices, strict = _choices(column, lang, chosen)
        schema, required = _schema_at(root, column)
        made.append(TemplateColumn(column=column, header=header, choices=choices,
                                   strict=strict, schema=schema, required=required))
    return tuple(made)


# -- the workbook ---------------------------------------------------------------------------

_REQUIRED = {"always": "bắt buộc · required",
             "with-part": "bắt buộc khi điền các cột cùng nhóm · required when another column "
                          "of its group is filled",
             "": "không bắt buộc · optional"}
_GUIDE_HEADER = ("Cột · Column", "Trường · Field", "Ý nghĩa (tiếng Việt)", "Meaning (English)",
                 "Giá trị · Expected values", "Bắt buộc · Required", "Danh mục · List")
_GUIDE_INTRO = (
    ("Mỗi dòng của sheet dữ liệu là một hồ sơ; ô để trống là chưa rõ, "
     "“Không” trong cột có danh mục “Không” là không có. "
     "Each row of the data sheet is one record; an empty cell is unknown, “None” (“Không”) "
     "where the list offers it records none."),
    "Ngày: dd/mm/yyyy hoặc ô ngày của Excel. Dates: dd/mm/yyyy or an Excel date cell.",
)


def _expected(item: TemplateColumn, where: str) -> str:
    if item.choices:
        other = "" if item.strict else "; hoặc giá trị khác · or another accepted value"
        return f"chọn trong danh sách · pick from the list ({where}){other}"
    return str(item.column.cell.accepted)


def _bounds(schema: Mapping[str, Any]) -> tuple[str, str | None, str | None] | None:
    """The Excel number check of a numeric column: type and bounds from its schema."""
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is None and high is None:
        return None
    types = schema.get("type")
    whole = types == "integer" or (isinstance(types, list) and "integer" in types)
    return ("whole" if whole else "decimal",
            None if low is None else str(low), None if high is None else str(high))


def _validation(item: TemplateColumn, list_range: str | None) -> Any:
    """The data validation of a column, or None when its cells are free text."""
    from openpyxl.worksheet.datavalidation import DataValidation

    cell = item.column.cell
    if list_range is not None:
        check = DataValidation(type="list", formula1=list_range, allow_blank=True,
                               showErrorMessage=item.strict)
        check.error = "Chọn một giá trị trong danh sách · pick a value from the list"
    elif isinstance(cell, Date):
        check = DataValidation(type="date", operator="greaterThanOrEqual", formula1="1",
                               allow_blank=True, showErrorMessage=True)
        check.error = "Nhập một ngày dd/mm/yyyy · enter a date dd/mm/yyyy"
    elif isinstance(cell, Code):
        check = DataValidation(type="textLength", operator="lessThanOrEqual",
                               formula1=str(cell.width), allow_blank=True, showErrorMessage=True)
        check.error = f"Mã tối đa {cell.width} chữ số · a code of at most {cell.width} digits"
    elif isinstance(cell, Number) and (bounds := _bounds(item.schema)) is not None:
        kind, low, high = bounds
        operator = ("between" if low is not None and high is not None
                    else "greaterThanOrEqual" if low is not None else "lessThanOrEqual")
        check = DataValidation(type=kind, operator=operator, formula1=low or high,
                               formula2=high if low is not None else None, allow_blank=True,
                               showErrorMessage=True)
        check.error = f"{low if low is not None else '…'} – {high if high is not None else '…'}"
    else:
        return None
    check.errorTitle = item.header[:32]
    check.promptTitle = item.header[:32]
    check.prompt = item.column.meaning[:255]
    check.showInputMessage = True
    return check


def _number_format(cell: Any) -> str | None:
    if isinstance(cell, Date):
        return DATE_FORMAT
    if isinstance(cell, Code):
        return "@"  # text: leading zeros of administrative codes stay
    return None


def build_template(kind: str, lang: str = "vi", *, years: Sequence[int] = (),
                   lists: Mapping[str, Sequence[Choice]] | None = None) -> Any:
    """The template workbook (``openpyxl.Workbook``): data sheet, guide, lists."""
    try:
        import openpyxl
        from openpyxl.packaging.custom import StringProperty
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter, quote_sheetname
    except ImportError:
        raise InputError("writing XLSX needs openpyxl: pip install 'competency[xlsx]'") from None
    items = template_columns(kind, lang, years=years, lists=lists)
    workbook = openpyxl.Workbook()
    data = workbook.active
    data.title = _DATA_SHEET[kind][0 if lang == "vi" else 1]
    guide = workbook.create_sheet(GUIDE_SHEET)
    listed = workbook.create_sheet(LISTS_SHEET)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")

    where: dict[str, str] = {}
    list_column = 0
    for item in items:
        if not item.choices:
            continue
        list_column += 1
        letter, note = get_column_letter(list_column * 2 - 1), get_column_letter(list_column * 2)
        listed[f"{letter}1"], listed[f"{note}1"] = item.header, "Mã, tên · code, name"
        for row, choice in enumerate(item.choices, 2):
            _text(listed[f"{letter}{row}"], choice.value)
            _text(listed[f"{note}{row}"], choice.note)
        for cell in (listed[f"{letter}1"], listed[f"{note}1"]):
            cell.font, cell.fill = bold, fill
        listed.column_dimensions[letter].width = _width(c.value for c in item.choices)
        listed.column_dimensions[note].width = _width(c.note for c in item.choices)
        where[item.column.name] = (f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:"
                                   f"${letter}${len(item.choices) + 1}")
    listed.freeze_panes = "A2"

    for position, item in enumerate(items, 1):
        letter = get_column_letter(position)
        header = data.cell(row=1, column=position, value=item.header)
        header.font, header.fill, header.alignment = bold, fill, wrap
        data.column_dimensions[letter].width = _width(
            [item.header, *(c.value for c in item.choices)], low=12)
        if (number_format := _number_format(item.column.cell)) is not None:
            data.column_dimensions[letter].number_format = number_format
        check = _validation(item, where.get(item.column.name))
        if check is not None:
            data.add_data_validation(check)
            check.add(f"{letter}2:{letter}{_LAST_ROW}")
    data.freeze_panes = "A2"

    for row, text in enumerate(_GUIDE_INTRO, 1):
        guide.cell(row=row, column=1, value=text)
    top = len(_GUIDE_INTRO) + 2
    for position, title in enumerate(_GUIDE_HEADER, 1):
        cell = guide.cell(row=top, column=position, value=title)
        cell.font, cell.fill = bold, fill
    for row, item in enumerate(items, top + 1):
        list_where = where.get(item.column.name, "")
        values = (item.header, item.column.name, str(item.schema.get("x-description-vi", "")),
                  item.column.meaning, _expected(item, LISTS_SHEET) if list_where else
                  _expected(item, ""), _REQUIRED[item.required], list_where)
        for position, value in enumerate(values, 1):
            _text(guide.cell(row=row, column=position), value).alignment = wrap
    for letter, width in zip("ABCDEFG", (28, 24, 40, 40, 50, 24, 30), strict=True):
        guide.column_dimensions[letter].width = width
    guide.freeze_panes = guide.cell(row=top + 1, column=1)

    workbook.custom_doc_props.append(StringProperty(
        name=HELPER_SHEETS_PROPERTY, value=json.dumps([GUIDE_SHEET, LISTS_SHEET],
                                                      ensure_ascii=False)))
    return workbook


def _text(cell: Any, value: str) -> Any:
    """``cell`` holding ``value`` as text: never a formula, whatever a catalogue name starts with."""
    cell.value = value
    if value.startswith(FORMULA_TRIGGERS):
        cell.data_type, cell.quotePrefix = "s", True
    return cell


def _width(texts: Any, *, low: int = 8, high: int = 45) -> float:
    return float(min(high, max([low, *(len(str(t)) + 2 for t in texts)])))


def write_template(path: Path, kind: str, lang: str = "vi", *, years: Sequence[int] = (),
                   lists: Mapping[str, Sequence[Choice]] | None = None) -> tuple[TemplateColumn, ...]:
    """Save the template of ``kind`` at ``path``; the columns it has."""
    build_template(kind, lang, years=years, lists=lists).save(path)
    return template_columns(kind, lang, years=years, lists=lists)
