"""Tab and Enter as in Excel: computed cells are skipped, Enter after a run of Tab goes to
the next row's starting column; typing on a computed cell says why; a rule paints only
the cells it involves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tests.ui.test_entry_grid import _cell, _page, _text
from tracu_desktop.ui.grid_model import ERROR_BG


def _type_cell(qtbot, view, text: str, key=Qt.Key_Tab) -> None:
    qtbot.keyClick(view, text[0])
    editor = view.findChild(QLineEdit)
    if text[1:]:
        qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, key)
    qtbot.wait(50)  # Qt commits a Tab-ended edit through a queued call
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)


def test_a_row_of_eight_figures_takes_eight_tabs_and_enter(window, qtbot, ctx):
    page = _page(window, qtbot)
    view = page.view
    row, col = _cell(page, "Hộ tịch", 4)
    view.select_cell(row, col)
    figures = ["11", "12", "13", "21", "22", "23", "31", "32"]
    for i, text in enumerate(figures):
        _type_cell(qtbot, view, text, Qt.Key_Tab if i < 7 else Qt.Key_Return)
    numbers = [4, 5, 6, 8, 9, 10, 12, 13]
    assert [_text(page, "Hộ tịch", n) for n in numbers] == figures
    assert _text(page, "Hộ tịch", 3) == "36"  # computed, never typed into
    cur = view.currentIndex()
    assert (cur.row(), cur.column()) == (row + 1, col)  # next row, first input cell


def test_shift_tab_skips_back_over_computed_cells(window, qtbot):
    page = _page(window, qtbot)
    row, col8 = _cell(page, "Hộ tịch", 8)
    page.view.select_cell(row, col8)
    qtbot.keyClick(page.view, Qt.Key_Backtab)
    assert page.view.currentIndex().column() == _cell(page, "Hộ tịch", 6)[1]


def test_typing_on_a_computed_cell_says_why(window, qtbot):
    page = _page(window, qtbot)
    row, col = _cell(page, "Hộ tịch", 3)
    page.view.select_cell(row, col)
    with qtbot.waitSignal(page.view.error_shown) as sig:
        qtbot.keyClick(page.view, "5")
    assert "Dòng 1 (Hộ tịch), cột (3)" in sig.args[0]
    assert "tự tính" in sig.args[0]
    assert page.view.state() != page.view.State.EditingState


def test_balance_rule_paints_only_its_cells(window, qtbot, ctx):
    page = _page(window, qtbot)
    row, col = _cell(page, "Hộ tịch", 4)
    assert page.write_cell(row, col, 9999)  # (3) no longer equals (7) + (11)
    qtbot.waitUntil(lambda: page.model.mark_at(*_cell(page, "Hộ tịch", 3)) is not None)
    bg = {
        n: page.model.data(page.model.index(*_cell(page, "Hộ tịch", n)), Qt.BackgroundRole)
        for n in (3, 4, 7, 11)
    }
    for n in (3, 7, 11):
        assert bg[n].color() == ERROR_BG, n
    assert bg[4] is None or bg[4].color() != ERROR_BG
