"""The form-06 grid driven like a clerk would: typing, pasting, deleting, undo, locking."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tracu_desktop.core.models import ValueKey
from tracu_desktop.db.values import get_value, history

UNIT = "TT_TRA_CU"


def _page(window, qtbot):
    page = window.show_page("f06")
    page.tree.select_unit(UNIT)
    qtbot.waitUntil(lambda: page.model.unit == UNIT)
    return page


def _cell(page, field_name: str, number: int) -> tuple[int, int]:
    m = page.model
    row = next(i for i, r in enumerate(m.rows) if r.label == field_name)
    col = next(i for i, c in enumerate(m.columns) if c.number == number)
    return row, col


def _text(page, field_name: str, number: int) -> str:
    return page.model.display_text(*_cell(page, field_name, number))


def _type(qtbot, view, text: str) -> None:
    """Type into the grid like a clerk: the first key opens the editor, Enter commits."""
    from PySide6.QtWidgets import QLineEdit

    qtbot.keyClick(view, text[0])
    editor = view.findChild(QLineEdit)
    assert editor is not None, "typing must open the cell editor"
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)


def _rate_col(page, code: str) -> int:
    return next(i for i, c in enumerate(page.model.columns) if c.code == code)


def _field(db, name: str) -> str:
    return db.execute(
        "SELECT code FROM fields WHERE name=? AND level='commune'", [name]
    ).fetchone()[0]


def test_typing_updates_totals_rate_and_database(window, qtbot, ctx, messages):
    page = _page(window, qtbot)
    assert _text(page, "Hộ tịch", 4) == "275"
    assert _text(page, "Hộ tịch", 3) == "365"
    row, col = _cell(page, "Hộ tịch", 4)
    page.view.select_cell(row, col)
    _type(qtbot, page.view, "1.300")  # typing replaces the old value
    assert _text(page, "Hộ tịch", 4) == "1.300"
    assert _text(page, "Hộ tịch", 3) == "1.390"  # (3) = (4) + (5) + (6)
    assert page.model.display_text(row, _rate_col(page, "online_rate")) == "93,53%"  # 1300/1390
    key = ValueKey("2023", UNIT, _field(ctx.db, "Hộ tịch"), "received_online")
    assert get_value(ctx.db, key) == 1300
    assert history(ctx.db, key)[0].new_value == 1300
    assert page.view.currentIndex().row() == row + 1  # Enter moved down


def test_paste_block_lands_in_cells_and_undo_is_one_step(window, qtbot, ctx, messages):
    page = _page(window, qtbot)
    row, col = _cell(page, "Hộ tịch", 8)
    page.view.select_cell(row, col)
    # 3 rows × 4 columns from Excel: (8) (9) (10) and the computed (11), which is skipped.
    block = "1.200\t3\t4\t999\n5\t6\t7\t0\n8\t9\t10\t\n"
    assert page.view.paste_text(block)
    assert [_text(page, "Hộ tịch", n) for n in (8, 9, 10)] == ["1.200", "3", "4"]
    assert [_text(page, "Chứng thực", n) for n in (8, 9, 10)] == ["5", "6", "7"]
    assert [_text(page, "Đất đai", n) for n in (8, 9, 10)] == ["8", "9", "10"]
    assert _text(page, "Hộ tịch", 7) == "1.207"
    assert _text(page, "Hộ tịch", 11) == "0"  # computed, not the pasted 999
    ho_tich = _field(ctx.db, "Hộ tịch")
    assert get_value(ctx.db, ValueKey("2023", UNIT, ho_tich, "resolved_early")) == 1200

    ctx.undo_stack.undo()
    assert [_text(page, "Hộ tịch", n) for n in (8, 9, 10)] == ["247", "113", "5"]
    assert [_text(page, "Đất đai", n) for n in (8, 9, 10)] == ["22", "8", "1"]
    assert get_value(ctx.db, ValueKey("2023", UNIT, ho_tich, "resolved_early")) == 247
    ctx.undo_stack.redo()
    assert _text(page, "Đất đai", 10) == "10"
    assert get_value(ctx.db, ValueKey("2023", UNIT, ho_tich, "resolved_early")) == 1200


def test_bad_paste_names_the_cell_and_writes_nothing(window, qtbot, ctx, messages):
    page = _page(window, qtbot)
    row, col = _cell(page, "Hộ tịch", 4)
    page.view.select_cell(row, col)
    before = ctx.db.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
    assert not page.view.paste_text("10\t20\n30\t12,5\n")
    assert messages, "a message must be shown"
    text = messages[-1][1]
    assert "Dòng 2 (Chứng thực)" in text and "(5)" in text and "12,5" in text
    assert _text(page, "Hộ tịch", 4) == "275"
    assert ctx.db.execute("SELECT COUNT(*) FROM audit").fetchone()[0] == before


def test_delete_clears_and_copy_uses_vietnamese_separators(window, qtbot, ctx):
    page = _page(window, qtbot)
    row, col = _cell(page, "Hộ tịch", 3)
    page.view.select_cell(row, col)
    page.view.selectionModel().select(
        page.model.index(row, col + 1), page.view.selectionModel().SelectionFlag.Select
    )
    assert page.view.copy_selection() == "365\t275"
    assert QApplication.clipboard().text() == "365\t275"
    r4, c4 = _cell(page, "Hộ tịch", 4)
    page.view.select_cell(r4, c4)
    qtbot.keyClick(page.view, Qt.Key_Delete)
    assert _text(page, "Hộ tịch", 4) == ""
    assert (
        get_value(ctx.db, ValueKey("2023", UNIT, _field(ctx.db, "Hộ tịch"), "received_online"))
        is None
    )
    ctx.undo_stack.undo()
    assert _text(page, "Hộ tịch", 4) == "275"


def test_locked_period_is_read_only_with_banner(window, qtbot, ctx, monkeypatch, messages):
    from tracu_desktop.ui import main_window as mw

    page = _page(window, qtbot)
    monkeypatch.setattr(mw.MainWindow, "_ask_reason", lambda self, *a: "Đã gửi báo cáo")
    window.act_lock.trigger()
    assert page.banner.isVisibleTo(page)
    row, col = _cell(page, "Hộ tịch", 4)
    assert not page.model.flags(page.model.index(row, col)) & Qt.ItemIsEditable
    assert not page.view.paste_text("1")
    assert _text(page, "Hộ tịch", 4) == "275"
    assert "đã chốt" in window.state_label.text()
    window.act_unlock.trigger()
    assert not page.banner.isVisibleTo(page)
    assert page.model.flags(page.model.index(row, col)) & Qt.ItemIsEditable
    log = ctx.db.execute("SELECT * FROM period_log").fetchall()
    assert len(log) == 2


def test_history_dialog_lists_changes(window, qtbot, ctx):
    page = _page(window, qtbot)
    row, col = _cell(page, "Hộ tịch", 4)
    assert page.write_cell(row, col, 280)
    page.show_history(row, col)
    table = page._history_dialog.findChild(type(page._history_dialog).__mro__[0], None)
    from PySide6.QtWidgets import QTableWidget

    table = page._history_dialog.findChild(QTableWidget)
    assert table.item(0, 1).text() == "275" and table.item(0, 2).text() == "280"
    assert table.item(0, 3).text() == "nhập tay"
    page._history_dialog.close()


def test_undo_after_switching_unit_restores_the_right_unit(window, qtbot, ctx):
    page = _page(window, qtbot)
    row, col = _cell(page, "Hộ tịch", 5)
    assert page.write_cell(row, col, 91)
    page.tree.select_unit("XA_DAI_AN")
    ctx.undo_stack.undo()
    key = ValueKey("2023", UNIT, _field(ctx.db, "Hộ tịch"), "received_direct")
    assert get_value(ctx.db, key) == 90
    page.tree.select_unit(UNIT)
    assert _text(page, "Hộ tịch", 5) == "90"


def test_tab_moves_right_and_derived_cells_are_read_only(window, qtbot):
    page = _page(window, qtbot)
    row, col = _cell(page, "Hộ tịch", 4)
    page.view.select_cell(row, col)
    qtbot.keyClick(page.view, Qt.Key_Tab)
    assert page.view.currentIndex().column() == col + 1
    qtbot.keyClick(page.view, Qt.Key_Down)
    assert page.view.currentIndex().row() == row + 1
    r3, c3 = _cell(page, "Hộ tịch", 3)
    assert not page.model.flags(page.model.index(r3, c3)) & Qt.ItemIsEditable
    assert not page.model.setData(page.model.index(r3, c3), "5")


def test_typed_text_that_is_not_a_count_is_refused_with_a_message(window, qtbot, ctx, messages):
    page = _page(window, qtbot)
    row, col = _cell(page, "Chứng thực", 5)
    page.view.select_cell(row, col)
    _type(qtbot, page.view, "12,5")
    assert messages and "Dòng 2 (Chứng thực), cột (5)" in messages[-1][1]
    assert "12,5" in messages[-1][1]
    assert _text(page, "Chứng thực", 5) == "225"


def test_long_field_names_wrap_whole_in_the_label_column(window, qtbot):
    """A district office's long field names are shown whole (wrapped), not cut at the edge."""
    from PySide6.QtGui import QFontMetrics

    page = window.show_page("f06")
    page.tree.select_unit("P_TP")
    qtbot.waitUntil(lambda: page.model.unit == "P_TP")
    view, vh = page.view, page.view.verticalHeader()
    labels = [r.label for r in page.model.rows]
    long_row = next(i for i, t in enumerate(labels) if t.startswith("Thành lập và hoạt động"))
    short_row = labels.index("Hộ tịch")
    fm = QFontMetrics(vh.font())
    assert fm.horizontalAdvance(labels[long_row]) > vh.width(), "the name needs two lines"
    assert view.rowHeight(short_row) == view.ROW_HEIGHT
    needed = fm.boundingRect(0, 0, vh.width() - 10, 1000, Qt.TextWordWrap, labels[long_row])
    assert view.rowHeight(long_row) >= needed.height() > fm.height()
