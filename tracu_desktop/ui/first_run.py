"""First start without a database: open the Trà Cú 2023 demo data, or create a new
organisation with a short wizard (name, level, place, signer) on top of the preset."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from tracu_desktop.core.models import Level
from tracu_desktop.core.textnorm import nfc
from tracu_desktop.db.handle import Database
from tracu_desktop.ui.buttons import ok_cancel

DEMO, NEW = "demo", "new"


class FirstRunDialog(QDialog):
    """Choice between the demo data and a new organisation; ``choice`` holds the answer."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Bắt đầu sử dụng")
        self.choice: str | None = None
        lay = QVBoxLayout(self)
        text = QLabel(
            "Chưa có dữ liệu. Bạn có thể mở dữ liệu mẫu của huyện Trà Cú năm 2023 để làm quen, "
            "hoặc tạo đơn vị mới để bắt đầu nhập số liệu của mình."
        )
        text.setWordWrap(True)
        lay.addWidget(text)
        demo = QPushButton("Mở dữ liệu mẫu Trà Cú 2023")
        new = QPushButton("Tạo đơn vị mới…")
        demo.clicked.connect(lambda: self._pick(DEMO))
        new.clicked.connect(lambda: self._pick(NEW))
        lay.addWidget(demo)
        lay.addWidget(new)
        self.resize(460, 160)

    def _pick(self, choice: str) -> None:
        self.choice = choice
        self.accept()


class NewOrganisationDialog(QDialog):
    """The short wizard: the preset gives units, fields and deadlines; these four override."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tạo đơn vị mới")
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText("Ví dụ: Ủy ban nhân dân huyện Trà Cú")
        self.level = QComboBox()
        for lv in (Level.DISTRICT, Level.COMMUNE, Level.PROVINCE):
            self.level.addItem(lv.label, lv)
        self.place = QLineEdit()
        self.place.setPlaceholderText("Ví dụ: Trà Cú")
        self.signer = QLineEdit()
        self.signer.setPlaceholderText("Họ tên người ký báo cáo")
        form.addRow("Tên cơ quan báo cáo:", self.name)
        form.addRow("Cấp:", self.level)
        form.addRow("Địa danh:", self.place)
        form.addRow("Người ký:", self.signer)
        note = QLabel(
            "Danh sách đơn vị, lĩnh vực lấy theo mẫu huyện Trà Cú; sửa lại ở mục “Thông tin chung”."
        )
        note.setWordWrap(True)
        buttons = ok_cancel(self, "Tạo")
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(buttons)
        self.resize(480, 220)

    def accept(self) -> None:
        if not self.name.text().strip() or not self.place.text().strip():
            QMessageBox.warning(self, "Tạo đơn vị mới", "Cần nhập tên cơ quan và địa danh.")
            return
        super().accept()

    def apply(self, db: Database) -> None:
        """Load the preset and store the organisation typed in the wizard."""
        from tracu_desktop.db.catalog import apply_preset, require_organisation, save_organisation

        apply_preset(db)
        name = nfc(self.name.text().strip())
        place = nfc(self.place.text().strip())
        org = replace(
            require_organisation(db),
            name=name,
            short_name=place,
            place=place,
            level=Level(self.level.currentData()),
            signer_name=nfc(self.signer.text().strip()),
            header_lower=name.upper().replace("ỦY BAN NHÂN DÂN ", ""),
        )
        save_organisation(db, org)
