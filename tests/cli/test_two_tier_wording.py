"""A commune created from scratch and the province sample say what they are, end to end:
no district unit and no "cấp huyện" in the units, any form's PDF, the report (Word and
PDF) or the entry templates; the district's report keeps its own wording."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook

from tracu_desktop.cli.main import main
from tracu_desktop.core.formspec import form_list
from tracu_desktop.core.models import Level
from tracu_desktop.core.report.templates import builtin_template

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext missing")

DISTRICT_WORDS = ("huyện", "thị trấn", "phòng, ban ngành")

FIGURES = """period,unit,field,indicator,value
2026-Q1,29467,X_HO_TICH,received_online,120
2026-Q1,29467,X_HO_TICH,received_direct,80
2026-Q1,29467,X_HO_TICH,resolved_on_time,190
2026-Q1,29467,X_HO_TICH,pending_on_time,10
2026-Q1,29467,X_DAT_DAI,received_online,30
2026-Q1,29467,X_DAT_DAI,received_direct,50
2026-Q1,29467,X_DAT_DAI,resolved_early,60
2026-Q1,29467,X_DAT_DAI,resolved_late,5
2026-Q1,29467,X_DAT_DAI,pending_overdue,15
2026-Q1,29467,X_DAT_DAI,pakn_received_conduct,2
2026-Q1,29467,X_DAT_DAI,pakn_done_conduct,2
2026-Q1,29467,X_DAT_DAI,tthc_authority,40
2026-Q1,29467,,digitized_dossiers,150
2026-Q1,29467,,dvc_full,20
2026-Q1,29467,,dvc_partial,10
"""


def run(capsys, *argv) -> str:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def docx_text(path) -> str:
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def workbook_texts(path) -> list[str]:
    return [
        v
        for ws in load_workbook(path)
        for row in ws.iter_rows(values_only=True)
        for v in row
        if isinstance(v, str)
    ]


def district_words(text: str) -> list[str]:
    low = text.casefold()
    return [w for w in DISTRICT_WORDS if w in low]


def report_texts(capsys, db, period, tmp_path) -> tuple[str, str]:
    run(capsys, "--db", db, "report", "--period", period, "-o", tmp_path / "bc.docx", "--force")
    run(capsys, "--db", db, "report", "--period", period, "--format", "pdf",
        "-o", tmp_path / "bc.pdf", "--force")  # fmt: skip
    return docx_text(tmp_path / "bc.docx"), pdf_text(tmp_path / "bc.pdf")


@pytest.fixture
def commune(tmp_path, capsys):
    db = tmp_path / "tapson.sqlite3"
    run(capsys, "--db", db, "init", "--level", "commune", "--name", "Tập Sơn",
        "--superior", "Ủy ban nhân dân tỉnh Vĩnh Long")  # fmt: skip
    run(capsys, "--db", db, "period", "add", "2026-Q1")
    figures = tmp_path / "figures.csv"
    figures.write_text(FIGURES, encoding="utf-8")
    assert "Đã nhập 15 giá trị" in run(capsys, "--db", db, "values", "import", figures)
    return db


def test_commune_from_scratch_names_no_district_anywhere(commune, tmp_path, capsys):
    units = run(capsys, "--db", commune, "units", "--format", "csv")
    assert units.splitlines()[1:] == [
        "29467,Ủy ban nhân dân xã Tập Sơn,commune,,,,",
        "XA_CHUNG,Cấp xã (số liệu chung),commune,29467,,,",
    ]
    out_dir = tmp_path / "forms"
    run(capsys, "--db", commune, "export", "--period", "2026-Q1", "--form", "all",
        "--format", "xlsx,pdf", "-o", out_dir, "--force")  # fmt: skip
    pdfs = {p.stem.rsplit("_", 1)[1]: pdf_text(p) for p in out_dir.glob("*.pdf")}
    assert set(pdfs) == {f.code for f in form_list()}
    for code, text in pdfs.items():
        assert "Ủy ban nhân dân xã Tập Sơn" in text or "XÃ TẬP SƠN" in text, code
        assert district_words(text) == [], code
    for book in out_dir.glob("*.xlsx"):
        assert district_words("\n".join(workbook_texts(book))) == [], book.name
    sub_header = next(r for r in load_workbook(out_dir / "TapSon_2026-Q1_07b.xlsx").active.iter_rows(
        values_only=True) if "Tại BPMC cấp tỉnh" in r)  # fmt: skip
    assert [v for v in sub_header if v] == ["Tổng số", "Cấp tỉnh", "Cấp xã"] + [
        "Tổng số",
        "Tại BPMC cấp tỉnh",
        "Tại BPMC cấp xã",
        "Tổng số",
        "Cấp tỉnh",
        "Cấp xã",
    ]
    # 06b: the commune's own section only; 07b: the official levels that still exist,
    # renumbered, with the commune's 40 procedures under "Cấp xã".
    assert "Cấp xã" in pdfs["06b"] and "Cấp tỉnh" not in pdfs["06b"]
    assert "Ủy ban nhân dân xã Tập Sơn" in pdfs["06a"]
    line = next(ln for ln in pdfs["07b"].splitlines() if "Đất đai" in ln).split()
    assert line[:5] == ["1", "Đất", "đai", "40", "0"] and line[5] == "40"
    assert "(3)=(4)+(5)" in pdfs["07b"] and "(6)=(7)+(8)" in pdfs["07b"]
    assert "Tại BPMC" in pdfs["07b"] and "cấp xã" in pdfs["07b"]
    assert "1    Cấp xã" in pdfs["dvc"]

    docx, pdf = report_texts(capsys, commune, "2026-Q1", tmp_path)
    for text in (docx, " ".join(pdf.split())):
        assert district_words(text) == []
        assert "Tổng số TTHC thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã Tập Sơn: 40" in text
        assert "tại Trung tâm Phục vụ hành chính công" in text
        assert "Nghị định số 118/2025/NĐ-CP" in text
        assert "Dịch vụ công trực tuyến toàn trình: 20 dịch vụ;" in text
        assert "thuộc thẩm quyền giải quyết của Ủy ban nhân dân cấp xã" in text

    book = tmp_path / "mau.xlsx"
    run(capsys, "--db", commune, "template", "--period", "2026-Q1", "--unit", "29467",
        "-o", book)  # fmt: skip
    cells = workbook_texts(book)
    assert "Hộ tịch" in cells
    assert district_words("\n".join(cells)) == []


def test_province_sample_report_speaks_of_province_and_communes(tmp_path, capsys):
    db = tmp_path / "vl.sqlite3"
    run(capsys, "--db", db, "demo", "--preset", "vinh-long")
    docx, pdf = report_texts(capsys, db, "2026-Q1", tmp_path)
    for text in (docx, " ".join(pdf.split())):
        assert district_words(text) == []
        assert "TỈNH VĨNH LONG" in text
        assert "Kính gửi: Văn phòng Chính phủ." in text
        assert "(cấp tỉnh: 00 thủ tục; cấp xã: 00 thủ tục)" in text
        assert "các sở, ban, ngành tỉnh, Ủy ban nhân dân các xã, phường" in text
        assert "Trung tâm Phục vụ hành chính công tỉnh" in text
    out_dir = tmp_path / "forms"
    run(capsys, "--db", db, "export", "--period", "2026-Q1", "--form", "all",
        "--format", "pdf", "-o", out_dir, "--force")  # fmt: skip
    for path in out_dir.glob("*.pdf"):
        assert district_words(pdf_text(path)) == [], path.name


def test_the_district_keeps_its_wording():
    district = builtin_template()
    assert builtin_template(Level.DISTRICT) is district
    assert "cấp huyện: {authority_district} thủ tục" in district.texts["I.3"]
    assert "Ủy ban nhân dân các xã, thị trấn" in district.texts["I.8"]
    for level in (Level.COMMUNE, Level.PROVINCE):
        tpl = builtin_template(level)
        assert tpl.headings == district.headings  # same outline, other wording
        assert tpl.texts["I.1"] == district.texts["I.1"]
        assert not [k for k, text in tpl.texts.items() if district_words(text)], level
