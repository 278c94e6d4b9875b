"""The validation panel: every error and warning of the period, including outliers.

Refreshes (debounced) when figures change; double-clicking a line asks the main window
to show the unit and select the cell (``jump_requested``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tracu_desktop.db.checks import validate_period
from tracu_desktop.db.outliers import outlier_issues
from tracu_desktop.db.periods import get_period
from tracu_desktop.ui.context import AppContext
from tracu_desktop.ui.grid_model import ERROR_BG, WARNING_BG
from tracu_desktop.validation import Issue

ISSUE_ROLE = Qt.UserRole + 2


class ValidationPanel(QWidget):
    jump_requested = Signal(str, str, str)  # unit, field, indicator
    summary_changed = Signal(int, int)  # errors, warnings

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.issues: list[Issue] = []
        self.summary = QLabel()
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(["Mức", "Nội dung"])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.tree.setWordWrap(True)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        lay.addWidget(self.summary)
        lay.addWidget(self.tree, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.refresh)
        ctx.period_changed.connect(lambda _c: self.refresh())
        ctx.data_changed.connect(lambda _c: self._timer.start())
        ctx.catalog_changed.connect(self._timer.start)

    def refresh(self) -> None:
        self._timer.stop()
        self.tree.clear()
        period = self.ctx.period
        if not period or get_period(self.ctx.db, period) is None:
            self.issues = []
            self.summary.setText("Chưa chọn kỳ báo cáo.")
            self.summary_changed.emit(0, 0)
            return
        self.issues = validate_period(self.ctx.db, period) + outlier_issues(self.ctx.db, period)
        self.issues.sort(key=lambda i: (not i.is_error, i.message))
        for issue in self.issues:
            item = QTreeWidgetItem([issue.severity.label, issue.message])
            item.setData(0, ISSUE_ROLE, (issue.unit, issue.field, issue.indicator))
            item.setBackground(0, QBrush(ERROR_BG if issue.is_error else WARNING_BG))
            item.setToolTip(1, issue.message)
            self.tree.addTopLevelItem(item)
        errors = sum(1 for i in self.issues if i.is_error)
        warnings = len(self.issues) - errors
        if not self.issues:
            self.summary.setText("Không có lỗi hay cảnh báo nào trong kỳ này.")
        else:
            self.summary.setText(
                f"{errors} lỗi, {warnings} cảnh báo. Nhấp đúp vào một dòng để đến ô số liệu."
            )
        self.summary_changed.emit(errors, warnings)

    def _double_clicked(self, item: QTreeWidgetItem, _col: int) -> None:
        unit, field, indicator = item.data(0, ISSUE_ROLE)
        self.jump_requested.emit(unit, field, indicator)
