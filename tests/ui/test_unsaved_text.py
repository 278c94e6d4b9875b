"""Typed text that is saved by a button is never dropped without a word: closing the
window, leaving the page or switching the report section asks Lưu / Không lưu / Hủy."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tracu_desktop.db.catalog import get_organisation
from tracu_desktop.db.report_texts import load_report_texts


def _answer(label: str, seen: list[str]) -> None:
    """Click ``label`` in the question box as soon as it shows; remember its texts."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        seen.append("|".join(b.text() for b in box.buttons()))
        next(b for b in box.buttons() if b.text() == label).click()

    QTimer.singleShot(0, click)


def _edit_report(window, qtbot) -> object:
    page = window.show_page("report")
    page.tabs.setCurrentIndex(1)
    editor = page.editor
    editor.text.setFocus()
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.text, " Them cau moi.")
    return editor


def test_closing_with_an_edited_report_section_asks_and_saves(window, qtbot, ctx):
    editor = _edit_report(window, qtbot)
    key = editor.current_key()
    seen: list[str] = []
    _answer("Hủy", seen)
    window.close()
    assert window.isVisible(), "Hủy keeps the window open"
    assert "chưa lưu" in seen[0] and "Nội dung phần" in seen[0]
    assert sorted(seen[1].split("|")) == ["Hủy", "Không lưu", "Lưu"]
    assert editor.text.toPlainText().endswith(" Them cau moi.")

    _answer("Lưu", seen)
    window.close()
    assert not window.isVisible()
    saved = load_report_texts(ctx.db, "2023")
    assert saved.sections[key].endswith(" Them cau moi.")
    assert saved.origin[key] == "saved"


def test_switching_section_or_page_asks_before_dropping(window, qtbot, ctx):
    editor = _edit_report(window, qtbot)
    key = editor.current_key()
    before = load_report_texts(ctx.db, "2023").sections[key]
    seen: list[str] = []
    _answer("Không lưu", seen)
    editor.section.setCurrentIndex(editor.section.currentIndex() + 1)
    assert seen, "switching section asks"
    assert editor.current_key() != key
    assert load_report_texts(ctx.db, "2023").sections[key] == before

    qtbot.keyClicks(editor.text, "x")
    _answer("Hủy", seen)
    window.show_page("f06")
    assert window.stack.currentWidget() is window.pages["report"], "Hủy stays on the page"
    assert window.nav.currentItem().text() == "Báo cáo"


def test_general_information_save_bar_and_question(window, qtbot, ctx):
    page = window.show_page("general")
    edit = page.org_edits["preparer_name"]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "Nguyen Van B")
    assert page.save_state.text() == "Có thay đổi chưa lưu."
    assert (
        page.save_button.isVisible()
        and page.save_button.mapTo(window, page.save_button.rect().bottomLeft()).y() < 300
    )
    seen: list[str] = []
    _answer("Lưu", seen)
    window.show_page("f06")
    assert "Thông tin chung" in seen[0]
    assert get_organisation(ctx.db).preparer_name == "Nguyen Van B"
    window.show_page("general")
    assert page.save_state.text().startswith("Đã lưu lúc")
    qtbot.keyClick(edit, Qt.Key_Backspace)
    _answer("Không lưu", seen)
    window.show_page("f06")
    assert page.org_edits["preparer_name"].text() == "Nguyen Van B"
