"""The province's screens on the Vĩnh Long sample database: the dashboard ranks the 124
communes by the chosen rate with the province's target line; the completeness page lists
every commune with the day its figures arrived."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QSettings

from tracu_desktop.db.connection import open_database
from tracu_desktop.db.demo_two_tier import create_sample
from tracu_desktop.db.trends import commune_rates, ranked
from tracu_desktop.ui.dashboard import RANK_SHOWN, DashboardPage

PERIOD = "2025-Q4"


@pytest.fixture(scope="module")
def _province_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("vl") / "vinh-long.sqlite3"
    db = open_database(path)
    create_sample(db, "vinh-long")
    db.close()
    return path


@pytest.fixture
def province_ctx(_province_file, tmp_path, qapp):
    import shutil

    from tracu_desktop.ui.context import AppContext

    path = tmp_path / "vl.sqlite3"
    shutil.copy(_province_file, path)
    db = open_database(path)
    ctx = AppContext(path, db, QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    ctx.set_period(PERIOD)
    yield ctx
    db.close()


def test_ranking_of_communes_by_each_rate(qtbot, province_ctx):
    page = DashboardPage(province_ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    assert page.rank_row.isVisible()
    rates = commune_rates(province_ctx.db, PERIOD)
    assert len(rates) == 124  # the communes in force, not their former units
    for index, name in enumerate(("online", "on_time", "digitized")):
        page.rank_by.setCurrentIndex(index)
        chart = page.commune_view.chart()
        best = max(r.rate(name) for r in rates)
        worst = min(r.rate(name) for r in rates)
        categories = [a for a in chart.axes() if hasattr(a, "categories")][0].categories()
        assert len(categories) == 2 * RANK_SHOWN + 1 and "…" in categories
        top = min(r.name for r in rates if r.rate(name) == best)  # ties: by name
        assert categories[-1] == f"1. {top}"  # bottom-up axis: the best is on top
        bars = next(iter(page.series_values(chart).values()))
        assert Decimal(str(bars[-1])) == best and Decimal(str(bars[0])) == worst
        assert categories[0].startswith(f"{ranked(rates, name)[-1][0]}. ")
        goal = {"online": 80, "on_time": 95, "digitized": 80}[name]
        line = [s for s in chart.series() if s.name() == f"Chỉ tiêu của tỉnh {goal}%"][0]
        assert {p.x() for p in line.points()} == {float(goal)}
        assert chart.title() == "Xếp hạng 124 xã, phường: 10 cao nhất, 10 thấp nhất"


def test_equal_rates_share_a_rank():
    from tracu_desktop.db.trends import UnitRate

    rows = [
        UnitRate("a", "Xã A", Decimal("50"), 10),
        UnitRate("b", "Xã B", Decimal("70"), 10),
        UnitRate("c", "Xã C", Decimal("70"), 10),
        UnitRate("d", "Xã D", None, 0),
    ]
    assert [(rank, r.unit) for rank, r in ranked(rows, "online")] == [
        (1, "b"),
        (1, "c"),
        (3, "a"),
        (0, "d"),
    ]


def test_import_dialog_lists_each_commune_package(qtbot, tmp_path, qapp, monkeypatch):
    """Six commune packages chosen at once: the dialog opens on one line per package
    (receiving commune, period, dossiers) with their total, then writes all of them."""
    from tests.interchange.test_province_consolidation import (
        PERIOD as Q,
    )
    from tests.interchange.test_province_consolidation import (
        SIX,
        _commune_db,
        _province_db,
    )
    from tracu_desktop.core import admin_units
    from tracu_desktop.db.values import get_values
    from tracu_desktop.interchange.package import write_package
    from tracu_desktop.ui.context import AppContext
    from tracu_desktop.ui.import_dialog import FILES_TAB, ImportDialog

    communes = [admin_units.commune(name, "86") for name in SIX]
    paths = []
    for seed, c in enumerate(communes, start=1):
        db = _commune_db(tmp_path / f"{c.code}.sqlite3", c, seed)
        paths.append(write_package(db, Q, tmp_path / f"{c.code}.tracu.zip").path)
        db.close()
    db, _ = _province_db(tmp_path / "province.sqlite3", communes)
    ctx = AppContext(tmp_path / "province.sqlite3", db,
                     QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))  # fmt: skip
    ctx.set_period(Q)
    from tracu_desktop.ui import import_dialog

    monkeypatch.setattr(import_dialog, "CHANGES_SHOWN", 100)  # 144 changes: list 100
    dlg = ImportDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.resize(1366, 700)
    dlg.set_files(paths)
    qtbot.waitUntil(lambda: not dlg.busy, timeout=20000)  # the files are read on a worker
    assert dlg.changes_table.rowCount() == 101
    assert dlg.changes_table.item(100, 1).text() == "… và 44 giá trị khác (xem tab “Theo tệp”)"
    assert dlg.tabs.tabText(0) == "Thay đổi (144)"
    assert dlg.commit_button.isEnabled()
    assert dlg.tabs.currentIndex() == FILES_TAB
    assert dlg.tabs.tabText(FILES_TAB) == "Theo tệp (6)"
    table = dlg.files_table
    assert table.rowCount() == 7
    rows = [[table.item(r, c).text() for c in range(7)] for r in range(7)]
    assert [r[2] for r in rows[:6]] == [c.name for c in communes]
    assert rows[-1][1:3] == ["Tổng cộng", "6 đơn vị"]
    dlg.show()
    dlg.grab().save(str(tmp_path / "import-dialog.png"))
    with qtbot.waitSignal(ctx.data_changed, timeout=20000):
        dlg.commit()
    stored = get_values(db, Q)
    assert {k[0] for k in stored} == {"S_TP", *(c.code for c in communes)}
    received = sum(v for k, v in stored.items() if k[2] in ("received_online", "received_direct")
                   and k[0] != "S_TP")  # fmt: skip
    assert rows[-1][5] == f"{received:,}".replace(",", ".")
    db.close()
