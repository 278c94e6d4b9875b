"""Every printed page compared with its approved image (``tests/approved/``): the forms
(PDF, and Excel printed by LibreOffice under a Vietnamese locale) and the report (PDF, and
Word printed by LibreOffice), for the demo (Trà Cú 2023) and for a generated
province-sized period.

A page that moved or changed fails; the new page and a difference image are written to
``tests/approved/_failed/``. After looking at them, approve with ``python -m tools.approve``.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from tests.export.page_images import (
    ROOT,
    compare,
    render,
    soffice,
    to_pdf_with_libreoffice,
    vietnamese_locale,
)
from tracu_desktop.export.api import FORM_CODES

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) not installed"
)

CASES = {"demo": "2023", "province": "2024"}
PROVINCE_UNITS, PROVINCE_FIELDS = 60, 10  # large enough for several pages per form


def _province(db) -> None:
    spec = importlib.util.spec_from_file_location("bench_forms", ROOT / "bench" / "bench_forms.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # figures arrive "now": pin the arrival day the completeness table prints
    from unittest import mock

    with mock.patch("tracu_desktop.db.values.now_text", return_value="2024-12-10T09:30:00"):
        module.build_province(db, "2024", units=PROVINCE_UNITS, fields=PROVINCE_FIELDS)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each case's forms (xlsx, pdf) and report (pdf), exported once for the module."""
    from tracu_desktop.db.connection import open_database
    from tracu_desktop.db.demo import create_demo
    from tracu_desktop.export.forms_export import export_form, form_table
    from tracu_desktop.export.report_export import export_report

    folders: dict[str, Path] = {}
    for case, period in CASES.items():
        out = tmp_path_factory.mktemp(case)
        db = open_database(out / "db.sqlite3")
        try:
            create_demo(db) if case == "demo" else _province(db)
            for code in FORM_CODES:
                table = form_table(db, period, code)
                for fmt in ("pdf", "xlsx"):
                    export_form(db, period, code, fmt, out / f"{code}.{fmt}", table=table)
            export_report(db, period, "pdf", out / "report.pdf")
            export_report(db, period, "docx", out / "report.docx")
        finally:
            db.close()
        folders[case] = out
    return folders


def _check(case: str, name: str, pdf: Path) -> None:
    problems = compare(case, name, render(pdf))
    assert not problems, "; ".join(f"{p.name}: {p.reason}" for p in problems) + (
        " — ảnh mới và ảnh khác biệt ở tests/approved/_failed/; duyệt bằng python -m tools.approve"
    )


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("name", [*FORM_CODES, "report"])
def test_pdf_pages_match_approved_images(outputs, case: str, name: str):
    _check(case, name, outputs[case] / f"{name}.pdf")


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) not installed")
@pytest.mark.parametrize("case", sorted(CASES))
def test_excel_and_word_pages_printed_by_libreoffice_match_approved_images(outputs, case, tmp_path):
    assert vietnamese_locale(), (
        "Thiếu locale vi_VN.UTF-8 (LibreOffice in 22.278 chỉ khi có): thêm dòng "
        "“vi_VN.UTF-8 UTF-8” vào /etc/locale.gen rồi chạy locale-gen"
    )
    files = [outputs[case] / f"{code}.xlsx" for code in FORM_CODES]
    files.append(outputs[case] / "report.docx")  # the Word report as LibreOffice prints it
    pdfs = to_pdf_with_libreoffice(files, tmp_path / "pdf", tmp_path / "profile")
    problems = []
    for code, pdf in zip([*FORM_CODES, "report"], pdfs, strict=True):
        suffix = "docx" if code == "report" else "xlsx"
        problems += compare(case, f"{code}-{suffix}", render(pdf))
    assert not problems, "; ".join(f"{p.name}: {p.reason}" for p in problems)


def test_a_header_rule_moved_2_mm_fails(outputs, monkeypatch, tmp_path):
    """The comparison is strict enough to see the short rule under "HUYỆN TRÀ CÚ" move."""
    from reportlab.lib.units import mm
    from reportlab.platypus import HRFlowable

    from tests.export.page_images import FAILED, approving
    from tracu_desktop.db.connection import open_database
    from tracu_desktop.export.report_export import export_report

    if approving():
        pytest.skip("approving")
    draw = HRFlowable.draw

    def moved(self):
        self.canv.translate(2 * mm, 0)
        draw(self)

    monkeypatch.setattr(HRFlowable, "draw", moved)
    db = open_database(outputs["demo"] / "db.sqlite3", create=False)
    try:
        pdf = export_report(db, "2023", "pdf", tmp_path / "moved.pdf")
    finally:
        db.close()
    problems = compare("demo", "report", render(pdf)[:1])
    for leftover in (FAILED / "demo").glob("report-*.png"):
        leftover.unlink()
    assert [p.name for p in problems if p.name == "report-1"] == ["report-1"]
