"""The report page's key figures name the form-06 columns they come from; the numbers
are those of the form version in force for the period, read from the specs."""

from __future__ import annotations

from datetime import date

from tests.new_form_version import use_resources_2026
from tracu_desktop.core.entry_spec import key_figure_lines
from tracu_desktop.ui.report_page import FormsPage, ReportPage


def _caption(key: str, on: date | None = None) -> str:
    return next(line.text for line in key_figure_lines(on) if line.key == key) + ":"


def test_report_page_shows_the_column_numbers_of_form_06(ctx, qtbot):
    page = ReportPage(ctx)
    qtbot.addWidget(page)
    captions = {k: lab.text() for k, lab in page.captions.items()}
    assert captions["resolved_total"] == "Số hồ sơ đã giải quyết (7):"
    assert captions["resolved_early_on_time"] == "Giải quyết trước hạn và đúng hạn (8) + (9):"
    assert captions["online_rate"] == "Tỷ lệ tiếp nhận trực tuyến:"
    assert page.labels["received_total"].text() == "22.278"


def test_a_new_form_version_renumbers_the_captions_of_its_periods(tmp_path, monkeypatch):
    use_resources_2026(tmp_path, monkeypatch)
    # 2026: the optional column (7) moves "đã giải quyết" to (8)
    assert _caption("resolved_total", date(2026, 12, 31)) == "Số hồ sơ đã giải quyết (8):"
    assert _caption("pending_total", date(2026, 12, 31)) == "Số hồ sơ đang giải quyết (12):"
    assert _caption("resolved_total", date(2023, 12, 31)) == "Số hồ sơ đã giải quyết (7):"


def test_forms_page_lists_the_official_forms_from_the_specs(ctx, qtbot):
    from PySide6.QtWidgets import QLabel

    page = FormsPage(ctx)
    qtbot.addWidget(page)
    texts = [lab.text() for lab in page.findChildren(QLabel)]
    bullets = [t for t in texts if t.startswith("• ")]
    assert bullets == [
        "• Biểu 06b – Kết quả giải quyết TTHC theo cấp, lĩnh vực",
        "• Biểu 06a – Kết quả giải quyết TTHC theo đơn vị",
        "• Biểu 05a – Tiếp nhận, xử lý phản ánh, kiến nghị",
        "• Biểu 07b – Tổng hợp số lượng thủ tục hành chính",
    ]
