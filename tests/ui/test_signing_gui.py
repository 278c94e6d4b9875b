# ruff: noqa: F811  (fixtures imported from tests/signing are requested by name)
"""“Ký số” in the GUI: the signing dialog, signatures shown in the print preview, and the
signing settings (images, trusted roots, signed packages required)."""

from __future__ import annotations

import shutil

import pytest

from tests.signing.fixtures import director, images, office, pki, report_pdfs  # noqa: F401
from tests.signing.pki import PASSWORD
from tracu_desktop.signing.trust import (
    REQUIRE_KEY,
    SEAL_IMAGE_KEY,
    SIGNATURE_IMAGE_KEY,
    get_image,
    import_roots,
    load_roots,
    set_image,
)


@pytest.fixture
def ready(ctx, pki, images):
    set_image(ctx.db, SIGNATURE_IMAGE_KEY, images["signature"].read_bytes())
    set_image(ctx.db, SEAL_IMAGE_KEY, images["seal"].read_bytes())
    import_roots(ctx.db, pki.ca_pem)
    return ctx


def _sign(dialog, qtbot) -> bool:
    """Press “Ký số” and wait for the worker; True when the signed file was written."""
    op = dialog.sign()
    assert op is not None and dialog.busy and dialog.secret.text() == ""
    qtbot.waitUntil(lambda: not dialog.busy, timeout=60000)
    return bool(dialog.last_ok)


def test_signing_dialog_signs_person_then_seal(
    ready, qtbot, report_pdfs, director, office, tmp_path
):
    from tracu_desktop.ui.signing_dialog import SigningDialog

    pdf = shutil.copy(report_pdfs["report"], tmp_path / "TraCu_2023_report.pdf")
    dialog = SigningDialog(ready, pdf)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.output.text().endswith("TraCu_2023_report-da-ky.pdf")
    dialog.p12.setText(str(director.p12))
    dialog.secret.setText(PASSWORD)
    assert _sign(dialog, qtbot)
    assert dialog.secret.text() == ""  # never kept
    assert "Người ký: Nguyễn Văn An" in dialog.status.toPlainText()
    dialog.role.setCurrentIndex(dialog.role.findData("organisation"))
    dialog.p12.setText(str(office.p12))
    dialog.secret.setText(PASSWORD)
    assert _sign(dialog, qtbot)
    text = dialog.status.toPlainText()
    assert text.count("hợp lệ") >= 2 and "KHÔNG" not in text
    assert dialog.signed_path.name == "TraCu_2023_report-da-ky.pdf"
    dialog.grab().save(str(tmp_path / "signing-dialog.png"))


def test_wrong_password_is_shown_in_the_dialog(ready, qtbot, report_pdfs, director, tmp_path):
    from tracu_desktop.ui.signing_dialog import SigningDialog

    dialog = SigningDialog(ready, report_pdfs["report"], None, tmp_path / "out.pdf")
    qtbot.addWidget(dialog)
    dialog.p12.setText(str(director.p12))
    dialog.secret.setText("sai")
    assert not _sign(dialog, qtbot)
    assert "sai mật khẩu" in dialog.status.toPlainText()
    assert not (tmp_path / "out.pdf").exists()


def test_print_preview_lists_the_signatures_of_a_signed_file(
    ready, qtbot, report_pdfs, director, tmp_path, monkeypatch
):
    from tracu_desktop.cli.main import main
    from tracu_desktop.ui.print_preview import PrintPreviewDialog

    signed = tmp_path / "signed.pdf"
    args = ["sign", str(report_pdfs["report"]), "-o", str(signed), "--p12", str(director.p12)]
    monkeypatch.setenv("TRACU_SIGN_PASSWORD", PASSWORD)
    assert main(["--db", str(tmp_path / "x.sqlite3"), *args, "--image", str(_png(tmp_path))]) == 0
    dialog = PrintPreviewDialog(ready, None, "report")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=60000)
    assert not dialog.signatures.isVisibleTo(dialog)  # a fresh export is unsigned
    dialog.show_file(signed)
    text = dialog.signatures.toPlainText()
    assert "Người ký: Nguyễn Văn An" in text
    assert "nguyên vẹn từ khi ký" in text and "thuộc danh sách tin cậy" in text
    assert dialog.document.pageCount() == 5
    dialog.resize(1100, 720)
    dialog.grab().save(str(tmp_path / "preview-signed.png"))


def _png(tmp_path):
    from PIL import Image

    path = tmp_path / "sig.png"
    Image.new("RGBA", (300, 120), (0, 0, 200, 255)).save(path)
    return path


def test_settings_tab_keeps_images_roots_and_requirement(ctx, qtbot, pki, images):
    from tracu_desktop.db.catalog import get_setting
    from tracu_desktop.ui.signing_settings import SigningSettings

    tab = SigningSettings(ctx)
    qtbot.addWidget(tab)
    assert tab.previews[SEAL_IMAGE_KEY].text() == "(chưa có)"
    tab.choose_image(SEAL_IMAGE_KEY, str(images["seal"]))
    assert get_image(ctx.db, SEAL_IMAGE_KEY) == images["seal"].read_bytes()
    assert tab.previews[SEAL_IMAGE_KEY].pixmap() is not None
    tab.add_roots([str(pki.ca_pem)])
    assert tab.roots.count() == 1 and "CA thử nghiệm TraCu" in tab.roots.item(0).text()
    tab.add_roots([str(images["seal"])])  # not a certificate
    assert "không phải chứng thư số" in tab.message.text()
    tab.require.setChecked(True)
    assert get_setting(ctx.db, REQUIRE_KEY) is True
    tab.roots.setCurrentRow(0)
    tab.remove_selected()
    assert load_roots(ctx.db) == []


