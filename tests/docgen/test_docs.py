"""The documentation: generated reference pages are current, the site builds strictly, and
the Python examples of the guides run.

Code-block convention: every ```` ```python ```` block under ``docs/`` is executed, page by
page, in order, in one namespace per page, with the repository root as working directory.
A block whose info string has a title starting with ``no-run`` (```` ```python title="no-run:
why" ````) is shown but not executed.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from typer.testing import CliRunner

from competency.cli import app
from competency.docgen import Drift, drift, generate, write_pages
from competency.io.safe_yaml import load_yaml
from competency.standards.catalogue import Catalog, load_standard_file
from tests.docgen._blocks import Block, fenced_blocks

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
REFERENCE = DOCS / "reference"
CASES = ROOT / "tests" / "standards" / "cases"
SCHEMAS = ROOT / "schemas"
STANDARDS_DATA = ROOT / "src" / "competency" / "data" / "standards" / "vn"
GUIDES = ("guides/getting-started.md", "guides/provincial-overlay.md", "guides/json-schemas.md",
          "guides/ben-tre-2020.md", "guides/quang-ninh-2030.md",
          "guides/ha-noi-overseas-training.md", "guides/hcmc-needs-based-training.md")

def python_blocks(text: str) -> list[Block]:
    """The ```python blocks of a Markdown text, dedented, in order."""
    return fenced_blocks(text, ("python", "py"))


def run_page(path: Path) -> int:
    """Execute the runnable blocks of one page in one namespace; the number run."""
    namespace: dict[str, object] = {"__name__": f"docs:{path.name}"}
    count = 0
    for block in python_blocks(path.read_text(encoding="utf-8")):
        if block.run:
            # Padded so that tracebacks point at the right line of the Markdown file.
            source = "\n" * (block.line - 1) + block.code
            exec(compile(source, str(path), "exec"), namespace)
            count += 1
    return count


def _pages_with_code() -> list[str]:
    return sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")
                  if python_blocks(p.read_text(encoding="utf-8")))


# -- (d) the guides' code runs -------------------------------------------------------------

@pytest.mark.parametrize("page", _pages_with_code())
def test_page_code_blocks_run(page, monkeypatch):
    """Every ```python block of the page runs, in order, from the repository root."""
    monkeypatch.chdir(ROOT)
    assert run_page(DOCS / page) > 0


def test_every_guide_has_executed_examples():
    """Each guide holds Python examples the suite runs, so the runner cannot pass vacuously."""
    assert set(GUIDES) <= set(_pages_with_code())
    for guide in GUIDES:
        blocks = python_blocks((DOCS / guide).read_text(encoding="utf-8"))
        assert any(b.run and "assert" in b.code for b in blocks), guide


def test_runner_skips_no_run_blocks_and_fails_on_a_false_assert(tmp_path, monkeypatch):
    """The runner executes blocks in one namespace, skips no-run ones and reports failures."""
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "page.md"
    page.write_text("Text\n\n```python\nx = 1\n```\n\n```python title=\"no-run: demo\"\n"
                    "raise SystemExit('must not run')\n```\n\n!!! note\n    ```python\n"
                    "    assert x == 1\n    ```\n\n```sh\nexit 1\n```\n", encoding="utf-8")
    assert [b.run for b in python_blocks(page.read_text("utf-8"))] == [True, False, True]
    assert run_page(page) == 2
    page.write_text("Intro\n\n```python\nassert 1 + 1 == 3, 'arithmetic'\n```\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="arithmetic") as failure:
        run_page(page)
    assert failure.traceback[-1].lineno + 1 == 4, "tracebacks point at the Markdown line"


# -- (a) the committed reference equals a fresh generation ---------------------------------

def test_committed_reference_is_current():
    """docs/reference holds exactly what `competency docs` generates now."""
    found = drift(REFERENCE, generate(cases_dir=CASES))
    assert found == [], "docs/reference is out of date; run `competency docs`:\n" + "\n".join(
        map(str, found))


def test_generation_is_deterministic():
    """Two generations give the same pages, in sorted order."""
    first, second = generate(cases_dir=CASES), generate(cases_dir=CASES)
    assert first == second
    assert list(first) == sorted(first)


def test_a_changed_standard_without_regeneration_is_reported(tmp_path):
    """Editing a standard's YAML makes its page and the catalogue index stale."""
    write_pages(tmp_path, generate(cases_dir=CASES))
    assert drift(tmp_path, generate(cases_dir=CASES)) == []
    text = (STANDARDS_DATA / "tt-13-2019-bnv.yaml").read_text(encoding="utf-8")
    assert "valid_until: 2023-07-31" in text
    changed = load_standard_file(text.replace("valid_until: 2023-07-31", "valid_until: 2023-09-30"),
                                 "tt-13-2019-bnv.yaml")
    builtin = Catalog.builtin()
    catalog = attrs.evolve(builtin, standards={**builtin.standards, **{s.id: s for s in changed}})
    found = drift(tmp_path, generate(catalog, cases_dir=CASES))
    assert found == [Drift(path="standards/index.md", state="stale"),
                     Drift(path="standards/vn.tt-13-2019-bnv.cong-chuc-xa.md", state="stale")]


