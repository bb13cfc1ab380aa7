"""The upload page in process: the form, the workbook it returns against the one ``competency
check --format xlsx`` writes, the invalid rows, hostile names and values, refusals."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import re
import tempfile
import warnings
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")
pytest.importorskip("multipart")
openpyxl = pytest.importorskip("openpyxl")

with warnings.catch_warnings():  # Starlette asks for httpx2; httpx is what the tests use
    warnings.filterwarnings("ignore", message=".*httpx2")
    from starlette.testclient import TestClient  # noqa: E402

from typer.testing import CliRunner  # noqa: E402

from competency.cli import app as cli  # noqa: E402
from competency.serve import Service, create_app  # noqa: E402
from competency.serve import upload as upload_module  # noqa: E402
from competency.serve.ui import MAX_SHOWN  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
ROSTER = ROOT / "examples" / "sample-roster.jsonl"
ON = "2020-06-01"
HOSTILE = "<script>alert(1)</script>"

CLIENT = TestClient(create_app())


def _zip_without_a_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "a zip archive, not a workbook")
    return buffer.getvalue()


NOT_A_BOOK = _zip_without_a_workbook()


def send(name: str, content: bytes, on: str = ON, lang: str = "vi", client=CLIENT):
    return client.post("/", files={"roster": (name, content, "application/octet-stream")},
                       data={"on": on, "lang": lang})


def page_workbook(page: str) -> list[list[object]]:
    """The rows of the workbook behind the page's download link."""
    [data] = re.findall(r'id="download" download="[^"]+" href="data:[^;]+;base64,([^"]+)"', page)
    return workbook_rows(io.BytesIO(base64.b64decode(data)))


def workbook_rows(source) -> list[list[object]]:
    book = openpyxl.load_workbook(source)
    assert book.sheetnames == ["Kết quả"]
    return [[cell.value for cell in row] for row in book.active.iter_rows()]


def cli_check(roster: Path, tmp_path: Path) -> tuple[list[list[object]], dict]:
    """The CLI's workbook rows and its JSON summary for the same roster and date."""
    out = tmp_path / "cli.xlsx"
    runner = CliRunner()
    written = runner.invoke(cli, ["check", str(roster), "--on", ON, "--format", "xlsx",
                                  "--out", str(out)])
    assert written.exit_code in (0, 1), written.output
    document = runner.invoke(cli, ["check", str(roster), "--on", ON, "--format", "json"])
    return workbook_rows(out), json.loads(document.stdout)["summary"]


def counts(page: str) -> dict[str, int]:
    return {key: int(value.replace(",", "")) for key, value in
            re.findall(r"<td id='count-(\w+)'>([\d,]+)</td>", page)}


