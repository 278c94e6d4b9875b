"""Saving figures from the GUI with undo.

:func:`save_changes` writes one batch (a typed cell or a whole paste) through
``db.values.apply_changes`` — one transaction, one audit row per changed cell — and
pushes one undo step that remembers the old and new values by full key, so undo works
even after the clerk moved to another unit. An import is one step too
(:func:`push_import`). Every step's text names its target (page, unit, cell), and
:func:`refusal` tells the main window, before it undoes anything, whether the step can
be undone at all (a locked period), so the stack never moves past a step that failed.
Every write emits ``ctx.data_changed``.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from tracu_desktop.core.entry_spec import column_number
from tracu_desktop.core.indicators import get_indicator
from tracu_desktop.core.models import ValueKey
from tracu_desktop.core.vnformat import format_int
from tracu_desktop.db.catalog import field_map, unit_map
from tracu_desktop.db.handle import Database
from tracu_desktop.db.periods import PeriodError, get_period, is_locked
from tracu_desktop.db.submissions import note_typed_arrival
from tracu_desktop.db.values import SOURCE_TYPED, Change, ChangeResult, apply_changes
from tracu_desktop.ui.context import AppContext
from tracu_desktop.ui.pages import FORM_PAGES, all_pages


def describe_key(db: Database, key: ValueKey) -> str:
    """ "6. Giải quyết TTHC, Thị trấn Trà Cú, Hộ tịch, cột (4)" — where a figure lives."""
    ind = get_indicator(key.indicator)
    labels = {s.key: s.label for s in all_pages()}
    parts = [labels.get(FORM_PAGES.get(ind.form if ind else "", ""), "")]
    unit = unit_map(db).get(key.unit)
    parts.append(unit.name if unit else key.unit)
    if key.field:
        field = field_map(db).get(key.field)
        parts.append(field.name if field else key.field)
    if ind is not None:
        period = get_period(db, key.period)
        number = column_number(key.indicator, period.end if period else None)
        parts.append(f"cột ({number})" if number and key.field else ind.label)
    return ", ".join(p for p in parts if p)


def step_text(db: Database, action: str, results: list[ChangeResult]) -> str:
    """The undo step's name: what was done and where ("Sửa số liệu — …")."""
    if not results:
        return action
    where = describe_key(db, results[0].key)
    if len(results) == 1:
        return f"{action} — {where}"
    return f"{action} ({format_int(len(results))} ô) — {where}…"


class ValuesCommand(QUndoCommand):
    """One saved batch; the first redo is skipped because the batch is already saved."""

    def __init__(self, ctx: AppContext, results: list[ChangeResult], text: str) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.results = results
        self._done = True

    @property
    def target(self) -> ValueKey | None:
        """The first changed figure: undo and redo show it."""
        return self.results[0].key if self.results else None

    def periods(self) -> set[str]:
        return {r.key.period for r in self.results}

    def _apply(self, new_values: bool) -> None:
        changes = [Change(r.key, r.new if new_values else r.old) for r in self.results]
        try:
            apply_changes(self.ctx.db, changes, SOURCE_TYPED)
        except PeriodError as exc:  # checked beforehand by refusal(); a last safeguard
            QMessageBox.warning(None, "Không hoàn tác được", str(exc))
        for period in sorted(self.periods()):
            self.ctx.data_changed.emit(period)

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._apply(True)

    def undo(self) -> None:
        self._apply(False)


def refusal(ctx: AppContext, command: QUndoCommand | None) -> str | None:
    """Why ``command`` cannot be undone or redone now (a locked period), else ``None``."""
    if not isinstance(command, ValuesCommand):
        return None
    for period in sorted(command.periods()):
        if is_locked(ctx.db, period):
            p = get_period(ctx.db, period)
            name = p.title_label() if p else period
            return (
                f"Kỳ báo cáo {name} đã chốt số liệu nên không hoàn tác hay làm lại được "
                f"“{command.text()}”. Muốn sửa, mở khóa kỳ báo cáo trước."
            )
    return None


def push_import(ctx: AppContext, results: list[ChangeResult], source: str) -> None:
    """Make a committed import one undo step that restores every value it changed."""
    if results:
        text = step_text(ctx.db, f"Nhập tệp {source}", results)
        ctx.undo_stack.push(ValuesCommand(ctx, results, text))


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
        stack.push(ValuesCommand(ctx, results, step_text(ctx.db, text, results)))
    for period in sorted({r.key.period for r in results}):
        ctx.data_changed.emit(period)
    return True
