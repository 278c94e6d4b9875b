"""Qt's own strings in Vietnamese: standard buttons, the text context menu, the file and
print-preview dialogs; the committed .qm is the compiled .ts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QToolButton,
)

from tracu_desktop.core.resources import resource_path
from tracu_desktop.ui.app import install_vietnamese


@pytest.fixture(autouse=True)
def vietnamese(qapp):
    assert install_vietnamese(qapp) is not None


def _texts(box) -> list[str]:
    return sorted(b.text().replace("&", "") for b in box.buttons())


def test_message_box_standard_buttons(qtbot):
    box = QMessageBox(QMessageBox.Question, "Khôi phục", "Khôi phục bản sao lưu?")
    box.setStandardButtons(
        QMessageBox.Yes | QMessageBox.No | QMessageBox.Cancel | QMessageBox.Close | QMessageBox.Ok
    )
    qtbot.addWidget(box)
    assert _texts(box) == sorted(["Có", "Không", "Hủy", "Đóng", "Đồng ý"])
    bb = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Discard | QDialogButtonBox.Apply)
    qtbot.addWidget(bb)
    assert _texts(bb) == sorted(["Lưu", "Không lưu", "Áp dụng"])


def test_line_edit_and_text_context_menus(qtbot):
    for widget in (QLineEdit("abc"), QPlainTextEdit("abc")):
        qtbot.addWidget(widget)
        menu = widget.createStandardContextMenu()
        texts = [a.text().split("\t")[0].replace("&", "") for a in menu.actions() if a.text()]
        assert {"Hoàn tác", "Làm lại", "Cắt", "Sao chép", "Dán", "Xóa", "Chọn tất cả"} <= set(
            texts
        ), texts


def test_qt_file_dialog_labels(qtbot, tmp_path):
    dlg = QFileDialog(None, "Lưu biểu mẫu", str(tmp_path))
    dlg.setOption(QFileDialog.DontUseNativeDialog)
    dlg.setAcceptMode(QFileDialog.AcceptSave)
    qtbot.addWidget(dlg)
    labels = {w.text().replace("&", "") for w in dlg.findChildren(QLabel)}
    assert {"Tìm trong:", "Loại tệp:", "Tên tệp:"} <= labels, labels
    tips = {b.toolTip() for b in dlg.findChildren(QToolButton)}
    assert "Lùi lại" in tips and "Tạo thư mục mới" in tips, tips
    buttons = dlg.findChild(QDialogButtonBox)
    assert _texts(buttons) == sorted(["Lưu", "Hủy"])


def test_print_preview_toolbar(qtbot):
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    dlg = QPrintPreviewDialog()
    qtbot.addWidget(dlg)
    texts = {a.text() for a in dlg.findChildren(QAction)}
    assert {"Trang sau", "Trang trước", "Phóng to", "In"} <= texts, texts
    assert not texts & {"Next page", "Print", "Zoom in"}


@pytest.mark.skipif(
    not shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent)),
    reason="no lrelease",
)
def test_committed_qm_is_the_compiled_ts(tmp_path):
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    out = tmp_path / "qtbase_vi.qm"
    subprocess.run(
        [lrelease, "-silent", str(resource_path("translations", "qtbase_vi.ts")), "-qm", str(out)],
        check=True,
    )
    assert out.read_bytes() == resource_path("translations", "qtbase_vi.qm").read_bytes(), (
        "qtbase_vi.qm is out of date: run pyside6-lrelease resources/translations/qtbase_vi.ts"
    )
