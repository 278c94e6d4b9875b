"""The column-mapping dialog: an unknown export mapped once, saved, then imported."""

from __future__ import annotations

import os
from datetime import date

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QDialog  # noqa: E402

from tests.interchange.onestop_detail import build_detail_export  # noqa: E402
from tracu_desktop.db.values import get_values  # noqa: E402


@pytest.fixture
def ctx(qtbot, fresh_db, tmp_path):
    from tracu_desktop.db.periods import add_period
    from tracu_desktop.ui.context import AppContext

    add_period(fresh_db, "2023", date(2023, 1, 1), date(2023, 11, 20))
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    c = AppContext(fresh_db.path, fresh_db, settings)
    c.set_period("2023")
    return c


def test_map_columns_save_profile_and_import(ctx, qtbot, tmp_path, monkeypatch, messages):
    from tracu_desktop.ui import column_map_dialog
    from tracu_desktop.ui.import_dialog import ImportDialog

    path = build_detail_export(tmp_path / "xa.xlsx", unit_line="Xã Tân Sơn")
    dlg = ImportDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.set_files([path])
    qtbot.waitUntil(lambda: not dlg.busy, timeout=20000)  # read on a worker
    assert not dlg.commit_button.isEnabled()
    assert dlg.map_button.isEnabled()
    assert "cột số liệu chưa nhận ra" in dlg.problems_table.item(0, 4).text()

    opened = []

    def run(self):
        opened.append(self)
        self.resize(1366, 768)
        # The clerk sees the header as in the file, and the suggested targets.
        assert self.header_view.item(0, 3).text() == "Số hồ sơ nhận giải quyết"
        assert self.header_view.item(2, 6).text() == "Trực tuyến toàn trình"
        rows = {
            self.table.item(r, 1).text().split(" › ")[-1]: r for r in range(self.table.rowCount())
        }
        main = lambda leaf: self.table.cellWidget(rows[leaf], 2)  # noqa: E731
        detail = lambda leaf: self.table.cellWidget(rows[leaf], 3)  # noqa: E731
        assert main("Trực tuyến một phần").currentData() == "received_online"
        assert detail("Trực tuyến một phần").currentData() == "received_online_partial"
        assert main("Qua bưu chính / BCCI").currentData() == "received_direct"
        assert main("Tiếp nhận phi địa giới").currentData() == "ignore"
        assert detail("Tiếp nhận phi địa giới").currentData() == "received_nonboundary"
        assert main("Đúng và trước hạn").currentData() == "resolved_early_or_on_time"
        assert self.split_box.isEnabled()
        sums = self.sums.text()
        assert (
            "(4) = “Trực tuyến toàn trình” + “Trực tuyến một phần” + “Trực tuyến hình thức khác”"
            in sums
        )
        assert (
            "(5) = “Tiếp nhận trực tiếp” + “BCCI”" in sums
            or "(5) = “Tiếp nhận trực tiếp” + “Qua bưu chính" in sums
        )
        assert "(8) + (9) = “Đúng và trước hạn”" in sums
        if os.environ.get("TRACU_SHOTS"):
            self.grab().save(os.environ["TRACU_SHOTS"] + "/column_map_dialog.png")
        self.name_edit.setText("Một cửa tỉnh")
        self.save()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(column_map_dialog.ColumnMapDialog, "exec", run)
    dlg.map_columns()
    assert opened
    qtbot.waitUntil(lambda: not dlg.busy, timeout=20000)  # read on a worker
    # The saved profile is recognised on the new preview; the rule figures are marked.
    assert dlg.commit_button.isEnabled(), [dlg.problems_table.item(0, 4).text()]
    cells = [
        [dlg.changes_table.item(r, c).text() for c in range(7)]
        for r in range(dlg.changes_table.rowCount())
    ]
    online = next(r for r in cells if r[2] == "Đất đai" and r[3] == "Số mới tiếp nhận trực tuyến")
    assert online[5:] == ["1.234", "ô trong tệp"]
    on_time = next(r for r in cells if r[2] == "Đất đai" and r[3] == "Đã giải quyết đúng hạn")
    assert on_time[5:] == ["1.300", "theo quy tắc của hồ sơ nhập"]
    assert "4 số liệu không lấy trực tiếp từ tệp mà theo quy tắc" in dlg.summary.text()
    if os.environ.get("TRACU_SHOTS"):
        dlg.resize(1366, 768)
        dlg.grab().save(os.environ["TRACU_SHOTS"] + "/import_after_mapping.png")
    with qtbot.waitSignal(ctx.data_changed, timeout=20000):
        dlg.commit()
    v = get_values(ctx.db, "2023")
    assert v[("XA_TAN_SON", "X_DAT_DAI", "received_direct")] == 120
    assert v[("XA_TAN_SON", "X_DAT_DAI", "received_online_partial")] == 30
    # The validation panel's check lists the figures that came from the rule.
    from tracu_desktop.ui.validation_panel import check_period

    flagged = [i.message for i in check_period(ctx.db, "2023") if i.rule == "import_rule"]
    assert len(flagged) == 2
    assert any(
        m.startswith("Xã Tân Sơn, Đất đai: số liệu không lấy trực tiếp từ tệp.") for m in flagged
    )
    assert all("hồ sơ nhập “Một cửa tỉnh”" in m for m in flagged)


def test_profile_files_from_the_import_window(ctx, qtbot, tmp_path, monkeypatch, messages):
    """A province writes its profile out; a commune loads it and its export is read."""
    from PySide6.QtWidgets import QFileDialog

    from tests.interchange.test_import_profiles import MAPS
    from tracu_desktop.interchange.import_profile import (
        get_profile,
        list_profiles,
        save_profile,
    )
    from tracu_desktop.interchange.workbook_import import plan_import
    from tracu_desktop.ui.import_dialog import ImportDialog

    path = build_detail_export(tmp_path / "xa.xlsx", unit_line="Xã Tân Sơn")
    plan = plan_import(ctx.db, [path], column_maps=MAPS)
    profile = plan.files[0].profile
    profile.name = "Tỉnh gửi"
    profile.columns.update(
        {k: ("ignore",) for k in plan.files[0].layout.shape() if k not in profile.columns}
    )
    save_profile(ctx.db, profile)
    target = tmp_path / "tinh.tracu-profile.json"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    dlg = ImportDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.set_files([path])
    qtbot.waitUntil(lambda: not dlg.busy, timeout=20000)  # read on a worker
    assert dlg.commit_button.isEnabled()  # read by the saved profile
    dlg.write_profile()
    assert target.exists()
    assert messages[-1][1].startswith("Đã ghi hồ sơ nhập “Tỉnh gửi” ra ")
    # The commune's side: no profile yet, the same file needs mapping; loading fixes it.
    from tracu_desktop.interchange.import_profile import delete_profile

    delete_profile(ctx.db, "Tỉnh gửi")
    dlg.preview()
    qtbot.waitUntil(lambda: not dlg.busy, timeout=20000)  # read on a worker
    assert not dlg.commit_button.isEnabled()
    dlg.load_profile()
    qtbot.waitUntil(lambda: not dlg.busy, timeout=20000)  # read on a worker
    assert [p.name for p in list_profiles(ctx.db)] == ["Tỉnh gửi"]
    assert get_profile(ctx.db, "tỉnh gửi").split == "on_time"
    assert messages[-1][1].startswith("Đã lưu hồ sơ nhập “Tỉnh gửi” (16 cột).")
    assert dlg.commit_button.isEnabled()