def test_package_saved_from_the_gui_can_be_signed(
    ready, qtbot, messages, director, monkeypatch, tmp_path
):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from tracu_desktop.interchange.exchange import read_package
    from tracu_desktop.interchange.package_signature import verify_manifest
    from tracu_desktop.signing.trust import root_certificates
    from tracu_desktop.ui import signing_dialog
    from tracu_desktop.ui.package_action import save_package

    target = tmp_path / "TraCu_2023.tracu.zip"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Yes))
    shown = []

    def run(dialog):  # what the clerk does in the dialog, instead of exec()
        shown.append(dialog)
        dialog.p12.setText(str(director.p12))
        dialog.secret.setText(PASSWORD)
        assert _sign(dialog, qtbot)
        dialog.grab().save(str(tmp_path / "package-signing.png"))
        return 1

    monkeypatch.setattr(signing_dialog.SigningDialog, "exec", run)
    op = save_package(ready, None)
    qtbot.waitUntil(lambda: not op.running, timeout=60000)
    assert op.result.path == target
    assert shown and shown[0].windowTitle() == "Ký số gói số liệu"
    assert "Nguyễn Văn An" in shown[0].status.toPlainText()
    pkg = read_package(target.read_bytes())
    sig = verify_manifest(pkg.manifest, pkg.signature, root_certificates(load_roots(ready.db)))
    assert sig.intact and sig.trusted and sig.signer == "Nguyễn Văn An"


def test_print_preview_signs_the_print_package_and_shows_it(
    ready, qtbot, director, office, monkeypatch, tmp_path
):
    from tracu_desktop.ui import signing_dialog
    from tracu_desktop.ui.export_dialog import SETTINGS_DIR
    from tracu_desktop.ui.print_preview import PrintPreviewDialog

    ready.settings.setValue(SETTINGS_DIR, str(tmp_path))
    steps = [("person", director), ("organisation", office), ("attachment", office)]

    def run(dialog):
        role, who = steps.pop(0)
        dialog.role.setCurrentIndex(dialog.role.findData(role))
        dialog.p12.setText(str(who.p12))
        dialog.secret.setText(PASSWORD)
        assert _sign(dialog, qtbot), dialog.status.toPlainText()
        return 1

    monkeypatch.setattr(signing_dialog.SigningDialog, "exec", run)
    dialog = PrintPreviewDialog(ready, None, "package")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=60000)
    assert dialog.sign_button.isEnabled()
    for _ in range(3):
        dialog.sign_document()
    assert dialog.pdf_path == tmp_path / "TraCu_2023_goi-in-da-ky.pdf"
    text = dialog.signatures.toPlainText()
    assert text.count(": hợp lệ") == 4  # person, seal, appendices 06b and 05a
    assert "Chữ ký trên phụ lục 2: hợp lệ" in text and "Cả 4 chữ ký hợp lệ." in text
    dialog.resize(1100, 720)
    dialog.grab().save(str(tmp_path / "preview-package-signed.png"))


def test_signing_runs_off_the_gui_thread_and_can_be_cancelled(
    ready, qtbot, report_pdfs, director, monkeypatch, tmp_path
):
    """While the key signs (slowed down here, as a USB token is) a timer keeps ticking; the
    signed file arrives by signal. Cancelled before writing, nothing is written."""
    import threading
    import time

    from PySide6.QtCore import QTimer

    from tracu_desktop.signing import pdf_sign
    from tracu_desktop.ui.signing_dialog import SigningDialog

    real = pdf_sign.sign_pdf
    threads: list[threading.Thread] = []

    def slow_sign(*args, **kwargs):
        threads.append(threading.current_thread())
        time.sleep(0.6)
        return real(*args, **kwargs)

    monkeypatch.setattr(pdf_sign, "sign_pdf", slow_sign)
    out = tmp_path / "out.pdf"
    dialog = SigningDialog(ready, report_pdfs["report"], None, out)
    qtbot.addWidget(dialog)
    dialog.p12.setText(str(director.p12))
    ticks = [0]
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start()
    dialog.secret.setText(PASSWORD)
    assert _sign(dialog, qtbot)
    timer.stop()
    assert ticks[0] >= 10 and threads and threads[0] is not threading.main_thread()
    assert out.exists() and "Người ký: Nguyễn Văn An" in dialog.status.toPlainText()

    out2 = tmp_path / "out2.pdf"
    dialog.output.setText(str(out2))
    dialog.role.setCurrentIndex(dialog.role.findData("organisation"))
    dialog.secret.setText(PASSWORD)
    dialog.sign()
    qtbot.waitUntil(lambda: len(threads) == 2, timeout=10000)
    dialog.accept()  # “Đóng” while signing: cancelled before anything is written
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    assert dialog.last_ok is False and not out2.exists()
    assert "Đã hủy" in dialog.status.toPlainText()
