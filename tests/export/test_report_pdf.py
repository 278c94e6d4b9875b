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
    # Footnotes at the bottom of the page that cites them.
    cited = next(i for i, t in enumerate(pages) if "của tỉnh2" in t)
    assert "Nghị quyết số 131/NQ-CP ngày 06/10/2022" in pages[cited]
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


def test_many_footnotes_each_on_the_page_of_its_mark(tmp_path: Path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from tracu_desktop.export.fonts import register_pdf_fonts
    from tracu_desktop.export.pdf_footnotes import build_with_footnotes, note_mark

    font = register_pdf_fonts()
    body = ParagraphStyle("b", fontName=font, fontSize=14, leading=17, spaceAfter=6)
    note = ParagraphStyle("n", fontName=font, fontSize=10, leading=12, spaceAfter=2)
    filler = "Văn bản chỉ đạo về kiểm soát thủ tục hành chính trên địa bàn huyện. " * 4
    notes = {
        n: f"Chú thích số {n:02d}: " + "căn cứ pháp lý dài. " * (1 + n % 4) for n in range(1, 31)
    }

    def story():
        return [Paragraph(f"Đoạn {n:02d}{note_mark(n)} {filler}", body) for n in range(1, 31)]

    passes = build_with_footnotes(
        tmp_path / "n.pdf", story, notes, note, pagesize=A4, initialFontName=font
    )
    assert passes <= 4
    pages = [p.extract_text() for p in PdfReader(str(tmp_path / "n.pdf")).pages]
    assert len(pages) > 3
    for n in range(1, 31):
        mark = next(i for i, t in enumerate(pages) if f"Đoạn {n:02d}{n}" in t)
        assert f"Chú thích số {n:02d}:" in pages[mark], n
