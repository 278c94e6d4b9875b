"""The validation panel: every error and warning of the period, including outliers.

Refreshes (debounced) when figures change; double-clicking a line asks the main window
to show the unit and select the cell (``jump_requested``). The issues are shown through
a table model over the plain :class:`Issue` list, not one widget item per issue: a
province's period can have thousands of warnings, and the model costs nothing per row
until a row is painted.

Threading: the check of a whole period (38.400 figures in a province) runs through the
background helper (:class:`~tracu_desktop.ui.background.BackgroundOp`) with its own read
connection, so the window opens and stays responsive while it runs; a result that
arrives after a newer refresh was asked for is dropped.
"""

from __future__ import annotations

import sqlite3
from functools import partial
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from tracu_desktop.app.session import opened
from tracu_desktop.app.validation import validate_period
from tracu_desktop.core.validation import Issue
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import get_period
from tracu_desktop.infra.progress import IsCancelled, Progress
from tracu_desktop.ui.background import BackgroundOp
from tracu_desktop.ui.context import AppContext
from tracu_desktop.ui.follow import follow
from tracu_desktop.ui.grid_model import ERROR_BG, WARNING_BG

ISSUE_ROLE = Qt.ItemDataRole.UserRole + 2  # (unit, field, indicator) of the cell the issue is about
HEADERS = ("Mức", "Nội dung")
_ERROR_BRUSH = QBrush(ERROR_BG)
_WARNING_BRUSH = QBrush(WARNING_BG)
_Index = QModelIndex | QPersistentModelIndex


class IssueModel(QAbstractTableModel):
    """Read-only rows: severity, message; the target cell under :data:`ISSUE_ROLE`."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.issues: list[Issue] = []

    def set_issues(self, issues: list[Issue]) -> None:
        self.beginResetModel()
        self.issues = list(issues)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.issues)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.issues):
            return None
        issue = self.issues[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return issue.severity.label if col == 0 else issue.message
        if role == Qt.ItemDataRole.ToolTipRole and col == 1:
            return issue.message
        if role == Qt.ItemDataRole.BackgroundRole and col == 0:
            return _ERROR_BRUSH if issue.is_error else _WARNING_BRUSH
        if role == ISSUE_ROLE:
            return (issue.unit, issue.field, issue.indicator)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def check_period(db: Database, period: str) -> list[Issue]:
    """Every error and warning of ``period``, errors first."""
    return validate_period(db, period, with_outliers=True).issues


def _check_file(
    db_path: Path, period: str, *, progress: Progress, is_cancelled: IsCancelled
) -> list[Issue]:
    """The worker's side: its own connection to the file."""
    with opened(db_path) as db:
        return check_period(db, period)


class ValidationPanel(QWidget):
    jump_requested = Signal(str, str, str)  # unit, field, indicator
    summary_changed = Signal(int, int)  # errors, warnings

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.summary = QLabel()
        self.checking = False  # a check is running on a worker
        self._generation = 0
        self._period: str | None = None
        self.op: BackgroundOp[list[Issue]] | None = None
        self.model = IssueModel(self)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)  # thousands of rows stay fast to scroll
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.view.header().setStretchLastSection(True)
        self.view.doubleClicked.connect(self.activate)
        self.view.activated.connect(self.activate)  # Enter on a line
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        lay.addWidget(self.summary)
        lay.addWidget(self.view, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.refresh)
        follow(self, ctx.period_changed, lambda _c: self.refresh())
        follow(self, ctx.data_changed, lambda _c: self._timer.start())
        ctx.catalog_changed.connect(self._timer.start)

    @property
    def issues(self) -> list[Issue]:
        return self.model.issues

    @property
    def up_to_date(self) -> bool:
        """No check waiting or running: the list is that of the figures as they are now."""
        return not self.checking and not self._timer.isActive()

    def refresh(self) -> None:
        """Check the period again: on a worker when the database is a file, else here."""
        self._timer.stop()
        self._generation += 1
        period = self._period = self.ctx.period
        try:
            known = bool(period and get_period(self.ctx.db, period) is not None)
        except sqlite3.ProgrammingError:
            return  # the window is closing and its database is already closed
        if not period or not known:
            self._show(self._generation, [], "Chưa chọn kỳ báo cáo.")
            return
        if self.ctx.db.path is None:  # an in-memory database has no second connection
            self._show(self._generation, check_period(self.ctx.db, period))
            return
        self.checking = True
        self.summary.setText("Đang kiểm tra số liệu của kỳ…")
        generation = self._generation
        op: BackgroundOp[list[Issue]] = BackgroundOp(
            self,
            partial(_check_file, self.ctx.db_path, period),
            label="Đang kiểm tra số liệu của kỳ…",
            show_progress=False,  # the summary line says it
        )
        op.finished.connect(lambda issues: self._show(generation, issues))
        op.failed.connect(lambda message: self._failed(generation, message))
        self.op = op.start()

    def stop(self) -> None:
        """Forget the pending and running checks (the window is closing)."""
        self._timer.stop()
        self._generation += 1
        self.checking = False

    def _failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.checking = False
            self.summary.setText(f"Không kiểm tra được số liệu: {message}")

    def _show(self, generation: int, issues: list[Issue], empty_text: str = "") -> None:
        if generation != self._generation:
            return  # a newer check was asked for while this one ran
        self.checking = False
        self.model.set_issues(issues)
        self.ctx.issues_period, self.ctx.issues = self._period, issues
        if self._period:
            self.ctx.issues_checked.emit(self._period)  # the grids colour their cells
        errors = sum(1 for i in issues if i.is_error)
        warnings = len(issues) - errors
        if empty_text:
            self.summary.setText(empty_text)
        elif not issues:
            self.summary.setText("Không có lỗi hay cảnh báo nào trong kỳ này.")
        else:
            self.summary.setText(
                f"{errors} lỗi, {warnings} cảnh báo. Nhấp đúp vào một dòng để đến ô số liệu."
            )
        self.summary_changed.emit(errors, warnings)

    def row_of(self, text: str) -> int:
        """First row whose message contains ``text`` (-1 when none); for tests and search."""
        return next((i for i, issue in enumerate(self.issues) if text in issue.message), -1)

    def activate(self, index: QModelIndex) -> None:
        target = self.model.data(index, ISSUE_ROLE)
        if target is not None:
            self.jump_requested.emit(*target)
