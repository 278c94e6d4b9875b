"""Entry pages: a unit tree beside a spreadsheet-like grid of one unit's figures.

:class:`FigurePage` is shared by form 06, form 05a and the per-unit section figures;
subclasses only say which model (columns, rows) they show. The page follows the
selected period, reloads when figures change anywhere, marks invalid cells, and shows
a banner when the period is locked (chốt số liệu).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tracu_desktop.core.entry_spec import entry_spec
from tracu_desktop.core.form_roles import DOSSIERS, FEEDBACK, PROCEDURES, form_of
from tracu_desktop.core.indicators import indicators_of_form
from tracu_desktop.core.lineage import dated_name
from tracu_desktop.core.models import Level, Unit, UnitKind
from tracu_desktop.core.vnformat import format_int
from tracu_desktop.db.aggregate import units_with_figures
from tracu_desktop.db.catalog import load_units
from tracu_desktop.db.periods import get_period, is_locked
from tracu_desktop.db.values import history
from tracu_desktop.ui.context import AppContext
from tracu_desktop.ui.edits import save_changes
from tracu_desktop.ui.follow import follow
from tracu_desktop.ui.grid_layout import RATE, single_columns
from tracu_desktop.ui.grid_model import EntryGridModel, FieldGridModel, FigureModel, UnitFigureModel
from tracu_desktop.ui.grid_view import GridView
from tracu_desktop.ui.unit_tree import COMPLETE, ERRORS, GROUP_PREFIX, NO_DATA, UnitTree

LOCK_BANNER = (
    "Kỳ báo cáo này đã chốt số liệu: chỉ xem, không sửa được. "
    "Muốn sửa, chọn “Kỳ báo cáo → Mở khóa kỳ báo cáo…” và nêu lý do."
)
SOURCE_LABELS = {
    "typed": "nhập tay",
    "file": "nhập từ tệp",
    "package": "gói số liệu",
    "demo": "dữ liệu mẫu",
}


class FigurePage(QWidget):
    title = ""
    unit_kinds: tuple[UnitKind, ...] = (
        UnitKind.BODY,
        UnitKind.OFFICE,
        UnitKind.COMMUNE,
        UnitKind.DISTRICT,
        UnitKind.GENERAL,
    )
    number_width = 60
    label_width = 190
    header_height = 72
    label_max = 380

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = self.make_model()
        self.model.writer = lambda changes, text: save_changes(
            ctx, ctx.undo_stack, changes, text, self
        )
        self.tree = UnitTree()
        self.view = GridView()
        self.view.setModel(self.model)
        self.view.history_requested.connect(self.show_history)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.heading.setWordWrap(True)
        self.banner = QLabel(LOCK_BANNER)
        self.banner.setObjectName("lockBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "QLabel#lockBanner { background: #fff3cd; border: 1px solid #e0c36b; padding: 6px; }"
        )
        self.banner.hide()

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tree)
        split.addWidget(self.view)
        split.setStretchFactor(1, 1)
        split.splitterMoved.connect(lambda *_: self._fit_label_column())
        split.setSizes([170, 1000])
        self.tree.setMinimumWidth(140)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.banner)
        layout.addWidget(split, 1)

        self.tree.unit_selected.connect(self.show_unit)
        follow(self, ctx.period_changed, lambda _code: self._on_period_changed())
        ctx.data_changed.connect(self._on_data_changed)
        ctx.issues_checked.connect(self._on_issues_checked)
        ctx.catalog_changed.connect(self.reload_units)
        self.reload_units()  # also loads the grid

    # Each concrete page says which model holds its cells.
    make_model: Callable[[], FigureModel]

    # --- state ------------------------------------------------------------------------

    def _period_range(self):
        p = get_period(self.ctx.db, self.ctx.period) if self.ctx.period else None
        return (p.start, p.end) if p is not None else None

    def units(self) -> list[Unit]:
        """The active units of the page's kinds in force during the selected period (old
        communes for 2024, new ones for 2026, both for 2025)."""
        span = self._period_range()
        return [
            u
            for u in load_units(self.ctx.db, include_inactive=False)
            if u.kind in self.unit_kinds and (span is None or u.in_force(*span))
        ]

    def reload_units(self) -> None:
        units = self.units()
        span = self._period_range()
        labels = {u.code: dated_name(u, *span) for u in units} if span else {}
        self.tree.set_units(units, labels)
        if self.tree.current_unit() is None and units:
            self.tree.select_unit(units[0].code, emit=False)
        self.refresh_target()

    def _on_period_changed(self) -> None:
        """Another period may have other units in force: rebuild the tree only then."""
        units = self.units()
        span = self._period_range()
        labels = {u.code: dated_name(u, *span) for u in units} if span else {}
        if self.tree.shown_names() != {u.code: labels.get(u.code, u.name) for u in units}:
            self.reload_units()
        else:
            self.refresh_target()

    def show_unit(self, code: str) -> None:
        self.refresh_target()

    sums_for_body = True  # a body's row shows its level's sum (forms by field)

    def members_of(self, code: str | None) -> tuple[Level | None, tuple[str, ...] | None]:
        """A parent's level and the units summed for it; ``None`` for a unit's own figures."""
        if not code:
            return None, None
        if code.startswith(GROUP_PREFIX):
            level = Level(code[len(GROUP_PREFIX) :])
        else:
            unit = self.tree.units.get(code)
            if unit is None or unit.kind is not UnitKind.BODY or not self.sums_for_body:
                return (unit.level if unit else None), None
            level = unit.level
        return level, tuple(u.code for u in self.tree.units.values() if u.level is level)

    def refresh_target(self) -> None:
        """Load the grid for the selected unit and period (≤ 100 ms for 60 fields)."""
        code = self.tree.current_unit()
        unit = self.tree.units.get(code) if code else None
        period = self.ctx.period
        level, members = self.members_of(code)
        self.model.locked = bool(period and is_locked(self.ctx.db, period))
        self.model.set_target(period, code, level, members)
        self._size_columns()
        self.banner.setVisible(self.model.locked)
        p = get_period(self.ctx.db, period) if period else None
        if members is not None:
            where = (unit.name if unit else level.label if level else "") + (
                " — tổng các đơn vị (chỉ xem; chọn một đơn vị để nhập)"
            )
        else:
            where = unit.name if unit else "(chưa chọn đơn vị)"
        when = p.title_label() if p else "(chưa chọn kỳ báo cáo)"
        self.heading.setText(f"<b>{self.title}</b> — {where} — {when}")
        self.refresh_marks()

    def _size_columns(self) -> None:
        for c in range(self.model.columnCount()):
            self.view.setColumnWidth(c, self.column_width(c))
        self.view.horizontalHeader().setFixedHeight(self.header_height)
        self._fit_label_column()

    def _fit_label_column(self) -> None:
        """Give the frozen label column whatever width the number columns leave free."""
        used = sum(self.view.columnWidth(c) for c in range(self.model.columnCount()))
        spare = self.view.width() - used - self.view.verticalScrollBar().sizeHint().width() - 6
        width = max(self.label_width, min(spare, self.label_max))
        self.view.verticalHeader().setFixedWidth(width)
        self.view.fit_row_heights(width)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_label_column()

    def column_width(self, col: int) -> int:
        if self.model.columns[col].kind == RATE:
            return max(self.number_width, 68)
        return self.number_width

    def refresh_marks(self) -> None:
        """Colour the unit tree and the cells from the period's newest check (the validation
        panel runs it on a worker after every change), so showing a unit runs no check."""
        if not self.ctx.period:
            return
        fresh = self.ctx.issues_period == self.ctx.period
        issues = self.ctx.issues if fresh else []  # else the period's check is still running
        self._mark_tree(issues)
        if not self.model.unit or self.model.members is not None:
            return
        self.model.set_issues([i for i in issues if i.unit == self.model.unit])

    def _on_issues_checked(self, period: str) -> None:
        if period == self.ctx.period:
            self.refresh_marks()

    def _mark_tree(self, issues) -> None:
        """Unit tree: no data, errors or complete for this page's figures."""
        codes = self.model.indicator_codes()
        period = self.ctx.period
        with_data = units_with_figures(self.ctx.db, period, codes) if period else set()
        with_errors = {i.unit for i in issues if i.is_error and i.indicator in codes}
        self.tree.set_states(
            {
                code: ERRORS if code in with_errors else COMPLETE if code in with_data else NO_DATA
                for code, unit in self.tree.units.items()
                if not (self.sums_for_body and unit.kind is UnitKind.BODY)  # shows a sum
            }
        )

    def _on_data_changed(self, period: str) -> None:
        if period == self.ctx.period:
            self.model.reload()  # the marks follow when the panel's check is back

    def set_locked(self, locked: bool) -> None:
        self.refresh_target()

    # --- navigation -------------------------------------------------------------------

    def select_cell(self, unit: str, field: str, indicator: str) -> bool:
        """Show ``unit`` and select the cell of (field, indicator); used by the validation panel."""
        if self.tree.current_unit() != unit:
            if not self.tree.select_unit(unit):
                return False
        found = self.model.find_cell(field, indicator)
        if found is None:
            return False
        self.view.select_cell(*found)
        return True

    def write_cell(self, row: int, col: int, value: int | None) -> bool:
        ref = self.model.cell_ref(row, col)
        if ref is None:
            return False
        return self.model.write({(row, col): value}, "Sửa số liệu")

    # --- history ----------------------------------------------------------------------

    def show_history(self, row: int, col: int) -> None:
        ref = self.model.cell_ref(row, col)
        if ref is None:
            return
        entries = history(self.ctx.db, self.model.value_key(ref))
        dlg = QDialog(self)
        dlg.setWindowTitle("Lịch sử thay đổi")
        lay = QVBoxLayout(dlg)
        lay.addWidget(QLabel(self.model.describe_cell(row, col)))
        table = QTableWidget(len(entries), 4)
        table.setHorizontalHeaderLabels(["Thời điểm", "Giá trị cũ", "Giá trị mới", "Nguồn"])
        for i, e in enumerate(entries):
            when = e.changed_at.replace("T", " ")
            d, _, t = when.partition(" ")
            if len(d) == 10:
                when = f"{d[8:10]}/{d[5:7]}/{d[0:4]} {t}"
            cells = [
                when,
                format_int(e.old_value) if e.old_value is not None else "(trống)",
                format_int(e.new_value) if e.new_value is not None else "(trống)",
                SOURCE_LABELS.get(e.source, e.source),
            ]
            for j, text in enumerate(cells):
                table.setItem(i, j, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        lay.addWidget(table)
        if not entries:
            lay.addWidget(QLabel("Ô này chưa có thay đổi nào được ghi lại."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dlg.reject)
        lay.addWidget(buttons)
        dlg.resize(560, 320)
        dlg.open()
        self._history_dialog = dlg


DETAIL_TOGGLE = ("Hiện cột chi tiết", "Ẩn cột chi tiết")  # the button's text: hidden, shown
DETAIL_TOGGLE_TIP = (
    "Hiện hoặc ẩn các cột chi tiết (không in trên biểu, được kiểm tra với các cột của biểu):"
)


class _EntryFormPage(FigurePage):
    """The entry grid of a form spec's ``[entry]`` (title, columns, rules); the spec's
    optional detail columns appear on request, remembered in the settings."""

    form = ""
    detail_toggle: QToolButton | None = None

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(ctx, parent)
        button = QToolButton()
        button.setObjectName("detailToggle")
        shown = self.entry_model.show_detail
        button.setText(DETAIL_TOGGLE[shown])
        button.setCheckable(True)
        button.setChecked(shown)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.toggled.connect(self.set_detail_shown)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.removeWidget(self.heading)
        row = QHBoxLayout()
        row.addWidget(self.heading, 1)
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout.insertLayout(0, row)
        self.detail_toggle = button
        self._update_toggle()

    @property
    def entry_model(self) -> EntryGridModel:
        assert isinstance(self.model, EntryGridModel)
        return self.model

    @property
    def _detail_key(self) -> str:
        return f"grid/detail_columns_{self.form}"

    def make_model(self) -> FigureModel:
        model = EntryGridModel(self.ctx.db, self.form)
        model.show_detail = bool(self.ctx.settings.value(self._detail_key, False, type=bool))
        return model

    def set_detail_shown(self, shown: bool) -> None:
        """Show or hide the detail columns (same unit, period and marks); remembered."""
        model = self.entry_model
        self.ctx.settings.setValue(self._detail_key, shown)
        if self.detail_toggle is not None and self.detail_toggle.isChecked() != shown:
            self.detail_toggle.setChecked(shown)  # re-enters through ``toggled``
            return
        if self.detail_toggle is not None:
            self.detail_toggle.setText(DETAIL_TOGGLE[shown])
        if model.show_detail != shown:
            model.show_detail = shown
            self.refresh_target()

    def refresh_target(self) -> None:
        p = get_period(self.ctx.db, self.ctx.period) if self.ctx.period else None
        self.title = entry_spec(self.form, p.end if p else None).title
        super().refresh_target()
        self._update_toggle()

    def _update_toggle(self) -> None:
        """The toggle shows only when the spec in force has detail columns; its tooltip
        lists the spec's detail groups."""
        if self.detail_toggle is None:
            return
        p = get_period(self.ctx.db, self.ctx.period) if self.ctx.period else None
        groups = entry_spec(self.form, p.end if p else None).detail
        self.detail_toggle.setVisible(bool(groups))
        self.detail_toggle.setToolTip(
            "\n".join([DETAIL_TOGGLE_TIP, *(f"• {g.title}" for g in groups)])
        )

    def select_cell(self, unit: str, field: str, indicator: str) -> bool:
        """As :meth:`FigurePage.select_cell`; a detail figure shows the detail columns."""
        p = get_period(self.ctx.db, self.ctx.period) if self.ctx.period else None
        if indicator in entry_spec(self.form, p.end if p else None).detail_codes():
            self.set_detail_shown(True)
        return super().select_cell(unit, field, indicator)


class Form06Page(_EntryFormPage):
    form = form_of(DOSSIERS)


class Form05aPage(_EntryFormPage):
    form = form_of(FEEDBACK)
    number_width = 74


class _SectionPage(FigurePage):
    """Per-unit figures of a report section: the catalog's indicators of ``form``."""

    sums_for_body = False  # the body reports these figures itself
    form = ""
    label_width = 540
    label_max = 640
    number_width = 120
    header_height = 30

    def make_model(self) -> FigureModel:
        return UnitFigureModel(self.ctx.db, _codes(self.form))


def _codes(form: str) -> tuple[str, ...]:
    """The indicators the catalog files under ``form`` ("s1", "07b"), in catalog order."""
    return tuple(i.code for i in indicators_of_form(form))


_BODY_KINDS = (UnitKind.BODY, UnitKind.GENERAL)


class Section1Page(_SectionPage):
    unit_kinds = _BODY_KINDS
    title = "1. Đánh giá tác động TTHC"
    form = "s1"


class Section2Page(_SectionPage):
    unit_kinds = _BODY_KINDS
    title = "2. Thẩm định, thẩm tra quy định TTHC"
    form = "s2"


class Section3Page(_SectionPage):
    unit_kinds = _BODY_KINDS
    title = "3. Công bố, công khai TTHC"
    form = "s3"


class Section4Page(FigurePage):
    sums_for_body = False  # the body reports these figures itself
    title = "4. Rà soát, đơn giản hóa TTHC"
    number_width = 130

    def make_model(self) -> FigureModel:
        return FieldGridModel(self.ctx.db, single_columns(_codes("s4")))


class Form07bPage(FigurePage):
    title = f"Biểu {form_of(PROCEDURES)} — Số lượng TTHC theo lĩnh vực"
    number_width = 150

    def make_model(self) -> FigureModel:
        return FieldGridModel(self.ctx.db, single_columns(_codes(form_of(PROCEDURES))))


class Section8Page(_SectionPage):
    title = "8. Thực hiện TTHC trên môi trường điện tử"
    form = "s8"
