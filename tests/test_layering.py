"""The one-way layering: core ← db ← export ← ui/cli; Qt only in ui."""

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "tracu_desktop"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def layer(path: Path) -> str:
    """Subpackages other than db/export/ui/cli belong to the core."""
    rel = path.relative_to(PKG).parts
    return rel[0] if len(rel) > 1 and rel[0] in ("db", "export", "ui", "cli") else "core"


FORBIDDEN = {
    "core": (
        "tracu_desktop.db",
        "tracu_desktop.export",
        "tracu_desktop.ui",
        "tracu_desktop.cli",
        "PySide6",
        "sqlite_utils",
        "openpyxl",
        "reportlab",
        "docx",
    ),
    "db": ("tracu_desktop.export", "tracu_desktop.ui", "tracu_desktop.cli", "PySide6"),
    "export": ("tracu_desktop.ui", "tracu_desktop.cli", "PySide6"),
    "cli": ("PySide6",),
}


def test_layers_point_one_way():
    problems = []
    for path in PKG.rglob("*.py"):
        if path.name == "__main__.py":  # the entry point wires the command line
            continue
        lyr = layer(path)
        for mod in imports_of(path):
            for banned in FORBIDDEN.get(lyr, ()):
                if mod == banned or mod.startswith(banned + "."):
                    problems.append(f"{path.relative_to(PKG)} ({lyr}) imports {mod}")
    assert problems == []
