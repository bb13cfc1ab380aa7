"""Reading rosters: every record comes back once, located, with its problems."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import time
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from competency.errors import InputError
from competency.io import (
    COLUMNS,
    RawRecord,
    SourceLocation,
    column_for_pointer,
    columns_markdown,
    read_records,
)
from competency.io._json import MAX_LINE_BYTES
from competency.io.columns import header_key, match_header
from competency.schema.validate import validator

ROOT = Path(__file__).resolve().parents[2]


def read(path: Path, **options: str) -> list[RawRecord]:
    return list(read_records(path, **options))


def where(records: list[RawRecord]) -> list[str]:
    return [str(r.location) for r in records]


def schema_pointers(data: dict) -> list[str]:
    return [issue.pointer for issue in validator("official").errors(data)]


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def cp1258(text: str) -> bytes:
    """Windows-1258 bytes as Vietnamese Windows writes them: base letter, then tone mark."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in tones))
            out += (base + "".join(p for p in parts if p in tones)).encode("cp1258")
    return out


# -- locations ----------------------------------------------------------------------------

def test_location_renders_file_line_or_sheet_row() -> None:
    """A text location reads file:line, a workbook location file:Sheet!row."""
    assert str(SourceLocation(file="a.jsonl", line=7)) == "a.jsonl:7"
    assert str(SourceLocation(file="b.xlsx", sheet="Xã An Hiệp", row=12)) == "b.xlsx:Xã An Hiệp!12"
    assert str(SourceLocation(file="c.json")) == "c.json"


# -- JSON ---------------------------------------------------------------------------------

def test_json_array_gives_each_element_with_its_line(tmp_path: Path) -> None:
    """Each element of a top-level array is a record located at the line it starts on."""
    path = tmp_path / "roster.json"
    path.write_text('[\n  {"id": "A1"},\n\n  {"id": "A2",\n   "gender": "female"}\n]\n', "utf-8")
    records = read(path)
    assert [r.data for r in records] == [{"id": "A1"}, {"id": "A2", "gender": "female"}]
    assert where(records) == [f"{path}:2", f"{path}:4"]
    assert all(r.ok for r in records)


def test_json_single_object_is_one_record(tmp_path: Path) -> None:
    """A file holding one object is one record, located at its first line."""
    path = tmp_path / "one.json"
    path.write_text('\n{"id": "BTR-000123", "full_name": "Nguyễn Thị Lan"}', "utf-8")
    assert read(path) == [RawRecord(location=SourceLocation(file=str(path), line=2),
                                    data={"id": "BTR-000123", "full_name": "Nguyễn Thị Lan"})]


def test_json_records_or_officials_member_holds_the_records(tmp_path: Path) -> None:
    """An object's records and officials arrays are read; other members are not records."""
    path = tmp_path / "wrapped.json"
    path.write_text('{"source": "Sở Nội vụ",\n "records": [{"id": "1"},\n {"id": "2"}],\n'
                    ' "officials": [\n{"id": "3"}]}', "utf-8")
    records = read(path)
    assert [r.data for r in records] == [{"id": "1"}, {"id": "2"}, {"id": "3"}]
    assert [r.location.line for r in records] == [2, 3, 5]


def test_json_element_that_is_not_an_object_is_reported(tmp_path: Path) -> None:
    """A non-object element gives a record without data, not a silent skip."""
    path = tmp_path / "mixed.json"
    path.write_text('[{"id": "1"},\n 42]', "utf-8")
    records = read(path)
    assert records[1] == RawRecord(location=SourceLocation(file=str(path), line=2), data=None,
                                   problems=("expected a JSON object, got a number",))


def test_json_syntax_error_keeps_records_before_it(tmp_path: Path) -> None:
    """Records before a syntax error are read; the error is one record at its line and column."""
    path = tmp_path / "broken.json"
    path.write_text('[{"id": "1"},\n {"id": "2"},\n {"id" "3"},\n {"id": "4"}]', "utf-8")
    records = read(path)
    assert [r.data for r in records] == [{"id": "1"}, {"id": "2"}, None]
    assert records[2].location.line == 3
    assert records[2].problems == (("invalid JSON: Expecting ':' delimiter (column 8); "
                                   "the rest of the file was not read"),)


