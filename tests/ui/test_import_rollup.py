"""The import dialog previews monthly sheets beside their sum before writing anything."""

from __future__ import annotations

import os

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings  # noqa: E402

from tests.interchange.onestop_exports import build_monthly_workbook  # noqa: E402
from tests.interchange.test_subperiod_import import FEB, JAN, MAR, UNIT  # noqa: E402
from tracu_desktop.core.models import ValueKey  # noqa: E402
from tracu_desktop.db.values import Change, apply_changes, get_values  # noqa: E402


@pytest.fixture
def ctx(qtbot, fresh_db, tmp_path):
    from tracu_desktop.db.periods import add_period
    from tracu_desktop.ui.context import AppContext

    add_period(fresh_db, "2026-Q1")
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    c = AppContext(fresh_db.path, fresh_db, settings)
    c.set_period("2026-Q1")
    return c


def test_monthly_sheets_preview_and_replace(ctx, qtbot, tmp_path):
    from tracu_desktop.ui.import_dialog import ImportDialog

    key = ValueKey("2026-Q1", "TT_TRA_CU", "X_HO_TICH", "received_online")
    apply_changes(ctx.db, [Change(key, 1000)], source="entry")
    path = build_monthly_workbook(
        tmp_path / "quy1.xlsx",
        [("Tháng 1", JAN), ("Tháng 2", FEB), ("Tháng 3", MAR)],
        unit_name=UNIT,
    )
    dlg = ImportDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.resize(1366, 700)
    dlg.set_files([path])
    qtbot.waitUntil(lambda: not dlg.busy)  # the files are read on a worker
    assert dlg.commit_button.isEnabled()
    assert dlg.tabs.currentIndex() == dlg.rollup_tab
    assert dlg.tabs.tabText(dlg.rollup_tab) == "Cộng dồn 3 kỳ nhỏ (16)"
    table = dlg.rollup_table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == [
        "Đơn vị",
        "Lĩnh vực",
        "Chỉ tiêu",
        "Tháng 1",
        "Tháng 2",
        "Tháng 3",
        "Cộng dồn",
        "Đang có",
    ]
    rows = [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]
    assert [
        UNIT,
        "Hộ tịch",
        "Số mới tiếp nhận trực tuyến",
        "100",
        "1.200",
        "90",
        "1.390",
        "1.000",
    ] in rows
    assert [UNIT, "Hộ tịch", "Số từ kỳ trước chuyển qua", "10", "35", "85", "10", "trống"] in rows
    assert "1 số liệu đã có sẽ được thay bằng số mới" in dlg.summary.text()
    if os.environ.get("TRACU_SHOTS"):
        dlg.grab().save(os.environ["TRACU_SHOTS"] + "/import_rollup.png")
    assert get_values(ctx.db, "2026-Q1") == {key[1:]: 1000}  # nothing written by the preview
    with qtbot.waitSignal(ctx.data_changed, timeout=20000):
        dlg.commit()
    assert get_values(ctx.db, "2026-Q1")[key[1:]] == 1390
