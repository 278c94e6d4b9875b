"""A new version of form 06b is a new spec file, nothing else.

A copy of ``resources/`` gets a 06b valid from 01/01/2026 (``tests/new_form_version.py``) with
one caption reworded and one more optional column.
With no code change the entry template, the importer and the Excel/PDF exports of a 2026
period follow it, while 2023 keeps the TT 01/2020 layout.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from tests.interchange.workbooks import build_onestop_06b
from tests.new_form_version import NEW_COLUMN, NEW_ONLINE, use_resources_2026
from tracu_desktop.db.periods import add_period
from tracu_desktop.db.values import get_values
from tracu_desktop.export.forms_export import export_form
from tracu_desktop.interchange.template_xlsx import write_template
from tracu_desktop.interchange.workbook_import import import_files, plan_import


@pytest.fixture
def new_resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The program runs on a resources copy holding the 2026 version of 06b."""
    return use_resources_2026(tmp_path, monkeypatch)


@pytest.fixture
def db(fresh_db):
    add_period(fresh_db, "2023", date(2023, 1, 1), date(2023, 12, 31))
    add_period(fresh_db, "2026", date(2026, 1, 1), date(2026, 12, 31))
    return fresh_db


def _header(ws) -> dict[str, str]:
    """``{caption: column letter}`` of the template's header rows 5-7."""
    return {c.value: c.column_letter for row in ws["A5:P7"] for c in row if c.value}


def _row_of(ws, name: str) -> int:
    return next(c.row for c in ws["B"] if c.value == name)


def test_entry_template_follows_the_version_in_force(new_resources, db, tmp_path):
    old = openpyxl.load_workbook(write_template(db, "2023", "TT_TRA_CU", tmp_path / "2023.xlsx"))
    new = openpyxl.load_workbook(write_template(db, "2026", "TT_TRA_CU", tmp_path / "2026.xlsx"))
    h23, h26 = _header(old["Bieu06"]), _header(new["Bieu06"])
    assert h23["Trực tuyến"] == "D" and NEW_ONLINE not in h23 and NEW_COLUMN not in h23
    assert h26[NEW_ONLINE] == "D" and "Trực tuyến" not in h26
    assert h26[NEW_COLUMN] == "G"  # the new optional column, numbered (7)
    ws = new["Bieu06"]
    assert [ws.cell(row=8, column=c).value for c in (7, 8, 14)] == ["(7)", "(8)", "(14)"]
    r = _row_of(ws, "Hộ tịch")
    assert ws[f"G{r}"].protection.locked is False  # an input cell
    assert ws[f"H{r}"].value == f"=I{r}+J{r}+K{r}"  # resolved total moved one column right
    assert old["Bieu06"]["G9"].value.startswith("=H9+I9")  # 2023: still (7) = (8)+(9)+(10)

    # A clerk fills the 2026 template in; the importer reads the new column too.
    ws[f"D{r}"], ws[f"E{r}"], ws[f"G{r}"] = 40, 10, 7
    ws[f"I{r}"], ws[f"J{r}"] = 30, 20
    filled = tmp_path / "2026_da_dien.xlsx"
    new.save(filled)
    plan, _ = import_files(db, [filled])
    assert plan.ok, [str(p) for p in plan.problems]
    v = get_values(db, "2026", unit="TT_TRA_CU")
    assert v[("TT_TRA_CU", "X_HO_TICH", "received_online")] == 40
    assert v[("TT_TRA_CU", "X_HO_TICH", "received_nonboundary")] == 7
    assert v[("TT_TRA_CU", "X_HO_TICH", "resolved_on_time")] == 20


def _onestop(path: Path) -> Path:
    return build_onestop_06b(path, encode=lambda s: NEW_ONLINE if s == "Trực tuyến" else s)


def test_importer_recognises_the_reworded_caption(new_resources, db, tmp_path, monkeypatch):
    path = _onestop(tmp_path / "06b_2026.xlsx")
    plan, _ = import_files(db, [path], period="2026")
    assert plan.ok, [str(p) for p in plan.problems]
    v = get_values(db, "2026")
    assert v[("HUYEN_CHUNG", "H_DAT_DAI", "received_online")] == 1234
    assert v[("XA_CHUNG", "X_CHUNG_THUC", "received_online")] == 2500
    assert v[("HUYEN_CHUNG", "H_DAT_DAI", "received_direct")] == 100

    # With the bundled specs alone the same caption means nothing to the importer: the
    # column is named as not recognised and nothing is read silently.
    monkeypatch.delenv("TRACU_RESOURCES")
    plan = plan_import(db, [path], period="2023")
    assert not plan.ok
    problems = " ".join(str(p) for p in plan.problems)
    assert "chưa nhận ra" in problems and NEW_ONLINE in problems


def _cells(path: Path) -> list[str]:
    ws = openpyxl.load_workbook(path).active
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


def _pdf_text(path: Path) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(path).pages))


def test_exports_of_2026_use_the_new_version_and_2023_the_old(new_resources, db, tmp_path):
    plan, _ = import_files(db, [_onestop(tmp_path / "06b.xlsx")], period="2026")
    assert plan.ok, [str(p) for p in plan.problems]
    plan, _ = import_files(db, [build_onestop_06b(tmp_path / "06b_2023.xlsx")], period="2023")
    assert plan.ok, [str(p) for p in plan.problems]

    x26 = _cells(export_form(db, "2026", "06b", "xlsx", tmp_path / "x26.xlsx"))
    x23 = _cells(export_form(db, "2023", "06b", "xlsx", tmp_path / "x23.xlsx"))
    assert NEW_ONLINE in x26 and NEW_COLUMN in x26 and "(14)" in x26 and "Trực tuyến" not in x26
    assert "Trực tuyến" in x23 and NEW_ONLINE not in x23 and "(14)" not in x23

    p26 = _pdf_text(export_form(db, "2026", "06b", "pdf", tmp_path / "p26.pdf"))
    p23 = _pdf_text(export_form(db, "2023", "06b", "pdf", tmp_path / "p23.pdf"))
    squeeze = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    assert squeeze(NEW_ONLINE) in p26 and squeeze(NEW_COLUMN) in p26 and "(14)" in p26
    assert squeeze("Trực tuyến") in p23 and squeeze(NEW_ONLINE) not in p23 and "(14)" not in p23
