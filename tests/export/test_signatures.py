"""Every form ends with the same signature lines, and the preparer ("NGƯỜI LẬP BIỂU") is
named from the organisation settings (the demo sets one)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from tracu_desktop.core.demo_data import DEMO_PREPARER
from tracu_desktop.db.catalog import require_organisation, save_organisation
from tracu_desktop.export.api import FORM_CODES
from tracu_desktop.export.forms_export import export_form, form_table

LINES = [
    "NGƯỜI LẬP BIỂU",
    "(Ký, ghi rõ họ tên)",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "(Ký, đóng dấu, ghi rõ họ tên)",
    "Tăng Thị Thắm",
    "Trà Cú, ngày 21 tháng 11 năm 2023",
]


def test_every_form_has_the_same_signature_block(demo_db):
    blocks = {
        code: (t.texts.place_date, t.texts.sign_left, t.texts.sign_right)
        for code in FORM_CODES
        for t in [form_table(demo_db, "2023", code)]
    }
    assert len(set(blocks.values())) == 1, blocks
    _, left, right = blocks["06b"]
    assert left.name == DEMO_PREPARER and right.note == "(Ký, đóng dấu, ghi rõ họ tên)"


def test_signature_lines_printed_on_every_form(demo_db, tmp_path: Path):
    on = date(2023, 11, 21)
    for code in FORM_CODES:
        pdf = export_form(demo_db, "2023", code, "pdf", tmp_path / f"{code}.pdf", on=on)
        last = PdfReader(str(pdf)).pages[-1].extract_text()
        for line in [*LINES, DEMO_PREPARER]:
            assert line in last, (code, line)
        xlsx = export_form(demo_db, "2023", code, "xlsx", tmp_path / f"{code}.xlsx", on=on)
        ws = load_workbook(xlsx).active
        values = {str(c.value) for row in ws.iter_rows() for c in row if c.value}
        for line in [*LINES, DEMO_PREPARER]:
            assert line in values, (code, line)


def test_preparer_comes_from_settings(demo_db):
    org = require_organisation(demo_db)
    save_organisation(demo_db, replace(org, preparer_name="Lê Văn Bình"))
    assert form_table(demo_db, "2023", "05a").texts.sign_left.name == "Lê Văn Bình"


def test_demo_report_carries_its_known_number(demo_db, tmp_path: Path):
    from tracu_desktop.export.report_export import export_report

    pdf = export_report(demo_db, "2023", "pdf", tmp_path / "bc.pdf")
    assert "Số: 533/BC-UBND" in PdfReader(str(pdf)).pages[0].extract_text()


def test_names_print_on_one_line_and_sections_keep_their_rows(demo_db, tmp_path: Path):
    from tests.export.pdf_geometry import phrase, words

    pdf = export_form(demo_db, "2023", "06b", "pdf", tmp_path / "b.pdf", on=date(2023, 11, 21))
    pages = len(PdfReader(str(pdf)).pages)
    boxes = words(pdf, pages)
    preparer, signer = phrase(boxes, DEMO_PREPARER), phrase(boxes, "Tăng Thị Thắm")
    assert abs(preparer.y0 - signer.y0) < 0.5
    for page in range(1, pages + 1):  # "Cấp xã" never ends a page without its rows
        body = [b for b in words(pdf, page) if b.y0 < 190]  # above "Trang x/y"
        bottom = max(b.y0 for b in body)
        last_line = {b.text for b in body if abs(b.y0 - bottom) < 0.5}
        assert "Cấp" not in last_line, (page, last_line)
