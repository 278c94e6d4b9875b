"""Unexpected errors in the GUI: logged, shown in Vietnamese, details one click away.

:func:`install_excepthook` replaces ``sys.excepthook`` (and ``threading.excepthook``)
so that an exception escaping a slot neither kills the program silently nor shows a
traceback to the clerk. The data stay safe because every write runs in a transaction:
an exception inside it rolls it back, and the hook rolls back any transaction still
open on the GUI connection before showing the message.
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracu_desktop import __version__
from tracu_desktop.infra.logs import log_path

log = logging.getLogger("tracu_desktop.ui")

TITLE = "Lỗi không mong muốn"
MESSAGE = (
    "Chương trình gặp một lỗi không mong muốn và đã dừng thao tác vừa rồi. "
    "Số liệu đã lưu không bị ảnh hưởng: thay đổi dở dang đã được hủy. "
    "Bạn có thể tiếp tục làm việc; nếu lỗi lặp lại, hãy bấm “Sao chép chi tiết” "
    "và gửi cho cán bộ kỹ thuật cùng tệp nhật ký."
)
COPY_LABEL = "Sao chép chi tiết"


def error_details(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    """Plain-text details for support: versions, log file and the traceback."""
    lines = [
        f"tracu-desktop {__version__}",
        f"Python {platform.python_version()}, {platform.platform()}",
        f"Nhật ký: {log_path()}",
        "",
        *traceback.format_exception(exc_type, exc, tb),
    ]
    return "\n".join(line.rstrip("\n") for line in lines)


class ErrorDialog(QDialog):
    """The Vietnamese error message with the details folded below and a copy button."""

    def __init__(self, details: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.details = details
        self.setWindowTitle(TITLE)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.resize(560, 380)
        layout = QVBoxLayout(self)
        self.message = QLabel(MESSAGE)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(COPY_LABEL)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.AcceptRole)
        close.setDefault(True)
        buttons.accepted.connect(self.accept)
        self.copy_button.clicked.connect(self.copy_details)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText("Đã sao chép")


class _Bridge(QObject):
    """Carries errors of worker threads to the GUI thread (queued signal)."""

    error = Signal(str)


class ErrorHook:
    """The installed hook; keeps the open dialog and counts errors shown meanwhile."""

    def __init__(self, app: QApplication, rollback: Callable[[], Any] | None = None):
        self.app = app
        self.rollback = rollback
        self.dialog: ErrorDialog | None = None
        self.suppressed = 0
        self.bridge = _Bridge()
        self.bridge.error.connect(self.show, Qt.ConnectionType.QueuedConnection)
        self._previous = sys.excepthook
        self._previous_thread = threading.excepthook

    def __call__(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous(exc_type, exc, tb)
            return
        log.error("unexpected error in the GUI", exc_info=(exc_type, exc, tb))
        self._rollback()
        details = error_details(exc_type, exc, tb)
        if threading.current_thread() is threading.main_thread():
            self.show(details)
        else:
            self.bridge.error.emit(details)

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        self(args.exc_type, args.exc_value, args.exc_traceback)

    def _rollback(self) -> None:
        if self.rollback is None:
            return
        try:
            self.rollback()
        except Exception:  # the message matters more than a failed cleanup
            log.exception("rollback after an unexpected error failed")

    def show(self, details: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.suppressed += 1  # one dialog at a time; the log has every error
            return
        try:
            self.dialog = ErrorDialog(details, self.app.activeWindow())
            self.dialog.show()
            self.dialog.raise_()
        except Exception:
            log.exception("could not show the error dialog")

    def uninstall(self) -> None:
        sys.excepthook = self._previous
        threading.excepthook = self._previous_thread


def rollback_open_transaction(db: Any) -> None:
    """Roll back a transaction left open on a sqlite-utils connection, if any."""
    conn = getattr(db, "conn", None)
    if conn is not None and conn.in_transaction:
        conn.rollback()
        log.warning("rolled back an open transaction after an unexpected error")


def install_excepthook(app: QApplication, db_getter: Callable[[], Any] | None = None) -> ErrorHook:
    """Route unexpected exceptions to the log and the Vietnamese error dialog.

    ``db_getter`` returns the GUI-thread connection (e.g. ``lambda: ctx.db``); any
    transaction it still has open is rolled back before the message is shown.
    """
    rollback = (lambda: rollback_open_transaction(db_getter())) if db_getter else None
    hook = ErrorHook(app, rollback)
    sys.excepthook = hook
    threading.excepthook = hook.thread_hook
    return hook
