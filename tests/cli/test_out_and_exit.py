"""``--out`` writes every format to the file (nothing to the terminal), ``--fail-on`` fails CI
jobs on results, ``--version`` says which release answered."""

from __future__ import annotations

import csv
import json

import pytest

from competency import __version__
from tests.cli.test_cli import ROOT, SAMPLE, run

ON = ["--on", "2020-06-01"]
RUNS = {
    "check": ["check", str(SAMPLE), *ON],
    "gaps": ["gaps", str(SAMPLE), *ON],
    "select": ["select", str(SAMPLE), "--scheme", "vn.postgraduate-dispatch", *ON],
    "targets": ["targets", str(SAMPLE), *ON],
    "diff": ["diff", str(SAMPLE), "--from", "2019-12-24", "--to", "2019-12-25"],
}
FORMATS = {"check": ["table", "json", "jsonl", "csv"], "gaps": ["table", "json", "csv"],
           "select": ["table", "json", "csv"], "targets": ["table", "json", "csv"],
           "diff": ["text", "json", "jsonl", "csv"]}


def _read(path, fmt):
    text = path.read_text(encoding="utf-8")
    if fmt == "json":
        return json.loads(text)
    if fmt == "jsonl":
        return [json.loads(line) for line in text.splitlines()]
    if fmt == "csv":
        assert text.startswith("\ufeff"), "a CSV file starts with a byte-order mark"
        return list(csv.reader(text.removeprefix("\ufeff").splitlines()))
    return text


@pytest.mark.parametrize(("name", "fmt"),
                         [(n, f) for n, formats in sorted(FORMATS.items()) for f in formats])
def test_out_writes_the_report_to_the_file_and_nothing_to_the_terminal(name, fmt, tmp_path):
    out = tmp_path / f"report.{fmt}"
    to_file = run(*RUNS[name], "--format", fmt, "--out", str(out))
    to_terminal = run(*RUNS[name], "--format", fmt)
    assert to_file.returncode == to_terminal.returncode
    assert to_file.stdout == ""
    assert f"đã ghi {out}" in to_file.stderr
    written = _read(out, fmt)
    assert written, "the report is in the file"
    if fmt in ("json", "jsonl", "csv"):
        expected = to_terminal.stdout.removeprefix("\ufeff")
        assert written == _read_text(expected, fmt)


def _read_text(text, fmt):
    if fmt == "json":
        return json.loads(text)
    if fmt == "jsonl":
        return [json.loads(line) for line in text.splitlines()]
    return list(csv.reader(text.splitlines()))


def test_vector_engine_writes_its_csv_to_the_file(tmp_path):
    out = tmp_path / "v.csv"
    result = run("check", str(SAMPLE), *ON, "--engine", "vector", "--format", "csv",
                 "--out", str(out))
    assert result.stdout == ""
    rows = _read(out, "csv")
    assert rows[0][0] == "official_id" and len(rows) > 1


@pytest.mark.parametrize(("fail_on", "expected"), [(None, 0), ("unmet", 1), ("unknown", 1)])
def test_fail_on_turns_results_into_an_exit_status(fail_on, expected):
    """The sample roster has unmet and unknown results on 2020-06-01 and no invalid record."""
    extra = ["--fail-on", fail_on] if fail_on else []
    assert run("check", str(SAMPLE), *ON, *extra).returncode == expected


def test_fail_on_unmet_passes_when_only_unknown_results_fail(tmp_path):
    """One official whose only result is unknown: --fail-on unmet passes, unknown fails."""
    record = {"id": "U-1", "category": "cong_chuc", "recruited_on": "2015-03-01",
              "unit": {"level": "commune", "province_code": "83", "name": "Xã A"},
              "assignments": [{"title": "cc_xa.tu_phap_ho_tich", "start": "2015-03-01"}]}
    roster = tmp_path / "r.jsonl"
    roster.write_text(json.dumps(record) + "\n", encoding="utf-8")
    summary = run("check", str(roster), *ON, "--format", "json")
    assert set(json.loads(summary.stdout)["summary"]["results"]) == {"unknown"}
    assert run("check", str(roster), *ON, "--fail-on", "unmet").returncode == 0
    assert run("check", str(roster), *ON, "--fail-on", "unknown").returncode == 1


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"competency {__version__}"


@pytest.mark.parametrize("args", [["check", str(SAMPLE), "--lang", "fr"],
                                  ["check", str(SAMPLE), "--engine", "fast"],
                                  ["targets", str(SAMPLE), "--lang", "de"]])
def test_unknown_choices_are_refused_with_the_choices(args):
    result = run(*args)
    assert result.returncode == 2
    assert "is not one of" in result.stderr and "Traceback" not in result.stderr


def test_help_names_the_choices_and_the_date():
    text = run("check", "--help").stdout
    assert "--lang [vi|en]" in text and "--engine [reference|vector]" in text
    assert "--on DATE" in text


def test_validate_takes_several_files_as_a_hook_passes_them(tmp_path):
    good = tmp_path / "a.jsonl"
    good.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / "b.jsonl"
    bad.write_text('{"id": 5}\n', encoding="utf-8")
    result = run("validate", str(good), str(bad))
    assert result.returncode == 1
    assert f"{good}: đọc 38, hợp lệ 38, không hợp lệ 0" in result.stdout
    assert f"{bad}: đọc 1, hợp lệ 0, không hợp lệ 1" in result.stdout
    assert run("validate", str(good), str(good)).returncode == 0


def test_standards_check_passes_a_good_overlay_and_refuses_a_bad_one(tmp_path):
    overlay = ROOT / "docs" / "examples" / "overlay-ben-tre.yaml"
    result = run("standards", "check", str(overlay))
    assert result.returncode == 0
    assert "1 tiêu chuẩn hợp lệ: bt.ben-tre-2023.cong-chuc-xa-tu-phap" in result.stdout
    assert "thay thế tiêu chuẩn quốc gia 'vn.nd-33-2023.cong-chuc-xa'" in result.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("standards:\n  - id: x\n", encoding="utf-8")
    refused = run("standards", "check", str(bad))
    assert refused.returncode == 2 and "'requirements' is required" in refused.stderr


def test_the_pre_commit_hooks_name_commands_that_exist():
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in hooks:
        command = hook["entry"].split()[1:]
        assert run(*command, "--help").returncode == 0, hook["id"]


def test_development_commands_are_hidden_and_never_write_into_an_installed_package(tmp_path,
                                                                                    monkeypatch):
    from competency.cli import schemas

    listed = run("--help").stdout
    assert " schemas " not in listed and " docs " not in listed
    installed = tmp_path / "site-packages" / "competency" / "data" / "schemas"
    installed.mkdir(parents=True)
    monkeypatch.setattr(schemas, "_package_folder", lambda: installed)
    from competency.errors import InputError
    with pytest.raises(InputError, match="development command"):
        schemas.schemas(check=False, out_dir=None)
    assert list(installed.iterdir()) == []
