"""The optional detail of form 06 entered in its grid: collapsible detail columns next to
the columns they break down, saved and checked like the form's own cells."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt

from tests.ui.test_entry_grid import UNIT, _cell, _field, _page, _text, _type
from tracu_desktop.core.entry_spec import entry_spec
from tracu_desktop.core.indicators import indicator_map
from tracu_desktop.core.models import ValueKey
from tracu_desktop.db.values import get_value
from tracu_desktop.ui.grid_model import DETAIL_BG, ERROR_BG


def _codes(page) -> list[str]:
    return [c.code for c in page.model.columns]


def _detail_col(page, code: str) -> int:
    return _codes(page).index(code)


def _show(page, qtbot) -> None:
    qtbot.mouseClick(page.detail_toggle, Qt.LeftButton)
    assert page.detail_toggle.isChecked()
    assert page.detail_toggle.text() == "Ẩn cột chi tiết"


def test_hidden_by_default_and_the_toggle_shows_and_hides_them(window, qtbot):
    page = _page(window, qtbot)
    detail = entry_spec("06").detail_codes()
    assert len(detail) >= 10
    assert page.detail_toggle.isVisible()
    assert page.detail_toggle.text() == "Hiện cột chi tiết"
    assert "Chi tiết của cột (10) Quá hạn" in page.detail_toggle.toolTip()
    assert not window.show_page("f05a").detail_toggle.isVisible()  # 05a has no detail
    page = _page(window, qtbot)
    base = _codes(page)
    assert not set(detail) & set(base)  # the 2023 screen stays as it was

    _show(page, qtbot)
    shown = _codes(page)
    assert set(detail) <= set(shown)
    # next to the column they break down: (4) then toàn trình, một phần, khác, then (5)
    i4 = next(i for i, c in enumerate(page.model.columns) if c.number == 4)
    assert shown[i4 + 1 : i4 + 4] == [
        "received_online_full",
        "received_online_partial",
        "received_online_other",
    ]
    assert page.model.columns[i4 + 4].number == 5
    assert shown[shown.index("received_direct") + 1 : shown.index("received_direct") + 3] == [
        "received_postal",
        "received_nonboundary",
    ]
    i10 = next(i for i, c in enumerate(page.model.columns) if c.number == 10)
    assert shown[i10 + 1 : i10 + 3] == ["resolved_late_apology", "resolved_late_no_apology"]
    assert shown[-1] == "digitized_reused"
    # captions and tooltips come from the spec and the catalog
    full = page.model.columns[i4 + 1]
    header = page.model.headerData(i4 + 1, Qt.Horizontal, Qt.DisplayRole)
    assert header == "Toàn\ntrình"
    tip = page.model.headerData(i4 + 1, Qt.Horizontal, Qt.ToolTipRole)
    assert indicator_map()["received_online_full"].label in tip
    assert "Chi tiết của cột (4)" in tip and "= (4)" in tip
    assert full.editable
    row, _ = _cell(page, "Hộ tịch", 4)
    bg = page.model.data(page.model.index(row, i4 + 1), Qt.BackgroundRole)
    assert bg.color() == DETAIL_BG

    qtbot.mouseClick(page.detail_toggle, Qt.LeftButton)
    assert _codes(page) == base
    assert page.detail_toggle.text() == "Hiện cột chi tiết"


def test_typing_a_detail_figure_stores_it_and_undo_restores(window, qtbot, ctx):
    page = _page(window, qtbot)
    _show(page, qtbot)
    row, _ = _cell(page, "Hộ tịch", 4)
    col = _detail_col(page, "received_postal")
    page.view.select_cell(row, col)
    _type(qtbot, page.view, "1.234")
    key = ValueKey("2023", UNIT, _field(ctx.db, "Hộ tịch"), "received_postal")
    assert get_value(ctx.db, key) == 1234
    assert page.model.display_text(row, col) == "1.234"
    total_row = len(page.model.rows) - 1
    assert page.model.display_text(total_row, col) == "1.234"  # the "Tổng cộng" row sums it
    ctx.undo_stack.undo()
    assert get_value(ctx.db, key) is None
    assert page.model.display_text(row, col) == ""


def test_a_broken_detail_rule_is_told_and_marks_detail_and_form_cells(window, qtbot, ctx):
    page = _page(window, qtbot)
    _show(page, qtbot)
    row, c4 = _cell(page, "Hộ tịch", 4)
    assert _text(page, "Hộ tịch", 4) == "275"
    cols = {k: _detail_col(page, k) for k in ("received_online_full", "received_online_partial")}
    assert page.write_cell(row, cols["received_online_full"], 200)
    assert page.write_cell(row, cols["received_online_partial"], 50)  # 250 ≠ 275
    qtbot.waitUntil(
        lambda: any(i.rule == "detail_online" for i in window.validation.issues), timeout=20000
    )
    issue = next(i for i in window.validation.issues if i.rule == "detail_online")
    assert "Hộ tịch" in issue.message
    assert "200 + 50 = 250" in issue.message and "(4) = 275" in issue.message
    qtbot.waitUntil(lambda: page.model.mark_at(row, c4) is not None)
    for col in (c4, *cols.values()):
        bg = page.model.data(page.model.index(row, col), Qt.BackgroundRole)
        assert bg.color() == ERROR_BG, col
    tip = page.model.data(page.model.index(row, cols["received_online_full"]), Qt.ToolTipRole)
    assert "khác số mới tiếp nhận trực tuyến (4) = 275" in tip
    # the rule holds again once the third part is typed
    assert page.write_cell(row, _detail_col(page, "received_online_other"), 25)
    qtbot.waitUntil(
        lambda: (
            not any(i.rule == "detail_online" and i.unit == UNIT for i in window.validation.issues)
        ),
        timeout=20000,
    )
    qtbot.waitUntil(lambda: page.model.mark_at(row, c4) is None)


def test_parent_sums_show_detail_read_only(window, qtbot, ctx):
    page = _page(window, qtbot)
    _show(page, qtbot)
    row, _ = _cell(page, "Hộ tịch", 4)
    assert page.write_cell(row, _detail_col(page, "results_electronic"), 40)
    assert page.tree.select_unit("@commune")
    qtbot.waitUntil(lambda: page.model.members is not None)
    col = _detail_col(page, "results_electronic")
    r = next(i for i, x in enumerate(page.model.rows) if x.label == "Hộ tịch")
    assert page.model.display_text(r, col) == "40"
    assert page.model.cell_ref(r, col) is None  # a sum, not typed into


def test_the_choice_is_remembered(window, qtbot, ctx):
    from tracu_desktop.ui.figure_page import Form06Page

    page = _page(window, qtbot)
    _show(page, qtbot)
    ctx.settings.sync()
    again = QSettings(ctx.settings.fileName(), QSettings.IniFormat)
    assert again.value("grid/detail_columns_06", False, type=bool)
    other = Form06Page(ctx)
    qtbot.addWidget(other)
    assert other.detail_toggle.isChecked()
    assert "received_online_full" in _codes(other)


def test_jumping_to_a_detail_issue_shows_the_detail_columns(window, qtbot, ctx):
    page = _page(window, qtbot)
    assert not page.detail_toggle.isChecked()
    field = _field(ctx.db, "Hộ tịch")
    window.jump_to(UNIT, field, "resolved_late_apology")
    assert page.detail_toggle.isChecked()
    cur = page.view.currentIndex()
    assert page.model.columns[cur.column()].code == "resolved_late_apology"
