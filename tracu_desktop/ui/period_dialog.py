"""Dialogs for periods: create one (default cut-off dates), edit its dates and name,
and lock / unlock it with a reason."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
)

from tracu_desktop.core.periods import (
    KIND_LABELS,
    Period,
    PeriodCodeError,
    PeriodKind,
    default_period,
    make_code,
)
from tracu_desktop.db.periods import PeriodError, add_period, get_period, save_period
from tracu_desktop.ui.buttons import ok_cancel
from tracu_desktop.ui.context import AppContext


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def last_ended_quarter(today: date) -> tuple[int, int]:
    """(year, quarter) of the latest quarter whose reporting period has ended by ``today``.

    In December the clerk reports the quarter that has just ended, not Q1 of the year.
    """
    for year in (today.year, today.year - 1):
        for quarter in (4, 3, 2, 1):
            if default_period(make_code(year, PeriodKind.QUARTER, quarter)).end < today:
                return year, quarter
    return today.year - 1, 4


class PeriodDialog(QDialog):
    """New period (``period=None``) or edit an existing one's dates and name."""

    def __init__(self, ctx: AppContext, period: Period | None = None, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.period = period
        self.result_code: str | None = None
        self.setWindowTitle("Sửa kỳ báo cáo" if period else "Tạo kỳ báo cáo mới")
        form = QFormLayout()
        self.kind = QComboBox()
        for kind in (
            PeriodKind.QUARTER,
            PeriodKind.HALF,
            PeriodKind.NINE_MONTHS,
            PeriodKind.YEAR,
            PeriodKind.MONTH,
        ):
            self.kind.addItem(KIND_LABELS[kind], kind)
        self.year = QSpinBox()
        self.year.setRange(2015, 2100)
        self.year.setValue(date.today().year)
        self.index = QSpinBox()
        self.index.setRange(1, 4)
        if period is None:
            year, quarter = last_ended_quarter(date.today())
            self.year.setValue(year)
            self.index.setValue(quarter)
        self.start = QDateEdit()
        self.end = QDateEdit()
        for w in (self.start, self.end):
            w.setDisplayFormat("dd/MM/yyyy")
            w.setCalendarPopup(True)
        self.name = QLineEdit()
        self.name.setPlaceholderText("Để trống để dùng tên mặc định")
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        form.addRow("Loại kỳ:", self.kind)
        form.addRow("Năm:", self.year)
        form.addRow("Quý / tháng:", self.index)
        form.addRow("Từ ngày:", self.start)
        form.addRow("Đến ngày:", self.end)
        form.addRow("Tên kỳ (tùy chọn):", self.name)
        form.addRow("Tên hiển thị:", self.preview)
        buttons = ok_cancel(self, "Lưu")
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)
        if period is not None:
            self.kind.setCurrentIndex(self.kind.findData(str(period.kind)))
            self.year.setValue(period.year)
            self.index.setValue(period.index)
            for box in (self.kind, self.year, self.index):
                box.setEnabled(False)
            self.start.setDate(_qdate(period.start))
            self.end.setDate(_qdate(period.end))
            self.name.setText(period.name)
        else:
            self._defaults()
        self.kind.currentIndexChanged.connect(self._defaults)
        self.year.valueChanged.connect(self._defaults)
        self.index.valueChanged.connect(self._defaults)
        for sig in (self.start.dateChanged, self.end.dateChanged, self.name.textChanged):
            sig.connect(self._update_preview)
        self._update_preview()
        self.setMinimumWidth(440)

    def code(self) -> str:
        kind = PeriodKind(self.kind.currentData())
        return make_code(self.year.value(), kind, self.index.value())

    def _defaults(self) -> None:
        kind = PeriodKind(self.kind.currentData())
        self.index.setMaximum(12 if kind is PeriodKind.MONTH else 4)
        self.index.setEnabled(
            kind in (PeriodKind.QUARTER, PeriodKind.MONTH) and self.period is None
        )
        p = default_period(self.code())
        self.start.setDate(_qdate(p.start))
        self.end.setDate(_qdate(p.end))
        self._update_preview()

    def _candidate(self) -> Period:
        base = self.period or default_period(self.code())
        return base.with_dates(
            _pydate(self.start.date()), _pydate(self.end.date()), self.name.text().strip()
        )

    def _update_preview(self) -> None:
        try:
            self.preview.setText(self._candidate().label())
        except PeriodCodeError as exc:
            self.preview.setText(str(exc))

    def accept(self) -> None:
        try:
            candidate = self._candidate()
            if self.period is None:
                if get_period(self.ctx.db, candidate.code) is not None:
                    raise PeriodError(f"Kỳ báo cáo “{candidate.code}” đã có.")
                add_period(
                    self.ctx.db, candidate.code, candidate.start, candidate.end, candidate.name
                )
            else:
                save_period(self.ctx.db, candidate)
        except (PeriodError, PeriodCodeError) as exc:
            QMessageBox.warning(self, "Kỳ báo cáo", str(exc))
            return
        self.result_code = candidate.code
        super().accept()


class ReasonDialog(QDialog):
    """Ask for the reason of locking or reopening a period (required to reopen)."""

    def __init__(self, title: str, prompt: str, required: bool, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.required = required
        self.text = QLineEdit()
        lay = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        lay.addWidget(label)
        lay.addWidget(self.text)
        buttons = ok_cancel(self)
        lay.addWidget(buttons)
        self.resize(460, 140)

    def reason(self) -> str:
        return self.text.text().strip()

    def accept(self) -> None:
        if self.required and not self.reason():
            QMessageBox.warning(self, self.windowTitle(), "Cần nêu lý do.")
            return
        super().accept()
