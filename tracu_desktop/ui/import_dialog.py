"""“Nhập từ Excel”: choose files, preview every change and problem, confirm mappings, commit.

Entry point for the main window: ``ImportDialog(ctx, parent).exec()``. Nothing is written
until the clerk presses “Nhập số liệu”, and then everything or nothing is written.
Reading the files and writing the figures run off the GUI thread
(:class:`~tracu_desktop.ui.background.BackgroundOp` over :mod:`tracu_desktop.app.imports`),
so a hundred workbooks do not freeze the window.
"""

from __future__ import annotations

from functools import partial
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
    QMenu,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tracu_desktop.app import history, imports
from tracu_desktop.app.history import HistoryImportResult, HistoryPlan, HistoryPreview
from tracu_desktop.app.imports import ImportPlan, ImportPreview, ImportResult, MappingChoice
from tracu_desktop.core.indicators import indicator_map
from tracu_desktop.core.vnformat import format_date, format_int
from tracu_desktop.db.catalog import field_map, load_fields, load_units, unit_map
from tracu_desktop.db.periods import list_periods
from tracu_desktop.interchange.import_summary import HEADER as SUMMARY_HEADER
from tracu_desktop.interchange.import_summary import summarise, summary_table
from tracu_desktop.interchange.sheet_reader import column_letter
from tracu_desktop.interchange.workbook_parse import Message, Unmatched, mapping_key
from tracu_desktop.ui.background import BackgroundOp
from tracu_desktop.ui.context import AppContext
from tracu_desktop.ui.edits import push_import

FILE_FILTER = "Bảng tính Excel và gói số liệu (*.xlsx *.zip);;Tất cả các tệp (*)"
BY_FILE = "(theo tệp)"


FILES_TAB = 4  # the per-file summary, shown first when several files are imported
# A province's 124 packages change some 40.000 values: list the first ones only, the
# per-file summary says the rest (filling the table with all would freeze the dialog).
CHANGES_SHOWN = 2000


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


class ImportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.files: list[Path] = []
        self.plan: ImportPlan | None = None
        self.history: HistoryPlan | None = None  # a history package being imported
        self.op: BackgroundOp | None = None
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
        self.map_button = QPushButton("Ánh xạ cột…")
        self.map_button.setToolTip(
            "Chọn chỉ tiêu cho từng cột của bảng và lưu thành hồ sơ nhập dùng lại lần sau"
        )
        self.map_button.setEnabled(False)
        self.map_button.clicked.connect(self.map_columns)
        buttons.addWidget(self.map_button)
        self.profile_button = QPushButton("Hồ sơ nhập")
        menu = QMenu(self.profile_button)
        menu.addAction("Nạp hồ sơ nhập từ tệp…", self.load_profile)
        menu.addAction("Ghi hồ sơ nhập ra tệp…", self.write_profile)
        self.profile_button.setMenu(menu)
        buttons.addWidget(self.profile_button)
        left.addLayout(buttons)
        top.addLayout(left, 2)
        top.addLayout(form, 3)

        self.summary = QLabel("Chọn tệp rồi bấm “Xem trước”. Chưa có gì được ghi.")
        self.summary.setWordWrap(True)
        self.changes_table = _table(
            ["Tệp", "Đơn vị", "Lĩnh vực", "Chỉ tiêu", "Cũ", "Mới", "Nguồn"], stretch=3
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
        # One line per file: a province checks its communes' packages here, not value by value.
        self.files_table = _table(list(SUMMARY_HEADER), stretch=2)
        self.tabs.addTab(self.files_table, "Theo tệp")
        self.rollup_table = _table(["Đơn vị", "Lĩnh vực", "Chỉ tiêu"], stretch=2)
        self.rollup_tab = -1  # index of the “Cộng dồn” tab while a preview has one
        self.history_table = _table(
            ["Đơn vị bên gửi", "Thành đơn vị trong cơ sở dữ liệu này", "Mã", "Số liệu"], stretch=1
        )
        self.history_tab = -1  # index of the “Gói số liệu cũ” tab while one is previewed

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

    def _confirmed(self) -> list[MappingChoice]:
        return [
            MappingChoice(um.kind, um.level, um.label, box.currentData())
            for um, box in self._unmatched
            if box.currentData()
        ]

    @property
    def busy(self) -> bool:
        return self.op is not None and self.op.running

    def _run(self, op: BackgroundOp) -> None:
        self.op = op
        self.preview_button.setEnabled(False)
        self.commit_button.setEnabled(False)
        op.failed.connect(self._on_failed)
        op.cancelled.connect(self._on_cancelled)
        op.start()

    def preview(self) -> None:
        """Plan the import on a worker and show it; writes nothing."""
        if not self.files or self.busy:
            return
        self.history = None
        self._drop_history_tab()
        packages = [f for f in self.files if f.suffix.lower() == ".zip"]
        if any(history.is_history_package(f) for f in packages):
            self._preview_history()
            return
        self.summary.setText(f"Đang đọc {len(self.files)} tệp…")
        verb = partial(
            imports.plan_import,
            self.ctx.db_path,
            list(self.files),
            period=self.period_box.currentData(),
            unit=self.unit_box.currentData(),
            choices=self._confirmed(),
            check_rules=True,
        )
        op: BackgroundOp[ImportPreview] = BackgroundOp(self, verb, label="Đang đọc các tệp…")
        op.finished.connect(self._on_planned)
        self._run(op)

    # --- history packages --------------------------------------------------------------

    def _drop_history_tab(self) -> None:
        if self.history_tab >= 0:
            self.tabs.removeTab(self.history_tab)
            self.history_tab = -1

    def _preview_history(self) -> None:
        """A former district's package of several periods: imported alone, its units
        becoming predecessors of the unit chosen (by default the commune itself)."""
        self.plan = None
        if len(self.files) > 1:
            self.commit_button.setEnabled(False)
            self.summary.setText(
                "Gói số liệu cũ của đơn vị (nhiều kỳ) được nhập riêng, mỗi lần một gói: "
                "hãy chọn chỉ tệp đó."
            )
            return
        self.summary.setText(f"Đang đọc gói số liệu cũ {self.files[0].name}…")
        verb = partial(
            history.plan_history,
            self.ctx.db_path,
            self.files[0],
            successor=self.unit_box.currentData(),
        )
        op: BackgroundOp[HistoryPreview] = BackgroundOp(
            self, verb, label="Đang đọc gói số liệu cũ…"
        )
        op.finished.connect(self._on_history_planned)
        self._run(op)

    def _on_history_planned(self, preview: HistoryPreview) -> None:
        self.preview_button.setEnabled(True)
        plan = preview.plan
        self.history = plan
        self.new_errors = []
        name = plan.file
        units, fields, inds = unit_map(self.ctx.db), field_map(self.ctx.db), indicator_map()
        for u in plan.units:
            units.setdefault(u.code, u)
        rows = []
        for c in preview.changes[:CHANGES_SHOWN]:
            k = c.key
            rows.append(
                [
                    name,
                    units[k.unit].name if k.unit in units else k.unit,
                    fields[k.field].name if k.field in fields else "",
                    inds[k.indicator].label if k.indicator in inds else k.indicator,
                    "trống" if c.old is None else format_int(c.old),
                    "trống" if c.new is None else format_int(c.new),
                    f"kỳ {k.period}",
                ]
            )
        if len(preview.changes) > CHANGES_SHOWN:
            rows.append(
                ["", f"… và {format_int(len(preview.changes) - CHANGES_SHOWN)} giá trị khác"]
            )
        _fill(self.changes_table, rows)
        _fill(self.problems_table, [[name, "", "", "", p] for p in plan.problems])
        _fill(self.notes_table, [[name, "", "", "", n] for n in plan.notes])
        _fill(self.files_table, [])
        self.mapping_table.setRowCount(0)
        self._unmatched = []
        self.map_button.setEnabled(False)  # a package has no columns to map
        self._show_rollups_none()
        per_unit: dict[str, int] = {}
        for change in plan.batch:
            per_unit[change.key.unit] = per_unit.get(change.key.unit, 0) + 1
        successor = plan.successor.name if plan.successor else ""
        mapped = [
            [
                sent,
                f"{units[own].name if own in units else own} "
                + ("(đơn vị mới" if created else "(đơn vị có sẵn")
                + (f", kế thừa: {successor})" if successor else ")"),
                own,
                format_int(per_unit.get(own, 0)),
            ]
            for sent, own, created in plan.mapping
        ]
        _fill(self.history_table, mapped)
        self.history_tab = self.tabs.addTab(
            self.history_table, f"Gói số liệu cũ ({format_int(len(mapped))} đơn vị)"
        )
        self.tabs.setTabText(0, f"Thay đổi ({format_int(len(preview.changes))})")
        self.tabs.setTabText(1, f"Lỗi ({format_int(len(plan.problems))})")
        self.tabs.setTabText(2, f"Ghi chú ({format_int(len(plan.notes))})")
        if not plan.ok:
            self.summary.setText(
                f"Gói số liệu cũ {name} có {format_int(len(plan.problems))} lỗi: chưa thể nhập."
                "\n" + "\n".join("• " + p for p in plan.problems[:5])
            )
            self.tabs.setCurrentIndex(1)
            self.commit_button.setEnabled(False)
            return
        lines = [plan.notes[0] if plan.notes else f"Gói số liệu cũ {name}."]
        if plan.successor is not None:
            lines.append(
                f"Các đơn vị bên gửi thành đơn vị tiền thân của {successor} (xem tab "
                "“Gói số liệu cũ”), để báo cáo so sánh được với các kỳ trước."
            )
        if plan.periods:
            lines.append(
                "Sẽ tạo kỳ: "
                + "; ".join(
                    f"{code} ({format_date(a)} – {format_date(b)})" for code, a, b in plan.periods
                )
                + "."
            )
        replaced = sum(1 for c in preview.changes if c.old is not None)
        if replaced:
            lines.append(f"{format_int(replaced)} số liệu đã có sẽ được thay bằng số mới.")
        lines.append(
            f"Sẽ nhập {format_int(plan.figures)} số liệu. Bấm “Nhập số liệu” để ghi "
            "(tất cả hoặc không)."
        )
        self.summary.setText("\n".join(lines))
        self.tabs.setCurrentIndex(self.history_tab)
        self.commit_button.setEnabled(plan.figures > 0)

    def _show_rollups_none(self) -> None:
        if self.rollup_tab >= 0:
            self.tabs.removeTab(self.rollup_tab)
            self.rollup_tab = -1

    def _commit_history(self, plan: HistoryPlan) -> None:
        self.summary.setText("Đang ghi số liệu cũ…")
        verb = partial(history.commit_history, self.ctx.db_path, plan)
        op: BackgroundOp[HistoryImportResult] = BackgroundOp(
            self, verb, label="Đang ghi số liệu cũ…", writes=True
        )
        op.finished.connect(self._on_history_committed)
        self._run(op)

    def _on_history_committed(self, result: HistoryImportResult) -> None:
        push_import(self.ctx, result.changes, result.file)
        self.periods_created = list(result.periods_created)
        if result.units_saved:
            self.ctx.catalog_changed.emit()  # former units created or linked
        for period in result.periods:
            self.ctx.data_changed.emit(period)
        message = (
            f"Đã nhập {format_int(len(result.changes))} giá trị thay đổi "
            f"({format_int(result.figures)} số liệu đọc được) từ {result.file}."
        )
        if result.periods_created:
            message += f" Đã tạo kỳ {', '.join(result.periods_created)}."
        self.summary.setText(message)
        self.done_message = message
        self.commit_button.setEnabled(False)
        self.accept()

    def _on_planned(self, preview: ImportPreview) -> None:
        self.preview_button.setEnabled(True)
        self.plan = preview.plan
        self.new_errors = preview.new_errors
        self._show(self.plan)

    def _on_failed(self, message: str) -> None:
        self.preview_button.setEnabled(True)
        self.commit_button.setEnabled(False)
        self.summary.setText(f"Không đọc hoặc ghi được số liệu: {message}")
        QMessageBox.warning(self, "Không nhập được", message)

    def _on_cancelled(self) -> None:
        self.preview_button.setEnabled(True)
        self.commit_button.setEnabled(False)
        self.summary.setText("Đã hủy. Chưa có gì được ghi.")

    def _show(self, plan: ImportPlan) -> None:
        units = unit_map(self.ctx.db)
        fields = field_map(self.ctx.db)
        inds = indicator_map()
        source = {}
        for name, batch in plan.batches:
            for change in batch:
                source[change.key] = name
        rows = []
        for c in plan.changes[:CHANGES_SHOWN]:
            k = c.key
            rows.append(
                [
                    source.get(k, ""),
                    units[k.unit].name if k.unit in units else k.unit,
                    fields[k.field].name if k.field in fields else "",
                    inds[k.indicator].label if k.indicator in inds else k.indicator,
                    "trống" if c.old is None else format_int(c.old),
                    "trống" if c.new is None else format_int(c.new),
                    "theo quy tắc của hồ sơ nhập" if k in plan.rule_notes else "ô trong tệp",
                ]
            )
        if len(plan.changes) > CHANGES_SHOWN:
            more = len(plan.changes) - CHANGES_SHOWN
            rows.append(["", f"… và {format_int(more)} giá trị khác (xem tab “Theo tệp”)"])
        _fill(self.changes_table, rows)
        for r, c in enumerate(plan.changes):
            source_cell = self.changes_table.item(r, 6)
            if c.key in plan.rule_notes and source_cell is not None:
                source_cell.setToolTip(plan.rule_notes[c.key][1])
        self.map_button.setEnabled(any(p.layout is not None for p in plan.files))
        _fill(self.problems_table, [_where_cells(m) for m in plan.problems])
        _fill(self.notes_table, [_where_cells(m) for m in plan.notes])
        self._show_rollups(plan, units, fields, inds)
        self._show_unmatched(plan)
        self._show_files(plan, units)
        if plan.ok:
            text = (
                f"Đọc được {format_int(plan.figures)} số liệu; {format_int(len(plan.changes))} "
                "giá trị sẽ thay đổi. Bấm “Nhập số liệu” để ghi (tất cả hoặc không)."
            )
            if plan.rule_notes:
                text += (
                    f"\n{format_int(len(plan.rule_notes))} số liệu không lấy trực tiếp từ tệp mà "
                    "theo quy tắc của hồ sơ nhập (xem cột “Nguồn”)."
                )
            if self.new_errors:
                shown = "\n".join("• " + i.message for i in self.new_errors[:5])
                more = len(self.new_errors) - 5
                text += f"\nSau khi nhập sẽ có {len(self.new_errors)} lỗi mới:\n{shown}" + (
                    f"\n… và {more} lỗi khác." if more > 0 else ""
                )
            if plan.replaced:
                text += (
                    f"\n{format_int(len(plan.replaced))} số liệu đã có sẽ được thay bằng số mới "
                    "(cột “Cũ” và “Mới”): xem kỹ trước khi nhập."
                )
            self.summary.setText(text)
            self.tabs.setCurrentIndex(
                self.rollup_tab
                if self.rollup_tab >= 0
                else (FILES_TAB if len(plan.files) > 1 else 0)
            )
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

    def _show_rollups(self, plan: ImportPlan, units: dict, fields: dict, inds: dict) -> None:
        """Monthly (weekly) sheets summed: each sheet's figure, the sum, what is stored."""
        if self.rollup_tab >= 0:
            self.tabs.removeTab(self.rollup_tab)
            self.rollup_tab = -1
        if not plan.rollups:
            return
        stored = {(c.key.unit, c.key.field, c.key.indicator): c.old for c in plan.changes}
        sources = [src for r in plan.rollups for src in r.sources]
        headers = ["Đơn vị", "Lĩnh vực", "Chỉ tiêu", *sources, "Cộng dồn", "Đang có"]
        self.rollup_table.setColumnCount(len(headers))
        self.rollup_table.setHorizontalHeaderLabels(headers)
        rows: list[list[str]] = []
        offset = 0
        for r in plan.rollups:
            order = {code: i for i, code in enumerate(inds)}
            for cell in sorted(r.totals, key=lambda k: (k[0], k[1], order.get(k[2], 999))):
                unit, fld, ind = cell
                per = r.per_source.get(cell, [])
                figures = [""] * len(sources)
                for i, v in enumerate(per):
                    figures[offset + i] = "" if v is None else format_int(v)
                old = stored.get(cell, r.totals[cell])
                rows.append(
                    [
                        units[unit].name if unit in units else unit,
                        fields[fld].name if fld in fields else "",
                        inds[ind].label if ind in inds else ind,
                        *figures,
                        format_int(r.totals[cell]),
                        "trống" if old is None else format_int(old),
                    ]
                )
            offset += len(r.sources)
        self.rollup_table.setRowCount(len(rows))
        numeric_from = 3
        for i, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if c >= numeric_from:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.rollup_table.setItem(i, c, item)
        self.rollup_table.resizeColumnsToContents()
        self.rollup_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.rollup_tab = self.tabs.addTab(
            self.rollup_table, f"Cộng dồn {len(sources)} kỳ nhỏ ({format_int(len(rows))})"
        )

    def _show_files(self, plan: ImportPlan, units: dict) -> None:
        rows = summarise(plan, units)
        table = summary_table(rows)
        _fill(self.files_table, [list(r) for r in (table if len(rows) > 1 else table[:-1])])
        self.tabs.setTabText(FILES_TAB, f"Theo tệp ({format_int(len(rows))})")

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

    def map_columns(self) -> None:
        """Map the columns of the first table that needs it (or was read by a profile)."""
        from tracu_desktop.interchange.profile_import import AD_HOC, suggested_targets
        from tracu_desktop.ui.column_map_dialog import ColumnMapDialog

        if self.plan is None:
            return
        parsed = next((p for p in self.plan.files if p.layout is not None), None)
        if parsed is None:
            return
        used = parsed.profile
        profile = used if used is not None and used.name != AD_HOC else None  # type: ignore[attr-defined]
        dialog = ColumnMapDialog(
            self.ctx,
            parsed.layout,  # type: ignore[arg-type]
            suggested_targets(parsed.layout, parsed.profile),  # type: ignore[arg-type]
            file_name=parsed.file,
            profile=profile,  # type: ignore[arg-type]
            parent=self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.preview()  # the saved profile is recognised by the header's shape

    def load_profile(self) -> None:
        """Load a profile file (sent by the province) and read the files again with it."""
        from tracu_desktop.ui.profile_files import load_profile_file

        if load_profile_file(self, self.ctx) and self.files:
            self.preview()

    def write_profile(self) -> None:
        """Write the profile that read the previewed file (or one chosen) to a file."""
        from tracu_desktop.ui.profile_files import write_profile_file

        used = next((p.profile for p in (self.plan.files if self.plan else []) if p.profile), None)
        write_profile_file(self, self.ctx, getattr(used, "name", None))

    new_errors: list = []  # errors the previewed import would add
    done_message = ""  # what the import changed, for the main window's confirmation
    periods_created: list[str] = []  # by a history package: the window lists them

    def commit(self) -> None:
        """Write the previewed plan (all or nothing) on the write worker and remember
        the confirmed mappings; the dialog closes when it is written."""
        if self.busy:
            return
        if self.history is not None:
            if self.history.ok:
                self._commit_history(self.history)
            return
        if self.plan is None or not self.plan.ok:
            return
        self.summary.setText("Đang ghi số liệu…")
        verb = partial(
            imports.commit_import, self.ctx.db_path, self.plan, remember=self._confirmed()
        )
        op: BackgroundOp[ImportResult] = BackgroundOp(
            self, verb, label="Đang ghi số liệu…", writes=True
        )
        op.finished.connect(self._on_committed)
        self._run(op)

    def reject(self) -> None:
        """Closing stops the reading of files; figures being written are finished first,
        so the window hears of them (undo, refresh)."""
        if self.busy and self.op is not None:
            if self.op.writes:
                self.summary.setText("Đang ghi số liệu, xin chờ một chút…")
                return
            self.op.cancel()
        super().reject()

    def _on_committed(self, result: ImportResult) -> None:
        done = result.changes
        push_import(self.ctx, done, ", ".join(Path(f).name for f in self.files))
        for period in result.periods:
            self.ctx.data_changed.emit(period)
        message = f"Đã nhập {format_int(len(done))} giá trị thay đổi từ {len(self.files)} tệp." + (
            " Muốn bỏ lần nhập này, chọn “Sửa → Hoàn tác” (Ctrl+Z)." if done else ""
        )
        self.summary.setText(message)
        self.done_message = message
        self.commit_button.setEnabled(False)
        self.accept()