def test_docs_check_lists_stale_missing_and_extra_pages(tmp_path):
    """`competency docs --check` exits 1 naming each missing, stale and extra page."""
    out = tmp_path / "reference"
    runner = CliRunner()
    written = runner.invoke(app, ["docs", "--out", str(out), "--cases", str(CASES)])
    assert written.exit_code == 0, written.output
    assert runner.invoke(app, ["docs", "--out", str(out), "--cases", str(CASES),
                               "--check"]).exit_code == 0
    (out / "vocabularies.md").unlink()
    (out / "tables.md").write_text("edited by hand\n", encoding="utf-8")
    (out / "standards" / "vn.old.md").write_text("# gone\n", encoding="utf-8")
    result = runner.invoke(app, ["docs", "--out", str(out), "--cases", str(CASES), "--check"])
    assert result.exit_code == 1
    assert f"{out / 'vocabularies.md'}: missing" in result.output
    assert f"{out / 'tables.md'}: stale" in result.output
    assert f"{out / 'standards' / 'vn.old.md'}: extra" in result.output
    rewritten = runner.invoke(app, ["docs", "--out", str(out), "--cases", str(CASES)])
    assert "removed" in rewritten.output
    assert drift(out, generate(cases_dir=CASES)) == []


def test_standard_pages_show_the_data():
    """A standard's page has its instruments, timeline link, both trees, provisions and cases."""
    page = (REFERENCE / "standards" / "vn.tt-13-2019-bnv.cong-chuc-xa.md").read_text("utf-8")
    for expected in ("13/2019/TT-BNV, Điều 1 khoản 1", "2019-12-25 → 2023-07-31",
                     "[`vn.nd-33-2023.cong-chuc-xa`](vn.nd-33-2023.cong-chuc-xa.md)",
                     "Đại học (`dai_hoc`)", "Bachelor's degree (`dai_hoc`)", "**2024-12-25**",
                     "33/2023/NĐ-CP **[⚠ cần kiểm tra · needs-check]**"):
        assert expected in page
    cases = load_yaml(CASES.joinpath("vn.tt-13-2019-bnv.cong-chuc-xa.yaml").read_text("utf-8"))
    examples = page.split("## Ví dụ · Worked examples", 1)[1]
    rows = [line for line in examples.splitlines() if re.match(r"^\| \d+ \| ", line)]
    assert len(rows) == len(cases["cases"]) > 0
    assert cases["cases"][0]["name"].split(",")[0] in rows[0]
    index = (REFERENCE / "standards" / "index.md").read_text("utf-8")
    assert ("2012 (ngày chưa rõ · date unknown) → 2019-12-25 → 2023-08-01 → 2025-07-01"
            in index)


def test_every_node_kind_has_its_own_wording():
    """Each requirement kind is described in words in both languages, not dumped as data."""
    from typing import get_args

    from competency.docgen.tree import DESCRIBED
    from competency.rules.nodes import Node

    assert set(get_args(Node)) - DESCRIBED == set()


# -- (b) the schema reference covers every schema ------------------------------------------