def test_json_that_is_not_utf8_raises_input_error(tmp_path: Path) -> None:
    """A JSON file in another encoding cannot be read at all."""
    path = tmp_path / "latin.json"
    path.write_bytes(b'{"id": "\xe9"}')
    with pytest.raises(InputError, match="not valid UTF-8"):
        read(path)


# -- JSON Lines ---------------------------------------------------------------------------

def test_jsonl_reads_one_record_per_line_and_skips_blank_lines(tmp_path: Path) -> None:
    """Blank lines are not records; line numbers count them."""
    path = tmp_path / "roster.jsonl"
    path.write_text('{"id": "1"}\n\n   \n{"id": "2"}\r\n', "utf-8")
    records = read(path)
    assert [r.data for r in records] == [{"id": "1"}, {"id": "2"}]
    assert [r.location.line for r in records] == [1, 4]


def test_jsonl_malformed_line_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    """A bad line gives a problem with the decoder's message and column; later lines still read."""
    path = tmp_path / "roster.ndjson"
    path.write_text('{"id": "1"}\n{"id": "2", oops}\n[1, 2]\n{"id": "4"}\n', "utf-8")
    records = read(path)
    assert where(records) == [f"{path}:{n}" for n in (1, 2, 3, 4)]
    assert [r.data for r in records] == [{"id": "1"}, None, None, {"id": "4"}]
    assert records[1].problems == (
        "invalid JSON: Expecting property name enclosed in double quotes (column 13)",)
    assert records[2].problems == ("expected a JSON object, got an array",)


def test_jsonl_line_of_50_mb_is_reported_without_reading_it_whole(tmp_path: Path) -> None:
    """A 50 MB line is reported as too long, quickly, and the next line is read."""
    path = tmp_path / "huge.jsonl"
    size = 50 * 10**6
    with path.open("wb") as stream:
        stream.write(b'{"id": "1"}\n{"id": "2", "note": "')
        stream.write(b"a" * size)
        stream.write(b'"}\n{"id": "3"}\n')
    started = time.monotonic()
    records = read(path)
    assert time.monotonic() - started < 5
    assert [r.data for r in records] == [{"id": "1"}, None, {"id": "3"}]
    assert [r.location.line for r in records] == [1, 2, 3]
    assert records[1].problems == ((f"line too long: {size + 24} bytes, more than the "
                                   f"{MAX_LINE_BYTES} bytes read"),)


def test_jsonl_long_line_within_limit_is_parsed(tmp_path: Path) -> None:
    """A line of a few megabytes is still an ordinary record."""
    path = tmp_path / "long.jsonl"
    name = "Lan" * 1_000_000
    path.write_text(json.dumps({"id": "1", "full_name": name}) + "\n", "utf-8")
    assert read(path)[0].data == {"id": "1", "full_name": name}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=10)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.dictionaries(st.text(), json_values, max_size=5), max_size=8))
def test_jsonl_round_trip(objects: list[dict]) -> None:
    """Any list of objects written as JSON Lines reads back as the same records, in order."""
    with tempfile.TemporaryDirectory() as folder:  # examples must not share tmp_path
        path = Path(folder) / "round.jsonl"
        path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects),
                        "utf-8")
        records = read(path)
    assert [r.data for r in records] == objects
    assert [r.location.line for r in records] == list(range(1, len(objects) + 1))


# -- empty files and unusable paths ---------------------------------------------------------

@pytest.mark.parametrize(("name", "content"), [
    ("empty.json", ""), ("blank.json", "\n  \n"), ("array.json", " [ ]\n"),
    ("empty.jsonl", ""), ("empty.csv", ""), ("header-only.csv", "id,Họ tên\n"),
])
def test_empty_file_gives_no_records(tmp_path: Path, name: str, content: str) -> None:
    """A file with no records yields nothing, so the caller reports 0 read."""
    path = tmp_path / name
    path.write_text(content, "utf-8")
    assert read(path) == []


