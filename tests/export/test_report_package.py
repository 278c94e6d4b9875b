"""The print package: report PDF then the appendix forms (landscape), in the order asked."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tracu_desktop.export.report_export import ReportExportError, export_report


def _pages(path: Path) -> list[tuple[str, str]]:
    """(orientation, text) of each page."""
    out = []
    for page in PdfReader(str(path)).pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        if page.rotation in (90, 270):
            w, h = h, w
        out.append(("landscape" if w > h else "portrait", page.extract_text()))
    return out


def _first(pages: list[tuple[str, str]], marker: str) -> int:
    return next(i for i, (_o, text) in enumerate(pages) if marker in text)


def test_package_order_and_orientation(demo_db, tmp_path: Path):
    path = export_report(demo_db, "2023", "package", tmp_path / "goi_in.pdf")
    pages = _pages(path)
    i06, i05 = _first(pages, "II.06b"), _first(pages, "II.05a")
    assert pages[0][1].startswith("ỦY BAN NHÂN DÂN") and "BÁO CÁO" in pages[0][1]
    assert "Tăng Thị Thắm" in pages[i06 - 1][1]  # the report ends right before 06b
    assert all(o == "portrait" for o, _t in pages[:i06])
    assert all(o == "landscape" for o, _t in pages[i06:])
    assert 0 < i06 < i05
    assert "22.278" in "".join(t for _o, t in pages[i06:i05])
    # The appendices carry the report's date.
    assert "ngày 21 tháng 11 năm 2023" in pages[i06][1] + pages[i05][1]


def test_package_with_chosen_forms_in_given_order(demo_db, tmp_path: Path):
    path = export_report(
        demo_db, "2023", "package", tmp_path / "p.pdf", forms=("05a", "07b", "06b")
    )
    pages = _pages(path)
    i05, i07, i06 = _first(pages, "II.05a"), _first(pages, "II.07b"), _first(pages, "II.06b")
    assert 0 < i05 < i07 < i06
    report_only = _pages(export_report(demo_db, "2023", "pdf", tmp_path / "r.pdf"))
    assert i05 == len(report_only)


def test_unknown_format_is_refused(demo_db, tmp_path: Path):
    with pytest.raises(ReportExportError, match="odt"):
        export_report(demo_db, "2023", "odt", tmp_path / "x.odt")
    assert not (tmp_path / "x.odt").exists()
