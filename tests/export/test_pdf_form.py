"""PDF forms read back with pypdf: page size, exact Vietnamese text, figures, fonts."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from tracu_desktop.core.formspec import spec_for
from tracu_desktop.export.forms_export import export_form

REPORT_DATE = date(2023, 11, 21)
BASE14 = {
    "Helvetica",
    "Helvetica-Bold",
    "Helvetica-Oblique",
    "Helvetica-BoldOblique",
    "Times-Roman",
    "Times-Bold",
    "Times-Italic",
    "Times-BoldItalic",
    "Courier",
    "Courier-Bold",
    "Courier-Oblique",
    "Courier-BoldOblique",
    "Symbol",
    "ZapfDingbats",
}


def _text(page) -> str:
    """Page text with whitespace collapsed (pypdf puts each table cell on its own line)."""
    return " ".join(page.extract_text().split())


def _pdf(db, out_dir, code):
    path = export_form(db, "2023", code, "pdf", out_dir / f"{code}.pdf", on=REPORT_DATE)
    return PdfReader(path)


def _fonts(reader: PdfReader) -> list[tuple[str, bool]]:
    """(base font name, embedded?) of every font used on every page."""
    found = []
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            name = str(font["/BaseFont"]).lstrip("/")
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append((name, embedded))
    return found


def test_06b_pdf(demo_db, out_dir):
    reader = _pdf(demo_db, out_dir, "06b")
    for page in reader.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(w), round(h)) == (842, 595)  # A4 landscape
    first = _text(reader.pages[0])
    assert "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC THUỘC THẨM QUYỀN CỦA CẤP HUYỆN, CẤP XÃ" in first
    assert "Biểu số II.06b/VPCP/KSTT" in first
    assert "Ban hành kèm theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020" in first
    assert "Đơn vị tính: Số hồ sơ TTHC." in first
    assert "Cấp huyện" in first
    text = " ".join(_text(p) for p in reader.pages)
    for figure in ("22.278", "15.561", "6.717", "449"):
        assert figure in text
    assert "Tổng cộng 22.278 15.561 6.717 0 22.278 16.874 4.955 449 0 0 0" in text
    last = _text(reader.pages[-1])
    assert f"Trang {len(reader.pages)}/{len(reader.pages)}" in last
    assert "Trà Cú, ngày 21 tháng 11 năm 2023" in last and "Tăng Thị Thắm" in last
    fonts = _fonts(reader)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert not {name.split("+")[-1] for name, _ in fonts} & BASE14
    assert reader.metadata.title.startswith("Biểu số II.06b/VPCP/KSTT")


@pytest.mark.parametrize("code", ["06a", "05a", "07b", "dvc", "completeness"])
def test_every_form_has_its_title_and_embedded_fonts(demo_db, out_dir, code):
    reader = _pdf(demo_db, out_dir, code)
    spec = spec_for(code)
    assert spec.title in _text(reader.pages[0])
    page = reader.pages[0]
    landscape = float(page.mediabox.width) > float(page.mediabox.height)
    assert landscape == (spec.orientation == "landscape")
    assert all(embedded for _, embedded in _fonts(reader))


def test_05a_pdf_shows_the_feedback(demo_db, out_dir):
    text = _text(_pdf(demo_db, out_dir, "05a").pages[0])
    assert "(12) 1 Hộ tịch 1 0 1 1 0 1 0 0 0 1 Tổng cộng 1 0 1 1 0 1 0 0 0 1" in text


def test_long_form_repeats_header_and_keeps_signature_with_rows(big_db, out_dir):
    reader = _pdf(big_db, out_dir, "06a")
    pages = [_text(p) for p in reader.pages]
    assert len(pages) >= 5
    for i, text in enumerate(pages, start=1):
        for caption in (
            "Số hồ sơ nhận giải quyết",
            "Trực tuyến",
            "Trực tiếp, dịch vụ bưu chính",
            "Trước hạn",
            "Đúng hạn",
            "Trong hạn",
        ):
            assert caption in text, f"page {i} lacks {caption!r}"
        assert f"Trang {i}/{len(pages)}" in text
    last = pages[-1]
    assert "NGƯỜI LẬP BIỂU" in last and "Tổng cộng" in last
    assert "Xã Thử Nghiệm số 200" in last  # the last data rows travel with the signatures
    assert "Xã Thử Nghiệm số 199" in last
    assert all("NGƯỜI LẬP BIỂU" not in p for p in pages[:-1])
    text = " ".join(pages)
    assert all(f"Xã Thử Nghiệm số {i} " in text for i in range(1, 201))


def test_dvc_pdf_prints_vietnamese_rates(demo_db, out_dir):
    text = _text(_pdf(demo_db, out_dir, "dvc").pages[0])
    assert "Tổng cộng 334 27 188 119 22.278 15.561 6.717 69,85% 20.432 91,71%" in text
    assert "không phải biểu mẫu ban hành kèm Thông tư" in text