def test_unknown_suffix_raises_input_error(tmp_path: Path) -> None:
    """A suffix that names no format is refused with the formats that exist."""
    path = tmp_path / "roster.txt"
    path.write_text("{}", "utf-8")
    with pytest.raises(InputError) as caught:
        read_records(path)
    assert str(caught.value) == (f"{path}: unknown roster format (suffix '.txt'); expected one of "
                                 ".json, .jsonl, .ndjson, .csv, .xlsx, .parquet, "
                                 "or name the format")


def test_format_option_overrides_the_suffix(tmp_path: Path) -> None:
    """format= reads a file whose suffix says nothing."""
    path = tmp_path / "export.txt"
    path.write_text('{"id": "1"}\n', "utf-8")
    assert [r.data for r in read(path, format="jsonl")] == [{"id": "1"}]


def test_missing_file_and_folder_raise_input_error(tmp_path: Path) -> None:
    """A path with no file behind it is refused when the reader is asked for."""
    with pytest.raises(InputError, match="no such file"):
        read_records(tmp_path / "absent.csv")
    folder = tmp_path / "folder.json"
    folder.mkdir()
    with pytest.raises(InputError, match="not a file"):
        read_records(folder)


def test_corrupt_workbook_raises_input_error(tmp_path: Path) -> None:
    """A .xlsx that is not a workbook is refused with a message, not a traceback."""
    path = tmp_path / "fake.xlsx"
    path.write_text("not a zip", "utf-8")
    with pytest.raises(InputError, match="not a readable XLSX workbook"):
        read(path)


# -- CSV ----------------------------------------------------------------------------------

CSV_TEXT = ("Mã hồ sơ,Họ và tên,Ngày sinh,Giới tính,Trình độ chuyên môn\n"
            "BTR-1,Nguyễn Thị Lan,01/05/1990,Nữ,Trung cấp\n")
LAN = {"id": "BTR-1", "full_name": "Nguyễn Thị Lan", "birth_date": "1990-05-01",
       "gender": "female", "education": [{"level": "trung_cap"}]}


@pytest.mark.parametrize("encoded", [CSV_TEXT.encode("utf-8"), b"\xef\xbb\xbf" + CSV_TEXT.encode(),
                                     cp1258(CSV_TEXT)], ids=["utf-8", "bom", "cp1258"])
def test_csv_encodings_read_the_same_record(tmp_path: Path, encoded: bytes) -> None:
    """UTF-8, UTF-8 with BOM and Windows-1258 files give the same record, names in NFC."""
    path = tmp_path / "roster.csv"
    path.write_bytes(encoded)
    [record] = read(path)
    assert record.data == LAN
    assert record.problems == ()
    assert record.location == SourceLocation(file=str(path), line=2)


def test_cp1258_sample_is_not_utf8() -> None:
    """The Windows-1258 bytes used above really are not UTF-8, so the fallback is exercised."""
    with pytest.raises(UnicodeDecodeError):
        cp1258("Nguyễn Thị Lan").decode("utf-8")


def test_cp1258_read_is_noted(tmp_path: Path) -> None:
    """A Windows-1258 file is read with a note saying so."""
    path = tmp_path / "old.csv"
    path.write_bytes(cp1258(CSV_TEXT))
    assert read(path)[0].notes == ("read as Windows-1258 (cp1258): the file is not valid UTF-8",)


def test_csv_semicolon_delimiter_is_detected(tmp_path: Path) -> None:
    """A ;-separated file (decimal-comma locales) is split on ;, even with commas in values."""
    path = tmp_path / "roster.csv"
    path.write_text("id;Đơn vị;Lãnh đạo, quản lý;Điểm ngoại ngữ\n"
                    "A1;Xã An Hiệp, huyện Châu Thành;x;6,5\n", "utf-8")
    [record] = read(path)
    assert record.data == {"id": "A1", "unit": {"name": "Xã An Hiệp, huyện Châu Thành"},
                           "assignments": [{"leadership": True}], "languages": [{"score": 6.5}]}


