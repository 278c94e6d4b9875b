"""The PDF report of the demo period, read back with pypdf."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from pypdf import PdfReader

from tracu_desktop.db.report_texts import save_meta, save_section_text
from tracu_desktop.export.report_export import export_report


def test_pdf_report_text_layout_and_fonts(demo_db, tmp_path: Path):
    save_meta(demo_db, "2023", number="533")
    path = export_report(demo_db, "2023", "pdf", tmp_path / "bao_cao.pdf")
    reader = PdfReader(str(path))
    pages = [p.extract_text() for p in reader.pages]
    text = "\n".join(pages)
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "HUYỆN TRÀ CÚ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 533/BC-UBND",
        "Trà Cú, ngày 21 tháng 11 năm 2023",
        "BÁO CÁO",
        "22.278",
        "69,85%",
        "97,98%",
        "20.432/22.278",
        "91,71%",
        "(đính kèm phụ lục 06b.VPCP.KSTTHC)",
        "Nơi nhận:",
        "KT. CHỦ TỊCH",
    ):
        assert expected in text, expected
    assert unicodedata.is_normalized("NFC", text)
    for page in reader.pages:  # A4 portrait
        assert (
            round(float(page.mediabox.width)) == 595 and round(float(page.mediabox.height)) == 842
        )
    # Page numbers at the top from page 2 on, none on page 1.
    assert all(pages[i].lstrip().startswith(str(i + 1)) for i in range(1, len(pages)))
    assert pages[0].lstrip().startswith("ỦY BAN NHÂN DÂN")
    # Closing lines and the signature block share the last page.
    assert "Trên đây" in pages[-1] and "Tăng Thị Thắm" in pages[-1]
    # Only the embedded serif family is used (no unembedded Helvetica).
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("Serif" in f or "Times" in f for f in fonts), fonts


def test_pdf_escapes_markup_characters_and_numbers_notes(demo_db, tmp_path: Path):
    save_section_text(
        demo_db,
        "2023",
        "I.9",
        "Tỷ lệ <b>trực tuyến</b> & số hóa: {online_rate}[^x].\n[^x]: Ghi chú A & B.",
    )
    path = export_report(demo_db, "2023", "pdf", tmp_path / "r.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)
    assert "Tỷ lệ <b>trực tuyến</b> & số hóa: 69,85%" in text
    assert "Ghi chú A & B." in text
