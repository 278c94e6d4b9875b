"""“Ký số” dialog: sign a PDF the program made (report, print package, appendix) with a
certificate file (.p12) or a USB token (PKCS#11), as person, organisation or attachment.

Signing takes a second or two (more on a token) and runs on a worker
(:class:`~tracu_desktop.ui.background.BackgroundOp` over :mod:`tracu_desktop.app.signing`),
so the window keeps drawing; the token's PIN or the file's password is never stored. The signed copy is written beside the
original (``…-da-ky.pdf``) and its signatures are checked and shown at once.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tracu_desktop.app import signing
from tracu_desktop.signing.appearance import ROLES
from tracu_desktop.ui.background import BackgroundOp, Verb
from tracu_desktop.ui.context import AppContext

SETTINGS_P12 = "signing/p12"
SETTINGS_LIBRARY = "signing/pkcs11"
SETTINGS_TOKEN = "signing/token"
SETTINGS_KEY = "signing/key"
SETTINGS_ROLE = "signing/role"


def signed_name(path: Path) -> Path:
    stem = path.stem[: -len("-da-ky")] if path.stem.endswith("-da-ky") else path.stem
    return path.with_name(f"{stem}-da-ky.pdf")


def signature_summary(ctx: AppContext, path: Path) -> tuple[str, bool]:
    """(HTML list of the file's signatures, all valid?) — empty text when unsigned."""
    from html import escape

    from tracu_desktop.signing.trust import load_roots, root_certificates
    from tracu_desktop.signing.verify import VerifyError, verify_pdf

    try:
        data = path.read_bytes()
        if b"/ByteRange" not in data:
            return "", True  # unsigned: no need to load the signature library
        reports = verify_pdf(data, root_certificates(load_roots(ctx.db)))
    except (OSError, VerifyError) as exc:
        return f"<span style='color:#b00020'>{escape(str(exc))}</span>", False
    if not reports:
        return "", True
    items = []
    for rep in reports:
        colour = "#1b5e20" if rep.ok else "#b00020"
        lines = rep.lines()
        head = f"<b style='color:{colour}'>{escape(lines[0])}</b>"
        items.append(head + "<br>" + "<br>".join(escape(x.strip()) for x in lines[1:]))
    broken = sum(1 for r in reports if not r.ok)
    head = (
        f"<b style='color:#b00020'>Có {broken}/{len(reports)} chữ ký không hợp lệ.</b>"
        if broken
        else f"<b style='color:#1b5e20'>Cả {len(reports)} chữ ký hợp lệ.</b>"
    )
    return head + "<br>" + "<br>".join(items), broken == 0


class SigningDialog(QDialog):
    """Signs a PDF, or with ``package=True`` an exchange package's manifest (in place)."""

    def __init__(self, ctx: AppContext, pdf: Path, parent: QWidget | None = None,
                 output: Path | None = None, package: bool = False) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx = ctx
        self.package = package
        self.source_pdf = Path(pdf)
        self.signed_path: Path | None = None
        self.op: BackgroundOp | None = None
        self.last_ok: bool | None = None  # the last signing: written, failed, or running
        self.setWindowTitle("Ký số gói số liệu" if package else "Ký số")
        s = ctx.settings

        self.file_label = QLabel(f"Tệp cần ký: <b>{self.source_pdf.name}</b>")
        self.role = QComboBox()
        for code, rule in ROLES.items():
            self.role.addItem(rule.label, code)
        self.role.setCurrentIndex(max(0, self.role.findData(str(s.value(SETTINGS_ROLE, "person")))))
        self.role.currentIndexChanged.connect(self._update)
        self.rule_label = QLabel()
        self.rule_label.setWordWrap(True)
        self.rule_label.setStyleSheet("color:#555")
        self.number = QLineEdit()
        self.number.setPlaceholderText("Số: 125/BC-UBND (để trống: theo báo cáo)")

        self.use_file = QRadioButton("Tệp chứng thư số (.p12, .pfx)")
        self.use_token = QRadioButton("Thiết bị ký (USB token, PKCS#11)")
        group = QButtonGroup(self)
        group.addButton(self.use_file)
        group.addButton(self.use_token)
        self.p12 = QLineEdit(str(s.value(SETTINGS_P12, "") or ""))
        p12_browse = QPushButton("Chọn…")
        p12_browse.clicked.connect(self._browse_p12)
        self.library = QLineEdit(str(s.value(SETTINGS_LIBRARY, "") or ""))
        self.library.setPlaceholderText("Thư viện của thiết bị, ví dụ C:\\Windows\\System32\\…dll")
        lib_browse = QPushButton("Chọn…")
        lib_browse.clicked.connect(self._browse_library)
        self.token = QLineEdit(str(s.value(SETTINGS_TOKEN, "") or ""))
        self.key = QLineEdit(str(s.value(SETTINGS_KEY, "") or ""))
        self.key.setPlaceholderText("để trống khi thiết bị chỉ có một khóa")
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        (
            self.use_token if self.library.text() and not self.p12.text() else self.use_file
        ).setChecked(True)
        self.use_file.toggled.connect(self._update)

        key_box = QGroupBox("Khóa ký số")
        form = QFormLayout(key_box)
        form.addRow(self.use_file)
        row = QHBoxLayout()
        row.addWidget(self.p12, 1)
        row.addWidget(p12_browse)
        form.addRow("Tệp:", row)
        form.addRow(self.use_token)
        row = QHBoxLayout()
        row.addWidget(self.library, 1)
        row.addWidget(lib_browse)
        form.addRow("Thư viện:", row)
        form.addRow("Tên thiết bị:", self.token)
        form.addRow("Nhãn khóa:", self.key)
        self.secret_label = QLabel()
        form.addRow(self.secret_label, self.secret)

        self.output = QLineEdit(
            str(output or (self.source_pdf if package else signed_name(self.source_pdf)))
        )
        top = QFormLayout()
        top.addRow(self.file_label)
        top.addRow("Ký với tư cách:", self.role)
        top.addRow("", self.rule_label)
        top.addRow("Số, ký hiệu văn bản:", self.number)
        top.addRow("Lưu tệp đã ký:", self.output)
        if package:  # the manifest's signature: no role, no appearance, same file
            for index in range(1, top.rowCount()):
                top.setRowVisible(index, False)

        self.status = QTextBrowser()
        self.status.setFixedHeight(130)
        self.sign_button = QPushButton("Ký số")
        self.sign_button.setDefault(True)
        self.sign_button.clicked.connect(self.sign)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.sign_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(key_box)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(640, 0)
        self._update()

    @property
    def role_code(self) -> str:
        return str(self.role.currentData())

    def _update(self, *_args: object) -> None:
        rule = ROLES[self.role_code]
        self.rule_label.setText(
            f"Vị trí: {rule.placement}. Thông tin: {rule.info}. ({rule.legal_basis})"
        )
        self.number.setEnabled(self.role_code == "attachment")
        token = self.use_token.isChecked()
        for w in (self.library, self.token, self.key):
            w.setEnabled(token)
        self.p12.setEnabled(not token)
        self.secret_label.setText("Mã PIN:" if token else "Mật khẩu:")

    def _browse_p12(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Chọn tệp chứng thư số", self.p12.text(), "Chứng thư số (*.p12 *.pfx)"
        )
        if name:
            self.p12.setText(name)

    def _browse_library(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Chọn thư viện PKCS#11", self.library.text(), "Thư viện (*.dll *.so *.dylib)"
        )
        if name:
            self.library.setText(name)

    def _source(self):  # -> SignerSource
        from tracu_desktop.signing.signer import SignerSource

        if self.use_token.isChecked():
            return SignerSource(pkcs11=self.library.text().strip(), token=self.token.text().strip(),
                                key=self.key.text().strip() or None)  # fmt: skip
        return SignerSource(p12=Path(self.p12.text().strip()) if self.p12.text().strip() else None)

    def _error(self, text: str) -> None:
        from html import escape

        self.status.setHtml(f"<span style='color:#b00020'>{escape(text)}</span>")

    @property
    def busy(self) -> bool:
        return self.op is not None and self.op.running

    def sign(self) -> BackgroundOp | None:
        """Sign with the chosen key on a worker; the result is shown when it arrives
        (``last_ok`` says whether the signed file was written). The PIN or password is
        cleared at once."""
        if self.busy:
            return None
        secret = self.secret.text()
        self.secret.clear()
        verb: Verb[signing.PackageSigned | signing.PdfSigned]
        if self.package:
            verb = partial(
                signing.sign_package_file, self.ctx.db_path, self.source_pdf, self._source(),
                secret,
            )  # fmt: skip
            label = "Đang ký số gói số liệu…"
        else:
            verb = partial(
                signing.sign_pdf_file, self.ctx.db_path, self.source_pdf,
                Path(self.output.text().strip()), self._source(), secret,
                role=self.role_code, number=self.number.text().strip(),
            )  # fmt: skip
            label = "Đang ký số…"
        self.last_ok = None
        self.status.setHtml(label)
        op: BackgroundOp[object] = BackgroundOp(self, verb, label=label, writes=self.package)
        op.finished.connect(self._on_signed)
        op.failed.connect(self._on_failed)
        op.cancelled.connect(self._on_cancelled)
        self.op = op
        op.start()
        self.sign_button.setEnabled(False)
        return op

    def _on_failed(self, message: str) -> None:
        self.last_ok = False
        self.sign_button.setEnabled(True)
        self._error(message)

    def _on_cancelled(self) -> None:
        self.last_ok = False
        self.sign_button.setEnabled(True)
        self.status.setHtml("Đã hủy; chưa ký, tệp không thay đổi.")

    def _on_signed(self, result: object) -> None:
        from html import escape

        self.last_ok = True
        self.sign_button.setEnabled(True)
        if isinstance(result, signing.PackageSigned):
            self.signed_path = result.path
            self.status.setHtml(f"Đã ký số gói <b>{result.path.name}</b>.<br>{escape(result.note)}")
            return
        assert isinstance(result, signing.PdfSigned)
        out = result.path
        s = self.ctx.settings
        s.setValue(SETTINGS_ROLE, self.role_code)
        s.setValue(SETTINGS_P12, self.p12.text().strip())
        s.setValue(SETTINGS_LIBRARY, self.library.text().strip())
        s.setValue(SETTINGS_TOKEN, self.token.text().strip())
        s.setValue(SETTINGS_KEY, self.key.text().strip())
        self.signed_path = out
        self.source_pdf = out  # a second signature (the seal) goes on the signed copy
        self.file_label.setText(f"Tệp cần ký: <b>{out.name}</b>")
        summary, _ok = signature_summary(self.ctx, out)
        self.status.setHtml(f"Đã ký số và lưu <b>{out.name}</b>.<br>{summary}")

    def accept(self) -> None:
        """“Đóng” waits for a signature being written; one not yet made is cancelled."""
        if self.busy and self.op is not None:
            self.op.cancel()
            return
        super().accept()

    def reject(self) -> None:
        if self.busy and self.op is not None:
            self.op.cancel()
            return
        super().reject()


def open_signing_dialog(ctx: AppContext, pdf: Path, parent: QWidget | None = None) -> Path | None:
    """Modal; returns the signed file, or None when nothing was signed."""
    dialog = SigningDialog(ctx, pdf, parent)
    dialog.exec()
    return dialog.signed_path
