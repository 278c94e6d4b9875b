"""What the GUI does with its database file before the main window: lock, check, back up.

Kept apart from the backup window so start-up loads only a message box; the start
backups run on a thread while the window is built, and a failure reaches the clerk
as a warning once the window is up.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from tracu_desktop.db.backup import BackupError, start_backups_in_background
from tracu_desktop.db.lock import DatabaseInUseError, NetworkLocationError
from tracu_desktop.db.startup import StartupCheck, prepare_database

log = logging.getLogger("tracu_desktop.ui")


class BackupNotice(QObject):
    """Carries the outcome of the background start backups to the GUI thread."""

    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__()
        self.parent_widget = parent
        self.failed.connect(self._warn)  # queued: emitted on the backup thread

    @Slot(str)
    def _warn(self, text: str) -> None:
        QMessageBox.warning(self.parent_widget, "Không sao lưu được", text)


def guard_startup(db_path: Path, parent: QWidget | None = None) -> StartupCheck | None:
    """Lock, check and (in the background) back up the file; recover it when damaged.

    Returns the check (whose ``lock`` the caller keeps until exit), or None when the
    program must not open the file: another window has it, or it is damaged and was
    not restored. The clerk has been told why in Vietnamese.
    """
    try:
        check = prepare_database(db_path, start_backup=False)
    except DatabaseInUseError as exc:
        QMessageBox.warning(parent, "Chương trình đang mở", str(exc))
        return None
    except NetworkLocationError as exc:
        QMessageBox.warning(parent, "Tệp dữ liệu trên mạng", str(exc))
        return None
    if not check.ok:
        from tracu_desktop.ui.backup_dialog import ask_recovery

        if ask_recovery(check, parent):
            return check
        check.lock.release()
        return None
    if check.integrity is not None:  # an existing, healthy file
        notice = BackupNotice(parent)
        check.notice = notice  # type: ignore[attr-defined]  # lives as long as the check

        def done(made: list[Path], error: BackupError | None) -> None:
            check.backups_made.extend(made)
            if error is not None:
                log.warning("start backup failed: %s", error)
                notice.failed.emit(str(error))

        start_backups_in_background(db_path, done)
    return check
