"""A form is signed with the period's report date everywhere: stand-alone exports, the
print package and the report agree; ``export --date`` overrides it."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tracu_desktop.cli.main import main
from tracu_desktop.export.api import FORM_CODES

DEFAULT = "Trà Cú, ngày 21 tháng 11 năm 2023"  # the day after 20/11/2023


def _pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


def _xlsx_text(path: Path) -> str:
    ws = load_workbook(path).active
    return "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)


def _export(db_path: Path, out: Path, *extra: str) -> None:
    args = ["--db", str(db_path), "export", "--period", "2023", "--form", "all"]
    assert main([*args, "--format", "xlsx,pdf", "-o", str(out), *extra]) == 0


def test_standalone_forms_carry_the_report_date(demo_db_path: Path, tmp_path: Path):
    _export(demo_db_path, tmp_path)
    for code in FORM_CODES:
        for path, read in ((f"{code}.pdf", _pdf_text), (f"{code}.xlsx", _xlsx_text)):
            target = next(tmp_path.glob(f"*_{path}"))
            assert DEFAULT in read(target), target.name


def test_report_meta_date_moves_every_form(demo_db_path: Path, tmp_path: Path):
    meta = ["--db", str(demo_db_path), "report-meta", "--period", "2023"]
    assert main([*meta, "--date", "24/11/2023"]) == 0
    _export(demo_db_path, tmp_path / "a")
    report = tmp_path / "bc.pdf"
    args = ["--db", str(demo_db_path), "report", "--period", "2023"]
    assert main([*args, "--format", "package", "-o", str(report)]) == 0
    wanted = "Trà Cú, ngày 24 tháng 11 năm 2023"
    assert _pdf_text(report).count(wanted) == 3  # report + 06b + 05a
    for target in (tmp_path / "a").iterdir():
        text = _pdf_text(target) if target.suffix == ".pdf" else _xlsx_text(target)
        assert wanted in text, target.name


def test_export_date_option_overrides(demo_db_path: Path, tmp_path: Path, capsys):
    _export(demo_db_path, tmp_path, "--date", "05/12/2023")
    for target in tmp_path.glob("*.pdf"):
        assert "Trà Cú, ngày 05 tháng 12 năm 2023" in _pdf_text(target)
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert "ngày báo cáo của kỳ" in " ".join(capsys.readouterr().out.split())
