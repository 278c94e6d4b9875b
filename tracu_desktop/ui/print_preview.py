"""Print preview (Xem trước khi in) of a form, the report or the whole print package.

What is printed is exactly the PDF the export writes: the PDF is made on a pool worker
(the same background export as the export dialog, :func:`~tracu_desktop.ui.export_dialog.export_op`) into a
temporary folder, then each page is rendered with QtPdf into the printer's painter. The
preview and the system's printers share one code path, :func:`render_pdf`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tracu_desktop.core.formspec import form_codes, form_titles
from tracu_desktop.db.periods import get_period
from tracu_desktop.export.api import ExportItem
from tracu_desktop.ui.context import AppContext
from tracu_desktop.ui.export_dialog import ExportOp, export_op

REPORT_CHOICES = {
    "report": "Báo cáo",
    "package": "Bộ hồ sơ in: báo cáo và các phụ lục",
}
MAX_RENDER_DPI = 200  # enough for print quality; keeps a landscape page under ~20 MB


def preview_choices() -> dict[str, str]:
    """Selector entries: form codes, then the report and the print package."""
    return {**form_titles(), **REPORT_CHOICES}


def export_item(what: str) -> ExportItem:
    if what == "report":
        return ExportItem("report", "report", "pdf")
    if what == "package":
        return ExportItem("report", "report", "package")
    if what not in form_codes():
        raise ValueError(f"Không có biểu mẫu “{what}” để in.")
    return ExportItem("form", what, "pdf")


def _is_landscape(size: QSizeF) -> bool:
    return size.width() > size.height()


def render_pdf(doc: QPdfDocument, printer: QPrinter) -> int:
    """Paint every page of ``doc`` onto ``printer``, one A4 sheet per page; returns the count.

    The sheet takes the first page's orientation (landscape for the appendix forms). Pages
    of the other orientation (the appendices inside the print package) are turned a quarter
    so they fill the sheet (top along the left edge), as a printer with portrait paper
    prints them; this also keeps
    the preview, which cannot change orientation between pages, true to the paper.
    """
    count = doc.pageCount()
    if count <= 0:
        return 0
    landscape_sheet = _is_landscape(doc.pagePointSize(0))
    printer.setFullPage(True)  # the PDF carries its own margins
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(_orientation(doc.pagePointSize(0)))
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        sheet = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
        sheet.moveTo(0, 0)
        dpi = min(printer.resolution(), MAX_RENDER_DPI)
        for i in range(count):
            if i > 0:
                printer.newPage()
            points = doc.pagePointSize(i)
            image = doc.render(
                i,
                QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi)),
            )
            painter.save()
            area = sheet
            if _is_landscape(points) != landscape_sheet:
                painter.translate(0, sheet.height())  # page top along the left edge
                painter.rotate(-90)
                area = QRectF(0, 0, sheet.height(), sheet.width())
            scale = min(area.width() / image.width(), area.height() / image.height())
            w, h = image.width() * scale, image.height() * scale
            painter.drawImage(QRectF(area.x() + (area.width() - w) / 2, area.y(), w, h), image)
            painter.restore()
    finally:
        painter.end()
    return count


def _orientation(points: QSizeF) -> QPageLayout.Orientation:
    return (
        QPageLayout.Orientation.Landscape
        if _is_landscape(points)
        else QPageLayout.Orientation.Portrait
    )


class PrintPreviewDialog(QDialog):
    """Selector, preview of the PDF pages, and a button that prints to a system printer."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, what: str | None = None):
        if what is not None and what not in preview_choices():
            raise ValueError(f"Không có biểu mẫu “{what}” để in.")
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Xem trước khi in")
        self._tmp = tempfile.TemporaryDirectory(prefix="tracu-in-", ignore_cleanup_errors=True)
        self.job: ExportOp | None = None
        self._jobs: list[ExportOp] = []
        self.pdf_path: Path | None = None
        self.document = QPdfDocument(self)
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)

        self.selector = QComboBox()
        for code, title in preview_choices().items():
            self.selector.addItem(title, code)
        period = get_period(ctx.db, ctx.period) if ctx.period else None
        self.period_label = QLabel(f"Kỳ: {period.label()}" if period else "Chưa chọn kỳ báo cáo.")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.preview = QPrintPreviewWidget(self.printer, self)
        self.preview.paintRequested.connect(self._paint)
        self.pages_label = QLabel()
        self.zoom_in_button = QPushButton("Phóng to")
        self.zoom_in_button.clicked.connect(lambda: self.preview.zoomIn())
        self.zoom_out_button = QPushButton("Thu nhỏ")
        self.zoom_out_button.clicked.connect(lambda: self.preview.zoomOut())
        self.fit_button = QPushButton("Vừa trang")
        self.fit_button.clicked.connect(lambda: self.preview.fitInView())
        self.print_button = QPushButton("In…")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_document)
        self.close_button = QPushButton("Đóng")
        self.close_button.clicked.connect(self.reject)
        self.sign_button = QPushButton("Ký số…")
        self.sign_button.clicked.connect(self.sign_document)
        self.open_button = QPushButton("Mở tệp PDF…")
        self.open_button.setToolTip("Xem và kiểm tra chữ ký số của một tệp PDF đã ký")
        self.open_button.clicked.connect(self.open_file)
        self.signatures = QTextBrowser()
        self.signatures.setMaximumHeight(150)
        self.signatures.setVisible(False)

        top = QHBoxLayout()
        top.addWidget(QLabel("Nội dung in:"))
        top.addWidget(self.selector, 1)
        top.addWidget(self.period_label)
        bottom = QHBoxLayout()
        bottom.addWidget(self.pages_label)
        bottom.addStretch(1)
        for button in (
            self.open_button,
            self.sign_button,
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_button,
            self.print_button,
            self.close_button,
        ):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.signatures)
        layout.addWidget(self.preview, 1)
        layout.addLayout(bottom)
        from tracu_desktop.ui.screen_fit import fit_to_screen

        fit_to_screen(self, 1100, 720)

        if what is not None:
            self.selector.setCurrentIndex(self.selector.findData(what))
        self.selector.currentIndexChanged.connect(lambda _i: self.load())
        self.load()

    # --- making the PDF ---------------------------------------------------------------

    @property
    def what(self) -> str:
        return str(self.selector.currentData())

    @property
    def busy(self) -> bool:
        return self.job is not None

    def load(self) -> None:
        """Write the selected PDF on a worker; the preview updates when it is ready."""
        if not self.ctx.period:
            self._set_message("Chưa chọn kỳ báo cáo.")
            return
        self.document.close()
        self.pdf_path = None
        self._set_message("Đang chuẩn bị bản xem trước…")
        out_dir = Path(self._tmp.name) / f"{len(self._jobs)}"
        job = export_op(self, self.ctx.db_path, self.ctx.period, [export_item(self.what)], out_dir)
        job.finished.connect(lambda result, j=job: self._on_ready(j, result.paths))
        job.failed.connect(lambda msg, j=job: self._on_failed(j, msg))
        if self.job is not None:
            self.job.cancel()
        self.job = job
        self._jobs.append(job)
        out_dir.mkdir(parents=True, exist_ok=True)
        self._update_buttons()
        job.start()

    def _on_ready(self, job: ExportOp, paths: list[Path]) -> None:
        if job is not self.job:
            return  # an older selection finished late
        self.job = None
        self.show_file(paths[0] if paths else None)

    def show_file(self, path: Path | None) -> None:
        """Preview ``path`` and list its digital signatures, if any."""
        from tracu_desktop.ui.signing_dialog import signature_summary

        self.document.close()
        self.pdf_path = path
        summary = signature_summary(self.ctx, path)[0] if path else ""
        head = f"<b>Chữ ký số của tệp {path.name}:</b><br>" if path else ""
        self.signatures.setHtml(head + summary if summary else "")
        self.signatures.setVisible(bool(summary))
        error = (
            self.document.load(str(self.pdf_path))
            if self.pdf_path
            else QPdfDocument.Error.FileNotFound
        )
        if error != QPdfDocument.Error.None_:
            self._set_message("Không mở được tệp PDF vừa tạo để xem trước.")
        else:
            n = self.document.pageCount()
            self._set_message("")
            self.pages_label.setText(f"{n} trang")
            # The preview lays pages out on the printer's orientation as it starts.
            self.printer.setPageOrientation(_orientation(self.document.pagePointSize(0)))
            self.preview.updatePreview()
        self._update_buttons()

    def _on_failed(self, job: ExportOp, message: str) -> None:
        if job is not self.job:
            return
        self.job = None
        self._set_message(f"Không tạo được bản xem trước: {message}")
        self._update_buttons()

    def _set_message(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        if text:
            self.pages_label.setText("")

    def _update_buttons(self) -> None:
        ready = not self.busy and self.document.pageCount() > 0
        for button in (self.print_button, self.zoom_in_button, self.zoom_out_button):
            button.setEnabled(ready)
        self.sign_button.setEnabled(ready and self.pdf_path is not None)
        self.fit_button.setEnabled(ready)

    # --- painting and printing --------------------------------------------------------

    def _paint(self, printer: QPrinter) -> None:
        if self.document.pageCount() > 0:
            render_pdf(self.document, printer)

    def print_document(self) -> bool:
        """Ask for a printer (system dialog) and print every page; False if cancelled."""
        if self.document.pageCount() <= 0:
            return False
        dialog = QPrintDialog(self.printer, self)
        dialog.setWindowTitle("In tài liệu")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        render_pdf(self.document, self.printer)
        self.pages_label.setText(f"Đã gửi {self.document.pageCount()} trang tới máy in.")
        return True

    def sign_document(self) -> None:
        """“Ký số” on the previewed PDF; the signed copy is saved in the export folder
        and shown here with its signatures."""
        from tracu_desktop.ui.export_dialog import SETTINGS_DIR, _default_dir
        from tracu_desktop.ui.signing_dialog import SigningDialog, signed_name

        if self.pdf_path is None:
            return
        folder = Path(str(self.ctx.settings.value(SETTINGS_DIR, "") or _default_dir()))
        name = self.pdf_path.name if self.pdf_path.parent == folder else self._file_name()
        dialog = SigningDialog(self.ctx, self.pdf_path, self, signed_name(folder / name))
        dialog.exec()
        if dialog.signed_path is not None:
            self.show_file(dialog.signed_path)

    def _file_name(self) -> str:
        from tracu_desktop.db.catalog import get_organisation
        from tracu_desktop.export.naming import export_filename

        org = get_organisation(self.ctx.db)
        short = org.short_name if org else "TraCu"
        code = "goi-in" if self.what == "package" else self.what
        return export_filename(short, self.ctx.period or "", code, "pdf")

    def open_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(self, "Mở tệp PDF", "", "Tệp PDF (*.pdf)")
        if name:
            if self.job is not None:
                self.job.cancel()
                self.job = None
            self.show_file(Path(name))

    def done(self, result: int) -> None:
        """Closing forgets a preview still being made and removes the temporary PDFs."""
        if self.job is not None:
            self.job.cancel()
            for signal in (self.job.finished, self.job.failed):
                signal.disconnect()
            self.job = None
        self.document.close()
        self._tmp.cleanup()
        super().done(result)

    def closeEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        self.document.close()
        super().closeEvent(event)


def show_print_preview(
    ctx: AppContext, parent: QWidget | None = None, what: str | None = None
) -> PrintPreviewDialog:
    """Open the print preview (non-modal) on ``what``: a form code, "report" or "package"."""
    dialog = PrintPreviewDialog(ctx, parent, what)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
