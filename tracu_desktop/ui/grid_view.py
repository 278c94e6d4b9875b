"""A table view that behaves like a spreadsheet for entering figures.

Arrows, Enter and Tab move; typing replaces the cell; Delete clears the selection;
Ctrl+C copies the selection as tab-separated text with Vietnamese thousands separators;
Ctrl+V pastes a tab-separated block (as copied from Excel) starting at the current cell
— all cells are parsed first and nothing is written if one is bad; a paste is one undo
step. The context menu shows a cell's history from the audit trail.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFontMetrics, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QMessageBox,
    QStyle,
    QStyledItemDelegate,
    QTableView,
    QToolTip,
)

from tracu_desktop.core.vnformat import BLANK, ParseError, format_int, parse_count
from tracu_desktop.ui.grid_layout import RATE, TOTAL
from tracu_desktop.ui.grid_model import FigureModel


class _Delegate(QStyledItemDelegate):
    """Editor opens empty when typing starts (typing replaces), selected on F2/double-click.

    Text that is not a count is not thrown away: the editor opens again on the same cell
    with the typed text, so the clerk corrects it instead of typing it again.
    """

    def setEditorData(self, editor, index) -> None:
        # Qt refills every open editor on any dataChanged of its cell, whatever the role:
        # validation marks or a reload finishing while the clerk types would put the old
        # value back ("1" becomes "101"). Text the clerk already typed wins.
        if isinstance(editor, QLineEdit) and editor.isModified():
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor, model, index) -> None:
        text = editor.text()
        ok = model.setData(index, text, Qt.ItemDataRole.EditRole)
        msg = "" if ok else str(getattr(model, "last_error", "") or "")
        view = self.parent()
        if msg and isinstance(view, GridView):
            model.last_error = ""
            view._reopen = (QPersistentModelIndex(index), text)
            view.error_shown.emit(msg)
            QMessageBox.warning(
                view, "Giá trị không hợp lệ", msg + "\nSửa lại số trong ô (Esc để bỏ)."
            )


class GridView(QTableView):
    history_requested = Signal(int, int)  # row, column
    error_shown = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setItemDelegate(_Delegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(False)
        self.setWordWrap(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        hh = self.horizontalHeader()
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        hf = hh.font()
        hf.setPointSizeF(max(7.0, hf.pointSizeF() - 1))
        hh.setFont(hf)
        hh.setFixedHeight(72)
        vh = self.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.ROW_HEIGHT)
        vh.setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
        )

    ROW_HEIGHT = 24

    def fit_row_heights(self, label_width: int | None = None) -> None:
        """Make each row tall enough to show its field name whole, wrapped in the label column.

        A name cut at the column edge ("Kinh tế hợp tác và phát triển n") leaves the clerk
        guessing which row is being typed into; long names take two or three lines instead.
        """
        model = self.model()
        if model is None:
            return
        vh = self.verticalHeader()
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, vh)
        width = max(40, (label_width or vh.width()) - 2 * margin - 2)
        plain = vh.fontMetrics()
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        for row in range(model.rowCount()):
            text = model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole) or ""
            font = model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.FontRole)
            metrics = plain if font is None else QFontMetrics(font)
            needed = metrics.boundingRect(0, 0, width, 10_000, flags, text).height() + 6
            height = max(self.ROW_HEIGHT, needed)
            if self.rowHeight(row) != height:
                self.setRowHeight(row, height)

    def figure_model(self) -> FigureModel:
        return self.model()  # type: ignore[return-value]

    # --- keyboard ---------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_text(QGuiApplication.clipboard().text())
            return
        if (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.state() != QAbstractItemView.State.EditingState
        ):
            self.clear_selection()
            return
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != QAbstractItemView.State.EditingState
        ):
            self._enter(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
            return
        if self._explain_read_only(event):
            return
        super().keyPressEvent(event)

    def _editable(self, row: int, col: int) -> bool:
        model = self.model()
        return bool(model.flags(model.index(row, col)) & Qt.ItemFlag.ItemIsEditable)

    def _explain_read_only(self, event: QKeyEvent) -> bool:
        """Typing a figure on a computed cell says why it cannot be typed there."""
        text = event.text()
        cur = self.currentIndex()
        if (
            not text
            or not text.isprintable()
            or text.isspace()
            or event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            or not cur.isValid()
            or self.state() == QAbstractItemView.State.EditingState
            or self._editable(cur.row(), cur.column())
        ):
            return False
        model = self.figure_model()
        where = model.describe_cell(cur.row(), cur.column())
        if model.locked:
            why = "kỳ báo cáo đã chốt số liệu, chỉ xem được."
        elif model.members is not None:
            why = "đây là tổng của các đơn vị (chỉ xem); chọn một đơn vị trong cây để nhập."
        elif model.rows[cur.row()].is_total:
            why = "dòng Tổng cộng tự cộng các dòng trên, nhập số vào từng lĩnh vực."
        else:
            tip = (model.columns[cur.column()].tooltip or "").replace("\n", " ")
            why = "ô này tự tính từ các ô khác, nhập số vào các cột thành phần."
            if tip:
                why += f" ({tip})"
        msg = f"{where}: {why}"
        self.error_shown.emit(msg)
        rect = self.visualRect(cur)
        QToolTip.showText(self.viewport().mapToGlobal(rect.bottomLeft()), msg, self)
        return True

    def moveCursor(self, action, modifiers):
        """Tab and Shift+Tab step over computed cells, wrapping to the next row."""
        cur = self.currentIndex()
        model = self.model()
        forward = action == QAbstractItemView.CursorAction.MoveNext
        if (
            action
            not in (
                QAbstractItemView.CursorAction.MoveNext,
                QAbstractItemView.CursorAction.MovePrevious,
            )
            or not cur.isValid()
            or self.figure_model().locked
        ):
            return super().moveCursor(action, modifiers)
        if forward and self._tab_origin is None:
            self._tab_origin = cur.column()
        row, col = cur.row(), cur.column()
        ncols, nrows = model.columnCount(), model.rowCount()
        while True:
            col += 1 if forward else -1
            if col >= ncols:
                row, col = row + 1, 0
            elif col < 0:
                row, col = row - 1, ncols - 1
            if not 0 <= row < nrows:
                return cur
            if self._editable(row, col):
                self._keep_origin = True
                return model.index(row, col)

    _tab_origin: int | None = None  # the column where a run of Tab presses started
    _keep_origin = False

    def currentChanged(self, current, previous) -> None:
        super().currentChanged(current, previous)
        if not self._keep_origin:
            self._tab_origin = None
        self._keep_origin = False

    def _enter(self, drow: int) -> None:
        """Enter goes down, to the column where Tab started (as in Excel), skipping totals."""
        cur = self.currentIndex()
        if not cur.isValid():
            return
        model = self.model()
        col = self._tab_origin if self._tab_origin is not None and drow > 0 else cur.column()
        row = cur.row() + drow
        while 0 <= row < model.rowCount():
            if self._editable(row, col) or self.figure_model().locked:
                self.setCurrentIndex(model.index(row, col))
                return
            row += drow
        if col != cur.column():
            self.setCurrentIndex(model.index(cur.row(), col))

    _reopen: tuple[QPersistentModelIndex, str] | None = None

    def closeEditor(self, editor, hint) -> None:
        if self._reopen is not None:  # refused text: edit it again in place
            index, text = self._reopen
            self._reopen = None
            super().closeEditor(editor, QStyledItemDelegate.EndEditHint.NoHint)
            QTimer.singleShot(0, self, lambda: self._edit_again(index, text))
            return
        # Tab in the editor commits and selects the next input cell without editing it,
        # so typing there replaces its value (as in a spreadsheet).
        if hint in (
            QStyledItemDelegate.EndEditHint.EditNextItem,
            QStyledItemDelegate.EndEditHint.EditPreviousItem,
        ):
            super().closeEditor(editor, QStyledItemDelegate.EndEditHint.NoHint)
            forward = hint == QStyledItemDelegate.EndEditHint.EditNextItem
            action = QAbstractItemView.CursorAction
            target = self.moveCursor(
                action.MoveNext if forward else action.MovePrevious, Qt.KeyboardModifier.NoModifier
            )
            if target.isValid():
                self.setCurrentIndex(target)
            return
        # Enter in the editor commits and moves down, as in a spreadsheet.
        if hint == QStyledItemDelegate.EndEditHint.SubmitModelCache:
            super().closeEditor(editor, QStyledItemDelegate.EndEditHint.NoHint)
            self._enter(1)
            return
        super().closeEditor(editor, hint)

    def _edit_again(self, index: QPersistentModelIndex, text: str) -> None:
        if not index.isValid():
            return
        idx = self.model().index(index.row(), index.column())
        self.setCurrentIndex(idx)
        self.edit(idx)
        editor = self.findChild(QLineEdit)
        if editor is not None:
            editor.setText(text)
            editor.setModified(True)  # the clerk's text: a late refresh keeps it
            editor.selectAll()

    def select_cell(self, row: int, col: int) -> None:
        idx = self.model().index(row, col)
        self.setCurrentIndex(idx)
        self.selectionModel().select(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(idx)
        self.setFocus()

    # --- selection helpers -------------------------------------------------------------

    def _selected_block(self) -> tuple[int, int, int, int] | None:
        idxs = self.selectionModel().selectedIndexes()
        if not idxs:
            cur = self.currentIndex()
            if not cur.isValid():
                return None
            idxs = [cur]
        rows = [i.row() for i in idxs]
        cols = [i.column() for i in idxs]
        return min(rows), min(cols), max(rows), max(cols)

    def copy_selection(self) -> str:
        block = self._selected_block()
        if block is None:
            return ""
        r0, c0, r1, c1 = block
        model = self.figure_model()
        text = "\n".join(
            "\t".join(model.display_text(r, c) for c in range(c0, c1 + 1))
            for r in range(r0, r1 + 1)
        )
        QGuiApplication.clipboard().setText(text)
        return text

    def clear_selection(self) -> bool:
        block = self._selected_block()
        model = self.figure_model()
        if block is None or model.locked:
            return False
        r0, c0, r1, c1 = block
        cells = {
            (r, c): None
            for r in range(r0, r1 + 1)
            for c in range(c0, c1 + 1)
            if model.cell_ref(r, c) is not None
        }
        return model.write(cells, "Xóa số liệu")

    def paste_text(self, text: str) -> bool:
        """Paste a tab-separated block at the current cell; all or nothing."""
        model = self.figure_model()
        cur = self.currentIndex()
        if not cur.isValid() or model.locked:
            return False
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if not lines:
            return False
        cells: dict[tuple[int, int], int | None] = {}
        computed: dict[tuple[int, int], int] = {}  # pasted onto totals: checked afterwards
        errors: list[str] = []
        for dr, line in enumerate(lines):
            for dc, raw in enumerate(line.split("\t")):
                row, col = cur.row() + dr, cur.column() + dc
                if row >= model.rowCount() or col >= model.columnCount():
                    errors.append(
                        f"Dòng {dr + 1}, cột {dc + 1} của khối dán nằm ngoài bảng số liệu."
                    )
                    continue
                if model.cell_ref(row, col) is None:
                    # Derived totals and rates are computed, never pasted; a pasted total
                    # is compared with the sum of its parts below.
                    if model.columns[col].kind == TOTAL or model.rows[row].is_total:
                        try:
                            total = parse_count(raw)
                        except ParseError:
                            continue
                        if total is not BLANK and model.columns[col].kind != RATE:
                            computed[(row, col)] = int(total)  # type: ignore[arg-type]
                    continue
                try:
                    parsed = parse_count(raw)
                except ParseError as exc:
                    errors.append(f"{model.describe_cell(row, col)}: {exc}")
                    continue
                cells[(row, col)] = None if parsed is BLANK else int(parsed)  # type: ignore[arg-type]
        if errors:
            shown = errors[:8] + ([f"… và {len(errors) - 8} lỗi khác."] if len(errors) > 8 else [])
            msg = "Không dán được, chưa có số liệu nào được ghi:\n" + "\n".join(shown)
            self.error_shown.emit(msg)
            QMessageBox.warning(self, "Dán số liệu", msg)
            return False
        ok = model.write(cells, "Dán số liệu")
        self._check_pasted_totals(computed)
        if ok:
            top = model.index(cur.row(), cur.column())
            bottom = model.index(
                min(cur.row() + len(lines) - 1, model.rowCount() - 1),
                min(
                    cur.column() + max(len(line.split("\t")) for line in lines) - 1,
                    model.columnCount() - 1,
                ),
            )
            self.selectionModel().select(
                QItemSelection(top, bottom), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        return ok

    def _check_pasted_totals(self, pasted: dict[tuple[int, int], int]) -> None:
        """Warn, naming row and column, where a pasted total disagrees with its parts."""
        model = self.figure_model()
        lines = []
        for (row, col), value in sorted(pasted.items()):
            shown = model.raw_value(row, col)
            if shown is not None and not isinstance(shown, int):
                continue
            if (shown or 0) != value:
                lines.append(
                    f"{model.describe_cell(row, col)}: dán {format_int(value)} nhưng tổng các "
                    f"cột thành phần là {format_int(shown or 0)}; giữ số tính được."
                )
        if lines:
            msg = "Số tổng đã dán không khớp với các số thành phần:\n" + "\n".join(lines[:8])
            if len(lines) > 8:
                msg += f"\n… và {len(lines) - 8} ô khác."
            self.error_shown.emit(msg)
            QMessageBox.warning(self, "Dán số liệu", msg)

    # --- context menu ------------------------------------------------------------------

    def _context_menu(self, pos) -> None:
        idx = self.indexAt(pos)
        menu = QMenu(self)
        menu.addAction("Sao chép", self.copy_selection)
        paste = menu.addAction("Dán", lambda: self.paste_text(QGuiApplication.clipboard().text()))
        clear = menu.addAction("Xóa", self.clear_selection)
        locked = self.figure_model().locked
        paste.setEnabled(not locked)
        clear.setEnabled(not locked)
        if idx.isValid() and self.figure_model().cell_ref(idx.row(), idx.column()) is not None:
            menu.addSeparator()
            menu.addAction(
                "Lịch sử thay đổi của ô…",
                lambda: self.history_requested.emit(idx.row(), idx.column()),
            )
        menu.exec(self.viewport().mapToGlobal(pos))
