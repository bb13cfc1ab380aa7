"""The command-line guides run: every ```` ```console ```` block of a page in CLI_GUIDES is
executed and its output compared, in shape, with what the page shows.

Convention: a ``console`` block holds lines ``$ competency ARGS...``, each followed by what
the command prints (stdout, then stderr). The blocks of one page run in order in one fresh
directory, so a file written by one command is read by the next; there ``docs/`` is the
repository's (so ``docs/examples/...`` reads as from the repository root), and ``{repo}``
stands for the repository root. A command must exit 0 unless its shown output ends with ``[exit N]``.
Shape: digit runs read as ``#``, runs of blanks as one blank, a run of one box-drawing
character as one; a line holding only ``...`` stands for any number of lines. So a guide
fails when a command, a column, a line or a word changes, not when a count moves.

``COMPETENCY_UPDATE_GUIDES=1 pytest tests/docgen/test_cli_guides.py`` rewrites the shown
outputs that no longer match from a real run (a matching one, with its ``...``, is kept), for
a person to read and check before committing.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from tests.docgen._blocks import fenced_blocks

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
CLI_GUIDES = ("guides/ben-tre-2020.md", "guides/ha-noi-overseas-training.md",
              "guides/hcmc-needs-based-training.md", "guides/international-posts.md",
              "guides/quang-ninh-2030.md")
"""Pages whose ``console`` blocks are the guide: run from the command line alone."""

PROMPT = "$ competency "
ENV = {"COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb"}
_EXIT = re.compile(r"^\[exit (\d+)\]$")
_BOX = re.compile(r"([─━│┃┄┅┈┉═║╌╍]|[-=_])\1+")


@attrs.frozen
class Step:
    """One command of a guide, with the output the page shows for it."""

    line: int
    args: str
    shown: tuple[str, ...]

    @property
    def exit_code(self) -> int:
        """The exit status the page expects: 0, or the N of a last line ``[exit N]``."""
        match = _EXIT.match(self.shown[-1].strip()) if self.shown else None
        return int(match[1]) if match else 0


def steps(text: str) -> list[Step]:
    """The commands of a page's console blocks, in order."""
    found: list[Step] = []
    for block in fenced_blocks(text, ("console",)):
        current: tuple[int, str, list[str]] | None = None
        for offset, line in enumerate(block.code.rstrip("\n").splitlines()):
            if line.startswith(PROMPT):
                if current:
                    found.append(Step(current[0], current[1], tuple(current[2])))
                current = (block.line + offset, line[len(PROMPT):], [])
            elif current is None:
                msg = f"line {block.line + offset}: a console block starts with {PROMPT!r}"
                raise ValueError(msg)
            else:
                current[2].append(line)
        if current:
            found.append(Step(current[0], current[1], tuple(current[2])))
    return found


def shape(line: str) -> str:
    """A line as the comparison sees it: digits, blank runs and rules folded."""
    line = re.sub(r"\d+", "#", line)
    line = _BOX.sub(r"\1", line)
    return re.sub(r"\s+", " ", line).strip()


def matches(shown: list[str], printed: list[str]) -> bool:
    """Whether the printed lines have the shape of the shown ones (``...`` matches any run)."""
    want = [shape(s) for s in shown if shape(s)]
    got = [shape(p) for p in printed if shape(p)]

    def walk(i: int, j: int) -> bool:
        if i == len(want):
            return j == len(got)
        if want[i] == "...":
            return any(walk(i + 1, k) for k in range(j, len(got) + 1))
        return j < len(got) and want[i] == got[j] and walk(i + 1, j + 1)

    return walk(0, 0)


def run(step: Step, cwd: Path) -> tuple[int, list[str]]:
    """Run one command in ``cwd``: its exit status and what it printed."""
    args = shlex.split(step.args.replace("{repo}", str(ROOT)))
    done = subprocess.run([sys.executable, "-m", "competency", *args], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", timeout=600,
                          env={**os.environ, **ENV})
    return done.returncode, (done.stdout + done.stderr).splitlines()


def _rewritten(text: str, outputs: dict[int, list[str]]) -> str:
    """The page with each command's shown output replaced by what it printed."""
    lines, out, skipping = text.splitlines(), [], False
    for number, line in enumerate(lines, start=1):
        if number in outputs:
            out.append(line)
            out.extend(o.rstrip() for o in outputs[number])
            skipping = True
        elif skipping and (line.lstrip().startswith("```") or line.startswith(PROMPT)):
            skipping = False
            out.append(line)
        elif not skipping:
            out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("page", CLI_GUIDES)
def test_cli_guide_runs_as_shown(page, tmp_path):
    """Each command of the guide exits as shown and prints output of the shown shape."""
    path = DOCS / page
    text = path.read_text(encoding="utf-8")
    found = steps(text)
    assert found, f"{page} has no console block"
    (tmp_path / "docs").symlink_to(DOCS, target_is_directory=True)
    outputs, problems = {}, []
    for step in found:
        code, printed = run(step, tmp_path)
        if code:
            printed = [*printed, f"[exit {code}]"]
        expected = [s for s in step.shown if not _EXIT.match(s.strip())]
        if code != step.exit_code or not matches(expected, printed[:-1] if code else printed):
            outputs[step.line] = printed   # only what changed is rewritten: a `...` stays
            problems.append(f"{page}:{step.line}: competency {step.args}\n  printed:\n    "
                            + "\n    ".join(printed))
    if os.environ.get("COMPETENCY_UPDATE_GUIDES") == "1":
        path.write_text(_rewritten(text, outputs), encoding="utf-8")
        return
    assert not problems, "\n".join(problems)


def test_shape_ignores_counts_but_not_words():
    """Counts and rule lengths may move; a changed word or a missing line may not."""
    assert matches(["hồ sơ: đọc 38, hợp lệ 38", "━━━━"], ["hồ sơ: đọc 40, hợp lệ 39", "━━"])
    assert not matches(["hồ sơ: đọc 38"], ["records: read 38"])
    assert not matches(["a", "b"], ["a"])
    assert matches(["a", "...", "z"], ["a", "b", "c", "z"])
    assert not matches(["a", "...", "z"], ["a", "b", "c"])


def test_steps_read_commands_outputs_and_exit_codes():
    """A console block splits into commands with their shown output and expected status."""
    text = "```console\n$ competency validate r.jsonl\nok\n$ competency check x\nbad\n[exit 1]\n```\n"
    found = steps(text)
    assert [s.args for s in found] == ["validate r.jsonl", "check x"]
    assert found[0].shown == ("ok",) and found[0].exit_code == 0
    assert found[1].exit_code == 1


def test_a_guide_whose_output_changed_shape_fails(tmp_path):
    """The runner is not vacuous: a shown line the command does not print is a failure."""
    step = Step(line=1, args="--version", shown=("no such line",))
    code, printed = run(step, tmp_path)
    assert code == 0 and printed
    assert not matches(list(step.shown), printed)
