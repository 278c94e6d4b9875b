"""GUI fixtures: a main window on a private demo database, dialogs that never block."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox


@pytest.fixture(autouse=True)
def _vietnamese_qt(qapp):
    """Qt's own strings in Vietnamese, as the program loads them at start."""
    from tracu_desktop.ui.app import install_vietnamese

    install_vietnamese(qapp)


@pytest.fixture
def messages(monkeypatch):
    """Every QMessageBox shown, as (kind, text); nothing blocks."""
    shown: list[tuple[str, str]] = []

    def fake(kind):
        def _show(parent, title, text, *a, **k):
            shown.append((kind, text))
            return QMessageBox.Ok

        return _show

    for kind in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(fake(kind)))
    monkeypatch.setattr(
        QMessageBox, "about", staticmethod(lambda p, t, text: shown.append(("about", text)))
    )
    return shown


@pytest.fixture
def ctx(demo_db, demo_db_path, tmp_path, qapp):
    from tracu_desktop.ui.context import AppContext

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    c = AppContext(demo_db_path, demo_db, settings)
    c.set_period("2023")
    return c


def _drop_unsaved(win) -> None:
    """Closing must not stop at a "Chưa lưu" question a test left behind."""
    for page in win.pages.values():
        if hasattr(page, "pending_edits") and page.pending_edits():
            page.discard_pending()


@pytest.fixture
def window(ctx, qtbot, messages):
    from tracu_desktop.ui.main_window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win, before_close_func=_drop_unsaved)
    win.resize(1366, 768)
    win.show()
    yield win
    win.validation._timer.stop()
    _drop_unsaved(win)
    ctx.blockSignals(True)
    win.close()
