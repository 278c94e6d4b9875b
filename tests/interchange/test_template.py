"""Entry templates: structure, a clerk filling one in, and importing it back."""

from __future__ import annotations

import hashlib

import openpyxl
import pytest

from tracu_desktop.core.models import ValueKey
from tracu_desktop.db.values import get_values, history
from tracu_desktop.interchange.template_layout import META_SHEET
from tracu_desktop.interchange.template_xlsx import write_template, write_templates
from tracu_desktop.interchange.workbook_import import import_files, plan_import


@pytest.fixture
def template(district_db, tmp_path):
    return write_template(district_db, "2023", "TT_TRA_CU", tmp_path / "mau.xlsx")


def _row_of(ws, name):
    for row in ws.iter_rows(min_row=9):
        if row[1].value == name:
            return row[0].row
    raise AssertionError(name)


def test_template_structure(template):
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == ["HuongDan", "Bieu06", "Bieu05a", META_SHEET]
    meta = wb[META_SHEET]
    assert meta.sheet_state == "hidden" and meta.protection.sheet
    values = {r[0].value: r[1].value for r in meta.iter_rows()}
    assert values["unit"] == "TT_TRA_CU" and values["period"] == "2023"
    assert values["version"] == 1 and len(values["checksum"]) == 64
    ws = wb["Bieu06"]
    assert ws.protection.sheet
    r = _row_of(ws, "Hộ tịch")
    assert ws[f"D{r}"].protection.locked is False  # input cell
    assert ws[f"B{r}"].protection.locked is True
    assert ws[f"C{r}"].value == f"=D{r}+E{r}+F{r}"
    total_row = max(c.row for c in ws["B"] if c.value == "Tổng cộng")
    assert ws[f"D{total_row}"].value == f"=SUM(D9:D{total_row - 1})"
    dv = ws.data_validations.dataValidation[0]
    assert dv.type == "whole" and dv.operator == "greaterThanOrEqual" and dv.formula1 == "0"
    assert f"D{r}" in str(dv.sqref)
    assert "HƯỚNG DẪN NHẬP SỐ LIỆU" in [c.value for c in wb["HuongDan"]["A"]]
    assert wb["Bieu05a"]["B9"].value  # same fields on 05a


def test_filled_template_imports_expected_values(district_db, template, tmp_path):
    wb = openpyxl.load_workbook(template)
    ws = wb["Bieu06"]
    r = _row_of(ws, "Hộ tịch")
    ws[f"D{r}"] = "1.234"  # typed as text with a thousands dot
    ws[f"E{r}"] = 56
    # F (carried over) left empty
    ws[f"H{r}"], ws[f"I{r}"], ws[f"J{r}"] = 1000, 280, 10
    ws[f"L{r}"], ws[f"M{r}"] = 0, 0
    pakn = wb["Bieu05a"]
    r5 = _row_of(pakn, "Hộ tịch")
    pakn[f"E{r5}"], pakn[f"H{r5}"], pakn[f"L{r5}"] = 1, 1, 1
    filled = tmp_path / "TT_TraCu_da_dien.xlsx"
    wb.save(filled)

    plan, done = import_files(district_db, [filled])
    assert plan.ok, plan.problems
    v = get_values(district_db, "2023", unit="TT_TRA_CU")
    assert v[("TT_TRA_CU", "X_HO_TICH", "received_online")] == 1234
    assert v[("TT_TRA_CU", "X_HO_TICH", "received_direct")] == 56
    assert v[("TT_TRA_CU", "X_HO_TICH", "carried_over")] == 0
    assert v[("TT_TRA_CU", "X_HO_TICH", "resolved_late")] == 10
    assert v[("TT_TRA_CU", "X_HO_TICH", "pakn_received_regulation")] == 1
    assert v[("TT_TRA_CU", "X_HO_TICH", "pakn_received_conduct")] == 0
    # Untouched rows (other fields) are not imported at all.
    assert ("TT_TRA_CU", "X_CHUNG_THUC", "received_online") not in v
    assert any("cột F" in str(n) and "Ô trống" in str(n) for n in plan.notes)
    entry = history(district_db, ValueKey("2023", "TT_TRA_CU", "X_HO_TICH", "received_online"))
    assert entry[0].source == "import:TT_TraCu_da_dien.xlsx"
    sub = district_db.execute(
        "SELECT unit, method, file_name, checksum FROM submissions"
    ).fetchall()
    assert sub == [
        (
            "TT_TRA_CU",
            "file",
            "TT_TraCu_da_dien.xlsx",
            hashlib.sha256(filled.read_bytes()).hexdigest(),
        )
    ]


