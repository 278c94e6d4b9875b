"""Validation panel (jump to the cell) and the models under pytest-qt's model tester."""

from __future__ import annotations

from tracu_desktop.core.models import Level
from tracu_desktop.ui.grid_model import EntryGridModel, UnitFigureModel


def test_imbalance_appears_in_panel_and_double_click_selects_cell(window, qtbot, ctx):
    page = window.show_page("f06")
    page.tree.select_unit("XA_KIM_SON")
    row = next(i for i, r in enumerate(page.model.rows) if r.label == "Hộ tịch")
    col = next(i for i, c in enumerate(page.model.columns) if c.number == 4)
    old = int(page.model.raw_value(row, col))
    assert page.write_cell(row, col, old + 5)  # (3) grows, (7) + (11) do not
    window.show_page("s1")  # the clerk is elsewhere when jumping back
    panel = window.validation
    qtbot.waitUntil(  # the check of the figure just written, not one still on its way
        lambda: panel.up_to_date and any(i.rule == "f06_balance" for i in panel.issues)
    )
    row = next(
        i
        for i, issue in enumerate(panel.issues)
        if "Xã Kim Sơn — lĩnh vực Hộ tịch" in issue.message and "(3)" in issue.message
    )
    index = panel.model.index(row, 1)
    assert panel.model.index(row, 0).data() == "Lỗi"
    assert "0 lỗi" not in window.state_label.text()
    panel.view.doubleClicked.emit(index)
    assert window.stack.currentWidget() is page
    assert page.model.unit == "XA_KIM_SON"
    assert (page.view.currentIndex().row(), page.view.currentIndex().column()) == (row, col)
    assert page.view.selectionModel().isSelected(page.view.currentIndex())
    c3 = next(i for i, c in enumerate(page.model.columns) if c.number == 3)
    mark = page.model.mark_at(row, c3)  # the rule's own cells are marked, not the input
    assert mark is not None and "(3)" in mark[1][0]
    assert "(3)" in page.model.data(page.model.index(row, c3), 3)  # tooltip role


def test_outlier_warning_listed(window, qtbot, ctx):
    page = window.show_page("f06")
    page.tree.select_unit("XA_KIM_SON")
    row = next(i for i, r in enumerate(page.model.rows) if r.label == "Hộ tịch")
    col = next(i for i, c in enumerate(page.model.columns) if c.number == 5)
    value = int(page.model.raw_value(row, col))
    page.write_cell(row, col, value * 100)  # a slip: two extra zeros
    qtbot.waitUntil(
        lambda: any(
            i.rule == "outlier" and i.unit == "XA_KIM_SON" and i.indicator == "received_direct"
            for i in window.validation.issues
        )
    )


def test_models_pass_model_tester(qtmodeltester, demo_db):
    m06 = EntryGridModel(demo_db, "06")
    m06.set_target("2023", "TT_TRA_CU", Level.COMMUNE)
    qtmodeltester.check(m06)
    m05 = EntryGridModel(demo_db, "05a")
    m05.set_target("2023", "TT_TRA_CU", Level.COMMUNE)
    qtmodeltester.check(m05)
    s8 = UnitFigureModel(demo_db, ("digitized_dossiers", "dvc_full"))
    s8.set_target("2023", "HUYEN", Level.DISTRICT)
    qtmodeltester.check(s8)
    assert s8.display_text(1, 0) == "17"


def test_totals_row_sums_fields(demo_db):
    m = EntryGridModel(demo_db, "06")
    m.set_target("2023", "TT_TRA_CU", Level.COMMUNE)
    assert m.rows[-1].label == "Tổng cộng"
    col3 = next(i for i, c in enumerate(m.columns) if c.number == 3)
    assert m.display_text(len(m.rows) - 1, col3) == "1.000"


def test_period_is_checked_on_a_worker_and_stale_results_are_dropped(window, qtbot, monkeypatch):
    import threading

    from tracu_desktop.ui import validation_panel as vp

    threads = []
    real = vp.check_period

    def recording(db, period):
        threads.append(threading.current_thread())
        return real(db, period)

    monkeypatch.setattr(vp, "check_period", recording)
    panel = window.validation
    panel.refresh()
    assert panel.checking and panel.summary.text() == "Đang kiểm tra số liệu của kỳ…"
    qtbot.waitUntil(lambda: not panel.checking, timeout=20000)
    assert threads and threads[-1] is not threading.main_thread()
    shown = list(panel.issues)
    panel._show(panel._generation - 1, [])  # a late answer to an older refresh
    assert panel.issues == shown


def test_switching_unit_colours_cells_from_the_last_check_without_a_new_one(
    window, qtbot, monkeypatch
):
    from tracu_desktop.ui import validation_panel as vp

    page = window.show_page("f06")
    page.tree.select_unit("XA_KIM_SON")
    row = next(i for i, r in enumerate(page.model.rows) if r.label == "Hộ tịch")
    col = next(i for i, c in enumerate(page.model.columns) if c.number == 4)
    page.write_cell(row, col, int(page.model.raw_value(row, col)) + 5)
    col = next(i for i, c in enumerate(page.model.columns) if c.number == 3)  # rule's cell
    qtbot.waitUntil(lambda: page.model.mark_at(row, col) is not None, timeout=20000)
    calls = []
    real = vp.check_period
    monkeypatch.setattr(vp, "check_period", lambda db, p: calls.append(p) or real(db, p))
    page.tree.select_unit("XA_DAI_AN")
    assert page.model.mark_at(row, col) is None
    page.tree.select_unit("XA_KIM_SON")
    assert "(3)" in page.model.mark_at(row, col)[1][0]
    assert calls == []  # showing a unit runs no check of its own
