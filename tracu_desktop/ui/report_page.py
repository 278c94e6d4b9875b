"""“Báo cáo” (the period's key figures as the report will print them) and “Biểu mẫu”
(the appendix forms), both leading to the export and print-preview actions."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tracu_desktop.core.entry_spec import key_figure_lines
from tracu_desktop.core.formspec import form_list
from tracu_desktop.core.vnformat import format_int, format_percent
from tracu_desktop.db.aggregate import key_figures
from tracu_desktop.db.periods import get_period
from tracu_desktop.ui.context import AppContext
from tracu_desktop.ui.follow import follow
from tracu_desktop.ui.report_editor import ReportEditor
from tracu_desktop.ui.report_phrases import ReportPhrasesTab


def official_forms() -> list[str]:
    """The regulation's appendix forms as the program lists them (from the form specs)."""
    return [s.short_title for s in form_list() if s.official]


def _actions_row(parent: QWidget) -> QHBoxLayout:
    """Buttons that trigger the main window's export and print-preview actions."""
    row = QHBoxLayout()
    win = parent.window()
    for name in ("act_export", "act_preview"):
        act = getattr(win, name, None)
        if act is None:
            continue
        b = QPushButton(act.text())
        b.clicked.connect(act.trigger)
        row.addWidget(b)
    row.addStretch(1)
    return row


class ReportPage(QWidget):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.heading = QLabel()
        self.form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        for line in key_figure_lines():  # captions of the newest specs until a period is shown
            lab = QLabel()
            self.labels[line.key] = lab
            self.captions[line.key] = QLabel(line.text + ":")
            self.form.addRow(self.captions[line.key], lab)
        figures = QWidget()
        fig_lay = QVBoxLayout(figures)
        fig_lay.addWidget(QLabel("Các số liệu chính của báo cáo (tổng hợp từ các biểu đã nhập):"))
        fig_lay.addLayout(self.form)
        fig_lay.addStretch(1)
        self.editor = ReportEditor(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(figures, "Số liệu chính")
        self.tabs.addTab(self.editor, "Nội dung báo cáo")
        self.phrases = ReportPhrasesTab(ctx)
        self.tabs.addTab(self.phrases, "Nhận xét, so sánh")
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.tabs, 1)
        lay.addLayout(_actions_row(self if parent is None else parent))
        follow(self, ctx.period_changed, lambda _c: self.refresh())
        follow(self, ctx.data_changed, lambda _c: self.refresh())
        self.refresh()

    # Unsaved report text: the main window asks before it is dropped.
    def pending_edits(self) -> str:
        return self.editor.pending_edits()

    def save_pending(self) -> bool:
        return self.editor.save_pending()

    def discard_pending(self) -> None:
        self.editor.discard_pending()

    def refresh(self) -> None:
        p = get_period(self.ctx.db, self.ctx.period) if self.ctx.period else None
        if p is None:
            return
        self.heading.setText(f"<b>Báo cáo kiểm soát TTHC</b> — {p.label()}")
        for line in key_figure_lines(p.end):  # the column numbers of the period's forms
            if line.key in self.captions:
                self.captions[line.key].setText(line.text + ":")
        figs = key_figures(self.ctx.db, p.code)
        for key, lab in self.labels.items():
            v = figs.get(key)
            lab.setText(format_percent(v) if key.endswith("_rate") else format_int(int(v or 0)))


class FormsPage(QWidget):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("<b>Biểu mẫu kèm theo báo cáo</b> (Thông tư 01/2020/TT-VPCP)"))
        for text in official_forms():
            lay.addWidget(QLabel("• " + text))
        note = QLabel(
            "Các biểu được lập từ số liệu đã nhập ở các mục 3b, 5 và 6. Xuất ra Excel hoặc PDF, "
            "hoặc xem trước và in trực tiếp:"
        )
        note.setWordWrap(True)
        lay.addWidget(note)
        lay.addLayout(_actions_row(self if parent is None else parent))
        lay.addStretch(1)
