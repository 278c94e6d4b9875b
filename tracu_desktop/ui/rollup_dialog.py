"""Tổng hợp từ các kỳ nhỏ hơn: the current period rolled up from its months (or quarters).

The dialog shows the plan first (which periods, warnings of a broken carry-over chain,
indicators that are not derived, entered figures that would be replaced) and writes only
when the clerk confirms; replacing entered figures needs its own tick. The write is one
undo step, like an import. Planning and writing run off the GUI thread
(:class:`~tracu_desktop.ui.background.BackgroundOp` over :mod:`tracu_desktop.app.rollup`):
a province's months hold tens of thousands of figures.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tracu_desktop.app import rollup
from tracu_desktop.app.rollup import RollupPlan, RollupResult
from tracu_desktop.core.indicators import get_indicator
from tracu_desktop.core.periods import PeriodKind, default_period
from tracu_desktop.core.rollup import GRAIN_LABELS, Grain, grains_for
from tracu_desktop.core.vnformat import format_int
from tracu_desktop.db.catalog import field_map, unit_map
from tracu_desktop.ui.background import BackgroundOp
from tracu_desktop.ui.context import AppContext
from tracu_desktop.ui.edits import ValuesCommand, step_text

SHOWN = 200  # differences listed in the dialog before "…"


class RollupDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan: RollupPlan | None = None
        self.op: BackgroundOp | None = None
        self.written = 0
        period = ctx.period or ""
        self.setWindowTitle("Tổng hợp từ các kỳ nhỏ hơn")
        title = default_period(period).label() if period else "(chưa chọn kỳ)"
        self.heading = QLabel(f"<b>Kỳ: {title}</b>")
        self.grain = QComboBox()
        for grain in grains_for(period) if period else []:
            self.grain.addItem(f"Từ {GRAIN_LABELS[grain]}", grain.value)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.replace = QCheckBox("Thay các số đã nhập của kỳ khác với số tổng hợp")
        self.replace.toggled.connect(self._update_buttons)
        self.buttons = QDialogButtonBox()
        self.write_button = self.buttons.addButton(
            "Ghi số tổng hợp", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.write)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.grain)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.replace)
        layout.addWidget(self.buttons)
        self.grain.currentIndexChanged.connect(lambda _i: self.load())
        self.resize(760, 480)
        self.load()

    @property
    def busy(self) -> bool:
        return self.op is not None and self.op.running

    def load(self) -> None:
        """Make the plan for the chosen sub-periods on a worker; nothing is written."""
        self.plan = None
        self.replace.setChecked(False)
        self.replace.setVisible(False)
        if self.busy and self.op is not None:
            self.op.cancel()  # a plan for the grain chosen before: its result is dropped
        if not self.ctx.period or self.grain.count() == 0:
            self.details.setPlainText("Kỳ này là một tháng: không có kỳ nhỏ hơn để tổng hợp.")
            self._update_buttons()
            return
        self.details.setPlainText("Đang đọc số liệu của các kỳ nhỏ hơn…")
        verb = partial(
            rollup.plan_rollup, self.ctx.db_path, self.ctx.period, Grain(self.grain.currentData())
        )
        op: BackgroundOp[RollupPlan] = BackgroundOp(
            self, verb, label="Đang đọc số liệu của các kỳ nhỏ hơn…"
        )
        op.finished.connect(partial(self._on_planned, op))
        op.failed.connect(partial(self._on_plan_failed, op))
        self._start(op)

    def _start(self, op: BackgroundOp) -> None:
        self.op = op
        op.finished.connect(self._update_buttons)
        op.failed.connect(self._update_buttons)
        op.cancelled.connect(self._update_buttons)
        op.start()
        self._update_buttons()

    def _on_planned(self, op: BackgroundOp, plan: RollupPlan) -> None:
        if op is not self.op:
            return
        self.plan = plan
        self.details.setPlainText(self._describe(plan))
        self.replace.setVisible(bool(plan.replaced))

    def _on_plan_failed(self, op: BackgroundOp, message: str) -> None:
        if op is self.op:
            self.details.setPlainText(message)

    def _describe(self, plan: RollupPlan) -> str:
        lines = [
            "Tổng hợp từ: " + ", ".join(p.label() for p in plan.sources) + ".",
            f"Sẽ ghi {format_int(len(plan.changes))} số liệu "
            "(số phát sinh cộng lại; số từ kỳ trước lấy của kỳ đầu; số đang giải quyết lấy "
            "của kỳ cuối).",
        ]
        for warning in plan.warnings:
            lines.append(f"Cảnh báo: {warning}")
        if plan.not_derived:
            lines.append(
                "Không tổng hợp (nhập trực tiếp cho kỳ): " + "; ".join(plan.not_derived) + "."
            )
        if plan.replaced:
            units, fields = unit_map(self.ctx.db), field_map(self.ctx.db)
            lines.append(f"{len(plan.replaced)} số liệu đã nhập khác với số tổng hợp:")
            for change in plan.replaced[:SHOWN]:
                _p, unit, fld, code = change.key
                ind = get_indicator(code)
                place = units[unit].name if unit in units else unit
                if fld:
                    place += f" — {fields[fld].name if fld in fields else fld}"
                label = ind.label if ind else code
                lines.append(
                    f"  {place}, {label}: {format_int(change.old)} → {format_int(change.new)}"
                )
            if len(plan.replaced) > SHOWN:
                lines.append(f"  … và {len(plan.replaced) - SHOWN} số liệu khác.")
        elif plan.changes:
            lines.append("Không có số đã nhập nào bị thay.")
        else:
            lines.append("Số liệu của kỳ đã bằng số tổng hợp: không có gì để ghi.")
        return "\n".join(lines)

    def _update_buttons(self) -> None:
        plan = self.plan
        ready = bool(plan and plan.changes and (not plan.replaced or self.replace.isChecked()))
        ready = ready and not self.busy
        self.write_button.setEnabled(ready)

    def write(self) -> None:
        """Write the plan on the write worker; when written, one undo step and every page
        told."""
        plan = self.plan
        if plan is None or self.busy:
            return
        verb = partial(
            rollup.commit_rollup, self.ctx.db_path, plan, replace=self.replace.isChecked()
        )
        op: BackgroundOp[RollupResult] = BackgroundOp(
            self, verb, label="Đang ghi số tổng hợp…", writes=True
        )
        op.finished.connect(partial(self._on_written, plan))
        op.failed.connect(self._on_write_failed)
        self._start(op)

    def _on_write_failed(self, message: str) -> None:
        self.details.appendPlainText(f"\nKhông ghi được: {message}")

    def _on_written(self, plan: RollupPlan, result: RollupResult) -> None:
        results = result.changes
        self.written = len(results)
        if results:
            text = step_text(self.ctx.db, "Tổng hợp từ " + GRAIN_LABELS[plan_grain(plan)], results)
            self.ctx.undo_stack.push(ValuesCommand(self.ctx, results, text))
            self.ctx.data_changed.emit(plan.target.code)
        self.accept()

    def reject(self) -> None:
        """Closing stops a plan being read; figures being written are finished first."""
        if self.busy and self.op is not None:
            if self.op.writes:
                return
            self.op.cancel()
        super().reject()


def plan_grain(plan: RollupPlan) -> Grain:
    return Grain.MONTH if plan.sources[0].kind is PeriodKind.MONTH else Grain.QUARTER
