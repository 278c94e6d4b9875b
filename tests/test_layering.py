"""The one-way layering: core ← db ← export ← ui/cli; Qt only in ui.

The core may read spreadsheets (openpyxl, lazily) but never renders documents."""

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
    """Subpackages other than db/export/signing/ui/cli belong to the core."""
    rel = path.relative_to(PKG).parts
    layers = ("db", "export", "signing", "ui", "cli")
    return rel[0] if len(rel) > 1 and rel[0] in layers else "core"


HEAVY = ("openpyxl", "reportlab", "docx", "pypdf")

FORBIDDEN = {
    "core": (
        "tracu_desktop.db",
        "tracu_desktop.export",
        "tracu_desktop.ui",
        "tracu_desktop.cli",
        "PySide6",
        "sqlite_utils",
        "reportlab",
        "docx",
    ),
    "db": ("tracu_desktop.export", "tracu_desktop.ui", "tracu_desktop.cli", "PySide6"),
    "export": ("tracu_desktop.ui", "tracu_desktop.cli", "PySide6"),
    # digital signatures render appearances and read the trust list beside the exports
    "signing": ("tracu_desktop.ui", "tracu_desktop.cli", "PySide6"),
    "cli": ("PySide6",),
}


def test_heavy_libraries_are_not_loaded_at_start_up():
    """Start-up stays fast: openpyxl, reportlab, docx and pypdf load when an export starts."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import tracu_desktop.cli.main, tracu_desktop.export.api, tracu_desktop.db.aggregate\n"
        "import tracu_desktop.db.checks, tracu_desktop.db.completeness\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=PKG.parent, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


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
