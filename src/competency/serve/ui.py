"""The upload page at ``/``: an HR officer sends a roster and a date, and gets the results
workbook, the summary and the invalid records.

One self-contained HTML page, no script and nothing loaded from outside (it works on an
office network cut off from the internet). Every text that came with the upload (the file
name, record ids, error messages quoting values) goes through :func:`html.escape`.
"""

from __future__ import annotations

import base64
import datetime as dt
from html import escape
from typing import Any

from competency.rules.outcome import Outcome
from competency.serve.upload import SUFFIXES, Checked

__all__ = ["CSP", "MAX_SHOWN", "upload_page"]

MAX_SHOWN = 500
"""Invalid records listed on the page at most (the summary counts all of them)."""

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
"""The Content-Security-Policy of the page: inline style only, forms back to the service."""

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_STYLE = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#222}h1{font-size:1.5rem}form{border:1px solid #ccc;border-radius:6px;padding:1rem}
label{display:block;margin:.6rem 0}.en{color:#666}table{border-collapse:collapse;margin:.5rem 0}
td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}.error{background:#fde8e8;border:1px solid #c33;padding:.6rem;
border-radius:6px}.download{display:inline-block;background:#064;color:#fff;padding:.5rem 1rem;
border-radius:6px;text-decoration:none;margin:.5rem 0}.download .en{color:#cfe}ul{margin:0;padding-left:1.2rem}
code{font-family:ui-monospace,monospace}"""


def _both(vi: str, en: str) -> str:
    """Vietnamese first, English beside."""
    return f'{escape(vi)} · <span class="en">{escape(en)}</span>'


def _form(on: dt.date, lang: str) -> str:
    langs = "".join(f'<option value="{code}"{" selected" if code == lang else ""}>{label}'
                    "</option>" for code, label in (("vi", "Tiếng Việt"), ("en", "English")))
    return (
        '<form method="post" action="/" enctype="multipart/form-data">'
        f'<label>{_both("Tệp danh sách", "Roster file")} (XLSX, CSV, JSON Lines)<br>'
        f'<input type="file" name="roster" id="roster" required accept="{",".join(SUFFIXES)}">'
        f'</label><label>{_both("Ngày xét", "As-of date")}<br>'
        f'<input type="date" name="on" id="on" value="{on.isoformat()}" required></label>'
        f'<label>{_both("Ngôn ngữ kết quả", "Language of the results")}<br>'
        f'<select name="lang" id="lang">{langs}</select></label>'
        f'<button type="submit" id="submit">{_both("Đối chiếu", "Check")}</button></form>')


def _state(state: str, lang: str) -> str:
    """``unmet (due 2028-08-01)`` as a label in ``lang``."""
    code, _, rest = state.partition(" ")
    label = Outcome.parse(code).label(lang)
    due = rest.strip("()").removeprefix("due ")
    if due:
        label += f" (hạn {due})" if lang == "vi" else f" (due {due})"
    return escape(label)


def _summary(checked: Checked) -> str:
    summary, lang, tally = checked.summary, checked.upload.lang, checked.tally
    counts = "".join(f"<tr><th>{_both(vi, en)}</th><td id='count-{key}'>{value:,}</td></tr>"
                     for key, vi, en, value in (
                         ("read", "Hồ sơ đã đọc", "Records read", tally.read),
                         ("valid", "Hợp lệ", "Valid", tally.valid),
                         ("invalid", "Không hợp lệ", "Invalid", tally.invalid)))
    outcomes = "".join(f"<tr><td>{_state(state, lang)}</td><td>{count:,}</td></tr>"
                       for state, count in summary["results"].items())
    without = summary["officials_without_applicable_standard"]
    return (f"<table id='counts'>{counts}</table>"
            f"<h3>{_both('Kết quả theo loại', 'Results by outcome')}</h3>"
            f"<table id='outcomes'><tr><th>{_both('Kết quả', 'Outcome')}</th>"
            f"<th>{_both('Số lượt', 'Results')}</th></tr>{outcomes}</table>"
            f"<p>{_both('Hồ sơ không có tiêu chuẩn áp dụng', 'Officials without an applicable standard')}"
            f": {without:,}</p>")


def _invalid(invalid: tuple[dict[str, Any], ...]) -> str:
    if not invalid:
        return ""
    rows = "".join(
        f"<tr><td><code>{escape(entry['location'])}</code></td>"
        f"<td>{escape(entry['id'] or '')}</td><td><ul>"
        + "".join(f"<li>{escape(error)}</li>" for error in entry["errors"]) + "</ul></td></tr>"
        for entry in invalid[:MAX_SHOWN])
    more = (f"<p>{_both(f'… và {len(invalid) - MAX_SHOWN:,} hồ sơ khác', f'… and {len(invalid) - MAX_SHOWN:,} more')}</p>"
            if len(invalid) > MAX_SHOWN else "")
    return (f"<h3>{_both('Hồ sơ không hợp lệ (không được đối chiếu)', 'Invalid records (not checked)')}"
            f"</h3><table id='invalid'><tr><th>{_both('Vị trí', 'Location')}</th>"
            f"<th>{_both('Mã hồ sơ', 'Id')}</th><th>{_both('Lỗi', 'Errors')}</th></tr>{rows}</table>"
            f"{more}")


def _report(checked: Checked) -> str:
    on = checked.upload.on.isoformat()
    data = base64.b64encode(checked.workbook).decode("ascii")
    return (f"<section id='report'><h2>{_both('Kết quả', 'Results')}</h2>"
            f"<p>{_both('Tệp', 'File')}: <code id='file'>{escape(checked.upload.name)}</code> — "
            f"{_both('Ngày xét', 'As-of date')}: {on}</p>"
            f'<a class="download" id="download" download="ket-qua-{on}.xlsx" '
            f'href="data:{_XLSX};base64,{data}">'
            f"{_both('Tải bảng kết quả (.xlsx)', 'Download the results workbook')}</a>"
            f"{_summary(checked)}{_invalid(checked.invalid)}</section>")


def upload_page(*, on: dt.date, lang: str = "vi", checked: Checked | None = None,
                error: str | None = None) -> str:
    """The page: the form, then a refusal's message or the check's report."""
    title = _both("Đối chiếu tiêu chuẩn cán bộ, công chức", "Check officials against the standards")
    shown = ""
    if error is not None:
        shown = (f"<p class='error' id='error' role='alert'>{_both('Không xử lý được tệp', 'The file could not be used')}"
                 f": {escape(error)}</p>")
    elif checked is not None:
        shown = _report(checked)
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>competency</title><style>{_STYLE}</style></head><body><h1>{title}</h1>"
            f"<p>{_both('Tải lên danh sách hồ sơ và chọn ngày xét; nhận bảng kết quả như lệnh', 'Upload a roster and choose a date; get the results workbook as')}"
            f" <code>competency check ROSTER --on DATE --format xlsx</code>. "
            f'<a href="/docs">/docs</a>: API</p>{_form(on, lang)}{shown}</body></html>')