def roster_xlsx(path: Path) -> Path:
    """Three officials with Vietnamese headers; the second has a bad yes/no cell."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Xã Mỹ Hòa"
    sheet.append(["Mã hồ sơ", "Họ và tên", "Đối tượng", "Cấp", "Mã tỉnh", "Chức danh",
                  "Ngày sinh", "Tốt nghiệp THPT", "Trình độ chuyên môn", "Ngày tuyển dụng",
                  "Đảng viên"])
    sheet.append(["X-1", "Nguyễn Văn An", "Công chức", "Xã", "83", "cc_xa.tu_phap_ho_tich",
                  dt.datetime(1990, 5, 1), "có", "Đại học", dt.datetime(2015, 3, 1), "có"])
    sheet.append(["X-2", "Trần Thị Bình", "Công chức", "Xã", "83", "cc_xa.tu_phap_ho_tich",
                  "01/02/1985", "không", "Trung cấp", "01/03/2010", "có lẽ"])
    sheet.append(["X-3", "Lê Văn Cường", "Công chức", "Xã", "83", "cc_xa.van_hoa_xa_hoi",
                  "01/02/1985", "có", "Trung cấp", "01/03/2010", "không"])
    book.save(path)
    return path


def test_the_page_is_a_form_in_vietnamese_and_english_that_loads_nothing_from_outside():
    page = CLIENT.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in page.headers["content-security-policy"]
    text = page.text
    assert 'enctype="multipart/form-data"' in text and 'type="file" name="roster"' in text
    assert f'value="{dt.date.today().isoformat()}"' in text
    assert 'Ngày xét · <span class="en">As-of date</span>' in text
    assert "http://" not in text and "https://" not in text
    assert "<script" not in text and " src=" not in text


def test_a_jsonl_roster_gives_the_workbook_and_summary_of_the_command_line(tmp_path):
    answer = send(ROSTER.name, ROSTER.read_bytes())
    assert answer.status_code == 200
    rows, summary = cli_check(ROSTER, tmp_path)
    assert len(rows) > 1
    assert page_workbook(answer.text) == rows
    assert counts(answer.text) == summary["records"]
    outcomes = re.findall(r"<tr><td>([^<]+)</td><td>(\d+)</td></tr>", answer.text)
    assert sum(int(n) for _, n in outcomes) == sum(summary["results"].values()) == len(rows) - 1
    # Circular 13/2019/TT-BNV gave serving officials until 2024-12-25 to meet it
    due = str(summary["results"]["unmet (due 2024-12-25)"])
    assert ("Chưa đạt (hạn 2024-12-25)", due) in outcomes
    english = send(ROSTER.name, ROSTER.read_bytes(), lang="en").text
    assert "<td>Unmet (due 2024-12-25)</td>" in english
    assert page_workbook(english) == rows


def test_an_xlsx_roster_with_vietnamese_headers_shows_the_invalid_row_by_sheet_and_row(tmp_path):
    path = roster_xlsx(tmp_path / "danh-sach.xlsx")
    answer = send(path.name, path.read_bytes())
    assert answer.status_code == 200
    rows, summary = cli_check(path, tmp_path)
    assert page_workbook(answer.text) == rows
    assert [r[0] for r in rows[1:]] == ["X-1", "X-3"]
    assert counts(answer.text) == {"read": 3, "valid": 2, "invalid": 1} == summary["records"]
    [row] = re.findall(r"<table id='invalid'>.*?</table>", answer.text)
    assert "<code>danh-sach.xlsx:Xã Mỹ Hòa!3</code>" in row and "<td>X-2</td>" in row
    assert "column &#x27;Đảng viên&#x27; (party_member): &#x27;có lẽ&#x27; is not yes or no" in row
    assert str(tmp_path) not in answer.text and "/tmp" not in answer.text


def test_a_csv_roster_is_read_like_the_command_line_reads_it(tmp_path):
    path = tmp_path / "danh-sach.csv"
    path.write_text("Mã hồ sơ,Đối tượng,Cấp,Mã tỉnh,Chức danh,Ngày sinh,Tốt nghiệp THPT\n"
                    "C-1,Công chức,Xã,83,cc_xa.tu_phap_ho_tich,01/05/1990,có\n", "utf-8-sig")
    answer = send(path.name, path.read_bytes())
    rows, summary = cli_check(path, tmp_path)
    assert page_workbook(answer.text) == rows and rows[1][0] == "C-1"
    assert counts(answer.text) == summary["records"] == {"read": 1, "valid": 1, "invalid": 0}


def test_names_and_values_from_the_upload_are_escaped():
    name = "<img src=x onerror=alert(1)>.jsonl"
    lines = [json.dumps({"id": HOSTILE, "category": "cong_chuc", "birth_date": HOSTILE}),
             json.dumps({"id": "ok", "full_name": HOSTILE, "category": "nobody"})]
    answer = send(name, "\n".join(lines).encode())
    assert answer.status_code == 200
    text = answer.text
    assert "<script" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<code id='file'>&lt;img src=x onerror=alert(1)&gt;.jsonl</code>" in text
    assert "<code>&lt;img src=x onerror=alert(1)&gt;.jsonl:1</code></td><td>&lt;script&gt;" \
           in text
    assert counts(text) == {"read": 2, "valid": 0, "invalid": 2}


@pytest.mark.parametrize(("name", "content", "on", "message"), [
    ("roster.xlsx", b"not a workbook", ON, "roster.xlsx: not a readable XLSX workbook"),
    ("roster.txt", b'{"id": "A"}', ON, "roster.txt: a roster is a file ending in .json"),
    ("roster.jsonl", b'{"id": "A"}', "01/06/2020", "expected an as-of date YYYY-MM-DD, got "
                                                 "&#x27;01/06/2020&#x27;"),
    ("roster.xlsx", NOT_A_BOOK, ON, "roster.xlsx: not a readable XLSX workbook"),
])
def test_a_file_that_cannot_be_used_is_a_message_on_the_page(name, content, on, message):
    answer = send(name, content, on=on)
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("text/html")
    [shown] = re.findall(r"<p class='error' id='error' role='alert'>(.*?)</p>", answer.text)
    assert message in shown
    assert "Traceback" not in answer.text and "/tmp" not in answer.text
    assert 'type="file" name="roster"' in answer.text  # the form is there to try again


def test_a_form_without_a_file_or_not_multipart_is_refused_on_the_page():
    empty = CLIENT.post("/", data={"on": ON}, files={"other": ("x", b"", "text/plain")})
    assert empty.status_code == 400 and "no roster file was chosen" in empty.text
    plain = CLIENT.post("/", content=b"on=2020-06-01",
                        headers={"content-type": "application/x-www-form-urlencoded"})
    assert plain.status_code == 400 and "multipart/form-data" in plain.text


def test_the_body_limit_applies_to_the_upload():
    small = TestClient(create_app(Service(max_body=4096)))
    answer = send(ROSTER.name, ROSTER.read_bytes(), client=small)
    assert ROSTER.stat().st_size > 4096
    assert answer.status_code == 413
    assert "larger than the limit of 4,096 bytes" in answer.text
    assert send("one.jsonl", b'{"id": "A", "category": "cong_chuc"}',
                client=small).status_code == 200


def test_the_upload_is_checked_from_a_temporary_file_that_is_then_deleted(monkeypatch, tmp_path):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    seen = []
    real = upload_module.checked_records

    def spy(path, **options):
        seen.append((Path(path), Path(path).read_bytes()))
        yield from real(path, **options)

    monkeypatch.setattr(upload_module, "checked_records", spy)
    assert send(ROSTER.name, ROSTER.read_bytes()).status_code == 200
    assert send("roster.xlsx", b"not a workbook").status_code == 400
    assert [p.parent.parent for p, _ in seen] == [scratch, scratch]
    assert [data for _, data in seen] == [ROSTER.read_bytes(), b"not a workbook"]
    assert list(scratch.iterdir()) == []  # gone, after a success and after a refusal


def test_the_page_lists_at_most_max_shown_invalid_records():
    lines = "\n".join(json.dumps({"id": f"B-{i}", "birth_date": 1990})
                      for i in range(MAX_SHOWN + 3))
    answer = send("many.jsonl", lines.encode())
    assert answer.text.count("<tr><td><code>many.jsonl:") == MAX_SHOWN
    assert "… và 3 hồ sơ khác" in answer.text
    assert counts(answer.text)["invalid"] == MAX_SHOWN + 3


def test_an_unexpected_error_is_a_short_message_without_internals(monkeypatch, caplog):
    def broken(upload, catalog):
        raise RuntimeError("secret internal detail /srv/app.py")

    monkeypatch.setattr("competency.serve.app.check_upload", broken)
    answer = TestClient(create_app(), raise_server_exceptions=False).post(
        "/", files={"roster": ("r.jsonl", b"{}", "text/plain")}, data={"on": ON})
    assert answer.status_code == 500 and "internal error" in answer.text
    assert "secret" not in answer.text and "secret internal detail" in caplog.text
