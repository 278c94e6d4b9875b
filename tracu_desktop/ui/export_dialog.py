"""Export dialog (Xuất biểu mẫu, báo cáo): choose forms, report and formats, write files.

The files are written by :func:`tracu_desktop.app.exports.export_files` through the
background helper (:class:`~tracu_desktop.ui.background.BackgroundOp`): on a pool worker
with its own database connection, reporting progress to this dialog's bar by signal.
Cancelling sets a flag the export checks between files. The period's figures are checked
on a worker too when the dialog opens; exporting waits for that answer.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tracu_desktop.app import exports, validation
from tracu_desktop.core.formspec import form_titles, print_set
from tracu_desktop.db.periods import get_period
from tracu_desktop.export.api import ExportItem
from tracu_desktop.ui.background import BackgroundOp
from tracu_desktop.ui.context import AppContext

REPORT_CHOICES = {
    "docx": "Báo cáo (Word, để chỉnh sửa)",
    "pdf": "Báo cáo (PDF)",
    "package": "Bộ hồ sơ in: báo cáo và các phụ lục (PDF)",
}
SETTINGS_DIR = "export/dir"
SETTINGS_FORMS = "export/forms"
SETTINGS_REPORT = "export/report"
SETTINGS_FORMATS = "export/formats"
MAX_ISSUES_SHOWN = 50


ExportOp = BackgroundOp[exports.ExportResult]


def export_op(
    parent: QWidget | None, db_path: Path, period: str, items: list[ExportItem], out_dir: Path
) -> ExportOp:
    """The export of ``items`` as a background operation (progress shown by the caller)."""
    verb = partial(exports.export_files, db_path, period, items, out_dir)
    return BackgroundOp(parent, verb, label="Đang xuất tệp…", show_progress=False)


def _default_dir() -> str:
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return docs or str(Path.home())


class ExportDialog(QDialog):
    """Choose what to export for ``ctx.period``, where, and watch it being written."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: ExportOp | None = None
        self.files: list[Path] = []
        self._close_when_done = False
        self.setWindowTitle("Xuất biểu mẫu và báo cáo")
        self.setMinimumWidth(780)

        period = get_period(ctx.db, ctx.period) if ctx.period else None
        self.period_label = QLabel(
            f"Kỳ báo cáo: <b>{period.label()}</b>" if period else "Chưa chọn kỳ báo cáo."
        )

        settings = ctx.settings
        chosen_forms = _as_list(settings.value(SETTINGS_FORMS, list(print_set())))
        chosen_report = _as_list(settings.value(SETTINGS_REPORT, ["docx"]))
        chosen_formats = _as_list(settings.value(SETTINGS_FORMATS, ["xlsx", "pdf"]))

        forms_box = QGroupBox("Biểu mẫu")
        forms_grid = QGridLayout(forms_box)
        self.form_checks: dict[str, QCheckBox] = {}
        titles = form_titles()
        for i, (code, title) in enumerate(titles.items()):
            box = QCheckBox(title)
            box.setChecked(code in chosen_forms)
            box.toggled.connect(self._update_state)
            self.form_checks[code] = box
            forms_grid.addWidget(box, i, 0)
        formats_row = QHBoxLayout()
        formats_row.addWidget(QLabel("Định dạng biểu mẫu:"))
        self.format_checks = {
            "xlsx": QCheckBox("Excel (.xlsx)"),
            "pdf": QCheckBox("PDF"),
        }
        for fmt, box in self.format_checks.items():
            box.setChecked(fmt in chosen_formats)
            box.toggled.connect(self._update_state)
            formats_row.addWidget(box)
        formats_row.addStretch(1)
        forms_grid.addLayout(formats_row, len(titles), 0)

        report_box = QGroupBox("Báo cáo")
        report_layout = QVBoxLayout(report_box)
        self.report_checks: dict[str, QCheckBox] = {}
        for fmt, title in REPORT_CHOICES.items():
            box = QCheckBox(title)
            box.setChecked(fmt in chosen_report)
            box.toggled.connect(self._update_state)
            self.report_checks[fmt] = box
            report_layout.addWidget(box)
        report_layout.addStretch(1)

        dest_row = QHBoxLayout()
        dest_row.addWidget(QLabel("Lưu vào thư mục:"))
        self.dir_edit = QLineEdit(str(settings.value(SETTINGS_DIR, "") or _default_dir()))
        self.dir_edit.setReadOnly(True)  # chosen with “Chọn thư mục…”: looks read-only too
        self.dir_edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.dir_edit.setStyleSheet("QLineEdit { background: palette(window); }")
        self.browse_button = QPushButton("Chọn thư mục…")
        self.browse_button.clicked.connect(self.choose_folder)
        dest_row.addWidget(self.dir_edit, 1)
        dest_row.addWidget(self.browse_button)

        self.issues_box = QGroupBox("Kiểm tra số liệu")
        issues_layout = QVBoxLayout(self.issues_box)
        self.issues_label = QLabel()
        self.issues_label.setWordWrap(True)
        self.issues_label.setTextFormat(Qt.TextFormat.RichText)
        self.issues_list = QTextBrowser()
        self.issues_list.setMaximumHeight(110)
        self.continue_check = QCheckBox("Vẫn xuất dù số liệu còn lỗi")
        self.continue_check.toggled.connect(self._update_state)
        issues_layout.addWidget(self.issues_label)
        issues_layout.addWidget(self.issues_list)
        issues_layout.addWidget(self.continue_check)

        self.progress = QProgressBar()
        self.progress.setFormat("%v/%m tệp")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.file_list = QListWidget()
        self.file_list.setMinimumHeight(112)
        self.file_list.itemDoubleClicked.connect(lambda _item: self.open_file())
        self.file_list.currentRowChanged.connect(self._update_state)

        self.export_button = QPushButton("Xuất tệp")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("Hủy")
        self.cancel_button.clicked.connect(self.cancel)
        self.open_file_button = QPushButton("Mở tệp")
        self.open_file_button.clicked.connect(self.open_file)
        self.open_folder_button = QPushButton("Mở thư mục")
        self.open_folder_button.clicked.connect(self.open_folder)
        self.sign_button = QPushButton("Ký số…")
        self.sign_button.setToolTip("Ký số tệp PDF đang chọn (báo cáo, bộ in, phụ lục)")
        self.sign_button.clicked.connect(self.sign_selected)
        self.close_button = QPushButton("Đóng")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_file_button)
        buttons.addWidget(self.open_folder_button)
        buttons.addWidget(self.sign_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)

        choices = QHBoxLayout()
        choices.addWidget(forms_box, 3)
        choices.addWidget(report_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.period_label)
        layout.addLayout(choices)
        layout.addLayout(dest_row)
        layout.addWidget(self.issues_box)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.file_list, 1)
        layout.addLayout(buttons)

        self.issue_count = 0
        self.check_op: BackgroundOp | None = None
        self._check_issues()
        self._update_state()

    # --- state ------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.job is not None

    def selected_items(self) -> list[ExportItem]:
        """The files to write, in the order of the dialog."""
        items = [
            ExportItem("form", code, fmt)
            for code, box in self.form_checks.items()
            if box.isChecked()
            for fmt, fbox in self.format_checks.items()
            if fbox.isChecked()
        ]
        items += [
            ExportItem("report", "report", fmt)
            for fmt, box in self.report_checks.items()
            if box.isChecked()
        ]
        return items

    @property
    def checking(self) -> bool:
        """The period's figures are still being checked (the export waits for it)."""
        return self.check_op is not None and self.check_op.running

    def _check_issues(self) -> None:
        """Check the period's figures on a worker; exporting waits for the answer."""
        if not self.ctx.period or get_period(self.ctx.db, self.ctx.period) is None:
            self.issues_box.hide()
            return
        self.issues_label.setText("Đang kiểm tra số liệu của kỳ…")
        self.issues_list.hide()
        self.continue_check.hide()
        verb = partial(validation.validate_period, self.ctx.db_path, self.ctx.period)
        op: BackgroundOp[validation.PeriodCheck] = BackgroundOp(
            self, verb, label="Đang kiểm tra số liệu…", show_progress=False
        )
        op.finished.connect(self._show_issues)
        op.failed.connect(self._on_check_failed)
        self.check_op = op
        op.start()

    def _on_check_failed(self, message: str) -> None:
        self.issues_label.setText(f"Không kiểm tra được số liệu: {_html(message)}")
        self.issue_count = 1  # unknown: exporting needs the explicit choice
        self.continue_check.show()
        self._update_state()

    def _show_issues(self, result: validation.PeriodCheck) -> None:
        """List the period's validation errors; exporting then needs an explicit choice."""
        issues = result.errors
        self.issue_count = len(issues)
        if not issues:
            self.issues_label.setText("Số liệu của kỳ không có lỗi.")
            self._update_state()
            return
        self.issues_label.setText(
            f'<span style="color:#b00020"><b>Số liệu của kỳ còn {len(issues)} lỗi.</b></span> '
            "Nên sửa trước khi xuất (bảng kiểm tra số liệu chỉ tới từng ô); "
            "biểu mẫu in ra sẽ mang các số sai này."
        )
        lines = "".join(f"<li>{_html(i.message)}</li>" for i in issues[:MAX_ISSUES_SHOWN])
        more = len(issues) - MAX_ISSUES_SHOWN
        tail = f"<p>… và {more} lỗi khác.</p>" if more > 0 else ""
        self.issues_list.setHtml(f"<ul style='margin-left:-20px'>{lines}</ul>{tail}")
        self.issues_list.show()
        self.continue_check.show()
        self._update_state()

    def _update_state(self, *_args: object) -> None:
        busy = self.running
        allowed = not self.checking and (self.issue_count == 0 or self.continue_check.isChecked())
        forms_need_format = any(b.isChecked() for b in self.form_checks.values()) and not any(
            b.isChecked() for b in self.format_checks.values()
        )
        can_start = bool(self.ctx.period) and bool(self.selected_items()) and allowed
        self.export_button.setEnabled(not busy and can_start and not forms_need_format)
        self.cancel_button.setEnabled(busy)
        self.close_button.setEnabled(not busy)
        self.browse_button.setEnabled(not busy)
        for box in (
            *self.form_checks.values(),
            *self.format_checks.values(),
            *self.report_checks.values(),
        ):
            box.setEnabled(not busy)
        self.open_file_button.setEnabled(not busy and self.file_list.currentRow() >= 0)
        self.open_folder_button.setEnabled(not busy and bool(self.files))
        self.sign_button.setEnabled(not busy and self._selected_pdf() is not None)
        if not busy and forms_need_format:
            self.status.setText("Chọn ít nhất một định dạng (Excel hoặc PDF) cho biểu mẫu.")

    # --- actions ----------------------------------------------------------------------

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Chọn thư mục lưu tệp", self.dir_edit.text()
        )
        if folder:
            self.dir_edit.setText(folder)
            self.ctx.settings.setValue(SETTINGS_DIR, folder)

    def start(self) -> None:
        items = self.selected_items()
        if self.running or not items or not self.ctx.period:
            return
        out_dir = Path(self.dir_edit.text())
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError:
            self.status.setText(f"Không tạo được thư mục “{out_dir}”. Hãy chọn thư mục khác.")
            return
        s = self.ctx.settings
        s.setValue(SETTINGS_DIR, str(out_dir))
        s.setValue(SETTINGS_FORMS, [c for c, b in self.form_checks.items() if b.isChecked()])
        s.setValue(SETTINGS_FORMATS, [f for f, b in self.format_checks.items() if b.isChecked()])
        s.setValue(SETTINGS_REPORT, [f for f, b in self.report_checks.items() if b.isChecked()])

        self.files = []
        self.file_list.clear()
        self.progress.setRange(0, len(items))
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.status.setText("Đang xuất tệp…")
        job = export_op(self, self.ctx.db_path, self.ctx.period, items, out_dir)
        job.progress.connect(self._on_progress)
        job.finished.connect(lambda result: self._on_finished(result.paths))
        job.failed.connect(self._on_failed)
        job.cancelled.connect(self._on_cancelled)
        self.job = job
        self._update_state()
        job.start()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText("Đang dừng sau tệp hiện tại…")

    def open_file(self) -> None:
        row = self.file_list.currentRow()
        if 0 <= row < len(self.files):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.files[row])))

    def _selected_pdf(self) -> Path | None:
        row = self.file_list.currentRow()
        if 0 <= row < len(self.files) and self.files[row].suffix.lower() == ".pdf":
            return self.files[row]
        return None

    def sign_selected(self) -> None:
        """Open “Ký số” on the selected PDF; the signed copy joins the list."""
        from tracu_desktop.ui.signing_dialog import open_signing_dialog

        pdf = self._selected_pdf()
        if pdf is None:
            return
        signed = open_signing_dialog(self.ctx, pdf, self)
        if signed is not None and signed not in self.files:
            self.files.append(signed)
            item = QListWidgetItem(signed.name)
            item.setToolTip(str(signed))
            self.file_list.addItem(item)
            self.file_list.setCurrentRow(len(self.files) - 1)

    def open_folder(self) -> None:
        if self.files:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.files[0].parent)))

    def reject(self) -> None:
        """Closing while exporting cancels first and closes when the worker has stopped."""
        if self.checking and self.check_op is not None:
            self.check_op.cancel()
        if self.running:
            self._close_when_done = True
            self.cancel()
            return
        super().reject()

    # --- worker results (GUI thread) --------------------------------------------------

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _on_finished(self, paths: list[Path]) -> None:
        self._done()
        self.files = list(paths)
        for path in self.files:
            item = QListWidgetItem(path.name)
            item.setToolTip(str(path))
            self.file_list.addItem(item)
        if self.files:
            self.file_list.setCurrentRow(0)
        self.progress.setValue(self.progress.maximum())
        folder = self.files[0].parent if self.files else ""
        self.status.setText(f"Đã xuất {len(self.files)} tệp vào thư mục “{folder}”.")
        if self.files and self.ctx.period:  # the email dialog attaches them
            self.ctx.settings.setValue(
                f"export/last_files/{self.ctx.period}", [str(p) for p in self.files]
            )
        self._update_state()

    def _on_failed(self, message: str) -> None:
        self._done()
        self.status.setText(
            f'<span style="color:#b00020">Xuất tệp không thành công: {message}</span>'
        )
        self._update_state()

    def _on_cancelled(self) -> None:
        self._done()
        self.status.setText("Đã hủy. Các tệp đã xuất xong trước đó vẫn được giữ lại.")
        self._update_state()

    def _done(self) -> None:
        self.job = None
        if self._close_when_done:
            self._close_when_done = False
            super().reject()


def _as_list(value: object) -> list[str]:
    """QSettings returns a str for one-element lists in INI files; normalise."""
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
