"""The export dialog and print preview with the real renderers (no test doubles)."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog

from tracu_desktop.ui.export_dialog import ExportDialog
from tracu_desktop.ui.print_preview import PrintPreviewDialog


def test_dialog_writes_forms_and_report_through_the_worker(qtbot, ctx, monkeypatch, tmp_path):
    out = tmp_path / "Báo cáo 2023"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    dlg = ExportDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: not dlg.checking, timeout=10000)
    dlg.browse_button.click()
    for code, box in dlg.form_checks.items():
        box.setChecked(code == "06b")
    for box in dlg.format_checks.values():
        box.setChecked(True)
    for fmt, box in dlg.report_checks.items():
        box.setChecked(fmt == "docx")
    dlg.export_button.click()
    qtbot.waitUntil(lambda: not dlg.running, timeout=30000)

    names = [dlg.file_list.item(i).text() for i in range(dlg.file_list.count())]
    assert names == ["TraCu_2023_06b.xlsx", "TraCu_2023_06b.pdf", "TraCu_2023_BaoCao.docx"]
    assert all(p.parent == out and p.stat().st_size > 0 for p in dlg.files)
    assert "Đã xuất 3 tệp" in dlg.status.text()

    from tracu_desktop.ui.template_dialog import EmailDialog

    email = EmailDialog(ctx)  # starts with the files just exported
    qtbot.addWidget(email)
    assert [email.files.item(i).text() for i in range(email.files.count())] == names

    from openpyxl import load_workbook

    ws = load_workbook(out / "TraCu_2023_06b.xlsx").active
    numbers = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, int)}
    assert 22278 in numbers and 15561 in numbers  # total received, received online

    text = "".join(pg.extract_text() for pg in PdfReader(out / "TraCu_2023_06b.pdf").pages)
    assert "22.278" in text and "Trà Cú" in text

    from docx import Document

    body = "\n".join(p.text for p in Document(out / "TraCu_2023_BaoCao.docx").paragraphs)
    assert "69,85%" in body


def test_preview_prints_the_exported_form(qtbot, ctx, monkeypatch, tmp_path):
    dlg = PrintPreviewDialog(ctx, None, "06b")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: not dlg.busy, timeout=30000)
    exported = len(PdfReader(dlg.pdf_path).pages)
    assert exported >= 1 and dlg.document.pageCount() == exported
    assert "22.278" in "".join(pg.extract_text() for pg in PdfReader(dlg.pdf_path).pages)
    printed = tmp_path / "printed.pdf"
    dlg.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    dlg.printer.setOutputFileName(str(printed))
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    assert dlg.print_document()
    pages = PdfReader(printed).pages
    assert len(pages) == exported
    assert pages[0].mediabox.width > pages[0].mediabox.height  # 06b is landscape
    pdf = Path(dlg.pdf_path)
    dlg.close()
    assert not pdf.exists()  # the temporary PDF goes with the dialog
