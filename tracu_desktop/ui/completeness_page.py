"""“Tiến độ gửi báo cáo”: each reporting unit's state, arrival date and timeliness."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tracu_desktop.core.vnformat import format_date
from tracu_desktop.db.completeness import UnitState, unit_statuses
from tracu_desktop.db.periods import get_period
from tracu_desktop.ui.context import AppContext
from tracu_desktop.ui.follow import follow

METHOD_LABELS = {
    "typed": "Nhập tay",
    "file": "Tệp số liệu",
    "package": "Gói số liệu",
    "demo": "Dữ liệu mẫu",
}
STATE_COLOURS = {
    UnitState.NO_DATA: "#f6c6c6",
    UnitState.PARTIAL: "#fde9a9",
    UnitState.COMPLETE: "#fde9a9",
    UnitState.VALIDATED: "#cfeccf",
}
HEADERS = [
    "Đơn vị",
    "Tình trạng",
    "Ngày nhận",
    "Hình thức",
    "Hạn gửi",
    "Đúng hạn / trễ hạn",
    "Số lỗi",
]


class CompletenessPage(QWidget):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.heading = QLabel()
        self.summary = QLabel()
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)
        follow(self, ctx.period_changed, lambda _c: self.refresh())
        follow(self, ctx.data_changed, lambda _c: self.refresh())
        ctx.catalog_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        period = self.ctx.period
        p = get_period(self.ctx.db, period) if period else None
        if p is None:
            self.table.setRowCount(0)
            self.heading.setText("<b>Tiến độ gửi báo cáo</b>")
            return
        checked = self.ctx.issues if self.ctx.issues_period == p.code else None
        statuses = unit_statuses(self.ctx.db, p.code, checked)
        self.heading.setText(f"<b>Tiến độ gửi báo cáo</b> — {p.title_label()}")
        sent = sum(1 for s in statuses if s.sent)
        late = sum(1 for s in statuses if s.late)
        self.summary.setText(
            f"{sent}/{len(statuses)} đơn vị đã có số liệu; {late} đơn vị gửi trễ hạn."
        )
        self.table.setRowCount(len(statuses))
        for i, s in enumerate(statuses):
            cells = [
                s.unit.name,
                s.state.label,
                format_date(s.received_at) if s.received_at else "",
                METHOD_LABELS.get(s.method, s.method),
                format_date(s.deadline),
                ("Trễ hạn" if s.late else "Đúng hạn") if s.sent else "Chưa gửi",
                str(s.errors) if s.sent else "",
            ]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j == 1:
                    item.setBackground(QBrush(QColor(STATE_COLOURS[s.state])))
                self.table.setItem(i, j, item)
        for j in range(1, len(HEADERS)):
            self.table.resizeColumnToContents(j)
