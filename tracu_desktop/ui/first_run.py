"""First start without a database: open the Trà Cú 2023 demo data, or create a new
organisation of any level with a short wizard.

The wizard offers every province and commune of the country (``resources/admin``) with its
official code; the organisation gets only itself, its level's "số liệu chung" unit and its
level's field catalog (``resources/presets/levels``), or starts from a ready preset."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from tracu_desktop.core import admin_units
from tracu_desktop.core.level_preset import level_preset, place_of
from tracu_desktop.core.models import Level
from tracu_desktop.core.preset import Preset, PresetError, available_presets, load_preset
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
            "hoặc tạo cơ quan mới (xã, phường, tỉnh…) để bắt đầu nhập số liệu của mình."
        )
        text.setWordWrap(True)
        lay.addWidget(text)
        demo = QPushButton("Mở dữ liệu mẫu Trà Cú 2023")
        new = QPushButton("Tạo cơ quan mới…")
        demo.clicked.connect(lambda: self._pick(DEMO))
        new.clicked.connect(lambda: self._pick(NEW))
        lay.addWidget(demo)
        lay.addWidget(new)
        self.resize(460, 160)

    def _pick(self, choice: str) -> None:
        self.choice = choice
        self.accept()


NEW_ONLY = ""  # the "start from" choice: only the organisation itself
NEXT_STEPS = (
    "<b>Việc tiếp theo</b> sau khi tạo:<br>"
    "1. Tạo kỳ báo cáo: menu <i>Kỳ báo cáo → Tạo kỳ báo cáo mới…</i> "
    "(kỳ của năm nay được tạo sẵn).<br>"
    "2. Nhập số liệu vào bảng, hoặc nhập từ tệp: <i>Tệp → Nhập số liệu từ tệp Excel, "
    "gói số liệu…</i><br>"
    "3. Thêm đơn vị, lĩnh vực hoặc nhập danh sách từ tệp CSV: <i>Thông tin chung → Đơn vị, "
    "Lĩnh vực</i>."
)
LEVELS = (
    (Level.COMMUNE, "Cấp xã (xã, phường, đặc khu)"),
    (Level.PROVINCE, "Cấp tỉnh (tỉnh, thành phố)"),
    (Level.DISTRICT, "Cấp huyện (trước 01/07/2025)"),
)


def _searchable(combo: QComboBox) -> None:
    """Typing part of a name ("tap son") finds it among hundreds of communes."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = combo.completer()
    if completer is None:  # an editable combo box always has one
        return
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)


