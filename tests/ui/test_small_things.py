"""Small things a clerk notices: backup sizes, the template dialog, locking with units
that sent nothing."""

from __future__ import annotations

from pathlib import Path

from tracu_desktop.db.periods import add_period


def test_backup_sizes_use_one_unit():
    from tracu_desktop.ui.backup_dialog import _size

    assert _size(1020 * 1024) == "1,0 MB"
    assert _size(1024 * 1024) == "1,0 MB"
    assert _size(50 * 1024) == "50 KB"


def test_template_dialog_names_the_period_and_starts_in_the_export_folder(ctx, qtbot):
    from PySide6.QtWidgets import QLabel

    from tracu_desktop.ui.export_dialog import _default_dir
    from tracu_desktop.ui.template_dialog import TemplateDialog

    dlg = TemplateDialog(ctx)
    qtbot.addWidget(dlg)
    texts = [w.text() for w in dlg.findChildren(QLabel)]
    assert any(t.startswith("Năm 2023") for t in texts), texts
    assert "2023" not in texts
    assert dlg.folder.text() == _default_dir()


def test_locking_warns_about_units_without_data(window, ctx, monkeypatch):
    from tracu_desktop.ui import main_window as mw

    add_period(ctx.db, "2024-Q1")
    window.reload_periods("2024-Q1")
    asked: list[str] = []
    monkeypatch.setattr(
        mw.MainWindow, "_ask_reason", lambda self, t, prompt, r: asked.append(prompt)
    )
    window.act_lock.trigger()
    assert asked and "chưa có số liệu nào" in asked[0]
    assert "30/30 đơn vị" in asked[0] and "Phòng Nội vụ" in asked[0]


def test_import_preview_names_the_rule_it_would_break(ctx, qtbot, tmp_path):
    from tests.interchange.workbooks import build_onestop_06b
    from tracu_desktop.ui.import_dialog import ImportDialog

    rows = [("Hộ tịch", 300, 120, 0, 10, 0, 0, 0, 0)]  # (3) = 420, (7) + (11) = 10
    path = build_onestop_06b(tmp_path / "06b.xlsx", commune_rows=rows)
    from tests.ui.test_undo_truth import _clear_form06

    _clear_form06(ctx.db)  # level totals go only where units hold no figures of their own
    dlg = ImportDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.set_files([path])
    qtbot.waitUntil(lambda: not dlg.busy)
    assert dlg.commit_button.isEnabled()
    text = dlg.summary.text()
    assert "Sau khi nhập sẽ có" in text and "lỗi mới" in text
    assert "Hộ tịch" in text and "(3)" in text


def test_backup_list_is_not_cut(ctx, qtbot):
    from tracu_desktop.db.backup import create_backup
    from tracu_desktop.ui.backup_dialog import BackupDialog

    create_backup(ctx.db_path, "manual")
    dlg = BackupDialog(ctx.db_path, db=ctx.db)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.list.count() >= 1
    metrics = dlg.list.fontMetrics()
    for i in range(dlg.list.count()):
        item = dlg.list.item(i)
        assert metrics.horizontalAdvance(item.text()) < dlg.list.viewport().width()
        assert "MB" in item.text() or "KB" in item.text()
        assert Path(item.toolTip()).is_file()  # the file itself, named in the tooltip
