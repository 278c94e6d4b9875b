"""The validation panel takes room only where it has something to say."""

from __future__ import annotations


def test_dock_hidden_on_pages_without_figures_and_a_line_when_empty(window, qtbot, ctx):
    dock = window.validation_dock
    window.show_page("general")
    assert not dock.isVisible()
    window.show_page("f06")
    assert dock.isVisible()
    window.validation.refresh()
    qtbot.waitUntil(lambda: not window.validation.checking, timeout=20000)
    if window.validation.issues:
        qtbot.waitUntil(lambda: dock.height() >= 120)
    page = window.pages["f06"]
    page.tree.select_unit("TT_TRA_CU")
    row = next(i for i, r in enumerate(page.model.rows) if r.label == "Hộ tịch")
    col = next(i for i, c in enumerate(page.model.columns) if c.number == 4)
    assert page.write_cell(row, col, 99999)
    window.validation.refresh()
    qtbot.waitUntil(lambda: not window.validation.checking, timeout=20000)
    assert window.validation.issues
    qtbot.waitUntil(lambda: dock.height() >= 120)
    window.ctx.undo_stack.undo()
    window.validation.refresh()
    qtbot.waitUntil(lambda: not window.validation.checking, timeout=20000)
    if not window.validation.issues:
        qtbot.waitUntil(lambda: dock.height() <= 70)
    # The clerk's own choice is kept: closed stays closed on every page.
    window.act_validation.trigger()
    assert not dock.isVisible()
    window.show_page("general")
    window.show_page("f06")
    assert not dock.isVisible()
