"""The printed report of a successor commune compares with its predecessors' quarter."""

from pypdf import PdfReader

from tests.lineage_fixture import build_successor_commune
from tracu_desktop.cli.main import main
from tracu_desktop.db import open_database


def test_report_pdf_compares_2026_q1_with_the_predecessors(tmp_path, capsys):
    path = tmp_path / "tap-son.sqlite3"
    db = open_database(path)
    build_successor_commune(db)
    db.close()
    out = tmp_path / "bc.pdf"
    code = main(["--db", str(path), "report", "--period", "2026-Q1", "--format", "pdf",
                 "-o", str(out), "--force"])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert "tăng 50 hồ sơ (20,00%) so với cùng kỳ Quý I năm 2025" in text
    assert "tỷ lệ trực tuyến tăng 28,00 điểm phần trăm so với cùng kỳ Quý I năm 2025" in text