def test_schema_reference_covers_every_schema_and_field():
    """Each schemas/*.schema.json has a page naming every field of its root and its $defs."""
    files = sorted(SCHEMAS.glob("*.schema.json"))
    assert files
    for path in files:
        kind = path.name.removesuffix(".schema.json")
        page = (REFERENCE / "schemas" / f"{kind}.md").read_text(encoding="utf-8")
        document = json.loads(path.read_text(encoding="utf-8"))
        assert document["$id"] in page
        for name, definition in [("", document), *document.get("$defs", {}).items()]:
            if name:
                assert f"### {name} {{#def-{name.lower()}}}" in page, (kind, name)
            for field, prop in definition.get("properties", {}).items():
                assert f"| `{field}` |" in page, (kind, name, field)
                if "x-description-vi" in prop:
                    assert prop["x-description-vi"].split()[0] in page
        index = (REFERENCE / "schemas" / "index.md").read_text(encoding="utf-8")
        assert f"({kind}.md)" in index


# -- (c) the site builds strictly ----------------------------------------------------------

def _mkdocs_missing() -> str | None:
    for module in ("mkdocs", "material", "mkdocstrings", "mkdocstrings_handlers.python"):
        try:
            if importlib.util.find_spec(module) is None:
                return module
        except ModuleNotFoundError:
            return module
    return None


@pytest.mark.skipif(_mkdocs_missing() is not None,
                    reason=f"mkdocs toolchain not installed ({_mkdocs_missing()}); "
                           "install the `docs` extra")
def test_mkdocs_build_strict(tmp_path):
    """`mkdocs build --strict` succeeds: no broken link, anchor, snippet or API reference."""
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                            cwd=ROOT, capture_output=True, text=True, check=False, env=env,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-4000:]
    page = site / "reference" / "standards" / "vn.tt-13-2019-bnv.cong-chuc-xa.html"
    assert page.is_file(), "pages are files, so that the site opens from the file system"
    api = (site / "api.html").read_text(encoding="utf-8")
    assert "Catalog" in api and "check" in api
    assert (site / "search" / "search_index.js").is_file(), "search works offline"
    assert 'lang="vi"' in (site / "index.html").read_text(encoding="utf-8")


# -- the changelog -------------------------------------------------------------------------

def test_changelog_records_every_builtin_standard():
    """CHANGELOG.md's data section names each built-in standard with its effective date."""
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    unreleased = changelog.split("## Unreleased", 1)[1]
    data_section = unreleased.split("### Data", 1)[1].split("\n### ", 1)[0]
    items = {item.split("`")[1]: " ".join(item.split())
             for item in data_section.split("\n- ")[1:] if item.startswith("`")}
    for standard in Catalog.builtin():
        assert standard.id in items, f"{standard.id} is not in the changelog's data section"
        start = standard.valid_from.isoformat() if standard.valid_from else "effective unknown"
        assert start in items[standard.id], (standard.id, start)
        assert standard.legal_basis[0].instrument in items[standard.id], standard.id


def test_readme_example_runs_and_prints_the_deadline(capsys):
    """The README's Python example runs and finds the Circular 13/2019 deadline it promises."""
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    [block] = [b for b in python_blocks(readme) if b.run]
    exec(compile(block.code, "README.md", "exec"), {})  # noqa: S102  (our own documentation)
    first = capsys.readouterr().out.splitlines()[0]
    assert first == "vn.tt-13-2019-bnv.cong-chuc-xa unmet 2024-12-25"


def test_the_dossier_rule_table_names_only_places_that_exist(monkeypatch):
    """Every standard, node, table, vocabulary, scheme and target set of the inventory exists,
    and the inventory covers the dossier's 56 rules once each."""
    from competency.docgen import dossier_rules as module

    rules = module.dossier_rules()
    assert [r["rule"] for r in rules] == [f"R{i:02d}" for i in range(1, 57)]
    assert module.missing_places() == []
    assert all(r.get("why") for r in rules if r["status"] != "encoded")
    assert all(r.get("where") for r in rules if r["status"] == "encoded")
    # The inventory is checked against the catalogue: a renamed node is caught.
    renamed = [dict(rules[0], where=[{"standard": "vn.nd-29-2024.pho-giam-doc-so", "node": "gone"}])]
    monkeypatch.setattr(module, "dossier_rules", lambda: renamed)
    assert module.missing_places() == [
        "R01: {'standard': 'vn.nd-29-2024.pho-giam-doc-so', 'node': 'gone'}"]
