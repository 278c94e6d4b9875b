"""The Word report of the demo period, reopened with python-docx (and LibreOffice if present)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from tests.export.page_images import to_pdf_with_libreoffice
from tracu_desktop.db.report_texts import save_meta
from tracu_desktop.export.report_export import export_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def demo_docx(demo_db, tmp_path: Path) -> Path:
    save_meta(demo_db, "2023", number="533")
    return export_report(demo_db, "2023", "docx", tmp_path / "bao_cao.docx")


def _section(doc, number: str, next_number: str) -> str:
    """Body text from the heading "N. …" up to the next heading."""
    texts = [p.text for p in doc.paragraphs]
    start = next(i for i, t in enumerate(texts) if t.startswith(f"{number}. "))
    end = next(i for i, t in enumerate(texts) if i > start and t.startswith(f"{next_number}. "))
    return "\n".join(texts[start:end])


def test_demo_figures_in_sections(demo_docx: Path):
    import docx

    doc = docx.Document(str(demo_docx))
    s6 = _section(doc, "6", "7")
    for expected in (
        "22.278",
        "6.717 trực tiếp",
        "15.561 trực tuyến",
        "69,85%",
        "21.829",
        "97,98%",
        "449",
        "2,02%",
        "(đính kèm phụ lục 06b.VPCP.KSTTHC)",
    ):
        assert expected in s6, expected
    s8 = _section(doc, "8", "9")
    assert "20.432/22.278" in s8 and "91,71%" in s8
    assert "huyện: 17 dịch vụ" in s8 and "thị trấn: 10 dịch vụ" in s8
    s1 = _section(doc, "1", "2")
    assert "tác động trong kỳ báo cáo: 02." in s1 and "đánh giá tác động: 09." in s1
    assert "(đính kèm phụ lục 05a.VPCP.KSTTHC)" in _section(doc, "5", "6")
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "{" not in body and "[[" not in body
    assert "BÁO CÁO" in body and "Kính gửi: Văn phòng Ủy ban nhân dân tỉnh." in body
    assert "năm 2023 (từ ngày 01/01/2023 đến ngày 20/11/2023)" in body


def test_header_and_signature_tables(demo_docx: Path):
    import docx

    doc = docx.Document(str(demo_docx))
    head, end = doc.tables[0], doc.tables[-1]
    left = [p.text for p in head.cell(0, 0).paragraphs if p.text]
    right = [p.text for p in head.cell(0, 1).paragraphs if p.text]
    assert left == ["ỦY BAN NHÂN DÂN", "HUYỆN TRÀ CÚ"]
    assert right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert head.cell(0, 0).paragraphs[1].runs[0].bold
    assert head.cell(1, 0).text == "Số: 533/BC-UBND"
    date_par = head.cell(1, 1).paragraphs[0]
    assert date_par.text == "Trà Cú, ngày 21 tháng 11 năm 2023" and date_par.runs[0].italic
    # Short rules: a bordered empty paragraph under each header column.
    for cell in (head.cell(0, 0), head.cell(0, 1)):
        assert cell.paragraphs[-1]._p.find(f"{W}pPr/{W}pBdr/{W}top") is not None
    # Borderless tables.
    borders = head._tbl.tblPr.find(f"{W}tblBorders")
    assert all(b.get(f"{W}val") == "nil" for b in borders)

    noi_nhan = end.cell(0, 0).paragraphs
    assert noi_nhan[0].text == "Nơi nhận:"
    assert noi_nhan[0].runs[0].bold and noi_nhan[0].runs[0].italic
    assert noi_nhan[0].runs[0].font.size.pt == 12
    assert [p.text for p in noi_nhan[1:]][0] == "- Như trên;"
    assert noi_nhan[-1].text == "- Lưu: VT." and noi_nhan[-1].runs[0].font.size.pt == 11
    sign = [p.text for p in end.cell(0, 1).paragraphs if p.text]
    assert sign == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Tăng Thị Thắm"]
    closing = [p for p in doc.paragraphs if p.text.startswith("Trên đây")][0]
    assert closing.paragraph_format.keep_with_next


def test_page_size_margins_and_fonts(demo_docx: Path):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = docx.Document(str(demo_docx))
    sec = doc.sections[0]
    assert round(sec.page_width.mm) == 210 and round(sec.page_height.mm) == 297
    assert 20 <= round(sec.top_margin.mm) <= 25 and 20 <= round(sec.bottom_margin.mm) <= 25
    assert 30 <= round(sec.left_margin.mm) <= 35 and 15 <= round(sec.right_margin.mm) <= 20

    runs = [r for p in doc.paragraphs for r in p.runs]
    runs += [r for t in doc.tables for c in t._cells for p in c.paragraphs for r in p.runs]
    for run in runs:
        fonts = run._r.rPr.find(f"{W}rFonts")
        assert {fonts.get(f"{W}{a}") for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {
            "Times New Roman"
        }
    body = [p for p in doc.paragraphs if p.text.startswith("- Số lượng hồ sơ đã giải quyết")][0]
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert body.paragraph_format.first_line_indent.mm == pytest.approx(10, abs=0.1)
    assert body.runs[0].font.size.pt == 14


def test_real_word_footnotes(demo_docx: Path):
    with zipfile.ZipFile(demo_docx) as z:
        names = z.namelist()
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
        notes = z.read("word/footnotes.xml").decode()
        document = z.read("word/document.xml").decode()
    assert "word/footnotes.xml" in names
    assert "footnotes+xml" in types and "relationships/footnotes" in rels
    for n in (1, 2, 3):
        assert f'w:footnoteReference w:id="{n}"' in document
        assert f'w:id="{n}"' in notes
    assert "Thông tư số 01/2020/TT-VPCP" in notes


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_opens_the_file(demo_docx: Path, tmp_path: Path):
    from pypdf import PdfReader

    out = tmp_path / "lo"
    to_pdf_with_libreoffice([demo_docx], out, tmp_path / "profile")
    reader = PdfReader(str(out / "bao_cao.pdf"))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "22.278" in text and "HUYỆN TRÀ CÚ" in text
    last = reader.pages[-1].extract_text()
    assert "Trên đây" in last and "Tăng Thị Thắm" in last  # closing and signature together
