"""Undo tells the truth: an import is one step, a refused undo moves nothing, and every
undo or redo names its target and shows it."""

from __future__ import annotations

from tests.interchange.workbooks import build_onestop_06b
from tracu_desktop.core.models import ValueKey
from tracu_desktop.db.values import get_value, get_values

UNIT = "TT_TRA_CU"
DIGITISED = ValueKey("2023", UNIT, "", "digitized_dossiers")


def _type_section8(window, qtbot, value: int) -> None:
    page = window.show_page("s8")
    page.tree.select_unit(UNIT)
    qtbot.waitUntil(lambda: page.model.unit == UNIT)
    row, col = page.model.find_cell("", "digitized_dossiers")
    assert page.write_cell(row, col, value)


def _clear_form06(db) -> None:
    """Level totals may only be imported where the units hold no figures of their own
    (else the level would count twice): start from a period without form-06 figures."""
    from tracu_desktop.core.entry_spec import entry_spec
    from tracu_desktop.db.values import Change, apply_changes

    cells = get_values(db, "2023", indicators=entry_spec("06").inputs())
    apply_changes(db, [Change(ValueKey("2023", *cell), None) for cell in cells])


def _import(window, qtbot, tmp_path):
    from tracu_desktop.ui.import_dialog import ImportDialog

    _clear_form06(window.ctx.db)

    rows = [("Hộ tịch", 300, 120, 0, 400, 15, 5, 0, 0)]
    path = build_onestop_06b(tmp_path / "06b.xlsx", commune_rows=rows)
    dlg = ImportDialog(window.ctx, window)
    qtbot.addWidget(dlg)
    dlg.set_files([path])
    qtbot.waitUntil(lambda: not dlg.busy)
    assert dlg.commit_button.isEnabled()
    dlg.commit()
    qtbot.waitUntil(lambda: not dlg.busy)
    assert "Đã nhập" in dlg.done_message and "Hoàn tác" in dlg.done_message


def test_import_is_one_undo_step_and_undo_goes_to_the_cell(window, qtbot, ctx, tmp_path, messages):
    _clear_form06(ctx.db)
    before = dict(get_values(ctx.db, "2023"))
    _type_section8(window, qtbot, 500)
    typed = dict(get_values(ctx.db, "2023"))
    window.show_page("f06")
    _import(window, qtbot, tmp_path)
    imported = dict(get_values(ctx.db, "2023"))
    assert imported != typed
    assert window.act_undo.isEnabled()
    assert "Nhập tệp 06b.xlsx" in window.act_undo.text()
    assert window.act_undo.iconText() == "Hoàn tác"  # the toolbar keeps its width

    window.act_undo.trigger()  # undoes the whole import, not the typed figure
    assert dict(get_values(ctx.db, "2023")) == typed
    assert get_value(ctx.db, DIGITISED) == 500
    assert "Thị trấn Trà Cú" in window.act_undo.text()
    assert "8. Môi trường điện tử" in window.act_undo.text()

    window.show_page("f06")
    window.act_undo.trigger()  # the section-8 figure: the window goes there
    assert dict(get_values(ctx.db, "2023")) == before
    page = window.stack.currentWidget()
    assert page is window.pages["s8"]
    assert page.model.unit == UNIT
    cur = page.view.currentIndex()
    assert (cur.row(), cur.column()) == page.model.find_cell("", "digitized_dossiers")
    assert page.model.display_text(cur.row(), cur.column()) == page.model.display_text(
        *page.model.find_cell("", "digitized_dossiers")
    )
    msg = window.statusBar().currentMessage()
    assert msg.startswith("Đã hoàn tác") and "Thị trấn Trà Cú" in msg

    window.show_page("f06")
    window.act_redo.trigger()
    assert get_value(ctx.db, DIGITISED) == 500
    assert window.stack.currentWidget() is window.pages["s8"]
    assert window.statusBar().currentMessage().startswith("Đã làm lại")


def test_refused_undo_on_a_locked_period_does_not_enable_redo(
    window, qtbot, ctx, monkeypatch, messages
):
    from tracu_desktop.ui import main_window as mw

    _type_section8(window, qtbot, 500)
    monkeypatch.setattr(mw.MainWindow, "_ask_reason", lambda self, *a: "Đã gửi")
    window.act_lock.trigger()
    window.act_undo.trigger()
    assert get_value(ctx.db, DIGITISED) == 500
    assert messages[-1][0] == "warning" and "đã chốt" in messages[-1][1]
    assert not window.act_redo.isEnabled()
    assert window.act_undo.isEnabled()
    assert ctx.undo_stack.index() == 1
