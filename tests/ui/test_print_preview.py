"""Print preview: the exported PDF is rendered page by page to a printer (PDF output here)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSize
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog

from tracu_desktop.app import exports
from tracu_desktop.app.exports import ExportResult
from tracu_desktop.export import api
from tracu_desktop.ui import print_preview as mod
from tracu_desktop.ui.print_preview import PrintPreviewDialog, render_pdf, show_print_preview


def _sample_pdf(path: Path, pages: int = 2) -> Path:
    """A portrait page then landscape pages, each with its number, like report + appendices."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(1, pages + 1):
        if n > 1:
            c.setPageSize(landscape(A4))
        c.setFont("Helvetica", 40)
        c.drawString(100, 300, f"PAGE {n}")
        c.showPage()
    c.save()
    return path


class FakePdfExports:
    def __init__(self, pages: int = 2):
        self.items = []
        self.pages = pages

    def __call__(self, db_path, period, items, out_dir, progress=None, is_cancelled=None):
        self.items.extend(items)
        item = items[0]
        return ExportResult(
            [_sample_pdf(Path(out_dir) / f"{item.code}-{item.fmt}.pdf", self.pages)]
        )


def _printer_to(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _ink_box(pdf: Path, page: int) -> tuple[float, float]:
    """Width and height of the inked area of a page, as fractions of the page."""
    doc = QPdfDocument()
    doc.load(str(pdf))
    image = doc.render(page, QSize(200, 200))
    xs, ys = [], []
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            color = image.pixelColor(x, y)
            if color.alpha() > 128 and color.lightness() < 128:
                xs.append(x)
                ys.append(y)
    doc.close()
    return (max(xs) - min(xs)) / image.width(), (max(ys) - min(ys)) / image.height()


def test_render_pdf_prints_every_page_on_a4_turning_landscape_pages(qapp, tmp_path):
    source = _sample_pdf(tmp_path / "in.pdf", 3)  # portrait report page, then 2 landscape
    doc = QPdfDocument()
    assert doc.load(str(source)) == QPdfDocument.Error.None_
    out = tmp_path / "printed.pdf"
    assert render_pdf(doc, _printer_to(out)) == 3
    doc.close()
    pages = PdfReader(out).pages
    assert len(pages) == 3
    for page in pages:  # one portrait A4 sheet each (595 × 842 pt)
        assert round(float(page.mediabox.width)) == 595
        assert round(float(page.mediabox.height)) == 842
    # "PAGE 1" is written across the page; on the turned page 2 it runs down the sheet.
    w1, h1 = _ink_box(out, 0)
    w2, h2 = _ink_box(out, 1)
    assert w1 > h1 and h2 > w2


def test_render_pdf_keeps_a_landscape_form_landscape(qapp, tmp_path):
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    src = tmp_path / "form.pdf"
    c = canvas.Canvas(str(src), pagesize=landscape(A4))
    c.drawString(100, 100, "06b")
    c.showPage()
    c.save()
    doc = QPdfDocument()
    doc.load(str(src))
    out = tmp_path / "printed.pdf"
    assert render_pdf(doc, _printer_to(out)) == 1
    doc.close()
    box = PdfReader(out).pages[0].mediabox
    assert box.width > box.height


def test_dialog_previews_the_chosen_form(qtbot, ctx, monkeypatch):
    fake = FakePdfExports(pages=2)
    monkeypatch.setattr(exports, "export_files", fake)
    dlg = PrintPreviewDialog(ctx, None, "05a")
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.document.pageCount() == 2, timeout=5000)
    assert fake.items[0] == api.ExportItem("form", "05a", "pdf")
    assert dlg.preview.pageCount() == 2
    assert dlg.pages_label.text() == "2 trang"
    assert dlg.print_button.isEnabled()
    # Choosing the print package makes its PDF and previews it.
    dlg.selector.setCurrentIndex(dlg.selector.findData("package"))
    qtbot.waitUntil(lambda: len(fake.items) == 2 and not dlg.busy, timeout=5000)
    assert fake.items[1] == api.ExportItem("report", "report", "package")
    assert dlg.pdf_path.name == "report-package.pdf"
    dlg.close()


def test_print_button_sends_pages_to_the_printer(qtbot, ctx, monkeypatch, tmp_path):
    monkeypatch.setattr(exports, "export_files", FakePdfExports(pages=3))
    dlg = PrintPreviewDialog(ctx, None, "06b")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.document.pageCount() == 3, timeout=5000)
    out = tmp_path / "printer.pdf"
    dlg.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    dlg.printer.setOutputFileName(str(out))
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    assert dlg.print_document()
    assert len(PdfReader(out).pages) == 3
    assert "3 trang" in dlg.pages_label.text()
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert not dlg.print_document()


def test_export_failure_is_explained(qtbot, ctx, monkeypatch):
    def boom(*args, **kwargs):
        raise ValueError("Chưa có kỳ báo cáo “2030”.")

    monkeypatch.setattr(exports, "export_files", boom)
    dlg = show_print_preview(ctx, None, "report")
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: not dlg.busy, timeout=5000)
    assert "Không tạo được bản xem trước" in dlg.status.text()
    assert "2030" in dlg.status.text()
    assert not dlg.print_button.isEnabled()


def test_closing_while_the_pdf_is_made_is_safe(qtbot, ctx, monkeypatch):
    started, release = threading.Event(), threading.Event()

    def slow(db_path, period, items, out_dir, progress=None, is_cancelled=None):
        started.set()
        release.wait(5)
        return ExportResult([_sample_pdf(Path(out_dir) / "late.pdf", 1)])

    monkeypatch.setattr(exports, "export_files", slow)
    dlg = PrintPreviewDialog(ctx, None, "06b")
    qtbot.addWidget(dlg)
    dlg.show()
    assert started.wait(5) and dlg.busy
    dlg.close()
    assert not dlg.busy
    release.set()
    qtbot.wait(100)
    assert dlg.document.pageCount() == 0


def test_unknown_choice_is_refused(qtbot, ctx):
    with pytest.raises(ValueError, match="09z"):
        PrintPreviewDialog(ctx, None, "09z")
    assert set(mod.preview_choices()) == {*api.FORM_CODES, "report", "package"}
