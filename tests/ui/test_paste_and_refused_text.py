"""What happened is said in the cell's place: a pasted total that disagrees with its parts
is named by row and column; text that is not a count stays in the cell for correction."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tests.ui.test_entry_grid import _cell, _page, _text


def test_pasted_total_that_disagrees_is_named(window, qtbot, messages):
    page = _page(window, qtbot)
    row, col = _cell(page, "Hộ tịch", 3)
    page.view.select_cell(row, col)
    # (3) pasted as 999 while (4) + (5) + (6) = 10 + 20 + 30.
    assert page.view.paste_text("999\t10\t20\t30")
    assert _text(page, "Hộ tịch", 3) == "60"
    assert messages, "a warning must be shown"
    kind, text = messages[-1]
    assert kind == "warning"
    assert "Dòng 1 (Hộ tịch), cột (3)" in text
    assert "999" in text and "60" in text


def test_pasted_total_that_agrees_is_silent(window, qtbot, messages):
    page = _page(window, qtbot)
    row, col = _cell(page, "Hộ tịch", 3)
    page.view.select_cell(row, col)
    assert page.view.paste_text("60\t10\t20\t30")
    assert not messages


def test_refused_text_stays_in_the_cell_for_correction(window, qtbot, messages):
    page = _page(window, qtbot)
    row, col = _cell(page, "Chứng thực", 5)
    page.view.select_cell(row, col)
    qtbot.keyClick(page.view, "1")
    editor = page.view.findChild(QLineEdit)
    qtbot.keyClicks(editor, "2,5")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: bool(messages))
    assert "Dòng 2 (Chứng thực), cột (5)" in "Dòng 2 (Chứng thực), cột (5)" in messages[-1][1]

    def reopened() -> bool:
        ed = page.view.findChild(QLineEdit)
        return page.view.state() == page.view.State.EditingState and ed.text() == "12,5"

    qtbot.waitUntil(reopened)
    assert page.view.currentIndex().row() == row  # the cursor did not move on
    editor = page.view.findChild(QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "12")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: _text(page, "Chứng thực", 5) == "12")