def test_csv_row_becomes_the_nested_record_the_schema_accepts(tmp_path: Path) -> None:
    """Flat columns fill the nested record; labels become codes; the result validates."""
    path = tmp_path / "full.csv"
    path.write_text(
        "STT,Mã hồ sơ,Họ tên,Ngày sinh,Giới tính,Dân tộc,Đối tượng,Ngày tuyển dụng,Đơn vị,Cấp,"
        "Mã tỉnh,Mã xã,Vùng khó khăn,Chức vụ,Ngạch,Trình độ giáo dục phổ thông,"
        "Trình độ chuyên môn,Chuyên ngành,Lý luận chính trị,Ngoại ngữ,Tin học,Quản lý nhà nước,"
        "Đảng viên,Xếp loại 2024,Xếp loại năm 2023\n"
        "1,BTR-000123,Nguyễn Thị Lan,1990-05-01,nữ,Kinh,Công chức,01/03/2015,Xã An Hiệp,Cấp xã,"
        "83,28756,không,cc_xa.tu_phap_ho_tich,Chuyên viên,12/12,Trung cấp,Luật,không,"
        "Tiếng Anh B1,Cơ bản,chưa có,có,Hoàn thành tốt nhiệm vụ,hoan_thanh\n", "utf-8")
    [record] = read(path)
    assert record.problems == () and record.notes == ()
    assert record.data == {
        "id": "BTR-000123", "full_name": "Nguyễn Thị Lan", "birth_date": "1990-05-01",
        "gender": "female", "ethnicity": "Kinh", "category": "cong_chuc",
        "recruited_on": "2015-03-01",
        "unit": {"name": "Xã An Hiệp", "level": "commune", "province_code": "83",
                 "commune_code": "28756", "disadvantaged_area": False},
        "assignments": [{"title": "cc_xa.tu_phap_ho_tich", "rank": "01.003"}],
        "high_school": True,
        "education": [{"level": "trung_cap", "field": "Luật"}],
        "political_theory": [],
        "languages": [{"level": "bac_3", "language": "en"}],
        "it_skills": [{"level": "basic"}],
        "state_management": [],
        "party_member": True,
        "ratings": [{"rating": "hoan_thanh_tot", "year": 2024},
                    {"rating": "hoan_thanh", "year": 2023}],
    }
    assert schema_pointers(record.data) == []


def test_empty_cell_is_unknown_and_none_marker_is_none(tmp_path: Path) -> None:
    """An empty qualification cell leaves the key out; "không" records an empty list."""
    path = tmp_path / "none.csv"
    path.write_text("id,Ngoại ngữ,Tin học\nA1,,không\nA2,-,\n", "utf-8")
    assert [r.data for r in read(path)] == [{"id": "A1", "it_skills": []},
                                            {"id": "A2", "languages": []}]


def test_none_marker_contradicted_by_another_column_is_a_problem(tmp_path: Path) -> None:
    """Saying "none" and giving a field of study for the same diploma is not guessed at."""
    path = tmp_path / "contradiction.csv"
    path.write_text("id,Trình độ chuyên môn,Chuyên ngành\nA1,không,Luật\n", "utf-8")
    [record] = read(path)
    assert record.problems == (("column 'Trình độ chuyên môn' (education_level) records none, "
                               "but column 'Chuyên ngành' (education_field) has a value"),)


def test_unknown_label_names_column_value_and_valid_values(tmp_path: Path) -> None:
    """An unknown vocabulary label is a problem naming the column, value and codes; kept raw."""
    path = tmp_path / "bad.csv"
    path.write_text("id,Trình độ chuyên môn\nA1,Đại hoc chính quy\n", "utf-8")
    [record] = read(path)
    assert record.problems == (
        ("column 'Trình độ chuyên môn' (education_level): unknown value 'Đại hoc chính quy'; "
        "expected one of: thpt (Tốt nghiệp trung học phổ thông), so_cap (Sơ cấp), "
        "trung_cap (Trung cấp), cao_dang (Cao đẳng), dai_hoc (Đại học), thac_si (Thạc sĩ), "
        "tien_si (Tiến sĩ)"),)
    assert record.data == {"id": "A1", "education": [{"level": "Đại hoc chính quy"}]}
    assert not record.ok
    assert schema_pointers(record.data) == ["/education/0/level"]


