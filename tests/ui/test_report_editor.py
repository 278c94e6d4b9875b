from datetime import date

from PySide6.QtCore import QDate


def editor_for(ctx, qtbot):
    from tracu_desktop.ui.report_editor import ReportEditor

    ed = ReportEditor(ctx)
    qtbot.addWidget(ed)
    ed.section.setCurrentIndex(ed.section.findData("I.6"))
    return ed


def test_section_preview_shows_figures_as_printed(ctx, qtbot):
    ed = editor_for(ctx, qtbot)
    preview = ed.preview.toPlainText()
    assert "22.278" in preview and "69,85%" in preview and "15.561 trực tuyến" in preview
    assert "{" not in preview
    assert ed.date.date() == QDate(2023, 11, 21)  # the day after the period ends


def test_unknown_placeholder_is_named_and_not_saved(ctx, qtbot, messages):
    from tracu_desktop.db.report_texts import load_report_texts

    ed = editor_for(ctx, qtbot)
    before = load_report_texts(ctx.db, "2023").sections["I.6"]
    ed.text.setPlainText("Tổng số hồ sơ: {received_totl}.")
    assert "{received_totl}" in ed.problem.text()
    assert not ed.save_section()
    assert messages[-1][0] == "warning" and "received_totl" in messages[-1][1]
    assert load_report_texts(ctx.db, "2023").sections["I.6"] == before


def test_inserting_a_placeholder_and_saving(ctx, qtbot, messages):
    from tracu_desktop.db.report_texts import load_report_texts

    ed = editor_for(ctx, qtbot)
    ed.text.setPlainText("Số hồ sơ đã giải quyết: ")
    ed.text.moveCursor(ed.text.textCursor().MoveOperation.End)
    ed._insert_placeholder(ed.placeholder.findData("resolved_total"))
    assert ed.text.toPlainText() == "Số hồ sơ đã giải quyết: {resolved_total}"
    assert ed.preview.toPlainText() == "Số hồ sơ đã giải quyết: 22.278"
    assert ed.save_section()
    texts = load_report_texts(ctx.db, "2023")
    assert texts.sections["I.6"] == "Số hồ sơ đã giải quyết: {resolved_total}"
    assert texts.origin["I.6"] == "saved"
    assert ed.origin.text() == "Đã lưu cho kỳ này."


def test_number_and_date_saved(ctx, qtbot, messages):
    from tracu_desktop.db.report_texts import load_report_texts

    ed = editor_for(ctx, qtbot)
    ed.number.setText("533")
    ed.date.setDate(QDate(2023, 11, 21))
    assert ed.save_meta()
    meta = load_report_texts(ctx.db, "2023").meta
    assert meta.number == "533" and meta.date == date(2023, 11, 21)
    assert meta.number_line() == "Số: 533/BC-UBND"


def test_locked_period_refuses_edits(ctx, qtbot, messages):
    from tracu_desktop.db.periods import set_locked

    ed = editor_for(ctx, qtbot)
    set_locked(ctx.db, "2023", True)
    ed.text.setPlainText("Văn bản mới.")
    assert not ed.save_section()
    assert "đã chốt" in messages[-1][1]
