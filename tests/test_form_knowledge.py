"""The modules that list, exchange or recognise forms hold no copy of a form's knowledge:
no form code and no caption of form 06b/05a appears in their code (docstrings and
comments aside); they ask ``core.formspec`` (the specs in ``resources/forms/``)."""

from __future__ import annotations

import ast
import re
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


# Every module of the package: no string in code names a form by its code ("06", "05a",
# "07b", "06ct" …) or carries a printed column number such as "(4)": codes come from the
# specs, the catalog or resources/catalogs/form_roles.toml, numbers from the specs.
# Codes that are plain words ("completeness", "dvc") double as ordinary keys and are not
# looked for, nor the report's sections ("s1"). The entry template's first two columns, the row number and the name, are
# numbered (1) and (2) on every form.
ALLOWED = {("tracu_desktop/interchange/template_xlsx.py", "(1)"),
           ("tracu_desktop/interchange/template_xlsx.py", "(2)")}  # fmt: skip
_NUMBER = re.compile(r"\((?:[1-9]|1[0-9])\)")


def _code_pattern() -> re.Pattern[str]:
    from tracu_desktop.core.indicators import all_indicators

    # report sections ("s1" … "s8") are the narrative report's, not forms
    codes = {c for c in form_codes() if c[:1].isdigit()}
    codes |= {i.form for i in all_indicators() if i.form[:1].isdigit()}
    alternatives = "|".join(sorted(map(re.escape, codes), key=len, reverse=True))
    return re.compile(rf"(?<![\w/.:-])(?:{alternatives})(?![\w/.:-])")


def test_no_form_code_or_column_number_anywhere_in_the_package():
    pattern = _code_pattern()
    found = []
    for path in sorted((ROOT / "tracu_desktop").rglob("*.py")):
        module = path.relative_to(ROOT).as_posix()
        for line, text in _code_strings(path):
            hits = pattern.findall(text) + _NUMBER.findall(text)
            if any((module, hit) not in ALLOWED for hit in hits):
                found.append(f"{module}:{line}: {text!r}")
    assert not found, found


def test_the_roles_name_forms_that_exist():
    from tracu_desktop.core import form_roles
    from tracu_desktop.core.entry_spec import entry_forms
    from tracu_desktop.core.indicators import all_indicators

    entry, printed = set(entry_forms()), set(form_codes())
    catalog = {i.form for i in all_indicators()}
    assert form_roles.form_of(form_roles.DOSSIERS) in entry
    assert form_roles.form_of(form_roles.FEEDBACK) in entry
    assert form_roles.form_of(form_roles.PROCEDURES) in catalog & printed
    assert form_roles.form_of(form_roles.DOSSIER_DETAIL) in catalog & printed
    assert form_roles.form_of(form_roles.BY_FIELD) in printed
    assert form_roles.form_of(form_roles.BY_UNIT) in printed
    with pytest.raises(form_roles.FormSpecError, match="thiếu khóa 'khong_co'"):
        form_roles.form_of("khong_co")


def test_a_form_renamed_in_the_roles_reaches_the_command_line(tmp_path, monkeypatch, capsys):
    """A changed role is data only: the command line's help names the new code."""
    import shutil

    from tracu_desktop.cli.main import main
    from tracu_desktop.core.resources import ENV_RESOURCES, resources_dir

    folder = tmp_path / "resources"
    shutil.copytree(resources_dir(), folder)
    roles = folder / "catalogs" / "form_roles.toml"
    text = roles.read_text(encoding="utf-8")
    roles.write_text(text.replace('by_field = "06b"', 'by_field = "06X"'), encoding="utf-8")
    monkeypatch.setenv(ENV_RESOURCES, str(folder))
    with pytest.raises(SystemExit):
        main(["import", "-h"])
    out = capsys.readouterr().out
    assert "biểu 06X xuất từ phần mềm một cửa" in out and "06b" not in out
