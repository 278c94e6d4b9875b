"""“Nhập từ Excel”: choose files, preview every change and problem, confirm mappings, commit.

Entry point for the main window: ``ImportDialog(ctx, parent).exec()``. Nothing is written
until the clerk presses “Nhập số liệu”, and then everything or nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tracu_desktop.core.indicators import indicator_map
from tracu_desktop.core.vnformat import format_int
from tracu_desktop.db.catalog import field_map, load_fields, load_units, unit_map
from tracu_desktop.db.periods import list_periods
from tracu_desktop.interchange.sheet_reader import column_letter
from tracu_desktop.interchange.workbook_import import (
    ImportPlan,
    commit_import,
    plan_import,
    remember_mapping,
)
from tracu_desktop.interchange.workbook_parse import Message, Unmatched, mapping_key
from tracu_desktop.ui.context import AppContext
from tracu_desktop.ui.edits import push_import

FILE_FILTER = "Bảng tính Excel và gói số liệu (*.xlsx *.zip);;Tất cả các tệp (*)"
BY_FILE = "(theo tệp)"


def _table(headers: list[str], stretch: int = -1) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.verticalHeader().setVisible(False)
    column = stretch if stretch >= 0 else len(headers) - 1
    t.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return t


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if text and (text[0].isdigit() or text == "trống") and c >= len(row) - 2:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


def _where_cells(m: Message) -> list[str]:
    w = m.where
    return [
        w.file,
        w.sheet,
        str(w.row) if w.row else "",
        column_letter(w.col) if w.col else "",
        m.text,
    ]


def errors_after(db, changes) -> list:
    """The errors the planned changes would add (rules they are about to break)."""
    from tracu_desktop.core.periods import previous_code
    from tracu_desktop.core.validation import validate
    from tracu_desktop.db.aggregate import previous_pending
    from tracu_desktop.db.checks import names
    from tracu_desktop.db.periods import get_period
    from tracu_desktop.db.values import get_values

    found = []
    labels = names(db)
    for period in sorted({c.key.period for c in changes}):
        p = get_period(db, period)
        if p is None:
            continue
        before = get_values(db, period)
        after = dict(before)
        for c in changes:
            if c.key.period == period:
                k = (c.key.unit, c.key.field, c.key.indicator)
                if c.new is None:
                    after.pop(k, None)
                else:
                    after[k] = c.new
        prev = previous_pending(db, period) if get_period(db, previous_code(period)) else None
        old = {
            (i.rule, i.unit, i.field)
            for i in validate(before, labels, prev, on=p.end)
            if i.is_error
        }
        found += [
            i
            for i in validate(after, labels, prev, on=p.end)
            if i.is_error and (i.rule, i.unit, i.field) not in old
        ]
    return found


class ImportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.files: list[Path] = []
        self.plan: ImportPlan | None = None
        self.setWindowTitle("Nhập số liệu từ tệp Excel hoặc gói số liệu")
        from tracu_desktop.ui.screen_fit import fit_to_screen

        fit_to_screen(self, 1000, 640)

        self.file_list = QListWidget()
        self.file_list.setMaximumHeight(110)
        choose = QPushButton("Chọn tệp…")
        choose.clicked.connect(self._choose)
        self.period_box = QComboBox()
        self.period_box.addItem(BY_FILE, None)
        for p in list_periods(ctx.db):
            self.period_box.addItem(f"{p.code} — {p.label()}", p.code)
        self.unit_box = QComboBox()
        self.unit_box.addItem(BY_FILE, None)
        for u in load_units(ctx.db, include_inactive=False):
            self.unit_box.addItem(f"{u.name} ({u.code})", u.code)
        form = QFormLayout()
        form.addRow("Kỳ báo cáo:", self.period_box)
        form.addRow("Đơn vị nhận số liệu:", self.unit_box)
        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel("Tệp sẽ nhập:"))
        left.addWidget(self.file_list)
        buttons = QHBoxLayout()
        buttons.addWidget(choose)
        self.preview_button = QPushButton("Xem trước")
        self.preview_button.clicked.connect(self.preview)
        buttons.addWidget(self.preview_button)
        left.addLayout(buttons)
        top.addLayout(left, 2)
        top.addLayout(form, 3)

        self.summary = QLabel("Chọn tệp rồi bấm “Xem trước”. Chưa có gì được ghi.")
        self.summary.setWordWrap(True)
        self.changes_table = _table(
            ["Tệp", "Đơn vị", "Lĩnh vực", "Chỉ tiêu", "Cũ", "Mới"], stretch=3
        )
        self.problems_table = _table(["Tệp", "Trang", "Dòng", "Cột", "Vấn đề"])
        self.notes_table = _table(["Tệp", "Trang", "Dòng", "Cột", "Ghi chú"])
        self.mapping_table = _table(["Tên trong tệp", "Loại", "Lĩnh vực / đơn vị tương ứng"])
        mapping_page = QWidget()
        mp = QVBoxLayout(mapping_page)
        mp.addWidget(
            QLabel(
                "Tên không khớp danh mục: chọn lĩnh vực hoặc đơn vị tương ứng rồi bấm “Áp dụng”. "
                "Lựa chọn được ghi nhớ cho các tệp cùng dạng."
            )
        )
        mp.addWidget(self.mapping_table)
        apply_map = QPushButton("Áp dụng")
        apply_map.clicked.connect(self.preview)
        mp.addWidget(apply_map, alignment=Qt.AlignmentFlag.AlignRight)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.changes_table, "Thay đổi")
        self.tabs.addTab(self.problems_table, "Lỗi")
        self.tabs.addTab(self.notes_table, "Ghi chú")
        self.tabs.addTab(mapping_page, "Ánh xạ tên")

        self.commit_button = QPushButton("Nhập số liệu")
        self.commit_button.setEnabled(False)
        self.commit_button.clicked.connect(self.commit)
        close = QPushButton("Đóng")
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.commit_button)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        if ctx.period:
            i = self.period_box.findData(ctx.period)
            if i >= 0:
                self.period_box.setCurrentIndex(i)
        self._unmatched: list[tuple[Unmatched, QComboBox]] = []

    # --- actions ---------------------------------------------------------------------

    def _choose(self) -> None:
        start = str(self.ctx.settings.value("import/last_dir", str(Path.home())))
        names, _ = QFileDialog.getOpenFileNames(self, "Chọn tệp để nhập", start, FILE_FILTER)
        if names:
            self.ctx.settings.setValue("import/last_dir", str(Path(names[0]).parent))
            self.set_files([Path(n) for n in names])

    def set_files(self, paths: list[Path]) -> None:
        self.files = list(paths)
        self.file_list.clear()
        self.file_list.addItems([p.name for p in self.files])
        self._unmatched = []
        self.mapping_table.setRowCount(0)
        self.preview()

    def _confirmed(self) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {"field": {}, "unit": {}}
        for um, box in self._unmatched:
            code = box.currentData()
            if code:
                out[um.kind][mapping_key(um.level, um.label)] = code
        return out

    def preview(self) -> None:
        """Plan the import and show it; writes nothing."""
        if not self.files:
            return
        self.plan = plan_import(
            self.ctx.db,
            self.files,
            period=self.period_box.currentData(),
            unit=self.unit_box.currentData(),
            extra_mappings=self._confirmed(),
        )
        self._show(self.plan)

    def _show(self, plan: ImportPlan) -> None:
        units = unit_map(self.ctx.db)
        fields = field_map(self.ctx.db)
        inds = indicator_map()
        source = {}
        for name, batch in plan.batches:
            for c in batch:
                source[c.key] = name
        rows = []
        for c in plan.changes:
            k = c.key
            rows.append(
                [
                    source.get(k, ""),
                    units[k.unit].name if k.unit in units else k.unit,
                    fields[k.field].name if k.field in fields else "",
                    inds[k.indicator].label if k.indicator in inds else k.indicator,
                    "trống" if c.old is None else format_int(c.old),
                    "trống" if c.new is None else format_int(c.new),
                ]
            )
        _fill(self.changes_table, rows)
        _fill(self.problems_table, [_where_cells(m) for m in plan.problems])
        _fill(self.notes_table, [_where_cells(m) for m in plan.notes])
        self._show_unmatched(plan)
        if plan.ok:
            text = (
                f"Đọc được {format_int(plan.figures)} số liệu; {format_int(len(plan.changes))} "
                "giá trị sẽ thay đổi. Bấm “Nhập số liệu” để ghi (tất cả hoặc không)."
            )
            self.new_errors = errors_after(self.ctx.db, plan.changes)
            if self.new_errors:
                shown = "\n".join("• " + i.message for i in self.new_errors[:5])
                more = len(self.new_errors) - 5
                text += f"\nSau khi nhập sẽ có {len(self.new_errors)} lỗi mới:\n{shown}" + (
                    f"\n… và {more} lỗi khác." if more > 0 else ""
                )
            self.summary.setText(text)
            self.tabs.setCurrentIndex(0)
        else:
            self.summary.setText(
                f"Có {format_int(len(plan.problems))} lỗi: chưa thể nhập. Sửa tệp hoặc chọn "
                "ánh xạ rồi xem trước lại."
            )
            self.tabs.setCurrentIndex(3 if self._unmatched else 1)
        self.tabs.setTabText(0, f"Thay đổi ({format_int(len(plan.changes))})")
        self.tabs.setTabText(1, f"Lỗi ({format_int(len(plan.problems))})")
        self.tabs.setTabText(2, f"Ghi chú ({format_int(len(plan.notes))})")
        self.commit_button.setEnabled(plan.ok and bool(plan.batches))

    def _show_unmatched(self, plan: ImportPlan) -> None:
        previous = {
            mapping_key(um.level, um.label): box.currentData() for um, box in self._unmatched
        }
        seen: set[str] = set()
        items: list[Unmatched] = []
        for parsed in plan.files:
            for um in parsed.unmatched:
                key = mapping_key(um.level, um.label)
                if key not in seen:
                    seen.add(key)
                    items.append(um)
        keep = [
            (um, box)
            for um, box in self._unmatched
            if previous.get(mapping_key(um.level, um.label))
        ]
        for um in items:
            box = QComboBox()
            box.addItem("(chưa chọn)", None)
            if um.kind == "unit":
                choices = [
                    (u.name, u.code) for u in load_units(self.ctx.db, include_inactive=False)
                ]
            else:
                level_fields = load_fields(self.ctx.db, um.level, include_inactive=False)
                choices = [(f.name, f.code) for f in level_fields]
            by_name = dict(choices)
            for name in um.suggestions:
                if name in by_name:
                    box.addItem(f"{name} (gợi ý)", by_name[name])
            for name, code in choices:
                box.addItem(name, code)
            keep.append((um, box))
        self._unmatched = keep
        self.mapping_table.setRowCount(len(keep))
        for r, (um, box) in enumerate(keep):
            self.mapping_table.setItem(r, 0, QTableWidgetItem(um.label))
            kind = "Đơn vị" if um.kind == "unit" else um.level.label  # type: ignore[union-attr]
            self.mapping_table.setItem(r, 1, QTableWidgetItem(kind))
            self.mapping_table.setCellWidget(r, 2, box)
        self.mapping_table.resizeColumnsToContents()

    new_errors: list = []  # errors the previewed import would add
    done_message = ""  # what the import changed, for the main window's confirmation

    def commit(self) -> None:
        """Write the previewed plan (all or nothing) and remember confirmed mappings."""
        if self.plan is None or not self.plan.ok:
            return
        try:
            done = commit_import(self.ctx.db, self.plan)
        except Exception as exc:  # e.g. the period was locked meanwhile
            QMessageBox.warning(self, "Không nhập được", str(exc))
            return
        for um, box in self._unmatched:
            code = box.currentData()
            if code:
                for parsed in self.plan.files:
                    if parsed.shape:
                        remember_mapping(
                            self.ctx.db, parsed.shape, "field", str(um.level), um.label, code
                        )
        push_import(self.ctx, done, ", ".join(Path(f).name for f in self.files))
        for period in sorted({s[0] for s in self.plan.submissions} | {r.key.period for r in done}):
            self.ctx.data_changed.emit(period)
        message = f"Đã nhập {format_int(len(done))} giá trị thay đổi từ {len(self.files)} tệp." + (
            " Muốn bỏ lần nhập này, chọn “Sửa → Hoàn tác” (Ctrl+Z)." if done else ""
        )
        self.summary.setText(message)
        self.done_message = message
        self.commit_button.setEnabled(False)
        self.accept()
