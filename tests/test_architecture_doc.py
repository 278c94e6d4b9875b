"""docs/ARCHITECTURE.md matches the tree: every layer package, every verb module of
``app/`` with its public verbs and every module of ``interchange/`` is named there."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "tracu_desktop"
DOC = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")


def _modules(package: str) -> list[Path]:
    return [p for p in sorted((PKG / package).glob("*.py")) if p.stem != "__init__"]


def test_every_layer_is_described():
    layers = [p.name for p in PKG.iterdir() if p.is_dir() and (p / "__init__.py").exists()]
    missing = [name for name in layers if f"`{name}/`" not in DOC]
    assert not missing, missing


def test_every_interchange_module_is_named():
    missing = [p.stem for p in _modules("interchange") if f"`{p.stem}`" not in DOC]
    assert not missing, missing


def test_every_app_verb_is_listed():
    missing = []
    for path in _modules("app"):
        if path.stem == "session":
            continue
        row = next((line for line in DOC.splitlines() if line.startswith(f"| `{path.stem}` |")), "")
        if not row:
            missing.append(path.stem)
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        verbs = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]
        missing += [
            f"{path.stem}.{v}" for v in verbs if not v.startswith("_") and f"`{v}`" not in row
        ]
    assert not missing, missing
