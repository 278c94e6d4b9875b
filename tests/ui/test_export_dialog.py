"""Export dialog: choices become export items, the worker writes off the GUI thread,
progress and cancel work, validation errors must be acknowledged, results can be opened."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from tracu_desktop.app import exports
from tracu_desktop.app.exports import ExportResult
from tracu_desktop.core.models import ValueKey
from tracu_desktop.db.values import Change, apply_changes
from tracu_desktop.export.api import ExportItem
from tracu_desktop.infra.progress import Cancelled
from tracu_desktop.ui import export_dialog as mod
from tracu_desktop.ui.export_dialog import ExportDialog


@pytest.fixture
def dialog(qtbot, ctx, tmp_path):
    ctx.settings.setValue(mod.SETTINGS_DIR, str(tmp_path / "out"))
    dlg = ExportDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: not dlg.checking, timeout=10000)  # the check runs on a worker
    return dlg


def _only(dlg: ExportDialog, forms=(), formats=(), report=()) -> None:
    for code, box in dlg.form_checks.items():
        box.setChecked(code in forms)
    for fmt, box in dlg.format_checks.items():
        box.setChecked(fmt in formats)
    for fmt, box in dlg.report_checks.items():
        box.setChecked(fmt in report)


class FakeExports:
    """Writes one small file per item from the worker thread, recording the call."""

    def __init__(self, gate: threading.Event | None = None):
        self.calls: list[tuple] = []
        self.threads: list[threading.Thread] = []
        self.gate = gate

    def __call__(self, db_path, period, items, out_dir, progress=None, is_cancelled=None):
        self.calls.append((Path(db_path), period, list(items), Path(out_dir)))
        self.threads.append(threading.current_thread())
        written = []
        for done, item in enumerate(items):
            if self.gate is not None:
                progress(done, len(items))
                deadline = time.monotonic() + 5
                while not is_cancelled() and time.monotonic() < deadline:
                    time.sleep(0.01)
            if is_cancelled():
                raise Cancelled()
            progress(done, len(items))
            path = Path(out_dir) / f"{item.code}.{item.fmt}"
            path.write_text("x", encoding="utf-8")
            written.append(path)
        progress(len(items), len(items))
        return ExportResult(written)


def test_choices_become_items(dialog):
    _only(dialog, forms=("06b", "07b"), formats=("xlsx", "pdf"), report=("docx", "package"))
    assert dialog.selected_items() == [
        ExportItem("form", "06b", "xlsx"),
        ExportItem("form", "06b", "pdf"),
        ExportItem("form", "07b", "xlsx"),
        ExportItem("form", "07b", "pdf"),
        ExportItem("report", "report", "docx"),
        ExportItem("report", "report", "package"),
    ]
    _only(dialog)
    assert not dialog.export_button.isEnabled()
    _only(dialog, forms=("06b",))
    assert not dialog.export_button.isEnabled()
    assert "định dạng" in dialog.status.text()


def test_worker_writes_and_lists_files(qtbot, dialog, ctx, monkeypatch, tmp_path):
    fake = FakeExports()
    monkeypatch.setattr(exports, "export_files", fake)
    _only(dialog, forms=("06b", "05a"), formats=("xlsx",), report=("pdf",))
    assert "không có lỗi" in dialog.issues_label.text()
    with qtbot.waitSignal(dialog.file_list.model().rowsInserted, timeout=5000):
        dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.running)
    assert fake.threads[0] is not threading.main_thread()
    db_path, period, items, out_dir = fake.calls[0]
    assert (db_path, period, out_dir) == (ctx.db_path, "2023", tmp_path / "out")
    assert len(items) == 3
    names = [dialog.file_list.item(i).text() for i in range(dialog.file_list.count())]
    assert names == ["06b.xlsx", "05a.xlsx", "report.pdf"]
    assert "Đã xuất 3 tệp" in dialog.status.text()
    assert dialog.progress.value() == dialog.progress.maximum() == 3
    assert dialog.open_file_button.isEnabled() and dialog.open_folder_button.isEnabled()
    # Choices and folder are remembered for the next time.
    again = ExportDialog(ctx)
    qtbot.addWidget(again)
    assert again.selected_items() == items
    assert again.dir_edit.text() == str(tmp_path / "out")


def test_open_file_and_folder(qtbot, dialog, monkeypatch):
    monkeypatch.setattr(exports, "export_files", FakeExports())
    opened: list[str] = []
    monkeypatch.setattr(
        mod.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile())
    )
    _only(dialog, forms=("06b",), formats=("xlsx", "pdf"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.file_list.count() == 2, timeout=5000)
    dialog.file_list.setCurrentRow(1)
    dialog.open_file_button.click()
    dialog.open_folder_button.click()
    assert opened == [str(dialog.files[1]), str(dialog.files[1].parent)]
    assert opened[0].endswith("06b.pdf")


def test_folder_chosen_with_file_dialog_is_remembered(qtbot, dialog, ctx, monkeypatch, tmp_path):
    target = tmp_path / "chosen"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(target))
    dialog.browse_button.click()
    assert dialog.dir_edit.text() == str(target)
    assert ctx.settings.value(mod.SETTINGS_DIR) == str(target)


def test_cancel_stops_the_worker(qtbot, dialog, monkeypatch):
    fake = FakeExports(gate=threading.Event())
    monkeypatch.setattr(exports, "export_files", fake)
    _only(dialog, forms=("06b", "06a"), formats=("xlsx",))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: len(fake.calls) == 1, timeout=5000)
    assert dialog.running and dialog.cancel_button.isEnabled()
    assert not dialog.export_button.isEnabled() and not dialog.close_button.isEnabled()
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=5000)
    assert "Đã hủy" in dialog.status.text()
    assert dialog.file_list.count() == 0
    assert dialog.export_button.isEnabled()


def test_failure_message_is_shown(qtbot, dialog, monkeypatch):
    def boom(*args, **kwargs):
        raise OSError("Không ghi được tệp “TraCu_2023_06b.xlsx”: tệp đang mở trong Excel.")

    monkeypatch.setattr(exports, "export_files", boom)
    _only(dialog, forms=("06b",), formats=("xlsx",))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=5000)
    assert "đang mở trong Excel" in dialog.status.text()
    assert dialog.export_button.isEnabled()


def test_validation_errors_must_be_acknowledged(qtbot, ctx, tmp_path, monkeypatch):
    key = ValueKey("2023", "TT_TRA_CU", "X_HO_TICH", "resolved_late")
    apply_changes(ctx.db, [Change(key, 999)], source="test")
    ctx.settings.setValue(mod.SETTINGS_DIR, str(tmp_path))
    dlg = ExportDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.checking and "Đang kiểm tra" in dlg.issues_label.text()
    _only(dlg, forms=("06b",), formats=("xlsx",))
    assert not dlg.export_button.isEnabled()  # not before the check has answered
    qtbot.waitUntil(lambda: not dlg.checking, timeout=10000)
    assert dlg.issue_count >= 1
    assert "còn" in dlg.issues_label.text() and "lỗi" in dlg.issues_label.text()
    assert "Thị trấn Trà Cú" in dlg.issues_list.toPlainText()
    assert dlg.continue_check.isVisible()
    _only(dlg, forms=("06b",), formats=("xlsx",))
    assert not dlg.export_button.isEnabled()
    dlg.continue_check.setChecked(True)
    assert dlg.export_button.isEnabled()


def test_closing_while_running_cancels_then_closes(qtbot, dialog, monkeypatch):
    monkeypatch.setattr(exports, "export_files", FakeExports(gate=threading.Event()))
    _only(dialog, forms=("06b",), formats=("xlsx",))
    dialog.export_button.click()
    dialog.reject()
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)


def test_without_a_period_nothing_can_be_exported(qtbot, ctx):
    ctx.period = None
    dlg = ExportDialog(ctx)
    qtbot.addWidget(dlg)
    assert dlg.period_label.text() == "Chưa chọn kỳ báo cáo."
    assert dlg.selected_items()  # remembered choices are still ticked
    assert not dlg.export_button.isEnabled()
