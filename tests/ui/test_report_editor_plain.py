"""The clerk edits the report without learning a syntax: section names once, fields
listed with the period's values, bold/italic by button or Ctrl+B / Ctrl+I, a preview
that shows what will print."""

from __future__ import annotations

from PySide6.QtCore import Qt


def _editor(window):
    page = window.show_page("report")
    page.tabs.setCurrentIndex(1)
    return page.editor


def test_section_names_do_not_repeat_their_number(window):
    editor = _editor(window)
    texts = [editor.section.itemText(i) for i in range(editor.section.count())]
    assert any(t.startswith("I.1 — Đánh giá tác động") for t in texts), texts
    assert not any(" — 1. " in t for t in texts)


def test_field_list_shows_this_periods_values(window, ctx):
    editor = _editor(window)
    items = [editor.placeholder.itemText(i) for i in range(editor.placeholder.count())]
    received = next(t for t in items if t.startswith("{received_total} — "))
    assert received.endswith(": 22.278"), received


def test_bold_italic_and_preview_as_printed(window, qtbot):
    editor = _editor(window)
    editor.text.setPlainText("Kết quả tốt")
    cursor = editor.text.textCursor()
    cursor.setPosition(4)
    cursor.setPosition(7, cursor.MoveMode.KeepAnchor)  # "quả"
    editor.text.setTextCursor(cursor)
    editor.text.setFocus()
    qtbot.keyClick(editor.text, Qt.Key_B, Qt.ControlModifier)
    assert editor.text.toPlainText() == "Kết **quả** tốt"
    cursor = editor.text.textCursor()
    cursor.setPosition(len("Kết **quả** "))
    cursor.setPosition(len("Kết **quả** tốt"), cursor.MoveMode.KeepAnchor)
    editor.text.setTextCursor(cursor)
    editor.italic_button.click()
    assert editor.text.toPlainText() == "Kết **quả** *tốt*"
    assert editor.preview.toPlainText().strip() == "Kết quả tốt"
    assert (
        "font-weight" in editor.preview.toHtml() and "font-style:italic" in editor.preview.toHtml()
    )
    assert "{" not in editor.recipient.text()


def test_unknown_field_is_explained_without_a_command_line(window):
    editor = _editor(window)
    editor.text.setPlainText("Số {khong_co} hồ sơ")
    assert "{khong_co}" in editor.problem.text()
    assert "Chèn trường số liệu" in editor.problem.text()
    assert "lệnh" not in editor.problem.text()


def test_fields_are_highlighted_known_and_unknown(window):
    editor = _editor(window)
    editor.text.setPlainText("Nhận {received_total} và {khong_co} hồ sơ")
    block = editor.text.document().firstBlock()
    formats = {
        block.text()[r.start : r.start + r.length]: r.format.background().color().name()
        for r in block.layout().formats()
    }
    assert formats["{received_total}"] == "#dbe9fb"
    assert formats["{khong_co}"] == "#f6c6c6"
