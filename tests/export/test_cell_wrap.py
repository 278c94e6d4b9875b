"""Long text stays inside its cell: wrapped within the column in the PDF (no word box
crosses a column border or the page edge), Excel rows tall enough for their wrapped
text; in the completeness table counts are numbers and dates are dates."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.export.pdf_geometry import words
from tracu_desktop.export.forms_export import export_form, form_table
from tracu_desktop.export.xlsx_form import LINE_HEIGHT, text_lines

ON = date(2023, 11, 21)


def _column_edges(
    table, page_width_mm: float, margin_mm: float = 12 + 6 * 25.4 / 72
) -> list[float]:
    """Column borders: the table is centred between the margins (12 mm + 6 pt frame padding)."""
    usable = page_width_mm - 2 * margin_mm
    total = sum(table.widths)
    edges, x = [margin_mm], margin_mm
    for w in table.widths:
        x += usable * w / total
        edges.append(x)
    return edges


@pytest.mark.parametrize("code", ["completeness", "06a", "06b"])
def test_pdf_text_never_crosses_a_column_border(demo_db, tmp_path: Path, code: str):
    from pypdf import PdfReader

    table = form_table(demo_db, "2023", code, on=ON)
    pdf = export_form(demo_db, "2023", code, "pdf", tmp_path / "f.pdf", table=table)
    pages = len(PdfReader(str(pdf)).pages)
    width = 297 if table.spec.orientation == "landscape" else 210
    edges = _column_edges(table, width)
    first = table.header[0].text.split()[0]  # "TT", "Số", "STT": the table's top-left
    for page in range(1, pages + 1):
        boxes = words(pdf, page)
        top = min(b.y0 for b in boxes if b.text == first) - 1
        ends = [b.y0 for b in boxes if b.text in ("NGƯỜI", "Trang", "Cú,")]
        bottom = min(y for y in ends if y > top)
        for box in boxes:
            assert box.x1 <= width - 5, (page, box)  # never past the page edge
            if not top <= box.y0 < bottom:
                continue
            inside = [i for i in range(len(edges) - 1) if edges[i] - 0.3 <= box.x0 < edges[i + 1]]
            assert inside, (page, box)
            i = inside[0]
            assert box.x1 <= edges[i + 1] + 0.2, (page, box)  # crosses the column border


def test_completeness_values_are_typed_and_rows_fit_their_text(demo_db, tmp_path: Path):
    path = export_form(demo_db, "2023", "completeness", "xlsx", tmp_path / "c.xlsx", on=ON)
    ws = load_workbook(path).active
    total = next(r for r in ws.iter_rows() if r[1].value == "Tổng số đơn vị")
    assert isinstance(total[2].value, int) and isinstance(total[3].value, int)
    assert total[2].value + total[3].value == sum(
        1 for r in ws.iter_rows() if r[0].value and str(r[0].value).isdigit()
    )
    assert total[2].number_format == "#,##0"
    dated = [r for r in ws.iter_rows() if isinstance(r[4].value, datetime)]
    assert len(dated) == total[2].value
    assert all(r[4].number_format == "dd/mm/yyyy" for r in dated)
    assert not any(isinstance(r[4].value, str) and "/" in r[4].value for r in ws.iter_rows())
    widths = {c: ws.column_dimensions[c].width for c in "ABCDEF"}
    checked = 0
    first = next(r for r in ws.iter_rows() if r[1].value == "Cấp huyện")[0].row
    for row in ws.iter_rows(min_row=first, max_row=total[0].row):
        for cell in row:
            if isinstance(cell.value, str) and cell.alignment.wrap_text:
                need = text_lines(cell.value, widths[cell.column_letter], cell.font.bold)
                if need > 1:
                    height = ws.row_dimensions[cell.row].height
                    assert height is not None and height >= need * LINE_HEIGHT - 0.1, cell
                    checked += 1
    assert checked >= 10  # the notes of the commune rows wrap


def test_long_field_name_wraps_in_excel(demo_db, tmp_path: Path):
    from tracu_desktop.db.catalog import load_fields, save_field

    field = next(f for f in load_fields(demo_db) if f.name == "Đất đai")
    long = "Đất đai, nhà ở, tài nguyên, môi trường và phát triển nông thôn tại địa phương"
    save_field(demo_db, field.__class__(**{**field.__dict__, "name": long}))
    path = export_form(demo_db, "2023", "06b", "xlsx", tmp_path / "b.xlsx", on=ON)
    ws = load_workbook(path).active
    cell = next(c for r in ws.iter_rows() for c in r if c.value == long)
    assert cell.alignment.wrap_text
    chars = ws.column_dimensions[cell.column_letter].width
    assert text_lines(long, chars) >= 2
    assert ws.row_dimensions[cell.row].height >= text_lines(long, chars) * LINE_HEIGHT - 0.1
