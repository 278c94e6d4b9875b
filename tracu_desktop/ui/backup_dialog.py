"""The clerk's backup window (list, create, restore) and the start-up recovery question.

The GUI opens :class:`BackupDialog` from its menu. Restoring needs the database file
closed: the dialog calls ``close_db`` before and ``reopen_db`` after (both provided
by the caller, e.g. closing and reopening ``AppContext.db``). At start, when
``prepare_database`` reports a damaged file, :func:`ask_recovery` asks whether to
restore the offered backup.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracu_desktop.app.backups import BackupResult, make_backup
from tracu_desktop.db.backup import (
    BackupError,
    backup_dir,
    inspect_backup,
    list_backups,
    restore_backup,
    restore_in_place,
)
from tracu_desktop.db.startup import StartupCheck, recover
from tracu_desktop.ui.background import BackgroundOp

log = logging.getLogger("tracu_desktop.ui")


def _size(n: int) -> str:
    """One unit for the sizes a list shows side by side: "1,0 MB", not "1020 KB"."""
    if n >= 100 * 1024:
        return f"{n / 1024 / 1024:.1f} MB".replace(".", ",")
    return f"{max(1, n // 1024)} KB"


class BackupDialog(QDialog):
    def __init__(
        self,
        db_path: Path,
        close_db: Callable[[], None] | None = None,
        reopen_db: Callable[[], None] | None = None,
        parent: QWidget | None = None,
        *,
        db: Any = None,
    ):
        """``db``: restore into this open connection (the GUI's); otherwise the file is
        replaced between ``close_db()`` and ``reopen_db()``."""
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.db = db
        self.close_db = close_db or (lambda: None)
        self.reopen_db = reopen_db or (lambda: None)
        self.restored = False
        self.setWindowTitle("Sao lưu và khôi phục")
        from tracu_desktop.ui.screen_fit import fit_to_screen

        fit_to_screen(self, 760, 440)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Chương trình tự sao lưu khi mở, mỗi ngày, trước khi nhập số liệu và trước "
            f"khi nâng cấp dữ liệu. Thư mục sao lưu: {backup_dir(self.db_path)}"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.create_button = QPushButton("Tạo bản sao lưu ngay")
        self.restore_button = QPushButton("Khôi phục bản đã chọn…")
        self.folder_button = QPushButton("Mở thư mục sao lưu")
        close = QPushButton("Đóng")
        for b in (self.create_button, self.restore_button, self.folder_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.create_button.clicked.connect(self.create_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.folder_button.clicked.connect(self.open_folder)
        close.clicked.connect(self.accept)
        self.list.currentRowChanged.connect(lambda _: self._update_buttons())
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for b in list_backups(self.db_path):
            sizes = _size(b.size) + (
                f", nén từ {_size(b.original_size)}" if b.original_size is not None else ""
            )
            # The file name is technical and long: in the tooltip, so nothing is cut.
            item = QListWidgetItem(f"{b.label} — {sizes}")
            item.setToolTip(str(b.path))
            item.setData(Qt.ItemDataRole.UserRole, str(b.path))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.list.currentItem() is not None)

    def selected(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def create_now(self) -> BackgroundOp[BackupResult]:
        """Make a backup in the background (after any write in progress); the list
        shows it when it is written."""
        op: BackgroundOp[BackupResult] = BackgroundOp(
            self, partial(make_backup, self.db_path), label="Đang sao lưu…", writes=True
        )
        op.finished.connect(lambda _result: self.refresh())
        op.failed.connect(lambda message: QMessageBox.warning(self, "Không sao lưu được", message))
        self.create_button.setEnabled(False)
        op.finished.connect(lambda _r: self.create_button.setEnabled(True))
        op.failed.connect(lambda _m: self.create_button.setEnabled(True))
        return op.start()

    def confirm_restore(self, source: Path, contents: str = "") -> bool:
        answer = QMessageBox.question(
            self,
            "Khôi phục bản sao lưu",
            f"Thay toàn bộ số liệu hiện tại bằng bản sao lưu {source.name}?"
            + (f"\nBản sao lưu chứa: {contents}." if contents else "")
            + "\nSố liệu hiện tại được giữ lại trong thư mục sao lưu (loại “trước khi khôi phục”).",
        )
        return answer == QMessageBox.StandardButton.Yes

    def restore_selected(self, *, confirm: bool = True) -> bool:
        source = self.selected()
        if source is None:
            return False
        try:
            contents = inspect_backup(source).describe()
        except BackupError as exc:
            QMessageBox.warning(self, "Không khôi phục được", str(exc))
            return False
        if confirm and not self.confirm_restore(source, contents):
            return False
        try:
            if self.db is not None:
                restore_in_place(self.db, source)
            else:
                self.close_db()
                try:
                    restore_backup(self.db_path, source)
                finally:
                    self.reopen_db()
        except BackupError as exc:
            QMessageBox.warning(self, "Không khôi phục được", str(exc))
            return False
        log.info("restored %s from %s", self.db_path, source)
        self.restored = True
        self.refresh()
        QMessageBox.information(self, "Đã khôi phục", f"Đã khôi phục số liệu từ {source.name}.")
        return True

    def open_folder(self) -> None:
        folder = backup_dir(self.db_path)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def ask_recovery(check: StartupCheck, parent: QWidget | None = None) -> bool:
    """Ask to restore the offered backup over a damaged file; True when restored.

    Without a candidate the clerk is told to call for help and False is returned:
    the caller must then not open the file.
    """
    if check.candidate is None:
        QMessageBox.critical(parent, "Tệp dữ liệu bị hỏng", check.message())
        return False
    answer = QMessageBox.question(
        parent, "Tệp dữ liệu bị hỏng", check.message() + "\n\nKhôi phục ngay?"
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        recover(check)
    except BackupError as exc:
        QMessageBox.critical(parent, "Không khôi phục được", str(exc))
        return False
    return check.ok