def test_misspelt_label_suggests_the_close_one(tmp_path: Path) -> None:
    """A near miss gets a did-you-mean with the Vietnamese label."""
    path = tmp_path / "typo.csv"
    path.write_text("id,Giới tính\nA1,femal\n", "utf-8")
    assert read(path)[0].problems[0].startswith(
        "column 'Giới tính' (gender): unknown value 'femal' (did you mean 'Nữ'?)")


@pytest.mark.parametrize("cell", ["30/02/2023", "2023-02-30"])
def test_impossible_date_in_a_cell_is_a_problem(tmp_path: Path, cell: str) -> None:
    """30 February is refused in either notation, naming the column and the value."""
    path = tmp_path / "date.csv"
    path.write_text(f"id,Ngày sinh\nA1,{cell}\n", "utf-8")
    [record] = read(path)
    assert record.problems == ((f"column 'Ngày sinh' (birth_date): {cell!r} is not a valid date "
                               "(day is out of range for month)"),)
    assert record.data == {"id": "A1", "birth_date": cell}


def test_unknown_columns_are_noted_once(tmp_path: Path) -> None:
    """Unknown columns are ignored with one note on the first record; STT passes silently."""
    path = tmp_path / "extra.csv"
    path.write_text("STT,id,Quê quán,Sở thích\n1,A1,Bến Tre,đọc sách\n2,A2,Hà Nội,\n", "utf-8")
    records = read(path)
    assert [r.data for r in records] == [{"id": "A1"}, {"id": "A2"}]
    assert [r.notes for r in records] == [("ignored unknown columns: 'Quê quán', 'Sở thích'",), ()]
    assert all(r.ok for r in records)


def test_missing_id_column_makes_every_row_invalid(tmp_path: Path) -> None:
    """Without an id column each row is reported, not evaluated anonymously."""
    path = tmp_path / "noid.csv"
    path.write_text("Họ và tên,Giới tính\nLan,Nữ\nBình,Nam\n", "utf-8")
    records = read(path)
    assert len(records) == 2
    problem = ("no id column: the header needs a column named id "
               "(or Mã hồ sơ, Mã cán bộ, Mã CBCC …)")
    assert [r.problems for r in records] == [(problem,), (problem,)]
    assert records[1].data == {"full_name": "Bình", "gender": "male"}


def test_title_rows_above_the_header_are_skipped_with_a_note(tmp_path: Path) -> None:
    """A report title above the header is not a record, and the reader says it skipped it."""
    path = tmp_path / "titled.csv"
    path.write_text("DANH SÁCH CÔNG CHỨC XÃ,,\n,,\nid,Họ tên,Giới tính\nA1,Lan,Nữ\n", "utf-8")
    [record] = read(path)
    assert record.data == {"id": "A1", "full_name": "Lan", "gender": "female"}
    assert record.location.line == 4
    assert record.notes == ((f"row(s) above the header at {path}:3 skipped as titles: "
                            "'DANH SÁCH CÔNG CHỨC XÃ'"),)


def test_oversized_csv_field_is_reported_and_later_rows_read(tmp_path: Path) -> None:
    """A row the CSV parser refuses becomes a problem record; the next row is still read."""
    path = tmp_path / "big.csv"
    path.write_text("id,Họ tên\nA1,Lan\nA2," + "x" * 200_000 + "\nA3,Bình\n", "utf-8")
    records = read(path)
    assert [r.location.line for r in records] == [2, 3, 4]
    assert records[1].data is None
    assert records[1].problems == ("unreadable CSV row: field larger than field limit (131072)",)
    assert records[2].data == {"id": "A3", "full_name": "Bình"}


