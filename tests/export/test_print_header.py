"""The report's first page as Nghị định 30/2020 lays it out: short rules centred under
the issuing body and the motto, both lines of the issuing body bold, a short rule under
the subject line — in the PDF (positions measured on the page) and in the Word file."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.export.pdf_geometry import phrase, rule_below, rules, words
from tracu_desktop.export.report_export import export_report

TOLERANCE_MM = 1.0  # a rule moved by 2 mm fails


@pytest.fixture
def report_pdf(demo_db, tmp_path: Path) -> Path:
    return export_report(demo_db, "2023", "pdf", tmp_path / "bc.pdf")


@pytest.mark.parametrize("text", ["HUYỆN TRÀ CÚ", "Độc lập - Tự do - Hạnh phúc"])
def test_header_rules_are_centred_under_their_text(report_pdf: Path, text: str):
    target = phrase(words(report_pdf), text)
    rule = rule_below(report_pdf, text)
    assert abs(rule.cx - target.cx) <= TOLERANCE_MM, (rule, target)
    assert rule.x1 - rule.x0 < target.x1 - target.x0 + 2  # a short rule, not wider


def test_subject_has_a_short_centred_rule_below(report_pdf: Path):
    boxes = words(report_pdf)
    title = phrase(boxes, "BÁO CÁO")
    dear = phrase(boxes, "Kính gửi:")
    under = [r for r in rules(report_pdf) if title.y1 < r.y0 < dear.y0]
    assert len(under) == 1, under
    rule = under[0]
    body_centre = 30 + (210 - 30 - 15) / 2  # left margin 30 mm, right 15 mm
    assert abs(rule.cx - body_centre) <= TOLERANCE_MM
    assert 20 <= rule.x1 - rule.x0 <= 60


def _fonts_of(pdf: Path, wanted: tuple[str, ...]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {w: set() for w in wanted}

    def visit(text, cm, tm, font, size):
        if font is None:
            return
        for w in wanted:
            if w in text:
                found[w].add(str(font.get("/BaseFont", "")))

    PdfReader(str(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


def test_both_lines_of_the_issuing_body_are_bold_in_pdf(report_pdf: Path):
    fonts = _fonts_of(report_pdf, ("ỦY BAN NHÂN DÂN", "HUYỆN TRÀ CÚ"))
    for line, names in fonts.items():
        assert names and all("Bold" in n for n in names), (line, names)


def test_word_header_bold_runs_and_subject_rule(demo_db, tmp_path: Path):
    import docx
    from docx.oxml.ns import qn

    path = export_report(demo_db, "2023", "docx", tmp_path / "bc.docx")
    doc = docx.Document(str(path))
    left = doc.tables[0].rows[0].cells[0]
    lines = [p for p in left.paragraphs if p.text.strip()]
    assert [p.text for p in lines] == ["ỦY BAN NHÂN DÂN", "HUYỆN TRÀ CÚ"]
    for p in lines:
        assert p.runs and all(r.bold for r in p.runs if r.text.strip()), p.text
    body = doc.paragraphs
    subject = next(i for i, p in enumerate(body) if p.text.startswith("Kết quả thực hiện"))
    after = body[subject + 1]
    assert not after.text.strip()
    ppr = after._p.pPr
    top = ppr.find(qn("w:pBdr")).find(qn("w:top"))
    assert top.get(qn("w:val")) == "single"
    assert after.paragraph_format.left_indent is not None
    assert body[subject + 2].text.startswith("Kính gửi:")


def test_app_tables_name_the_issuing_body_in_bold(demo_db, tmp_path: Path):
    from datetime import date

    from openpyxl import load_workbook

    from tracu_desktop.export.forms_export import export_form

    for code in ("completeness", "dvc"):
        pdf = export_form(demo_db, "2023", code, "pdf", tmp_path / f"{code}.pdf", on=date.today())
        for line, names in _fonts_of(pdf, ("ỦY BAN NHÂN DÂN", "HUYỆN TRÀ CÚ")).items():
            assert names and all("Bold" in n for n in names), (code, line, names)
        xlsx = export_form(demo_db, "2023", code, "xlsx", tmp_path / f"{code}.xlsx")
        ws = load_workbook(xlsx).active
        assert ws["A1"].value == "ỦY BAN NHÂN DÂN" and ws["A1"].font.bold
        assert ws["A2"].value == "HUYỆN TRÀ CÚ" and ws["A2"].font.bold
