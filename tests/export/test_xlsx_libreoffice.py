"""Excel forms opened by a real spreadsheet program (LibreOffice), printed to PDF.

Skipped when ``soffice`` is absent (Debian package ``libreoffice-calc-nogui``).
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest
from pypdf import PdfReader

from tracu_desktop.core.formspec import spec_for
from tracu_desktop.export.forms_export import export_form

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")


def test_forms_print_one_page_wide_with_titles(demo_db, tmp_path):
    codes = ["06b", "05a", "07b", "dvc"]
    files = [
        export_form(demo_db, "2023", c, "xlsx", tmp_path / f"{c}.xlsx", on=date(2023, 11, 21))
        for c in codes
    ]
    out = tmp_path / "pdf"
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    for code in codes:
        reader = PdfReader(out / f"{code}.pdf")
        page = reader.pages[0]
        assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
        text = " ".join(page.extract_text().split())
        # the demo district's 06b names its two levels
        assert spec_for(code).title.replace("{levels_upper}", "CẤP HUYỆN, CẤP XÃ") in text
        # fit to one page wide: the last column's number is on the first page
        last_col = str(len(spec_for(code).columns))
        assert f"({last_col})" in text
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out / "06b.pdf").pages)
    assert "Trực tiếp, dịch vụ bưu chính" in text
    assert "Tổng cộng 22" in text and "Trang 1/" in text