def test_codes_get_their_leading_zeros_back(tmp_path: Path) -> None:
    """Province 1 (Hà Nội) typed as a number is the code 01; a wrong code is a problem."""
    path = tmp_path / "codes.csv"
    path.write_text("id,Mã tỉnh,Mã xã\nA1,1,4\nA2,123,Xã A\n", "utf-8")
    first, second = read(path)
    assert first.data == {"id": "A1", "unit": {"province_code": "01", "commune_code": "00004"}}
    assert second.problems == ("column 'Mã tỉnh' (province_code): '123' is not a 2-digit code",
                               "column 'Mã xã' (commune_code): 'Xã A' is not a 5-digit code")


# -- XLSX ---------------------------------------------------------------------------------

def test_xlsx_vietnamese_headers_date_cells_and_sheet_rows(tmp_path: Path) -> None:
    """Workbook rows are located as file:Sheet!row; date and number cells convert."""
    path = write_xlsx(tmp_path / "roster.xlsx", {"Xã An Hiệp": [
        ["DANH SÁCH CÁN BỘ, CÔNG CHỨC"],
        ["Mã hồ sơ", "Họ và tên", "Ngày sinh (dd/mm/yyyy)", "Giới tính", "Mã tỉnh",
         "Đảng viên", "Quê quán"],
        [123, "Nguyễn Thị Lan", dt.datetime(1990, 5, 1), "Nữ", 83, True, "Bến Tre"],
        [None, None, None, None, None, None, None],
        ["A2", "Trần Văn Bình", "15/08/1985", "Nam", "83", "x", None],
    ]})
    records = read(path)
    assert where(records) == [f"{path}:Xã An Hiệp!3", f"{path}:Xã An Hiệp!5"]
    assert [r.data for r in records] == [
        {"id": "123", "full_name": "Nguyễn Thị Lan", "birth_date": "1990-05-01",
         "gender": "female", "unit": {"province_code": "83"}, "party_member": True},
        {"id": "A2", "full_name": "Trần Văn Bình", "birth_date": "1985-08-15",
         "gender": "male", "unit": {"province_code": "83"}, "party_member": True},
    ]
    assert records[0].notes == (
        "ignored unknown columns: 'Quê quán'",
        (f"row(s) above the header at {path}:Xã An Hiệp!2 skipped as titles: "
        "'DANH SÁCH CÁN BỘ, CÔNG CHỨC'"))


def test_xlsx_reads_every_sheet_with_its_own_header(tmp_path: Path) -> None:
    """Each worksheet is a table; columns may differ and may be missing."""
    path = write_xlsx(tmp_path / "two.xlsx", {
        "Xã A": [["id", "Giới tính"], ["A1", "Nữ"]],
        "Xã B": [["Tin học", "Mã hồ sơ"], ["Nâng cao", "B1"]],
    })
    records = read(path)
    assert where(records) == [f"{path}:Xã A!2", f"{path}:Xã B!2"]
    assert [r.data for r in records] == [{"id": "A1", "gender": "female"},
                                         {"id": "B1", "it_skills": [{"level": "advanced"}]}]
    assert [r.data for r in read(path, sheet="Xã B")] == [records[1].data]


def test_xlsx_unknown_sheet_is_an_input_error(tmp_path: Path) -> None:
    """Asking for a sheet the workbook lacks names the sheets it has."""
    path = write_xlsx(tmp_path / "one.xlsx", {"Sheet1": [["id"], ["A1"]]})
    with pytest.raises(InputError, match="no sheet 'Tổng hợp'; the sheets are: Sheet1"):
        read(path, sheet="Tổng hợp")


