"""“Ký số” settings tab: the signer's signature image, the organisation's seal image,
the trusted root certificates (imported from files; none bundled) and whether received
packages must be signed. All kept in the database's settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracu_desktop.db.catalog import set_setting
from tracu_desktop.signing.trust import (
    REQUIRE_KEY,
    SEAL_IMAGE_KEY,
    SIGNATURE_IMAGE_KEY,
    TrustError,
    get_image,
    import_roots,
    load_roots,
    remove_root,
    require_signed,
    set_image,
)
from tracu_desktop.ui.context import AppContext


class SigningSettings(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.previews: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in ((SIGNATURE_IMAGE_KEY, "Ảnh chữ ký người ký (PNG nền trong suốt)"),
                           (SEAL_IMAGE_KEY, "Ảnh con dấu (PNG đỏ, nền trong suốt, đúng kích thước)")):  # fmt: skip
            preview = QLabel()
            preview.setFixedSize(180, 80)
            preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
            preview.setStyleSheet("border:1px solid #bbb; background:white")
            choose = QPushButton("Chọn ảnh…")
            choose.clicked.connect(lambda _c=False, k=key: self.choose_image(k))
            row = QHBoxLayout()
            row.addWidget(preview)
            row.addWidget(choose)
            row.addStretch(1)
            form.addRow(label + ":", row)
            self.previews[key] = preview

        self.roots = QListWidget()
        self.roots.setMinimumHeight(90)
        add = QPushButton("Nhập chứng thư gốc từ tệp…")
        add.clicked.connect(self.add_roots)
        remove = QPushButton("Bỏ chứng thư đang chọn")
        remove.clicked.connect(self.remove_selected)
        self.require = QCheckBox("Chỉ nhận gói số liệu đã được ký số bởi chứng thư tin cậy")
        self.require.toggled.connect(lambda on: set_setting(self.ctx.db, REQUIRE_KEY, bool(on)))
        self.message = QLabel()
        self.message.setWordWrap(True)
        root_buttons = QHBoxLayout()
        root_buttons.addWidget(add)
        root_buttons.addWidget(remove)
        root_buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Chứng thư gốc tin cậy (dùng khi kiểm tra chữ ký số của tệp "
                                "và gói số liệu nhận về):"))  # fmt: skip
        layout.addWidget(self.roots, 1)
        layout.addLayout(root_buttons)
        layout.addWidget(self.require)
        layout.addWidget(self.message)
        self.load()

    def load(self) -> None:
        for key, preview in self.previews.items():
            data = get_image(self.ctx.db, key)
            pix = QPixmap()
            if data and pix.loadFromData(data):
                preview.setPixmap(pix.scaled(170, 72, Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))  # fmt: skip
            else:
                preview.setText("(chưa có)")
        self.roots.clear()
        for root in load_roots(self.ctx.db):
            item = QListWidgetItem(f"{root.subject}  (SHA-256 {root.fingerprint[:16]}…)")
            item.setData(Qt.ItemDataRole.UserRole, root.fingerprint)
            self.roots.addItem(item)
        self.require.blockSignals(True)
        self.require.setChecked(require_signed(self.ctx.db))
        self.require.blockSignals(False)

    def choose_image(self, key: str, name: str | None = None) -> None:
        if name is None:
            name, _ = QFileDialog.getOpenFileName(self, "Chọn ảnh PNG", "", "Ảnh PNG (*.png)")
        if not name:
            return
        data = Path(name).read_bytes()
        if not data.startswith(b"\x89PNG") or not QPixmap().loadFromData(data):
            self.message.setText(f"Tệp {Path(name).name} không phải ảnh PNG.")
            return
        set_image(self.ctx.db, key, data)
        self.message.setText(f"Đã lưu ảnh {Path(name).name}.")
        self.load()

    def add_roots(self, names: list[str] | None = None) -> None:
        if not names:
            names, _ = QFileDialog.getOpenFileNames(
                self, "Chọn chứng thư gốc", "", "Chứng thư số (*.cer *.crt *.pem *.der)"
            )
        added = []
        for name in names or []:
            try:
                added += import_roots(self.ctx.db, Path(name))
            except TrustError as exc:
                self.message.setText(str(exc))
                return
        self.message.setText(f"Đã thêm {len(added)} chứng thư gốc tin cậy.")
        self.load()

    def remove_selected(self) -> None:
        item = self.roots.currentItem()
        if item is not None:
            remove_root(self.ctx.db, str(item.data(Qt.ItemDataRole.UserRole)))
            self.load()
