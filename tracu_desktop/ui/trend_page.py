"""A page that draws a period and the periods before it, redrawn only when seen.

Both the dashboard and the service-index page read several periods' figures: redrawing
them on every change while another page is shown would slow typing down, so a change
only marks the page stale and it redraws when it is shown again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from tracu_desktop.ui.context import AppContext
from tracu_desktop.ui.follow import follow


class TrendPage(QWidget):
    """Subclasses fill ``points`` (objects with a ``period`` code) in :meth:`refresh`."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        self.points: list[Any] = []

    def follow_context(self) -> None:
        """Redraw on a new period, on figures of a drawn period and on catalog changes."""
        follow(self, self.ctx.period_changed, self._on_change)
        follow(self, self.ctx.data_changed, self._on_data_changed)
        follow(self, self.ctx.catalog_changed, lambda: self._on_change(""))

    def refresh(self) -> None:
        """Re-read and redraw; the pages override it (and call no base)."""
        self._stale = False

    def _on_change(self, _code: str = "") -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def _on_data_changed(self, code: str) -> None:
        if code == self.ctx.period or code in {p.period for p in self.points}:
            self._on_change(code)

    def showEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        if self._stale:
            self.refresh()
        super().showEvent(event)
