"""The column-number row of the official forms carries the arithmetic of the spec's sum
columns ("(3)=(4)+(5)+(6)"), in the PDF and in the Excel file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tracu_desktop.export.forms_export import export_form

EXPECTED = {
    "06b": ["(3)=(4)+(5)+(6)", "(7)=(8)+(9)+(10)", "(11)=(12)+(13)"],
    "06a": ["(3)=(4)+(5)+(6)", "(7)=(8)+(9)+(10)", "(11)=(12)+(13)"],
    "05a": ["(3)=(4)+(5)", "(6)=(7)+(8)", "(9)=(10)+(11)"],
    "07b": ["(3)=(4)+(5)+(6)", "(7)=(8)+(9)+(10)", "(11)=(12)+(13)+(14)"],
}


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_column_numbers_show_the_arithmetic(demo_db, tmp_path: Path, code: str):
    on = date(2023, 11, 21)
    pdf = export_form(demo_db, "2023", code, "pdf", tmp_path / f"{code}.pdf", on=on)
    text = "".join(PdfReader(str(pdf)).pages[0].extract_text().split())
    for formula in EXPECTED[code]:
        assert formula in text, formula
    xlsx = export_form(demo_db, "2023", code, "xlsx", tmp_path / f"{code}.xlsx", on=on)
    ws = load_workbook(xlsx).active
    values = ["".join(str(c.value).split()) for row in ws.iter_rows() for c in row if c.value]
    row = next(r for r in ws.iter_rows() if r[0].value == "(1)")
    assert [c.value for c in row[:2]] == ["(1)", "(2)"]
    for formula in EXPECTED[code]:
        assert formula in values, formula
