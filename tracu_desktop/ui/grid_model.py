"""Editable table model of one unit's figures in one period.

Rows are the fields (lĩnh vực) of the unit's level plus a read-only "Tổng cộng" row, or,
for per-unit figures, the indicators themselves; columns come from a
:mod:`grid_layout`. Edits are parsed here (``vnformat.parse_count``) and handed to a
*writer* callback that saves them (one transaction, undo step and audit row per edit);
the model then reloads from the database when ``AppContext.data_changed`` fires, so the
grid always shows what is stored. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from tracu_desktop.core.entry_spec import entry_spec
from tracu_desktop.core.indicators import indicator_map
from tracu_desktop.core.models import Field, Level, ValueKey
from tracu_desktop.core.validation import Issue, Severity
from tracu_desktop.core.vnformat import BLANK, ParseError, format_int, format_percent, parse_count
from tracu_desktop.db.aggregate import sum_of_units
from tracu_desktop.db.catalog import load_fields
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import get_period
from tracu_desktop.db.values import Change, get_values
from tracu_desktop.ui.grid_layout import INPUT, TOTAL, Column, cell_value, entry_columns

_ROOT = QModelIndex()
# Roles as plain ints: comparing enum objects in data() costs more than the rest of it.
_DISPLAY, _EDIT, _ALIGN, _BG, _FONT, _TIP = (
    int(r.value) if hasattr(r, "value") else int(r)
    for r in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ToolTipRole,
    )
)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_ENABLED = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _ENABLED | Qt.ItemFlag.ItemIsEditable
CellRef = tuple[str, str]  # (field, indicator); field "" for per-unit figures
Writer = Callable[[list[Change], str], bool]

ERROR_BG = QColor("#f6c6c6")
WARNING_BG = QColor("#fde9a9")
DERIVED_BG = QColor("#eef1f5")
TOTAL_ROW_BG = QColor("#e3e8ef")
DETAIL_BG = QColor("#f2f8ee")  # optional detail columns: editable, told apart from the form's
VALUE_COLUMN = Column(INPUT, "", None, "Số liệu", "Số liệu của kỳ báo cáo")


@dataclass(frozen=True)
class Row:
    label: str
    field: str = ""
    indicator: str = ""  # set for per-unit rows (one value column)
    is_total: bool = False


class FigureModel(QAbstractTableModel):
    """Figures of (period, unit) laid out as rows × columns."""

    def __init__(self, db: Database, columns: tuple[Column, ...], parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.columns = columns
        self.rows: list[Row] = []
        self.period: str | None = None
        self.unit: str | None = None
        self.locked = False
        # Set for a parent (the level's body or the level itself): the read-only sum of
        # these units' figures.
        self.members: tuple[str, ...] | None = None
        self.writer: Writer | None = None
        self._values: dict[CellRef, int] = {}
        self._row_values: list[dict[str, int]] = []
        self._texts: list[list[str]] = []
        self._editable: list[list[bool]] = []
        self._static_bg: list = []
        self._marks: dict[CellRef, tuple[Severity, list[str]]] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self.highlights: dict[str, tuple[str, ...]] = {}  # rule code -> cells it paints

    # --- structure ------------------------------------------------------------------

    # Each concrete model lays out its rows for the level of the selected unit.
    build_rows: Callable[[Level | None], list[Row]]

    def indicator_codes(self) -> list[str]:
        codes = {c.code for c in self.columns if c.kind == INPUT and c.code}
        codes |= {r.indicator for r in self.rows if r.indicator}
        return sorted(codes)

    def set_target(
        self,
        period: str | None,
        unit: str | None,
        level: Level | None,
        members: tuple[str, ...] | None = None,
    ) -> None:
        """Show another unit or period (resets the model); ``members``: sum these units."""
        self.beginResetModel()
        self.period, self.unit = period, unit
        self.members = members
        self.rows = self.build_rows(level) if unit else []
        self._marks = {}
        self._load()
        self.endResetModel()

    def reload(self) -> None:
        """Re-read the stored figures, keeping rows, selection and editor state."""
        self._load()
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1)
            )

    def _load(self) -> None:
        if self.period is None or self.unit is None:
            self._values = {}
        elif self.members is not None:
            self._values = sum_of_units(self.db, self.period, self.members, self.indicator_codes())
        else:
            raw = get_values(self.db, self.period, self.unit, self.indicator_codes())
            self._values = {(f, i): v for (_, f, i), v in raw.items()}
        self._row_values = [self._values_of_row(r) for r in self.rows]
        if self.rows and self.rows[-1].is_total:
            summed: dict[str, int] = {}
            for vals in self._row_values[:-1]:
                for k, v in vals.items():
                    summed[k] = summed.get(k, 0) + v
            self._row_values[-1] = summed
        ncols = len(self.columns)
        self._texts = [
            [self.display_text(r, c) for c in range(ncols)] for r in range(len(self.rows))
        ]
        self._editable = [
            [self.cell_ref(r, c) is not None for c in range(ncols)] for r in range(len(self.rows))
        ]
        self._static_bg = [
            [
                QBrush(TOTAL_ROW_BG)
                if row.is_total
                else (
                    QBrush(DERIVED_BG)
                    if col.kind != INPUT
                    else (QBrush(DETAIL_BG) if col.is_detail else None)
                )
                for col in self.columns
            ]
            for row in self.rows
        ]

    def _values_of_row(self, row: Row) -> dict[str, int]:
        if row.is_total:
            return {}
        if row.indicator:
            v = self._values.get(("", row.indicator))
            return {} if v is None else {row.indicator: v}
        return {i: v for (f, i), v in self._values.items() if f == row.field}

    # --- addressing -----------------------------------------------------------------

    def cell_ref(self, row: int, col: int) -> CellRef | None:
        """The stored figure behind a cell, or ``None`` for derived and total cells."""
        if not (0 <= row < len(self.rows) and 0 <= col < len(self.columns)):
            return None
        r, c = self.rows[row], self.columns[col]
        if r.is_total or c.kind != INPUT or self.members is not None:
            return None
        return (r.field, r.indicator or c.code)

    def find_cell(self, field: str, indicator: str) -> tuple[int, int] | None:
        for ri, r in enumerate(self.rows):
            if r.is_total:
                continue
            if r.indicator:
                if r.indicator == indicator and field in ("", r.field):
                    return ri, 0
            elif r.field == field:
                for ci, c in enumerate(self.columns):
                    if c.code == indicator:
                        return ri, ci
        return None

    def value_key(self, ref: CellRef) -> ValueKey:
        assert self.period is not None and self.unit is not None
        return ValueKey(self.period, self.unit, ref[0], ref[1])

    def stored(self, ref: CellRef) -> int | None:
        return self._values.get(ref)

    def raw_value(self, row: int, col: int) -> int | Decimal | None:
        r, c = self.rows[row], self.columns[col]
        if r.indicator:
            return self._row_values[row].get(r.indicator)
        return cell_value(c, self._row_values[row])

    def display_text(self, row: int, col: int) -> str:
        v = self.raw_value(row, col)
        if v is None:
            return ""
        if isinstance(v, Decimal):
            return format_percent(v)
        return format_int(v)

    # --- validation marks -------------------------------------------------------------

    def set_issues(self, issues: Iterable[Issue]) -> None:
        marks: dict[CellRef, tuple[Severity, list[str]]] = {}
        for issue in issues:
            if issue.unit != self.unit:
                continue
            # A rule may name the cells it paints (a balance paints its total cells, not
            # the input cell the validation panel jumps to): the spec's ``highlight``.
            totals = self.highlights.get(issue.rule)
            if totals:
                refs = [(issue.field, t) for t in totals]
            else:
                refs = [(issue.field, issue.indicator)]
            for ref in refs:
                sev, msgs = marks.get(ref, (issue.severity, []))
                if issue.severity is Severity.ERROR:
                    sev = Severity.ERROR
                marks[ref] = (sev, [*msgs, issue.message])
        if marks != self._marks:
            self._marks = marks
            if self.rows:
                self.dataChanged.emit(
                    self.index(0, 0),
                    self.index(len(self.rows) - 1, len(self.columns) - 1),
                    [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole],
                )

    def mark_at(self, row: int, col: int) -> tuple[Severity, list[str]] | None:
        r, c = self.rows[row], self.columns[col]
        if r.is_total:
            return None
        return self._marks.get((r.field, r.indicator or c.code))

    # --- Qt model API -----------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if not self.locked and self._editable[index.row()][index.column()]:
            return _EDITABLE
        return _ENABLED

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        role = int(role.value) if hasattr(role, "value") else int(role)
        if role == _DISPLAY:
            return self._texts[row][col]
        if role == _EDIT:
            v = self.raw_value(row, col)
            return "" if v is None else format_int(int(v))
        if role == _ALIGN:
            return _RIGHT
        if role == _BG:
            if self._marks:
                mark = self.mark_at(row, col)
                if mark is not None:
                    return QBrush(ERROR_BG if mark[0] is Severity.ERROR else WARNING_BG)
            return self._static_bg[row][col]
        if role == _FONT:
            if self.rows[row].is_total or self.columns[col].kind == TOTAL:
                return self._bold
            return None
        if role == _TIP:
            mark = self.mark_at(row, col)
            if mark is not None:
                return "\n".join(f"{mark[0].label}: {m}" for m in mark[1])
            return self.columns[col].tooltip
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.columns):
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].header
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.columns[section].tooltip
            return None
        if not 0 <= section < len(self.rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[section].label
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.rows[section].label
        if role == Qt.ItemDataRole.FontRole and self.rows[section].is_total:
            return self._bold
        return None

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        ref = self.cell_ref(index.row(), index.column())
        if ref is None or self.locked:
            return False
        try:
            parsed = parse_count(value)
        except ParseError as exc:
            self.last_error = f"{self.describe_cell(index.row(), index.column())}: {exc}"
            return False
        new = None if parsed is BLANK else int(parsed)  # type: ignore[arg-type]
        return self.write({(index.row(), index.column()): new}, "Sửa số liệu")

    def write(self, cells: Mapping[tuple[int, int], int | None], label: str) -> bool:
        """Save several cells as one step through the writer; ``False`` if nothing was saved."""
        changes = []
        for (row, col), new in cells.items():
            ref = self.cell_ref(row, col)
            if ref is not None and self.stored(ref) != new:
                changes.append(Change(self.value_key(ref), new))
        if not changes or self.writer is None:
            return False
        return self.writer(changes, label)

    def describe_cell(self, row: int, col: int) -> str:
        """ "Dòng 3 (Hộ tịch), cột (5) Trực tiếp…" for messages."""
        r, c = self.rows[row], self.columns[col]
        if r.indicator:
            return f"Dòng {row + 1} ({r.label})"
        col_text = f"({c.number}) {c.caption}" if c.number else c.caption
        return f"Dòng {row + 1} ({r.label}), cột {col_text.replace(chr(10), ' ')}"

    last_error: str = ""


class FieldGridModel(FigureModel):
    """Rows = the active fields of the unit's level (+ inactive ones holding figures)."""

    def build_rows(self, unit_level: Level | None) -> list[Row]:
        fields: list[Field] = load_fields(self.db, unit_level) if unit_level else []
        with_data: set[str] = set()
        if any(not f.active for f in fields) and self.period and self.unit and not self.members:
            with_data = {
                f
                for (_, f, _) in get_values(self.db, self.period, self.unit, self.indicator_codes())
            }
        rows = [
            Row(f.name if f.active else f"{f.name} (ngừng dùng)", field=f.code)
            for f in fields
            if f.active or f.code in with_data
        ]
        if rows:
            rows.append(Row("Tổng cộng", is_total=True))
        return rows

    def indicator_codes(self) -> list[str]:
        return sorted({c.code for c in self.columns if c.kind == INPUT})


