"""The GUI's answer to an unexpected error: logged, Vietnamese message, copy button."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtGui import QGuiApplication

from tracu_desktop.infra.logs import log_path, setup_logging
from tracu_desktop.ui.error_dialog import COPY_LABEL, install_excepthook


@pytest.fixture
def hook(qapp, demo_db):
    setup_logging()
    h = install_excepthook(qapp, lambda: demo_db)
    yield h
    h.uninstall()
    if h.dialog is not None:
        h.dialog.close()


def _raise_in_slot() -> None:
    try:
        raise ValueError("giá trị hỏng trong ô")
    except ValueError:
        sys.excepthook(*sys.exc_info())


def test_error_is_logged_and_shown_with_copyable_details(hook, qtbot, tmp_path):
    _raise_in_slot()
    dialog = hook.dialog
    assert dialog is not None and dialog.isVisible()
    assert "lỗi không mong muốn" in dialog.message.text()
    assert "Số liệu đã lưu không bị ảnh hưởng" in dialog.message.text()
    assert dialog.copy_button.text() == COPY_LABEL
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert "ValueError: giá trị hỏng trong ô" in copied and "Traceback" in copied
    assert str(log_path()) in copied
    assert "ValueError: giá trị hỏng trong ô" in log_path().read_text(encoding="utf-8")
    dialog.grab().save(str(tmp_path / "error_dialog.png"))


def test_open_transaction_is_rolled_back(hook, demo_db):
    demo_db.conn.execute("BEGIN")
    demo_db.conn.execute("UPDATE data_values SET value = value + 1")
    _raise_in_slot()
    assert not demo_db.conn.in_transaction
    assert (
        demo_db.execute(
            "SELECT value FROM data_values WHERE period='2023' AND unit='HUYEN' "
            "AND indicator='tthc_assessed'"
        ).fetchone()
        is not None
    )


def test_errors_of_worker_threads_reach_the_gui(hook, qtbot):
    t = threading.Thread(target=lambda: 1 / 0)
    t.start()
    t.join()
    qtbot.waitUntil(lambda: hook.dialog is not None and hook.dialog.isVisible(), timeout=2000)
    assert "ZeroDivisionError" in hook.dialog.details


def test_one_dialog_at_a_time(hook):
    _raise_in_slot()
    _raise_in_slot()
    assert hook.suppressed == 1
