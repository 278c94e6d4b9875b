"""The entry pages show the units in force during the selected period."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from tests.lineage_fixture import build_successor_commune
from tracu_desktop.db import open_database
from tracu_desktop.db.periods import add_period


@pytest.fixture
def commune_window(tmp_path, qtbot, messages):
    from tracu_desktop.ui.context import AppContext
    from tracu_desktop.ui.main_window import MainWindow

    path = tmp_path / "tap-son.sqlite3"
    db = open_database(path)
    build_successor_commune(db)
    for code in ("2024", "2025"):
        add_period(db, code)
    ctx = AppContext(path, db, QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    ctx.set_period("2024")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    yield win, ctx
    # As the shared window fixture, and let the background check finish before the
    # database closes under it.
    win.validation._timer.stop()
    qtbot.waitUntil(lambda: not win.validation.checking, timeout=10000)
    ctx.blockSignals(True)
    win.close()
    qtbot.wait(10)
    db.close()


def test_unit_tree_follows_the_period(commune_window, qtbot):
    win, ctx = commune_window
    page = win.show_page("f06")
    assert set(page.tree.shown_names().values()) == {
        "Xã Phước Hưng", "Xã Tập Sơn", "Xã Tân Sơn", "Xã Kim Sơn",
    }  # fmt: skip
    assert "29467" not in page.tree.units
    ctx.set_period("2026-Q1")
    qtbot.waitUntil(lambda: set(page.tree.units) == {"29467"})
    assert page.tree.shown_names() == {"29467": "Xã Tập Sơn"}
    ctx.set_period("2025")
    qtbot.waitUntil(lambda: len(page.tree.units) == 5)
    names = page.tree.shown_names()
    assert names["29467"] == "Xã Tập Sơn (từ 01/07/2025)"
    assert names["cu-29470"] == "Xã Tân Sơn (đến 30/06/2025)"
    # A shown unit's figures can be entered: the grid targets the selected unit.
    page.tree.select_unit("cu-29470")
    qtbot.waitUntil(lambda: page.model.unit == "cu-29470")


def test_dashboard_draws_the_predecessors_quarter_before_the_commune(commune_window, qtbot):
    from tracu_desktop.ui.dashboard import DashboardPage

    _win, ctx = commune_window
    ctx.set_period("2026-Q1")
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    values = page.series_values(page.trend_view.chart())
    # 2025-Q1: Phước Hưng, Tập Sơn, Tân Sơn (80 of 250 online); Kim Sơn went elsewhere.
    assert values["Trực tuyến"] == [32.0, 60.0]
    axis = page.trend_view.chart().axes()[0]
    assert axis.categories() == ["Quý I năm 2025", "Quý I năm 2026"]
    assert "32,00%" in page.trend_labels.texts()


def test_locking_lists_only_missing_units_in_force(commune_window):
    win, ctx = commune_window
    ctx.set_period("2024")  # no figures: the four former communes are missing
    assert sorted(win.units_without_data()) == [
        "Xã Kim Sơn", "Xã Phước Hưng", "Xã Tân Sơn", "Xã Tập Sơn",
    ]  # fmt: skip
    ctx.set_period("2026-Q1")  # the former communes no longer report
    assert win.units_without_data() == []