class EntryGridModel(FieldGridModel):
    """A form's entry grid (06, 05a): columns and painted cells from the form spec in
    force on the selected period's last day, so a period of a new regulation shows the
    new layout while older periods keep theirs."""

    def __init__(self, db: Database, form: str, parent=None) -> None:
        super().__init__(db, entry_columns(form), parent)
        self.form = form
        self.show_detail = False  # the spec's optional detail columns, hidden by default
        self._use_spec(None)

    def _use_spec(self, on: date | None) -> None:
        spec = entry_spec(self.form, on)
        self.columns = entry_columns(self.form, on, self.show_detail)
        self.highlights = {r.code: r.highlight for r in spec.rules if r.highlight}

    def set_target(
        self,
        period: str | None,
        unit: str | None,
        level: Level | None,
        members: tuple[str, ...] | None = None,
    ) -> None:
        p = get_period(self.db, period) if period else None
        self._use_spec(p.end if p else None)
        super().set_target(period, unit, level, members)


class UnitFigureModel(FigureModel):
    """Rows = per-unit indicators (sections 1–4, 8), one value column."""

    def __init__(self, db: Database, indicators: tuple[str, ...], parent=None) -> None:
        super().__init__(db, (VALUE_COLUMN,), parent)
        self.indicators = indicators

    def build_rows(self, unit_level: Level | None) -> list[Row]:
        imap = indicator_map()
        return [Row(imap[c].label, indicator=c) for c in self.indicators]

    def indicator_codes(self) -> list[str]:
        return list(self.indicators)
