"""The modules that list, exchange or recognise forms hold no copy of a form's knowledge:
no form code and no caption of form 06b/05a appears in their code (docstrings and
comments aside); they ask ``core.formspec`` (the specs in ``resources/forms/``)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tracu_desktop.core.formspec import form_codes, load_specs

ROOT = Path(__file__).resolve().parents[1]
MODULES = [
    "tracu_desktop/export/api.py",
    "tracu_desktop/export/forms_export.py",
    "tracu_desktop/export/report_export.py",
    "tracu_desktop/cli/export_cmds.py",
    "tracu_desktop/ui/export_dialog.py",
    "tracu_desktop/ui/print_preview.py",
    "tracu_desktop/ui/selfcheck.py",
    "tracu_desktop/interchange/package.py",
    "tracu_desktop/interchange/template_layout.py",
    "tracu_desktop/interchange/template_xlsx.py",
    "tracu_desktop/interchange/header_match.py",
    "tracu_desktop/interchange/workbook_parse.py",
    "tools/bundle_check.py",
]


def _captions() -> set[str]:
    """Captions of 06b and 05a long enough to be a copy, not a common word."""
    out: set[str] = set()
    for spec in load_specs():
        if spec.code not in ("06b", "05a"):
            continue
        out |= {spec.title, spec.short_title, spec.row_label}
        stack = list(spec.header)
        while stack:
            node = stack.pop()
            stack.extend(node.children)
            if len(node.text) > 12:
                out.add(node.text)
    return out


def _code_strings(path: Path) -> list[tuple[int, str]]:
    """String constants of the code, without docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [
        (n.lineno, n.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    ]


# The report page words its key figures itself ("Số hồ sơ đã giải quyết (7)"): only the
# column numbers come from the spec there, so it is checked for form codes only.
CODES_ONLY = ["tracu_desktop/ui/report_page.py"]


@pytest.mark.parametrize("module", [*MODULES, *CODES_ONLY])
def test_no_form_code_or_caption_in_code(module):
    codes = set(form_codes())
    captions = set() if module in CODES_ONLY else _captions()
    found = [
        f"{module}:{line}: {text!r}"
        for line, text in _code_strings(ROOT / module)
        if text in codes or any(c in text for c in captions)
    ]
    assert not found, found