def test_xlsx_missing_id_and_bad_cells_are_row_problems(tmp_path: Path) -> None:
    """A sheet without an id column and with a bad yes/no cell reports both on the row."""
    path = write_xlsx(tmp_path / "bad.xlsx", {"DS": [["Họ tên", "Đảng viên"], ["Lan", "có lẽ"]]})
    [record] = read(path)
    assert record.problems == (
        "no id column: the header needs a column named id (or Mã hồ sơ, Mã cán bộ, Mã CBCC …)",
        ("column 'Đảng viên' (party_member): 'có lẽ' is not yes or no; "
        "expected có/không, x, yes/no, true/false, 1/0"))


# -- JSON records reach the schema validator ------------------------------------------------

def test_wrong_type_and_unknown_code_are_schema_errors_at_their_pointer(tmp_path: Path) -> None:
    """JSON passes through as read; the validator names the pointer, the pointer a column."""
    path = tmp_path / "typed.jsonl"
    path.write_text('{"id": "A1", "high_school": "yes", "education": [{"level": "phd"}]}\n',
                    "utf-8")
    [record] = read(path)
    assert record.ok
    assert schema_pointers(record.data) == ["/education/0/level", "/high_school"]
    assert [column_for_pointer(p) for p in schema_pointers(record.data)] == [
        "education_level", "high_school"]


def test_missing_id_and_impossible_date_are_schema_errors(tmp_path: Path) -> None:
    """A record without id and with 2023-02-30 is read as is and refused by the validator."""
    path = tmp_path / "noid.json"
    path.write_text('[{"full_name": "Lan", "birth_date": "2023-02-30"}]', "utf-8")
    [record] = read(path)
    issues = validator("official").errors(record.data)
    assert [(i.pointer, i.message) for i in issues] == [
        ("", "'id' is required (missing)"),
        ("/birth_date", "'2023-02-30' is not a 'date'"),
    ]


# -- the column layout --------------------------------------------------------------------

def test_pointer_maps_back_to_its_column() -> None:
    """Schema pointers of converted records name the column they came from."""
    assert column_for_pointer("/education/0/level") == "education_level"
    assert column_for_pointer("/unit/province_code") == "province_code"
    assert column_for_pointer("/assignments/0") == "title"
    assert column_for_pointer("/languages/2/level") == "language_level"
    assert column_for_pointer("/ratings/1/rating") == "rating_<year>"
    assert column_for_pointer("/training/0/programme") is None
    assert column_for_pointer("") is None


def test_every_column_points_into_the_official_schema() -> None:
    """Each column's pointer is a property path of the official schema, so nothing is invented."""
    from competency.schema.validate import load_schema

    schema = load_schema("official")

    def resolve(node: dict, parts: list[str]) -> bool:
        if not parts:
            return True
        node = node.get("anyOf", [node])[0]
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
        if node.get("type") == "array" or "array" in node.get("type", ()):
            return parts[0].isdigit() and resolve(node["items"], parts[1:])
        return parts[0] in node.get("properties", {}) and \
            resolve(node["properties"][parts[0]], parts[1:])

    missing = [c.name for c in COLUMNS if not resolve(schema, c.pointer.split("/")[1:])]
    assert missing == []


def test_no_header_alias_names_two_columns() -> None:
    """Every spelling of a header belongs to exactly one column."""
    owners: dict[str, set[str]] = {}
    for column in COLUMNS:
        for spelling in (column.name, *column.aliases):
            owners.setdefault(header_key(spelling), set()).add(column.name)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_headers_match_ignoring_accents_case_and_remarks() -> None:
    """Typists' variants of a header find the same column."""
    names = [getattr(match_header(h), "name", None) for h in
             ("HỌ VÀ TÊN", "ho ten", "Ngày, tháng, năm sinh", "Ngày sinh (dd/mm/yyyy)",
              "Mã ngạch", "Quê quán")]
    assert names == ["full_name", "full_name", "birth_date", "birth_date", "rank", None]


def test_columns_doc_is_generated_from_the_layout() -> None:
    """docs/columns.md is exactly what columns_page() writes: the roster columns first."""
    from competency.io.column_sets import columns_page

    page = columns_page()
    assert (ROOT / "docs" / "columns.md").read_text("utf-8") == page
    assert page.startswith(columns_markdown().rstrip("\n"))
