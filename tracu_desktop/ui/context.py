"""Application-wide state shared by the main window, pages and dialogs.

Threading: ``db`` is the GUI thread's connection; background workers open their own
with :func:`tracu_desktop.db.open_database` on ``db_path``. Pages listen to the
signals instead of calling each other.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QUndoStack

from tracu_desktop import APP_NAME
from tracu_desktop.db.handle import Database


class AppContext(QObject):
    period_changed = Signal(str)  # the selected period code
    data_changed = Signal(str)  # figures of this period were written (typed, pasted, imported)
    catalog_changed = Signal()  # organisation, units or fields edited
    issues_checked = Signal(str)  # the period whose issues are now in ``issues``

    def __init__(self, db_path: Path, db: Database, settings: QSettings | None = None) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.db = db
        self.period: str | None = None
        self.settings = settings or QSettings(APP_NAME, APP_NAME)
        # One undo history for every figure typed or pasted in any page.
        self.undo_stack = QUndoStack(self)
        # The newest check of a period (the validation panel's worker), for the grids' marks.
        self.issues_period: str | None = None
        self.issues: list = []

    def set_period(self, code: str | None) -> None:
        if code != self.period:
            self.period = code
            if code is not None:
                self.settings.setValue("last_period", code)
                self.period_changed.emit(code)
