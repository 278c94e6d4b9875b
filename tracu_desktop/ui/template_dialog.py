"""“Tạo mẫu nhập”, “Lập gói số liệu” and “Gửi email”: the collecting actions of the GUI.

Entry points for the main window:
``TemplateDialog(ctx, parent).exec()`` — entry templates for one unit or all units;
``EmailDialog(ctx, parent).exec()`` — optional exchange package, then a draft .eml, then
the folder is opened so the clerk can double-click the draft.
Both write in the background (:class:`~tracu_desktop.ui.background.BackgroundOp` over
:mod:`tracu_desktop.app.templates` and :mod:`tracu_desktop.app.email`).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracu_desktop.app.email import DraftResult, draft_name, make_draft, package_name
from tracu_desktop.app.templates import TemplateResult, make_templates
from tracu_desktop.core.lineage import dated_name
from tracu_desktop.core.models import UnitKind
from tracu_desktop.db.catalog import load_units, require_organisation
from tracu_desktop.db.periods import get_period
from tracu_desktop.ui.background import BackgroundOp
from tracu_desktop.ui.context import AppContext


def open_folder(folder: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _folder_row(ctx: AppContext, key: str, parent: QWidget) -> tuple[QLineEdit, QHBoxLayout]:
    from tracu_desktop.ui.export_dialog import _default_dir

    edit = QLineEdit(str(ctx.settings.value(key, "") or _default_dir()))  # like the export
    browse = QPushButton("Chọn…")

    def pick() -> None:
        d = QFileDialog.getExistingDirectory(parent, "Chọn thư mục", edit.text())
        if d:
            edit.setText(d)

    browse.clicked.connect(pick)
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(browse)
    return edit, row


class TemplateDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.written: list[Path] = []
        self.op: BackgroundOp[TemplateResult] | None = None
        self.setWindowTitle("Tạo mẫu nhập số liệu cho đơn vị")
        self.unit_box = QComboBox()
        self.unit_box.addItem("Tất cả các xã và phòng, ban", "all")
        period = ctx.period or ""
        found = get_period(ctx.db, period) if period else None
        for u in load_units(ctx.db, include_inactive=False):
            # Only units in force during the period get a template.
            if u.kind in (UnitKind.OFFICE, UnitKind.COMMUNE) and (
                found is None or u.in_force(found.start, found.end)
            ):
                label = dated_name(u, found.start, found.end) if found else u.name
                self.unit_box.addItem(label, u.code)
        self.folder, folder_row = _folder_row(ctx, "templates/last_dir", self)
        form = QFormLayout()
        form.addRow("Kỳ báo cáo:", QLabel(found.title_label() if found else "(chưa chọn kỳ)"))
        form.addRow("Đơn vị:", self.unit_box)
        form.addRow("Lưu vào thư mục:", folder_row)
        self.result_list = QListWidget()
        make = QPushButton("Tạo mẫu")
        make.setEnabled(bool(period))
        make.clicked.connect(self.make)
        self.open_button = QPushButton("Mở thư mục")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(lambda: open_folder(Path(self.folder.text())))
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (make, self.open_button, close):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result_list, 1)
        layout.addLayout(buttons)
        self.resize(640, 420)

    def make(self) -> BackgroundOp[TemplateResult] | None:
        """Write the templates in the background; the list fills when they are written."""
        if self.op is not None and self.op.running:
            return None
        folder = Path(self.folder.text())
        verb = partial(
            make_templates,
            self.ctx.db_path,
            self.ctx.period or "",
            self.unit_box.currentData(),
            folder,
        )
        op: BackgroundOp[TemplateResult] = BackgroundOp(self, verb, label="Đang tạo mẫu nhập…")
        op.finished.connect(lambda result: self._made(result, folder))
        op.failed.connect(lambda message: QMessageBox.warning(self, "Không tạo được mẫu", message))
        self.op = op
        return op.start()

    def _made(self, result: TemplateResult, folder: Path) -> None:
        self.written = result.paths
        self.ctx.settings.setValue("templates/last_dir", str(folder))
        self.result_list.clear()
        self.result_list.addItems([p.name for p in self.written])
        self.open_button.setEnabled(True)


def last_exported(ctx: AppContext) -> list[Path]:
    """The files last exported for the selected period that still exist."""
    if not ctx.period:
        return []
    raw = ctx.settings.value(f"export/last_files/{ctx.period}", []) or []
    names = list(raw) if isinstance(raw, (list, tuple)) else [str(raw)]
    return [Path(n) for n in names if Path(n).is_file()]


class EmailDialog(QDialog):
    """“Gửi email”: a draft message with the chosen files (and the period's package)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.draft: Path | None = None
        self.op: BackgroundOp[DraftResult] | None = None
        self.setWindowTitle("Gửi email")
        self.to_edit = QLineEdit(str(ctx.settings.value("email/to", "")))
        self.to_edit.setPlaceholderText("vanphong@…gov.vn; nhiều địa chỉ cách nhau bằng dấu ;")
        self.package_box = QCheckBox("Kèm gói số liệu của kỳ (.tracu.zip) để cấp trên nhập")
        self.package_box.setChecked(True)
        self.files = QListWidget()
        add = QPushButton("Thêm tệp…")
        add.clicked.connect(self._add)
        self.folder, folder_row = _folder_row(ctx, "email/last_dir", self)
        form = QFormLayout()
        form.addRow("Gửi đến:", self.to_edit)
        form.addRow("Lưu thư nháp vào:", folder_row)
        form.addRow("", self.package_box)
        make = QPushButton("Soạn thư nháp")
        make.setEnabled(bool(ctx.period))
        make.clicked.connect(self.make)
        close = QPushButton("Đóng")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addStretch(1)
        buttons.addWidget(make)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Tệp đính kèm (biểu mẫu, báo cáo đã xuất):"))
        layout.addWidget(self.files, 1)
        layout.addLayout(buttons)
        self.resize(640, 420)
        self.attachments: list[Path] = []
        self.add_files(last_exported(ctx))

    def _add(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Chọn tệp đính kèm", self.folder.text())
        self.add_files([Path(n) for n in names])

    def add_files(self, paths: list[Path]) -> None:
        for p in paths:
            if p not in self.attachments:
                self.attachments.append(p)
                self.files.addItem(p.name)

    def make(self, open_after: bool = True) -> BackgroundOp[DraftResult] | None:
        """Write the package (if chosen) and the draft in the background; when done the
        folder is opened (``open_after``) and the dialog closes with ``draft`` set."""
        to = [a.strip() for a in self.to_edit.text().replace(",", ";").split(";") if a.strip()]
        if not to:
            QMessageBox.warning(self, "Thiếu người nhận", "Hãy nhập địa chỉ email người nhận.")
            return None
        if self.op is not None and self.op.running:
            return None
        org = require_organisation(self.ctx.db)
        period = self.ctx.period or ""
        folder = Path(self.folder.text())
        package = folder / package_name(org.short_name, period)
        verb = partial(
            make_draft,
            self.ctx.db_path,
            period,
            to,
            list(self.attachments),
            folder / draft_name(org.short_name, period),
            package=package if self.package_box.isChecked() else None,
        )
        op: BackgroundOp[DraftResult] = BackgroundOp(self, verb, label="Đang soạn thư nháp…")
        op.finished.connect(lambda result: self._made(result, to, folder, open_after))
        op.failed.connect(lambda message: QMessageBox.warning(self, "Không soạn được thư", message))
        self.op = op
        return op.start()

    def _made(self, result: DraftResult, to: list[str], folder: Path, open_after: bool) -> None:
        self.draft = result.path
        self.ctx.settings.setValue("email/to", "; ".join(to))
        self.ctx.settings.setValue("email/last_dir", str(folder))
        if open_after:
            open_folder(folder)
        self.accept()
