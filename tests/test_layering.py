"""The one-way layering: infra ← core ← db ← export ← signing ← interchange ← app ← ui/cli.

Qt only in ui; no cycles between modules, not even through imports inside functions.

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


LAYERS = ("infra", "core", "db", "export", "interchange", "signing", "app", "ui", "cli")

# What each layer may import from the project; everything points toward the core.
ALLOWED = {
    "infra": {"infra"},
    "core": {"core", "infra"},
    "db": {"db", "core", "infra"},
    "export": {"export", "db", "core", "infra"},
    # packages carry rendered forms; templates use the renderers' Excel helpers
    "interchange": {"interchange", "export", "signing", "db", "core", "infra"},
    # digital signatures draw appearances with the renderers' fonts and read settings
    "signing": {"signing", "export", "db", "core", "infra"},
    "app": {"app", "interchange", "export", "signing", "db", "core", "infra"},
    "ui": {"ui", "app", "interchange", "export", "signing", "db", "core", "infra"},
    # the command line starts the window (``gui``, ``selfcheck``) and nothing else of ui
    "cli": {"cli", "app", "ui", "interchange", "export", "signing", "db", "core", "infra"},
}


def layer(path: Path) -> str:
    rel = path.relative_to(PKG).parts
    return rel[0] if len(rel) > 1 else "root"


HEAVY = ("openpyxl", "reportlab", "docx", "pypdf")
THIRD_PARTY_BANNED = {
    "infra": ("PySide6", "sqlite_utils", "reportlab", "docx"),
    "core": ("PySide6", "sqlite_utils", "reportlab", "docx"),
    "db": ("PySide6", "reportlab", "docx"),
    "export": ("PySide6",),
    "interchange": ("PySide6",),
    "signing": ("PySide6",),
    "app": ("PySide6",),
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
        lyr = layer(path)
        if lyr == "root":  # the package's own __init__/__main__ wire the entry point
            continue
        assert lyr in ALLOWED, f"{path.relative_to(PKG)}: a new layer needs a row in ALLOWED"
        for mod in imports_of(path):
            parts = mod.split(".")
            if parts[0] == "tracu_desktop" and len(parts) > 1 and parts[1] in LAYERS:
                if parts[1] not in ALLOWED[lyr]:
                    problems.append(f"{path.relative_to(PKG)} ({lyr}) imports {mod}")
            for banned in THIRD_PARTY_BANNED.get(lyr, ()):
                if mod == banned or mod.startswith(banned + "."):
                    problems.append(f"{path.relative_to(PKG)} ({lyr}) imports {mod}")
    assert problems == []


def module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_imports(path: Path, known: set[str]) -> set[str]:
    """Project modules imported anywhere in the file, inside functions too."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                if sub in known:
                    found.add(sub)
                elif node.module in known:
                    found.add(node.module)
    return found


def test_no_import_cycles():
    """No cycle between modules, also not one hidden by an import inside a function."""
    paths = {module_name(p): p for p in PKG.rglob("*.py")}
    known = set(paths)
    graph = {m: project_imports(p, known) - {m} for m, p in paths.items()}
    # packages' __init__ modules are re-export points, not participants
    graph = {
        m: {d for d in deps if not paths[d].name == "__init__.py"} for m, deps in graph.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for m in sorted(graph):
        if m not in index:
            visit(m)
    assert cycles == []
