"""Báo cáo → Nhận xét, so sánh: targets and optional phrases set by the clerk change the
report's text."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from tracu_desktop.db.report_figures import phrases_off, report_context
from tracu_desktop.ui.report_phrases import ReportPhrasesTab, phrase_label


def test_labels_speak_the_clerks_language() -> None:
    assert phrase_label("online_rate_assessment") == (
        "Đánh giá tỷ lệ tiếp nhận trực tuyến theo chỉ tiêu (đạt / chưa đạt)"
    )
    assert phrase_label("received_total_vs_last_year") == (
        "So sánh tổng số hồ sơ tiếp nhận (3) với cùng kỳ năm trước"
    )


def test_target_and_switches_change_the_report(ctx, qtbot) -> None:
    tab = ReportPhrasesTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    edit = tab.target_edits["online"]
    edit.setFocus()
    QTest.keyClicks(edit, "80")
    QTest.keyClick(edit, Qt.Key_Return)
    assert report_context(ctx.db, "2023")["online_rate_assessment"] == "chưa đạt chỉ tiêu 80%"
    assert tab.status.text() == "Đã lưu chỉ tiêu."
    item = next(
        tab.list.item(i)
        for i in range(tab.list.count())
        if tab.list.item(i).text().startswith("Đánh giá tỷ lệ tiếp nhận trực tuyến")
    )
    tab.list.scrollToItem(item)
    rect = tab.list.visualItemRect(item)
    box = QPoint(rect.left() + 10, rect.center().y())  # the tick box at the item's left
    qtbot.mouseClick(tab.list.viewport(), Qt.LeftButton, pos=box)
    assert item.checkState() == Qt.Unchecked
    assert "online_rate_assessment" in phrases_off(ctx.db)
    assert report_context(ctx.db, "2023")["online_rate_assessment"] is None
    assert tab.status.text().startswith("Không in: Đánh giá tỷ lệ tiếp nhận trực tuyến")


def test_a_target_out_of_range_is_refused_with_the_rule(ctx, qtbot) -> None:
    tab = ReportPhrasesTab(ctx)
    qtbot.addWidget(tab)
    tab.target_edits["on_time"].setText("120")
    assert not tab.save_target("on_time")
    assert "cần một số từ 0 đến 100; chưa lưu" in tab.status.text()
