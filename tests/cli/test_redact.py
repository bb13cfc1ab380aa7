"""``--redact`` on every command that prints invalid records: no personal value repeated."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_cli import run, write_jsonl

BIRTH = "1980-06-31"
GOOD = {"id": "A-1", "category": "cong_chuc", "education": [{"level": "dai_hoc"}]}

COMMANDS = {
    "validate": ["validate", "{roster}"],
    "check": ["check", "{roster}", "--on", "2024-01-01"],
    "check-vector": ["check", "{roster}", "--on", "2024-01-01", "--engine", "vector",
                     "--format", "jsonl"],
    "explain": ["explain", "{roster}", "--id", "A-2", "--on", "2024-01-01"],
    "gaps": ["gaps", "{roster}", "--on", "2024-01-01"],
    "select": ["select", "{roster}", "--scheme", "vn.postgraduate-dispatch", "--on", "2024-01-01"],
    "targets": ["targets", "{roster}", "--on", "2024-01-01"],
    "plan": ["plan", "{roster}", "--on", "2024-01-01"],
    "diff": ["diff", "{roster}", "--from", "2024-01-01"],
}


@pytest.fixture(scope="module")
def roster(tmp_path_factory):
    bad = dict(GOOD, id="A-2", birth_date=BIRTH)
    return write_jsonl(tmp_path_factory.mktemp("redact") / "r.jsonl",
                       [json.dumps(GOOD), json.dumps(bad)])


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_redact_hides_the_birth_date_and_only_with_the_option(name, roster):
    args = [a.format(roster=roster) for a in COMMANDS[name]]
    plain = run(*args)
    assert f"{roster}:2: /birth_date: '{BIRTH}' không phải ngày hợp lệ" in plain.stderr
    redacted = run(*args, "--redact")
    assert BIRTH not in redacted.stderr + redacted.stdout
    assert f"{roster}:2: /birth_date: <redacted> không phải ngày hợp lệ" in redacted.stderr
    assert redacted.returncode == plain.returncode == 1


def test_redact_hides_personal_cells_of_a_spreadsheet(tmp_path):
    """A CSV cell that cannot be read is quoted in its message, unless it is personal."""
    roster = tmp_path / "r.csv"
    roster.write_text("Mã hồ sơ,Ngày sinh,Trình độ chuyên môn\nA-1,30/02/1990,đại họcc\n",
                      encoding="utf-8")
    plain = run("validate", str(roster))
    assert "'30/02/1990' không phải ngày hợp lệ" in plain.stderr
    redacted = run("validate", str(roster), "--redact")
    assert "30/02/1990" not in redacted.stderr
    assert "cột 'Ngày sinh' (birth_date): <redacted> không phải ngày hợp lệ" in redacted.stderr
    assert "đại họcc" in redacted.stderr, "values of fields that are not personal stay"
