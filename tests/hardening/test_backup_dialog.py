"""The GUI's backup window: list, create, restore with the database closed and reopened."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from tracu_desktop.core.models import ValueKey
from tracu_desktop.db import backup as bk
from tracu_desktop.db.connection import open_database
from tracu_desktop.db.startup import prepare_database
from tracu_desktop.db.values import get_value, set_value
from tracu_desktop.ui.backup_dialog import BackupDialog, ask_recovery

KEY = ValueKey("2023", "HUYEN", "", "tthc_assessed")


def test_create_and_restore_from_the_dialog(qtbot, demo_db_path, monkeypatch, tmp_path):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.Ok)
    state = {"db": open_database(demo_db_path), "events": []}
    set_value(state["db"], KEY, 31)

    def close_db():
        state["events"].append("close")
        state["db"].close()

    def reopen_db():
        state["events"].append("reopen")
        state["db"] = open_database(demo_db_path)

    dlg = BackupDialog(demo_db_path, close_db, reopen_db)
    qtbot.addWidget(dlg)
    assert dlg.list.count() == 0 and not dlg.restore_button.isEnabled()
    op = dlg.create_now()  # written in the background
    qtbot.waitUntil(lambda: not op.running, timeout=20000)
    assert op.result.path is not None
    assert dlg.list.count() == 1 and "do người dùng tạo" in dlg.list.item(0).text()
    set_value(state["db"], KEY, 32)
    dlg.show()
    dlg.grab().save(str(tmp_path / "backup_dialog.png"))
    assert dlg.restore_selected(confirm=False)
    assert state["events"] == ["close", "reopen"]
    assert get_value(state["db"], KEY) == 31
    assert dlg.list.count() == 2  # the replaced file is kept as "before-restore"
    state["db"].close()


def test_ask_recovery_restores_the_candidate(qtbot, demo_db_path, monkeypatch, corrupt_file):
    prepare_database(demo_db_path).lock.release()  # start + daily backups
    corrupt_file(demo_db_path)
    check = prepare_database(demo_db_path)
    try:
        asked = []
        monkeypatch.setattr(
            QMessageBox,
            "question",
            lambda parent, title, text: asked.append(text) or QMessageBox.Yes,
        )
        assert ask_recovery(check)
        assert "bị hỏng" in asked[0] and check.ok
        assert bk.check_integrity(demo_db_path).ok
    finally:
        check.lock.release()


def test_ask_recovery_without_backup_refuses(qtbot, demo_db_path, monkeypatch, corrupt_file):
    corrupt_file(demo_db_path)
    check = prepare_database(demo_db_path)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    try:
        assert not ask_recovery(check)
        assert "Không có bản sao lưu nguyên vẹn" in shown[0]
    finally:
        check.lock.release()


def test_guard_startup_refuses_a_second_window(qtbot, demo_db_path, monkeypatch):
    from tracu_desktop.ui.startup_guard import guard_startup

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    first = guard_startup(demo_db_path)
    try:
        assert first is not None and first.ok
        bk.wait_for_background_backups()  # the start backups run while the window opens
        assert {b.kind for b in bk.list_backups(demo_db_path)} == {"daily"}
        assert sorted(p.name for p in first.backups_made) == sorted(
            b.path.name for b in bk.list_backups(demo_db_path)
        )
        assert guard_startup(demo_db_path) is None
        assert "đang được một cửa sổ TraCu khác" in warned[0]
    finally:
        first.lock.release()


def test_guard_startup_damaged_file_not_restored_is_not_opened(
    qtbot, demo_db_path, monkeypatch, corrupt_file
):
    from tracu_desktop.db.lock import is_locked
    from tracu_desktop.ui.startup_guard import guard_startup

    guard_startup(demo_db_path).lock.release()
    bk.wait_for_background_backups()
    corrupt_file(demo_db_path)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.No)
    assert guard_startup(demo_db_path) is None
    assert not is_locked(demo_db_path)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.Yes)
    check = guard_startup(demo_db_path)
    assert check is not None and check.ok and bk.check_integrity(demo_db_path).ok
    check.lock.release()


def test_failed_start_backup_is_shown_once_the_window_runs(qtbot, demo_db_path, monkeypatch):
    """The start backup runs on a thread; its failure still reaches the clerk, in Vietnamese."""
    from tracu_desktop.ui.startup_guard import guard_startup

    def fail(path, kind=bk.KIND_MANUAL):
        raise bk.BackupError(f"Không tạo được bản sao lưu của {path}: ổ đĩa đầy.")

    monkeypatch.setattr(bk, "create_backup", fail)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    check = guard_startup(demo_db_path)
    try:
        assert check is not None and check.ok, "a failed backup does not stop the clerk"
        bk.wait_for_background_backups()
        qtbot.waitUntil(lambda: warned != [], timeout=3000)
        assert "ổ đĩa đầy" in warned[0] and str(demo_db_path) in warned[0]
        assert check.backups_made == []
    finally:
        check.lock.release()


def test_restore_waits_for_a_start_backup_still_copying(demo_db_path, monkeypatch):
    import threading

    copying = threading.Event()
    release = threading.Event()
    real = bk.make_start_backups

    def slow(path):
        copying.set()
        release.wait(5)
        return real(path)

    monkeypatch.setattr(bk, "make_start_backups", slow)
    results = []
    bk.start_backups_in_background(demo_db_path, lambda made, err: results.append((made, err)))
    assert copying.wait(5)
    manual = bk.create_backup(demo_db_path, bk.KIND_MANUAL)
    threading.Timer(0.2, release.set).start()
    bk.restore_backup(demo_db_path, manual)
    assert results and results[0][1] is None, "the restore ran only after the copy finished"
    assert results[0][0] == [], "nothing changed since the manual copy: no start copy"
    assert {b.kind for b in bk.list_backups(demo_db_path)} == {"manual", "before-restore"}


def test_restore_from_the_main_window_reloads_everything(
    qtbot, demo_db_path, tmp_path, monkeypatch
):
    from PySide6.QtCore import QSettings

    from tracu_desktop.ui.backup_dialog import BackupDialog
    from tracu_desktop.ui.context import AppContext
    from tracu_desktop.ui.main_window import MainWindow

    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **k: QMessageBox.Ok)
    db = open_database(demo_db_path)
    set_value(db, KEY, 41)
    bk.create_backup(demo_db_path, bk.KIND_MANUAL)
    ctx = AppContext(demo_db_path, db, QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    ctx.set_period("2023")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    set_value(ctx.db, KEY, 42)
    reloaded = []
    ctx.data_changed.connect(reloaded.append)
    monkeypatch.setattr(BackupDialog, "exec", lambda self: self.restore_selected(confirm=False))
    menu_texts = [a.text() for m in win.menuBar().actions() for a in m.menu().actions()]
    assert "Sao lưu và khôi phục…" in menu_texts
    win.act_backup.trigger()
    assert get_value(ctx.db, KEY) == 41 and ctx.db is db, "pages keep the same connection"
    assert reloaded == ["2023"] and ctx.undo_stack.count() == 0
    assert any(b.kind == "before-restore" for b in bk.list_backups(demo_db_path))
    win.close()
    ctx.db.close()


def test_dialog_shows_what_a_copy_holds_and_refuses_an_empty_one(qtbot, demo_db_path, monkeypatch):
    asked, warned = [], []
    monkeypatch.setattr(
        QMessageBox, "question", lambda parent, title, text: asked.append(text) or QMessageBox.No
    )
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    dlg = BackupDialog(demo_db_path, lambda: None, lambda: None)
    qtbot.addWidget(dlg)
    op = dlg.create_now()
    qtbot.waitUntil(lambda: not op.running, timeout=20000)
    assert op.result.path is not None
    assert "nén từ" in dlg.list.item(0).text()
    assert not dlg.restore_selected()
    assert "Bản sao lưu chứa:" in asked[0] and "3 kỳ báo cáo (2021, 2022, 2023)" in asked[0]
    empty = bk.backup_dir(demo_db_path) / "demo-manual-29990101-000000-000000.sqlite3"
    empty.write_bytes(b"")
    before = demo_db_path.read_bytes()
    dlg.refresh()
    assert dlg.selected() == empty
    assert not dlg.restore_selected(confirm=False)
    assert "tệp rỗng (0 byte)" in warned[0] and len(asked) == 1
    assert demo_db_path.read_bytes() == before


def test_compact_from_the_main_window_menu(qtbot, demo_db_path, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    from tracu_desktop.ui.context import AppContext
    from tracu_desktop.ui.main_window import MainWindow

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda p, t, text: shown.append(text))
    db = open_database(demo_db_path)
    ctx = AppContext(demo_db_path, db, QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    ctx.set_period("2023")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    menu_texts = [a.text() for m in win.menuBar().actions() for a in m.menu().actions()]
    assert "Thu gọn dữ liệu" in menu_texts
    win.act_compact.trigger()
    assert shown and shown[0].startswith("Đã thu gọn dữ liệu:") and "giải phóng" in shown[0]
    assert bk.list_backups(demo_db_path, bk.KIND_BEFORE_COMPACT)
    win.validation._timer.stop()
    ctx.blockSignals(True)
    win.close()
    db.close()