def test_bad_number_in_template_names_cell_and_writes_nothing(district_db, template, tmp_path):
    wb = openpyxl.load_workbook(template)
    ws = wb["Bieu06"]
    r = _row_of(ws, "Chứng thực")
    ws[f"D{r}"] = 10
    ws[f"E{r}"] = "12,5"
    wb.save(tmp_path / "sai.xlsx")
    plan, done = import_files(district_db, [tmp_path / "sai.xlsx"])
    assert not plan.ok and done == []
    msg = str(plan.problems[0])
    assert f"trang “Bieu06”, dòng {r}, cột E" in msg and "không phải là số nguyên" in msg
    assert get_values(district_db, "2023") == {}
    assert district_db.execute("SELECT count(*) FROM submissions").fetchone()[0] == 0


def test_edited_layout_is_refused(district_db, template, tmp_path):
    wb = openpyxl.load_workbook(template)
    meta = wb[META_SHEET]
    for row in meta.iter_rows():
        if row[0].value == "layout":
            row[1].value = row[1].value.replace("X_HO_TICH", "X_DAT_DAI")
    wb.save(tmp_path / "sua.xlsx")
    plan = plan_import(district_db, [tmp_path / "sua.xlsx"])
    assert "đã bị sửa" in str(plan.problems[0])


def test_template_for_another_period_is_refused(district_db, template):
    from tracu_desktop.db.periods import add_period

    add_period(district_db, "2024")
    plan = plan_import(district_db, [template], period="2024")
    assert "kỳ 2023, không phải kỳ 2024" in str(plan.problems[0])


def test_templates_for_all_units(district_db, tmp_path):
    paths = write_templates(district_db, "2023", "all", tmp_path / "mau")
    assert len(paths) == 30  # 13 offices + 17 communes
    assert any(p.name == "MauNhap_2023_ThiTranTraCu.xlsx" for p in paths)


def test_template_sheets_follow_the_form_specs(template):
    """Captions, column numbers and formulas of each sheet are those of its form spec."""
    from datetime import date

    from tracu_desktop.core.formspec import spec_for

    wb = openpyxl.load_workbook(template)
    for code, sheet in (("06b", "Bieu06"), ("05a", "Bieu05a")):
        spec = spec_for(code, date(2023, 11, 20))
        ws = wb[sheet]
        assert ws["A1"].value == spec.template.title
        assert ws["B5"].value == spec.template.row_label
        leaves = [leaf for n in spec.header for leaf in n.leaves()]
        header_texts = {c.value for row in ws["A5:Z7"] for c in row if c.value}
        assert {leaf.text for leaf in leaves[2:]} <= header_texts
        for i, leaf in enumerate(leaves[2:], start=3):
            assert ws.cell(row=8, column=i).value == f"({spec.column_number(leaf.column)})"
    ws = wb["Bieu05a"]
    r = _row_of(ws, "Hộ tịch")
    assert ws[f"C{r}"].value == f"=D{r}+E{r}"  # received = conduct + regulation
    assert ws["F5"].value == "Kết quả xử lý PAKN"  # the official form's caption
    guide = [c.value for c in wb["HuongDan"]["A"] if c.value]
    assert (
        "5. Trang “Biểu 06”: hồ sơ thủ tục hành chính; trang “Biểu 05a”: phản ánh, kiến nghị."
        in guide
    )
