"""“Ánh xạ cột”: map each column of an export to indicators, once, as a named profile.

Shows the header rows as found in the file, then one line per column with figures: its
captions, the form-06 indicator it feeds (several columns on one indicator are summed)
and, optionally, a detail indicator. The rule for a column holding (8) and (9) together
is chosen explicitly. Saving stores the profile; the import recognises it by the header's
shape from then on.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tracu_desktop.core.entry_spec import column_number, entry_spec
from tracu_desktop.core.form_roles import BY_FIELD, BY_UNIT, DOSSIER_DETAIL, DOSSIERS, form_of
from tracu_desktop.core.indicators import indicator_map, indicators_of_form
from tracu_desktop.interchange.header_grid import HeaderGrid
from tracu_desktop.interchange.import_profile import (
    EARLY_OR_ON_TIME,
    IGNORE,
    ROW_KINDS,
    ImportProfile,
    ProfileError,
    profile_from_grid,
    save_profile,
    split_rules,
)
from tracu_desktop.interchange.sheet_reader import column_letter
from tracu_desktop.ui.context import AppContext


def _number(code: str) -> str:
    """ "(4)": the column of a form-06 input in the newest form version (from its spec)."""
    number = column_number(code)
    return f"({number})" if number is not None else ""


def _form06_inputs() -> tuple[str, ...]:
    return entry_spec(form_of(DOSSIERS)).inputs()


EXTRA_DETAIL = ("digitized_dossiers", "digitized_results")
NO_DETAIL = "(không)"
IGNORE_TEXT = "Bỏ qua (không nhập)"
COMBINED_TEXT = "Trước hạn và đúng hạn chung một cột — theo quy tắc bên dưới"


def _main_choices() -> list[tuple[str, str]]:
    inds = indicator_map()
    out = [(IGNORE_TEXT, IGNORE)]
    out += [(f"{_number(c)} {inds[c].label}", c) for c in _form06_inputs()]
    out.append((COMBINED_TEXT, EARLY_OR_ON_TIME))
    return out


def _detail_choices() -> list[tuple[str, str]]:
    inds = indicator_map()
    detail = {
        i.code for i in indicators_of_form(form_of(DOSSIER_DETAIL))
    }  # the optional detail indicators
    codes = [c for c in inds if c in detail or c in EXTRA_DETAIL]
    return [(NO_DETAIL, "")] + [(inds[c].label, c) for c in codes]


def _combo(choices: list[tuple[str, str]], current: str) -> QComboBox:
    box = QComboBox()
    for text, code in choices:
        box.addItem(text, code)
    i = box.findData(current)
    box.setCurrentIndex(max(i, 0))
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(22)
    return box


class ColumnMapDialog(QDialog):
    """Build and save an :class:`ImportProfile` for ``grid``; ``self.profile`` after OK."""

    def __init__(
        self,
        ctx: AppContext,
        grid: HeaderGrid,
        targets: dict[str, tuple[str, ...]],
        *,
        file_name: str = "",
        profile: ImportProfile | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.grid = ctx, grid
        self.profile: ImportProfile | None = None
        self.setWindowTitle("Ánh xạ cột của bảng nhập")
        from tracu_desktop.ui.screen_fit import fit_to_screen

        fit_to_screen(self, 1240, 700)
        where = f"Tệp {file_name}, trang “{grid.sheet}”" if file_name else f"Trang “{grid.sheet}”"
        intro = QLabel(
            f"{where}: tiêu đề cột ở dòng {grid.header_first}–{grid.header_last}, số liệu từ "
            f"dòng {grid.data_first}. Chọn chỉ tiêu cho từng cột; các cột chọn cùng một chỉ "
            f"tiêu được cộng lại (ví dụ toàn trình + một phần + hình thức khác → {_number('received_online')})."
        )
        intro.setWordWrap(True)

        self.header_view = QTableWidget(len(grid.header_rows), len(grid.header_rows[0]))
        self.header_view.setHorizontalHeaderLabels(
            [column_letter(c + 1) for c in range(len(grid.header_rows[0]))]
        )
        self.header_view.setVerticalHeaderLabels(
            [str(grid.header_first + r) for r in range(len(grid.header_rows))]
        )
        self.header_view.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, row in enumerate(grid.header_rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.header_view.setItem(r, c, item)
        self.header_view.horizontalHeader().setDefaultSectionSize(96)
        self.header_view.setMaximumHeight(40 + 30 * len(grid.header_rows))

        self.table = QTableWidget(len(grid.columns), 4)
        self.table.setHorizontalHeaderLabels(
            [
                "Cột",
                "Tiêu đề trong tệp",
                f"Chỉ tiêu biểu {form_of(DOSSIERS)}",
                "Chỉ tiêu chi tiết (tùy chọn)",
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        main_choices, detail_choices = _main_choices(), _detail_choices()
        main_codes = {c for _, c in main_choices}
        self.boxes: list[tuple[str, QComboBox, QComboBox]] = []
        for r, col in enumerate(grid.columns):
            chosen = targets.get(col.key, (IGNORE,))
            main = next((t for t in chosen if t in main_codes), IGNORE)
            detail = next((t for t in chosen if t not in main_codes), "")
            letter = QTableWidgetItem(column_letter(col.col))
            letter.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(r, 0, letter)
            shown = " › ".join(col.path)  # a caption may itself hold a “/”
            caption = QTableWidgetItem(shown)
            caption.setToolTip(shown)
            self.table.setItem(r, 1, caption)
            main_box, detail_box = _combo(main_choices, main), _combo(detail_choices, detail)
            main_box.currentIndexChanged.connect(self._update_sums)
            self.table.setCellWidget(r, 2, main_box)
            self.table.setCellWidget(r, 3, detail_box)
            self.boxes.append((col.key, main_box, detail_box))
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 470)

        self.sums = QLabel()
        self.sums.setWordWrap(True)
        self.rows_box = QComboBox()
        for code, text in ROW_KINDS.items():
            self.rows_box.addItem(
                {"field": f"Mỗi dòng là một lĩnh vực (như biểu {form_of(BY_FIELD)})",
                 "unit": f"Mỗi dòng là một đơn vị (như biểu {form_of(BY_UNIT)}; ghi vào “Không phân theo lĩnh vực”)",
                 "auto": "Tự nhận theo tiêu đề cột và tên dòng"}.get(code, text),
                code,
            )  # fmt: skip
        self.split_box = QComboBox()
        for code, text in split_rules().items():
            self.split_box.addItem(text[:1].upper() + text[1:], code)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("ví dụ: Hệ thống một cửa tỉnh — thống kê theo lĩnh vực")
        if profile is not None:
            self.name_edit.setText(profile.name)
            self.rows_box.setCurrentIndex(max(self.rows_box.findData(profile.rows), 0))
            self.split_box.setCurrentIndex(max(self.split_box.findData(profile.split), 0))
        else:
            default_rows = grid.label_kind or "auto"
            self.rows_box.setCurrentIndex(max(self.rows_box.findData(default_rows), 0))
        form = QFormLayout()
        form.addRow("Dòng của bảng:", self.rows_box)
        form.addRow("Cột “đúng và trước hạn” chung:", self.split_box)
        form.addRow("Tên hồ sơ nhập:", self.name_edit)

        save = QPushButton("Lưu hồ sơ nhập")
        save.setDefault(True)
        save.clicked.connect(self.save)
        cancel = QPushButton("Hủy")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(save)
        buttons.addWidget(cancel)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel("Tiêu đề cột như trong tệp:"))
        layout.addWidget(self.header_view)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.sums)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self._update_sums()

    def chosen(self) -> dict[str, tuple[str, ...]]:
        out = {}
        for key, main, detail in self.boxes:
            codes = [main.currentData()]
            if detail.currentData():
                codes = [c for c in codes if c != IGNORE] + [detail.currentData()]
            out[key] = tuple(codes)
        return out

    def _update_sums(self) -> None:
        """Say in words what each form-06 indicator will be made of."""
        captions = {c.key: c.leaf for c in self.grid.columns}
        parts: dict[str, list[str]] = {}
        for key, main, _ in self.boxes:
            code = main.currentData()
            if code != IGNORE:
                parts.setdefault(code, []).append(captions[key])
        lines = []
        for _text, code in _main_choices()[1:]:
            if code in parts:
                label = (
                    f"{_number('resolved_early')} + {_number('resolved_on_time')}"
                    if code == EARLY_OR_ON_TIME
                    else _number(code)
                )
                lines.append(f"{label} = " + " + ".join(f"“{p}”" for p in parts[code]))
        missing = [
            _number(c)
            for c in _form06_inputs()
            if c not in parts
            and not (c in ("resolved_early", "resolved_on_time") and EARLY_OR_ON_TIME in parts)
        ]
        text = "; ".join(lines) if lines else "Chưa chọn cột nào."
        if missing:
            text += f". Không có cột cho {', '.join(missing)}: các ô này không được nhập."
        self.split_box.setEnabled(EARLY_OR_ON_TIME in parts)
        self.sums.setText(text)

    def save(self) -> None:
        name = self.name_edit.text().strip()
        if not name:
            QMessageBox.warning(self, "Thiếu tên", "Hãy đặt tên cho hồ sơ nhập.")
            self.name_edit.setFocus()
            return
        profile = profile_from_grid(
            name,
            self.grid,
            self.chosen(),
            rows=self.rows_box.currentData(),
            split=self.split_box.currentData(),
        )
        try:
            save_profile(self.ctx.db, profile)
        except ProfileError as exc:
            QMessageBox.warning(self, "Không lưu được hồ sơ nhập", str(exc))
            return
        self.profile = profile
        self.accept()
