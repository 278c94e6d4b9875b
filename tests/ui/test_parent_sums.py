"""The first screen is not empty: a parent (the level's body, “Cấp xã”) shows the
read-only sum of its units with a totals row, and the unit tree marks each unit."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tracu_desktop.core.vnformat import format_int
from tracu_desktop.db.values import get_values
from tracu_desktop.ui.unit_tree import COMPLETE, ERRORS, NO_DATA


def _sum(ctx, units, indicator="received_online") -> int:
    return sum(
        v for (u, _f, i), v in get_values(ctx.db, "2023").items() if u in units and i == indicator
    )


def _total_row(page, number: int) -> str:
    col = next(i for i, c in enumerate(page.model.columns) if c.number == number)
    assert page.model.rows[-1].label == "Tổng cộng"
    return page.model.display_text(len(page.model.rows) - 1, col)


def test_program_opens_on_the_district_sum(window, qtbot, ctx):
    page = window.stack.currentWidget()
    assert page is window.pages["f06"]
    assert page.tree.current_unit() == "HUYEN"
    district = {u.code for u in page.tree.units.values() if u.level.value == "district"}
    expected = _sum(ctx, district)
    assert expected > 0
    assert _total_row(page, 4) == format_int(expected)
    assert "tổng các đơn vị" in page.heading.text()
    idx = page.model.index(0, 1)
    assert not page.model.flags(idx) & Qt.ItemIsEditable  # read-only


def test_commune_level_sums_its_communes(window, qtbot, ctx):
    page = window.show_page("f06")
    assert page.tree.select_unit("@commune")
    qtbot.waitUntil(lambda: page.model.unit == "@commune")
    communes = {u.code for u in page.tree.units.values() if u.level.value == "commune"}
    assert _total_row(page, 3) != ""
    assert _total_row(page, 4) == format_int(_sum(ctx, communes))
    assert not page.view.paste_text("1")
    page.view.select_cell(0, 1)
    with qtbot.waitSignal(page.view.error_shown) as sig:
        qtbot.keyClick(page.view, "5")
    assert "tổng của các đơn vị" in sig.args[0]


def test_unit_tree_marks_no_data_errors_and_complete(window, qtbot, ctx):
    page = window.show_page("f06")
    page.tree.select_unit("TT_TRA_CU")
    qtbot.waitUntil(lambda: page.model.unit == "TT_TRA_CU")
    assert page.tree.unit_state("TT_TRA_CU") == COMPLETE
    empty = next(
        c
        for c in page.tree.units
        if c not in {u for (u, _f, _i) in get_values(ctx.db, "2023")}
        and page.tree.units[c].kind.value != "body"
    )
    assert page.tree.unit_state(empty) == NO_DATA
    row = next(i for i, r in enumerate(page.model.rows) if r.label == "Hộ tịch")
    col = next(i for i, c in enumerate(page.model.columns) if c.number == 4)
    assert page.write_cell(row, col, 99999)  # (3) ≠ (7) + (11)
    qtbot.waitUntil(lambda: page.tree.unit_state("TT_TRA_CU") == ERRORS)
    assert "còn lỗi" in page.tree._items["TT_TRA_CU"].toolTip(0)
