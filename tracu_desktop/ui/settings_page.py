"""“Thông tin chung”: organisation, signer, recipients, deadlines, units and fields.

Units and fields are never deleted: deactivating hides them from entry while their
stored figures and history stay. Saving emits ``ctx.catalog_changed``.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tracu_desktop.db.catalog import (
    CatalogError,
    get_deadlines,
    get_organisation,
    load_fields,
    load_units,
    save_field,
    save_organisation,
    save_unit,
    set_setting,
)
from tracu_desktop.models import Field, Level, Organisation, Unit, UnitKind
from tracu_desktop.textnorm import ascii_slug, nfc
from tracu_desktop.ui.context import AppContext

ORG_FIELDS = (
    ("name", "Tên cơ quan báo cáo"),
    ("short_name", "Tên ngắn (dùng đặt tên tệp)"),
    ("header_upper", "Tiêu đề dòng 1"),
    ("header_lower", "Tiêu đề dòng 2"),
    ("superior", "Cơ quan cấp trên"),
    ("recipient", "Nơi nhận báo cáo"),
    ("place", "Địa danh ghi ngày tháng"),
    ("report_suffix", "Ký hiệu văn bản"),
    ("signer_authority", "Thẩm quyền ký"),
    ("signer_title", "Chức vụ người ký"),
    ("signer_name", "Họ tên người ký"),
    ("preparer_name", "Người lập biểu"),
)
KIND_LABELS = {
    UnitKind.BODY: "UBND",
    UnitKind.OFFICE: "Phòng, ban",
    UnitKind.COMMUNE: "Xã, thị trấn",
    UnitKind.DISTRICT: "Huyện",
    UnitKind.GENERAL: "Số liệu chung",
}


class SettingsPage(QWidget):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tabs = QTabWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._org_tab())
        self.tabs.addTab(scroll, "Cơ quan, người ký")
        self.tabs.addTab(self._units_tab(), "Đơn vị")
        self.tabs.addTab(self._fields_tab(), "Lĩnh vực")
        from tracu_desktop.ui.signing_settings import SigningSettings

        self.signing_tab = SigningSettings(ctx)
        self.tabs.addTab(self.signing_tab, "Ký số")
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs)
        self.load()

    # --- organisation -------------------------------------------------------------------

    def _org_tab(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        self.org_edits: dict[str, QLineEdit] = {}
        for key, label in ORG_FIELDS:
            edit = QLineEdit()
            self.org_edits[key] = edit
            form.addRow(label + ":", edit)
        self.level = QComboBox()
        for lv in Level:
            self.level.addItem(lv.label, lv)
        form.addRow("Cấp báo cáo:", self.level)
        self.recipients = QPlainTextEdit()
        self.recipients.setPlaceholderText("Mỗi dòng một nơi nhận")
        self.recipients.setFixedHeight(96)
        form.addRow("Nơi nhận (cuối báo cáo):", self.recipients)
        self.deadline_units = QSpinBox()
        self.deadline_units.setRange(1, 28)
        self.deadline_province = QSpinBox()
        self.deadline_province.setRange(1, 28)
        form.addRow("Hạn đơn vị gửi số liệu (ngày của tháng cuối kỳ):", self.deadline_units)
        form.addRow("Hạn gửi báo cáo lên cấp trên (ngày):", self.deadline_province)
        save = QPushButton("Lưu thông tin")
        save.clicked.connect(self.save_org)
        form.addRow(save)
        return w

    def load(self) -> None:
        org = get_organisation(self.ctx.db)
        if org is not None:
            for key, edit in self.org_edits.items():
                edit.setText(str(getattr(org, key)))
            self.level.setCurrentIndex(self.level.findData(str(org.level)))
            self.recipients.setPlainText("\n".join(org.recipients))
        d = get_deadlines(self.ctx.db)
        self.deadline_units.setValue(int(d.get("units_to_district", 16)))
        self.deadline_province.setValue(int(d.get("district_to_province", 19)))
        self.reload_units()
        self.reload_fields()

    def save_org(self) -> None:
        data = {k: nfc(e.text().strip()) for k, e in self.org_edits.items()}
        if not data["name"]:
            QMessageBox.warning(self, "Thông tin chung", "Tên cơ quan báo cáo không được để trống.")
            return
        base = get_organisation(self.ctx.db)
        recips = tuple(
            nfc(x.strip()) for x in self.recipients.toPlainText().splitlines() if x.strip()
        )
        org = Organisation.from_dict(
            {
                **(base.to_dict() if base else {}),
                **data,
                "level": str(Level(self.level.currentData())),
                "recipients": list(recips),
            }
        )
        save_organisation(self.ctx.db, org)
        set_setting(
            self.ctx.db,
            "deadlines",
            {
                **get_deadlines(self.ctx.db),
                "units_to_district": self.deadline_units.value(),
                "district_to_province": self.deadline_province.value(),
            },
        )
        self.ctx.catalog_changed.emit()

    # --- units and fields -------------------------------------------------------------

    def _list_tab(self, headers: list[str], add, rename, toggle) -> tuple[QWidget, QTableWidget]:
        w = QWidget()
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setSelectionBehavior(QTableWidget.SelectRows)
        table.setEditTriggers(QTableWidget.NoEditTriggers)
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QHBoxLayout()
        for text, slot in (("Thêm…", add), ("Đổi tên…", rename), ("Ngừng dùng / dùng lại", toggle)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QVBoxLayout(w)
        lay.addLayout(buttons)
        lay.addWidget(table)
        return w, table

    def _units_tab(self) -> QWidget:
        w, self.units_table = self._list_tab(
            ["Mã", "Tên đơn vị", "Cấp", "Loại", "Trạng thái"],
            self.add_unit,
            self.rename_unit,
            self.toggle_unit,
        )
        return w

    def _fields_tab(self) -> QWidget:
        w, self.fields_table = self._list_tab(
            ["Mã", "Tên lĩnh vực", "Cấp", "Trạng thái"],
            self.add_field,
            self.rename_field,
            self.toggle_field,
        )
        return w

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                table.setItem(i, j, QTableWidgetItem(text))
        table.resizeColumnsToContents()

    def reload_units(self) -> None:
        self._units = load_units(self.ctx.db)
        self._fill(
            self.units_table,
            [
                [
                    u.code,
                    u.name,
                    u.level.label,
                    KIND_LABELS[u.kind],
                    "Đang dùng" if u.active else "Ngừng dùng",
                ]
                for u in self._units
            ],
        )

    def reload_fields(self) -> None:
        self._fields = load_fields(self.ctx.db)
        self._fill(
            self.fields_table,
            [
                [f.code, f.name, f.level.label, "Đang dùng" if f.active else "Ngừng dùng"]
                for f in self._fields
            ],
        )

    def _selected(self, table: QTableWidget, items: list):
        row = table.currentRow()
        return items[row] if 0 <= row < len(items) else None

    def _save(self, fn, obj) -> bool:
        try:
            fn(self.ctx.db, obj)
        except CatalogError as exc:
            QMessageBox.warning(self, "Danh mục", str(exc))
            return False
        self.reload_units()
        self.reload_fields()
        self.ctx.catalog_changed.emit()
        return True

    def _ask(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self, title, label, text=text)
        value = nfc(value.strip())
        return value if ok and value else None

    def add_unit(self) -> None:
        name = self._ask("Thêm đơn vị", "Tên đơn vị (xã, thị trấn hoặc phòng, ban):")
        if not name:
            return
        is_commune = name.lower().startswith(("xã", "thị trấn", "phường"))
        level = Level.COMMUNE if is_commune else Level.DISTRICT
        kind = UnitKind.COMMUNE if is_commune else UnitKind.OFFICE
        code = ("XA_" if is_commune else "P_") + ascii_slug(name).upper().replace("-", "_")
        parent = next((u.code for u in self._units if u.kind is UnitKind.BODY), None)
        self._save(save_unit, Unit(code, name, level, kind, None if is_commune else parent, 1000))

    def rename_unit(self) -> None:
        u: Unit | None = self._selected(self.units_table, self._units)
        if u is not None and (name := self._ask("Đổi tên đơn vị", "Tên mới:", u.name)):
            self._save(save_unit, replace(u, name=name))

    def toggle_unit(self) -> None:
        u: Unit | None = self._selected(self.units_table, self._units)
        if u is not None:
            self._save(save_unit, replace(u, active=not u.active))

    def add_field(self) -> None:
        name = self._ask("Thêm lĩnh vực", "Tên lĩnh vực:")
        if not name:
            return
        levels = [lv.label for lv in (Level.DISTRICT, Level.COMMUNE)]
        choice, ok = QInputDialog.getItem(self, "Thêm lĩnh vực", "Cấp:", levels, 0, False)
        if not ok:
            return
        level = Level.DISTRICT if choice == levels[0] else Level.COMMUNE
        code = ("H_" if level is Level.DISTRICT else "X_") + ascii_slug(name).upper().replace(
            "-", "_"
        )
        self._save(save_field, Field(code, name, level, 1000))

    def rename_field(self) -> None:
        f: Field | None = self._selected(self.fields_table, self._fields)
        if f is not None and (name := self._ask("Đổi tên lĩnh vực", "Tên mới:", f.name)):
            self._save(save_field, replace(f, name=name))

    def toggle_field(self) -> None:
        f: Field | None = self._selected(self.fields_table, self._fields)
        if f is not None:
            self._save(save_field, replace(f, active=not f.active))
