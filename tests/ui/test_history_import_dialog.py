"""“Nhập số liệu” with a history package: the former Trà Cú district (2023 demo) sends
three communes' 2022 and 2023 figures; Xã Tập Sơn previews them (units mapped to its
predecessor units, periods created, figures counted) and imports them off the GUI thread."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings

from tests.lineage_fixture import ORG
from tracu_desktop.app.history import make_history_package
from tracu_desktop.core.models import Level, Unit, UnitKind, ValueKey
from tracu_desktop.db import open_database
from tracu_desktop.db.catalog import load_fields, save_field, save_organisation, save_unit, unit_map
from tracu_desktop.db.periods import add_period, get_period, list_periods
from tracu_desktop.db.values import get_value
from tracu_desktop.ui.import_dialog import ImportDialog

SENT = ("XA_PHUOC_HUNG", "XA_TAN_SON", "XA_TAP_SON")


@pytest.fixture
def package(demo_db, tmp_path):
    path = tmp_path / "tra-cu-lich-su.tracu.zip"
    result = make_history_package(demo_db, ["2022", "2023"], list(SENT), path)
    assert result.figures > 0
    return path


@pytest.fixture
def commune(demo_db, tmp_path, qapp):
    """Xã Tập Sơn from 01/07/2025 with the former Xã Tập Sơn listed, in a window context."""
    from tracu_desktop.ui.context import AppContext

    path = tmp_path / "tap-son.sqlite3"
    db = open_database(path)
    save_organisation(db, ORG)
    save_unit(db, Unit("29467", "Xã Tập Sơn", Level.COMMUNE, UnitKind.BODY,
                       valid_from=date(2025, 7, 1)))  # fmt: skip
    save_unit(db, Unit("cu-29467", "Xã Tập Sơn", Level.COMMUNE, UnitKind.COMMUNE))
    for f in load_fields(demo_db, Level.COMMUNE):
        save_field(db, f)
    add_period(db, "2026")
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(path, db, settings)
    ctx.set_period("2026")
    yield ctx
    db.close()


def _sent(demo_db, unit: str) -> int:
    return demo_db.execute(
        "SELECT value FROM data_values WHERE period='2023' AND unit=? "
        "AND field='X_HO_TICH' AND indicator='received_online'",
        [unit],
    ).fetchone()[0]


def _table_rows(table) -> list[list[str]]:
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_history_package_preview_then_import_in_the_background(
    commune, package, demo_db, qtbot, messages
):
    dlg = ImportDialog(commune)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.set_files([package])
    assert dlg.busy  # read on a worker
    qtbot.waitUntil(lambda: not dlg.busy and dlg.history is not None, timeout=15000)
    plan = dlg.history
    assert plan.ok, plan.problems
    text = dlg.summary.text()
    assert "Gói số liệu cũ của Ủy ban nhân dân huyện Trà Cú" in text
    assert "đơn vị tiền thân của Xã Tập Sơn" in text
    assert "Sẽ tạo kỳ: 2022 (" in text and "2023 (01/01/2023 – 20/11/2023)" in text
    assert f"Sẽ nhập {plan.figures:,} số liệu".replace(",", ".") in text
    assert dlg.tabs.currentIndex() == dlg.history_tab
    assert dlg.tabs.tabText(dlg.history_tab) == "Gói số liệu cũ (3 đơn vị)"
    rows = {r[0]: r for r in _table_rows(dlg.history_table)}
    assert rows["Xã Tập Sơn"][1] == "Xã Tập Sơn (đơn vị có sẵn, kế thừa: Xã Tập Sơn)"
    assert rows["Xã Tập Sơn"][2] == "cu-29467"
    assert rows["Xã Phước Hưng"][1].endswith("(đơn vị mới, kế thừa: Xã Tập Sơn)")
    assert rows["Xã Phước Hưng"][2] == "cu-XA_PHUOC_HUNG"
    assert sum(int(r[3].replace(".", "")) for r in rows.values()) == plan.figures
    changes = _table_rows(dlg.changes_table)
    assert any(r[6] == "kỳ 2023" and r[4] == "trống" for r in changes)
    assert get_period(commune.db, "2023") is None  # a preview writes nothing
    assert dlg.commit_button.isEnabled()

    with qtbot.waitSignal(dlg.accepted, timeout=15000):
        dlg.commit_button.click()
        assert dlg.busy and dlg.op.writes  # written on the write worker
    db = commune.db
    assert get_period(db, "2023").end == date(2023, 11, 20)
    units = unit_map(db)
    assert units["cu-XA_PHUOC_HUNG"].successors == ("29467",)
    assert units["cu-29467"].valid_to == date(2025, 6, 30)
    key = ValueKey("2023", "cu-29467", "X_HO_TICH", "received_online")
    assert get_value(db, key) == _sent(demo_db, "XA_TAP_SON")
    assert dlg.periods_created == ["2022", "2023"]
    assert dlg.done_message.startswith("Đã nhập ") and "Đã tạo kỳ 2022, 2023." in dlg.done_message
    assert commune.undo_stack.undoText().startswith(f"Nhập tệp {package.name}")
    commune.undo_stack.undo()
    assert get_value(db, key) is None  # the figures are one undo step


def test_history_package_with_problems_is_refused_and_named(commune, package, qtbot, messages):
    for code in ("cu-99999", "cu-88888"):
        save_unit(commune.db, Unit(code, "Xã Tân Sơn", Level.COMMUNE, UnitKind.COMMUNE,
                                   valid_to=date(2025, 6, 30)))  # fmt: skip
    dlg = ImportDialog(commune)
    qtbot.addWidget(dlg)
    dlg.set_files([package])
    qtbot.waitUntil(lambda: not dlg.busy and dlg.history is not None, timeout=15000)
    assert not dlg.commit_button.isEnabled()
    assert "có 1 lỗi: chưa thể nhập" in dlg.summary.text()
    problem = dlg.problems_table.item(0, 4).text()
    assert "Đơn vị “Xã Tân Sơn” (mã XA_TAN_SON)" in problem and "trùng tên nhiều đơn vị" in problem
    assert dlg.tabs.currentIndex() == 1
    dlg.commit()  # nothing to write
    assert not dlg.busy
    assert [p.code for p in list_periods(commune.db)] == ["2026"]


def test_a_history_package_is_imported_alone(commune, package, tmp_path, qtbot):
    other = tmp_path / "x.xlsx"
    other.write_bytes(b"")
    dlg = ImportDialog(commune)
    qtbot.addWidget(dlg)
    dlg.set_files([package, other])
    assert not dlg.busy
    assert "mỗi lần một gói" in dlg.summary.text()
    assert not dlg.commit_button.isEnabled()


def test_main_window_lists_the_periods_a_history_package_created(
    commune, package, qtbot, messages, monkeypatch
):
    from tracu_desktop.ui import import_dialog
    from tracu_desktop.ui.main_window import MainWindow

    win = MainWindow(commune)
    qtbot.addWidget(win)

    def run(dialog):  # what the clerk does in the dialog, instead of exec()
        dialog.set_files([package])
        qtbot.waitUntil(lambda: not dialog.busy and dialog.history is not None, timeout=15000)
        with qtbot.waitSignal(dialog.accepted, timeout=15000):
            dialog.commit_button.click()
        return 1

    monkeypatch.setattr(import_dialog.ImportDialog, "exec", run)
    periods = lambda: [win.period_box.itemData(i) for i in range(win.period_box.count())]  # noqa: E731
    assert periods() == ["2026"]
    win.open_import()
    assert periods() == ["2022", "2023", "2026"]
    assert (
        messages and messages[-1][0] == "information" and "Đã tạo kỳ 2022, 2023" in messages[-1][1]
    )
    win.validation._timer.stop()
