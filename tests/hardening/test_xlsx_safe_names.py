"""Formula injection through Excel cells; safe file names."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from tracu_desktop.export.naming import export_filename
from tracu_desktop.export.xlsx_safe import (
    neutralise_workbook,
    safe_cell_text,
    set_text,
)
from tracu_desktop.infra.fileio import safe_filename

ATTACKS = ['=HYPERLINK("http://x","bấm")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "=1+1"]
HARMLESS = ["Hộ tịch", "-", "-3", "+12.345", "- 5,5%", "", "Trà Cú = huyện"]


@pytest.mark.parametrize("text", ATTACKS)
def test_formula_like_text_stays_text_in_the_saved_file(tmp_path, text):
    wb = openpyxl.Workbook()
    ws = wb.active
    set_text(ws["A1"], text)
    ws["A2"] = text  # a writer that forgot: caught by the final pass
    assert neutralise_workbook(wb) == 2
    path = tmp_path / "x.xlsx"
    wb.save(path)
    sheet_xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml, "no cell may be stored as a formula"
    back = openpyxl.load_workbook(path).active
    assert back["A1"].value == text and back["A2"].value == text, "the clerk sees the same text"
    assert back["A1"].data_type == "s" and back["A1"].quotePrefix


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_text_is_untouched(text):
    assert safe_cell_text(text) == text
    wb = openpyxl.Workbook()
    set_text(wb.active["A1"], text)
    assert not wb.active["A1"].quotePrefix


def test_safe_cell_text_for_text_only_outputs():
    assert safe_cell_text("=1+1") == "'=1+1"
    assert safe_cell_text("@x") == "'@x"
    assert safe_cell_text(42) == 42


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Báo cáo năm 2023.docx", "Báo cáo năm 2023.docx"),
        ("CON.xlsx", "_CON.xlsx"),
        ("lpt1", "_lpt1"),
        ('a<b>:c"d|e?f*.pdf', "a_b__c_d_e_f_.pdf"),
        ("  ...  ", "tep"),
        ("báo cáo. ", "báo cáo"),
        ("Tra\u0300 Cu\u0301.pdf", "Trà Cú.pdf"),
    ],
)
def test_safe_filename_examples(name, expected):
    assert safe_filename(name) == expected


@seed(20231124)
@settings(max_examples=200, derandomize=True, database=None)
@given(st.text(max_size=300))
def test_safe_filename_is_always_a_plain_name(name):
    out = safe_filename(name)
    assert out and len(out) <= 120
    assert not any(c in out for c in '<>:"/\\|?*') and all(ord(c) >= 32 for c in out)
    assert out not in (".", "..") and not out.endswith((" ", "."))
    assert out.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}


def test_export_names_go_through_the_sanitiser():
    assert export_filename("Trà Cú", "2023", "06b", "xlsx") == "TraCu_2023_06b.xlsx"
    assert "/" not in export_filename("../..", "../2023", "a/b", "pdf")


EVIL = '=HYPERLINK("http://x.invalid","Hộ tịch")'


def _formula_cells(path) -> list[str]:
    """Worksheets that store the evil text as a formula (``<f>HYPERLINK…``)."""
    with zipfile.ZipFile(path) as z:
        return [
            n
            for n in z.namelist()
            if n.startswith("xl/worksheets/") and "<f>HYPERLINK" in z.read(n).decode()
        ]


def test_exported_form_keeps_a_formula_like_field_name_as_text(demo_db, tmp_path):
    from tracu_desktop.export.forms_export import export_form

    demo_db.execute("UPDATE fields SET name = ? WHERE code = 'X_HO_TICH'", [EVIL])
    demo_db.conn.commit()
    path = export_form(demo_db, "2023", "06b", "xlsx", tmp_path / "06b.xlsx")
    assert _formula_cells(path) == []
    ws = openpyxl.load_workbook(path).active
    found = [c for row in ws.iter_rows() for c in row if c.value == EVIL]
    assert found and all(c.data_type == "s" for c in found)


def test_entry_template_keeps_a_formula_like_field_name_as_text(fresh_db, tmp_path):
    from datetime import date

    from tracu_desktop.db.periods import add_period
    from tracu_desktop.interchange.template_xlsx import write_template

    add_period(fresh_db, "2023", date(2023, 1, 1), date(2023, 11, 20))
    fresh_db.execute("UPDATE fields SET name = ? WHERE code = 'X_HO_TICH'", [EVIL])
    fresh_db.conn.commit()
    path = write_template(fresh_db, "2023", "TT_TRA_CU", tmp_path / "mau.xlsx")
    assert _formula_cells(path) == []
    wb = openpyxl.load_workbook(path)
    assert any(c.value == EVIL and c.quotePrefix for row in wb["Bieu06"].iter_rows() for c in row)
