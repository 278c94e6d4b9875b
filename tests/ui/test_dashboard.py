"""Dashboard page: the charts show the report's rates, react to the period and to edits."""

from __future__ import annotations

from tracu_desktop.core.models import ValueKey
from tracu_desktop.db.catalog import set_setting
from tracu_desktop.db.periods import add_period
from tracu_desktop.db.values import Change, apply_changes
from tracu_desktop.ui.dashboard import DashboardPage


def _page(qtbot, ctx) -> DashboardPage:
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def test_trend_lines_and_vietnamese_labels(qtbot, ctx):
    page = _page(qtbot, ctx)
    values = page.series_values(page.trend_view.chart())
    assert values["Trực tuyến"] == [41.47, 61.59, 69.85]
    assert values["Trước và đúng hạn"][-1] == 97.98
    assert values["Số hóa hồ sơ"][-1] == 91.71
    texts = page.trend_labels.texts()
    assert "69,85%" in texts and "97,10%" in texts
    axis = page.trend_view.chart().axes()[0]
    assert axis.categories() == ["năm 2021", "năm 2022", "năm 2023"]
    assert "69,85%" in page.summary.text()
    assert page.title.text().startswith("Tổng quan năm 2023")
    assert not page.empty.isVisible()


def test_commune_bars_first_commune_on_top(qtbot, ctx):
    page = _page(qtbot, ctx)
    chart = page.commune_view.chart()
    bars = page.series_values(chart)["Tỷ lệ tiếp nhận trực tuyến"]
    assert len(bars) == 17
    # Category axis runs bottom-up, so the catalog's first commune is the last bar.
    names = [a for a in chart.axes() if hasattr(a, "categories")][0].categories()
    assert names[-1] == "Thị trấn Trà Cú" and bars[-1] == 64.80
    assert "64,80%" in page.commune_labels.texts()


def test_target_line_from_settings(qtbot, ctx):
    page = _page(qtbot, ctx)
    assert not any(n.startswith("Chỉ tiêu") for n in page.series_values(page.trend_view.chart()))
    set_setting(ctx.db, "targets", {"online": 50})
    page.refresh()
    trend = page.series_values(page.trend_view.chart())
    assert trend["Chỉ tiêu trực tuyến 50%"] == [50.0, 50.0]
    bars = page.commune_view.chart()
    line = [s for s in bars.series() if s.name() == "Chỉ tiêu 50%"][0]
    assert {p.x() for p in line.points()} == {50.0}
    assert "chỉ tiêu 50%" in page.summary.text()


def test_follows_period_and_data_changes(qtbot, ctx):
    page = _page(qtbot, ctx)
    ctx.set_period("2022")
    assert page.series_values(page.trend_view.chart())["Trực tuyến"] == [41.47, 61.59]

    add_period(ctx.db, "2024")
    ctx.set_period("2024")
    assert page.empty.isVisible() and "chưa có số liệu" in page.empty.text()

    ctx.set_period("2023")
    key = ValueKey("2023", "TT_TRA_CU", "X_HO_TICH", "received_online")
    old = ctx.db.execute(
        "SELECT value FROM data_values WHERE period='2023' AND unit='TT_TRA_CU' "
        "AND field='X_HO_TICH' AND indicator='received_online'"
    ).fetchone()
    assert old is not None
    apply_changes(ctx.db, [Change(key, old[0] + 1000)], source="test")
    ctx.data_changed.emit("2023")
    tc = page.series_values(page.commune_view.chart())["Tỷ lệ tiếp nhận trực tuyến"][-1]
    assert tc > 64.80


def test_hidden_page_redraws_when_shown(qtbot, ctx):
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    ctx.set_period("2022")
    assert page.points[-1].period == "2023"  # not redrawn while hidden
    page.show()
    assert page.points[-1].period == "2022"
