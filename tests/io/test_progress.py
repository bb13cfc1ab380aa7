"""The progress bar of long reads: on a terminal it shows, piped it says nothing."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest
from rich.console import Console
from typer.testing import CliRunner

from competency import synth
from competency.cli import _common, app
from competency.io import read_records
from competency.io.roster import Tally, checked_records


class Terminal(io.StringIO):
    """What a terminal looks like to rich: a stream that is a tty."""

    def isatty(self) -> bool:
        return True


def terminal() -> tuple[Console, Terminal]:
    screen = Terminal()
    return Console(file=screen, force_terminal=True, width=100), screen


@pytest.fixture(scope="module")
def roster(tmp_path_factory) -> Path:
    """About 2.5 MB of JSON Lines, so that the readers report more than once."""
    records = synth.generate(2000, seed=3, on=dt.date(2025, 6, 30), invalid_share=0.01)
    path = tmp_path_factory.mktemp("progress") / "roster.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def reports(path: Path) -> list[tuple[int, int | None, str]]:
    seen: list[tuple[int, int | None, str]] = []
    records = list(read_records(path, progress=lambda *report: seen.append(report)))
    assert records
    return seen


def test_text_readers_report_bytes_up_to_the_size(roster, tmp_path):
    """JSON Lines, JSON and CSV report bytes read, in order, ending at the file's size."""
    array = tmp_path / "roster.json"
    array.write_text("[" + ",\n".join(roster.read_text("utf-8").splitlines()) + "]", "utf-8")
    table = tmp_path / "roster.csv"
    table.write_text("id;full_name\n" + "".join(f"A-{n};Lê Văn {n}\n" for n in range(40_000)),
                     "utf-8")
    for path in (roster, array, table):
        seen = reports(path)
        size = path.stat().st_size
        assert len(seen) > 1, path
        assert [done for done, _, _ in seen] == sorted(done for done, _, _ in seen)
        assert seen[-1] == (size, size, "bytes")


def test_workbooks_report_rows(tmp_path):
    """A workbook is followed by rows, across its sheets."""
    workbook = openpyxl.Workbook()
    first = workbook.active
    first.title = "Xã A"
    second = workbook.create_sheet("Xã B")
    for sheet, count in ((first, 1500), (second, 700)):
        sheet.append(["id", "full_name"])
        for n in range(count):
            sheet.append([f"{sheet.title}-{n}", "Lê Thị Hoa"])
    path = tmp_path / "roster.xlsx"
    workbook.save(path)
    seen = reports(path)
    assert seen[-1][0] == 1501 + 701
    assert {unit for _, _, unit in seen} == {"rows"}


def test_a_terminal_shows_the_bar(roster):
    """On a (forced) terminal the bar is drawn, named after the file, then cleared."""
    console, screen = terminal()
    with _common.reading(roster, console=console, delay=0) as progress:
        assert progress is not None
        assert sum(1 for _ in checked_records(roster, progress=progress)) == 2000
    assert "reading roster.jsonl" in screen.getvalue()
    assert "MB" in screen.getvalue()


def test_the_commands_reader_draws_on_standard_error(roster, monkeypatch):
    """valid_officials (check, gaps, targets, select, plan) shows the bar on err."""
    console, screen = terminal()
    monkeypatch.setattr(_common, "err", console)
    monkeypatch.setattr(_common, "PROGRESS_DELAY", 0)
    tally = Tally()
    assert sum(1 for _ in _common.valid_officials(roster, tally)) == tally.valid > 0
    assert "reading roster.jsonl" in screen.getvalue()


def test_short_reads_show_nothing(roster):
    """Before the delay has passed there is no bar, even on a terminal."""
    console, screen = terminal()
    with _common.reading(roster, console=console, delay=3600) as progress:
        list(checked_records(roster, progress=progress))
    assert screen.getvalue() == ""


def test_no_terminal_no_bar(roster, monkeypatch):
    """Not a tty, whatever FORCE_COLOR says: no callback, so the readers do nothing extra."""
    monkeypatch.setenv("FORCE_COLOR", "1")
    screen = io.StringIO()
    with _common.reading(roster, console=Console(file=screen), delay=0) as progress:
        assert progress is None
    assert screen.getvalue() == ""


@pytest.mark.parametrize("command", [
    ["validate"], ["gaps", "--on", "2025-06-30"], ["targets", "--on", "2025-06-30"],
    ["plan", "--on", "2025-06-30"]])
def test_piped_commands_print_no_bar(roster, monkeypatch, command):
    """Through a pipe (the CliRunner's streams) standard error holds messages only, even
    when the environment says the console is interactive and coloured."""
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setattr(_common, "PROGRESS_DELAY", 0)
    monkeypatch.setattr(_common, "err", Console(stderr=True, force_interactive=True))
    result = CliRunner().invoke(app, [*command, str(roster)])
    assert result.exit_code in (0, 1), result.output
    assert "reading roster.jsonl" not in result.stderr
    assert "\x1b[?25l" not in result.stderr  # the bar hides the cursor
    assert "━" not in result.stderr
