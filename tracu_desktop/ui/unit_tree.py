"""The tree of reporting units beside the entry grids: each level's body with its
offices and general unit, then the communes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from tracu_desktop.core.models import LEVEL_ORDER, Unit, UnitKind

UNIT_ROLE = Qt.ItemDataRole.UserRole + 1
GROUP_PREFIX = "@"  # "@commune": all units of a level without a body of its own
STATE_ROLE = Qt.ItemDataRole.UserRole + 4
NO_DATA, ERRORS, COMPLETE = "no_data", "errors", "complete"
STATE_LOOK = {
    NO_DATA: ("#b8bec7", "chưa có số liệu"),
    ERRORS: ("#d93025", "số liệu còn lỗi"),
    COMPLETE: ("#2e9d4f", "đã có số liệu, không lỗi"),
}


def group_code(level) -> str:
    return f"{GROUP_PREFIX}{level}"


def _dot(color: str) -> QIcon:
    pix = QPixmap(12, 12)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(color))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pix)


class UnitTree(QTreeWidget):
    unit_selected = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.currentItemChanged.connect(self._changed)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._labels: dict[str, str] = {}
        self.units: dict[str, Unit] = {}

    def set_units(self, units: list[Unit], labels: dict[str, str] | None = None) -> None:
        """Show ``units``; ``labels`` overrides a unit's shown name (e.g. with its dates)."""
        current = self.current_unit()
        self.blockSignals(True)
        self.clear()
        self._items = {}
        self._labels = dict(labels or {})
        self.units = {u.code: u for u in units}
        levels = sorted({u.level for u in units}, key=lambda lv: LEVEL_ORDER[lv])
        for level in levels:
            members = [u for u in units if u.level is level]
            body = next((u for u in members if u.kind is UnitKind.BODY), None)
            if body is not None:
                top = self._item(None, body)
            else:
                # The level as a whole: selecting it shows the sum of its units.
                top = QTreeWidgetItem([level.label])
                code = group_code(level)
                top.setData(0, UNIT_ROLE, code)
                top.setToolTip(0, f"{level.label}: tổng số liệu của các đơn vị (chỉ xem)")
                self.addTopLevelItem(top)
                self._items[code] = top
            for u in members:
                if u is not body:
                    self._item(top, u)
            top.setExpanded(True)
        self.blockSignals(False)
        if current in self._items:
            self.select_unit(current, emit=False)

    def _item(self, parent: QTreeWidgetItem | None, unit: Unit) -> QTreeWidgetItem:
        label = self._labels.get(unit.code, unit.name)
        item = QTreeWidgetItem([label])
        item.setData(0, UNIT_ROLE, unit.code)
        item.setToolTip(0, f"{label} ({unit.level.label}, mã {unit.code})")
        if parent is None:
            self.addTopLevelItem(item)
        else:
            parent.addChild(item)
        self._items[unit.code] = item
        return item

    def shown_names(self) -> dict[str, str]:
        """``{unit code: name as shown}`` of the units in the tree."""
        return {code: self._labels.get(code, u.name) for code, u in self.units.items()}

    def set_states(self, states: dict[str, str]) -> None:
        """Mark each unit: no data (grey), errors (red), complete (green)."""
        icons = {k: _dot(color) for k, (color, _t) in STATE_LOOK.items()}
        for code, item in self._items.items():
            state = states.get(code)
            if code.startswith(GROUP_PREFIX) or state is None:
                continue
            unit = self.units.get(code)
            item.setIcon(0, icons[state])
            item.setData(0, STATE_ROLE, state)
            if unit is not None:
                label = self._labels.get(code, unit.name)
                item.setToolTip(
                    0, f"{label} ({unit.level.label}, mã {unit.code}): {STATE_LOOK[state][1]}"
                )

    def unit_state(self, code: str) -> str | None:
        item = self._items.get(code)
        return item.data(0, STATE_ROLE) if item is not None else None

    def current_unit(self) -> str | None:
        item = self.currentItem()
        return item.data(0, UNIT_ROLE) if item is not None else None

    def select_unit(self, code: str, emit: bool = True) -> bool:
        item = self._items.get(code)
        if item is None:
            return False
        if not emit:
            self.blockSignals(True)
        self.setCurrentItem(item)
        self.blockSignals(False)
        return True

    def _changed(self, item: QTreeWidgetItem | None, _prev) -> None:
        code = item.data(0, UNIT_ROLE) if item is not None else None
        if code:
            self.unit_selected.emit(code)
