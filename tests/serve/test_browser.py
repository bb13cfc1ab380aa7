"""The upload page in a real headless Chromium (Debian's, driven by Playwright), on a real
``competency serve``: choose a file and a date, submit, download the workbook.

Skipped where ``/usr/bin/chromium`` or Playwright is missing; ``make test-browser`` installs
both and runs these with ``COMPETENCY_REQUIRE_BROWSER=1``, under which a missing piece fails.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
REQUIRED = os.environ.get("COMPETENCY_REQUIRE_BROWSER") == "1"


def _missing(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"{reason}, and COMPETENCY_REQUIRE_BROWSER=1", pytrace=False)
    pytest.skip(f"{reason} (make test-browser installs it)", allow_module_level=True)


if not CHROMIUM.exists():
    _missing("no /usr/bin/chromium")
try:
    from playwright import sync_api
except ImportError:
    _missing("no playwright")
openpyxl = pytest.importorskip("openpyxl")

from tests.serve.conftest import ROSTER, run_cli  # noqa: E402

ON = "2020-06-01"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A Chromium page with a fresh profile; downloads allowed."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as driver:
        context = driver.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=FLAGS,
            accept_downloads=True)
        try:
            yield context
        finally:
            context.close()
    shutil.rmtree(profile, ignore_errors=True)


def rows(path: Path) -> list[list[object]]:
    book = openpyxl.load_workbook(path)
    return [[cell.value for cell in row] for row in book["Kết quả"].iter_rows()]


def submit(page, server: str, roster: Path, on: str = ON, lang: str = "vi") -> None:
    page.goto(f"{server}/")
    page.set_input_files("#roster", str(roster))
    page.fill("#on", on)
    page.select_option("#lang", lang)
    page.click("#submit")
    page.wait_for_selector("#report, #error")


def test_upload_choose_a_date_and_download_the_workbook(browser, server, tmp_path):
    page = browser.new_page()
    alerts = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    submit(page, server, ROSTER)
    assert page.locator("#error").count() == 0
    with page.expect_download() as download:
        page.click("#download")
    got = tmp_path / "from-browser.xlsx"
    download.value.save_as(got)
    assert download.value.suggested_filename == f"ket-qua-{ON}.xlsx"
    expected = tmp_path / "from-cli.xlsx"
    done = run_cli("check", str(ROSTER), "--on", ON, "--format", "xlsx", "--out", str(expected))
    assert done.returncode in (0, 1), done.stderr
    assert rows(got) == rows(expected) and len(rows(got)) > 1
    summary = json.loads(run_cli("check", str(ROSTER), "--on", ON, "--format", "json").stdout)
    shown = {key: int(page.inner_text(f"#count-{key}").replace(",", ""))
             for key in ("read", "valid", "invalid")}
    assert shown == summary["summary"]["records"]
    assert "Ngày xét · As-of date" in page.inner_text("body")
    assert alerts == []
    page.close()


def test_hostile_ids_and_names_are_shown_as_text_and_never_run(browser, server, tmp_path):
    hostile = "<script>alert(1)</script>"
    roster = tmp_path / "<img src=x onerror=alert(2)>.jsonl"
    roster.write_text(json.dumps({"id": hostile, "category": "cong_chuc", "birth_date": 1990})
                      + "\n", "utf-8")
    page = browser.new_page()
    alerts = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    submit(page, server, roster)
    table = page.inner_text("#invalid")
    assert hostile in table and f"{roster.name}:1" in table
    assert page.inner_text("#file") == roster.name
    assert page.locator("#report script, #report img").count() == 0
    assert alerts == []
    page.close()


def test_a_bad_file_is_a_message_on_the_page(browser, server, tmp_path):
    bad = tmp_path / "danh-sach.xlsx"
    bad.write_bytes(b"this is not a workbook")
    page = browser.new_page()
    submit(page, server, bad)
    message = page.inner_text("#error")
    assert "danh-sach.xlsx: not a readable XLSX workbook" in message
    assert "Traceback" not in page.content()
    page.close()