class NewOrganisationDialog(QDialog):
    """The wizard: level, province and commune from the national list (official codes),
    name, superior, place and signer filled in from the choice and editable; or a preset."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tạo cơ quan mới")
        form = QFormLayout()
        self.start = QComboBox()
        self.start.addItem("Cơ quan mới: chỉ cơ quan này và danh mục lĩnh vực của cấp", NEW_ONLY)
        for name in available_presets():
            try:
                org = load_preset(name).organisation
            except PresetError:
                continue
            self.start.addItem(f"Bộ cấu hình có sẵn “{name}”: {org.name}", name)
        self.level = QComboBox()
        for lv, label in LEVELS:
            self.level.addItem(label, lv)
        self.province = QComboBox()
        for prov in admin_units.provinces():
            self.province.addItem(f"{prov.name} (mã {prov.code})", prov.code)
        _searchable(self.province)
        self.commune = QComboBox()
        _searchable(self.commune)
        self.name = QLineEdit()
        self.name.setPlaceholderText("Ví dụ: Ủy ban nhân dân xã Tập Sơn")
        self.superior = QLineEdit()
        self.superior.setPlaceholderText("Ví dụ: Ủy ban nhân dân tỉnh Vĩnh Long")
        self.place = QLineEdit()
        self.place.setPlaceholderText("Ví dụ: Tập Sơn")
        self.signer = QLineEdit()
        self.signer.setPlaceholderText("Họ tên người ký báo cáo")
        self.code = QLabel()
        form.addRow("Bắt đầu từ:", self.start)
        form.addRow("Cấp:", self.level)
        form.addRow("Tỉnh, thành phố:", self.province)
        form.addRow("Xã, phường, đặc khu:", self.commune)
        form.addRow("Mã đơn vị hành chính:", self.code)
        form.addRow("Tên cơ quan báo cáo:", self.name)
        form.addRow("Cơ quan cấp trên:", self.superior)
        form.addRow("Địa danh:", self.place)
        form.addRow("Người ký:", self.signer)
        self.form = form
        source = admin_units.source()
        note = QLabel(
            "Danh mục tỉnh, xã theo đơn vị hành chính từ 01/07/2025 "
            f"(dữ liệu {source.package} {source.version}, giấy phép {source.licence}). "
            "Cơ quan mới chỉ có chính nó và đơn vị “số liệu chung”; mọi thông tin sửa lại được "
            "ở mục “Thông tin chung”."
        )
        note.setWordWrap(True)
        self.next_steps = QLabel(NEXT_STEPS)
        self.next_steps.setWordWrap(True)
        self.next_steps.setObjectName("nextSteps")
        buttons = ok_cancel(self, "Tạo")
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(self.next_steps)
        lay.addStretch(1)
        lay.addWidget(buttons)
        self.start.currentIndexChanged.connect(lambda _i: self._show_rows())
        self.level.currentIndexChanged.connect(lambda _i: self._level_changed())
        self.province.currentIndexChanged.connect(lambda _i: self._province_changed())
        self.commune.currentIndexChanged.connect(lambda _i: self._fill_from_choice())
        self.select_province("86")
        self._show_rows()
        self.resize(620, 520)

    # --- choices ------------------------------------------------------------------------

    def chosen_level(self) -> Level:
        return Level(self.level.currentData())

    def chosen_preset(self) -> str:
        return str(self.start.currentData() or NEW_ONLY)

    def select_province(self, code: str) -> None:
        self.province.setCurrentIndex(self.province.findData(code))
        self._province_changed()

    def select_commune(self, code: str) -> None:
        self.commune.setCurrentIndex(self.commune.findData(code))
        self._fill_from_choice()

    def _show_rows(self) -> None:
        from_scratch = self.chosen_preset() == NEW_ONLY
        commune = self.chosen_level() is Level.COMMUNE
        for widget, visible in (
            (self.level, from_scratch),
            (self.province, from_scratch),
            (self.commune, from_scratch and commune),
            (self.code, from_scratch and self.chosen_level() is not Level.DISTRICT),
            (self.name, from_scratch),
            (self.superior, from_scratch),
            (self.place, from_scratch),
        ):
            self.form.setRowVisible(widget, visible)

    def _level_changed(self) -> None:
        self._show_rows()
        self._fill_from_choice()

    def _province_changed(self) -> None:
        code = self.province.currentData()
        self.commune.blockSignals(True)
        self.commune.clear()
        if code:
            for c in admin_units.communes(code):
                self.commune.addItem(f"{c.name} (mã {c.code})", c.code)
        self.commune.blockSignals(False)
        self._fill_from_choice()

    def _fill_from_choice(self) -> None:
        """Name, superior, place and code from the national list (still editable)."""
        code = self.province.currentData()
        if not code:
            return
        prov = admin_units.province(code)
        level = self.chosen_level()
        if level is Level.COMMUNE and self.commune.currentData():
            c = admin_units.commune(self.commune.currentData())
            self.name.setText(c.authority)
            self.superior.setText(prov.authority)
            self.place.setText(c.short_name)
            self.code.setText(c.code)
        elif level is Level.PROVINCE:
            self.name.setText(prov.authority)
            self.superior.setText("Văn phòng Chính phủ")
            self.place.setText(prov.short_name)
            self.code.setText(prov.code)
        elif level is Level.DISTRICT:
            self.name.setText("")
            self.superior.setText(prov.authority)
            self.place.setText("")
            self.code.setText("")

    # --- result -------------------------------------------------------------------------

    def accept(self) -> None:
        if self.chosen_preset() == NEW_ONLY and (
            not self.name.text().strip() or not self.superior.text().strip()
        ):
            QMessageBox.warning(
                self, "Tạo cơ quan mới", "Cần nhập tên cơ quan báo cáo và cơ quan cấp trên."
            )
            return
        super().accept()

    def preset(self) -> Preset:
        """The organisation to create: the level's defaults filled in, or the preset."""
        signer = nfc(self.signer.text().strip())
        name = self.chosen_preset()
        if name != NEW_ONLY:
            p = load_preset(name)
            if signer:
                p = replace(p, organisation=replace(p.organisation, signer_name=signer))
            return p
        level = self.chosen_level()
        typed = nfc(self.name.text().strip())
        place = nfc(self.place.text().strip()) or place_of(typed)
        code = self.code.text().strip() if level is not Level.DISTRICT else ""
        return level_preset(level, typed, self.superior.text(), place, code or None, signer)

    def apply(self, db: Database) -> None:
        """Store the organisation, its units and fields."""
        from tracu_desktop.db.catalog import apply_preset

        apply_preset(db, self.preset())
