"""“Thông tin chung”: organisation, signer, recipients, deadlines, units and fields.

Units and fields are never deleted: deactivating hides them from entry while their
stored figures and history stay. Saving emits ``ctx.catalog_changed``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
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

from tracu_desktop.core.models import LEVEL_ORDER, Field, Level, Organisation, Unit, UnitKind
from tracu_desktop.core.textnorm import ascii_slug, nfc
from tracu_desktop.core.vnformat import ParseError, format_date, parse_date
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
from tracu_desktop.interchange.catalog_csv import guess_kind
from tracu_desktop.ui.catalog_files import (
    FIELDS,
    UNITS,
    end_unit,
    export_catalog,
    import_catalog,
)
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
    UnitKind.COMMUNE: "Xã, phường, thị trấn",
    UnitKind.DISTRICT: "Huyện",
    UnitKind.GENERAL: "Số liệu chung",
}


def _validity(u: Unit) -> str:
    """ "từ 01/07/2025", "đến 30/06/2025" or both; empty when the unit has no dates."""
    parts = []
    if u.valid_from:
        parts.append(f"từ {format_date(u.valid_from)}")
    if u.valid_to:
        parts.append(f"đến {format_date(u.valid_to)}")
    return " ".join(parts)


class SettingsPage(QWidget):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tabs = QTabWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._org_tab())
        org = QWidget()
        org_lay = QVBoxLayout(org)
        org_lay.setContentsMargins(0, 0, 0, 0)
        org_lay.addLayout(self._save_bar())
        org_lay.addWidget(scroll, 1)
        self.tabs.addTab(org, "Cơ quan, người ký")
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
        for edit in self.org_edits.values():
            edit.textEdited.connect(lambda _t: self._show_state())
        self.recipients.textChanged.connect(self._show_state)
        self.level.currentIndexChanged.connect(lambda _i: self._show_state())
        self.deadline_units.valueChanged.connect(lambda _v: self._show_state())
        self.deadline_province.valueChanged.connect(lambda _v: self._show_state())
        return w

    def _save_bar(self) -> QHBoxLayout:
        """“Lưu thông tin” above the fields (never below the fold) with what happened."""
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 6, 6, 0)
        self.save_button = QPushButton("Lưu thông tin")
        self.save_button.clicked.connect(self.save_org)
        self.save_state = QLabel()
        self.save_state.setObjectName("saveState")
        bar.addWidget(self.save_button)
        bar.addWidget(self.save_state, 1)
        return bar

    def _org_values(self) -> tuple:
        return (
            tuple(e.text() for e in self.org_edits.values()),
            self.level.currentData(),
            self.recipients.toPlainText(),
            self.deadline_units.value(),
            self.deadline_province.value(),
        )

    def _show_state(self, saved_at: str = "") -> None:
        if not hasattr(self, "_saved_values"):
            return
        if self._org_values() != self._saved_values:
            self.save_state.setText("Có thay đổi chưa lưu.")
            self.save_state.setStyleSheet("color: #b00020;")
        elif saved_at:
            self.save_state.setText(f"Đã lưu lúc {saved_at}.")
            self.save_state.setStyleSheet("color: #1b6e20;")
        elif self.save_state.text().startswith("Có thay đổi"):
            self.save_state.setText("")

    # Unsaved organisation fields: the main window asks before they are dropped.
    def pending_edits(self) -> str:
        if hasattr(self, "_saved_values") and self._org_values() != self._saved_values:
            return "Thông tin chung (cơ quan, người ký)"
        return ""

    def save_pending(self) -> bool:
        return self.save_org()

    def discard_pending(self) -> None:
        self.load()

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
        self._saved_values = self._org_values()
        self._show_state()
        self.reload_units()
        self.reload_fields()

    def save_org(self) -> bool:
        data = {k: nfc(e.text().strip()) for k, e in self.org_edits.items()}
        if not data["name"]:
            QMessageBox.warning(self, "Thông tin chung", "Tên cơ quan báo cáo không được để trống.")
            return False
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
        self.load()
        self._show_state(datetime.now().strftime("%H:%M"))
        self.ctx.catalog_changed.emit()
        return True

    # --- units and fields -------------------------------------------------------------

    def _list_tab(
        self, headers: list[str], add, rename, toggle, extra: tuple = ()
    ) -> tuple[QWidget, QTableWidget]:
        w = QWidget()
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QHBoxLayout()
        for text, slot in (
            ("Thêm…", add),
            ("Đổi tên…", rename),
            ("Ngừng dùng / dùng lại", toggle),
            *extra,
        ):
            if text is None:
                buttons.addStretch(1)
                continue
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        if not any(text is None for text, _slot in extra):
            buttons.addStretch(1)
        lay = QVBoxLayout(w)
        lay.addLayout(buttons)
        lay.addWidget(table)
        return w, table

    def _units_tab(self) -> QWidget:
        w, self.units_table = self._list_tab(
            ["Mã", "Tên đơn vị", "Cấp", "Loại", "Trạng thái", "Hiệu lực", "Đơn vị kế thừa"],
            self.add_unit,
            self.rename_unit,
            self.toggle_unit,
            (
                ("Kết thúc vào ngày…", self.end_unit),
                (None, None),
                ("Nhập từ tệp CSV…", lambda: self.import_file(UNITS)),
                ("Xuất ra tệp CSV…", lambda: self.export_file(UNITS)),
            ),
        )
        return w

    def _fields_tab(self) -> QWidget:
        w, self.fields_table = self._list_tab(
            ["Mã", "Tên lĩnh vực", "Cấp", "Trạng thái"],
            self.add_field,
            self.rename_field,
            self.toggle_field,
            (
                (None, None),
                ("Nhập từ tệp CSV…", lambda: self.import_file(FIELDS)),
                ("Xuất ra tệp CSV…", lambda: self.export_file(FIELDS)),
            ),
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
        names = {u.code: u.name for u in self._units}
        self._fill(
            self.units_table,
            [
                [
                    u.code,
                    u.name,
                    u.level.label,
                    KIND_LABELS[u.kind],
                    "Đang dùng" if u.active else "Ngừng dùng",
                    _validity(u),
                    ", ".join(names.get(c, c) for c in u.successors),
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
        name = self._ask("Thêm đơn vị", "Tên đơn vị (xã, phường hoặc phòng, ban, sở):")
        if not name:
            return
        org = get_organisation(self.ctx.db)
        levels = sorted(Level, key=lambda lv: (org is None or lv is not org.level, LEVEL_ORDER[lv]))
        labels = [lv.label for lv in levels]
        choice, ok = QInputDialog.getItem(self, "Thêm đơn vị", "Cấp:", labels, 0, False)
        if not ok:
            return
        level = levels[labels.index(choice)]
        start, ok = QInputDialog.getText(
            self,
            "Thêm đơn vị",
            "Ngày bắt đầu hoạt động (ngày/tháng/năm; để trống nếu đã có từ trước):",
        )
        if not ok:
            return
        try:
            valid_from = parse_date(start.strip()) if start.strip() else None
        except ParseError as exc:
            QMessageBox.warning(self, "Thêm đơn vị", str(exc))
            return
        body = next((u.code for u in self._units if u.kind is UnitKind.BODY), None)
        kind = guess_kind(name, level, body)
        prefix = {UnitKind.COMMUNE: "XA_", UnitKind.DISTRICT: "H_"}.get(kind, "P_")
        code = prefix + ascii_slug(name).upper().replace("-", "_")
        taken = {u.code for u in self._units}
        base, n = code, 2
        while code in taken:
            code, n = f"{base}_{n}", n + 1
        self._save(save_unit, Unit(code, name, level, kind, body, 1000, valid_from=valid_from))

    def end_unit(self) -> None:
        """The unit ends on a date (merged, dissolved); its figures stay for that time."""
        u: Unit | None = self._selected(self.units_table, self._units)
        if u is not None and end_unit(self, self.ctx.db, u, self._units):
            self._after_catalog_change()

    def import_file(self, which: str, path: str | None = None) -> None:
        if import_catalog(self, self.ctx.db, which, path):
            self._after_catalog_change()

    def export_file(self, which: str, path: str | None = None) -> None:
        export_catalog(self, self.ctx.db, which, path)

    def _after_catalog_change(self) -> None:
        self.reload_units()
        self.reload_fields()
        self.ctx.catalog_changed.emit()

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
        present = {f.level for f in self._fields} or set(Level)
        order = [lv for lv in sorted(Level, key=lambda lv: LEVEL_ORDER[lv]) if lv in present]
        levels = [lv.label for lv in order]
        choice, ok = QInputDialog.getItem(self, "Thêm lĩnh vực", "Cấp:", levels, 0, False)
        if not ok:
            return
        level = order[levels.index(choice)]
        prefix = {Level.PROVINCE: "T_", Level.DISTRICT: "H_", Level.COMMUNE: "X_"}[level]
        code = prefix + ascii_slug(name).upper().replace("-", "_")
        self._save(save_field, Field(code, name, level, 1000))

    def rename_field(self) -> None:
        f: Field | None = self._selected(self.fields_table, self._fields)
        if f is not None and (name := self._ask("Đổi tên lĩnh vực", "Tên mới:", f.name)):
            self._save(save_field, replace(f, name=name))

    def toggle_field(self) -> None:
        f: Field | None = self._selected(self.fields_table, self._fields)
        if f is not None:
            self._save(save_field, replace(f, active=not f.active))
