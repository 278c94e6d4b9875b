"""What arrives late must not undo the clerk's typing nor touch a closed database.

A background check, a refresh on a signal or a queued timer can finish at any moment on
a busy machine: while a cell editor is open, or after the window or its database closed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tracu_desktop.core.models import ValueKey
from tracu_desktop.core.validation import Issue, Severity
from tracu_desktop.db.values import get_value

UNIT = "TT_TRA_CU"


def _cell(page, field_name: str, number: int) -> tuple[int, int]:
    m = page.model
    row = next(i for i, r in enumerate(m.rows) if r.label == field_name)
    col = next(i for i, c in enumerate(m.columns) if c.number == number)
    return row, col


def _field(db, name: str) -> str:
    return db.execute(
        "SELECT code FROM fields WHERE name=? AND level='commune'", [name]
    ).fetchone()[0]


def _open_page(window, qtbot):
    page = window.show_page("f06")
    page.tree.select_unit(UNIT)
    qtbot.waitUntil(lambda: page.model.unit == UNIT)
    return page


def test_marks_arriving_while_typing_keep_the_typed_text(window, qtbot, ctx, messages):
    page = _open_page(window, qtbot)
    row, col = _cell(page, "Hộ tịch", 4)
    page.view.select_cell(row, col)
    qtbot.keyClick(page.view, "1")  # typing replaces "275"
    editor = page.view.findChild(QLineEdit)
    assert editor is not None and editor.text() == "1"
    # The period's check finishes now and paints a cell of the grid.
    hotich = _field(ctx.db, "Hộ tịch")
    page.model.set_issues(
        [Issue("f06_balance", Severity.ERROR, "lệch", UNIT, hotich, "received_online")]
    )
    assert editor.text() == "1"
    qtbot.keyClick(editor, "1")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: page.view.state() != page.view.State.EditingState)
    assert page.model.display_text(row, col) == "11"
    assert get_value(ctx.db, ValueKey("2023", UNIT, hotich, "received_online")) == 11


def test_figures_reloaded_while_typing_keep_the_typed_text(window, qtbot, ctx, messages):
    page = _open_page(window, qtbot)
    row, col = _cell(page, "Hộ tịch", 4)
    page.view.select_cell(row, col)
    qtbot.keyClick(page.view, "1")
    editor = page.view.findChild(QLineEdit)
    assert editor is not None
    page.model.reload()  # another page wrote a figure: the grid re-reads the database
    qtbot.keyClick(editor, "2")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: page.view.state() != page.view.State.EditingState)
    assert page.model.display_text(row, col) == "12"


def test_dock_height_timer_does_not_outlive_the_window(ctx, qtbot, messages):
    """The validation dock's height is applied on a zero timer; a window deleted before
    it fires must not be called (pytest-qt fails the test on an exception in a slot)."""
    import shiboken6

    from tracu_desktop.ui.main_window import MainWindow

    win = MainWindow(ctx)
    win.show()
    win._fit_validation_dock()  # queues the height for after the layout
    ctx.blockSignals(True)
    shiboken6.delete(win)
    qtbot.wait(50)
    assert not shiboken6.isValid(win)


def test_context_signals_after_the_window_and_database_closed(ctx, qtbot, messages):
    """A period or data signal arriving after the window was deleted and its database
    closed reaches no page (each would read the closed database or a deleted widget)."""
    import shiboken6

    from tracu_desktop.ui.main_window import MainWindow

    win = MainWindow(ctx)
    win.show()
    pages = [win.page(key) for key in win.specs]  # every page listening to the context
    assert len(pages) == len(win.specs)
    win.validation.stop()
    shiboken6.delete(win)
    ctx.db.close()
    ctx.set_period("2024")
    ctx.data_changed.emit("2024")
    ctx.catalog_changed.emit()
    qtbot.wait(200)  # past the validation panel's 120 ms timer
    assert not any(shiboken6.isValid(p) for p in pages)


def test_panel_up_to_date_only_when_no_check_waits_or_runs(window, qtbot, ctx):
    panel = window.validation
    qtbot.waitUntil(lambda: panel.up_to_date, timeout=20000)
    ctx.data_changed.emit(ctx.period)  # a figure was written: a check is due
    assert not panel.up_to_date
    qtbot.waitUntil(lambda: panel.up_to_date, timeout=20000)
    assert "Đang kiểm tra" not in panel.summary.text()
