"""The import rule of docs/architecture.md: a lower layer never imports a higher one.

Every module of ``src/competency`` belongs to the layer of its package (or, at the top, of
its own name); an import, at module level or inside a function, of a module in a higher
layer fails the test. Modules of one layer may import each other.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "competency"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors",),
    ("vocab",),
    ("law",),
    ("schema",),
    ("model",),
    ("rules",),
    ("io",),
    ("standards",),
    ("frameworks",),
    ("training",),
    ("targets", "selection"),
    ("vector", "synth"),
    ("docgen",),
    ("serve",),
    ("cli",),
    ("__init__", "__main__"),
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _layer(module: str) -> str:
    """``competency.standards.catalogue`` → ``standards``; the facade is ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module(path: Path, root: Path) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every ``competency`` import in a file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            found += [(node.lineno, n) for n in names[:1] if n.startswith("competency")]
            if node.module == "competency":
                found += [(node.lineno, n) for n in names[1:]]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("competency")]
    return found


def violations(root: Path = PACKAGE) -> list[str]:
    """Every import that points up a layer, as ``file:line: a imports b``."""
    problems = []
    for path in sorted(root.rglob("*.py")):
        here = _module(path, root)
        if path.name == "__main__.py":
            here = "competency.__main__"
        for line, target in imports(path):
            if target == "competency" and here != "competency.__main__":
                problems.append(f"{path.name}:{line}: {here} imports the facade")
                continue
            if RANK[_layer(target)] > RANK[_layer(here)]:
                problems.append(f"{path.relative_to(root)}:{line}: {here} ({_layer(here)}) "
                                f"imports {target} ({_layer(target)})")
    return problems


def test_every_package_has_a_layer():
    tops = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
            if (p.is_file() and p.suffix == ".py") or (p / "__init__.py").is_file()}
    assert tops <= set(RANK), f"packages without a layer: {sorted(tops - set(RANK))}"


def test_no_module_imports_a_higher_layer():
    assert violations() == []


def test_only_the_facade_errors_vocab_and_law_sit_at_the_top():
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert modules == ["__init__.py", "__main__.py", "errors.py", "law.py", "vocab.py"]


def test_the_check_fails_when_model_imports_standards(tmp_path):
    fake = tmp_path / "competency"
    (fake / "model").mkdir(parents=True)
    (fake / "model" / "__init__.py").write_text("from competency.standards import Catalog\n")
    (fake / "standards").mkdir()
    (fake / "standards" / "__init__.py").write_text("from competency.model import Official\n")
    found = violations(fake)
    assert len(found) == 1 and "competency.model (model) imports competency.standards" in found[0]


@pytest.mark.parametrize("kind", ["standards", "frameworks", "training", "targets", "selection"])
def test_every_kind_package_has_the_same_inside(kind):
    inside = {p.stem for p in (PACKAGE / kind).glob("*.py")}
    assert {"__init__", "model", "catalogue"} <= inside
