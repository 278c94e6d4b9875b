"""Small things a clerk would otherwise fix by hand: footnote numbers superscript in the
Word footnote area, every rate with two decimals, section headings left-aligned."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.export.page_images import to_pdf_with_libreoffice
from tests.export.pdf_geometry import phrase, words
from tracu_desktop.core.report.placeholders import compare_count
from tracu_desktop.export.report_export import export_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_footnote_number_in_the_footnote_text_is_styled_superscript(demo_db, tmp_path: Path):
    import docx

    path = export_report(demo_db, "2023", "docx", tmp_path / "bc.docx")
    doc = docx.Document(str(path))
    style = doc.styles.element.find(f"{W}style[@{W}styleId='FootnoteReference']")
    assert style is not None
    assert style.find(f"{W}rPr/{W}vertAlign").get(f"{W}val") == "superscript"
    notes = next(p for p in doc.part.package.parts if p.partname == "/word/footnotes.xml")
    from lxml import etree

    root = etree.fromstring(notes.blob)
    marks = root.findall(f".//{W}footnoteRef")
    assert len(marks) == 3
    for mark in marks:
        rpr = mark.getparent().find(f"{W}rPr")
        assert rpr.find(f"{W}rStyle").get(f"{W}val") == "FootnoteReference"
        assert rpr.find(f"{W}vertAlign").get(f"{W}val") == "superscript"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_footnote_number_prints_small_in_libreoffice(demo_db, tmp_path: Path):
    path = export_report(demo_db, "2023", "docx", tmp_path / "bc.docx")
    to_pdf_with_libreoffice([path], tmp_path, tmp_path / "profile")
    pdf = tmp_path / "bc.pdf"
    for page in (1, 2, 3):
        boxes = words(pdf, page)
        for word in (b for b in boxes if b.text == "Thông" and b.y0 > 200):  # footnote area
            left = [
                b
                for b in boxes
                if b.text == "1" and 0 <= word.x0 - b.x1 < 4 and abs(b.y0 - word.y0) < 3
            ]
            if left:
                number = left[0]
                assert number.y1 - number.y0 < 0.7 * (word.y1 - word.y0)
                return
    pytest.fail("footnote 1 not found")


def test_every_rate_has_two_decimals():
    assert compare_count(22278, 21074, "cùng kỳ năm 2022") == (
        "tăng 1.204 hồ sơ (5,71%) so với cùng kỳ năm 2022"
    )


def test_section_headings_are_left_aligned(demo_db, tmp_path: Path):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    pdf = export_report(demo_db, "2023", "pdf", tmp_path / "bc.pdf")
    boxes = words(pdf, 1)
    head = phrase(boxes, "I. TÌNH HÌNH, KẾT QUẢ")
    line = sorted((b for b in boxes if abs(b.y0 - head.y0) < 0.5), key=lambda b: b.x0)
    gaps = [b.x0 - a.x1 for a, b in zip(line, line[1:], strict=False)]
    assert len(gaps) >= 6 and max(gaps) < 1.8, gaps  # a plain space, not justified gaps

    doc = docx.Document(str(export_report(demo_db, "2023", "docx", tmp_path / "bc.docx")))
    headings = [p for p in doc.paragraphs if p.text.startswith(("I. ", "II. ", "1. ", "6. "))]
    assert len(headings) >= 4
    for p in headings:
        if p.runs and p.runs[0].bold:
            assert p.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT, p.text
