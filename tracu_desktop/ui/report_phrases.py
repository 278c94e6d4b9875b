"""Báo cáo → Nhận xét, so sánh: the rates' targets and which optional phrases print.

The report says "đạt / chưa đạt chỉ tiêu 80%" only against a target the clerk set, and
compares with earlier periods only where both have figures; here the clerk sets the
targets and turns each assessment or comparison off (settings ``targets`` and
``report_phrases_off``, the same ones ``tracu-desktop report-phrases`` writes). Every
change is saved at once.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tracu_desktop.core.report.placeholders import (
    ASSESSED_RATES,
    ASSESSMENT_SUFFIX,
    COMPARISONS,
    optional_phrases,
    placeholder_catalog,
)
from tracu_desktop.core.vnformat import format_decimal_vi
from tracu_desktop.db.catalog import get_setting, set_setting
from tracu_desktop.db.report_figures import phrases_off, set_phrase
from tracu_desktop.db.trends import RATE_LABELS, targets
from tracu_desktop.ui.context import AppContext

NAME_ROLE = Qt.ItemDataRole.UserRole + 1


def phrase_label(name: str) -> str:
    """A clerk's wording of an optional phrase ("So sánh … với kỳ trước")."""
    for key, rate in ASSESSED_RATES.items():
        if name == rate + ASSESSMENT_SUFFIX:
            return f"Đánh giá {RATE_LABELS[key].lower()} theo chỉ tiêu (đạt / chưa đạt)"
    base, _sep, suffix = name.rpartition("_vs_")
    described = placeholder_catalog().get(base, base)  # column numbers filled in
    what = described.split(" — ", 1)[-1]
    return f"So sánh {what} với {COMPARISONS.get(suffix, suffix)}"


class ReportPhrasesTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.status = QLabel()
        goals = QGroupBox("Chỉ tiêu của các tỷ lệ (để trống: báo cáo không đánh giá)")
        form = QFormLayout(goals)
        self.target_edits: dict[str, QLineEdit] = {}
        for key in ASSESSED_RATES:
            edit = QLineEdit()
            edit.setPlaceholderText("chưa đặt")
            edit.setMaximumWidth(90)
            edit.editingFinished.connect(lambda k=key: self.save_target(k))
            self.target_edits[key] = edit
            form.addRow(f"{RATE_LABELS[key]} (%):", edit)
        phrases = QGroupBox("Câu nhận xét, so sánh in trong báo cáo (bỏ dấu để không in)")
        self.list = QListWidget()
        box = QVBoxLayout(phrases)
        box.addWidget(self.list)
        lay = QVBoxLayout(self)
        lay.addWidget(goals)
        lay.addWidget(phrases, 1)
        lay.addWidget(self.status)
        self.load()
        self.list.itemChanged.connect(self._toggled)

    def load(self) -> None:
        goals = targets(self.ctx.db)
        for key, edit in self.target_edits.items():
            goal = goals.get(key)
            edit.setText(
                ""
                if goal is None
                else format_decimal_vi(goal, 0 if goal == goal.to_integral_value() else 2)
            )
        off = set(phrases_off(self.ctx.db))
        self.list.blockSignals(True)
        self.list.clear()
        for name in optional_phrases():
            item = QListWidgetItem(phrase_label(name))
            item.setData(NAME_ROLE, name)
            item.setToolTip(f"{{{name}}}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if name in off else Qt.CheckState.Checked)
            self.list.addItem(item)
        self.list.blockSignals(False)

    def save_target(self, key: str) -> bool:
        """Store one target (0–100, a decimal comma accepted); empty removes it."""
        text = self.target_edits[key].text().strip().rstrip("%").strip()
        raw = dict(get_setting(self.ctx.db, "targets", {}) or {})
        if not text:
            raw.pop(key, None)
        else:
            try:
                number = Decimal(text.replace(",", "."))
            except InvalidOperation:
                number = Decimal(-1)
            if not 0 <= number <= 100:
                self.status.setText(f"{RATE_LABELS[key]}: cần một số từ 0 đến 100; chưa lưu.")
                return False
            raw[key] = int(number) if number == number.to_integral_value() else float(number)
        set_setting(self.ctx.db, "targets", raw)
        self.status.setText("Đã lưu chỉ tiêu.")
        self._changed()
        return True

    def _toggled(self, item: QListWidgetItem) -> None:
        on = item.checkState() == Qt.CheckState.Checked
        set_phrase(self.ctx.db, str(item.data(NAME_ROLE)), on)
        self.status.setText(("Sẽ in: " if on else "Không in: ") + item.text() + ".")
        self._changed()

    def _changed(self) -> None:
        if self.ctx.period:
            self.ctx.data_changed.emit(self.ctx.period)  # the report preview reads it again
