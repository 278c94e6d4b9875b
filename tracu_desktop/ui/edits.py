"""Saving figures from the GUI with undo.

:func:`save_changes` writes one batch (a typed cell or a whole paste) through
``db.values.apply_changes`` — one transaction, one audit row per changed cell — and
pushes one undo step that remembers the old and new values by full key, so undo works
even after the clerk moved to another unit. Every write emits ``ctx.data_changed``.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from tracu_desktop.db.periods import PeriodError
from tracu_desktop.db.submissions import note_typed_arrival
from tracu_desktop.db.values import SOURCE_TYPED, Change, ChangeResult, apply_changes
from tracu_desktop.ui.context import AppContext


class ValuesCommand(QUndoCommand):
    """One saved batch; the first redo is skipped because the batch is already saved."""

    def __init__(self, ctx: AppContext, results: list[ChangeResult], text: str) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.results = results
        self._done = True

    def _apply(self, new_values: bool) -> None:
        changes = [Change(r.key, r.new if new_values else r.old) for r in self.results]
        try:
            apply_changes(self.ctx.db, changes, SOURCE_TYPED)
        except PeriodError as exc:
            QMessageBox.warning(None, "Không hoàn tác được", str(exc))
        for period in sorted({r.key.period for r in self.results}):
            self.ctx.data_changed.emit(period)

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._apply(True)

    def undo(self) -> None:
        self._apply(False)


def save_changes(
    ctx: AppContext,
    stack: QUndoStack | None,
    changes: list[Change],
    text: str,
    parent: QWidget | None = None,
) -> bool:
    """Save a batch; shows the reason (e.g. a locked period) and returns ``False`` on refusal."""
    try:
        results = apply_changes(ctx.db, changes, SOURCE_TYPED)
    except PeriodError as exc:
        QMessageBox.warning(parent, "Không lưu được", str(exc))
        return False
    if not results:
        return False
    for period in {r.key.period for r in results}:
        note_typed_arrival(ctx.db, period, {r.key.unit for r in results if r.key.period == period})
    if stack is not None:
        stack.push(ValuesCommand(ctx, results, text))
    for period in sorted({r.key.period for r in results}):
        ctx.data_changed.emit(period)
    return True
