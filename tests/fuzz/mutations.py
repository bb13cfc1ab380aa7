"""Strategies that break valid rosters and data files the ways real and hostile files are broken.

Each strategy starts from a valid file (records drawn from a few real shapes) and applies
mutations: byte flips, truncation, inserted hostile snippets (NaN, huge integers, repeated
keys, stray quotes, byte order marks, NUL bytes, aliases), swapped value types, and
re-encoding. The readers must answer each with records (valid or invalid, all counted) or
one :class:`~competency.errors.InputError`, never a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from typing import Any

from hypothesis import strategies as st

RECORDS = [
    {"id": "A-1", "category": "cong_chuc", "full_name": "Nguyễn Thị Nhàn",
     "birth_date": "1985-11-05", "gender": "female", "recruited_on": "2017-06-18",
     "education": [{"level": "dai_hoc", "field": "Luật"}],
     "languages": [{"language": "en", "level": "bac_3", "score": 6.5}]},
    {"id": "A-2", "category": "vien_chuc", "unit": {"name": "Xã A", "level": "commune",
                                                    "province_code": "12"},
     "assignments": [{"title": "cc_xa.tu_phap_ho_tich", "start": "2020-01-01"}]},
    {"id": "A-3"},
]

SNIPPETS = [b"NaN", b"Infinity", b"-Infinity", b"1e999", b"9" * 5000, b'"id": "X", ',
            b'"id":', b'"', b'""', b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\r", b"\n", b"\t=1+2",
            b",", b";", b"{", b"}", b"[", b"]", b"\\u0000", b"\\ud800", b"\xc3", b"9999-12-31",
            b"&a [*a]", b"*a", b"<<: *a", b"\xe1\xbb\x87", b"'", b"- ", b": ", b"null"]

VALUES: list[Any] = [None, True, 0, -1, 2**70, 1.5, "", "x", "9999-12-31", [], {}, [1], {"a": 1}]


def _swap(record: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    return {**record, key: value}


@st.composite
def records(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A few valid-looking records, some with one value swapped for another type."""
    chosen = draw(st.lists(st.sampled_from(RECORDS), min_size=1, max_size=4))
    out = []
    for record in chosen:
        if draw(st.booleans()):
            key = draw(st.sampled_from([*record, "id", "extra"]))
            record = _swap(record, key, draw(st.sampled_from(VALUES)))
        out.append(record)
    return out


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` after a few mutations."""
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "duplicate"]))
        if not data:
            kind = "insert"
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip":
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
        elif kind == "truncate":
            data = data[:at]
        elif kind == "insert":
            data = data[:at] + draw(st.sampled_from(SNIPPETS)) + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 8)):]
        else:
            end = draw(st.integers(at, min(len(data), at + 200)))
            data = data[:end] + data[at:end] + data[end:]
    return data


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32", "cp1258"]


@st.composite
def encoded(draw: st.DrawFn, text: str) -> bytes:
    """``text`` in one of the encodings rosters come in (UTF-16/32 with their mark)."""
    encoding = draw(st.sampled_from(ENCODINGS))
    if encoding == "utf-16-be":
        return b"\xfe\xff" + text.encode("utf-16-be")
    return text.encode(encoding, errors="replace")


def jsonl_text(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def json_text(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=1)


COLUMNS = ["id", "category", "full_name", "birth_date", "recruited_on", "language_score",
           "gender"]


def table(rows: list[dict[str, Any]]) -> list[list[Any]]:
    """A header and one row per record, flat columns only (the rest of a record is left out)."""
    return [COLUMNS, *[[_cell(r.get(c)) for c in COLUMNS] for r in rows]]


def _cell(value: Any) -> Any:
    return value if value is None or isinstance(value, (str, int, float)) else json.dumps(value)


def csv_text(rows: list[dict[str, Any]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(table(rows))
    return buffer.getvalue()


def xlsx_bytes(rows: list[dict[str, Any]]) -> bytes:
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    for row in table(rows):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rezipped(workbook: bytes, part: str, content: bytes) -> bytes:
    """The workbook with one part replaced (a sheet's XML mutated, zipped again)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, content if info.filename == part
                            else source.read(info.filename))
    return out.getvalue()
